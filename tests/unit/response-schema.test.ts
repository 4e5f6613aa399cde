import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createAjv } from '../../harness/schema/ajv.ts';
import { SCHEMAS_DIRECTORY } from '../../harness/schema/registry.ts';
import { readListedDifferences } from '../../authoring/metadata/listed-differences.ts';
import { MetadataAtHand } from '../../authoring/metadata/metadata-at-hand.ts';
import { METADATA_FILES, metadataFiles } from '../../authoring/metadata/metadata-files.ts';
import { cutSlice, readSchemaFiles, typesNamedBySchemas } from '../../authoring/metadata/schema-slices.ts';
import { parseMetadata } from '../../authoring/metadata/read-metadata.ts';
import { checkPassed, checkSchemas, formatCheck } from '../../authoring/metadata/schema-check.ts';
import { schemaFor } from '../../authoring/metadata/schema-from-metadata.ts';
import { responseSchema, type ResponseSchema } from '../../authoring/new-spec/response-schema.ts';
import type { JsonObject } from '../../harness/shared/json-object.ts';

/** new-spec's schema for a page's response, drawn from the whole v1.0 metadata committed in metadata/. */

// Read once per worker: the whole v1.0 CSDL takes about a second to parse.
const metadata = new MetadataAtHand();

function generated(result: ResponseSchema): Extract<ResponseSchema, { kind: 'generated' }> {
  if (result.kind !== 'generated') throw new Error(`expected a drafted schema, got ${JSON.stringify(result)}`);
  return result;
}

/** The repository's schemas copied under the test's output folder, with the drafted one written as new-spec writes it. */
function schemasWith(name: string, schema: JsonObject, from: string = SCHEMAS_DIRECTORY): string {
  const directory = test.info().outputPath('schemas-with');
  cpSync(from, directory, { recursive: true });
  writeFileSync(join(directory, `${name}.json`), `${JSON.stringify(schema, null, 2)}\n`);
  return directory;
}

/**
 * The project's schemas and metadata as they are before any page answering a user is under contract:
 * the schemas of users left out and the v1.0 slice re-cut for what the others name. A copy of the
 * project where new-spec took Get user has both, and these tests hold there too.
 */
function withoutUser(): { schemas: string; metadata: MetadataAtHand } {
  const schemas = test.info().outputPath('schemas');
  cpSync(SCHEMAS_DIRECTORY, schemas, { recursive: true });
  for (const { name, json } of readSchemaFiles(schemas))
    if (
      /^(?:Collection\()?microsoft\.graph\.user\)? /.test(String(json.title)) ||
      readFileSync(join(schemas, name), 'utf8').includes('"user.json')
    )
      rmSync(join(schemas, name));
  const directory = test.info().outputPath('metadata');
  cpSync(METADATA_FILES.directory, directory, { recursive: true });
  const copy = new MetadataAtHand(metadataFiles(directory));
  const whole = copy.whole('v1.0');
  if (!whole) throw new Error('metadata/ holds no whole v1.0 CSDL to cut a slice from.');
  const types = typesNamedBySchemas(readSchemaFiles(schemas), 'v1.0', whole.model);
  writeFileSync(copy.files.slice['v1.0'], cutSlice(whole, copy.source('v1.0'), types).xml);
  return { schemas, metadata: copy };
}

test('a type outside the slice is drafted from the whole v1.0 metadata, and the slice re-cut to hold it keeps schemas:check green', () => {
  const project = withoutUser();
  const result = generated(responseSchema({ odataType: '#microsoft.graph.user', raw: {} }, 'v1.0', project.schemas, project.metadata));
  expect(result).toMatchObject({ name: 'user', from: 'metadata/v1.0-Prod.csdl' });
  expect(result.schema).toMatchObject({
    $id: 'https://graph-contracts.invalid/schemas/user.json',
    title: 'microsoft.graph.user (v1.0)',
    properties: {
      id: { type: 'string' },
      accountEnabled: { type: ['boolean', 'null'] },
      businessPhones: { type: 'array', items: { type: 'string' } },
    },
  });
  expect(result.slice?.added).toEqual(['microsoft.graph.user']);
  expect(result.slice?.file).toMatch(/metadata\/v1\.0\.csdl\.xml$/);

  const slice = parseMetadata(result.slice?.xml ?? '', 'metadata/v1.0.csdl.xml');
  expect(slice.types.has('microsoft.graph.user')).toBe(true);
  expect(slice.types.has('microsoft.graph.externalConnectors.externalConnection')).toBe(true);
  const check = checkSchemas({
    schemasDirectory: schemasWith('user', result.schema, project.schemas),
    slices: { 'v1.0': slice, beta: metadata.slice('beta') },
    listed: readListedDifferences(),
  });
  expect(check.results.find((schema) => schema.schema === 'user.json')).toMatchObject({ primary: 'v1.0', differences: [] });
  expect(checkPassed(check), formatCheck(check, 'metadata/schema-differences.json')).toBe(true);
  expect(createAjv().validateSchema(result.schema)).toBe(true);
});

test('isCollection in the annotation gives { value: [items] }, the items the schema that already names their type', () => {
  const annotation = { odataType: 'microsoft.graph.user', raw: { isCollection: true } };
  const project = withoutUser();
  const drafted = generated(responseSchema(annotation, 'v1.0', project.schemas, project.metadata));
  expect(drafted).toMatchObject({
    name: 'userCollectionResponse',
    schema: {
      title: 'Collection(microsoft.graph.user) (v1.0)',
      required: ['value'],
      properties: {
        '@odata.nextLink': { type: 'string' },
        value: { type: 'array', items: { properties: { userPrincipalName: { type: ['string', 'null'] } } } },
      },
    },
  });

  const user = generated(responseSchema({ odataType: 'microsoft.graph.user', raw: {} }, 'v1.0', project.schemas, project.metadata));
  const withUser = schemasWith('user', user.schema, project.schemas);
  const list = generated(responseSchema(annotation, 'v1.0', withUser, project.metadata));
  expect(list.schema).toMatchObject({ properties: { value: { items: { $ref: 'user.json' } } } });
  expect(list.schema).not.toHaveProperty('$defs');
  // Written too, the list schema passes the check through the user schema it references.
  writeFileSync(join(withUser, 'userCollectionResponse.json'), JSON.stringify(list.schema));
  const slice = parseMetadata(user.slice?.xml ?? '', 'metadata/v1.0.csdl.xml');
  const check = checkSchemas({
    schemasDirectory: withUser,
    slices: { 'v1.0': slice, beta: metadata.slice('beta') },
    listed: readListedDifferences(),
  });
  expect(check.results.find((schema) => schema.schema === 'userCollectionResponse.json')).toMatchObject({
    primary: 'v1.0',
    differences: [],
  });
  expect(checkPassed(check), formatCheck(check, 'metadata/schema-differences.json')).toBe(true);

  expect(responseSchema({ odataType: 'Collection(microsoft.graph.user)', raw: {} }, 'v1.0', withUser, project.metadata)).toMatchObject({
    kind: 'existing',
    name: 'userCollectionResponse',
  });
});

test('a primitive collection is StringCollectionResponse, with no slice to re-cut', () => {
  const result = generated(responseSchema({ odataType: 'Collection(Edm.String)', raw: {} }, 'v1.0', SCHEMAS_DIRECTORY, metadata));
  expect(result).toMatchObject({
    name: 'StringCollectionResponse',
    schema: { properties: { value: { type: 'array', items: { type: 'string' } } } },
  });
  expect(result.slice).toBeUndefined();
});

test('an abstract entity type of the whole metadata is a oneOf of its derived types, and the slice takes each of them', () => {
  const result = generated(
    responseSchema({ odataType: 'microsoft.graph.authenticationMethod', raw: {} }, 'v1.0', SCHEMAS_DIRECTORY, metadata),
  );
  const branches = (result.schema.oneOf as JsonObject[]).map((branch) => branch.$ref);
  expect(branches).toContain('#/$defs/passwordAuthenticationMethod');
  expect(branches).toContain('#/$defs/fido2AuthenticationMethod');
  expect(result.slice?.added).toEqual(
    expect.arrayContaining(['microsoft.graph.authenticationMethod', 'microsoft.graph.fido2AuthenticationMethod']),
  );
  const validate = createAjv().compile(result.schema);
  expect(
    validate({
      '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
      id: '28c10230-6103-485e-b985-444c60001490',
      password: null,
    }),
  ).toBe(true);
  expect(validate({ id: '28c10230-6103-485e-b985-444c60001490' })).toBe(false);
});

test('a type the metadata does not have: the message names it and what to do, and a namesake of another namespace', () => {
  const result = responseSchema(
    { odataType: '#Microsoft.Cpim.Api.DataModels.identityApiConnector', raw: {} },
    'v1.0',
    SCHEMAS_DIRECTORY,
    metadata,
  );
  expect(result).toMatchObject({
    kind: 'missing',
    message:
      'Microsoft.Cpim.Api.DataModels.identityApiConnector is not in the v1.0 metadata at hand (metadata/v1.0-Prod.csdl): run npm run metadata:update to fetch the whole v1.0 metadata (metadata/README.md), or check the name. The metadata has microsoft.graph.identityApiConnector: if that is the type the page means, correct the page\'s "@odata.type". No schema was written.',
  });
});

// Every v1.0 type, alone and as a collection, was drafted, compiled and checked once (7,644 schemas, none failing: metadata/README.md); this keeps a spread of them.
test('a spread of the whole v1.0 metadata, one type in 100 and each kind, drafts schemas that compile and that schemas:check finds no difference in', ({}, testInfo) => {
  const model = metadata.model('v1.0');
  const ajv = createAjv();
  const names = [...model.types.keys()].filter((_, index) => index % 100 === 0);
  names.push('microsoft.graph.user', 'microsoft.graph.directoryObject', 'microsoft.graph.auditLogRecordType');
  const directory = testInfo.outputPath('drafts');
  cpSync(SCHEMAS_DIRECTORY, directory, { recursive: true, filter: (source) => !source.endsWith('.json') });
  names.forEach((name, index) => {
    for (const written of [name, `Collection(${name})`]) {
      const id = `https://graph-contracts.invalid/schemas/draft-${index}-${written.startsWith('C') ? 'list' : 'one'}.json`;
      const schema = { $id: id, ...schemaFor(written, 'v1.0', { 'v1.0': model }) };
      expect(() => ajv.compile(schema), written).not.toThrow();
      writeFileSync(join(directory, id.slice(id.lastIndexOf('/') + 1)), JSON.stringify(schema));
    }
  });
  const check = checkSchemas({ schemasDirectory: directory, slices: { 'v1.0': model }, listed: [] });
  expect(check.results).toHaveLength(names.length * 2);
  expect(check.unlisted, formatCheck(check, 'none')).toEqual([]);
});
