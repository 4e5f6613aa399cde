import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

/**
 * What a real night's transport does that a plain local server never does, each a switch
 * (docs/stand-ins.md, "Transport"): compressed bodies, and a connection reset half-way through a
 * body. Off by default, so that every other test sees the plain transport it was written against.
 */
export interface TransportQuirks {
  /**
   * Compress every non-empty body in this encoding when the request's Accept-Encoding offers it, as
   * HTTP front ends do (RFC 9110 §12.5.3); `ignoreAcceptEncoding` compresses whatever the request
   * offered (`identity` included), as a front end that ignores the header would.
   */
  compression?: { encoding: 'gzip' | 'deflate' | 'br'; ignoreAcceptEncoding?: boolean };
  /** Answer this many milliseconds late (0: at once): a service that is slow, after it has done what was asked. */
  answerDelayMs?: (method: string, path: string) => number;
  /** For the answers it picks: the status line, the headers and half the body, then the connection ends. */
  resetMidBody?: (method: string, path: string, status: number) => boolean;
}

const COMPRESS = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;

/** What the transport did to one answer, for the stand-in's log. */
export interface Sent {
  /** The Content-Encoding the body went out in, when it was compressed. */
  encoding?: string;
  /** The connection was reset half-way through the body. */
  reset?: true;
}

/** Writes one answer through the quirks that are on. */
export function sendAnswer(
  request: IncomingMessage,
  response: ServerResponse,
  answer: { status: number; headers: Record<string, string>; text: string },
  quirks: TransportQuirks,
): Sent {
  const method = request.method ?? 'GET';
  const path = new URL(request.url ?? '/', 'https://127.0.0.1').pathname;
  let body = Buffer.from(answer.text);
  const headers = { ...answer.headers };
  const sent: Sent = {};
  const { compression } = quirks;
  if (compression && body.length > 0 && (compression.ignoreAcceptEncoding || accepts(request, compression.encoding))) {
    body = COMPRESS[compression.encoding](body);
    headers['content-encoding'] = compression.encoding;
    headers.vary = 'Accept-Encoding';
    sent.encoding = compression.encoding;
  }
  if (quirks.resetMidBody?.(method, path, answer.status) && body.length > 1) {
    // A length the body never reaches: the client has the status line and headers, then the connection ends
    // (destroyed, not reset: a TLS socket cannot be reset from Node, and the client hears the same cut-off body).
    response.writeHead(answer.status, { ...headers, 'content-length': String(body.length) });
    response.write(body.subarray(0, Math.floor(body.length / 2)), () => {
      response.socket?.destroy();
    });
    return { ...sent, reset: true };
  }
  response.writeHead(answer.status, headers);
  response.end(body);
  return sent;
}

/** Whether the request's Accept-Encoding offers the coding (a q of 0 refuses it). */
function accepts(request: IncomingMessage, encoding: string): boolean {
  const offered = request.headers['accept-encoding'] ?? '';
  return offered.split(',').some((part) => {
    const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
    const q = parameters.map((parameter) => /^\s*q=([\d.]+)/.exec(parameter)?.[1]).find(Boolean);
    return (name === encoding || name === '*') && (q === undefined || Number(q) > 0);
  });
}
