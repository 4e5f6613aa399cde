import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite } from '@playwright/test/reporter';
import { firstFilter, orphansForbidden, splitArguments } from '../config/arguments.ts';
import { loadSettings, type Settings } from '../config/settings.ts';
import { FixtureError, fixturePath, fixturesDirectoryOf, readFixtureOf, testName } from '../replay/fixture-file.ts';
import { checkFixtureMap, type FixtureMapFindings } from '../replay/fixture-map.ts';
import { displayPath } from '../shared/display-path.ts';
import { removePartials } from '../shared/write-atomically.ts';

/**
 * Before any test runs (and in `--list`), holds the run's tests against the fixtures folder: a
 * fixture two tests map to fails the run; a file no test uses, or a recording past
 * GRAPH_FIXTURE_MAX_AGE_DAYS, is reported once, and an orphan fails the run with
 * `-- --forbid-orphans` or GRAPH_FORBID_ORPHANS=true. Replay and record only: live reads no fixture.
 */
const STALE_PARTIAL_MS = 60_000;

export default class FixtureCheckReporter implements Reporter {
  private findings: FixtureMapFindings = { shared: [], orphans: [], stale: [] };
  private forbidOrphans = false;

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    let settings: Settings;
    try {
      settings = loadSettings(process.env);
    } catch {
      return; // the config already stopped the run with the message
    }
    if (settings.mode === 'live') return;
    // A partial file another run is writing right now is a second old at most: what is older, a killed run left.
    const partials = removePartials(fixturesDirectoryOf(settings), STALE_PARTIAL_MS).map(
      (path) => `fixtures: removed ${displayPath(path)}: a partial file a killed recording left, never a fixture`,
    );
    if (partials.length > 0) process.stderr.write(`${partials.join('\n')}\n`);
    this.forbidOrphans = orphansForbidden(settings, config.argv);
    const tests = suite
      .allTests()
      .map((test) => ({ file: test.location.file, title: test.title, name: testName(test.titlePath().slice(3)) }));
    // Only a run of every test can tell an orphan from the fixture of a test it left out.
    const filter = firstFilter(splitArguments(config.argv).playwright) ?? specLeftOut(config, tests);
    this.findings = checkFixtureMap({
      tests,
      fixturesDirectory: fixturesDirectoryOf(settings),
      complete: filter === undefined,
      maxAgeDays: settings.fixtureMaxAgeDays,
    });
    const lines = describeFindings(this.findings, settings.fixtureMaxAgeDays, this.forbidOrphans);
    if (settings.mode === 'replay') lines.push(...unreplayable(tests, fixturesDirectoryOf(settings)));
    if (this.forbidOrphans && filter !== undefined)
      lines.push(
        `fixtures: orphans not checked: this run may leave tests out (${filter}), and only a run of every test can tell an orphan.`,
      );
    if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
  }

  onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const red = this.findings.shared.length > 0 || (this.forbidOrphans && this.findings.orphans.length > 0);
    return Promise.resolve(red && result.status === 'passed' ? { status: 'failed' } : undefined);
  }
}

export function describeFindings({ shared, orphans, stale }: FixtureMapFindings, maxAgeDays: number, forbidOrphans: boolean): string[] {
  const lines: string[] = [];
  for (const { path, tests } of shared) {
    lines.push(
      `fixtures: ${tests.length} tests map to one fixture file, ${path}: ${tests.join('; ')}. Titles map to files by lower-case slug: rename one of them.`,
    );
  }
  if (orphans.length > 0) {
    lines.push(
      `fixtures: ${orphans.length} fixture file${orphans.length === 1 ? '' : 's'} no test uses (a renamed or deleted test left ${orphans.length === 1 ? 'it' : 'them'})${forbidOrphans ? '; --forbid-orphans makes this an error' : ''}:`,
      ...orphans.map((path) => `  ${path}`),
    );
  }
  for (const { path, recordedAt, ageDays } of stale) {
    lines.push(
      `fixtures: ${path} was recorded ${ageDays} days ago (${recordedAt.slice(0, 10)}), more than GRAPH_FIXTURE_MAX_AGE_DAYS=${maxAgeDays}: record it again.`,
    );
  }
  return lines;
}

/**
 * The fixtures of this run's tests that cannot be replayed (missing, corrupt, another test's), once
 * each, before any test: each test that reads one is then not tested, never failed.
 */
function unreplayable(tests: readonly { file: string; title: string; name: string }[], fixturesDirectory: string): string[] {
  const problems = new Map<string, string>();
  for (const test of tests) {
    const path = fixturePath(fixturesDirectory, test.file, test.title);
    if (problems.has(path)) continue;
    try {
      readFixtureOf(path, test.name);
    } catch (error) {
      if (!(error instanceof FixtureError)) throw error;
      problems.set(path, error.message.split('\n')[0]?.replace(/:$/, '') ?? '');
    }
  }
  if (problems.size === 0) return [];
  const files = problems.size === 1 ? '1 fixture file cannot' : `${problems.size} fixture files cannot`;
  return [
    `fixtures: ${files} be replayed (each test that reads one is not tested):`,
    ...[...problems.values()].map((problem) => `  ${problem}`),
  ];
}

/**
 * A spec file of the test directory with no test in the run. (A `test.only` that leaves a test of
 * the same file out is not seen here: --forbid-orphans turns forbidOnly on, so it stops the run.)
 */
function specLeftOut(config: FullConfig, tests: readonly { file: string }[]): string | undefined {
  const present = new Set(tests.map((test) => test.file));
  for (const project of config.projects) {
    const missing = readdirSync(project.testDir, { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.spec\.[cm]?[jt]s$/.test(name))
      .find((name) => !present.has(join(project.testDir, name)));
    if (missing) return `no test of ${join(displayPath(project.testDir), missing)}`;
  }
  return undefined;
}
