import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestPki } from './certificates.ts';

export interface LocalHttpsServer {
  origin: string;
  stop(): Promise<void>;
}

/** An HTTPS server on a free loopback port, with the run's certificate; the handler gets the whole body. */
export async function startHttpsServer(
  pki: TestPki,
  handle: (request: IncomingMessage, body: string, response: ServerResponse) => void,
): Promise<LocalHttpsServer> {
  const server = createServer({ key: pki.serverKey, cert: pki.serverCert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      handle(request, Buffer.concat(chunks).toString(), response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
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
): Promise<LocalHttpsServer> {
  return startHttpsServer(pki, (request, body, response) => {
    answer(request, body)
      .then(({ status, body: json }) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'server_error', error_description: String(error) }));
      });
  });
}
