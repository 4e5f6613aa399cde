import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedResponse {
  status: number;
  /** `null` leaves a header out (the default Content-Type, say). */
  headers?: Record<string, string | null>;
  body?: unknown;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback HTTP server that answers from a script, in order, and logs what it received. */
export class ScriptedServer {
  readonly received: ReceivedRequest[] = [];
  private readonly script: ScriptedResponse[] = [];
  private server: Server | undefined;

  answer(...responses: ScriptedResponse[]): this {
    this.script.push(...responses);
    return this;
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString(),
        });
        const next = this.script.shift() ?? {
          status: 500,
          body: { error: { code: 'scriptExhausted', message: 'no scripted answer left' } },
        };
        const body = next.body === undefined ? '' : typeof next.body === 'string' ? next.body : JSON.stringify(next.body);
        const headers: Record<string, string | null> = { 'content-type': 'application/json', ...next.headers };
        response.writeHead(
          next.status,
          Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null)),
        );
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server?.close(() => {
        resolve();
      }),
    );
  }
}
