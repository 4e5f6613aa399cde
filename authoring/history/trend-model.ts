import type { Outcome } from '../../harness/verdict/outcome.ts';
import type { MetadataChange, NightLeftover, NightRecord, NightTest, RequestEntry } from './night-record.ts';

/** One night, as a column of the trend page. */
export interface TrendNight {
  night: string;
  /** The date, and the time too when two runs share a date. */
  label: string;
  generatedAt: string;
  mode: string;
  runUrl?: string;
  reportUrl?: string;
  notTested?: string;
  /** Whether the night's metadata drift was checked; absent when no drift report was given that night. */
  metadataDrift?: NightRecord['metadataDrift'];
  stoppedShards: NightRecord['stoppedShards'];
  leftovers: NightLeftover[];
  /** 429s waited out that night, all tests together. */
  throttleWaits: number;
}

/** One test on one night. */
export interface TrendCell {
  outcome: Outcome;
  reason?: string;
  ms: number;
  /** `POST /beta/external/connections → 400, request-id 5f0c…`, for a cell that is not a pass: what support asks for. */
  exchanges: string[];
}

export interface TrendTest {
  /** The id of its latest night (the ids it had before, when its code changed, lead here). */
  id: string;
  title: string;
  case: string;
  /** One per night, oldest first; undefined where the test was not in that night's run. */
  cells: (TrendCell | undefined)[];
  /** The first night in the window it failed (❌), by index. */
  firstFailed?: number;
  /** When its last tested night failed: the first night of that failing streak (nights that could not test it inside it), by index. */
  redSince?: number;
  /** The latest night its outcome differed from the last night it was tested before. */
  lastSwitch?: { night: number; from: Outcome; to: Outcome };
  /** How often its outcome changed between nights it was tested: flakiness over the window. */
  flips: number;
  /** Nights it was tested (any outcome but not tested). */
  tested: number;
}

/** p50 and p95 of one night's values, or of the window's. */
export interface Percentiles {
  p50: number;
  p95: number;
  count: number;
}

export interface TrendOperation {
  id: string;
  method: string;
  path: string;
  version: string;
  page: string;
  tests: TrendTest[];
  /** Its worst outcome each night (undefined where none of its tests ran). */
  worst: (Outcome | undefined)[];
  /** Seconds its tests took each night (not tested left out), and over the window. */
  duration: { nights: (Percentiles | undefined)[]; window: Percentiles | undefined };
  /** Seconds from a create to its resource readable (a poll until 2xx that got it), each night and over the window. */
  readable: ConsistencySeries;
  /** Seconds from a delete to its resource gone (a poll until 404 that got it). */
  gone: ConsistencySeries;
  /** The metadata changes the drift check reported each night (empty where there were none, or it did not run). */
  metadata: MetadataChange[][];
}

export interface ConsistencySeries {
  nights: (Percentiles | undefined)[];
  window: Percentiles | undefined;
  /** Polls that ended without the status they waited for: the service took longer than the poll's bound. */
  unreached: number;
}

export interface RetryAfterSeen {
  /** As the 429s sent it; `none` when they sent no Retry-After (the harness backed off). */
  value: string;
  waits: number;
  nights: number;
  lastNight: string;
}

export interface TrendModel {
  nights: TrendNight[];
  operations: TrendOperation[];
  retryAfter: RetryAfterSeen[];
}

const OUTCOME_ORDER: readonly Outcome[] = ['fail', 'divergence gone', 'not tested', 'expected divergence', 'pass'];

/** What the trend page shows, from the history's nights (oldest first). */
export function trendModel(history: readonly NightRecord[]): TrendModel {
  const nights = history.map((night, index) => trendNight(night, history[index - 1], history[index + 1]));
  const canonical = continuations(history);
  const operations = new Map<string, TrendOperation>();
  const tests = new Map<string, TrendTest>();
  const size = history.length;
  // Newest first, so rows take the latest night's order, titles and ids; tests gone since follow.
  for (let index = size - 1; index >= 0; index--) {
    for (const operation of history[index]?.operations ?? []) {
      let row = operations.get(operation.id);
      if (!row) {
        const { id, method, path, version, page } = operation;
        row = { id, method, path, version, page, tests: [], worst: [], duration: emptySeries(size), ...consistency(size), metadata: [] };
        operations.set(id, row);
      }
      row.metadata[index] = operation.metadata;
      for (const test of operation.tests) {
        const key = canonical(test.id);
        let trend = tests.get(key);
        if (!trend) {
          trend = {
            id: test.id,
            title: test.title,
            case: test.case,
            cells: Array<TrendCell | undefined>(size).fill(undefined),
            flips: 0,
            tested: 0,
          };
          tests.set(key, trend);
          row.tests.push(trend);
        }
        trend.cells[index] = cellOf(test);
      }
    }
  }
  const model = [...operations.values()];
  for (const operation of model) {
    for (const test of operation.tests) Object.assign(test, switches(test.cells));
    fillOperationSeries(operation, history);
  }
  return { nights, operations: model, retryAfter: retryAfterSeen(history) };
}

function trendNight(night: NightRecord, before: NightRecord | undefined, after: NightRecord | undefined): TrendNight {
  const sharedDate = before?.night === night.night || after?.night === night.night;
  const throttleWaits = night.operations.flatMap((o) => o.tests).reduce((sum, t) => sum + (t.throttled?.length ?? 0), 0);
  return {
    night: night.night,
    label: sharedDate ? `${night.night} ${night.generatedAt.slice(11, 16)}` : night.night,
    generatedAt: night.generatedAt,
    mode: night.mode,
    ...(night.runUrl ? { runUrl: night.runUrl } : {}),
    ...(night.reportUrl ? { reportUrl: night.reportUrl } : {}),
    ...(night.notTested ? { notTested: night.notTested } : {}),
    ...(night.metadataDrift ? { metadataDrift: night.metadataDrift } : {}),
    stoppedShards: night.stoppedShards,
    leftovers: night.leftovers,
    throttleWaits,
  };
}

/** Maps every id a test had to the id it has in its latest night, following `continues` links. */
export function continuations(history: readonly NightRecord[]): (id: string) => string {
  const next = new Map<string, string>();
  for (const night of history)
    for (const operation of night.operations)
      for (const test of operation.tests) {
        if (test.continues && test.continues !== test.id) next.set(test.continues, test.id);
      }
  return (id) => {
    const seen = new Set<string>();
    let current = id;
    while (next.has(current) && !seen.has(current)) {
      seen.add(current);
      current = next.get(current) ?? current;
    }
    return current;
  };
}

function cellOf(test: NightTest): TrendCell {
  const line =
    (by: string) =>
    ([method, path, status, requestId]: RequestEntry) =>
      `${by}${method} ${path} → ${status}${requestId ? `, request-id ${requestId}` : ''}`;
  const exchanges = test.outcome === 'pass' ? [] : [...test.requests.map(line('')), ...(test.cleanup ?? []).map(line('cleanup: '))];
  return { outcome: test.outcome, ...(test.reason ? { reason: test.reason } : {}), ms: test.ms, exchanges };
}

/** First failure, last switch and flips, from a test's cells. */
function switches(
  cells: readonly (TrendCell | undefined)[],
): Pick<TrendTest, 'firstFailed' | 'redSince' | 'lastSwitch' | 'flips' | 'tested'> {
  const found: Pick<TrendTest, 'firstFailed' | 'redSince' | 'lastSwitch' | 'flips' | 'tested'> = { flips: 0, tested: 0 };
  let previous: Outcome | undefined;
  // A night that could not test says nothing of the contract: neither a switch nor a flip.
  cells.forEach((cell, night) => {
    if (!cell || cell.outcome === 'not tested') return;
    if (cell.outcome === 'fail' && found.firstFailed === undefined) found.firstFailed = night;
    if (cell.outcome !== 'fail') delete found.redSince;
    else if (previous !== 'fail') found.redSince = night;
    found.tested++;
    if (previous !== undefined && cell.outcome !== previous) {
      found.flips++;
      found.lastSwitch = { night, from: previous, to: cell.outcome };
    }
    previous = cell.outcome;
  });
  return found;
}

function emptySeries(size: number): TrendOperation['duration'] {
  return { nights: Array<Percentiles | undefined>(size).fill(undefined), window: undefined };
}

function consistency(size: number): Pick<TrendOperation, 'readable' | 'gone'> {
  return { readable: { ...emptySeries(size), unreached: 0 }, gone: { ...emptySeries(size), unreached: 0 } };
}

function fillOperationSeries(operation: TrendOperation, history: readonly NightRecord[]): void {
  const all = { duration: [] as number[], readable: [] as number[], gone: [] as number[] };
  history.forEach((night, index) => {
    const tests = night.operations.find((o) => o.id === operation.id)?.tests ?? [];
    const outcomes = tests.map((t) => t.outcome);
    operation.worst[index] = OUTCOME_ORDER.find((outcome) => outcomes.includes(outcome));
    const seconds = tests.filter((t) => t.outcome !== 'not tested').map((t) => t.ms / 1000);
    operation.duration.nights[index] = percentiles(seconds);
    all.duration.push(...seconds);
    for (const [series, awaited] of [
      ['readable', (until: number) => until >= 200 && until < 300],
      ['gone', (until: number) => until === 404],
    ] as const) {
      const polls = tests.flatMap((t) => t.polls ?? []).filter((poll) => awaited(poll.until));
      const reached = polls.filter((poll) => poll.status === poll.until).map((poll) => poll.waited);
      operation[series].nights[index] = percentiles(reached);
      operation[series].unreached += polls.length - reached.length;
      all[series].push(...reached);
    }
  });
  operation.duration.window = percentiles(all.duration);
  operation.readable.window = percentiles(all.readable);
  operation.gone.window = percentiles(all.gone);
}

/** Nearest-rank percentiles: each is a value that was seen, never an interpolation. */
export function percentiles(values: readonly number[]): Percentiles | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), count: sorted.length };
}

function retryAfterSeen(history: readonly NightRecord[]): RetryAfterSeen[] {
  const seen = new Map<string, { waits: number; nights: Set<string>; lastNight: string }>();
  for (const night of history) {
    for (const test of night.operations.flatMap((o) => o.tests)) {
      for (const wait of test.throttled ?? []) {
        const value = wait.retryAfter ?? 'none';
        const entry = seen.get(value) ?? { waits: 0, nights: new Set<string>(), lastNight: night.night };
        entry.waits++;
        entry.nights.add(night.generatedAt);
        entry.lastNight = night.night;
        seen.set(value, entry);
      }
    }
  }
  return [...seen]
    .map(([value, { waits, nights, lastNight }]) => ({ value, waits, nights: nights.size, lastNight }))
    .sort((a, b) => b.waits - a.waits || a.value.localeCompare(b.value, undefined, { numeric: true }));
}
