import './harness/config/supported-node.ts';
// Second, so that what the config loads next is compiled once, not on every run (harness/config/compile-cache.ts).
import './harness/config/compile-cache.ts';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { orphansForbidden } from './harness/config/arguments.ts';
import { globalSetups } from './harness/config/global-setups.ts';
import { loadEnvironmentOrExit } from './harness/config/load-environment.ts';
import { checkSuiteFilesOrExit } from './harness/suite-files.ts';
import { checkMetadataDriftOrExit } from './harness/report/metadata-drift-file.ts';
import type { Settings } from './harness/config/settings.ts';

/** Paths from this file, so configs that extend it (bench/) resolve them the same way. */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// Validated here, so a bad variable stops the run before any test starts, with one message.
const settings = loadEnvironmentOrExit(here('.'));
// So is a broken registry, schema or page record: named once, before any spec is loaded.
checkSuiteFilesOrExit();
// And the night's metadata drift report, when the matrix is to show it (GRAPH_METADATA_DRIFT_FILE).
checkMetadataDriftOrExit();
const env = process.env;

export default defineConfig<{ _settings: Settings }>({
  testDir: here('./specs'),
  outputDir: here('./test-results/artifacts'),
  // Live and record sign in once before any test: a run that can test nothing stops with one message.
  // Then they compare the token with the pages' permissions tables (replay never loads the markdown parser).
  globalSetup: globalSetups(settings.mode, (name) => here(`./harness/${name}`)),
  fullyParallel: true,
  // A focused run cannot tell an orphan fixture from the fixture of a test it left out: with forbid-orphans a test.only stops it.
  forbidOnly: !!process.env.CI || orphansForbidden(settings, process.argv),
  // A contract verdict must be the service's first answer, never a lucky second one.
  retries: 0,
  // The redacting reporter comes first: it cleans errors in place before the others record them.
  reporter: [
    [here('./harness/report/redacting-reporter.ts')],
    [process.env.CI ? 'line' : 'list'],
    ['html', { outputFolder: env.PLAYWRIGHT_HTML_OUTPUT_DIR ?? here('./playwright-report'), open: 'never' }],
    ['junit', { outputFile: env.PLAYWRIGHT_JUNIT_OUTPUT_FILE ?? here('./test-results/junit.xml') }],
    [here('./harness/report/contract-matrix-reporter.ts'), { outputDir: env.GRAPH_MATRIX_DIR ?? here('./test-results') }],
    // Reports the fixtures folder before any test, also in --list; two tests sharing a fixture file make the run red.
    [here('./harness/report/fixture-check-reporter.ts')],
    ...(env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [['json', { outputFile: env.PLAYWRIGHT_JSON_OUTPUT_FILE }] as const] : []),
    // A sharded run (--shard) leaves a blob per shard for `npm run report:merge`.
    ...(env.PLAYWRIGHT_BLOB_OUTPUT_DIR ? [['blob', { outputDir: env.PLAYWRIGHT_BLOB_OUTPUT_DIR }] as const] : []),
  ],
  metadata: { mode: settings.mode, graphBaseUrl: settings.mode === 'replay' ? 'fixtures (offline)' : settings.baseUrl },
  use: {
    _settings: settings,
    // Traces would capture the Authorization header.
    trace: 'off',
  },
});
