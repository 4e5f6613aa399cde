import { createPrivateKey } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { readCredentialSource } from '../../harness/config/credential-source.ts';

const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = '99999999-8888-7777-6666-555555555555';
const app = { AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, GRAPH_TEST_TENANT_ID: TENANT };

function jwt(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.`;
}

test('a client secret with tenant and client ids, on the public cloud by default', () => {
  expect(readCredentialSource({ ...app, AZURE_CLIENT_SECRET: 's3cret' })).toEqual({
    source: {
      kind: 'client-secret',
      tenantId: TENANT,
      clientId: CLIENT,
      authorityHost: 'https://login.microsoftonline.com',
      variables: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'],
      clientSecret: 's3cret',
    },
    problems: [],
  });
});

test('a federated token file must exist', () => {
  expect(readCredentialSource({ ...app, AZURE_FEDERATED_TOKEN_FILE: '/nowhere/token' }).problems).toEqual([
    'AZURE_FEDERATED_TOKEN_FILE="/nowhere/token" names no file: write the OIDC token there first.',
  ]);
});

test.describe('a client certificate is read before any request: a PEM, or a PKCS#12 (PFX) its password opens', () => {
  const pkcs12 = (name: string) => fileURLToPath(new URL(`pkcs12/${name}`, import.meta.url));
  const certificate = (path: string, password?: string) =>
    readCredentialSource({
      ...app,
      AZURE_CLIENT_CERTIFICATE_PATH: path,
      ...(password === undefined ? {} : { AZURE_CLIENT_CERTIFICATE_PASSWORD: password }),
    });
  const problemOf = (path: string, password?: string) => {
    const { source, problems } = certificate(path, password);
    expect(source).toBeUndefined();
    expect(problems).toHaveLength(1);
    if (password !== undefined) expect(problems[0]).not.toContain(password);
    return problems[0];
  };

  test('a PEM with the key and its certificate is handed over as it is, in memory', async () => {
    const { default: selfsigned } = await import('selfsigned');
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'app' }], { algorithm: 'sha256' });
    const file = test.info().outputPath('app.pem');
    writeFileSync(file, `${pems.private}${pems.cert}`);

    expect(certificate(file).source).toEqual(
      expect.objectContaining({ kind: 'client-certificate', certificatePath: file, certificate: { pem: `${pems.private}${pems.cert}` } }),
    );

    const encrypted = createPrivateKey(pems.private).export({
      format: 'pem',
      type: 'pkcs8',
      cipher: 'aes-256-cbc',
      passphrase: 'key-pw-123',
    });
    writeFileSync(file, `${String(encrypted)}${pems.cert}`);
    expect(certificate(file, 'key-pw-123').source).toEqual(
      expect.objectContaining({ certificate: { pem: `${String(encrypted)}${pems.cert}`, password: 'key-pw-123' } }),
    );
    expect(problemOf(file)).toBe(
      `AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(file)} holds an encrypted private key: set AZURE_CLIENT_CERTIFICATE_PASSWORD to its password.`,
    );
    expect(problemOf(file, 'not-key-pw')).toBe(
      `AZURE_CLIENT_CERTIFICATE_PASSWORD does not decrypt the private key in the PEM file that AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(file)} names: set it to the key's password.`,
    );

    writeFileSync(file, pems.cert);
    expect(problemOf(file)).toBe(
      `AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(file)} is a PEM file with no private key: put the app's private key and its certificate in one file (the key first).`,
    );
    const other = await selfsigned.generate([{ name: 'commonName', value: 'other' }], { algorithm: 'sha256' });
    writeFileSync(file, `${pems.private}${other.cert}`);
    expect(problemOf(file)).toBe(
      `AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(file)} holds a first certificate that is not its private key's: put the app's own certificate first.`,
    );
  });

  test("a PFX is opened with its password, and its key and certificate handed over as PEM; the file's bytes are not", () => {
    const { source } = certificate(pkcs12('aes-256.p12'), 'fixture-pässwörd');
    expect(source).toEqual(
      expect.objectContaining({
        kind: 'client-certificate',
        certificatePath: pkcs12('aes-256.p12'),
        // The key is handed over decrypted: no password goes with it.
        certificate: {
          pem: expect.stringMatching(
            /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/,
          ) as unknown,
        },
      }),
    );
  });

  test('a PFX that cannot be used is one problem naming the variable and the fix, never the password', () => {
    const pfx = JSON.stringify(pkcs12('aes-256.p12'));
    expect(problemOf(pkcs12('aes-256.p12'), 'wrong-password')).toBe(
      `AZURE_CLIENT_CERTIFICATE_PASSWORD does not open the PKCS#12 (PFX) file that AZURE_CLIENT_CERTIFICATE_PATH=${pfx} names: set it to the password the file was exported with.`,
    );
    expect(problemOf(pkcs12('aes-256.p12'))).toBe(
      `AZURE_CLIENT_CERTIFICATE_PATH=${pfx} is a PKCS#12 (PFX) file protected by a password: set AZURE_CLIENT_CERTIFICATE_PASSWORD to it.`,
    );
    expect(problemOf(pkcs12('legacy-rc2.p12'), 'fixture-password')).toBe(
      `AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(pkcs12('legacy-rc2.p12'))} is a PKCS#12 (PFX) file the suite cannot open: the file is encrypted with RC2-40, a legacy algorithm Node's OpenSSL 3 no longer offers. Export it again with AES (openssl pkcs12 -in app.pfx -legacy -nodes | openssl pkcs12 -export -out app-aes.pfx), or use a PEM file.`,
    );
  });

  test('a file that is neither, a folder, or no file at all is one problem each', () => {
    const neither = test.info().outputPath('app.crt');
    writeFileSync(neither, 'no certificate here');
    expect(problemOf(neither)).toBe(
      `AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(neither)} is neither PEM nor PKCS#12 (PFX): point it at the app's private key and certificate, as one PEM file or a PFX file.`,
    );
    const folder = test.info().outputPath();
    mkdirSync(folder, { recursive: true });
    expect(problemOf(folder)).toBe(
      // The one path check every setting naming a path gets (path-setting.ts), before the certificate is read.
      `AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(folder)} names a folder, not a file: point it at the PEM (key and certificate) or PFX file.`,
    );
    expect(problemOf('/nowhere/app.pfx')).toBe(
      'AZURE_CLIENT_CERTIFICATE_PATH="/nowhere/app.pfx" names no file: point it at the PEM (key and certificate) or PFX file.',
    );
  });
});

test('a certificate or a federated token path naming a folder is refused, naming the variable', () => {
  const folder = test.info().outputPath('credentials');
  mkdirSync(folder, { recursive: true });
  expect(readCredentialSource({ ...app, AZURE_CLIENT_CERTIFICATE_PATH: folder }).problems).toEqual([
    `AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(folder)} names a folder, not a file: point it at the PEM (key and certificate) or PFX file.`,
  ]);
  expect(readCredentialSource({ ...app, AZURE_FEDERATED_TOKEN_FILE: folder }).problems).toEqual([
    `AZURE_FEDERATED_TOKEN_FILE=${JSON.stringify(folder)} names a folder, not a file: write the OIDC token there first.`,
  ]);
});

test("in GitHub Actions with id-token: write, the runner's OIDC endpoint is the credential", () => {
  const actions = {
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.example/idtoken?api-version=2.0',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
  };
  expect(readCredentialSource({ ...app, ...actions }).source).toEqual(
    expect.objectContaining({
      kind: 'github-oidc',
      requestUrl: actions.ACTIONS_ID_TOKEN_REQUEST_URL,
      requestToken: 'request-token',
      variables: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'],
    }),
  );
  // An explicit credential wins over the runner's ambient variables.
  expect(readCredentialSource({ ...app, ...actions, AZURE_CLIENT_SECRET: 's' }).source?.kind).toBe('client-secret');
  expect(readCredentialSource({ ...app, ACTIONS_ID_TOKEN_REQUEST_URL: actions.ACTIONS_ID_TOKEN_REQUEST_URL }).problems[0]).toContain(
    'live and record need a credential',
  );
});

test('a national cloud authority host must be https', () => {
  expect(
    readCredentialSource({ ...app, AZURE_CLIENT_SECRET: 's', AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us/' }).source,
  ).toEqual(expect.objectContaining({ authorityHost: 'https://login.microsoftonline.us' }));
  expect(readCredentialSource({ ...app, AZURE_CLIENT_SECRET: 's', AZURE_AUTHORITY_HOST: 'http://login' }).problems).toEqual([
    'AZURE_AUTHORITY_HOST="http://login" must be an https URL, such as https://login.microsoftonline.com.',
  ]);
});

test('nothing set says every way to sign in', () => {
  expect(readCredentialSource({ GRAPH_TEST_TENANT_ID: TENANT }).problems).toEqual([
    'live and record need a credential: set AZURE_TENANT_ID and AZURE_CLIENT_ID with one of AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE (or run in GitHub Actions with `id-token: write`); or set GRAPH_ACCESS_TOKEN to a ready bearer token.',
  ]);
});

test('missing ids and contradictory credentials are named', () => {
  expect(readCredentialSource({ AZURE_CLIENT_SECRET: 's', GRAPH_TEST_TENANT_ID: TENANT }).problems).toEqual([
    "AZURE_TENANT_ID is missing: AZURE_CLIENT_SECRET needs the test tenant's id.",
    "AZURE_CLIENT_ID is missing: AZURE_CLIENT_SECRET needs the app registration's client id.",
  ]);
  expect(readCredentialSource({ ...app, AZURE_CLIENT_SECRET: 's', AZURE_CLIENT_CERTIFICATE_PATH: '/x' }).problems).toEqual([
    'AZURE_CLIENT_SECRET and AZURE_CLIENT_CERTIFICATE_PATH are all set: keep exactly one app credential.',
  ]);
  expect(readCredentialSource({ ...app, AZURE_CLIENT_SECRET: 's', GRAPH_ACCESS_TOKEN: jwt({ tid: TENANT }) }).problems).toEqual([
    'GRAPH_ACCESS_TOKEN and AZURE_CLIENT_SECRET are both set: use a ready token or an app credential, not both.',
  ]);
  expect(readCredentialSource({ ...app, AZURE_CLIENT_SECRET: 's', AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pw' }).problems).toEqual([
    'AZURE_CLIENT_CERTIFICATE_PASSWORD is set without AZURE_CLIENT_CERTIFICATE_PATH: set both, or neither.',
  ]);
});

test('malformed tenant and client ids are refused up front, without printing them', () => {
  const problems = readCredentialSource({
    AZURE_TENANT_ID: 'not-a-guid',
    AZURE_CLIENT_ID: 'client',
    GRAPH_TEST_TENANT_ID: 'contoso',
    AZURE_CLIENT_SECRET: 's',
  }).problems;
  expect(problems).toEqual([
    'AZURE_TENANT_ID is not a tenant id: use the directory (tenant) id, a GUID, or its domain such as contoso.onmicrosoft.com.',
    "AZURE_CLIENT_ID is not a client id: use the app registration's Application (client) ID, a GUID.",
    "GRAPH_TEST_TENANT_ID is not a tenant id: use the test tenant's directory (tenant) id, a GUID (it is compared with the token's tid claim).",
  ]);
  expect(problems.join('\n')).not.toMatch(/not-a-guid|"client"|"contoso"/);
});

test("a tenant domain is accepted; the guard then compares the token's tid in the preflight", () => {
  expect(readCredentialSource({ ...app, AZURE_TENANT_ID: 'contoso.onmicrosoft.com', AZURE_CLIENT_SECRET: 's' }).problems).toEqual([]);
});

test('a ready token is checked for shape, tenant and expiry', () => {
  expect(readCredentialSource({ GRAPH_TEST_TENANT_ID: TENANT, GRAPH_ACCESS_TOKEN: `Bearer ${jwt({ tid: TENANT })}` }).source).toEqual({
    kind: 'access-token',
    token: jwt({ tid: TENANT }),
    tenantId: TENANT,
    variables: ['GRAPH_ACCESS_TOKEN'],
  });
  expect(readCredentialSource({ GRAPH_TEST_TENANT_ID: TENANT, GRAPH_ACCESS_TOKEN: 'opaque' }).problems[0]).toContain(
    'GRAPH_ACCESS_TOKEN is not a JWT access token',
  );
  expect(readCredentialSource({ GRAPH_TEST_TENANT_ID: TENANT, GRAPH_ACCESS_TOKEN: jwt({ tid: TENANT, exp: 1 }) }).problems).toEqual([
    'GRAPH_ACCESS_TOKEN expired at 1970-01-01T00:00:01.000Z: get a fresh one.',
  ]);
});

test('the guard: live and record run only against the named test tenant', () => {
  expect(readCredentialSource({ ...app, GRAPH_TEST_TENANT_ID: undefined, AZURE_CLIENT_SECRET: 's' }).problems).toEqual([
    'GRAPH_TEST_TENANT_ID is missing: live and record write to a tenant, so name the test tenant they may touch.',
  ]);
  expect(
    readCredentialSource({ ...app, GRAPH_TEST_TENANT_ID: 'aaaaaaaa-0000-0000-0000-000000000000', AZURE_CLIENT_SECRET: 's' }).problems,
  ).toEqual([
    'The token is for another tenant than GRAPH_TEST_TENANT_ID (AZURE_TENANT_ID differs): refusing to write to a tenant that is not the test tenant.',
  ]);
  expect(readCredentialSource({ GRAPH_TEST_TENANT_ID: TENANT, GRAPH_ACCESS_TOKEN: jwt({ tid: 'other' }) }).problems[0]).toContain(
    'the tid claim of GRAPH_ACCESS_TOKEN differs',
  );
});
