import { randomBytes } from 'node:crypto';
import { callSiteOf, captureCallSite, describeCallSite, thrownAt } from '../call-site.ts';
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
      const uniqueSecret = (label: string): string => {
        // The fixture keeps the redacted form, which is also what the recorded request body holds.
        const secret = _values.keep('uniqueSecret', label, captureCallSite(uniqueSecret), () => `Gc${randomBytes(18).toString('base64url')}!9`, REDACTED);
        _redactor.addSecret(secret, 'generated');
        return secret;
      };
      await use(uniqueSecret);
    },
    { box: 'self' },
  ],

  uniqueId: [
    async ({ _values }, use) => {
      const uniqueId = (label: string): string => _values.keep('uniqueId', label, captureCallSite(uniqueId), () => generateUniqueId());
      await use(uniqueId);
    },
    { box: 'self' },
  ],
};

/**
 * The values a test generates, one per label. Asking for a label twice would silently give the
 * second value the first one's place in the fixture, so it is an error naming both spec lines.
 */
export class LabelledValues implements KeptValues {
  private readonly uses = new Map<string, { kind: string; site: { stack?: string } }>();

  constructor(private readonly session: Pick<TestSession, 'value'>) {}

  keep(kind: string, label: string, site: { stack?: string }, fresh: () => string, keptAs?: string): string {
    const first = this.uses.get(label);
    if (first) {
      // The report points at the spec line that asked again.
      throw thrownAt(
        new Error(
          `${kind}("${label}") is asked for again at ${describeCallSite(callSiteOf(site))}; the label was first used at ${describeCallSite(callSiteOf(first.site))} (${first.kind}). ` +
            'A label names one value kept in the fixture: give the second value a label of its own.',
        ),
        site,
      );
    }
    this.uses.set(label, { kind, site });
    return this.session.value(label, fresh, keptAs);
  }
}
