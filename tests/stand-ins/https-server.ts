import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import type { TestPki } from './certificates.ts';

export interface LocalHttpsServer {
  origin: string;
  stop(): Promise<void>;
}

/**
 * Where a stalled host stops (docs/stand-ins.md, "A stalled connection"): `connection` accepts the
 * TCP connection and says nothing, so the TLS handshake never completes; `answer` completes it, reads
 * the request and sends no status line; `body` sends a 200's status line, its headers and the start
 * of its body, then nothing more.
 */
export type StallPoint = 'connection' | 'answer' | 'body';

export type Stall = { at: 'connection' } | { at: 'answer' | 'body'; only?: (method: string, path: string) => boolean };

/** One exchange a stall held: the connection, or the request it never finished answering. */
export interface StalledExchange {
  at: StallPoint;
  method?: string;
  path?: string;
}

/** What a stand-in exposes as its switch: set `stall`, read `stalled`. */
export interface Stalling {
  stall: Stall | undefined;
  readonly stalled: StalledExchange[];
}

/**
 * An HTTPS server on a free loopback port, with the run's certificate; the handler gets the whole
 * body. Connections arrive through a plain TCP listener first, so that `stalling.stall` can hold one
 * before TLS; `stop()` ends every connection, a held one too.
 */
export async function startHttpsServer(
  pki: TestPki,
  handle: (request: IncomingMessage, body: string, response: ServerResponse) => void,
  stalling?: Stalling,
): Promise<LocalHttpsServer> {
  // Every connection, so that stop() ends them all: one still in its TLS handshake, one a stall holds.
  const sockets = new Set<Socket>();
  const server = createServer({ key: pki.serverKey, cert: pki.serverCert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const method = request.method ?? 'GET';
      const path = new URL(request.url ?? '/', 'https://127.0.0.1').pathname;
      const stall = stalling?.stall;
      if (stalling && stall && stall.at !== 'connection' && (stall.only?.(method, path) ?? true)) {
        stalling.stalled.push({ at: stall.at, method, path });
        if (stall.at === 'body') {
          const body = JSON.stringify({ value: 'x'.repeat(256) });
          response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
          response.write(body.slice(0, 16));
        }
        return;
      }
      handle(request, Buffer.concat(chunks).toString(), response);
    });
  });
  const listener = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (stalling?.stall?.at === 'connection') {
      stalling.stalled.push({ at: 'connection' });
      // A client that gives up resets the connection: nothing to report.
      socket.on('error', () => undefined);
      return;
    }
    server.emit('connection', socket);
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  return {
    origin: `https://127.0.0.1:${(listener.address() as AddressInfo).port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) =>
        listener.close(() => {
          resolve();
        }),
      );
    },
  };
}

/** A stand-in that answers JSON: `answer` gives the status and body; an error in it is a 500 in OAuth's shape, never a hung request. */
export function startJsonServer(
  pki: TestPki,
  answer: (request: IncomingMessage, body: string) => Promise<{ status: number; body: unknown }>,
  stalling?: Stalling,
): Promise<LocalHttpsServer> {
  return startHttpsServer(
    pki,
    (request, body, response) => {
      answer(request, body)
        .then(({ status, body: json }) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(json));
        })
        .catch((error: unknown) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: 'server_error', error_description: String(error) }));
        });
    },
    stalling,
  );
}
