import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Validator } from '../schema/compiled-validators.ts';
import { harnessValidator } from '../schema/registry.ts';
import { describeErrors, formatViolations } from '../schema/format-errors.ts';
import { displayPath } from '../shared/display-path.ts';

/** A nock definition (`nock.define`): one request the service answered. */
export interface Interaction {
  scope: string;
  method: string;
  path: string;
  body?: unknown;
  reqheaders?: Record<string, string>;
  status: number;
  response?: unknown;
  rawHeaders?: Record<string, string> | string[];
  responseIsBinary?: boolean;
  /** The Content-Encoding the service sent the body in; recorded decoded, replayed as such (nock ignores this field). */
  contentEncoding?: string;
}

export type Provenance =
  | { source: 'documented-example'; page: string; note: string }
  | { source: 'recording'; recordedAt: string; baseUrl: string; outcome: string; note?: string };

export interface FixtureFile {
  $comment?: string;
  /** The test it answers, as its title path: `POST /external/connections › 201 creates the connection in draft state`. */
  test: string;
  provenance: Provenance;
  values: Record<string, string>;
  interactions: Interaction[];
}

export interface LoadedFixture extends FixtureFile {
  /** Where it was read from, relative to the working directory, for messages. */
  label: string;
}

export const DEFAULT_FIXTURES_DIRECTORY = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The folder replay reads and record writes: GRAPH_FIXTURES_DIR, or the repository's `fixtures/`. */
export function fixturesDirectoryOf(settings: { fixturesDirectory: string | undefined }): string {
  return resolve(settings.fixturesDirectory ?? DEFAULT_FIXTURES_DIRECTORY);
}

/** `fixtures/<spec file without .spec.ts>/<test title as a slug>.json` */
export function fixturePath(fixturesDirectory: string, specFile: string, testTitle: string): string {
  return join(fixturesDirectory, specFolder(specFile), `${slug(testTitle)}.json`);
}

/** The folder of a spec's fixtures: its file name without `.spec.ts`. */
export function specFolder(specFile: string): string {
  return (
    specFile
      .replace(/\\/g, '/')
      .split('/')
      .pop()
      ?.replace(/\.spec\.[cm]?[jt]s$/, '') ?? 'spec'
  );
}

/** How a fixture names its test: the title path below the file, `describe › title` (an anonymous describe adds nothing). */
export function testName(titlePath: readonly string[]): string {
  return titlePath.filter((title) => title !== '').join(' › ');
}

/** Where a running test's fixture is, and how the fixture names the test. */
export function fixtureOf(
  fixturesDirectory: string,
  testInfo: { file: string; title: string; titlePath: readonly string[] },
): { path: string; test: string } {
  return { path: fixturePath(fixturesDirectory, testInfo.file, testInfo.title), test: testName(testInfo.titlePath.slice(1)) };
}

export function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 96)
    .replace(/-+$/, '');
}

export class FixtureError extends Error {
  override name = 'FixtureError';
}

/**
 * How the reason of a test begins when its fixture, not the service, could not answer (missing,
 * corrupt, another test's, or not what the test sends): nothing was asked of anyone, so the test is
 * not tested, never a contract fail.
 */
export const FIXTURE_CANNOT_ANSWER = 'the fixture cannot answer: ';

/** The fixture of the test named `test` (`describe › title`): readable, valid, and this test's own. */
export function readFixtureOf(path: string, test: string): LoadedFixture {
  const fixture = readFixture(path);
  if (fixture.test !== test) {
    throw new FixtureError(
      `${fixture.label} answers the test "${fixture.test}", not this one ("${test}"): two titles map to one fixture file, or the test was renamed. ` +
        'Rename one of the tests, or re-record this one (GRAPH_MODE=record).',
    );
  }
  return fixture;
}

let validateFixture: Validator | undefined;

export function readFixture(path: string): LoadedFixture {
  const label = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new FixtureError(
      `No replay fixture for this test: expected ${label}.\n` +
        "Record one against a test tenant (GRAPH_MODE=record, see README), or derive one from the page's documented example.",
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FixtureError(
      `${label} is not valid JSON (${(error as Error).message}). Fix the file, or re-record it with GRAPH_MODE=record.`,
    );
  }
  validateFixture ??= harnessValidator(new URL('./fixture-file.schema.json', import.meta.url));
  if (!validateFixture(data)) {
    const violations = describeErrors(validateFixture.errors ?? [], data);
    throw new FixtureError(
      `${label} is not a valid replay fixture:\n${formatViolations(violations)}\nFix the file, or re-record it with GRAPH_MODE=record.`,
    );
  }
  return { ...(data as FixtureFile), label };
}

export function describeProvenance(provenance: Provenance): string {
  return provenance.source === 'documented-example'
    ? `documented example (${provenance.page}), not a recording`
    : `recorded ${provenance.recordedAt} against ${provenance.baseUrl}; the recorded run ${provenance.outcome}`;
}
