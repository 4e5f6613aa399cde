import { appendFileSync, readFileSync } from 'node:fs';
import { retryAfterSeconds } from './retry-after.ts';

export interface ThrottleSettings {
  /** The longest wait one 429 may ask for; a longer `Retry-After` ends the request as throttled. */
  maxWaitSeconds: number;
  /** How many 429s in a row one request may wait out before its 429 is returned. */
  maxRetries: number;
  /** What all of a run's waits may add up to, across workers; then no request waits any more. */
  budgetSeconds: number;
}

/** The seconds a run has waited on 429s so far, shared by its workers. */
export interface ThrottleBudget {
  spent(): number;
  spend(seconds: number): void;
}

export type ThrottleDecision = { wait: number; basis: string } | { giveUp: string };

/**
 * What to do with the `retry`-th 429 in a row (1-based): wait as `Retry-After` says, or back off
 * exponentially when it says nothing (Graph's throttling guidance); or give up, saying why.
 */
export function throttleDecision(
  retry: number,
  retryAfter: string | undefined,
  settings: ThrottleSettings,
  budget: ThrottleBudget,
  now: Date = new Date(),
): ThrottleDecision {
  if (retry > settings.maxRetries) {
    return { giveUp: `still 429 after ${settings.maxRetries} wait${settings.maxRetries === 1 ? '' : 's'} (GRAPH_MAX_THROTTLE_RETRIES=${settings.maxRetries})` };
  }
  const asked = retryAfterSeconds(retryAfter, now);
  if (asked !== undefined && asked > settings.maxWaitSeconds) {
    return { giveUp: `Retry-After: ${retryAfter ?? ''} asks for ${round(asked)} s, more than GRAPH_MAX_RETRY_AFTER_SECONDS=${settings.maxWaitSeconds}` };
  }
  const wait = asked ?? Math.min(2 ** (retry - 1), settings.maxWaitSeconds);
  const spent = budget.spent();
  if (spent + wait > settings.budgetSeconds) {
    return { giveUp: `the run's throttle budget is spent (${round(spent)} s of GRAPH_THROTTLE_BUDGET_SECONDS=${settings.budgetSeconds} waited; this wait needs ${round(wait)} s)` };
  }
  return { wait, basis: asked === undefined ? `no Retry-After: backing off ${round(wait)} s` : `Retry-After: ${retryAfter ?? ''}` };
}

/** One process's budget: for a script, or a worker when no run-wide ledger is set. */
export function memoryBudget(): ThrottleBudget {
  let spent = 0;
  return {
    spent: () => spent,
    spend: (seconds) => {
      spent += seconds;
    },
  };
}

/** The run's budget, in a file every worker appends its waits to (global setup creates it). */
export function ledgerBudget(path: string): ThrottleBudget {
  return {
    spent: () =>
      readFileSync(path, 'utf8')
        .split('\n')
        .filter(Boolean)
        .reduce((sum, line) => sum + Number(line), 0),
    spend: (seconds) => {
      appendFileSync(path, `${seconds}\n`);
    },
  };
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Where global setup puts the run's throttle ledger, for the workers to find it. */
export const THROTTLE_LEDGER_VARIABLE = 'GRAPH_CONTRACTS_THROTTLE_LEDGER';
