import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PROJECT_ROOT, runProject, scratchDirectory, TSX } from '../support/run-suite.ts';

/**
 * What loading the harness loads, in a process of its own: what a spec, the config and the
 * reporters import is paid by the runner and again by every worker, before any test.
 */
async function packagesLoadedBy(modules: readonly string[]): Promise<string[]> {
  const script = join(scratchDirectory('loads'), 'load.ts');
  writeFileSync(
    script,
    [
      "import { createRequire } from 'node:module';",
      ...modules.map((module) => `await import(${JSON.stringify(join(PROJECT_ROOT, module))});`),
      // CommonJS packages, also those an ES module imports, are in require's cache.
      'const loaded = Object.keys(createRequire(import.meta.url).cache);',
      "console.log(JSON.stringify(loaded.filter((file) => file.includes('/node_modules/')).map((file) => file.slice(file.lastIndexOf('/node_modules/') + 14))));",
    ].join('\n'),
  );
  const run = await runProject(() => [TSX, script], {});
  expect(run.code, run.output).toBe(0);
  return JSON.parse(run.output.trim().split('\n').pop() ?? '[]') as string[];
}

test("loading the harness, its config's checks and its reporters loads no part of ajv that compiles: replay runs the cached validators", async () => {
  const loaded = await packagesLoadedBy([
    'harness/test.ts',
    'harness/suite-files.ts',
    'harness/report/contract-matrix-reporter.ts',
    'harness/report/fixture-check-reporter.ts',
  ]);

  // Sure to be seen: the harness loads Playwright, as CommonJS under its ES module entry.
  expect(loaded.some((file) => file.startsWith('playwright/lib/'))).toBe(true);
  expect(loaded.filter((file) => /^ajv\/dist\/(ajv|core|2020|compile\/index)\.js$/.test(file))).toEqual([]);
});
