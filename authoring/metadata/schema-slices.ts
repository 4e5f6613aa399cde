import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import { isJsonObject, type JsonObject } from '../../harness/shared/json-object.ts';
import type { MetadataSlice } from './csdl-model.ts';
import type { WholeMetadata } from './metadata-at-hand.ts';
import { describeOrigin, type VersionSource } from './metadata-source.ts';
import { titledType } from './schema-check.ts';
import { sliceCsdl, type Slice } from './slice-csdl.ts';

export interface SchemaFile {
  /** `externalConnection.json`. */
  name: string;
  json: JsonObject;
}

export function readSchemaFiles(directory: string): SchemaFile[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ name, json: JSON.parse(readFileSync(join(directory, name), 'utf8')) as JsonObject }));
}

/**
 * The types schemas/ need from a version's metadata, so that schemas:check can compare them: each
 * schema's titled type (a title that names no version counts for both), and each $def named after
 * a type of that namespace or microsoft.graph (a request-only type no property leads to, say), as
 * the check itself looks them up. The slice adds what these reference.
 */
export function typesNamedBySchemas(schemas: readonly SchemaFile[], version: GraphVersion, model: MetadataSlice): string[] {
  const types = new Set<string>();
  for (const { json } of schemas) {
    const titled = titledType(json.title);
    if (titled === undefined || (titled.version !== undefined && titled.version !== version)) continue;
    if (model.types.has(titled.typeName)) types.add(titled.typeName);
    // The derived types a schema's oneOf names by `@odata.type` (an abstract entity type's), which no property reference reaches.
    for (const named of branchTypes(json)) if (model.types.has(named)) types.add(named);
    if (titled.typeName.startsWith('Edm.') || !isJsonObject(json.$defs)) continue;
    const namespace = titled.typeName.slice(0, titled.typeName.lastIndexOf('.'));
    const reached = reachedDefs(json);
    for (const name of Object.keys(json.$defs).filter((def) => !reached.has(def))) {
      const candidate = [`${namespace}.${name}`, `microsoft.graph.${name}`].find((qualified) => model.types.has(qualified));
      if (candidate !== undefined) types.add(candidate);
    }
  }
  return [...types].sort();
}

/** The $defs a schema's root leads to through `#/$defs/…` references: the check reaches those through their properties. */
function reachedDefs(schema: JsonObject): Set<string> {
  const defs = isJsonObject(schema.$defs) ? schema.$defs : {};
  const reached = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    if (!isJsonObject(node)) return;
    const name = typeof node.$ref === 'string' ? /^#\/\$defs\/([^/]+)$/.exec(node.$ref)?.[1] : undefined;
    if (name !== undefined && !reached.has(name)) {
      reached.add(name);
      visit(defs[name]);
    }
    for (const [key, value] of Object.entries(node)) if (key !== '$defs') visit(value);
  };
  visit(schema);
  return reached;
}

/** The `@odata.type` consts of the schema's oneOf and anyOf branches, each read where it is or in the $def it references. */
function branchTypes(schema: JsonObject): string[] {
  const defs = isJsonObject(schema.$defs) ? schema.$defs : {};
  const constOf = (node: unknown): string | undefined => {
    if (!isJsonObject(node)) return undefined;
    const properties = isJsonObject(node.properties) ? node.properties : {};
    const odataType = properties['@odata.type'];
    if (isJsonObject(odataType) && typeof odataType.const === 'string') return odataType.const.replace(/^#/, '');
    const name = typeof node.$ref === 'string' ? /^#\/\$defs\/([^/]+)$/.exec(node.$ref)?.[1] : undefined;
    return name === undefined ? undefined : constOf(defs[name]);
  };
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    if (!isJsonObject(node)) return;
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      // `anyOf: [X, { type: 'null' }]` is X or null, not a choice of types.
      const branches = (Array.isArray(node[keyword]) ? (node[keyword] as unknown[]) : []).filter((branch) => !(isJsonObject(branch) && branch.type === 'null'));
      for (const branch of branches.length > 1 ? branches : []) found.push(...[constOf(branch)].filter((name) => name !== undefined));
    }
    Object.values(node).forEach(visit);
  };
  visit(schema);
  return found;
}

/** The slice of a version's whole CSDL that holds `types` and what they reference, its header saying where the file came from. */
export function cutSlice(whole: WholeMetadata, source: VersionSource, types: readonly string[]): Slice {
  const file = source.csdl.file ?? whole.name;
  return sliceCsdl({
    xml: whole.xml,
    csdl: whole.csdl,
    types: [...types],
    sourceName: file,
    header: [
      `Source: ${whole.name}, the whole ${whole.version} metadata: ${describeOrigin(source.csdl)} (${whole.version}.source.json).`,
      'Places are line numbers of that file.',
      'Cut by npm run metadata:update, or by new-spec when a schema it drafts needs a type the slice lacks: the types are those schemas/ name (metadata/README.md).',
      `Types asked for: ${types.join(', ')}; plus what they reference.`,
    ],
  });
}
