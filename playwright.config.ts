import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { loadEnvironment } from './harness/config/load-environment.ts';
import type { Settings } from './harness/config/settings.ts';

// Validated here, so a bad variable stops the run before any test starts.
const settings = loadEnvironment(fileURLToPath(new URL('.', import.meta.url)));
const env = process.env;

export default defineConfig<{ settings: Settings }>({
  testDir: './specs',
  outputDir: './test-results/artifacts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // A contract verdict must be the service's first answer, never a lucky second one.
  retries: 0,
  // The redacting reporter comes first: it cleans errors in place before the others record them.
  reporter: [
    ['./harness/report/redacting-reporter.ts'],
    [process.env.CI ? 'line' : 'list'],
    ['html', { outputFolder: env.PLAYWRIGHT_HTML_OUTPUT_DIR ?? './playwright-report', open: 'never' }],
    ['junit', { outputFile: env.PLAYWRIGHT_JUNIT_OUTPUT_FILE ?? './test-results/junit.xml' }],
    ...(env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [['json', { outputFile: env.PLAYWRIGHT_JSON_OUTPUT_FILE }] as const] : []),
  ],
  metadata: { mode: settings.mode, graphBaseUrl: settings.mode === 'replay' ? 'fixtures (offline)' : settings.baseUrl },
  use: {
    settings,
    // Traces would capture the Authorization header.
    trace: 'off',
  },
});
