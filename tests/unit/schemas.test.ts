import { readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { schemaValidator, SCHEMAS_DIRECTORY } from '../../harness/schema/registry.ts';

const names = readdirSync(SCHEMAS_DIRECTORY)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''));

test('every schema compiles in strict mode', () => {
  expect(names.length).toBeGreaterThanOrEqual(5);
  for (const name of names) expect(() => schemaValidator(name), name).not.toThrow();
});

test('the stub pages\' "String" placeholders fail the enums', () => {
  expect(schemaValidator('connector')({ id: 'a', machineName: 'm', externalIp: 'i', status: 'String' })).toBe(false);
  expect(schemaValidator('connector')({ id: 'a', machineName: 'm', externalIp: 'i', status: 'active' })).toBe(true);
  expect(schemaValidator('externalConnection')({ id: 'contosohr', name: 'n', state: 'String' })).toBe(false);
});

test('externalConnection ids follow the documented rules', () => {
  const valid = schemaValidator('externalConnection');
  expect(valid({ id: 'contosohr', name: 'n', state: 'draft' })).toBe(true);
  for (const id of ['ab', 'contoso-hr', 'MicrosoftHR', 'Teams', 'x'.repeat(33), '44eb45b0-45b0-44eb-b045-eb44b045eb44']) {
    expect(valid({ id, name: 'n', state: 'draft' }), id).toBe(false);
  }
});

test('identityApiConnector authentication is chosen by @odata.type', () => {
  const valid = schemaValidator('identityApiConnector');
  const base = { id: 'a', displayName: 'd', targetUrl: 'https://contoso.example/api' };
  expect(
    valid({
      ...base,
      authenticationConfiguration: { '@odata.type': '#microsoft.graph.basicAuthentication', username: 'u', password: '******' },
    }),
  ).toBe(true);
  expect(
    valid({
      ...base,
      authenticationConfiguration: {
        '@odata.type': '#microsoft.graph.clientCertificateAuthentication',
        certificateList: [{ thumbprint: 'AB12', notAfter: 1893456000, notBefore: 1577836800, isActive: true }],
      },
    }),
  ).toBe(true);
  // The stub's abstract type, and a request-only type, are not answers.
  expect(valid({ ...base, authenticationConfiguration: { '@odata.type': 'microsoft.graph.apiAuthenticationConfigurationBase' } })).toBe(
    false,
  );
  expect(
    valid({
      ...base,
      authenticationConfiguration: { '@odata.type': '#microsoft.graph.pkcs12Certificate', pkcs12Value: 'x', password: 'y' },
    }),
  ).toBe(false);
  expect(
    valid({
      ...base,
      authenticationConfiguration: {
        '@odata.type': '#microsoft.graph.clientCertificateAuthentication',
        certificateList: [{ thumbprint: 'AB', notAfter: '2030-01-01', notBefore: 1, isActive: true }],
      },
    }),
  ).toBe(false);
});
