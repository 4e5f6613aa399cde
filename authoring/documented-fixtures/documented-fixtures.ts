import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { diffJson } from '../../harness/replay/mismatch.ts';
import { FixtureError, readFixture, type FixtureFile } from '../../harness/replay/fixture-file.ts';
import { displayPath } from '../../harness/shared/display-path.ts';
import { writeAtomically } from '../../harness/shared/write-atomically.ts';
import { fixturesFromPage, type DerivedFixture } from './fixtures-from-page.ts';
import { loadPage } from '../load-page.ts';
import { pagesIn, PAGES_DIRECTORY } from '../../harness/page/page-record.ts';

export type FixtureState =
  /** The committed fixture is what its page and record produce. */
  | { state: 'in line' }
  /** Not committed yet. */
  | { state: 'missing' }
  /** Committed, and not what the page and record produce now: the page or the record changed, or the fixture was edited. */
  | { state: 'differs'; differences: string[] }
  /** A recording: the service's answer, which a page's example never replaces. */
  | { state: 'recorded'; recordedAt: string }
  /** A documented-example fixture no page record declares: nothing derives it, so nothing keeps it in line. */
  | { state: 'undeclared' }
  /** Not a valid fixture (a hand edit, say): neither replay nor this check can trust it. */
  | { state: 'invalid'; message: string };

export type FixtureReport = FixtureState & { file: string; derived?: DerivedFixture };

export interface Folders {
  pages?: string;
  fixtures: string;
}

/** Every documented-example fixture the pages produce, against what is committed in the fixtures folder. */
export function compareDocumentedFixtures({ pages = PAGES_DIRECTORY, fixtures }: Folders): FixtureReport[] {
  const reports: FixtureReport[] = [];
  for (const files of pagesIn(pages)) {
    const { page, record } = loadPage(files);
    const derived = fixturesFromPage(files.name, page, record);
    for (const one of derived) reports.push({ file: one.file, derived: one, ...stateOf(join(fixtures, one.file), one.fixture) });
    const declared = new Set(derived.map(({ file }) => file));
    const folder = join(fixtures, files.name);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const path = join(files.name, file);
      if (declared.has(path)) continue;
      const committed = JSON.parse(readFileSync(join(fixtures, path), 'utf8')) as Partial<FixtureFile>;
      if (committed.provenance?.source === 'documented-example') reports.push({ file: path, state: 'undeclared' });
    }
  }
  return reports;
}

function stateOf(path: string, derived: FixtureFile): FixtureState {
  if (!existsSync(path)) return { state: 'missing' };
  let committed: FixtureFile;
  try {
    // Validated as replay validates it: a provenance flipped to "recording" by hand lacks what the recorder writes.
    const { label: _label, ...read } = readFixture(path);
    committed = read;
  } catch (error) {
    if (error instanceof FixtureError) return { state: 'invalid', message: error.message };
    throw error;
  }
  if (committed.provenance.source === 'recording') return { state: 'recorded', recordedAt: committed.provenance.recordedAt };
  const { $comment: _comment, ...substance } = committed;
  if (isDeepStrictEqual(substance, derived)) return { state: 'in line' };
  return {
    state: 'differs',
    differences: diffJson(substance, derived, '').map(
      ({ where, recorded, sent }) => `${where.replace(/^\./, '')}: committed ${show(recorded)}, the page gives ${show(sent)}`,
    ),
  };
}

function show(value: unknown): string {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Writes every fixture that is missing or differs; a recording is never replaced. */
export function writeDocumentedFixtures(reports: readonly FixtureReport[], fixtures: string): FixtureReport[] {
  const written = reports.filter((report) => (report.state === 'missing' || report.state === 'differs') && report.derived);
  for (const { file, derived } of written) writeAtomically(join(fixtures, file), `${JSON.stringify(derived?.fixture, null, 2)}\n`);
  return written;
}

/** One line per fixture that is not in line, as a reviewer reads it; empty when all are. */
export function describeReports(reports: readonly FixtureReport[], fixtures: string): string[] {
  const label = (file: string) => displayPath(join(fixtures, file));
  return reports.flatMap((report) => {
    switch (report.state) {
      case 'in line':
      case 'recorded':
        return [];
      case 'missing':
        return [`${label(report.file)}: missing; its page's record declares it.`];
      case 'differs':
        return [
          `${label(report.file)}: differs from what its page and record produce:`,
          ...report.differences.map((line) => `    ${line}`),
        ];
      case 'invalid':
        return [report.message];
      case 'undeclared':
        return [
          `${label(report.file)}: a documented example that no page record declares; declare it in pages/${report.file.split(/[\\/]/)[0]}.json, or delete it.`,
        ];
    }
  });
}
