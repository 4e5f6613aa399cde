/** One request as the suite sent it and, once answered, what came back. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, else the text; absent when there is no body. */
  body?: unknown;
}

export interface ReceivedResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface Exchange {
  request: SentRequest;
  response: ReceivedResponse;
}

/** A response body as a report shows it: absent when empty. */
export function parseBody(text: string): unknown {
  return text === '' ? undefined : jsonOrText(text);
}

/** A body as recorded or sent: JSON text becomes its value; anything else stays as it is. */
export function jsonOrText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** `POST /beta/external/connections`: a request as messages name it, without host or query. */
export function requestLine(request: Pick<SentRequest, 'method' | 'url'>): string {
  return `${request.method} ${pathOf(request)}`;
}

export function pathOf(request: Pick<SentRequest, 'url'>): string {
  return new URL(request.url).pathname;
}
