import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureSubstance } from '../../authoring/fixture-substance.ts';
import { filesBelow, madeUpSuite, runSuite } from '../support/run-suite.ts';
import { receivedCertificates } from '../stand-ins/certificate-upload.ts';
import { leftovers } from '../stand-ins/graph-stand-in.ts';
import { expect, test } from '../support/stand-in-test.ts';

const TITLE = '201 reports the certificate as clientCertificateAuthentication, never the certificate';
const SPEC = `test.use({ graphVersion: 'beta' });
test(${JSON.stringify(TITLE)}, async ({ graph, uniqueId, uniqueCertificate, cleanup }) => {
  const certificate = await uniqueCertificate('certificate');
  const body = {
    displayName: \`Contract suite \${uniqueId('marker')}\`,
    targetUrl: 'https://contoso.example/api/validate',
    authenticationConfiguration: { '@odata.type': '#microsoft.graph.pkcs12Certificate', pkcs12Value: certificate.pkcs12Value, password: certificate.password },
  };

  const response = await graph.post('/identity/apiConnectors', { data: body });
  cleanup.deleteCreated(response, (id) => \`/identity/apiConnectors/\${id}\`);

  expect(response).toHaveStatus(201);
  const connector = await response.json();
  expect(connector.authenticationConfiguration).toEqual({
    '@odata.type': '#microsoft.graph.clientCertificateAuthentication',
    certificateList: [{ thumbprint: certificate.thumbprint, notBefore: certificate.notBefore, notAfter: certificate.notAfter, isActive: true }],
  });
  expect(JSON.stringify(connector).includes(certificate.password), 'the response echoes the certificate password').toBe(false);
});`;
const FIXTURE = join('certificates', '201-reports-the-certificate-as-clientcertificateauthentication-never-the-certificate.json');

test('record: a certificate made per test reaches no artifact, replays, and two recordings are the same in substance', async ({
  standIns,
}) => {
  receivedCertificates.length = 0;
  const suite = madeUpSuite({ 'certificates.spec.ts': SPEC });
  const recordEnv = { ...(await standIns.env('secret', 'record')), ...suite.env };

  const first = await runSuite(recordEnv, suite.args);
  expect(first.code, first.output).toBe(0);
  const firstFixture = readFileSync(join(suite.fixturesDirectory, FIXTURE), 'utf8');
  const replay = await runSuite(suite.env, suite.args);
  expect(replay.code, replay.output).toBe(0);
  const second = await runSuite(recordEnv, suite.args);
  expect(second.code, second.output).toBe(0);
  const secondFixture = readFileSync(join(suite.fixturesDirectory, FIXTURE), 'utf8');

  expect(leftovers(standIns.graph)).toEqual([]);
  const fixture = JSON.parse(firstFixture) as {
    values: Record<string, string>;
    interactions: { body?: { authenticationConfiguration?: unknown } }[];
  };
  expect(fixture.values).toEqual({
    'certificate.pkcs12Value': 'REDACTED',
    'certificate.password': 'REDACTED',
    'certificate.thumbprint': expect.stringMatching(/^[0-9A-F]{40}$/),
    'certificate.notBefore': expect.stringMatching(/^\d{10}$/),
    'certificate.notAfter': expect.stringMatching(/^\d{10}$/),
    marker: expect.stringMatching(/^gcs/),
  });
  expect(fixture.interactions[0]?.body?.authenticationConfiguration).toEqual({
    '@odata.type': '#microsoft.graph.pkcs12Certificate',
    pkcs12Value: 'REDACTED',
    password: 'REDACTED',
  });
  // Each recording sent a certificate of its own, and only these reached the service.
  expect(receivedCertificates).toHaveLength(2);
  expect(receivedCertificates[0]?.pkcs12Value).not.toBe(receivedCertificates[1]?.pkcs12Value);
  expect(secondFixture).not.toBe(firstFixture);
  expect(fixtureSubstance(secondFixture)).toBe(fixtureSubstance(firstFixture));

  const written = [first, replay, second].flatMap((run) => [{ path: 'output', text: run.output }, ...filesBelow(run.outputDirectory)]);
  for (const { path, text } of [...written, ...filesBelow(suite.fixturesDirectory)]) {
    for (const [index, { pkcs12Value, password }] of receivedCertificates.entries()) {
      expect(text.includes(pkcs12Value), `certificate ${index + 1} found in ${path}`).toBe(false);
      expect(text.includes(password), `certificate password ${index + 1} found in ${path}`).toBe(false);
    }
  }
});
