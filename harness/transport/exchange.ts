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

export function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
