import { randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import type { TestSession } from '../mode/mode.ts';
import { REDACTED } from '../redaction/redact.ts';
import { Traffic } from '../transport/traffic.ts';
import { generateUniqueId } from '../unique-id.ts';
import type { HarnessFixtures, KeptValues } from './types.ts';

/** The test in its mode, what it sent and was answered, and the values it generates. */
export const sessionFixtures: HarnessFixtures = {
  _session: [
    async ({ _mode }, use, testInfo) => {
      const session = await _mode.openTest(testInfo);
      await use(session);
      const problem = session.close(testInfo);
      if (problem) throw new Error(problem);
    },
    { box: 'self' },
  ],

  _traffic: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring even with no dependencies
    async ({}, use) => {
      await use(new Traffic());
    },
    { box: 'self' },
  ],

  _values: [
    async ({ _session }, use) => {
      await use(new LabelledValues(_session));
    },
    { box: 'self' },
  ],

  uniqueSecret: [
    async ({ _values, _redactor }, use) => {
      await use((label) => {
        // The fixture keeps the redacted form, which is also what the recorded request body holds.
        const secret = _values.keep('uniqueSecret', label, () => `Gc${randomBytes(18).toString('base64url')}!9`, REDACTED);
        _redactor.addSecret(secret, 'generated');
        return secret;
      });
    },
    { box: 'self' },
  ],

  uniqueId: [
    async ({ _values }, use) => {
      await use((label) => _values.keep('uniqueId', label, () => generateUniqueId()));
    },
    { box: 'self' },
  ],
};

/**
 * The values a test generates, one per label. Asking for a label twice would silently give the
 * second value the first one's place in the fixture, so it is an error naming both uses.
 */
export class LabelledValues implements KeptValues {
  private readonly uses = new Map<string, string>();

  constructor(private readonly session: Pick<TestSession, 'value'>) {}

  keep(kind: string, label: string, fresh: () => string, keptAs?: string): string {
    const here = callSite();
    const first = this.uses.get(label);
    if (first) {
      throw new Error(`${kind}("${label}") is asked for again at ${here}; the label was first used at ${first}. A label names one value kept in the fixture: give the second value a label of its own.`);
    }
    this.uses.set(label, `${here} (${kind})`);
    return this.session.value(label, fresh, keptAs);
  }
}

/** The spec line that asked: the first frame outside the harness. */
function callSite(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  const frame = frames.find((line) => !line.includes('/harness/') && !line.includes('node_modules') && !line.includes('node:')) ?? '';
  const location = /\(?((?:file:\/\/)?[^()\s]+:\d+:\d+)\)?\s*$/.exec(frame)?.[1];
  return location ? relative(process.cwd(), location.replace(/^file:\/\//, '')) : 'an unknown place';
}
