import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createAjv } from '../../harness/schema/ajv.ts';
import { SCHEMAS_DIRECTORY } from '../../harness/schema/registry.ts';
import { parseMetadata, where } from '../../authoring/metadata/read-metadata.ts';
import { readListedDifferences, readSlices } from '../../authoring/metadata/listed-differences.ts';
import { checkPassed, checkSchemas, formatCheck, type CheckResult, type ListedDifference } from '../../authoring/metadata/schema-check.ts';
import { schemaFor } from '../../authoring/metadata/schema-from-metadata.ts';
import type { MetadataType, StructuredType } from '../../authoring/metadata/csdl-model.ts';

const slices = readSlices();

function structured(type: MetadataType | undefined): StructuredType {
  if (type?.kind !== 'entity' && type?.kind !== 'complex') throw new Error('not a structured type');
  return type;
}

/** The repo's schemas copied under the test's output folder, one of them changed. */
function mutated(outputPath: string, file: string, change: (schema: Record<string, unknown>) => void): string {
  cpSync(SCHEMAS_DIRECTORY, outputPath, { recursive: true });
  const schema = JSON.parse(readFileSync(join(outputPath, file), 'utf8')) as Record<string, unknown>;
  change(schema);
  writeFileSync(join(outputPath, file), JSON.stringify(schema));
  return outputPath;
}

function check(schemasDirectory: string, listed: ListedDifference[] = readListedDifferences()): CheckResult {
  return checkSchemas({ schemasDirectory, slices, listed });
}

test('the reader resolves the alias, reads facets and Computed, and keeps slice and source lines', () => {
  const connection = structured(slices['v1.0'].types.get('microsoft.graph.externalConnectors.externalConnection'));
  expect(connection.baseType).toBe('microsoft.graph.entity');
  const state = connection.properties.find((property) => property.name === 'state');
  expect(state).toMatchObject({
    type: 'microsoft.graph.externalConnectors.connectionState',
    nullable: true,
    computed: true,
    collection: false,
    source: 'v1.0-Prod.csdl line 28303',
  });
  const lines = readFileSync('metadata/v1.0.csdl.xml', 'utf8').split('\n');
  expect(lines[(state?.line ?? 0) - 1]).toContain('<Property Name="state"');
  expect(connection.properties.find((property) => property.name === 'contentCategory')?.nullable).toBe(false);
  expect(connection.properties.find((property) => property.name === 'items')?.navigation).toBe(true);
  expect(structured(slices.beta.types.get('microsoft.graph.externalConnectors.configuration')).openType).toBe(true);
  expect(structured(slices.beta.types.get('microsoft.graph.apiAuthenticationConfigurationBase')).abstract).toBe(true);
  const flags = slices.beta.types.get('microsoft.graph.externalConnectors.contentExperienceType');
  expect(flags?.kind === 'enum' && flags.flags).toBe(true);
  const status = slices.beta.types.get('microsoft.graph.connectorStatus');
  expect(status?.kind === 'enum' ? status.members.map((member) => member.name) : []).toEqual(['active', 'inactive']);
  expect(where(slices.beta, status ?? { line: 0, source: undefined })).toMatch(
    /^metadata\/beta\.csdl\.xml:\d+ \(beta-Prod\.csdl ~offset 146000\)$/,
  );
});

test('a slice that does not parse is one error naming its file', () => {
  expect(() =>
    parseMetadata('<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><oops>', 'metadata/broken.csdl.xml'),
  ).toThrow(/^metadata\/broken\.csdl\.xml is not a CSDL XML document that parses: .*npm run metadata:update/);
});

test("the repo's schemas match the slices but for the listed differences", () => {
  const result = check(SCHEMAS_DIRECTORY);
  expect(formatCheck(result, 'metadata/schema-differences.json')).toMatch(/ 0 unlisted, 0 listed but gone\.$/);
  expect(checkPassed(result)).toBe(true);
  expect(result.listed.length).toBeGreaterThan(0);
});

test('a property the metadata lacks fails, naming the schema, the property and the metadata line', ({}, testInfo) => {
  const directory = mutated(testInfo.outputPath('schemas'), 'externalConnection.json', (schema) => {
    (schema.properties as Record<string, unknown>).colour = { type: 'string' };
  });
  const result = check(directory);
  expect(checkPassed(result)).toBe(false);
  expect(result.unlisted).toEqual([
    expect.objectContaining({
      schema: 'externalConnection.json',
      pointer: '/properties/colour',
      property: 'colour',
      kind: 'not-in-metadata',
      where: expect.stringMatching(/^metadata\/beta\.csdl\.xml:\d+ \(beta-Prod\.csdl ~offset 3411000\)$/),
    }),
  ]);
  expect(formatCheck(result, 'metadata/schema-differences.json')).toContain(
    '✗ unlisted  schemas/externalConnection.json#/properties/colour colour: not-in-metadata',
  );
});

test('a changed type fails, naming the property and the metadata line', ({}, testInfo) => {
  const directory = mutated(testInfo.outputPath('schemas'), 'externalConnection.json', (schema) => {
    (schema.properties as Record<string, unknown>).connectorId = { type: ['integer', 'null'] };
  });
  const [difference, ...rest] = check(directory).unlisted;
  expect(rest).toEqual([]);
  expect(difference).toMatchObject({
    schema: 'externalConnection.json',
    property: 'connectorId',
    kind: 'type',
    schemaSays: 'integer',
    metadataSays: 'Edm.String (string)',
  });
  const line = Number(/:(\d+) /.exec(difference?.where ?? '')?.[1]);
  expect(readFileSync('metadata/beta.csdl.xml', 'utf8').split('\n')[line - 1]).toContain('<Property Name="connectorId"');
});

test('an enum member the metadata lacks fails', ({}, testInfo) => {
  const directory = mutated(testInfo.outputPath('schemas'), 'externalConnection.json', (schema) => {
    const state = (schema.$defs as Record<string, { enum: unknown[] }>).connectionState;
    state?.enum.splice(0, 1, 'archived');
  });
  const [difference, ...rest] = check(directory).unlisted;
  expect(rest).toEqual([]);
  expect(difference).toMatchObject({
    schema: 'externalConnection.json',
    pointer: '/$defs/connectionState',
    property: 'state',
    kind: 'enum-members',
    schemaSays: 'also archived; lacks draft',
  });
  expect(difference?.where).toMatch(/^metadata\/beta\.csdl\.xml:\d+ /);
});

test('an enum on a plain string fails as narrower than the metadata, naming schema, property and line', ({}, testInfo) => {
  const directory = mutated(testInfo.outputPath('schemas'), 'connector.json', (schema) => {
    (schema.properties as Record<string, unknown>).machineName = { type: 'string', enum: ['a', 'b'] };
  });
  const result = check(directory);
  expect(checkPassed(result)).toBe(false);
  const [difference, ...rest] = result.unlisted;
  expect(rest).toEqual([]);
  expect(difference).toMatchObject({
    schema: 'connector.json',
    pointer: '/properties/machineName/enum',
    property: 'machineName',
    kind: 'narrower-than-metadata',
    schemaSays: 'enum ["a","b"]',
    metadataSays: 'Edm.String, Nullable="false": any string',
  });
  const line = Number(/:(\d+) /.exec(difference?.where ?? '')?.[1]);
  expect(readFileSync('metadata/beta.csdl.xml', 'utf8').split('\n')[line - 1]).toContain('<Property Name="machineName"');
  expect(formatCheck(result, 'metadata/schema-differences.json')).toContain(
    '✗ unlisted  schemas/connector.json#/properties/machineName/enum machineName: narrower-than-metadata: schema says enum ["a","b"]',
  );
});

test('a listed narrowing passes, and the same keyword with another value does not', ({}, testInfo) => {
  const listing: ListedDifference = {
    schema: 'connector.json',
    pointer: '/properties/machineName/maxLength',
    kind: 'narrower-than-metadata',
    property: 'machineName',
    value: 15,
    reason: 'NetBIOS names',
  };
  const narrowed = (maxLength: number): string =>
    mutated(testInfo.outputPath(`schemas-${maxLength}`), 'connector.json', (schema) => {
      (schema.properties as Record<string, unknown>).machineName = { type: 'string', maxLength };
    });
  const listed = check(narrowed(15), [...readListedDifferences(), listing]);
  expect(listed.listed.map(({ entry }) => entry)).toContainEqual(listing);
  expect(checkPassed(listed)).toBe(true);
  const changed = check(narrowed(4), [...readListedDifferences(), listing]);
  expect(changed.unlisted).toEqual([expect.objectContaining({ pointer: '/properties/machineName/maxLength', schemaSays: 'maxLength 4' })]);
  expect(changed.gone).toEqual([listing]);
});

test("a flags enum's pattern and a bound the Edm type already implies are not narrower", ({}, testInfo) => {
  const directory = mutated(testInfo.outputPath('schemas'), 'identityApiConnector.json', (schema) => {
    const information = (schema.$defs as Record<string, { properties: Record<string, unknown> }>).pkcs12CertificateInformation;
    if (information) information.properties.notAfter = { type: 'integer', minimum: -(2 ** 63), multipleOf: 1 };
  });
  expect(check(directory).unlisted).toEqual([]);
  expect(
    check(SCHEMAS_DIRECTORY)
      .results.flatMap((result) => result.differences)
      .filter((difference) => difference.property === 'enabledContentExperiences'),
  ).toEqual([]);
});

test('a listed narrowing that no longer occurs is reported as gone, with its value', () => {
  const stale: ListedDifference = {
    schema: 'connector.json',
    pointer: '/properties/machineName/pattern',
    kind: 'narrower-than-metadata',
    property: 'machineName',
    value: '^[A-Z]+$',
    reason: 'made up',
  };
  const result = check(SCHEMAS_DIRECTORY, [...readListedDifferences(), stale]);
  expect(result.gone).toEqual([stale]);
  expect(checkPassed(result)).toBe(false);
  expect(formatCheck(result, 'metadata/schema-differences.json')).toContain(
    '✗ gone: schemas/connector.json#/properties/machineName/pattern machineName: narrower-than-metadata "^[A-Z]+$" is listed in metadata/schema-differences.json but no longer occurs',
  );
});

test('a narrowing listed without its value is one error naming the entry', ({}, testInfo) => {
  const file = testInfo.outputPath('schema-differences.json');
  writeFileSync(
    file,
    JSON.stringify({
      differences: [
        {
          schema: 'connector.json',
          pointer: '/properties/machineName/enum',
          kind: 'narrower-than-metadata',
          property: 'machineName',
          reason: 'r',
        },
      ],
    }),
  );
  expect(() => readListedDifferences(file)).toThrow(`${file}: differences[0] (narrower-than-metadata) needs "value"`);
});

test('a listed difference that no longer occurs is reported as gone', () => {
  const stale: ListedDifference = {
    schema: 'connector.json',
    pointer: '/properties/version',
    kind: 'required-nullable',
    property: 'version',
    reason: 'made up',
  };
  const result = check(SCHEMAS_DIRECTORY, [...readListedDifferences(), stale]);
  expect(result.gone).toEqual([stale]);
  expect(checkPassed(result)).toBe(false);
  expect(formatCheck(result, 'metadata/schema-differences.json')).toContain(
    '✗ gone: schemas/connector.json#/properties/version version: required-nullable is listed in metadata/schema-differences.json but no longer occurs',
  );
});

test('the generator writes a schema that compiles, validates an answer and passes the check', ({}, testInfo) => {
  const schema = schemaFor('microsoft.graph.identityApiConnector', 'v1.0', slices);
  const validate = createAjv().compile(schema);
  const answer = {
    id: 'a',
    displayName: null,
    targetUrl: 'https://contoso.example',
    authenticationConfiguration: { '@odata.type': '#microsoft.graph.basicAuthentication', username: 'u', password: '******' },
  };
  expect(validate(answer)).toBe(true);
  expect(validate({ ...answer, authenticationConfiguration: { '@odata.type': '#microsoft.graph.basicAuthentication', username: 1 } })).toBe(
    false,
  );
  const directory = testInfo.outputPath('generated');
  cpSync(SCHEMAS_DIRECTORY, directory, { recursive: true });
  writeFileSync(
    join(directory, 'identityApiConnector.json'),
    JSON.stringify({ $id: 'https://graph-contracts.invalid/schemas/identityApiConnector.json', ...schema }),
  );
  const generated = check(directory, []).results.find((result) => result.schema === 'identityApiConnector.json');
  expect(generated).toMatchObject({ primary: 'v1.0', differences: [] });
  expect(schemaFor('microsoft.graph.externalConnectors.externalConnection', 'v1.0', slices)).toMatchObject({
    properties: {
      state: { anyOf: [{ $ref: '#/$defs/connectionState' }, { type: 'null' }], readOnly: true },
      contentCategory: { $ref: '#/$defs/contentCategory' },
    },
    $defs: { connectionState: { enum: ['draft', 'ready', 'obsolete', 'limitExceeded', 'unknownFutureValue'] } },
  });
});

test('the generator names a type missing from the metadata at hand and how to get it', () => {
  expect(() => schemaFor('microsoft.graph.user', 'beta', slices)).toThrow(
    'microsoft.graph.user is not in the beta metadata at hand (metadata/beta.csdl.xml): run npm run metadata:update to fetch the whole beta metadata (metadata/README.md), or check the name.',
  );
});

test('the generator names a referenced type the slice lacks', () => {
  // The beta excerpts hold no binaryOperator, which a search result template's rules reference.
  expect(() => schemaFor('microsoft.graph.externalConnectors.externalConnection', 'beta', slices)).toThrow(
    /^microsoft\.graph\.binaryOperator is referenced but not in metadata\/beta\.csdl\.xml: run npm run metadata:update/,
  );
});
