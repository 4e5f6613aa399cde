import { existsSync, readFileSync } from 'node:fs';
import { describeErrors } from '../../harness/schema/format-errors.ts';
import { harnessValidator } from '../../harness/schema/registry.ts';
import { displayPath } from '../../harness/shared/display-path.ts';
import { writeAtomically } from '../../harness/shared/write-atomically.ts';
import type { ContractMatrix } from '../../harness/report/contract-matrix.ts';
import { HISTORY_FORMAT, nightOf, testsOfNight, type NightLinks, type NightRecord } from './night-record.ts';

/** Bad input to a history command: a missing or unreadable matrix, an option out of range. Exit status 2. */
export class HistoryError extends Error {
  override name = 'HistoryError';
}

/** A line the history could not use: where, and why. */
export interface SkippedLine {
  file: string;
  line: number;
  why: string;
}

export interface History {
  /** Oldest first. */
  nights: NightRecord[];
  skipped: SkippedLine[];
}

/** `history/nights.jsonl:3: skipped: not JSON (Unexpected token …)`: a skipped line as a command prints it. */
export function describeSkipped({ file, line, why }: SkippedLine): string {
  return `${file}:${line}: skipped: ${why}`;
}

/** The history in a file, one night a line; no file is an empty history. A corrupt or foreign line is skipped and said why, never fatal. */
export function readHistory(path: string): History {
  if (!existsSync(path)) return { nights: [], skipped: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new HistoryError(`${displayPath(path)} cannot be read (${(error as Error).message}): check the --history path.`);
  }
  return parseHistory(text, displayPath(path));
}

export function parseHistory(text: string, file: string): History {
  const validate = harnessValidator(new URL('./night-record.schema.json', import.meta.url));
  const nights: NightRecord[] = [];
  const skipped: SkippedLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      skipped.push({ file, line: index + 1, why: `not JSON (${(error as Error).message})` });
      return;
    }
    const format = (data as { format?: unknown } | null)?.format;
    if (format !== HISTORY_FORMAT) {
      skipped.push({
        file,
        line: index + 1,
        why: `not a night of this history (its "format" is ${JSON.stringify(format ?? null)}, not ${JSON.stringify(HISTORY_FORMAT)})`,
      });
      return;
    }
    if (!validate(data)) {
      const [first] = describeErrors(validate.errors ?? [], data);
      const more = (validate.errors?.length ?? 0) - 1;
      skipped.push({
        file,
        line: index + 1,
        why: `not a valid night: at ${first?.path ?? '(root)'} expected ${first?.expected ?? '?'}, found ${first?.actual ?? '?'}${more > 0 ? ` (and ${more} more)` : ''}`,
      });
      return;
    }
    nights.push(data as NightRecord);
  });
  return { nights: sortNights(nights), skipped };
}

/** The history as its file holds it: one night a line, oldest first. */
export function historyText(nights: readonly NightRecord[]): string {
  return nights.map((night) => `${JSON.stringify(night)}\n`).join('');
}

export function writeHistory(path: string, nights: readonly NightRecord[]): void {
  writeAtomically(path, historyText(nights));
}

/** A contract matrix as `history:append` reads it: bad input (exit status 2) when it is missing or not one the history can use. */
export function readMatrix(path: string): ContractMatrix {
  const label = displayPath(path);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new HistoryError(
      `${label} cannot be read as a contract matrix (${(error as Error).message}): give --matrix the test-results/contract-matrix.json a run (or npm run report:merge) wrote.`,
    );
  }
  const validate = harnessValidator(new URL('./matrix-input.schema.json', import.meta.url));
  if (!validate(data)) {
    const [first] = describeErrors(validate.errors ?? [], data);
    throw new HistoryError(
      `${label} is not a contract matrix the history can read: at ${first?.path ?? '(root)'} expected ${first?.expected ?? '?'}, found ${first?.actual ?? '?'}. ` +
        'A matrix written before tests had ids lacks them: run the suite (or npm run report:merge) again with this checkout.',
    );
  }
  return data as ContractMatrix;
}

export interface Appended {
  nights: NightRecord[];
  /** The night the matrix made, as appended (with its `continues` links). */
  night: NightRecord;
  /** True when the history already held this run (the same generatedAt): it was replaced, not added twice. */
  replaced: boolean;
  /** Nights dropped from the front to keep `keep`. */
  dropped: NightRecord[];
}

/**
 * The history with the matrix's night added (or put in place of the same run's), oldest first, at
 * most `keep` nights. A night the history's schema refuses (the matrix's own schema is looser) is
 * bad input: appended, it would be skipped as corrupt by every later reader.
 */
export function appendNight(
  history: readonly NightRecord[],
  matrix: ContractMatrix,
  links: NightLinks,
  keep: number,
  source = 'the contract matrix',
): Appended {
  const others = history.filter((night) => night.generatedAt !== matrix.generatedAt);
  const night = nightOf(matrix, links);
  const validate = harnessValidator(new URL('./night-record.schema.json', import.meta.url));
  if (!validate(night)) {
    const [first] = describeErrors(validate.errors ?? [], night);
    throw new HistoryError(
      `${source} makes a night the history could not read back: at ${first?.path ?? '(root)'} expected ${first?.expected ?? '?'}, found ${first?.actual ?? '?'}. ` +
        'Run the suite (or npm run report:merge) again with this checkout; nothing was appended.',
    );
  }
  const before = sortNights([...others, night]);
  const previous = before[before.indexOf(night) - 1];
  if (previous) linkContinued(night, previous);
  const nights = before.slice(Math.max(0, before.length - keep));
  return { nights, night, replaced: others.length < history.length, dropped: before.slice(0, before.length - nights.length) };
}

/**
 * A test whose code changed under the same title has a new id; when the night before had a test of
 * that operation and title whose id is gone tonight, the new one continues it.
 */
function linkContinued(night: NightRecord, previous: NightRecord): void {
  const tonight = new Set(testsOfNight(night).map(({ test }) => test.id));
  const gone = new Map<string, string>();
  for (const { operation, test } of testsOfNight(previous)) {
    if (!tonight.has(test.id)) gone.set(`${operation.id}\n${test.title}`, test.id);
  }
  const earlier = new Set(testsOfNight(previous).map(({ test }) => test.id));
  for (const { operation, test } of testsOfNight(night)) {
    const continued = earlier.has(test.id) ? undefined : gone.get(`${operation.id}\n${test.title}`);
    if (continued) test.continues = continued;
  }
}

function sortNights(nights: NightRecord[]): NightRecord[] {
  return [...nights].sort((a, b) => a.night.localeCompare(b.night) || a.generatedAt.localeCompare(b.generatedAt));
}
