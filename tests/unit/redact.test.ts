import { expect, test } from '@playwright/test';
import { FIXED_HTTP_DATE, normalizeDates, REDACTED, Redactor, TENANT_PLACEHOLDER, ZERO_GUID } from '../../harness/redaction/redact.ts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SECRET = 'planted-client-secret-value';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiI3MmY5ODhiZiJ9.c2lnbmF0dXJlLXBhcnQ';
const redactor = new Redactor({ secrets: [SECRET, 'short'], tenantIds: [TENANT] });

test('known secrets, tokens and tenant ids are replaced in text', () => {
  expect(redactor.text(`secret ${SECRET} token ${JWT} tenant ${TENANT}`)).toBe(`secret ${REDACTED} token ${REDACTED} tenant ${TENANT_PLACEHOLDER}`);
  expect(redactor.text('authorization: Bearer abc.def-ghi_jkl')).toBe(`authorization: Bearer ${REDACTED}`);
  expect(redactor.text('short words stay')).toBe('short words stay');
});

test('secret headers are masked whatever their case', () => {
  expect(redactor.headers({ Authorization: 'Bearer x', cookie: 'a=b', 'x-other': `for ${TENANT}` })).toEqual({
    Authorization: REDACTED,
    cookie: REDACTED,
    'x-other': `for ${TENANT_PLACEHOLDER}`,
  });
});

test('write-only fields are masked deep in bodies; already-masked values are kept', () => {
  const body = {
    displayName: 'Contoso',
    authenticationConfiguration: { '@odata.type': '#microsoft.graph.basicAuthentication', username: 'svc', password: 'Pa55word!' },
    certificate: { pkcs12Value: 'MIIK...', password: 'x' },
    echoed: { password: '******' },
    list: [{ clientSecret: 'abc' }],
  };
  expect(redactor.value(body)).toEqual({
    displayName: 'Contoso',
    authenticationConfiguration: { '@odata.type': '#microsoft.graph.basicAuthentication', username: 'svc', password: REDACTED },
    certificate: { pkcs12Value: REDACTED, password: REDACTED },
    echoed: { password: '******' },
    list: [{ clientSecret: REDACTED }],
  });
});

test('response date-times keep their shape but not their value', () => {
  expect(normalizeDates({ a: '2026-11-23T10:02:38', b: '2026-11-23T10:02:38.1234567Z', c: '2026-11-23T10:02:38+02:00', d: 'not a date' })).toEqual({
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
  };
  const interaction = redactor.interaction({
    scope: 'https://127.0.0.1:8443',
    method: 'post',
    path: `/beta/tenants/${TENANT}/things`,
    body: JSON.stringify({ id: 'gcs1', password: 'Pa55word!', link: 'https://127.0.0.1:8443/beta/x' }),
    status: 409,
    response,
    rawHeaders: ['Content-Type', 'application/json', 'request-id', 'r1', 'client-request-id', 'c1', 'x-ms-ags-diagnostic', `{"TenantId":"${TENANT}"}`, 'Date', 'Mon, 23 Nov 2026 10:02:38 GMT', 'Transfer-Encoding', 'chunked', 'Content-Length', '999'],
  });
  const expectedResponse = {
    '@odata.context': 'https://graph.microsoft.com/beta/$metadata#external/connections/$entity',
    id: 'gcs1',
    tenant: TENANT_PLACEHOLDER,
    error: { innerError: { 'request-id': ZERO_GUID, 'client-request-id': ZERO_GUID, date: '2001-01-01T00:00:00' } },
  };
  expect(interaction).toEqual({
    scope: 'https://graph.microsoft.com',
    method: 'POST',
    path: `/beta/tenants/${TENANT_PLACEHOLDER}/things`,
    body: { id: 'gcs1', password: REDACTED, link: 'https://graph.microsoft.com/beta/x' },
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
  const interaction = redactor.interaction({ scope: 'https://graph.microsoft.com:443', method: 'DELETE', path: '/beta/x', status: 204, response: '', rawHeaders: [] });
  expect(interaction).toEqual({ scope: 'https://graph.microsoft.com', method: 'DELETE', path: '/beta/x', status: 204, response: '', rawHeaders: { 'content-length': '0' } });
});
