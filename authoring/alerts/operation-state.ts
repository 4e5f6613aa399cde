import { isSilentBreaking } from '../../harness/report/metadata-drift-file.ts';
import { lastChecked, type MetadataChange, type NightRecord, type NightTest, type RequestEntry } from '../history/night-record.ts';
import { continuations } from '../history/trend-model.ts';

/**
 * What a person can act on, per operation, on the history's last night: a test that fails, a known
 * divergence gone, something left in the tenant, or a silent metadata change that breaks a reader
 * or a writer; each with the night it began. An operation none of whose tests could be tested that
 * night is unknown, not green; a night that could test nothing judges no operation at all.
 */
export type ProblemKind = 'fail' | 'divergence gone' | 'leftover' | 'silent metadata change';

export interface Problem {
  /** Stable across nights: the kind and the test (its id as of tonight) or the change. */
  key: string;
  kind: ProblemKind;
  /** One line a reviewer reads: `❌ fails: 409 for a second create… — Expected…`. */
  text: string;
  /** The first night of the streak that ends tonight (nights that could not say are skipped over). */
  since: string;
  /** The exchanges of a failing test, with their request-ids: what support asks for. */
  exchanges: string[];
}

export interface OperationState {
  operationId: string;
  page: string;
  state: 'red' | 'green' | 'unknown';
  problems: Problem[];
  /** When red: the first night of the streak of red nights that ends tonight, whatever was wrong each night. */
  redSince?: string;
}

export interface NightAlerts {
  night: NightRecord;
  /** Why the night could test nothing, or lost a shard: the run-level issue's reason. */
  couldNotTest?: string;
  operations: OperationState[];
}

/** The alert state of the history's last night (oldest first). */
export function alertStates(history: readonly NightRecord[]): NightAlerts {
  const tonight = history.at(-1);
  if (!tonight) throw new Error('the history holds no night');
  const canonical = continuations(history);
  const perNight = history.map((night, index) => problemsOf(night, index, history, canonical));
  const couldNotTest =
    tonight.notTested ??
    (tonight.stoppedShards.length > 0
      ? tonight.stoppedShards.map((s) => `shard ${s.shard} stopped before its tests (${s.tests} not tested): ${s.why}`).join('; ')
      : undefined);
  const last = perNight.at(-1) ?? new Map<string, NightProblems>();
  const operations = tonight.operations.map((operation): OperationState => {
    const found = last.get(operation.id);
    if (tonight.notTested !== undefined || !found || (!found.tested && found.problems.length === 0)) {
      return { operationId: operation.id, page: operation.page, state: 'unknown', problems: [] };
    }
    const problems = found.problems.map((problem) => ({
      ...problem,
      since: sinceOf((one) => one.key === problem.key, operation.id, perNight, history),
    }));
    if (problems.length === 0) return { operationId: operation.id, page: operation.page, state: 'green', problems };
    return {
      operationId: operation.id,
      page: operation.page,
      state: 'red',
      problems,
      redSince: sinceOf(() => true, operation.id, perNight, history),
    };
  });
  return { night: tonight, ...(couldNotTest === undefined ? {} : { couldNotTest }), operations };
}

interface NightProblems {
  /** Whether any of its tests was tested that night. */
  tested: boolean;
  problems: Omit<Problem, 'since'>[];
}

function problemsOf(
  night: NightRecord,
  index: number,
  history: readonly NightRecord[],
  canonical: (id: string) => string,
): Map<string, NightProblems> {
  const result = new Map<string, NightProblems>();
  const metadata = metadataOf(index, history);
  for (const operation of night.operations) {
    const problems: Omit<Problem, 'since'>[] = [];
    for (const test of operation.tests) {
      if (test.outcome === 'fail') problems.push(testProblem('fail', `❌ fails: ${test.title}`, test, canonical));
      if (test.outcome === 'divergence gone')
        problems.push(testProblem('divergence gone', `🔔 divergence gone: ${test.title}`, test, canonical));
    }
    const leftovers = new Map<string, string[]>();
    for (const leftover of night.leftovers.filter((one) => one.operationId === operation.id)) {
      leftovers.set(leftover.testId, [...(leftovers.get(leftover.testId) ?? []), leftover.description]);
    }
    for (const [testId, descriptions] of leftovers) {
      const title = operation.tests.find((test) => test.id === testId)?.title ?? testId;
      problems.push({
        key: `leftover ${canonical(testId)}`,
        kind: 'leftover',
        text: `🧹 left behind: ${title} — ${descriptions.join('; ')}`,
        exchanges: [],
      });
    }
    for (const change of (metadata.get(operation.id) ?? []).filter(isSilentBreaking)) {
      problems.push({
        key: `metadata ${change.type} ${change.change}`,
        kind: 'silent metadata change',
        text: `🔇 silent metadata change: ${change.type}: ${change.change} (${change.direction ?? 'direction unknown'}; no changelog entry announced it)`,
        exchanges: [],
      });
    }
    const tested = night.notTested === undefined && operation.tests.some((test) => test.outcome !== 'not tested');
    result.set(operation.id, { tested, problems });
  }
  return result;
}

function testProblem(
  kind: 'fail' | 'divergence gone',
  title: string,
  test: NightTest,
  canonical: (id: string) => string,
): Omit<Problem, 'since'> {
  const line = ([method, path, status, requestId]: RequestEntry) =>
    `${method} ${path} → ${status}${requestId ? `, request-id ${requestId}` : ''}`;
  return {
    key: `${kind === 'fail' ? 'fail' : 'gone'} ${canonical(test.id)}`,
    kind,
    text: test.reason ? `${title} — ${test.reason}` : title,
    exchanges: [...test.requests.map(line), ...(test.cleanup ?? []).map((entry) => `cleanup: ${line(entry)}`)],
  };
}

/**
 * Each operation's metadata changes as of night `index`: that night's when it checked the metadata;
 * else those of the last night before it that did, since a drift not checked is unknown, not gone.
 */
function metadataOf(index: number, history: readonly NightRecord[]): Map<string, MetadataChange[]> {
  const night = lastChecked(history, index);
  return new Map((night?.operations ?? []).map((operation) => [operation.id, operation.metadata]));
}

/** The first night of the streak ending tonight of nights with a problem that matches; a night that could not say (unknown) neither ends nor starts it. */
function sinceOf(
  matches: (problem: Omit<Problem, 'since'>) => boolean,
  operationId: string,
  perNight: readonly Map<string, NightProblems>[],
  history: readonly NightRecord[],
): string {
  let since = history.at(-1)?.night ?? '';
  for (let index = perNight.length - 2; index >= 0; index--) {
    const found = perNight[index]?.get(operationId);
    const night = history[index];
    if (found?.problems.some(matches)) {
      since = night?.night ?? since;
      continue;
    }
    const unknown = !found || night?.notTested !== undefined || (!found.tested && found.problems.length === 0);
    if (!unknown) break;
  }
  return since;
}
