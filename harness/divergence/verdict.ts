import { isDeepStrictEqual } from 'node:util';
import type { Exchange } from '../transport/exchange.ts';
import type { Divergence } from './registry.ts';

/** Who produced the answers a test saw: the service (live, record, replay of a recording) or the page's own examples. */
export type AnsweredBy = 'service' | 'documented-example';

export const UPDATE_THE_REGISTRY = 'the service now matches the page: update the registry (known-divergences.json)';

/**
 * After a test whose whole outcome is a known divergence, answered by the service: undefined if
 * it still diverges as known, else why the run must go red.
 */
export function wholeTestVerdict(entry: Divergence, testPassed: boolean, exchanges: readonly Exchange[]): string | undefined {
  if (testPassed) return `Divergence [${entry.id}] is gone: ${UPDATE_THE_REGISTRY}.`;
  const pattern = operationPattern(entry.operation);
  const answer = exchanges.find((exchange) => pattern.test(`${exchange.request.method} ${new URL(exchange.request.url).pathname}`));
  const known = entry.knownAnswer.status ?? [];
  if (!answer) return `Divergence [${entry.id}] expects ${entry.operation} to be answered ${known.join(' or ')}, but the test never sent it: the failure is not the known divergence.`;
  if (!known.includes(answer.response.status)) {
    return `${entry.operation} answered ${answer.response.status}, not the known divergence [${entry.id}] (${known.join(' or ')}): a new failure, not the one the registry tolerates.`;
  }
  return undefined;
}

/**
 * One claim of a response under a known divergence: the documented value when the page's examples
 * answered; the service's known value otherwise. Undefined when it holds.
 */
export function claimVerdict(entry: Divergence, answeredBy: AnsweredBy, body: unknown): string | undefined {
  const property = entry.claim ?? '';
  const actual = body !== null && typeof body === 'object' && property in body ? (body as Record<string, unknown>)[property] : null;
  const shown = actual === null ? '(absent)' : JSON.stringify(actual);
  if (answeredBy === 'documented-example') {
    return isDeepStrictEqual(actual, entry.documented)
      ? undefined
      : `${property} is ${shown}; the page documents ${JSON.stringify(entry.documented)}.`;
  }
  if (isDeepStrictEqual(actual, entry.documented)) return `${property} is ${shown}, as the page documents: divergence [${entry.id}] is gone; ${UPDATE_THE_REGISTRY}.`;
  const known = entry.knownAnswer.values ?? [];
  if (known.some((value) => isDeepStrictEqual(value, actual))) return undefined;
  return `${property} is ${shown}: neither what the page documents (${JSON.stringify(entry.documented)}) nor the service's known answer under [${entry.id}] (${known.map((v) => (v === null ? '(absent)' : JSON.stringify(v))).join(', ')}).`;
}

function operationPattern(operation: string): RegExp {
  const escaped = operation
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`);
}
