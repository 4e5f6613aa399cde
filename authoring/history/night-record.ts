import type { ContractMatrix, MatrixTest } from '../../harness/report/contract-matrix.ts';
import type { MetadataChange } from '../../harness/report/metadata-drift-file.ts';
import type { Outcome } from '../../harness/verdict/outcome.ts';

/** What every line of the history says it is: a line without it is foreign, and skipped. */
export const HISTORY_FORMAT = 'graph-contracts history 1';

/**
 * The nights the history keeps: GitHub keeps a run's artifacts (the night's report a cell links to)
 * 90 days by default, so each night in the window still has its report; and at 500 tests the trend
 * page of 90 nights stays under 2 MB.
 */
export const HISTORY_NIGHTS = 90;

/** `[method, path template, status, request-id or null]`: compact, one per request. */
export type RequestEntry = [string, string, number, string | null];

export interface PollEntry {
  path: string;
  until: number;
  status: number;
  attempts: number;
  /** Seconds waited between attempts: the service's time to consistency, to the poll's interval. */
  waited: number;
}

export interface ThrottleEntry {
  path: string;
  /** As the 429 sent it; absent when it sent none (the harness backed off). */
  retryAfter?: string;
  seconds: number;
}

/** One change to the metadata of a type an operation uses, as `npm run metadata:drift` reports it. */
export type { MetadataChange } from '../../harness/report/metadata-drift-file.ts';

export interface NightTest {
  id: string;
  title: string;
  case: string;
  outcome: Outcome;
  /** Absent for a pass. */
  reason?: string;
  ms: number;
  requests: RequestEntry[];
  /** What cleanup sent after the test, when it sent anything. */
  cleanup?: RequestEntry[];
  polls?: PollEntry[];
  throttled?: ThrottleEntry[];
  /** The id this test had on the night before, when its code changed under the same title: the trend page keeps one row. */
  continues?: string;
}

export interface NightOperation {
  id: string;
  method: string;
  path: string;
  version: string;
  page: string;
  metadata: MetadataChange[];
  tests: NightTest[];
}

export interface NightLeftover {
  operationId: string;
  testId: string;
  description: string;
}

/** One night of the history: one line of the file. */
export interface NightRecord {
  format: typeof HISTORY_FORMAT;
  /** `2026-05-01`: the date the night is filed under. */
  night: string;
  /** The merged matrix's own time: a night appended twice replaces itself. */
  generatedAt: string;
  mode: string;
  runUrl?: string;
  reportUrl?: string;
  notTested?: string;
  /** Whether that night's metadata drift was checked (absent: no drift report was given the run: not checked either). */
  metadataDrift?: { checked: boolean; why?: string };
  stoppedShards: { shard: string; why: string; tests: number }[];
  leftovers: NightLeftover[];
  operations: NightOperation[];
}

export interface NightLinks {
  night?: string;
  runUrl?: string;
  reportUrl?: string;
}

/** The night a merged contract matrix tells of, compact: per test what a trend needs, nothing a report alone needs. */
export function nightOf(matrix: ContractMatrix, links: NightLinks = {}): NightRecord {
  return {
    format: HISTORY_FORMAT,
    night: links.night ?? matrix.generatedAt.slice(0, 10),
    generatedAt: matrix.generatedAt,
    mode: matrix.mode,
    ...(links.runUrl ? { runUrl: links.runUrl } : {}),
    ...(links.reportUrl ? { reportUrl: links.reportUrl } : {}),
    ...(matrix.notTested ? { notTested: matrix.notTested } : {}),
    ...(matrix.metadataDrift
      ? {
          metadataDrift: {
            checked: matrix.metadataDrift.checked,
            ...(matrix.metadataDrift.why === undefined ? {} : { why: matrix.metadataDrift.why }),
          },
        }
      : {}),
    stoppedShards: matrix.stoppedShards.map(({ shard, why, tests }) => ({ shard, why, tests })),
    leftovers: matrix.leftovers.map(({ operationId, testId, description }) => ({ operationId, testId, description })),
    operations: matrix.operations.map((row) => ({
      id: row.operationId,
      method: row.method,
      path: row.path,
      version: row.version,
      page: row.pageName,
      metadata: row.metadata?.changes ?? [],
      tests: row.tests.map(nightTestOf),
    })),
  };
}

function nightTestOf(t: MatrixTest): NightTest {
  const cleanup = t.requests
    .filter((r) => r.cleanup)
    .map(({ method, path, status, requestId }): RequestEntry => [method, path, status, requestId ?? null]);
  const polls: PollEntry[] = t.polls
    .filter((poll) => !poll.replayed)
    .map(({ path, until, status, attempts, waitedSeconds }) => ({ path, until, status, attempts, waited: waitedSeconds }));
  const throttled: ThrottleEntry[] = t.throttled
    .filter((wait) => wait.waited)
    .map(({ path, retryAfter, seconds }) => ({ path, ...(retryAfter === undefined ? {} : { retryAfter }), seconds }));
  return {
    id: t.id,
    title: t.title,
    case: t.case,
    outcome: t.outcome,
    ...(t.reason ? { reason: t.reason } : {}),
    ms: t.durationMs,
    requests: t.requests.filter((r) => !r.cleanup).map(({ method, path, status, requestId }) => [method, path, status, requestId ?? null]),
    ...(cleanup.length > 0 ? { cleanup } : {}),
    // Replayed polls and waits slept nothing: they say nothing of the service's time.
    ...(polls.length > 0 ? { polls } : {}),
    ...(throttled.length > 0 ? { throttled } : {}),
  };
}

/**
 * The last night at or before `index` whose metadata drift was checked. A night without a drift
 * report (the drift job died, or the run was given none) knows no more than one whose check failed.
 */
export function lastChecked(history: readonly NightRecord[], index: number): NightRecord | undefined {
  for (let at = Math.min(index, history.length - 1); at >= 0; at--) {
    if (history[at]?.metadataDrift?.checked === true) return history[at];
  }
  return undefined;
}

/** Every test of a night, with its operation. */
export function testsOfNight(night: NightRecord): { operation: NightOperation; test: NightTest }[] {
  return night.operations.flatMap((operation) => operation.tests.map((test) => ({ operation, test })));
}
