import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import type { JsonObject } from '../../harness/shared/json-object.ts';
import type { MetadataAtHand } from '../metadata/metadata-at-hand.ts';
import { edmJsonType } from '../metadata/schema-check.ts';
import { responseType, schemaFor, titleOf, type ResponseType } from '../metadata/schema-from-metadata.ts';
import { cutSlice, readSchemaFiles, typesNamedBySchemas } from '../metadata/schema-slices.ts';
import { schemaId } from '../../harness/schema/registry.ts';

export type ResponseSchema =
  /** A schema in schemas/ already names the type (its `title`): reused as it is. */
  | { kind: 'existing'; name: string }
  /**
   * Drafted from the metadata, to be written as schemas/<name>.json; `from` names the file it was
   * drafted from. `slice` is the version's slice re-cut to hold what the new schema names, when it
   * did not: schemas:check compares the new schema with it.
   */
  | { kind: 'generated'; name: string; schema: JsonObject; from: string; slice?: { file: string; xml: string; added: string[] } }
  /** No schema can be had: why and what to do (`message`, printed), and the same in a few words for the spec's TODO. */
  | { kind: 'missing'; message: string; todo: string };

/** What a page's response annotation says of the body: `"@odata.type"`, and `"isCollection": true` for a list. */
export interface ResponseAnnotation {
  odataType: string | undefined;
  raw: Record<string, unknown>;
}

const VERSION_SUFFIX = /\s+\((?:beta|v1\.0)\)$/;

/**
 * The schema for a response annotation's type: the contract's own when one names it, else one
 * drafted from the fullest metadata of the page's version (the whole CSDL, else the slice), else a
 * message naming what is missing. A collection (`isCollection`, `Collection(…)`) is OData's
 * `{ "value": [...] }`, its items the schema that names their type when there is one.
 */
export function responseSchema(
  annotation: ResponseAnnotation | undefined,
  version: GraphVersion,
  schemasDirectory: string,
  metadata: MetadataAtHand,
): ResponseSchema {
  if (annotation?.odataType === undefined) {
    return {
      kind: 'missing',
      message:
        'The example\'s response has no annotation naming an "@odata.type", so there is no type to draft a schema for: add it to the annotation, or write the schema by hand. No schema was written.',
      todo: 'the page names no response type: give the response a schema in schemas/',
    };
  }
  const response = responseType(annotation.odataType, annotation.raw.isCollection === true);
  const title = titleOf(response, version).replace(VERSION_SUFFIX, '');
  const existing = schemaTitled(schemasDirectory, title);
  if (existing) return { kind: 'existing', name: existing };

  const name = schemaName(response);
  let drafted: JsonObject;
  let model;
  try {
    model = metadata.model(version);
    drafted = schemaFor(
      response,
      version,
      { [version]: model },
      { existingSchema: (typeName) => schemaTitled(schemasDirectory, typeName) },
    );
  } catch (error) {
    const hint = model === undefined ? '' : sameNameHint([...model.types.keys()], response.typeName);
    return {
      kind: 'missing',
      message: `${(error as Error).message}${hint ? ` ${hint}` : ''} No schema was written.`,
      todo: `${response.typeName} is not in the ${version} metadata at hand: correct the page's "@odata.type", run npm run metadata:update, or write schemas/${name}.json by hand`,
    };
  }
  const file = join(schemasDirectory, `${name}.json`);
  if (existsSync(file)) {
    return {
      kind: 'missing',
      message: `schemas/${name}.json exists and describes another type (${titleOfFile(file) ?? 'no title'}), not ${title}: give it a schema of another name, or correct the page's "@odata.type". No schema was written.`,
      todo: `give ${title} a schema in schemas/ (schemas/${name}.json is another type's)`,
    };
  }
  // `$id` right after `$schema`, as the contract's schemas have it; spreading keeps the keys' order.
  const schema = { $schema: drafted.$schema, $id: schemaId(name), ...drafted };
  const slice = sliceFor(`${name}.json`, schema, version, schemasDirectory, metadata);
  return { kind: 'generated', name, schema, from: model.file, ...(slice ? { slice } : {}) };
}

/** `user`, `userCollectionResponse`, `StringCollectionResponse`, `BooleanResponse`: after the type, as Graph's own OpenAPI names them. */
function schemaName(response: ResponseType): string {
  const short = response.typeName.slice(response.typeName.lastIndexOf('.') + 1);
  if (response.collection) return `${short}CollectionResponse`;
  return edmJsonType(response.typeName) === undefined ? short : `${short}Response`;
}

/**
 * The version's slice re-cut from its whole CSDL to hold what the new schema names, or undefined
 * when it holds it already (or no whole CSDL is at hand to cut from).
 */
function sliceFor(
  fileName: string,
  schema: JsonObject,
  version: GraphVersion,
  schemasDirectory: string,
  metadata: MetadataAtHand,
): { file: string; xml: string; added: string[] } | undefined {
  const whole = metadata.whole(version);
  if (!whole) return undefined;
  const slice = metadata.slice(version);
  const schemas = [...readSchemaFiles(schemasDirectory), { name: fileName, json: schema }];
  const types = typesNamedBySchemas(schemas, version, whole.model);
  const added = types.filter((type) => !slice.types.has(type));
  if (added.length === 0) return undefined;
  return { file: metadata.files.slice[version], xml: cutSlice(whole, metadata.source(version), types).xml, added };
}

function schemaTitled(directory: string, title: string): string | undefined {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort();
  return files.find((file) => titleOfFile(join(directory, file))?.replace(VERSION_SUFFIX, '') === title)?.replace(/\.json$/, '');
}

function titleOfFile(file: string): string | undefined {
  try {
    const { title } = JSON.parse(readFileSync(file, 'utf8')) as { title?: unknown };
    return typeof title === 'string' ? title : undefined;
  } catch {
    return undefined;
  }
}

/** A page may name the type wrongly (a stub's `Microsoft.Cpim.Api.DataModels.identityApiConnector`): say which type of that name the metadata has. */
function sameNameHint(names: string[], typeName: string): string {
  const short = typeName.slice(typeName.lastIndexOf('.') + 1).toLowerCase();
  const namesake = names.find((name) => name !== typeName && name.slice(name.lastIndexOf('.') + 1).toLowerCase() === short);
  return namesake === undefined
    ? ''
    : `The metadata has ${namesake}: if that is the type the page means, correct the page's "@odata.type".`;
}
