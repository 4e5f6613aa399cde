import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeReports, runSuite, scratchDirectory, testsOf } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';
import { GREEN_OPERATION_OUTCOMES, GREEN_TOTALS, SUITE_OPERATIONS, SUITE_TEST_TITLES } from '../support/suite-facts.ts';

test('the contract matrix has one row per operation, with its outcome, as Markdown and JSON', async ({ standIns }) => {
  const matrixDir = scratchDirectory('matrix');
  const summary = join(matrixDir, 'step-summary.md');

  const live = await runSuite({ ...(await standIns.env('secret')), GRAPH_MATRIX_DIR: matrixDir, GITHUB_STEP_SUMMARY: summary });

  expect(live.code, live.output).toBe(0);
  const matrix = live.matrix();
  expect(matrix.mode).toBe('live');
  expect(Object.fromEntries(matrix.operations.map((row) => [row.operation, row.outcome]))).toEqual(GREEN_OPERATION_OUTCOMES);
  expect(matrix.totals).toEqual(GREEN_TOTALS);
  expect(matrix.operations.flatMap((row) => row.tests.map((t) => [t.outcome, t.reason]))).toContainEqual([
    'expected divergence',
    'the service diverges from the page as known: connectors-create-not-served',
  ]);
  expect([...new Set(matrix.operations.flatMap((row) => row.answeredBy))]).toEqual(['the service (live)']);
  const markdown = readFileSync(join(matrixDir, 'contract-matrix.md'), 'utf8');
  expect(markdown).toContain('| `POST /connectors` | ⚠️ expected divergence |');
  expect(readFileSync(summary, 'utf8')).toBe(`${markdown}\n`);

  standIns.graph.profile = 'documented';
  const documented = await runSuite({ ...(await standIns.env('secret')), GRAPH_MATRIX_DIR: matrixDir });
  // Four divergences, each in a test of its own, are gone: the three whole-test ones and the type name's claim.
  expect(documented.matrix().totals).toEqual({
    ...GREEN_TOTALS,
    'divergence gone': 4,
    'expected divergence': 0,
    pass: SUITE_TEST_TITLES.length - 4,
  });
});

test('JUnit has one test case per test', async () => {
  const run = await runSuite({});

  expect(run.code, run.output).toBe(0);
  const junit = readFileSync(join(run.outputDirectory, 'junit.xml'), 'utf8');
  expect(junit.match(/<testcase /g)).toHaveLength(SUITE_TEST_TITLES.length);
  expect(junit).toContain(
    'name="POST /external/connections › 503 for a broken result-layout card, then 409 on retry: the connection was created"',
  );
});

test('two shards merge into one complete report', async () => {
  // As in CI: each shard writes its own blob (the blob reporter empties its folder first), then they are gathered.
  const blobs = scratchDirectory('blobs');
  for (const shard of [1, 2]) {
    const own = scratchDirectory(`shard-${shard}`);
    const run = await runSuite({ PLAYWRIGHT_BLOB_OUTPUT_DIR: own }, [`--shard=${shard}/2`]);
    expect(run.code, run.output).toBe(0);
    expect(testsOf(run.report()).length).toBeLessThan(SUITE_TEST_TITLES.length);
    cpSync(own, blobs, { recursive: true });
  }
  expect(readdirSync(blobs).sort()).toEqual(['report-1.zip', 'report-2.zip']);

  const merged = await mergeReports(blobs, { GRAPH_MATRIX_DIR: blobs });

  expect(merged.code, merged.output).toBe(0);
  const tests = testsOf(merged.report());
  expect(tests.map((t) => t.title).sort()).toEqual(SUITE_TEST_TITLES);
  expect(tests.map((t) => t.status)).toEqual(SUITE_TEST_TITLES.map(() => 'passed'));
  expect(readFileSync(join(merged.outputDirectory, 'html', 'index.html'), 'utf8')).toContain('playwrightReportBase64');
  expect(readFileSync(join(merged.outputDirectory, 'junit.xml'), 'utf8').match(/<testcase /g)).toHaveLength(SUITE_TEST_TITLES.length);
  expect(
    merged
      .matrix()
      .operations.map((row) => row.operation)
      .sort(),
  ).toEqual(Object.keys(SUITE_OPERATIONS).sort());
});
