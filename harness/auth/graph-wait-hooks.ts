import type { SentRequest } from '../transport/exchange.ts';
import type { GraphClientHooks } from '../transport/graph-client.ts';
import { networkFailure } from '../transport/network-failure.ts';
import { NoAnswerError, reportProgress, type ProgressOptions, type WaitBounds } from './wait-bounds.ts';
import { hostOf } from './watched-connection.ts';

/** `GET /beta/external/connections?$select=id`: what a reader can find in the service's logs. */
export function graphRequest(sent: Pick<SentRequest, 'method' | 'url'>): string {
  const url = new URL(sent.url);
  return `${sent.method} ${url.pathname}${url.search}`;
}

/**
 * The Graph client's hooks for the requests the preflight and the sweep send outside a test: each
 * gets Playwright's timeout (one bound, connecting included: Playwright's request cannot tell the
 * two apart), a progress line while it waits, and a NoAnswerError naming the host and the time
 * waited when the bound is reached. Requests go one at a time, as the preflight and the sweep send them.
 */
export function graphWaitHooks(
  root: URL,
  bounds: WaitBounds,
  log: ((line: string) => void) | undefined,
  progress: ProgressOptions = {},
): Required<Pick<GraphClientHooks, 'requestTimeout' | 'onSend' | 'onExchange'>> & {
  explainFailure(request: SentRequest, error: unknown): NoAnswerError | undefined;
} {
  const clock = progress.clock ?? Date.now;
  let waiting: { sentAt: number; stopProgress: () => void } | undefined;
  const settle = (): number => {
    waiting?.stopProgress();
    const sentAt = waiting?.sentAt ?? clock();
    waiting = undefined;
    return sentAt;
  };
  return {
    requestTimeout: () => bounds.answerSeconds * 1000,
    onSend: (sent) => {
      settle();
      const sentAt = clock();
      const awaiting = `Graph (${hostOf(root)}) to answer ${graphRequest(sent)}`;
      const stopProgress = log
        ? reportProgress(() => ({ awaiting, boundSeconds: bounds.answerSeconds, since: sentAt }), log, progress)
        : () => undefined;
      waiting = { sentAt, stopProgress };
    },
    onExchange: () => {
      settle();
    },
    explainFailure: (sent, error) => {
      const sentAt = settle();
      if (networkFailure(error instanceof Error ? error.message : String(error))?.kind !== 'timeout') return undefined;
      return new NoAnswerError({
        service: 'Graph',
        host: hostOf(root),
        request: graphRequest(sent),
        stage: 'answer',
        boundSeconds: bounds.answerSeconds,
        waitedMs: clock() - sentAt,
      });
    },
  };
}
