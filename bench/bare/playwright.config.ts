import { defineConfig } from '@playwright/test';

/**
 * The baseline for `npm run bench`: one API test, no harness, the reporter `npm init playwright`
 * configures. Its folders are for a run by hand; the bench gives each of its runs its own.
 */
export default defineConfig({
  testDir: '.',
  reporter: [['html', { outputFolder: process.env.PLAYWRIGHT_HTML_OUTPUT_DIR ?? '../../test-results/bench-bare-report', open: 'never' }]],
  outputDir: '../../test-results/bench-bare',
});
