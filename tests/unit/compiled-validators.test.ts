import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { compiledSchemas } from '../../harness/schema/compiled-validators.ts';

const ID = 'https://graph-contracts.invalid/schemas/thing.json';

function scratch(schema: object): { schemaFile: string; cache: string } {
  mkdirSync(test.info().outputPath(), { recursive: true });
  const directory = mkdtempSync(join(test.info().outputPath(), 'validators-'));
  const schemaFile = join(directory, 'thing.json');
  writeFileSync(schemaFile, JSON.stringify(schema));
  return { schemaFile, cache: join(directory, 'cache') };
}

const thing = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: ID,
  type: 'object',
  properties: { state: { enum: ['draft', 'ready'] } },
  required: ['state'],
};

test('validators are compiled once, then loaded from the cache', () => {
  const { schemaFile, cache } = scratch(thing);
  const first = compiledSchemas('t', [schemaFile], { cacheDirectory: cache }).byId.get(ID);
  expect(first?.({ state: 'draft' })).toBe(true);
  expect(first?.({ state: 'String' })).toBe(false);
  expect(first?.errors?.[0]).toMatchObject({ instancePath: '/state', keyword: 'enum' });
  const [file] = readdirSync(cache);
  expect(file).toMatch(/^validators-t-[0-9a-f]{32}\.cjs$/);

  // Plant a verdict no compilation would give: the second load must come from the file.
  const path = join(cache, file ?? '');
  writeFileSync(path, `${readFileSync(path, 'utf8')}\nfor (const key of Object.keys(exports)) exports[key] = () => false;`);
  expect(compiledSchemas('t', [schemaFile], { cacheDirectory: cache }).byId.get(ID)?.({ state: 'draft' })).toBe(false);
});

test('an edited schema is compiled again, and its old validator removed', () => {
  const { schemaFile, cache } = scratch(thing);
  compiledSchemas('t', [schemaFile], { cacheDirectory: cache });
  writeFileSync(schemaFile, JSON.stringify({ ...thing, properties: { state: { enum: ['draft', 'ready', 'String'] } } }));
  expect(compiledSchemas('t', [schemaFile], { cacheDirectory: cache }).byId.get(ID)?.({ state: 'String' })).toBe(true);
  expect(readdirSync(cache)).toHaveLength(1);
});

test('a damaged cache file is compiled again', () => {
  const { schemaFile, cache } = scratch(thing);
  compiledSchemas('t', [schemaFile], { cacheDirectory: cache });
  const [file] = readdirSync(cache);
  writeFileSync(join(cache, file ?? ''), '"use strict";exports["half a fil');
  expect(compiledSchemas('t', [schemaFile], { cacheDirectory: cache }).byId.get(ID)?.({ state: 'ready' })).toBe(true);
});

test('a cache that cannot be written still validates', () => {
  const { schemaFile } = scratch(thing);
  // Below a regular file: no directory can be made there, whoever runs the test.
  expect(compiledSchemas('t', [schemaFile], { cacheDirectory: join(schemaFile, 'cache') }).byId.get(ID)?.({ state: 'ready' })).toBe(true);
});

test('a schema ajv rejects names its file', () => {
  const { schemaFile, cache } = scratch({ ...thing, properties: { state: { enumm: ['draft'] } } });
  expect(() => compiledSchemas('t', [schemaFile], { cacheDirectory: cache })).toThrow(/thing\.json.*unknown keyword: "enumm"/s);
});

test("an error in a referenced schema names that schema's file, not the one that references it", () => {
  const { schemaFile, cache } = scratch(thing);
  const base = join(schemaFile, '..');
  // a.json sorts first and references z.json, where the typo is.
  writeFileSync(
    join(base, 'a.json'),
    JSON.stringify({ $id: 'https://graph-contracts.invalid/schemas/a.json', allOf: [{ $ref: 'z.json' }] }),
  );
  writeFileSync(
    join(base, 'z.json'),
    JSON.stringify({ $id: 'https://graph-contracts.invalid/schemas/z.json', type: 'object', requird: ['id'] }),
  );
  expect(() => compiledSchemas('t', [join(base, 'a.json'), join(base, 'z.json')], { cacheDirectory: cache })).toThrow(
    /z\.json does not compile.*unknown keyword: "requird"/s,
  );
});

test("writing one bundle's cache never removes another's, whatever their names", () => {
  const { schemaFile, cache } = scratch(thing);
  compiledSchemas('fixture-file', [schemaFile], { cacheDirectory: cache });
  compiledSchemas('fixture', [schemaFile], { cacheDirectory: cache });
  expect(readdirSync(cache).sort()).toEqual([
    expect.stringMatching(/^validators-fixture-[0-9a-f]{32}\.cjs$/),
    expect.stringMatching(/^validators-fixture-file-/),
  ]);
});

test('a schema that is not JSON, or has no $id, names its file', () => {
  const { schemaFile, cache } = scratch(thing);
  writeFileSync(schemaFile, '{ "type": ');
  expect(() => compiledSchemas('t', [schemaFile], { cacheDirectory: cache })).toThrow(/thing\.json is not valid JSON/);
  writeFileSync(schemaFile, JSON.stringify({ type: 'object' }));
  expect(() => compiledSchemas('t', [schemaFile], { cacheDirectory: cache })).toThrow(/thing\.json has no "\$id"/);
});
