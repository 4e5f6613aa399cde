import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import type { MetadataProperty, MetadataSlice, MetadataType, StructuredType } from './csdl-model.ts';
import { allProperties, derivedTypes } from './read-metadata.ts';
import { edmJsonType, flagsPattern } from './schema-check.ts';
import { readSlices, SLICE_FILES } from './listed-differences.ts';
import type { JsonObject } from '../../harness/shared/json-object.ts';

/** What a response carries: one value of a type, or a collection of them (`isCollection`, `Collection(…)`). */
export interface ResponseType {
  /** Qualified, or an Edm primitive: `microsoft.graph.user`, `Edm.String`. */
  typeName: string;
  collection: boolean;
}

const COLLECTION = /^Collection\((.+)\)$/;

/** `microsoft.graph.user`, `#microsoft.graph.user`, `Collection(Edm.String)`; `isCollection` from a page's annotation. */
export function responseType(written: string, isCollection = false): ResponseType {
  const name = written.trim().replace(/^#/, '');
  const inner = COLLECTION.exec(name)?.[1];
  return inner === undefined ? { typeName: name, collection: isCollection } : { typeName: inner.trim().replace(/^#/, ''), collection: true };
}

/** How a schema's title names what it describes, as schemas:check reads it back: `Collection(microsoft.graph.user) (v1.0)`. */
export function titleOf(response: ResponseType, version: GraphVersion): string {
  return `${response.collection ? `Collection(${response.typeName})` : response.typeName} (${version})`;
}

export interface DraftOptions {
  /** A schema in schemas/ that already describes a type: referenced (`user.json`) rather than drafted again. */
  existingSchema?: (typeName: string) => string | undefined;
}

/**
 * A draft 2020-12 JSON Schema for a response as the metadata declares it: a starting point for a
 * new spec's schema, to tighten by hand from the doc page. Referenced types become $defs; a
 * Computed property is readOnly; nothing is required (the metadata says nothing of presence).
 * A collection is OData's `{ "value": [...] }` with its control information; a primitive answer is
 * `{ "value": <the value> }` (OData JSON format, "Individual Property"); an abstract type is one of
 * its concrete derived types, told apart by `@odata.type`; an enum is its members.
 *
 * `models[version]` is what is known of the version: its whole CSDL, or a slice of it.
 */
export function schemaFor(
  written: string | ResponseType,
  version: GraphVersion,
  models: Partial<Record<GraphVersion, MetadataSlice>> = readSlices(),
  options: DraftOptions = {},
): JsonObject {
  const response = typeof written === 'string' ? responseType(written) : written;
  const model = models[version];
  const { typeName } = response;
  const primitive = edmJsonType(typeName);
  const type = model?.types.get(typeName);
  if (!model || (primitive === undefined && type === undefined)) {
    throw new Error(
      `${typeName} is not in the ${version} metadata at hand (${model?.file ?? SLICE_FILES[version]}): run npm run metadata:update to fetch the whole ${version} metadata (metadata/README.md), or check the name.`,
    );
  }
  const drafter = new Drafter(model, options);
  // A collection's items reuse the schema that already describes their type.
  const existing = response.collection ? options.existingSchema?.(typeName) : undefined;
  const value = primitive !== undefined ? { type: primitive } : existing !== undefined ? { $ref: `${existing}.json` } : drafter.rootValue(typeName);
  const from = type === undefined ? 'the OData JSON format' : `${model.file} (${type.source ?? `line ${type.line}`})`;
  const root =
    response.collection
      ? {
          type: 'object',
          required: ['value'],
          properties: { ...CONTROL_INFORMATION, value: { type: 'array', items: value } },
        }
      : primitive !== undefined || type?.kind === 'enum'
        ? { type: 'object', required: ['value'], properties: { '@odata.context': { type: 'string' }, value } }
        : value;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: titleOf(response, version),
    $comment: `Generated from ${from}.`,
    ...root,
    ...(Object.keys(drafter.defs).length > 0 ? { $defs: drafter.defs } : {}),
  };
}

/** What a collection response may carry besides its items (OData JSON format, control information). */
const CONTROL_INFORMATION: Record<string, JsonObject> = {
  '@odata.context': { type: 'string' },
  '@odata.nextLink': { type: 'string' },
  '@odata.deltaLink': { type: 'string' },
  '@odata.count': { type: 'integer' },
};

class Drafter {
  readonly defs: Record<string, JsonObject> = {};
  /** $def name by qualified type name: two namespaces may hold a type of one name. */
  private readonly defNames = new Map<string, string>();

  constructor(
    private readonly model: MetadataSlice,
    private readonly options: DraftOptions,
  ) {}

  /** The response's own type: inline when structured, so the schema's root is the object a reader gets. */
  rootValue(typeName: string): JsonObject {
    const type = this.model.types.get(typeName);
    if (type === undefined) throw new Error(`${typeName} is not in ${this.model.file}.`);
    if (type.kind === 'enum') return this.enumSchema(type);
    return this.objectSchema(type);
  }

  private objectSchema(type: StructuredType): JsonObject {
    const derived = derivedTypes(this.model, type.name);
    const concrete = derived.filter((candidate) => !candidate.abstract);
    if (type.abstract && concrete.length > 0) {
      return {
        type: 'object',
        required: ['@odata.type'],
        properties: { '@odata.type': { type: 'string' } },
        discriminator: { propertyName: '@odata.type' },
        // A branch pins its @odata.type, which a type that others derive from leaves open in its own $def.
        oneOf: concrete.map((candidate) => {
          const ref = { $ref: `#/$defs/${this.defFor(candidate.name)}` };
          if (derivedTypes(this.model, candidate.name).length === 0) return ref;
          return { type: 'object', allOf: [ref], properties: { '@odata.type': { const: `#${candidate.name}` } } };
        }),
      };
    }
    // A type others derive from may be answered as one of them: its @odata.type names that one.
    const properties: Record<string, JsonObject> = { '@odata.type': derived.length > 0 ? { type: 'string' } : { const: `#${type.name}` } };
    for (const property of allProperties(this.model, type)) {
      if (!property.navigation) properties[property.name] = this.propertySchema(property);
    }
    // Where a value may be of a derived type, the oneOf above requires `@odata.type` (OData requires it there); here it may be left out.
    return { type: 'object', properties };
  }

  private propertySchema(property: MetadataProperty): JsonObject {
    const value = this.valueSchema(property.type);
    const schema = property.collection ? { type: 'array', items: value } : property.nullable ? nullable(value) : value;
    return property.computed ? { ...schema, readOnly: true } : schema;
  }

  private valueSchema(typeName: string): JsonObject {
    const edm = edmJsonType(typeName);
    if (edm !== undefined) return { type: edm };
    // Any JSON object (an Adaptive Card, say); the beta excerpts lack its empty declaration.
    if (typeName === 'microsoft.graph.Json') return { type: 'object' };
    if (!this.model.types.has(typeName)) {
      throw new Error(`${typeName} is referenced but not in ${this.model.file}: run npm run metadata:update to fetch the whole metadata (metadata/README.md).`);
    }
    const existing = this.options.existingSchema?.(typeName);
    if (existing !== undefined) return { $ref: `${existing}.json` };
    return { $ref: `#/$defs/${this.defFor(typeName)}` };
  }

  private defFor(typeName: string): string {
    const known = this.defNames.get(typeName);
    if (known !== undefined) return known;
    const short = typeName.slice(typeName.lastIndexOf('.') + 1);
    const name = short in this.defs ? typeName.replaceAll('.', '_') : short;
    this.defNames.set(typeName, name);
    this.defs[name] = {};
    const type = this.model.types.get(typeName);
    this.defs[name] = type?.kind === 'enum' ? this.enumSchema(type) : type ? this.objectSchema(type) : {};
    return name;
  }

  private enumSchema(type: MetadataType & { kind: 'enum' }): JsonObject {
    const members = type.members.map((member) => member.name);
    // Graph declares a few enums with no member (v1.0 microsoft.graph.auditLogRecordType): any string, as nothing says more.
    if (members.length === 0) return { type: 'string', $comment: `${type.name} declares no member.` };
    return type.flags ? { type: 'string', pattern: flagsPattern(members) } : { enum: members };
  }
}

function nullable(schema: JsonObject): JsonObject {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.enum)) return { ...schema, enum: [...(schema.enum as unknown[]), null] };
  return { anyOf: [schema, { type: 'null' }] };
}
