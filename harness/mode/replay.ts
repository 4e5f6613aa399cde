import { CANONICAL_GRAPH_BASE_URL } from '../config/settings.ts';
import { Redactor } from '../redaction/redact.ts';
import { describeProvenance, FixtureError, fixtureOf, readFixture } from '../replay/fixture-file.ts';
import { closeNetwork, ReplaySession } from '../replay/replay-network.ts';
import { memoryBudget } from '../transport/throttle.ts';
import { DOCUMENTED_EXAMPLES } from '../verdict/outcome.ts';
import type { Mode, ModeDependencies, TestSession } from './types.ts';
import { ANNOTATION } from '../shared/annotations.ts';

/** Replay sends this instead of a token: no credential exists in replay. */
const REPLAY_TOKEN = 'replay-fake-token';

/** Replay: the network closed, each test answered from its fixture, the values it generated read back from it. */
export async function startReplay({ fixturesDirectory }: ModeDependencies): Promise<Mode> {
  const nock = await closeNetwork();
  return {
    redactor: new Redactor(),
    baseUrl: CANONICAL_GRAPH_BASE_URL,
    throttleBudget: memoryBudget(),
    token: () => Promise.resolve(REPLAY_TOKEN),
    pagePermissions: {},
    openTest(testInfo) {
      const { path, test: name } = fixtureOf(fixturesDirectory, testInfo);
      const fixture = readFixture(path);
      if (fixture.test !== name) {
        throw new FixtureError(
          `${fixture.label} answers the test "${fixture.test}", not this one ("${name}"): two titles map to one fixture file, or the test was renamed. ` +
            'Rename one of the tests, or re-record this one (GRAPH_MODE=record).',
        );
      }
      const replay = new ReplaySession(nock, fixture);
      const { provenance, label } = replay.fixture;
      testInfo.annotations.push({ type: ANNOTATION.fixture, description: `${label}: ${describeProvenance(provenance)}` });
      const recorded = (name: string): string => {
        const value = replay.fixture.values[name];
        if (value === undefined) {
          throw new Error(
            `${label} has no value for "${name}" under "values": re-record the test, or add the value the recorded requests used.`,
          );
        }
        return value;
      };
      const session: TestSession = {
        answeredBy: provenance.source === 'documented-example' ? 'documented-example' : 'service',
        answeredByDescription:
          provenance.source === 'documented-example'
            ? DOCUMENTED_EXAMPLES
            : `a recording of ${provenance.recordedAt.slice(0, 10)} (the recorded run ${provenance.outcome})`,
        createsResources: false,
        value: recorded,
        valueAsync: (name) => Promise.resolve(recorded(name)),
        clientHooks: () => ({
          explainFailure: (request, error) => replay.explainFailure(request, error),
          refuseAnswer: (request, status, body) => replay.refuseAnswer(request, status, body),
          recordedRetry: (request) => replay.holdsAnswerFor(request),
        }),
        beginRequests: () => undefined,
        endRequests: () => undefined,
        close(closing) {
          try {
            // A skipped test asked for nothing on purpose; a failing one may have stopped before it asked.
            return closing.status === closing.expectedStatus && closing.status !== 'skipped' ? replay.describeUnused() : undefined;
          } finally {
            replay.close();
          }
        },
      };
      return Promise.resolve(session);
    },
  };
}
