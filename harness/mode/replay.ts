import { CANONICAL_GRAPH_BASE_URL } from '../config/settings.ts';
import { Redactor } from '../redaction/redact.ts';
import {
  describeProvenance,
  FIXTURE_CANNOT_ANSWER,
  FixtureError,
  fixtureOf,
  readFixtureOf,
  type LoadedFixture,
} from '../replay/fixture-file.ts';
import { closeNetwork, ReplaySession } from '../replay/replay-network.ts';
import { memoryBudget } from '../transport/throttle.ts';
import { notTested } from '../verdict/not-tested.ts';
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
      let fixture: LoadedFixture;
      try {
        fixture = readFixtureOf(path, name);
      } catch (error) {
        if (!(error instanceof FixtureError)) throw error;
        throw notTested(`${FIXTURE_CANNOT_ANSWER}${error.message.split('\n')[0]?.replace(/:$/, '') ?? ''}`, error.message);
      }
      const replay = new ReplaySession(nock, fixture);
      const { provenance, label } = replay.fixture;
      testInfo.annotations.push({ type: ANNOTATION.fixture, description: `${label}: ${describeProvenance(provenance)}` });
      const recorded = (name: string): string => {
        const value = replay.fixture.values[name];
        if (value === undefined) {
          throw notTested(
            `${FIXTURE_CANNOT_ANSWER}${label} has no value for "${name}" under "values"`,
            'Re-record the test (GRAPH_MODE=record), or add the value the recorded requests used.',
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
            return closing.status === closing.expectedStatus && closing.status !== 'skipped' ? replay.unused() : undefined;
          } finally {
            replay.close();
          }
        },
      };
      return Promise.resolve(session);
    },
  };
}
