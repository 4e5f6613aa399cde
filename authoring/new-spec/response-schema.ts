import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import type { MetadataSlice } from '../metadata/csdl-model.ts';
import { schemaFor } from '../metadata/schema-from-metadata.ts';
import { schemaId } from '../../harness/schema/registry.ts';

export type ResponseSchema =
  /** A schema in schemas/ already names the type (its `title`): reused as it is. */
  | { kind: 'existing'; name: string }
  /** Drafted from the metadata slice, to be written as schemas/<name>.json. */
  | { kind: 'generated'; name: string; schema: Record<string, unknown>; slice: string }
  /** No schema can be had: why and what to do (`message`, printed), and the same in a few words for the spec's TODO. */
  | { kind: 'missing'; message: string; todo: string };

const VERSION_SUFFIX = /\s+\((?:beta|v1\.0)\)$/;

/**
 * The schema for a response annotation's `@odata.type`: the contract's own when one names the type,
 * else one drafted from the slice of the page's version, else a message naming the type to add to the slice.
 */
export function responseSchema(
  odataType: string | undefined,
  version: GraphVersion,
  schemasDirectory: string,
  slices: Record<GraphVersion, MetadataSlice>,
): ResponseSchema {
  if (odataType === undefined) {
    return {
      kind: 'missing',
      message:
        'The example\'s response annotation names no "@odata.type", so there is no type to draft a schema for: add it to the annotation, or write the schema by hand. No schema was written.',
      todo: 'the page names no response type: give the response a schema in schemas/',
    };
  }
  const typeName = odataType.replace(/^#/, '');
  const existing = schemaTitled(schemasDirectory, typeName);
  if (existing) return { kind: 'existing', name: existing };

  const name = typeName.slice(typeName.lastIndexOf('.') + 1);
  const file = join(schemasDirectory, `${name}.json`);
  if (existsSync(file)) {
    return {
      kind: 'missing',
      message: `schemas/${name}.json exists and names another type (${titleOf(file) ?? 'no title'}), not ${typeName}: give ${typeName} a schema of another name, or correct the page's "@odata.type". No schema was written.`,
      todo: `give ${typeName} a schema in schemas/ (schemas/${name}.json is another type's)`,
    };
  }
  let drafted: Record<string, unknown>;
  try {
    drafted = schemaFor(typeName, version, slices);
  } catch (error) {
    const hint = sameNameHint(slices[version], typeName);
    return {
      kind: 'missing',
      message: `${(error as Error).message}${hint ? ` ${hint}` : ''} No schema was written.`,
      todo: `add ${typeName} to the ${version} slice (metadata/README.md) and draft schemas/${name}.json with schemaFor() (authoring/metadata/schema-from-metadata.ts), or write it by hand`,
    };
  }
  // `$id` right after `$schema`, as the contract's schemas have it; spreading keeps the keys' order.
  const schema = { $schema: drafted.$schema, $id: schemaId(name), ...drafted };
  return { kind: 'generated', name, schema, slice: slices[version].file };
}

function schemaTitled(directory: string, typeName: string): string | undefined {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort();
  return files.find((file) => titleOf(join(directory, file))?.replace(VERSION_SUFFIX, '') === typeName)?.replace(/\.json$/, '');
}

function titleOf(file: string): string | undefined {
  try {
    const { title } = JSON.parse(readFileSync(file, 'utf8')) as { title?: unknown };
    return typeof title === 'string' ? title : undefined;
  } catch {
    return undefined;
  }
}

/** A page may name the type wrongly (a stub's `Microsoft.Cpim.Api.DataModels.identityApiConnector`): say which type of that name the slice has. */
function sameNameHint(slice: MetadataSlice, typeName: string): string {
  const short = typeName.slice(typeName.lastIndexOf('.') + 1).toLowerCase();
  const namesake = [...slice.types.keys()].find(
    (name) => name !== typeName && name.slice(name.lastIndexOf('.') + 1).toLowerCase() === short,
  );
  return namesake === undefined ? '' : `The slice has ${namesake}: if that is the type the page means, correct the page's "@odata.type".`;
}
