import { randomBytes } from 'node:crypto';
import { generatePkcs12 } from '../certificate/pkcs12.ts';
import { callSiteOf, captureCallSite, describeCallSite, thrownAt } from '../shared/call-site.ts';
import type { TestSession } from '../mode/mode.ts';
import { REDACTED } from '../redaction/redact.ts';
import { Traffic } from '../transport/traffic.ts';
import { generateUniqueId } from '../shared/unique-id.ts';
import type { HarnessFixtures, KeptValues, UniqueCertificate } from './types.ts';

const generatePassword = () => `Gc${randomBytes(18).toString('base64url')}!9`;
const CERTIFICATE_PARTS = ['pkcs12Value', 'password', 'thumbprint', 'notBefore', 'notAfter'] as const;

/** The test in its mode, what it sent and was answered, and the values it generates. */
export const sessionFixtures: HarnessFixtures = {
  _session: [
    async ({ _mode }, use, testInfo) => {
      const session = await _mode.openTest(testInfo);
      await use(session);
      const problem = session.close(testInfo);
      if (problem) throw problem;
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
        const secret = _values.keep('uniqueSecret', label, captureCallSite(uniqueSecret), generatePassword, REDACTED);
        _redactor.addSecret(secret, 'generated');
        return secret;
      };
      await use(uniqueSecret);
    },
    { box: 'self' },
  ],

  uniqueCertificate: [
    async ({ _values, _redactor }, use) => {
      const uniqueCertificate = async (label: string): Promise<UniqueCertificate> => {
        const fresh = async () => {
          const password = generatePassword();
          const certificate = await generatePkcs12(password);
          return { ...certificate, password, notBefore: String(certificate.notBefore), notAfter: String(certificate.notAfter) };
        };
        // The key is inside pkcs12Value: both secrets are kept as REDACTED, which the recorded request holds too;
        // what Graph reports for the certificate is kept as recorded, so replay answers the same.
        const kept = await _values.keepParts('uniqueCertificate', label, captureCallSite(uniqueCertificate), CERTIFICATE_PARTS, fresh, {
          pkcs12Value: REDACTED,
          password: REDACTED,
        });
        _redactor.addSecret(kept.pkcs12Value, 'generated');
        _redactor.addSecret(kept.password, 'generated');
        return { ...kept, notBefore: Number(kept.notBefore), notAfter: Number(kept.notAfter) };
      };
      await use(uniqueCertificate);
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

  constructor(private readonly session: Pick<TestSession, 'value' | 'valueAsync'>) {}

  keep(kind: string, label: string, site: { stack?: string }, fresh: () => string, keptAs?: string): string {
    this.take(kind, label, site);
    return this.session.value(label, fresh, keptAs);
  }

  /** Values made together (a certificate and what Graph reports for it), kept as `<label>.<part>`; `fresh()` runs once, and never in replay. */
  async keepParts<Part extends string>(
    kind: string,
    label: string,
    site: { stack?: string },
    parts: readonly Part[],
    fresh: () => Promise<Record<Part, string>>,
    keptAs: Partial<Record<Part, string>> = {},
  ): Promise<Record<Part, string>> {
    for (const name of [label, ...parts.map((part) => `${label}.${part}`)]) this.take(kind, name, site);
    let made: Promise<Record<Part, string>> | undefined;
    const kept: Partial<Record<Part, string>> = {};
    for (const part of parts)
      kept[part] = await this.session.valueAsync(`${label}.${part}`, async () => (await (made ??= fresh()))[part], keptAs[part]);
    return kept as Record<Part, string>;
  }

  private take(kind: string, label: string, site: { stack?: string }): void {
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
  }
}
