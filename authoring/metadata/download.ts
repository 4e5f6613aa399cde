import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { rootCertificates } from 'node:tls';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { displayUrl } from '../../harness/shared/display-url.ts';

/**
 * One large file over HTTPS, as a command fetches it: bounded waits (the connection, then the
 * answer and every pause in it), progress as the bytes come, redirects to https followed, the
 * body decompressed. A failure is one message naming the URL, what happened and what to do.
 */
export interface DownloadOptions {
  connectTimeoutMs: number;
  answerTimeoutMs: number;
  /** Bytes received so far over the wire, of `total` when the answer says its length; `encoding` when they are compressed. */
  onProgress?: (progress: { received: number; total: number | undefined; encoding: string | undefined }) => void;
  /** Names the setting to change, for the messages: `GRAPH_METADATA_REPOSITORY_URL`. */
  setting: string;
  /** What a 404 asks the user to check, when not the metadata's setting, version and origin. */
  notFoundHint?: string;
  headers?: Record<string, string>;
  /** Certificates to trust besides Node's own (a local stand-in's); NODE_EXTRA_CA_CERTS does the same for a whole process. */
  ca?: string;
  /** The settings that bound the waits, for the messages; metadata:update's by default. */
  timeoutSettings?: { connect: string; answer: string };
  /** Who asks, as the User-Agent says it: `npm run metadata:update` by default. */
  command?: string;
}

export interface Downloaded {
  /** Where the body came from, after redirects. */
  url: string;
  text: string;
  /** Over the wire, before decompression. */
  received: number;
  /** The answer's Date, ETag and Last-Modified, when it sent them. */
  headers: { date?: string; etag?: string; lastModified?: string; contentType?: string };
}

export class DownloadError extends Error {
  override name = 'DownloadError';
}

const MAX_REDIRECTS = 5;
/** Graph's beta CSDL is about 8 MB; an answer fifty times that is not metadata. */
const MAX_BYTES = 400 * 1024 * 1024;

export async function download(url: string, options: DownloadOptions): Promise<Downloaded> {
  let current = url;
  for (let hops = 0; hops <= MAX_REDIRECTS; hops += 1) {
    const answer = await getOnce(current, options);
    if (answer.kind === 'body') return answer.downloaded;
    const next = new URL(answer.location, current);
    if (next.protocol !== 'https:') {
      throw new DownloadError(`${displayUrl(current)} redirected to ${displayUrl(next.href)}, which is not https: set ${options.setting} to an https URL that answers the file itself.`);
    }
    current = next.href;
  }
  throw new DownloadError(`${displayUrl(url)} redirected more than ${MAX_REDIRECTS} times: set ${options.setting} to the URL the file is at.`);
}

type Answer = { kind: 'body'; downloaded: Downloaded } | { kind: 'redirect'; location: string };

function getOnce(url: string, options: DownloadOptions): Promise<Answer> {
  const shown = displayUrl(url);
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string, cause?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      req.destroy();
      reject(new DownloadError(message, { cause }));
    };
    // A fresh connection each time (no agent): the connect timeout then always times a connection.
    const req = request(url, {
      agent: false,
      ...(options.ca === undefined ? {} : { ca: [...rootCertificates, options.ca] }),
      headers: {
        'accept-encoding': 'gzip, deflate, br',
        'user-agent': `graph-contracts (${options.command ?? 'npm run metadata:update'})`,
        ...options.headers,
      },
    });
    const bounds = options.timeoutSettings ?? { connect: 'GRAPH_METADATA_CONNECT_TIMEOUT_SECONDS', answer: 'GRAPH_METADATA_ANSWER_TIMEOUT_SECONDS' };
    const connectTimer = setTimeout(() => {
      fail(`${shown}: no connection within ${seconds(options.connectTimeoutMs)}: check the network (a proxy, a firewall), or raise ${bounds.connect}. Nothing was written.`);
    }, options.connectTimeoutMs);
    let headersCame = false;
    let received = 0;
    req.on('socket', (socket) => {
      socket.once('secureConnect', () => {
        clearTimeout(connectTimer);
        // Idle time on the connection: before the answer starts, and between its parts.
        socket.setTimeout(options.answerTimeoutMs, () => {
          const what = headersCame
            ? `stopped sending after ${received.toLocaleString('en-US')} bytes and sent nothing more for ${seconds(options.answerTimeoutMs)}`
            : `sent no answer within ${seconds(options.answerTimeoutMs)}`;
          fail(`${shown} ${what}: try again later, or raise ${bounds.answer}. Nothing was written.`);
        });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      fail(`${shown}: cannot fetch it (${error.code ?? error.message}): check the network and ${options.setting}. Nothing was written.`, error);
    });
    req.on('response', (response: IncomingMessage) => {
      headersCame = true;
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && typeof location === 'string') {
        response.resume();
        settled = true;
        req.destroy();
        resolve({ kind: 'redirect', location });
        return;
      }
      if (status !== 200) {
        response.resume();
        const hint =
          status === 404
            ? (options.notFoundHint ?? `it has no such file: check ${options.setting} (and the version), or fetch from the other origin (--from)`)
            : status === 429 || status >= 500
              ? 'the service is busy or failing: try again later'
              : `check ${options.setting}`;
        fail(`${shown} answered ${status} ${response.statusMessage ?? ''}`.trimEnd() + `: ${hint}. Nothing was written.`);
        return;
      }
      const length = Number(response.headers['content-length']);
      const total = Number.isFinite(length) && length > 0 ? length : undefined;
      const decoded = decoder(response.headers['content-encoding']);
      const encoding = decoded === undefined ? undefined : response.headers['content-encoding'];
      if (decoded === 'unknown') {
        response.resume();
        fail(`${shown} answered in an encoding this command cannot read (${String(response.headers['content-encoding'])}). Nothing was written.`);
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_BYTES) fail(`${shown} sent more than ${MAX_BYTES / 1024 / 1024} MB: that is not Graph's metadata; check ${options.setting}. Nothing was written.`);
        options.onProgress?.({ received, total, encoding });
      });
      const body = decoded ?? response;
      if (decoded) {
        response.pipe(decoded);
        decoded.on('error', (error) => {
          fail(`${shown}: its ${String(response.headers['content-encoding'])} body does not decompress (${error.message}): try again. Nothing was written.`, error);
        });
      }
      body.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('close', () => {
        if (response.complete) return;
        fail(`${shown}: the connection closed after ${received.toLocaleString('en-US')} bytes${total === undefined ? '' : ` of ${total.toLocaleString('en-US')}`}: try again. Nothing was written.`);
      });
      body.on('end', () => {
        if (settled) return;
        if (total !== undefined && received < total) {
          fail(`${shown}: the answer ended after ${received.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} bytes: try again. Nothing was written.`);
          return;
        }
        settled = true;
        req.destroy();
        const header = (name: string) => {
          const value = response.headers[name];
          return typeof value === 'string' ? value : undefined;
        };
        resolve({
          kind: 'body',
          downloaded: {
            url,
            text: Buffer.concat(chunks).toString('utf8'),
            received,
            headers: dropUndefined({ date: header('date'), etag: header('etag'), lastModified: header('last-modified'), contentType: header('content-type') }),
          },
        });
      });
    });
    req.end();
  });
}

function decoder(encoding: string | undefined): Transform | undefined | 'unknown' {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return 'unknown';
  }
}

function dropUndefined<T extends Record<string, string | undefined>>(record: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(record).filter((entry) => entry[1] !== undefined)) as { [K in keyof T]?: string };
}
