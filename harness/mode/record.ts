import { fixtureOf } from '../replay/fixture-file.ts';
import { UndecodableBodyError } from '../record/decode-body.ts';
import { loadRecorder, RecordingSession } from '../record/recording-session.ts';
import type { Mode, ModeDependencies } from './types.ts';
import { connectToService } from './service.ts';
import { ANNOTATION } from '../shared/annotations.ts';

/**
 * Record: the service answers, and each test's own requests are written to its fixture, redacted,
 * with the values it generated; a test that was not tested, skipped itself or was interrupted
 * writes nothing, so its committed fixture stays.
 */
export async function startRecord(dependencies: ModeDependencies): Promise<Mode> {
  const { settings, fixturesDirectory } = dependencies;
  const service = connectToService(dependencies);
  const { redactor } = service;
  const nock = await loadRecorder();
  return {
    redactor,
    baseUrl: settings.baseUrl,
    throttleBudget: service.throttleBudget,
    token: () => service.token(),
    pagePermissions: service.pagePermissions,
    openTest(testInfo) {
      const { path, test } = fixtureOf(fixturesDirectory, testInfo);
      const recording = new RecordingSession(nock, path, test, settings.baseUrl, redactor);
      return Promise.resolve({
        answeredBy: 'service',
        answeredByDescription: 'the service (record)',
        createsResources: true,
        value(label, fresh, keptAs) {
          const value = fresh();
          recording.values[label] = keptAs ?? value;
          return value;
        },
        async valueAsync(label, fresh, keptAs) {
          const value = await fresh();
          recording.values[label] = keptAs ?? value;
          return value;
        },
        clientHooks: (info) => service.clientHooks(info),
        beginRequests: () => {
          recording.start();
        },
        endRequests(info, notTested) {
          // What the service answered when it could not be asked, or a test that skipped itself, says nothing of the contract: the committed fixture stays.
          if (notTested || info.status === 'skipped' || info.status === 'interrupted') {
            recording.stop();
            info.annotations.push({
              type: ANNOTATION.fixture,
              description: `not recorded: the test was ${notTested ? 'not tested' : info.status}, so the committed fixture stays as it was`,
            });
            return;
          }
          let written: string;
          try {
            written = recording.finish(info.status ?? 'failed');
          } catch (error) {
            if (!(error instanceof UndecodableBodyError)) throw error;
            // A fixture replay could not serve is worse than the committed one.
            info.annotations.push({
              type: ANNOTATION.fixture,
              description: `not recorded: ${error.message}; the committed fixture stays as it was`,
            });
            return;
          }
          info.annotations.push({ type: ANNOTATION.fixture, description: `${written}: recorded now; the run ${info.status ?? 'failed'}` });
        },
        close() {
          recording.stop();
          return undefined;
        },
      });
    },
  };
}
