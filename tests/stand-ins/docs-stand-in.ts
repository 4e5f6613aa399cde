import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import type { TestPki } from './certificates.ts';
import { startHttpsServer, type LocalHttpsServer, type Stall, type StalledExchange, type Stalling } from './https-server.ts';

/**
 * raw.githubusercontent.com on loopback, for `npm run new-spec <URL>` (docs/stand-ins.md, "GitHub's
 * raw files"): `GET /<owner>/<repository>/<ref>/<path>` answers the file of `folder` at `<path>`,
 * as `text/plain; charset=utf-8` (raw.githubusercontent.com serves every file so), and a path it
 * does not hold `404` with the text `404: Not Found`. `html` plays a host that answers a web page
 * instead (a proxy's sign-in page, a mirror that is not one); `stall` holds the connection, the
 * answer or its body, as every stand-in can.
 */
export interface DocsStandInOptions {
  /** The repository's files, as a checkout holds them (`api-reference/v1.0/api/…`). */
  folder: string;
  repository: string;
  /** The refs it serves the folder at: a branch, a commit. */
  refs: string[];
}

export interface SeenRequest {
  method: string;
  path: string;
}

export class DocsStandIn implements Stalling {
  readonly requests: SeenRequest[] = [];
  stall: Stall | undefined;
  readonly stalled: StalledExchange[] = [];
  /** Answer every file with an HTML page, as a host that is no raw file server does. */
  html = false;
  private server: LocalHttpsServer | undefined;

  constructor(
    private readonly pki: TestPki,
    readonly options: DocsStandInOptions,
  ) {}

  /** What GRAPH_DOCS_RAW_URL is set to. */
  get rawBase(): string {
    return this.server?.origin ?? '';
  }

  async start(): Promise<void> {
    this.server = await startHttpsServer(
      this.pki,
      (request, _body, response) => {
        this.answer(request, response);
      },
      this,
    );
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'https://127.0.0.1').pathname);
    this.requests.push({ method: request.method ?? 'GET', path });
    if (this.html) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Sign in to continue.</body></html>\n');
      return;
    }
    const file = this.fileOf(path);
    if (request.method !== 'GET' || file === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('404: Not Found');
      return;
    }
    const body = readFileSync(file);
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(body.length) });
    response.end(body);
  }

  private fileOf(path: string): string | undefined {
    const prefix = this.options.refs.map((ref) => `/${this.options.repository}/${ref}/`).find((candidate) => path.startsWith(candidate));
    if (prefix === undefined) return undefined;
    const file = normalize(join(this.options.folder, path.slice(prefix.length)));
    if (!file.startsWith(normalize(this.options.folder) + sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
    return file;
  }
}
