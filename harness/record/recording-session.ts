import type { FixtureFile, Interaction } from '../replay/fixture-file.ts';
import type { RecordedDefinition, Redactor } from '../redaction/redact.ts';
import { decodeRecorded } from './decode-body.ts';
import { writeAtomically } from '../shared/write-atomically.ts';
import { displayPath } from '../shared/display-path.ts';

type Nock = (typeof import('nock'))['default'];

/** nock is loaded only when recording: importing it patches Node's http at once. */
export async function loadRecorder(): Promise<Nock> {
  const { default: nock } = await import('nock');
  return nock;
}

/**
 * Records one test: nock's recorder runs only while the test body sends requests (tokens are
 * fetched before, cleanup runs after), then the fixture is written, redacted, whatever the outcome.
 */
export class RecordingSession {
  /** Values the test generated, stored so replay sends the same requests. */
  readonly values: Record<string, string> = {};
  private recording = false;

  constructor(
    private readonly nock: Nock,
    readonly path: string,
    private readonly test: string,
    private readonly baseUrl: string,
    private readonly redactor: Redactor,
  ) {}

  start(): void {
    this.nock.recorder.clear();
    this.nock.recorder.rec({ output_objects: true, dont_print: true, enable_reqheaders_recording: false });
    this.recording = true;
  }

  /** Stops recording and writes the fixture; `outcome` is the test's status so far. */
  finish(outcome: string): string {
    const recorded = this.recording ? (this.nock.recorder.play() as RecordedDefinition[]) : [];
    this.stop();
    const fixture: FixtureFile = {
      test: this.test,
      provenance: {
        source: 'recording',
        recordedAt: new Date().toISOString(),
        // Never the tenant: the base URL names only the cloud.
        baseUrl: this.redactor.text(this.baseUrl),
        outcome,
        ...(outcome === 'passed'
          ? {}
          : { note: `The recorded run ${outcome}: replay reproduces that verdict until the fixture is re-recorded.` }),
      },
      values: this.values,
      // Only Graph's traffic: a token renewed mid-test goes to another host and stays out.
      interactions: recorded
        .filter((definition) => sameOrigin(definition.scope, this.baseUrl))
        .map((definition) => this.interaction(definition)),
    };
    writeAtomically(this.path, `${JSON.stringify(fixture, null, 2)}\n`);
    return displayPath(this.path);
  }

  /** One exchange fit to commit: its body decoded as the test read it, then redacted and normalized. */
  private interaction(definition: RecordedDefinition): Interaction {
    const { contentEncoding, ...decoded } = decodeRecorded(definition);
    const interaction = this.redactor.interaction(decoded);
    return contentEncoding === undefined ? interaction : { ...interaction, contentEncoding };
  }

  stop(): void {
    if (!this.recording) return;
    this.recording = false;
    this.nock.recorder.clear();
    this.nock.restore();
  }
}

function sameOrigin(scope: string, baseUrl: string): boolean {
  return new URL(scope).origin === new URL(baseUrl).origin;
}
