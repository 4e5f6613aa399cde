import { loadSettings } from '../config/settings.ts';
import { startMode } from '../mode/mode.ts';
import { fixturesDirectoryOf } from '../replay/fixture-file.ts';
import type { HarnessFixtures } from './types.ts';

/** One per worker: the settings, the redactor, the mode (chosen once) and the request context. */
export const workerFixtures: HarnessFixtures = {
  _settings: [loadSettings({}), { option: true, scope: 'worker' }],

  _mode: [
    async ({ _settings, trace }, use) => {
      // The command line is refused at config time; a spec's own test.use({ trace }) is caught here.
      const traceMode = typeof trace === 'string' ? trace : trace.mode;
      if (_settings.mode !== 'replay' && traceMode !== 'off') {
        throw new Error(
          `trace: '${traceMode}': a trace records every request's headers and bodies, the bearer token and the secrets a test sends among them: in ${_settings.mode} mode remove the trace option; replay may trace.`,
        );
      }
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
