import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createAjv } from '../../harness/schema/ajv.ts';
import { parseMetadata } from '../../authoring/metadata/read-metadata.ts';
import { checkSchemas, formatCheck } from '../../authoring/metadata/schema-check.ts';
import { schemaFor } from '../../authoring/metadata/schema-from-metadata.ts';
import type { JsonObject } from '../../harness/shared/json-object.ts';

/**
 * Drafting a schema for each kind of type the metadata has, on a small CSDL written for it in
 * Graph's own form: each draft compiles, takes what the service would answer, refuses what it would
 * not, and passes schemas:check against the metadata it came from.
 */

const CSDL = `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EnumType Name="widgetState">
        <Member Name="draft" Value="0" />
        <Member Name="ready" Value="1" />
        <Member Name="unknownFutureValue" Value="2" />
      </EnumType>
      <EnumType Name="widgetFeatures" IsFlags="true">
        <Member Name="none" Value="0" />
        <Member Name="search" Value="1" />
        <Member Name="sync" Value="2" />
      </EnumType>
      <EntityType Name="entity" Abstract="true">
        <Key>
          <PropertyRef Name="id" />
        </Key>
        <Property Name="id" Type="Edm.String" Nullable="false" />
      </EntityType>
      <EntityType Name="widget" BaseType="graph.entity">
        <Property Name="displayName" Type="Edm.String" />
        <Property Name="size" Type="Edm.Int32" Nullable="false" />
        <Property Name="state" Type="graph.widgetState" />
        <Property Name="features" Type="graph.widgetFeatures" Nullable="false" />
        <Property Name="tags" Type="Collection(Edm.String)" />
        <Property Name="dimensions" Type="graph.dimensions" />
        <Property Name="fastening" Type="graph.fastening" />
        <NavigationProperty Name="gadgets" Type="Collection(graph.gadget)" ContainsTarget="true" />
      </EntityType>
      <ComplexType Name="dimensions">
        <Property Name="width" Type="Edm.Double" Nullable="false" />
        <Property Name="height" Type="Edm.Double" />
      </ComplexType>
      <ComplexType Name="fastening" Abstract="true">
        <Property Name="strength" Type="Edm.Int32" />
      </ComplexType>
      <ComplexType Name="screwFastening" BaseType="graph.fastening">
        <Property Name="thread" Type="Edm.String" />
      </ComplexType>
      <ComplexType Name="woodScrewFastening" BaseType="graph.screwFastening">
        <Property Name="tapered" Type="Edm.Boolean" Nullable="false" />
      </ComplexType>
      <ComplexType Name="glueFastening" BaseType="graph.fastening">
        <Property Name="cureMinutes" Type="Edm.Int32" Nullable="false" />
      </ComplexType>
      <EntityType Name="gadget" BaseType="graph.entity" Abstract="true">
        <Property Name="label" Type="Edm.String" />
      </EntityType>
      <EntityType Name="lamp" BaseType="graph.gadget">
        <Property Name="lumens" Type="Edm.Int32" Nullable="false" />
      </EntityType>
      <EntityType Name="clock" BaseType="graph.gadget">
        <Property Name="timeZone" Type="Edm.String" />
      </EntityType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;

const model = parseMetadata(CSDL, 'widgets.csdl.xml');
const models = { 'v1.0': model };

/** The draft compiled as the harness compiles schemas, with the title's name as its $id. */
function validator(schema: JsonObject): (body: unknown) => boolean {
  const validate = createAjv().compile({ $id: 'https://graph-contracts.invalid/schemas/draft.json', ...schema });
  return (body) => validate(body);
}

/** What schemas:check says of the draft, written as the only schema of a folder, against the metadata it came from. */
function checked(schema: JsonObject, name: string): { differences: number; report: string } {
  const directory = test.info().outputPath(name);
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    join(directory, `${name}.json`),
    JSON.stringify({ $id: `https://graph-contracts.invalid/schemas/${name}.json`, ...schema }),
  );
  const result = checkSchemas({ schemasDirectory: directory, slices: models, listed: [] });
  return { differences: result.unlisted.length, report: formatCheck(result, 'none') };
}

const widget = {
  id: 'w1',
  displayName: null,
  size: 3,
  state: 'ready',
  features: 'search,sync',
  tags: ['a', 'b'],
  dimensions: { width: 1.5, height: null },
  fastening: { '@odata.type': '#microsoft.graph.glueFastening', strength: 2, cureMinutes: 30 },
};

test('an entity: its own and inherited properties, nullability, enums, flags, collections, a complex and an abstract complex type; no navigation property', () => {
  const schema = schemaFor('microsoft.graph.widget', 'v1.0', models);
  expect(schema).toMatchObject({
    title: 'microsoft.graph.widget (v1.0)',
    type: 'object',
    properties: {
      '@odata.type': { const: '#microsoft.graph.widget' },
      id: { type: 'string' },
      displayName: { type: ['string', 'null'] },
      size: { type: 'integer' },
      state: { anyOf: [{ $ref: '#/$defs/widgetState' }, { type: 'null' }] },
      features: { $ref: '#/$defs/widgetFeatures' },
      tags: { type: 'array', items: { type: 'string' } },
      dimensions: { anyOf: [{ $ref: '#/$defs/dimensions' }, { type: 'null' }] },
    },
    $defs: {
      widgetState: { enum: ['draft', 'ready', 'unknownFutureValue'] },
      widgetFeatures: { type: 'string', pattern: '^(none|search|sync)(,\\s*(none|search|sync))*$' },
      dimensions: { type: 'object', properties: { width: { type: 'number' }, height: { type: ['number', 'null'] } } },
    },
  });
  expect(Object.keys(schema.properties as object)).not.toContain('gadgets');
  const validate = validator(schema);
  expect(validate(widget)).toBe(true);
  expect(validate({ ...widget, size: 'three' })).toBe(false);
  expect(validate({ ...widget, state: 'archived' })).toBe(false);
  expect(validate({ ...widget, features: 'search,teleport' })).toBe(false);
  expect(validate({ ...widget, tags: null })).toBe(false);
  expect(checked(schema, 'widget')).toMatchObject({ differences: 0 });
});

test('a complex type on its own, and an abstract complex type as one of its concrete derived types, told apart by @odata.type', () => {
  const dimensions = schemaFor('microsoft.graph.dimensions', 'v1.0', models);
  expect(dimensions).toMatchObject({ type: 'object', properties: { width: { type: 'number' } } });
  expect(validator(dimensions)({ width: 2, height: 1 })).toBe(true);
  expect(checked(dimensions, 'dimensions')).toMatchObject({ differences: 0 });

  const fastening = schemaFor('microsoft.graph.fastening', 'v1.0', models);
  expect(fastening).toMatchObject({
    required: ['@odata.type'],
    discriminator: { propertyName: '@odata.type' },
    oneOf: [
      { allOf: [{ $ref: '#/$defs/screwFastening' }], properties: { '@odata.type': { const: '#microsoft.graph.screwFastening' } } },
      { $ref: '#/$defs/woodScrewFastening' },
      { $ref: '#/$defs/glueFastening' },
    ],
    $defs: {
      // A screw fastening may be answered as a wood screw fastening: its own $def leaves @odata.type open.
      screwFastening: { properties: { '@odata.type': { type: 'string' }, strength: {}, thread: {} } },
      woodScrewFastening: { properties: { '@odata.type': { const: '#microsoft.graph.woodScrewFastening' }, thread: {}, tapered: {} } },
      glueFastening: { properties: { '@odata.type': { const: '#microsoft.graph.glueFastening' }, cureMinutes: { type: 'integer' } } },
    },
  });
  const validate = validator(fastening);
  expect(validate({ '@odata.type': '#microsoft.graph.screwFastening', thread: 'M4' })).toBe(true);
  expect(validate({ '@odata.type': '#microsoft.graph.woodScrewFastening', thread: 'M4', tapered: true })).toBe(true);
  expect(validate({ '@odata.type': '#microsoft.graph.woodScrewFastening', tapered: 'yes' })).toBe(false);
  expect(validate({ '@odata.type': '#microsoft.graph.glueFastening', cureMinutes: 'long' })).toBe(false);
  expect(validate({ strength: 1 })).toBe(false);
  expect(checked(fastening, 'fastening')).toMatchObject({ differences: 0 });
});

test('an abstract entity type is one of its concrete derived entity types', () => {
  const gadget = schemaFor('microsoft.graph.gadget', 'v1.0', models);
  expect(gadget).toMatchObject({
    required: ['@odata.type'],
    oneOf: [{ $ref: '#/$defs/lamp' }, { $ref: '#/$defs/clock' }],
    $defs: { lamp: { properties: { id: { type: 'string' }, label: { type: ['string', 'null'] }, lumens: { type: 'integer' } } } },
  });
  const validate = validator(gadget);
  expect(validate({ '@odata.type': '#microsoft.graph.lamp', id: 'g1', lumens: 800 })).toBe(true);
  expect(validate({ '@odata.type': '#microsoft.graph.clock', id: 'g2', timeZone: 'UTC' })).toBe(true);
  expect(validate({ '@odata.type': '#microsoft.graph.lamp', id: 'g1', lumens: 'bright' })).toBe(false);
  expect(checked(gadget, 'gadget')).toMatchObject({ differences: 0 });
});

test('an enum answered on its own is { value: <a member> }', () => {
  const state = schemaFor('microsoft.graph.widgetState', 'v1.0', models);
  expect(state).toMatchObject({
    title: 'microsoft.graph.widgetState (v1.0)',
    required: ['value'],
    properties: { value: { enum: ['draft', 'ready', 'unknownFutureValue'] } },
  });
  expect(validator(state)({ value: 'draft' })).toBe(true);
  expect(validator(state)({ value: 'gone' })).toBe(false);
  expect(checked(state, 'widgetState')).toMatchObject({ differences: 0 });
});

test('a collection is { value: [items] } with its control information, the items the type', () => {
  const widgets = schemaFor('Collection(microsoft.graph.widget)', 'v1.0', models);
  expect(widgets).toMatchObject({
    title: 'Collection(microsoft.graph.widget) (v1.0)',
    type: 'object',
    required: ['value'],
    properties: {
      '@odata.context': { type: 'string' },
      '@odata.nextLink': { type: 'string' },
      value: { type: 'array', items: { type: 'object', properties: { '@odata.type': { const: '#microsoft.graph.widget' } } } },
    },
    $defs: { widgetState: {} },
  });
  const validate = validator(widgets);
  const page = {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#widgets',
    '@odata.nextLink': 'https://graph.microsoft.com/v1.0/widgets?$skiptoken=x',
    value: [widget],
  };
  expect(validate(page)).toBe(true);
  expect(validate({ value: [{ ...widget, size: null }] })).toBe(false);
  expect(validate(widget)).toBe(false);
  expect(checked(widgets, 'widgetCollectionResponse')).toMatchObject({ differences: 0 });

  // The check reads the items back against the type: a changed item type is a difference.
  const changed = structuredClone(widgets) as { properties: { value: { items: { properties: Record<string, unknown> } } } };
  changed.properties.value.items.properties.size = { type: 'string' };
  expect(checked(changed as unknown as JsonObject, 'changedCollection')).toMatchObject({
    differences: 1,
    report: expect.stringContaining('value[].size: type: schema says string; metadata (v1.0) says Edm.Int32'),
  });
});

test('a primitive collection and a primitive are { value: … } of their JSON type', () => {
  const strings = schemaFor('Collection(Edm.String)', 'v1.0', models);
  expect(strings).toMatchObject({
    title: 'Collection(Edm.String) (v1.0)',
    required: ['value'],
    properties: { value: { type: 'array', items: { type: 'string' } } },
  });
  expect(validator(strings)({ value: ['fee2c45b-915a-4a64-b130-f4eb9e75525e'] })).toBe(true);
  expect(validator(strings)({ value: [1] })).toBe(false);
  expect(checked(strings, 'StringCollectionResponse')).toMatchObject({ differences: 0 });

  const flag = schemaFor('Edm.Boolean', 'v1.0', models);
  expect(flag).toMatchObject({ title: 'Edm.Boolean (v1.0)', properties: { value: { type: 'boolean' } } });
  expect(validator(flag)({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean', value: true })).toBe(true);
  expect(validator(flag)({ value: 'true' })).toBe(false);
  expect(checked(flag, 'BooleanResponse')).toMatchObject({ differences: 0 });
});

test('a type the metadata does not have is one message naming it, the file, and how to get the whole metadata', () => {
  expect(() => schemaFor('microsoft.graph.sprocket', 'v1.0', models)).toThrow(
    'microsoft.graph.sprocket is not in the v1.0 metadata at hand (widgets.csdl.xml): run npm run metadata:update to fetch the whole v1.0 metadata (metadata/README.md), or check the name.',
  );
});
