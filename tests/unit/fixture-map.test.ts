import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { fixtureOf, testName } from '../../harness/replay/fixture-file.ts';
import { checkFixtureMap } from '../../harness/replay/fixture-map.ts';
import { describeFindings } from '../../harness/report/fixture-check-reporter.ts';

function fixturesFolder(files: Record<string, unknown>): string {
  const directory = test.info().outputPath('fixtures');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(directory, name, '..'), { recursive: true });
    writeFileSync(join(directory, name), JSON.stringify(content));
  }
  return directory;
}

const spec = '/project/specs/create-connection.spec.ts';
const recording = (recordedAt: string) => ({ provenance: { source: 'recording', recordedAt } });
const documented = { provenance: { source: 'documented-example' } };

test('two titles with one slug share a fixture file: found, naming both tests', () => {
  const findings = checkFixtureMap({
    tests: [
      { file: spec, title: '201 creates the connection', name: 'POST /x › 201 creates the connection' },
      { file: spec, title: '201: Creates the connection', name: 'POST /x › 201: Creates the connection' },
      { file: spec, title: '409 for a duplicate id', name: 'POST /x › 409 for a duplicate id' },
    ],
    fixturesDirectory: fixturesFolder({}),
    complete: true,
    maxAgeDays: 30,
  });
  expect(findings.shared).toHaveLength(1);
  expect(findings.shared[0]?.path).toMatch(/fixtures\/create-connection\/201-creates-the-connection\.json$/);
  expect(findings.shared[0]?.tests.map((name) => name.replace(/^.*create-connection\.spec\.ts: /, ''))).toEqual([
    'POST /x › 201 creates the connection',
    'POST /x › 201: Creates the connection',
  ]);
});

test('one test listed several times (--repeat-each, a second project) shares its fixture with no one', () => {
  const test201 = { file: spec, title: '201 creates the connection', name: 'POST /x › 201 creates the connection' };
  const findings = checkFixtureMap({
    tests: [test201, test201, test201],
    fixturesDirectory: fixturesFolder({}),
    complete: true,
    maxAgeDays: 30,
  });
  expect(findings.shared).toEqual([]);
});

test("a running test's fixture: its spec's folder, its title's slug, and its title path below the file (an anonymous describe adds nothing)", () => {
  const info = {
    file: spec,
    title: '201: Creates the connection',
    titlePath: ['create-connection.spec.ts', 'POST /x', '', '201: Creates the connection'],
  };
  expect(fixtureOf('/fixtures', info)).toEqual({
    path: '/fixtures/create-connection/201-creates-the-connection.json',
    test: 'POST /x › 201: Creates the connection',
  });
  expect(testName(['', '201 creates'])).toBe('201 creates');
});

test('a file no test uses is an orphan, but only when the run holds every test', () => {
  const directory = fixturesFolder({
    'create-connection/201-creates-the-connection.json': documented,
    'create-connection/old-title.json': documented,
  });
  const tests = [{ file: spec, title: '201 creates the connection', name: '201 creates the connection' }];
  expect(checkFixtureMap({ tests, fixturesDirectory: directory, complete: true, maxAgeDays: 30 }).orphans).toEqual([
    expect.stringMatching(/create-connection\/old-title\.json$/),
  ]);
  expect(checkFixtureMap({ tests, fixturesDirectory: directory, complete: false, maxAgeDays: 30 }).orphans).toEqual([]);
});

test('a recording older than the limit is reported with its age; a documented example never expires', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  const directory = fixturesFolder({
    'create-connection/a.json': recording('2026-10-17T10:00:00.000Z'),
    'create-connection/b.json': recording('2026-11-20T10:00:00.000Z'),
    'create-connection/c.json': documented,
  });
  const tests = ['a', 'b', 'c'].map((title) => ({ file: spec, title, name: title }));
  const findings = checkFixtureMap({ tests, fixturesDirectory: directory, complete: true, maxAgeDays: 30, now });
  expect(findings.stale).toEqual([
    { path: expect.stringMatching(/create-connection\/a\.json$/) as unknown, recordedAt: '2026-10-17T10:00:00.000Z', ageDays: 44 },
  ]);
  expect(describeFindings(findings, 30, false)).toEqual([
    expect.stringMatching(
      /^fixtures: .*create-connection\/a\.json was recorded 44 days ago \(2026-10-17\), more than GRAPH_FIXTURE_MAX_AGE_DAYS=30: record it again\.$/,
    ),
  ]);
});
