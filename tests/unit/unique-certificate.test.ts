import { createHash, X509Certificate } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { generatePkcs12 } from '../../harness/certificate/pkcs12.ts';
import { fixtureSubstance } from '../../authoring/fixture-substance.ts';
import { clientCertificateAuthentication, readPkcs12 } from '../stand-ins/certificate-upload.ts';

test('a generated PKCS#12 opens with its password, and holds the certificate whose thumbprint and dates it reports', async () => {
  const before = Math.floor(Date.now() / 1000);
  const certificate = await generatePkcs12('Gc-pässwörd-9');

  expect(certificate.thumbprint).toMatch(/^[0-9A-F]{40}$/);
  expect(certificate.notBefore).toBeGreaterThanOrEqual(before);
  expect(certificate.notBefore).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  expect(certificate.notAfter).toBeGreaterThan(certificate.notBefore);
  // Opened as the stand-in opens an upload, with OpenSSL: a reader other than the writer.
  expect(readPkcs12(certificate.pkcs12Value, 'Gc-pässwörd-9')).toEqual({
    thumbprint: certificate.thumbprint,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  });
  expect(() => readPkcs12(certificate.pkcs12Value, 'Gc-another-one')).toThrow(/could not be opened with the password given/);
});

test('each generated certificate is new', async () => {
  const [one, two] = await Promise.all([generatePkcs12('Gc-password-1'), generatePkcs12('Gc-password-1')]);

  expect(one.thumbprint).not.toBe(two.thumbprint);
  expect(one.pkcs12Value).not.toBe(two.pkcs12Value);
});

test('the thumbprint is the SHA-1 of the DER certificate, as X509Certificate computes it', async () => {
  const { pkcs12Value, thumbprint } = await generatePkcs12('Gc-password-2');
  // The certificate bag's DER is inside the PFX: find it by its own thumbprint.
  const der = Buffer.from(pkcs12Value, 'base64');
  const start = [...der.keys()].find(
    (i) => der[i] === 0x30 && der[i + 1] === 0x82 && safeThumbprint(der.subarray(i, i + 4 + der.readUInt16BE(i + 2))) === thumbprint,
  );
  expect(start).toBeDefined();
});

test('the stand-in reads the generated PKCS#12 as Graph would answer it, and refuses a wrong password', async () => {
  const certificate = await generatePkcs12('Gc-password-3');

  expect(clientCertificateAuthentication(readPkcs12(certificate.pkcs12Value, 'Gc-password-3'))).toEqual({
    '@odata.type': '#microsoft.graph.clientCertificateAuthentication',
    certificateList: [
      { thumbprint: certificate.thumbprint, notAfter: certificate.notAfter, notBefore: certificate.notBefore, isActive: true },
    ],
  });
  expect(() => readPkcs12(certificate.pkcs12Value, 'Gc-wrong-pw')).toThrow(/could not be opened with the password given/);
});

function recordingWith(thumbprint: string, notBefore: number): string {
  const notAfter = notBefore + 31_536_000;
  return JSON.stringify({
    provenance: {
      source: 'recording',
      recordedAt: new Date(notBefore * 1000).toISOString(),
      baseUrl: 'https://graph.microsoft.com',
      outcome: 'passed',
    },
    values: {
      'cert.pkcs12Value': 'REDACTED',
      'cert.password': 'REDACTED',
      'cert.thumbprint': thumbprint,
      'cert.notBefore': String(notBefore),
      'cert.notAfter': String(notAfter),
    },
    interactions: [
      {
        scope: 'https://graph.microsoft.com',
        method: 'POST',
        path: '/beta/identity/apiConnectors',
        body: {
          authenticationConfiguration: {
            '@odata.type': '#microsoft.graph.pkcs12Certificate',
            pkcs12Value: 'REDACTED',
            password: 'REDACTED',
          },
        },
        status: 201,
        response: {
          authenticationConfiguration: {
            '@odata.type': '#microsoft.graph.clientCertificateAuthentication',
            certificateList: [{ thumbprint, notAfter, notBefore, isActive: true }],
          },
        },
      },
    ],
  });
}

test('two recordings with different certificates are the same in substance; a different answer is not', () => {
  const first = recordingWith('9C2531BF861B8214EC6D88296BA1563D0571FC2C', 1796132662);
  const second = recordingWith('0EB255CC895477798BA8A3D27D0DA3A8B2B3ABB4', 1796219062);

  expect(fixtureSubstance(first)).toBe(fixtureSubstance(second));
  expect(fixtureSubstance(first)).not.toBe(fixtureSubstance(first.replace('"isActive":true', '"isActive":false')));
  // A date the service reports that is not the certificate's own is a change.
  expect(fixtureSubstance(first)).not.toBe(fixtureSubstance(first.replace(',"notBefore":1796132662', ',"notBefore":1796132000')));
});

function safeThumbprint(der: Buffer): string | undefined {
  try {
    new X509Certificate(der);
    return createHash('sha1').update(der).digest('hex').toUpperCase();
  } catch {
    return undefined;
  }
}
