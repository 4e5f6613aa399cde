import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import {
  FIXED_HTTP_DATE,
  normalizeDates,
  REDACTED,
  Redactor,
  REDACTION_RULES,
  TENANT_PLACEHOLDER,
  ZERO_GUID,
} from '../../harness/redaction/redact.ts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SECRET = 'planted-client-secret-value';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiI3MmY5ODhiZiJ9.c2lnbmF0dXJlLXBhcnQ';
const redactor = new Redactor({ secrets: [SECRET, 'short'], tenantIds: [TENANT] });

test("[credential-values] the values of the run's credentials and tokens are replaced in any text; short values are not secrets", () => {
  expect(redactor.text(`secret ${SECRET} in a message`)).toBe(`secret ${REDACTED} in a message`);
  expect(redactor.text('short words stay')).toBe('short words stay');
});

test('[generated-secrets] a password the suite made up is redacted from output, yet a test still sees it to catch an echo', () => {
  const withGenerated = new Redactor();
  withGenerated.addSecret('Gc-generated-password!9', 'generated');
  expect(withGenerated.text('echoed Gc-generated-password!9')).toBe(`echoed ${REDACTED}`);
  expect(withGenerated.text('echoed Gc-generated-password!9', { forTest: true })).toBe('echoed Gc-generated-password!9');
});

test('[jwt] any JWT is replaced, whoever issued it', () => {
  expect(redactor.text(`token ${JWT} end`)).toBe(`token ${REDACTED} end`);
});

test('[bearer] any Bearer value is replaced', () => {
  expect(redactor.text('authorization: Bearer abc.def-ghi_jkl')).toBe(`authorization: Bearer ${REDACTED}`);
});

test('[tenant-ids] tenant ids become a GUID-shaped placeholder', () => {
  expect(redactor.text(`tenant ${TENANT}`)).toBe(`tenant ${TENANT_PLACEHOLDER}`);
});

test('[header-allow-list] only headers known to carry no credential keep their values, whatever their case; their values still go through the text rules', () => {
  expect(
    redactor.headers({
      Authorization: 'Bearer x',
      cookie: 'a=b',
      'x-ms-refresh-token': 'a-token-the-service-invented',
      'x-other': 'anything',
      'Content-Type': 'application/json',
      'x-ms-ags-diagnostic': `{"TenantId":"${TENANT}"}`,
      Location: 'https://contoso.blob.core.windows.net/x.json?sv=2024-11-04&sr=b&sig=c2lnbmF0dXJl',
    }),
  ).toEqual({
    Authorization: REDACTED,
    cookie: REDACTED,
    'x-ms-refresh-token': REDACTED,
    'x-other': REDACTED,
    'Content-Type': 'application/json',
    'x-ms-ags-diagnostic': `{"TenantId":"${TENANT_PLACEHOLDER}"}`,
    Location: `https://contoso.blob.core.windows.net/x.json?sv=2024-11-04&sr=b&sig=${REDACTED}`,
  });
});

test("[header-allow-list] Playwright's call log keeps a header line's value only when the header may be shown", () => {
  const log = [
    'apiRequestContext.fetch: aborted',
    'Call log:',
    '  - → POST https://graph.example/beta/external/connections',
    '    - content-type: application/json',
    '    - x-ms-refresh-token: a-token-the-service-invented',
    '  - ← 201 Created',
    '    - request-id: r-1',
    '    - set-cookie: session=abc',
  ].join('\n');
  expect(redactor.text(log)).toBe(log.replace('a-token-the-service-invented', REDACTED).replace('session=abc', REDACTED));
  // Outside a call log, a line shaped like a header is just text.
  expect(redactor.text('  - x-other: kept')).toBe('  - x-other: kept');
});

test('[credential-members] a token, client secret or secretText member is redacted in any body and in text, whatever its case; other members are not', () => {
  const body = {
    access_token: 'at-1',
    refreshToken: 'rt-1',
    nested: [
      { 'id-token': 'it-1', client_secret: 'cs-1', secretText: 'st-1', password: 'kept: an ordinary password is not a credential member' },
    ],
    tokenType: 'Bearer-less',
  };
  expect(redactor.value(body)).toEqual({
    access_token: REDACTED,
    refreshToken: REDACTED,
    nested: [
      {
        'id-token': REDACTED,
        client_secret: REDACTED,
        secretText: REDACTED,
        password: 'kept: an ordinary password is not a credential member',
      },
    ],
    tokenType: 'Bearer-less',
  });
  expect(redactor.text('{"refresh_token": "rt-2", "name": "x", "Client_Secret":"cs-\\"2"}')).toBe(
    `{"refresh_token": "${REDACTED}", "name": "x", "Client_Secret":"${REDACTED}"}`,
  );
});

test('[signed-urls] a URL keeps its parameters but not the values that sign or authorize it', () => {
  expect(
    redactor.text(
      'https://contoso.blob.core.windows.net/a?sv=2024-11-04&se=2026-12-31&sr=b&sp=r&skoid=k1&sktid=k2&sig=c2ln%3D and https://login.example/cb?code=abc&state=s and ?$skiptoken=next',
    ),
  ).toBe(
    `https://contoso.blob.core.windows.net/a?sv=2024-11-04&se=${REDACTED}&sr=b&sp=r&skoid=${REDACTED}&sktid=${REDACTED}&sig=${REDACTED} and https://login.example/cb?code=${REDACTED}&state=s and ?$skiptoken=next`,
  );
});

test('[basicAuthentication.password] the password of a basicAuthentication is masked; one already masked by the service is kept', () => {
  expect(redactor.value({ '@odata.type': '#microsoft.graph.basicAuthentication', username: 'svc', password: 'Pa55word!' })).toEqual({
    '@odata.type': '#microsoft.graph.basicAuthentication',
    username: 'svc',
    password: REDACTED,
  });
  expect(redactor.value({ '@odata.type': '#microsoft.graph.basicAuthentication', password: '******' })).toEqual({
    '@odata.type': '#microsoft.graph.basicAuthentication',
    password: '******',
  });
});

test('[basicAuthentication.password] the type is matched as Graph reads it: without the leading #, in any case', () => {
  for (const type of ['microsoft.graph.basicAuthentication', '#Microsoft.Graph.BasicAuthentication']) {
    expect(redactor.value({ '@odata.type': type, password: 'Pa55word!' })).toEqual({ '@odata.type': type, password: REDACTED });
  }
});

test('[pkcs12Certificate.pkcs12Value] [pkcs12Certificate.password] a PKCS#12 upload keeps neither its value nor its password', () => {
  expect(
    redactor.value({
      authenticationConfiguration: {
        '@odata.type': '#microsoft.graph.pkcs12Certificate',
        pkcs12Value: 'MIIK...',
        password: 'pfx-password',
      },
    }),
  ).toEqual({
    authenticationConfiguration: { '@odata.type': '#microsoft.graph.pkcs12Certificate', pkcs12Value: REDACTED, password: REDACTED },
  });
});

test('a property is never redacted by its name alone: { key, value } pairs and typeless passwords survive as they were', () => {
  const body = {
    properties: [
      { key: 'department', value: 'HR' },
      { key: 'password', value: 'a label, not a secret' },
    ],
    activitySettings: { key: 'K1' },
    note: { password: 'ordinary text in an untyped object' },
  };
  expect(redactor.value(body)).toEqual(body);
});

test('a recording of a body with { key, value } pairs keeps them, in the request and in the answer', () => {
  const pairs = [
    { key: 'department', value: 'HR' },
    { key: 'secret', value: 'shown as recorded' },
  ];
  const interaction = redactor.interaction({
    scope: 'https://graph.microsoft.com',
    method: 'PATCH',
    path: '/beta/x',
    body: JSON.stringify({ properties: pairs }),
    status: 200,
    response: { properties: pairs },
    rawHeaders: [],
  });
  expect(interaction.body).toEqual({ properties: pairs });
  expect(interaction.response).toEqual({ properties: pairs });
});

test('[recorded-headers] a recording keeps only the headers replay or the report needs, volatile ones fixed', () => {
  const interaction = redactor.interaction({
    scope: 'https://graph.microsoft.com',
    method: 'GET',
    path: '/beta/x',
    status: 429,
    response: '',
    rawHeaders: [
      'Content-Type',
      'application/json',
      'Retry-After',
      '2.128',
      'Set-Cookie',
      'fpc=abc',
      'Strict-Transport-Security',
      'max-age=31536000',
      'x-ms-resource-unit',
      '1',
      'request-id',
      'r1',
      'Vary',
      'Accept-Encoding',
    ],
  });
  expect(interaction.rawHeaders).toEqual({
    'content-type': 'application/json',
    'retry-after': '2.128',
    'request-id': ZERO_GUID,
    'content-length': '0',
  });
});

test('response date-times keep their shape but not their value', () => {
  expect(
    normalizeDates({ a: '2026-11-23T10:02:38', b: '2026-11-23T10:02:38.1234567Z', c: '2026-11-23T10:02:38+02:00', d: 'not a date' }),
  ).toEqual({
    a: '2001-01-01T00:00:00',
    b: '2001-01-01T00:00:00.0000000Z',
    c: '2001-01-01T00:00:00+00:00',
    d: 'not a date',
  });
});

test('a recorded exchange becomes a committable interaction', () => {
  const response = {
    '@odata.context': `https://127.0.0.1:8443/beta/$metadata#external/connections/$entity`,
    id: 'gcs1',
    tenant: TENANT,
    error: { innerError: { 'request-id': 'abc', 'client-request-id': 'def', date: '2026-11-23T10:02:38' } },
    // The other spelling Graph uses in some errors.
    details: { innerError: { requestId: 'ghi' } },
  };
  const interaction = redactor.interaction({
    scope: 'https://127.0.0.1:8443',
    method: 'post',
    path: `/beta/tenants/${TENANT}/things`,
    body: JSON.stringify({ id: 'gcs1', secret: SECRET, link: 'https://127.0.0.1:8443/beta/x' }),
    status: 409,
    response,
    rawHeaders: [
      'Content-Type',
      'application/json',
      'request-id',
      'r1',
      'client-request-id',
      'c1',
      'x-ms-ags-diagnostic',
      `{"TenantId":"${TENANT}"}`,
      'Date',
      'Mon, 23 Nov 2026 10:02:38 GMT',
      'Transfer-Encoding',
      'chunked',
      'Content-Length',
      '999',
    ],
  });
  const expectedResponse = {
    '@odata.context': 'https://graph.microsoft.com/beta/$metadata#external/connections/$entity',
    id: 'gcs1',
    tenant: TENANT_PLACEHOLDER,
    error: { innerError: { 'request-id': ZERO_GUID, 'client-request-id': ZERO_GUID, date: '2001-01-01T00:00:00' } },
    details: { innerError: { requestId: ZERO_GUID } },
  };
  expect(interaction).toEqual({
    scope: 'https://graph.microsoft.com',
    method: 'POST',
    path: `/beta/tenants/${TENANT_PLACEHOLDER}/things`,
    body: { id: 'gcs1', secret: REDACTED, link: 'https://graph.microsoft.com/beta/x' },
    status: 409,
    response: expectedResponse,
    rawHeaders: {
      'content-type': 'application/json',
      'request-id': ZERO_GUID,
      'client-request-id': ZERO_GUID,
      'x-ms-ags-diagnostic': '{}',
      date: FIXED_HTTP_DATE,
      'content-length': String(Buffer.byteLength(JSON.stringify(expectedResponse))),
    },
  });
});

test('an empty answer records an empty body of length 0', () => {
  const interaction = redactor.interaction({
    scope: 'https://graph.microsoft.com:443',
    method: 'DELETE',
    path: '/beta/x',
    status: 204,
    response: '',
    rawHeaders: [],
  });
  expect(interaction).toEqual({
    scope: 'https://graph.microsoft.com',
    method: 'DELETE',
    path: '/beta/x',
    status: 204,
    response: '',
    rawHeaders: { 'content-length': '0' },
  });
});

test('every rule is listed in docs/redaction.md and has a test here titled with its id', () => {
  const docs = readFileSync(fileURLToPath(new URL('../../docs/redaction.md', import.meta.url)), 'utf8');
  const tests = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  for (const id of Object.values(REDACTION_RULES)) {
    expect(docs, `docs/redaction.md lists ${id}`).toContain(`\`${id}\``);
    expect(tests, `a test is titled with [${id}]`).toMatch(new RegExp(`^test\\(['"].*\\[${id.replace('.', '\\.')}\\]`, 'm'));
  }
});
