import { mkdirSync, writeFileSync } from 'node:fs';
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

test('a certificate or a federated token file must exist', () => {
  const file = test.info().outputPath('client.pem');
  writeFileSync(file, 'pem');
  expect(readCredentialSource({ ...app, AZURE_CLIENT_CERTIFICATE_PATH: file, AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pw' }).source).toEqual(
    expect.objectContaining({ kind: 'client-certificate', certificatePath: file, certificatePassword: 'pw' }),
  );
  expect(readCredentialSource({ ...app, AZURE_FEDERATED_TOKEN_FILE: '/nowhere/token' }).problems).toEqual([
    'AZURE_FEDERATED_TOKEN_FILE="/nowhere/token" names no file: write the OIDC token there first.',
  ]);
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
