import { expect, test } from '@playwright/test';
import type { CredentialSource } from '../../harness/config/credential-source.ts';
import { explainTokenFailure } from '../../harness/auth/token-errors.ts';

const source: CredentialSource = {
  kind: 'client-secret',
  tenantId: '11111111-2222-3333-4444-555555555555',
  clientId: '99999999-8888-7777-6666-555555555555',
  authorityHost: 'https://login.microsoftonline.com',
  variables: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'],
  clientSecret: 's',
};

test("an AADSTS answer, as MSAL wraps it, gives Entra's own sentence and what to change", () => {
  // The message shape MSAL gives a token-endpoint error (msal-common ServerError, via @azure/identity's AuthenticationRequiredError).
  const msal = new Error(
    'invalid_client: Error(s): 7000215 - Timestamp: 2026-12-01 09:46:24Z - Description: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.\r\nTrace ID: 1 Correlation ID: 2 - Correlation ID: 2 - Trace ID: 1',
  );
  expect(explainTokenFailure(msal, source)).toEqual({
    code: 'AADSTS7000215',
    detail:
      'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value. (invalid_client)',
    hint: "the client secret is wrong: set AZURE_CLIENT_SECRET to the secret's Value (not its Secret ID)",
  });
  expect(
    explainTokenFailure(
      new Error('unauthorized_client: 700016 - AADSTS700016: Application with identifier x was not found in the directory.'),
      source,
    ).hint,
  ).toBe('the tenant has no app with this client id: check AZURE_CLIENT_ID and AZURE_TENANT_ID');
  expect(explainTokenFailure(new Error('AADSTS12345: Something new.'), source).hint).toBe(
    'see https://login.microsoftonline.com/error?code=12345',
  );
});

test("MSAL's endpoints_resolution_error names the authority it could not read", () => {
  expect(
    explainTokenFailure(
      new Error('endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error for details'),
      source,
    ),
  ).toEqual({
    code: 'endpoints_resolution_error',
    detail: 'endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error for details',
    hint: "MSAL could not read the tenant's OpenID metadata from AZURE_AUTHORITY_HOST (https://login.microsoftonline.com): the host is unreachable or untrusted (NODE_EXTRA_CA_CERTS for a private CA), or AZURE_TENANT_ID names no tenant there",
  });
});

test('network and certificate errors say which', () => {
  expect(explainTokenFailure(new Error('request to https://login failed, reason: getaddrinfo ENOTFOUND login'), source)).toMatchObject({
    code: 'ENOTFOUND',
    hint: 'AZURE_AUTHORITY_HOST (https://login.microsoftonline.com) could not be reached: check the host name and the network',
  });
  expect(explainTokenFailure(new Error('self-signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN)'), source)).toMatchObject({
    code: 'SELF_SIGNED_CERT_IN_CHAIN',
    hint: 'AZURE_AUTHORITY_HOST (https://login.microsoftonline.com) presented a certificate Node does not trust: for a private CA, point NODE_EXTRA_CA_CERTS at it',
  });
});
