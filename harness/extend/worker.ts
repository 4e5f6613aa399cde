import { loadSettings } from '../config/settings.ts';
import { startMode } from '../mode/mode.ts';
import { fixturesDirectoryOf } from '../replay/fixture-file.ts';
import type { HarnessFixtures } from './types.ts';

/** One per worker: the settings, the redactor, the mode (chosen once) and the request context. */
export const workerFixtures: HarnessFixtures = {
  _settings: [loadSettings({}), { option: true, scope: 'worker' }],

  _mode: [
    async ({ _settings }, use) => {
      await use(await startMode({ settings: _settings, fixturesDirectory: fixturesDirectoryOf(_settings) }));
    },
    { scope: 'worker' },
  ],

  _redactor: [
    async ({ _mode }, use) => {
      await use(_mode.redactor);
    },
    { scope: 'worker' },
  ],

  _graphContext: [
    // After the mode: replay's network is closed before the context exists.
    async ({ playwright, _mode }, use) => {
      // One per worker; the token travels with each request, so renewing it needs no new context.
      const context = await playwright.request.newContext();
      await use(context);
      await context.dispose();
    },
    { scope: 'worker' },
  ],
};
