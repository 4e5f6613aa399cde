import { isDeepStrictEqual } from 'node:util';
import { requestLine, type Exchange } from '../transport/exchange.ts';
import { describeAnswer, untestableCause } from '../verdict/not-tested.ts';
import { isJsonObject } from '../shared/json-object.ts';
import type { Divergence } from './registry.ts';
import { operationPattern } from '../shared/operation.ts';

/** Who produced the answers a test saw: the service (live, record, replay of a recording) or the page's own examples. */
export type AnsweredBy = 'service' | 'documented-example';

export const UPDATE_THE_REGISTRY = 'the service now matches the page: update the registry (known-divergences.json)';

/** Why a test under a whole-test divergence must be red: the divergence is gone, the failure is another, or the service could not be asked. */
export interface WholeTestProblem {
  kind: 'gone' | 'other' | 'not tested';
  problem: string;
}

/**
 * After a test whose whole outcome is a known divergence, answered by the service: undefined if
 * it still diverges as known, else why the run must go red.
 */
export function checkWholeTest(entry: Divergence, testPassed: boolean, exchanges: readonly Exchange[]): WholeTestProblem | undefined {
  if (testPassed) return { kind: 'gone', problem: `Divergence [${entry.id}] is gone: ${UPDATE_THE_REGISTRY}.` };
  const pattern = operationPattern(entry.operation);
  const answer = exchanges.find((exchange) => pattern.test(requestLine(exchange.request)));
  const known = entry.knownAnswer.status ?? [];
  if (!answer) {
    return {
      kind: 'other',
      problem: `Divergence [${entry.id}] expects ${entry.operation} to be answered ${known.join(' or ')}, but the test never sent it: the failure is not the known divergence.`,
    };
  }
  const { status, headers, body } = answer.response;
  if (known.includes(status)) return undefined;
  const described = describeAnswer(status, headers, typeof body === 'string' ? body : JSON.stringify(body ?? ''));
  const cause = untestableCause(status);
  if (cause)
    return {
      kind: 'not tested',
      problem: `${cause}: ${entry.operation} answered ${described}, so divergence [${entry.id}] could not be checked.`,
    };
  return {
    kind: 'other',
    problem: `${entry.operation} answered ${described}, not the known divergence [${entry.id}] (${known.join(' or ')}): a new failure, not the one the registry tolerates.`,
  };
}

/**
 * One claim of a response under a known divergence: the documented value when the page's examples
 * answered; the service's known value otherwise. Undefined when it holds; `gone` when the service
 * now answers as the page documents.
 */
export function checkClaim(entry: Divergence, answeredBy: AnsweredBy, body: unknown): { problem: string; gone: boolean } | undefined {
  const property = entry.claim ?? '';
  const actual = isJsonObject(body) && property in body ? body[property] : null;
  const shown = actual === null ? '(absent)' : JSON.stringify(actual);
  if (answeredBy === 'documented-example') {
    return isDeepStrictEqual(actual, entry.documented)
      ? undefined
      : { problem: `${property} is ${shown}; the page documents ${JSON.stringify(entry.documented)}.`, gone: false };
  }
  if (isDeepStrictEqual(actual, entry.documented)) {
    return {
      problem: `${property} is ${shown}, as the page documents: divergence [${entry.id}] is gone; ${UPDATE_THE_REGISTRY}.`,
      gone: true,
    };
  }
  const known = entry.knownAnswer.values ?? [];
  if (known.some((value) => isDeepStrictEqual(value, actual))) return undefined;
  return {
    problem: `${property} is ${shown}: neither what the page documents (${JSON.stringify(entry.documented)}) nor the service's known answer under [${entry.id}] (${known.map((v) => (v === null ? '(absent)' : JSON.stringify(v))).join(', ')}).`,
    gone: false,
  };
}
