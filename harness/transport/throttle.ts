import { appendFileSync, openSync, closeSync, readFileSync, unlinkSync } from 'node:fs';
import { retryAfterSeconds } from './retry-after.ts';

export interface ThrottleSettings {
  /** The longest wait one 429 may ask for; a longer `Retry-After` ends the request as throttled. */
  maxWaitSeconds: number;
  /** How many 429s in a row one request may wait out before its 429 is returned. */
  maxRetries: number;
  /** What all of a run's waits may add up to, across workers; then no request waits any more. */
  budgetSeconds: number;
}

/** The seconds a run has waited on 429s, shared by its workers. */
export interface ThrottleBudget {
  spent(): number;
  /** Takes `seconds` if the run's waits stay within `limit`, else takes nothing: one step, whatever the workers. */
  reserve(seconds: number, limit: number): boolean;
}

export interface Wait {
  seconds: number;
  /** Why this long: `Retry-After: 2.128`, or the backoff chosen when the service said nothing. */
  basis: string;
}

/** The wait the `retry`-th 429 in a row (1-based) asks for: its `Retry-After`, or exponential backoff (Graph's throttling guidance) when it says nothing. */
export function askedWait(
  retry: number,
  retryAfter: string | undefined,
  maxWaitSeconds: number,
  now: Date = new Date(),
): Wait & { asked: boolean } {
  const asked = retryAfterSeconds(retryAfter, now);
  if (asked !== undefined) return { seconds: asked, basis: `Retry-After: ${retryAfter ?? ''}`, asked: true };
  const seconds = Math.min(2 ** (retry - 1), maxWaitSeconds);
  return { seconds, basis: `no Retry-After: backing off ${round(seconds)} s`, asked: false };
}

/**
 * Whether to wait out the `retry`-th 429 in a row, and how long; or why not, taking the wait from
 * the run's budget when it waits. No wait may end past `deadline` (epoch ms), when one is given.
 */
export function throttleDecision(
  retry: number,
  retryAfter: string | undefined,
  settings: ThrottleSettings,
  budget: ThrottleBudget,
  now: Date = new Date(),
  deadline?: { at: number; what: string },
): { wait: number; basis: string } | { giveUp: string } {
  if (retry > settings.maxRetries) {
    return {
      giveUp: `still 429 after ${settings.maxRetries} wait${settings.maxRetries === 1 ? '' : 's'} (GRAPH_MAX_THROTTLE_RETRIES=${settings.maxRetries})`,
    };
  }
  const { seconds, basis, asked } = askedWait(retry, retryAfter, settings.maxWaitSeconds, now);
  if (asked && seconds > settings.maxWaitSeconds) {
    return {
      giveUp: `Retry-After: ${retryAfter ?? ''} asks for ${round(seconds)} s, more than GRAPH_MAX_RETRY_AFTER_SECONDS=${settings.maxWaitSeconds}`,
    };
  }
  if (deadline && now.getTime() + seconds * 1000 > deadline.at) {
    return { giveUp: `waiting ${round(seconds)} s would run past ${deadline.what}` };
  }
  if (!budget.reserve(seconds, settings.budgetSeconds)) {
    return {
      giveUp: `the run's throttle budget is spent (${round(budget.spent())} s of GRAPH_THROTTLE_BUDGET_SECONDS=${settings.budgetSeconds} waited; this wait needs ${round(seconds)} s)`,
    };
  }
  return { wait: seconds, basis };
}

/** One process's budget: for a script, or a worker when no run-wide ledger is set. */
export function memoryBudget(): ThrottleBudget {
  let spent = 0;
  return {
    spent: () => spent,
    reserve: (seconds, limit) => {
      if (spent + seconds > limit) return false;
      spent += seconds;
      return true;
    },
  };
}

/**
 * The run's budget, in a file every worker appends its waits to (global setup creates it). A
 * lock file beside it makes reading and taking one step, so two workers cannot both take the last
 * seconds.
 */
export function ledgerBudget(path: string): ThrottleBudget {
  const spent = () =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .reduce((sum, line) => sum + Number(line), 0);
  return {
    spent,
    reserve: (seconds, limit) =>
      whileLocked(`${path}.lock`, () => {
        if (spent() + seconds > limit) return false;
        appendFileSync(path, `${seconds}\n`);
        return true;
      }),
  };
}

const LOCK_PATIENCE_MS = 2_000;

function whileLocked<T>(lock: string, work: () => T): T {
  const deadline = Date.now() + LOCK_PATIENCE_MS;
  let held = false;
  while (!held) {
    try {
      closeSync(openSync(lock, 'wx'));
      held = true;
    } catch {
      // A worker killed while holding the lock must not stall the others for good.
      if (Date.now() > deadline) break;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
  try {
    return work();
  } finally {
    if (held) unlinkSync(lock);
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Where global setup puts the run's throttle ledger, for the workers to find it. */
export const THROTTLE_LEDGER_VARIABLE = 'GRAPH_CONTRACTS_THROTTLE_LEDGER';
