import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { newSpec } from '../../authoring/new-spec/new-spec.ts';
import { literal, verbPhrase } from '../../authoring/new-spec/spec-source.ts';

const PAGE = join(import.meta.dirname, '..', 'support', 'new-spec-pages', 'get-searchsettings.md');

test('a page title becomes what the test pins after its status', () => {
  expect(verbPhrase('Create identityApiConnector')).toBe('creates the identityApiConnector');
  expect(verbPhrase('Get searchSettings')).toBe('gets the searchSettings');
  expect(verbPhrase('Add connector')).toBe('adds the connector');
  expect(verbPhrase('Apply a label')).toBe('applies a label');
  expect(verbPhrase('Patch connection')).toBe('patches the connection');
  expect(verbPhrase('identityApiConnector: uploadClientCertificate')).toBeUndefined();
});

test('a JSON body becomes a literal as specs write them: single quotes, bare keys where they can be, wrapped when long', () => {
  expect(literal({ id: 'contosohr', '@odata.type': "#it's", n: 1, ok: true, none: null, list: [] }, 4)).toBe(
    "{ id: 'contosohr', '@odata.type': '#it\\'s', n: 1, ok: true, none: null, list: [] }",
  );
  const long = { displayName: 'x'.repeat(60), targetUrl: 'https://contoso.example/api/validate', nested: { a: 1 } };
  expect(literal(long, 4)).toBe(
    `{\n      displayName: '${'x'.repeat(60)}',\n      targetUrl: 'https://contoso.example/api/validate',\n      nested: { a: 1 },\n    }`,
  );
});

test('a --source or --url that cannot be recorded is refused with what to pass, before anything is read or written', () => {
  const root = test.info().outputPath();
  const options = { page: PAGE, url: 'https://graph-contracts.invalid/pages/x', source: 'contract-suite/pages:x.md', root };
  expect(() => newSpec({ ...options, source: 'contract-suite/pages:x.md@abc123' })).toThrow(
    'new-spec: --source "contract-suite/pages:x.md@abc123" must read <owner>/<repo>:<path>[@<commit>], the commit as 40 hex digits',
  );
  expect(() => newSpec({ ...options, source: 'x.md' })).toThrow('must read <owner>/<repo>:<path>[@<commit>]');
  expect(() => newSpec({ ...options, url: 'http://learn.microsoft.com/x' })).toThrow(
    'new-spec: --url "http://learn.microsoft.com/x" is not an https URL',
  );
  expect(() => newSpec({ ...options, name: 'Get_SearchSettings' })).toThrow(
    'new-spec: "Get_SearchSettings" cannot name a spec: pass --name <name> in lower-case words joined by hyphens',
  );
});
