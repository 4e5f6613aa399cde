import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { madeUpSuite, runSuite, scratchDirectory, testsOf } from '../support/run-suite.ts';

const PAGE = 'https://learn.microsoft.com/graph/api/externalconnectors-externalconnection-get?view=graph-rest-beta';

/** One replayed test that notes the compile cache its worker runs with (harness/config/compile-cache.ts). */
function suite() {
  return madeUpSuite(
    {
      'cache.spec.ts': `import { getCompileCacheDir } from 'node:module';
test.use({ graphVersion: 'beta' });
test('200 reads the connection', async ({ graph }) => {
  test.info().annotations.push({ type: 'compile cache', description: String(getCompileCacheDir()) });
  expect(await graph.get('/external/connections/gcscache')).toHaveStatus(200);
});`,
    },
    {
      'cache/200-reads-the-connection.json': {
        test: '200 reads the connection',
        provenance: { source: 'documented-example', page: PAGE, note: 'Made up for an end-to-end test.' },
        values: {},
        interactions: [
          {
            scope: 'https://graph.microsoft.com',
            method: 'GET',
            path: '/beta/external/connections/gcscache',
            status: 200,
            response: { id: 'gcscache', name: 'Cache' },
            rawHeaders: { 'content-type': 'application/json' },
          },
        ],
      },
    },
  );
}

const cacheOf = (run: Awaited<ReturnType<typeof runSuite>>) =>
  testsOf(run.report())[0]?.annotations.find((annotation) => annotation.type === 'compile cache')?.description;

test("a contract run turns Node's compile cache on for its workers, in Node's own folder below the temp folder", async () => {
  // The temp folder this run sees (os.tmpdir() reads TMPDIR): its caches stay with the test.
  const temp = scratchDirectory('temp');
  const { env, args } = suite();

  const run = await runSuite({ ...env, TMPDIR: temp }, [...args, '--workers=1']);

  expect(run.code, run.output).toBe(0);
  // Node adds a folder per version: node-compile-cache/v24.21.0-x64-….
  expect(cacheOf(run)).toMatch(new RegExp(`^${escape(join(temp, 'node-compile-cache'))}/v\\d`));
  // What the runner and the worker compiled is kept for the next run.
  expect(readdirSync(join(temp, 'node-compile-cache'), { recursive: true }).length).toBeGreaterThan(1);
});

test('NODE_DISABLE_COMPILE_CACHE=1 keeps it off', async () => {
  const temp = scratchDirectory('temp');
  const { env, args } = suite();

  const run = await runSuite({ ...env, TMPDIR: temp, NODE_DISABLE_COMPILE_CACHE: '1' }, [...args, '--workers=1']);

  expect(run.code, run.output).toBe(0);
  expect(cacheOf(run)).toBe('undefined');
  expect(existsSync(join(temp, 'node-compile-cache'))).toBe(false);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
