import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { httpsCall, type CallAnswer } from '../support/https-call.ts';
import { expect, test, type StandIns } from '../support/stand-in-test.ts';

/**
 * The Graph stand-in's documented contract, over HTTPS as the suite meets it: each rule of
 * docs/stand-ins.md, and each `breaks` switch violating exactly its rule.
 */

const CONNECTIONS = '/beta/external/connections';
const API_CONNECTORS = '/beta/identity/apiConnectors';

async function caller(standIns: StandIns) {
  const token = await standIns.entra.mintToken(standIns.graph.baseUrl);
  return (method: string, path: string, body?: unknown, authorization: string | null = `Bearer ${token}`): Promise<CallAnswer> =>
    httpsCall(`${standIns.graph.baseUrl}${path}`, standIns.pki.serverCert, {
      method,
      body,
      headers: authorization === null ? {} : { authorization },
    });
}

/** The OData error shape every refusal carries (facts sheet, "Errors"). */
function expectODataError(answer: CallAnswer, status: number, code?: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.json).toMatchObject({
    error: {
      code: code ?? expect.any(String),
      message: expect.any(String),
      innerError: { date: expect.any(String), 'request-id': expect.any(String), 'client-request-id': expect.any(String) },
    },
  });
}

/** A PKCS#12 made for this test with the system's openssl (the project has no PKCS#12 writer yet). */
function makePkcs12(folder: string, password: string): { pkcs12Value: string; certificate: X509Certificate } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: folder, stdio: 'pipe' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'key.pem',
    '-out',
    'cert.pem',
    '-days',
    '2',
    '-subj',
    '/CN=graph-contracts api connector',
  );
  run('pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-out', 'upload.p12', '-passout', `pass:${password}`);
  return {
    pkcs12Value: readFileSync(join(folder, 'upload.p12')).toString('base64'),
    certificate: new X509Certificate(readFileSync(join(folder, 'cert.pem'))),
  };
}

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

test.describe('POST /external/connections input rules', () => {
  for (const [rule, body, code] of [
    ['an id with a hyphen', { id: 'has-hyphen', name: 'x' }, 'InvalidRequest'],
    ['an id of 2 characters', { id: 'ab', name: 'x' }, undefined],
    ['an id of 33 characters', { id: 'a'.repeat(33), name: 'x' }, undefined],
    ['an id beginning with Microsoft', { id: 'MicrosoftWiki', name: 'x' }, undefined],
    ['a reserved id', { id: 'SharePoint', name: 'x' }, undefined],
    ['a reserved id in another case', { id: 'powerbi', name: 'x' }, undefined],
    ['no name', { id: 'noname1' }, undefined],
    ['a name of 129 characters', { id: 'longname1', name: 'n'.repeat(129) }, undefined],
  ] as const) {
    test(`400 for ${rule}`, async ({ standIns }) => {
      const call = await caller(standIns);

      expectODataError(await call('POST', CONNECTIONS, body), 400, code);
      expect(standIns.graph.connections.size).toBe(0);
    });
  }

  test('201 at the limits: a 3- and a 32-character id, a 128-character name', async ({ standIns }) => {
    const call = await caller(standIns);

    expect((await call('POST', CONNECTIONS, { id: 'abc', name: 'x' })).status).toBe(201);
    expect((await call('POST', CONNECTIONS, { id: 'A1'.repeat(16), name: 'n'.repeat(128) })).status).toBe(201);
  });

  test('409 for a duplicate id, and the broken card still answers 503 then 409', async ({ standIns }) => {
    const call = await caller(standIns);
    const broken = {
      id: 'brokencard',
      name: 'x',
      searchSettings: { searchResultTemplates: [{ id: 't', priority: 1, layout: { body: [] } }] },
    };

    expect((await call('POST', CONNECTIONS, { id: 'twice', name: 'x' })).status).toBe(201);
    expectODataError(await call('POST', CONNECTIONS, { id: 'twice', name: 'x' }), 409, 'Conflict');
    const quirk = await call('POST', CONNECTIONS, broken);
    expect([quirk.status, quirk.text, quirk.headers['content-type']]).toEqual([503, '', 'text/plain']);
    expectODataError(await call('POST', CONNECTIONS, broken), 409, 'Conflict');
  });
});

test.describe('Authorization', () => {
  test('401 InvalidAuthenticationToken without Authorization, with a malformed token, and with a token the stand-in did not issue', async ({
    standIns,
  }) => {
    const call = await caller(standIns);
    const foreign = await new SignJWT({ tid: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience(standIns.graph.baseUrl)
      .sign(new Uint8Array(32).fill(7));

    for (const authorization of [null, 'Bearer not-a-jwt', `Bearer ${foreign}`]) {
      expectODataError(await call('GET', `${CONNECTIONS}/any`, undefined, authorization), 401, 'InvalidAuthenticationToken');
      expectODataError(await call('POST', CONNECTIONS, { id: 'noauth', name: 'x' }, authorization), 401, 'InvalidAuthenticationToken');
    }
    expect(standIns.graph.connections.size).toBe(0);
  });
});

test.describe('lifecycle', () => {
  test('connection: 201, GET 200, DELETE 202, visible for one more read, then 404 ItemNotFound', async ({ standIns }) => {
    const call = await caller(standIns);

    expect((await call('POST', CONNECTIONS, { id: 'cycle', name: 'Cycle' })).status).toBe(201);
    const read = await call('GET', `${CONNECTIONS}/cycle`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ id: 'cycle', name: 'Cycle', state: 'draft' });
    const deleted = await call('DELETE', `${CONNECTIONS}/cycle`);
    expect([deleted.status, deleted.text]).toEqual([202, '']);
    expect((await call('GET', `${CONNECTIONS}/cycle`)).status).toBe(200);
    const gone = await call('GET', `${CONNECTIONS}/cycle`);
    expectODataError(gone, 404, 'ItemNotFound');
    expect(gone.json).toMatchObject({ error: { innerError: { code: 'ResourceNotFound' } } });
  });

  test('connection: a deletion visible for a time is gone once the time is spent', async ({ standIns }) => {
    const call = await caller(standIns);
    standIns.graph.deletionVisibleReads = 0;
    standIns.graph.deletionVisibleMs = 400;

    await call('POST', CONNECTIONS, { id: 'timed', name: 'x' });
    expect((await call('DELETE', `${CONNECTIONS}/timed`)).status).toBe(202);
    expect((await call('GET', `${CONNECTIONS}/timed`)).status).toBe(200);
    expect((await call('GET', `${CONNECTIONS}/timed`)).status).toBe(200);
    await expect.poll(async () => (await call('GET', `${CONNECTIONS}/timed`)).status, { timeout: 3_000 }).toBe(404);
  });

  test('API connector: 201 with a service id and the password masked, GET 200, DELETE 204, then 404', async ({ standIns }) => {
    const call = await caller(standIns);
    const body = {
      displayName: 'Hook',
      targetUrl: 'https://api.contoso.com/hook',
      authenticationConfiguration: { '@odata.type': '#microsoft.graph.basicAuthentication', username: 'u', password: 'secret-pw-1' },
    };

    const created = await call('POST', API_CONNECTORS, body);
    expect(created.status).toBe(201);
    const { id } = created.json as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.text).not.toContain('secret-pw-1');
    expect(created.json).toMatchObject({ authenticationConfiguration: { password: '******' } });
    expect((await call('GET', `${API_CONNECTORS}/${id}`)).json).toMatchObject({ id, displayName: 'Hook' });
    const deleted = await call('DELETE', `${API_CONNECTORS}/${id}`);
    expect([deleted.status, deleted.text]).toEqual([204, '']);
    expectODataError(await call('GET', `${API_CONNECTORS}/${id}`), 404);
  });
});

test.describe('POST /identity/apiConnectors with a PKCS#12 certificate', () => {
  test.skip(!hasOpenssl(), 'needs the openssl command to make a PKCS#12');

  test('201 answers clientCertificateAuthentication with the thumbprint and validity, never the certificate or its password', async ({
    standIns,
  }, testInfo) => {
    const call = await caller(standIns);
    const password = `p12-${testInfo.testId}`;
    const { pkcs12Value, certificate } = makePkcs12(testInfo.outputPath(), password);

    const created = await call('POST', API_CONNECTORS, {
      displayName: 'Cert',
      targetUrl: 'https://api.contoso.com/c',
      authenticationConfiguration: { '@odata.type': '#microsoft.graph.pkcs12Certificate', pkcs12Value, password },
    });

    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({
      authenticationConfiguration: {
        '@odata.type': '#microsoft.graph.clientCertificateAuthentication',
        certificateList: [
          {
            thumbprint: certificate.fingerprint.replaceAll(':', ''),
            notBefore: Date.parse(certificate.validFrom) / 1000,
            notAfter: Date.parse(certificate.validTo) / 1000,
            isActive: true,
          },
        ],
      },
    });
    const [entry] = (
      created.json as { authenticationConfiguration: { certificateList: { thumbprint: string; notAfter: number; notBefore: number }[] } }
    ).authenticationConfiguration.certificateList;
    expect(entry?.thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(entry && entry.notAfter - entry.notBefore).toBe(2 * 86_400);
    expect(created.text).not.toContain(password);
    expect(created.text).not.toContain(pkcs12Value.slice(0, 40));
  });

  test('400 for a wrong password or a value that is no PKCS#12', async ({ standIns }, testInfo) => {
    const call = await caller(standIns);
    const { pkcs12Value } = makePkcs12(testInfo.outputPath(), 'right');
    const upload = (value: string, password: string) =>
      call('POST', API_CONNECTORS, {
        displayName: 'Cert',
        targetUrl: 'https://api.contoso.com/c',
        authenticationConfiguration: { '@odata.type': '#microsoft.graph.pkcs12Certificate', pkcs12Value: value, password },
      });

    expectODataError(await upload(pkcs12Value, 'wrong'), 400);
    expectODataError(await upload(Buffer.from('not a pfx').toString('base64'), 'right'), 400);
    expectODataError(await upload('%%%', 'right'), 400);
    expect(standIns.graph.apiConnectors.size).toBe(0);
  });
});

test.describe('breaks: each switch violates exactly its rule', () => {
  test('accepts-hyphenated-id creates a hyphenated id, and still refuses a short one', async ({ standIns }) => {
    const call = await caller(standIns);
    standIns.graph.breaks = 'accepts-hyphenated-id';

    expect((await call('POST', CONNECTIONS, { id: 'has-hyphen', name: 'x' })).status).toBe(201);
    expectODataError(await call('POST', CONNECTIONS, { id: 'ab', name: 'x' }), 400);
  });

  test('duplicate-answers-400 answers a duplicate 400, and still creates the first', async ({ standIns }) => {
    const call = await caller(standIns);
    standIns.graph.breaks = 'duplicate-answers-400';

    expect((await call('POST', CONNECTIONS, { id: 'twice', name: 'x' })).status).toBe(201);
    expectODataError(await call('POST', CONNECTIONS, { id: 'twice', name: 'x' }), 400);
  });

  test('serves-without-token answers without Authorization and with a malformed token', async ({ standIns }) => {
    const call = await caller(standIns);
    standIns.graph.breaks = 'serves-without-token';

    expect((await call('POST', CONNECTIONS, { id: 'noauth', name: 'x' }, null)).status).toBe(201);
    expect((await call('GET', `${CONNECTIONS}/noauth`, undefined, 'Bearer not-a-jwt')).status).toBe(200);
  });

  test('get-after-delete-200 keeps answering 200 after a 202 or 204 delete', async ({ standIns }) => {
    const call = await caller(standIns);
    standIns.graph.breaks = 'get-after-delete-200';
    await call('POST', CONNECTIONS, { id: 'undying', name: 'x' });
    const { id } = (
      await call('POST', API_CONNECTORS, {
        displayName: 'd',
        targetUrl: 'https://a.test',
        authenticationConfiguration: { '@odata.type': '#microsoft.graph.basicAuthentication', username: 'u', password: 'p' },
      })
    ).json as { id: string };

    expect((await call('DELETE', `${CONNECTIONS}/undying`)).status).toBe(202);
    expect((await call('DELETE', `${API_CONNECTORS}/${id}`)).status).toBe(204);
    for (let read = 0; read < 5; read++) {
      expect((await call('GET', `${CONNECTIONS}/undying`)).status).toBe(200);
      expect((await call('GET', `${API_CONNECTORS}/${id}`)).status).toBe(200);
    }
  });

  test('echoes-certificate-password answers the PKCS#12 password back, and nothing else changes', async ({ standIns }, testInfo) => {
    test.skip(!hasOpenssl(), 'needs the openssl command to make a PKCS#12');
    const call = await caller(standIns);
    standIns.graph.breaks = 'echoes-certificate-password';
    const { pkcs12Value } = makePkcs12(testInfo.outputPath(), 'echoed-pw');

    const created = await call('POST', API_CONNECTORS, {
      displayName: 'Cert',
      targetUrl: 'https://a.test',
      authenticationConfiguration: { '@odata.type': '#microsoft.graph.pkcs12Certificate', pkcs12Value, password: 'echoed-pw' },
    });

    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      authenticationConfiguration: { '@odata.type': '#microsoft.graph.clientCertificateAuthentication', password: 'echoed-pw' },
    });
    expect(created.text).not.toContain(pkcs12Value.slice(0, 40));
  });
});
