import { requestLine, type Exchange, type SentRequest } from './exchange.ts';

/** What one test sent and was answered, as it happens; verdicts and cleanup read it afterwards. */
export class Traffic {
  readonly exchanges: Exchange[] = [];
  private pending: { request: SentRequest; since: number } | undefined;

  sent(request: SentRequest): void {
    this.pending = { request, since: Date.now() };
  }

  answered(exchange: Exchange): void {
    this.pending = undefined;
    this.exchanges.push(exchange);
  }

  /** The request still waiting for its answer, if any: what a timed-out test was waiting on. */
  unanswered(): { request: SentRequest; since: number } | undefined {
    return this.pending;
  }

  /** The last answer the test got, to name in a failing verdict. */
  last(): Exchange | undefined {
    return this.exchanges.at(-1);
  }
}

/** `POST /beta/external/connections → 201, request-id 1234`: an exchange as a verdict names it. */
export function describeExchange({ request, response }: Exchange): string {
  const requestId = response.headers['request-id'];
  return `${requestLine(request)} → ${response.status}${requestId ? `, request-id ${requestId}` : ''}`;
}
