import { changelogState } from '../../harness/report/metadata-drift-file.ts';
import type { Outcome } from '../../harness/verdict/outcome.ts';
import { lastChecked, type MetadataChange, type NightRecord } from './night-record.ts';
import { continuations } from './trend-model.ts';

/** One test that changed since the last night it was tested: `POST /beta/external/connections › 409 for a second create…`. */
export interface ChangedTest {
  operationId: string;
  title: string;
  /** Its outcome the last night before tonight it was tested (not tested, for a test newly not tested: last night's). */
  from: Outcome | undefined;
  to: Outcome;
}

/** What changed between the history's last two nights: what the job summary's one line says. */
export interface NightChanges {
  /** The night before, or undefined for the history's first night. */
  since: string | undefined;
  tonight: string;
  tests: number;
  newFailures: ChangedTest[];
  fixed: ChangedTest[];
  divergencesGone: ChangedTest[];
  /** Tests that could be tested last night and not tonight (a token, a permission, throttling). */
  newlyNotTested: ChangedTest[];
  /** Tests whose outcome changed in no way listed above (a divergence known again, a new test that passes). */
  otherChanges: number;
  /** Metadata changes reported tonight that the last night to check the metadata did not report (npm run metadata:drift); none when tonight did not check. */
  metadataChanges: { operationId: string; change: MetadataChange }[];
  leftovers: number;
}

const GREEN: readonly Outcome[] = ['pass', 'expected divergence'];

/**
 * The changes of the last night; undefined for an empty history. A test tested tonight is compared
 * with the last night it was tested, as the trend page's last switch and the alerts do: a night that
 * could not test it says nothing of it, so failing before and after one is no new failure, and
 * passing after one is a fix. A test not tested tonight is news only if last night tested it.
 */
export function nightChanges(history: readonly NightRecord[]): NightChanges | undefined {
  const tonight = history.at(-1);
  if (!tonight) return undefined;
  const before = history.at(-2);
  const canonical = continuations(history);
  const lastNight = new Map<string, Outcome>();
  for (const operation of before?.operations ?? []) for (const test of operation.tests) lastNight.set(canonical(test.id), test.outcome);
  const lastTested = new Map<string, Outcome>();
  for (const night of history.slice(0, -1))
    for (const operation of night.operations)
      for (const test of operation.tests) if (test.outcome !== 'not tested') lastTested.set(canonical(test.id), test.outcome);
  const changes: NightChanges = {
    since: before?.night,
    tonight: tonight.night,
    tests: 0,
    newFailures: [],
    fixed: [],
    divergencesGone: [],
    newlyNotTested: [],
    otherChanges: 0,
    metadataChanges: [],
    leftovers: tonight.leftovers.length,
  };
  // A night that did not check the metadata says nothing of it; one that did is compared with the last night that did.
  const metadataBefore = tonight.metadataDrift?.checked === true ? lastChecked(history, history.length - 2) : undefined;
  for (const operation of tonight.operations) {
    for (const test of operation.tests) {
      changes.tests++;
      const key = canonical(test.id);
      const from = test.outcome === 'not tested' ? lastNight.get(key) : (lastTested.get(key) ?? lastNight.get(key));
      const changed: ChangedTest = { operationId: operation.id, title: test.title, from, to: test.outcome };
      if (!before || from === test.outcome) continue;
      if (test.outcome === 'fail') changes.newFailures.push(changed);
      else if (test.outcome === 'divergence gone') changes.divergencesGone.push(changed);
      else if (test.outcome === 'not tested' && from !== undefined) changes.newlyNotTested.push(changed);
      else if (from === 'fail' && GREEN.includes(test.outcome)) changes.fixed.push(changed);
      else changes.otherChanges++;
    }
    if (tonight.metadataDrift?.checked !== true) continue;
    const known = new Set(
      (metadataBefore?.operations.find((o) => o.id === operation.id)?.metadata ?? []).map((change) => JSON.stringify(change)),
    );
    for (const change of operation.metadata) {
      if (!known.has(JSON.stringify(change))) changes.metadataChanges.push({ operationId: operation.id, change });
    }
  }
  return changes;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** ` (1 silent, 1 unknown)`: how many of tonight's new metadata changes no changelog entry announced, and of how many the changelog could not say. */
function silentCount(changes: NightChanges): string {
  const count = (state: string) => changes.metadataChanges.filter(({ change }) => changelogState(change) === state).length;
  const parts = (['silent', 'unknown'] as const).flatMap((state) => (count(state) > 0 ? [`${count(state)} ${state}`] : []));
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
const MAX_NAMED = 3;

/** `POST /beta/external/connections › 409 for a second create with the same id`, up to three, then how many more. */
function named(tests: readonly ChangedTest[]): string {
  const names = tests.slice(0, MAX_NAMED).map((t) => `${t.operationId} › ${t.title}`);
  return tests.length > MAX_NAMED ? `${names.join('; ')}; and ${tests.length - MAX_NAMED} more` : names.join('; ');
}

/**
 * The one line a reviewer reads first: `Since 2026-05-01: 1 new failure (…), 1 fixed, 1 divergence
 * gone, 2 metadata changes.`; what did not happen is not listed.
 */
export function describeChanges(changes: NightChanges | undefined): string {
  if (!changes) return 'The history holds no night yet.';
  const leftovers = changes.leftovers > 0 ? ` ${plural(changes.leftovers, 'leftover')} tonight.` : '';
  if (changes.since === undefined) return `First night in the history (${changes.tonight}): ${plural(changes.tests, 'test')}.${leftovers}`;
  const parts = [
    changes.newFailures.length > 0 ? `${plural(changes.newFailures.length, 'new failure')} (${named(changes.newFailures)})` : '',
    changes.fixed.length > 0 ? `${changes.fixed.length} fixed (${named(changes.fixed)})` : '',
    changes.divergencesGone.length > 0
      ? `${plural(changes.divergencesGone.length, 'divergence')} gone (${named(changes.divergencesGone)})`
      : '',
    changes.newlyNotTested.length > 0 ? `${changes.newlyNotTested.length} newly not tested` : '',
    changes.metadataChanges.length > 0 ? `${plural(changes.metadataChanges.length, 'metadata change')}${silentCount(changes)}` : '',
    changes.otherChanges > 0 ? plural(changes.otherChanges, 'other outcome change') : '',
  ].filter(Boolean);
  const said = parts.length > 0 ? `${parts.join(', ')}.` : `no test changed its outcome (${plural(changes.tests, 'test')}).`;
  return `Since ${changes.since}: ${said}${leftovers}`;
}
