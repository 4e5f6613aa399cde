import { requestLine, type SentRequest } from '../transport/exchange.ts';
import { notTested, type NotTestedError } from '../verdict/not-tested.ts';
import { FIXTURE_CANNOT_ANSWER, type LoadedFixture } from './fixture-file.ts';
import { compare, explainMismatch, mismatchCause, type Candidate } from './mismatch.ts';

type Nock = (typeof import('nock'))['default'];
type Scope = ReturnType<Nock['define']>[number];

const NO_MATCH_STATUS = 501;
const NO_MATCH_CODE = '"code":"ERR_NOCK_NO_MATCH"';

/** The project's own local servers stay reachable; nothing else does. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?$/;

/**
 * Closes the network for this worker: every request is answered by a fixture or fails.
 * nock is imported here, lazily, because importing it patches Node's http at once.
 */
export async function closeNetwork(): Promise<Nock> {
  const { default: nock } = await import('nock');
  nock.disableNetConnect();
  nock.enableNetConnect((host: string) => LOOPBACK.test(host));
  return nock;
}

/** One test's fixture, served by nock for the length of the test. */
export class ReplaySession {
  private readonly scopes: Scope[];

  constructor(
    private readonly nock: Nock,
    readonly fixture: LoadedFixture,
  ) {
    this.scopes = nock.define(fixture.interactions as Parameters<Nock['define']>[0]);
  }

  /** Replaces nock's terse failure for a host it does not serve (which also prints every header) with what differs from the nearest recording. */
  explainFailure(request: SentRequest, error: unknown): Error | undefined {
    const message = error instanceof Error ? error.message : String(error);
    if (!/Nock: (No match|Disallowed net connect)|NetConnectNotAllowedError/.test(message)) return undefined;
    return this.mismatch(request);
  }

  /**
   * nock 15 answers a request no interaction matches with a synthetic `501` whose JSON body has
   * the code ERR_NOCK_NO_MATCH: that is no answer of the service, but the replay's mismatch.
   */
  refuseAnswer(request: SentRequest, status: number, body: string): Error | undefined {
    if (status !== NO_MATCH_STATUS || !body.includes(NO_MATCH_CODE)) return undefined;
    return this.mismatch(request);
  }

  /** The fixture, not the service, could not answer: not tested, the nearest recording explained below the reason. */
  private mismatch(request: SentRequest): NotTestedError {
    const candidates = this.candidates();
    const why = mismatchCause(request, candidates);
    return notTested(
      `${FIXTURE_CANNOT_ANSWER}${this.fixture.label} records no answer for ${requestLine(request)} (${why})`,
      explainMismatch(request, candidates, this.fixture.label),
    );
  }

  /** Whether an interaction no request has used yet answers `request`: replay retries a 429 only where the recording did. */
  holdsAnswerFor(request: SentRequest): boolean {
    return this.candidates().some((candidate) => !candidate.used && compare(candidate.interaction, request).length === 0);
  }

  /** Interactions no request asked for: the test no longer sends what was recorded, so the fixture cannot judge it. */
  unused(): NotTestedError | undefined {
    const unused = this.candidates().filter((candidate) => !candidate.used);
    if (unused.length === 0) return undefined;
    const count = `${unused.length} recorded interaction${unused.length === 1 ? ' was' : 's were'} never requested`;
    return notTested(
      `${FIXTURE_CANNOT_ANSWER}${this.fixture.label}: ${count}`,
      [
        `Replay: ${count} (fixture ${this.fixture.label}):`,
        ...unused.map(
          ({ number, interaction }) =>
            `  interaction ${number}: ${interaction.method.toUpperCase()} ${interaction.path} (answered ${interaction.status})`,
        ),
        'The test no longer sends what was recorded: re-record it (GRAPH_MODE=record), or remove the interaction from the fixture.',
      ].join('\n'),
    );
  }

  close(): void {
    this.nock.cleanAll();
  }

  private candidates(): Candidate[] {
    return this.fixture.interactions.map((interaction, index) => ({
      number: index + 1,
      interaction,
      used: this.scopes[index]?.isDone() ?? false,
    }));
  }
}
