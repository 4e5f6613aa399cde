import type { TestInfo } from '@playwright/test';
import { validatedCredentialSource } from '../config/credential-source.ts';
import { createTokenProvider } from '../auth/token-provider.ts';
import { waitBounds } from '../auth/wait-bounds.ts';
import { sharedPagePermissions, type PagePermissions } from '../permissions/shared-permissions.ts';
import { sharedRunToken } from '../config/run-token.ts';
import { Redactor } from '../redaction/redact.ts';
import { requestLine, type SentRequest } from '../transport/exchange.ts';
import type { GraphClientHooks } from '../transport/graph-client.ts';
import { answerHeard, networkFailure } from '../transport/network-failure.ts';
import { ledgerBudget, memoryBudget, THROTTLE_LEDGER_VARIABLE, type ThrottleBudget } from '../transport/throttle.ts';
import { notTested } from '../verdict/not-tested.ts';
import type { ModeDependencies } from './types.ts';

/** What a request leaves of the test's timeout for the rest of the test to report it. */
const REQUEST_TIMEOUT_MARGIN_MS = 1_000;

/** What live and record share: they ask the real service, with a real token. */
export interface Service {
  /** Every secret the environment holds, and every token fetched since. */
  redactor: Redactor;
  token(): Promise<string>;
  throttleBudget: ThrottleBudget;
  /** Global setup's comparison of the run's token with the pages' permissions tables. */
  pagePermissions: PagePermissions;
  clientHooks(testInfo: TestInfo): Partial<GraphClientHooks>;
}

export function connectToService({ settings }: ModeDependencies): Service {
  const redactor = Redactor.fromEnvironment(process.env);
  const source = validatedCredentialSource(process.env);
  // The preflight's token, so that a run signs in once whatever its worker count.
  const provider = createTokenProvider(source, `${settings.baseUrl}/.default`, {
    first: sharedRunToken(process.env),
    bounds: waitBounds(settings.answerTimeoutSeconds),
  });
  const ledger = process.env[THROTTLE_LEDGER_VARIABLE];
  return {
    redactor,
    async token() {
      const token = await provider.token();
      redactor.addSecret(token);
      return token;
    },
    // The run's ledger, shared by its workers; a worker's own when no global setup made one.
    throttleBudget: ledger ? ledgerBudget(ledger) : memoryBudget(),
    pagePermissions: sharedPagePermissions(process.env),
    clientHooks(testInfo) {
      const startedAt = Date.now();
      return {
        explainFailure: (request, error) => unreachable(request, error, redactor),
        redactText: (text) => redactor.text(text, { forTest: true }),
        requestTimeout: () =>
          testInfo.timeout === 0 ? undefined : Math.max(1_000, testInfo.timeout - (Date.now() - startedAt) - REQUEST_TIMEOUT_MARGIN_MS),
      };
    },
  };
}

/**
 * A request that got no answer: not tested when the service could not be reached or did not
 * answer in time; any other error (a spec's own mistake) stays what it is, redacted.
 */
function unreachable(request: SentRequest, error: unknown, redactor: Redactor): Error {
  const message = redactor.text(error instanceof Error ? error.message : String(error));
  const failure = networkFailure(message);
  if (!failure) return new Error(message);
  const line = redactor.text(requestLine(request));
  const heard = failure.kind === 'network' ? answerHeard(message) : undefined;
  if (heard) {
    // The service answered and the body was cut off: what it said cannot be judged, so the contract was not tested.
    const answer = `${heard.status}${heard.reason ? ` ${heard.reason}` : ''}${heard.requestId ? ` (request-id ${heard.requestId})` : ''}`;
    return notTested(`the answer was cut off: ${line} answered ${answer}, and the connection ended before its body did (${failure.code})`);
  }
  const cause = failure.kind === 'timeout' ? 'no answer in time' : 'the service could not be reached';
  return notTested(`${cause}: ${line} failed with ${message.split('\n')[0] ?? ''}`);
}
