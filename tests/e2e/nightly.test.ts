import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mergeReports, PROJECT_ROOT, runSuite, runSweep, testsOf } from '../support/run-suite.ts';
import { leftovers } from '../stand-ins/graph-stand-in.ts';
import { expect, test } from '../support/stand-in-test.ts';
import { GREEN_TOTALS, PREFLIGHT_REQUESTS, SUITE_TEST_TITLES, TEST_REQUESTS } from '../support/suite-facts.ts';

/** The fixture files below `directory`, as paths below it. */
function fixtureFilesBelow(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .sort();
}

test('a night asks the tenant once: the sweep, then one sharded record run that is the verdict and the refresh', async ({ standIns }) => {
  const env = await standIns.env('github', 'record');
  const night = test.info().outputPath('night');

  const sweep = await runSweep(env);
  expect(sweep.code, sweep.output).toBe(0);
  const shards = [];
  for (const shard of [1, 2]) {
    // As nightly.yml does: each shard records into a folder of its own, and writes a blob.
    const run = await runSuite(
      { ...env, GRAPH_FIXTURES_DIR: join(night, `recorded-${shard}`), PLAYWRIGHT_BLOB_OUTPUT_DIR: join(night, `blob-${shard}`) },
      [`--shard=${shard}/2`],
    );
    expect(run.code, run.output).toBe(0);
    shards.push(run);
  }

  // Every test ran once, in one shard or the other, and every fixture was recorded once.
  const recorded = [1, 2].flatMap((shard) => fixtureFilesBelow(join(night, `recorded-${shard}`)));
  expect(recorded.sort()).toEqual(fixtureFilesBelow(join(PROJECT_ROOT, 'fixtures')));
  expect(shards.flatMap((run) => testsOf(run.report()).map((t) => t.title)).sort()).toEqual(SUITE_TEST_TITLES);

  // Per night: two lists for the sweep, one preflight read per shard, then each test's requests once.
  expect(standIns.graph.counts()).toEqual({
    'GET /beta/external/connections': 1,
    'GET /beta/identity/apiConnectors': 1,
    'GET /v1.0/external/connections': 2 * PREFLIGHT_REQUESTS['GET /v1.0/external/connections'],
    ...TEST_REQUESTS,
  });
  expect(leftovers(standIns.graph)).toEqual([]);
  test.info().annotations.push({ type: 'requests per night', description: String(standIns.graph.log.length) });

  // The two blobs merge into the night's one report.
  const blobs = join(night, 'all-blob-reports');
  mkdirSync(blobs);
  for (const shard of [1, 2]) cpSync(join(night, `blob-${shard}`), blobs, { recursive: true });
  const merged = await mergeReports(blobs, { GRAPH_MATRIX_DIR: join(night, 'matrix') });
  expect(merged.code, merged.output).toBe(0);
  expect(merged.matrix().totals).toEqual(GREEN_TOTALS);
});
