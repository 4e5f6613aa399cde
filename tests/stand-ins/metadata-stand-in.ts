import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { TestPki } from './certificates.ts';
import { startHttpsServer, type LocalHttpsServer, type Stall, type StalledExchange, type Stalling } from './https-server.ts';

/**
 * Where metadata:update and metadata:drift fetch Graph's CSDL, on loopback (docs/stand-ins.md,
 * "Metadata"): the service's `GET /{version}/$metadata`, which needs no token, and the metadata
 * repository's raw files, `GET /microsoftgraph/msgraph-metadata/<ref>/schemas/{version}-Prod.csdl`;
 * and the docs repository's changelog files, `GET
 * /microsoftgraph/microsoft-graph-docs-contrib/<ref>/changelog/<Workload>.json`. Each serves what
 * a test gives it (and a test may change it between nights); what else a real night may do is a
 * switch, off by default, and `stall` holds the connection, the answer or its body as every stand-in can.
 */
export interface MetadataStandInOptions {
  /** The CSDL of each version; a version without one is a 404, as a path the repository lacks. */
  csdl: Partial<Record<'v1.0' | 'beta', string>>;
  /** The changelog files by workload (`Microsoft.Search`), as the docs repository keeps them; another is a 404. */
  changelogs?: Record<string, string>;
  /** Sends `$metadata` without line breaks, as an OData writer that does not indent would (unverified for Graph). */
  compactService?: boolean;
  /** Compresses when the request offers gzip (raw.githubusercontent.com and Graph both do: unverified for `$metadata`). */
  gzip?: boolean;
  /** No Content-Length: the body is chunked, and a client cannot say how much is left. */
  withoutLength?: boolean;
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

const GRAPH_PATH = /^\/(v1\.0|beta)\/\$metadata$/;
const RAW_PATH = /^\/microsoftgraph\/msgraph-metadata\/[^/]+\/schemas\/(v1\.0|beta)-Prod\.csdl$/;
const CHANGELOG_PATH = /^\/microsoftgraph\/microsoft-graph-docs-contrib\/[^/]+\/changelog\/([^/]+)\.json$/;

export class MetadataStandIn implements Stalling {
  readonly requests: SeenRequest[] = [];
  /** A host that holds the connection, the answer or its body (docs/stand-ins.md, "A stalled connection"). */
  stall: Stall | undefined;
  readonly stalled: StalledExchange[] = [];
  private server: LocalHttpsServer | undefined;

  constructor(
    private readonly pki: TestPki,
    readonly options: MetadataStandInOptions,
  ) {}

  /** What GRAPH_METADATA_URL is set to. */
  get graphUrl(): string {
    return this.server?.origin ?? '';
  }

  /** What GRAPH_METADATA_REPOSITORY_URL is set to: the repository at a branch, as raw.githubusercontent.com serves it. */
  repositoryUrl(ref = 'master'): string {
    return `${this.server?.origin ?? ''}/microsoftgraph/msgraph-metadata/${ref}`;
  }

  /** What GRAPH_CHANGELOG_URL is set to: the docs repository at a branch. */
  changelogUrl(ref = 'main'): string {
    return `${this.server?.origin ?? ''}/microsoftgraph/microsoft-graph-docs-contrib/${ref}`;
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
    this.requests.push({ method: request.method ?? 'GET', path, headers: request.headers });
    const service = GRAPH_PATH.exec(path);
    const raw = RAW_PATH.exec(path);
    const changelog = CHANGELOG_PATH.exec(path)?.[1];
    const version = (service ?? raw)?.[1] as 'v1.0' | 'beta' | undefined;
    const file =
      version === undefined ? (changelog === undefined ? undefined : this.options.changelogs?.[changelog]) : this.options.csdl[version];
    if (request.method !== 'GET' || file === undefined) {
      // raw.githubusercontent.com answers a missing file `404: Not Found` as text; Graph answers an OData error.
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('404: Not Found');
      return;
    }
    const text = service && this.options.compactService ? file.replace(/>\s*\n\s*</g, '><') : file;
    let body = Buffer.from(text);
    const headers: Record<string, string> = {
      // Graph answers $metadata as application/xml; raw.githubusercontent.com serves every file as text/plain.
      'content-type': service ? 'application/xml' : 'text/plain; charset=utf-8',
    };
    if (this.options.gzip && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    if (!this.options.withoutLength) headers['content-length'] = String(body.length);
    response.writeHead(200, headers);
    // In parts, as a large answer comes: a client's progress has more than one step to show.
    const part = Math.ceil(body.length / 8);
    for (let start = 0; start < body.length; start += part) response.write(body.subarray(start, start + part));
    response.end();
  }
}
