import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { compiledSchemas, SchemaFileError } from '../../harness/schema/compiled-validators.ts';

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
    /z\.json at \/requird: strict mode: unknown keyword: "requird": remove it, or spell it as JSON Schema does/,
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

test('a schema that is not JSON, or has no $id, names its file and the place', () => {
  const { schemaFile, cache } = scratch(thing);
  writeFileSync(schemaFile, '{\n  "type": ');
  expect(() => compiledSchemas('t', [schemaFile], { cacheDirectory: cache })).toThrow(
    /thing\.json: not JSON at line 2, column 11 \(the text ends before the JSON does\): mend it; a schema is a JSON object/,
  );
  writeFileSync(schemaFile, JSON.stringify({ type: 'object' }));
  expect(() => compiledSchemas('t', [schemaFile], { cacheDirectory: cache })).toThrow(
    /thing\.json has no "\$id": every schema is addressed by its \$id; add one\./,
  );
});

/** The SchemaFileError compiledSchemas throws for these files, or undefined when they compile. */
function schemaFileError(files: Record<string, string | object>): SchemaFileError | undefined {
  const { cache } = scratch(thing);
  const base = join(cache, '..');
  const paths = Object.entries(files).map(([name, content]) => {
    writeFileSync(join(base, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return join(base, name);
  });
  try {
    compiledSchemas('t', paths, { cacheDirectory: cache });
    return undefined;
  } catch (error) {
    if (error instanceof SchemaFileError) return error;
    throw error;
  }
}

const idOf = (name: string) => `https://graph-contracts.invalid/schemas/${name}`;

test('every broken file is named at once: one that is not JSON, and one ajv refuses, each at its place', () => {
  const error = schemaFileError({
    'a.json': '{ "$id": "x", }',
    'b.json': { $id: idOf('b.json'), type: 'objekt', properties: { id: { type: 'string', minLength: 'one' } } },
    'c.json': { $id: idOf('c.json'), type: 'object' },
  });
  expect(error?.problems).toEqual([
    expect.stringMatching(/a\.json: not JSON at line 1, column 15 \(Expected double-quoted property name in JSON\): mend it/),
    expect.stringMatching(
      /b\.json: not a JSON Schema ajv accepts \(draft 2020-12\):\n {2}at \/properties\/id\/minLength: must be integer\n {2}at \/type: must be one of array, boolean, integer, null, number, object, string\n {2}Mend each keyword named/,
    ),
  ]);
});

test('a $ref to no schema, or a pattern JavaScript refuses, is named at its place in the file', () => {
  expect(
    schemaFileError({ 'r.json': { $id: idOf('r.json'), type: 'object', properties: { owner: { $ref: 'missing.json' } } } })?.problems,
  ).toEqual([
    expect.stringMatching(
      /r\.json at \/properties\/owner\/\$ref: can't resolve reference missing\.json from id .*: point the \$ref at a schema/,
    ),
  ]);
  expect(
    schemaFileError({ 'p.json': { $id: idOf('p.json'), type: 'object', properties: { id: { type: 'string', pattern: '(' } } } })?.problems,
  ).toEqual([
    expect.stringMatching(
      /p\.json at \/properties\/id\/pattern: .*Invalid regular expression.*: write a regular expression JavaScript accepts/,
    ),
  ]);
});

test("strict mode's other refusals are named at the place it gives", () => {
  expect(schemaFileError({ 's.json': { $id: idOf('s.json'), properties: { id: { minLength: 1 } } } })?.problems).toEqual([
    expect.stringMatching(
      /s\.json at \(root\): strict mode: missing type "object" for keyword "properties" .*: say it as strict mode asks/,
    ),
  ]);
});

test('two schemas with one $id: the second is named with the first', () => {
  expect(schemaFileError({ 'one.json': { $id: idOf('one.json') }, 'two.json': { $id: idOf('one.json') } })?.problems).toEqual([
    expect.stringMatching(
      /two\.json has the "\$id" of .*one\.json \(https:\/\/graph-contracts\.invalid\/schemas\/one\.json\): give each schema its own \$id\./,
    ),
  ]);
});
