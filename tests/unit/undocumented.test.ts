import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { compiledSchemas, type Validator } from '../../harness/schema/compiled-validators.ts';
import { schemaValidator, undocumentedValidator } from '../../harness/schema/registry.ts';
import { noteUndocumented, parseUndocumented, undocumentedProperties } from '../../harness/schema/undocumented.ts';
import {
  UNDOCUMENTED_OPTIONS,
  UNDOCUMENTED_SOURCE,
  undocumentedEntryId,
  undocumentedVariant,
} from '../../harness/schema/undocumented-variant.ts';
import { ANNOTATION } from '../../harness/shared/annotations.ts';

const BASE = 'https://graph-contracts.invalid/schemas/';
const VARIANT = { derive: undocumentedVariant, options: UNDOCUMENTED_OPTIONS, source: UNDOCUMENTED_SOURCE };

/** Made-up schemas (name → schema), compiled as the registry compiles the contract's: the plain validators and the variant. */
function compile(
  schemas: Record<string, object>,
  source = UNDOCUMENTED_SOURCE,
): { plain: (name: string) => Validator; found: (name: string, body: unknown) => string[]; cache: string } {
  mkdirSync(test.info().outputPath(), { recursive: true });
  const directory = mkdtempSync(join(test.info().outputPath(), 'schemas-'));
  const paths = Object.entries(schemas).map(([name, schema]) => {
    const path = join(directory, `${name}.json`);
    writeFileSync(path, JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `${BASE}${name}.json`, ...schema }));
    return path;
  });
  const cache = join(directory, 'cache');
  const plain = compiledSchemas('t', paths, { cacheDirectory: cache }).byId;
  const variant = compiledSchemas('t-undocumented', paths, { cacheDirectory: cache, variant: { ...VARIANT, source } }).byId;
  return {
    plain: (name) => plain.get(`${BASE}${name}.json`) ?? (() => false),
    found: (name, body) => {
      const validate = variant.get(undocumentedEntryId(`${BASE}${name}.json`));
      return validate ? undocumentedProperties(validate, body) : [];
    },
    cache,
  };
}

const entity = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, '@odata.type': { type: 'string' } } };

test('a property declared nowhere is found at any depth, and a declared one is not', () => {
  const { found } = compile({
    thing: {
      type: 'object',
      properties: { name: { type: 'string' }, configuration: { $ref: '#/$defs/configuration' } },
      $defs: {
        configuration: {
          type: ['object', 'null'],
          properties: { authorizedAppIds: { type: 'array' }, inner: { type: 'object', properties: { a: {} } } },
        },
      },
    },
  });
  expect(
    found('thing', { name: 'n', extra: 1, configuration: { authorizedAppIds: [], authorizedApps: ['x'], inner: { a: 1, b: 2 } } }),
  ).toEqual(['/configuration/authorizedApps', '/configuration/inner/b', '/extra']);
  expect(found('thing', { name: 'n', configuration: { authorizedAppIds: [], inner: { a: 1 } } })).toEqual([]);
  expect(found('thing', { name: 'n', configuration: null })).toEqual([]);
});

test("a base schema's properties, reached through allOf and $ref into another file, are declared", () => {
  const { found } = compile({
    entity,
    derived: { allOf: [{ $ref: 'entity.json' }], type: 'object', properties: { name: { type: 'string' } } },
  });
  expect(found('derived', { id: 'a', name: 'n', other: true })).toEqual(['/other']);
  // Against the base alone, the derived type's property is news.
  expect(found('entity', { id: 'a', name: 'n' })).toEqual(['/name']);
});

test("a discriminated oneOf declares its chosen branch's properties, nested ones included, and not the other branch's", () => {
  const { found, plain } = compile({
    union: {
      type: 'object',
      properties: { auth: { $ref: '#/$defs/base' } },
      $defs: {
        base: {
          type: 'object',
          required: ['@odata.type'],
          properties: { '@odata.type': { type: 'string' } },
          discriminator: { propertyName: '@odata.type' },
          oneOf: [{ $ref: '#/$defs/basic' }, { $ref: '#/$defs/cert' }],
        },
        basic: { type: 'object', properties: { '@odata.type': { const: '#basic' }, username: { type: 'string' } } },
        cert: {
          type: 'object',
          properties: {
            '@odata.type': { const: '#cert' },
            certificateList: { type: 'array', items: { type: 'object', properties: { thumbprint: { type: 'string' } } } },
          },
        },
      },
    },
  });
  expect(found('union', { auth: { '@odata.type': '#basic', username: 'u', certificateList: [] } })).toEqual(['/auth/certificateList']);
  const cert = {
    auth: { '@odata.type': '#cert', certificateList: [{ thumbprint: 'AB' }, { thumbprint: 'CD', isActive: true }], username: 'u' },
  };
  expect(found('union', cert)).toEqual(['/auth/certificateList/1/isActive', '/auth/username']);
  // Collecting never changes the verdict.
  expect(plain('union')(cert)).toBe(true);
});

test('each object of an array is checked, and a free-form object reports nothing below it', () => {
  const { found } = compile({
    list: {
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object', properties: { id: {}, layout: { type: 'object' } } } } },
    },
  });
  expect(found('list', { items: [{ id: 1 }, { id: 2, extra: 1, layout: { anything: { goes: 1 } } }] })).toEqual(['/items/1/extra']);
});

test('OData annotations are control information, not undocumented properties', () => {
  const { found } = compile({ entity });
  const body = {
    id: 'a',
    '@odata.context': 'x',
    '@odata.etag': 'W/"1"',
    '@odata.nextLink': 'y',
    'id@odata.type': '#String',
    '@microsoft.graph.downloadUrl': 'z',
    'odata.trap': 1,
  };
  expect(found('entity', body)).toEqual(['/odata.trap']);
});

test('an invalid body still has its undocumented properties found, and stays invalid', () => {
  const { found, plain } = compile({ entity });
  expect(plain('entity')({ id: 1, more: 1 })).toBe(false);
  expect(found('entity', { id: 1, more: 1 })).toEqual(['/more']);
});

test("the variant's cache key includes its derivation: an edit there compiles again, in a file of its own", () => {
  const { cache } = compile({ entity });
  const before = readdirSync(cache).sort();
  expect(before).toEqual([
    expect.stringMatching(/^validators-t-[0-9a-f]{32}\.cjs$/),
    expect.stringMatching(/^validators-t-undocumented-[0-9a-f]{32}\.cjs$/),
  ]);
  compiledSchemas('t-undocumented', [join(cache, '..', 'entity.json')], {
    cacheDirectory: cache,
    variant: { ...VARIANT, source: `${UNDOCUMENTED_SOURCE}\n// edited` },
  });
  const after = readdirSync(cache).sort();
  expect(after[0]).toBe(before[0]);
  expect(after[1]).toMatch(/^validators-t-undocumented-[0-9a-f]{32}\.cjs$/);
  expect(after[1]).not.toBe(before[1]);
  expect(after).toHaveLength(2);
});

test('a oneOf without a discriminator: its own place is checked through the branch that passed, the places below it are not', () => {
  const { found } = compile({
    either: {
      type: 'object',
      properties: {
        value: {
          oneOf: [
            { type: 'object', required: ['a'], properties: { a: { type: 'object', properties: { x: {} } } } },
            { type: 'object', required: ['b'], properties: { b: {} } },
          ],
        },
      },
    },
  });
  expect(found('either', { value: { b: 1, c: 2 } })).toEqual(['/value/c']);
  expect(found('either', { value: { a: { x: 1, y: 2 } } })).toEqual([]);
});

test("the contract's schemas: externalConnection's older authorizedApps is undocumented, its declared properties are not", () => {
  const collect = undocumentedValidator('externalConnection');
  expect(collect).toBeDefined();
  const body = {
    '@odata.context': 'x',
    id: 'contosohr',
    name: 'n',
    state: 'draft',
    configuration: { authorizedAppIds: [], authorizedApps: [] },
    searchSettings: { searchResultTemplates: [{ id: 'a', layout: { x: 1 }, priority: 1 }] },
  };
  expect(schemaValidator('externalConnection')(body)).toBe(true);
  expect(undocumentedProperties(collect as Validator, body)).toEqual(['/configuration/authorizedApps']);
});

test('one undocumented annotation per test, naming each schema and its pointers, read back by the matrix', () => {
  noteUndocumented('externalConnection', ['/configuration/authorizedApps']);
  noteUndocumented('odataError', []);
  noteUndocumented('externalConnection', ['/complianceSettings', '/configuration/authorizedApps']);
  noteUndocumented('odataError', ['/error/foo']);
  const annotations = test.info().annotations.filter((a) => a.type === ANNOTATION.undocumented);
  expect(annotations).toEqual([
    {
      type: ANNOTATION.undocumented,
      description: 'externalConnection: /configuration/authorizedApps, /complianceSettings; odataError: /error/foo',
    },
  ]);
  expect(parseUndocumented(annotations[0]?.description)).toEqual([
    'externalConnection#/configuration/authorizedApps',
    'externalConnection#/complianceSettings',
    'odataError#/error/foo',
  ]);
});

test('collecting runs the one validator compiled for the schema, body after body; its cost per body is reported, not asserted', () => {
  const collect = undocumentedValidator('externalConnection') as Validator;
  const body = { id: 'contosohr', name: 'n', state: 'draft', configuration: { authorizedAppIds: ['a'], authorizedApps: [] }, extra: 1 };
  const calls = 2000;
  const started = performance.now();
  const found = Array.from({ length: calls }, () => undocumentedProperties(collect, body));
  const microseconds = ((performance.now() - started) * 1000) / calls;
  // Information for whoever reads the report (a few µs here); a loaded machine must not turn it red.
  test.info().annotations.push({ type: 'µs per body', description: microseconds.toFixed(1) });

  // What keeps it cheap: the registry compiles the variant once and hands out the same function.
  expect(undocumentedValidator('externalConnection')).toBe(collect);
  expect(new Set(found.map((pointers) => pointers.join(' ')))).toEqual(new Set(['/configuration/authorizedApps /extra']));
});
