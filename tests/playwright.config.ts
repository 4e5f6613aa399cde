import '../harness/config/supported-node.ts';
import { defineConfig } from '@playwright/test';
import { loadSettings, type Settings } from '../harness/config/settings.ts';

/**
 * The project's own tests: unit tests of the harness, end-to-end runs of the suite against local
 * stand-ins, and the replay suite itself. Hermetic: no .env is read and the suite always replays.
 */
export default defineConfig<{ _settings: Settings }>({
  outputDir: '../test-results/self',
  forbidOnly: !!process.env.CI,
  // The end-to-end tests mostly wait on child runs and the stand-ins: two at a time halve npm test on a 2-core machine
  // (5.8 min → 2.9 min), where Playwright's default of half the cores would run one.
  workers: 2,
  reporter: [[process.env.CI ? 'line' : 'list']],
  projects: [
    // The locale proves a config still sets the options the harness re-declares (tests/unit/browser-options.test.ts).
    { name: 'unit', testDir: './unit', use: { locale: 'de-CH' } },
    { name: 'end-to-end', testDir: './e2e', timeout: 120_000 },
    { name: 'replay-suite', testDir: '../specs', use: { _settings: loadSettings({}) } },
  ],
});
