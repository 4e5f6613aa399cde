import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import type { MetadataProperty, MetadataSlice, StructuredType } from './csdl-model.ts';
import { allProperties, derivedTypes } from './read-metadata.ts';
import { edmJsonType, flagsPattern } from './schema-check.ts';
import { readSlices, SLICE_FILES } from './listed-differences.ts';
import type { JsonObject } from '../../harness/shared/json-object.ts';

/**
 * A draft 2020-12 JSON Schema for a Graph type as the metadata declares it: a starting point for a
 * new spec's schema, to tighten by hand from the doc page. Referenced types become $defs; a
 * Computed property is readOnly; nothing is required (the metadata says nothing of presence).
 */
export function schemaFor(typeName: string, version: GraphVersion, slices: Partial<Record<GraphVersion, MetadataSlice>> = readSlices()): JsonObject {
  const slice = slices[version];
  const type = slice?.types.get(typeName);
  if (!slice || type === undefined) {
    throw new Error(
      `${typeName} is not in the ${version} slice (${slice?.file ?? SLICE_FILES[version]}): add it to the slice's type list and regenerate it with scripts/metadata-slice.ts (metadata/README.md).`,
    );
  }
  const defs: Record<string, JsonObject> = {};
  const root = type.kind === 'enum' ? enumSchema(slice, typeName) : objectSchema(slice, type, defs);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `${typeName} (${version})`,
    $comment: `Generated from ${slice.file} (${type.source ?? `line ${type.line}`}).`,
    ...root,
    ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
  };
}

function objectSchema(slice: MetadataSlice, type: StructuredType, defs: Record<string, JsonObject>): JsonObject {
  const concrete = derivedTypes(slice, type.name).filter((derived) => !derived.abstract);
  if (type.abstract && concrete.length > 0) {
    return {
      type: 'object',
      required: ['@odata.type'],
      properties: { '@odata.type': { type: 'string' } },
      discriminator: { propertyName: '@odata.type' },
      oneOf: concrete.map((derived) => ({ $ref: `#/$defs/${defFor(slice, derived.name, defs)}` })),
    };
  }
  const properties: Record<string, JsonObject> = { '@odata.type': { const: `#${type.name}` } };
  for (const property of allProperties(slice, type)) {
    if (!property.navigation) properties[property.name] = propertySchema(slice, property, defs);
  }
  const base = type.baseType === undefined ? undefined : slice.types.get(type.baseType);
  // A value of a derived type says which one it is, so that a discriminator can pick it.
  return { type: 'object', ...(base?.kind === 'complex' && base.abstract ? { required: ['@odata.type'] } : {}), properties };
}

function propertySchema(slice: MetadataSlice, property: MetadataProperty, defs: Record<string, JsonObject>): JsonObject {
  const value = valueSchema(slice, property.type, defs);
  const schema = property.collection ? { type: 'array', items: value } : property.nullable ? nullable(value) : value;
  return property.computed ? { ...schema, readOnly: true } : schema;
}

function valueSchema(slice: MetadataSlice, typeName: string, defs: Record<string, JsonObject>): JsonObject {
  const edm = edmJsonType(typeName);
  if (edm !== undefined) return { type: edm };
  // Any JSON object (an Adaptive Card, say); the beta excerpts lack its empty declaration.
  if (typeName === 'microsoft.graph.Json') return { type: 'object' };
  if (!slice.types.has(typeName)) {
    throw new Error(`${typeName} is referenced but not in ${slice.file}: add it to the slice's type list and regenerate it with scripts/metadata-slice.ts (metadata/README.md).`);
  }
  return { $ref: `#/$defs/${defFor(slice, typeName, defs)}` };
}

function defFor(slice: MetadataSlice, typeName: string, defs: Record<string, JsonObject>): string {
  const name = typeName.slice(typeName.lastIndexOf('.') + 1);
  if (name in defs) return name;
  defs[name] = {};
  const type = slice.types.get(typeName);
  defs[name] = type?.kind === 'enum' ? enumSchema(slice, typeName) : type ? objectSchema(slice, type, defs) : {};
  return name;
}

function enumSchema(slice: MetadataSlice, typeName: string): JsonObject {
  const type = slice.types.get(typeName);
  const members = type?.kind === 'enum' ? type.members.map((member) => member.name) : [];
  return type?.kind === 'enum' && type.flags ? { type: 'string', pattern: flagsPattern(members) } : { enum: members };
}

/** Null added to what a schema admits, the way the hand-written schemas say it. */
function nullable(schema: JsonObject): JsonObject {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.enum)) return { ...schema, enum: [...(schema.enum as unknown[]), null] };
  return { anyOf: [schema, { type: 'null' }] };
}
