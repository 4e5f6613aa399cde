import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledSchemas, SchemaFileError, type CompiledSchemas, type Validator } from './compiled-validators.ts';
import { displayPath } from '../shared/display-path.ts';
import { UNDOCUMENTED_OPTIONS, UNDOCUMENTED_SOURCE, undocumentedEntryId, undocumentedVariant } from './undocumented-variant.ts';

/** Where the contract's schemas live and how a short name becomes a `$id`. */
export const SCHEMAS_DIRECTORY = fileURLToPath(new URL('../../schemas/', import.meta.url));
export const SCHEMA_ID_BASE = 'https://graph-contracts.invalid/schemas/';
const PROJECT_DIRECTORY = fileURLToPath(new URL('../../', import.meta.url));

export function schemaId(name: string): string {
  return `${SCHEMA_ID_BASE}${name}.json`;
}

// Read once per process: a schema edited mid-run is not a case worth a read per assertion.
let contract: CompiledSchemas | undefined;
let undocumented: CompiledSchemas | undefined;
const harness = new Map<string, Validator>();

/** Every schema in schemas/, by `$id`, compiled together (they reference each other). */
function contractSchemas(): CompiledSchemas {
  contract ??= compiledSchemas('contract', contractFiles());
  return contract;
}

function contractFiles(): string[] {
  const files = readdirSync(SCHEMAS_DIRECTORY)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return files.map((file) => join(SCHEMAS_DIRECTORY, file));
}

/**
 * The validator that collects the properties schema `name` declares nowhere (undocumented.ts), or
 * undefined when the schema names no property at its root. Compiled from the same files into a
 * cache file of its own, keyed also by the derivation's source.
 */
export function undocumentedValidator(name: string): Validator | undefined {
  schemaValidator(name);
  undocumented ??= compiledSchemas('contract-undocumented', contractFiles(), {
    variant: { derive: undocumentedVariant, options: UNDOCUMENTED_OPTIONS, source: UNDOCUMENTED_SOURCE },
  });
  return undocumented.byId.get(undocumentedEntryId(schemaId(name)));
}

/**
 * What is wrong with schemas/, each problem naming its file, its place and the fix; empty when every
 * schema compiles and is addressed by its file's name. The config asks before any test runs.
 */
export function contractSchemaProblems(): string[] {
  let files: Map<string, string>;
  try {
    files = contractSchemas().files;
  } catch (error) {
    if (error instanceof SchemaFileError) return [...error.problems];
    throw error;
  }
  return [...files].flatMap(([id, file]) => {
    const name = basename(file, '.json');
    return id === schemaId(name)
      ? []
      : [
          `${displayPath(file)} has "$id": ${JSON.stringify(id)}: make it ${JSON.stringify(schemaId(name))}, as toMatchSchema(${JSON.stringify(name)}) finds a schema by its file's name.`,
        ];
  });
}

export function schemaValidator(name: string): Validator {
  const { byId, files } = contractSchemas();
  const validate = byId.get(schemaId(name));
  if (!validate) {
    const names = [...files.values()].map((file) => basename(file, '.json'));
    throw new Error(
      `No schema named ${JSON.stringify(name)} in ${SCHEMAS_DIRECTORY}: known names are ${names.join(', ')}. ` +
        `Add schemas/${name}.json with "$id": "${schemaId(name)}".`,
    );
  }
  return validate;
}

/** The validator of one of the project's own file formats (fixture files, the divergence registry, page records). */
export function harnessValidator(url: URL): Validator {
  const path = fileURLToPath(url);
  let validate = harness.get(path);
  if (!validate) {
    // Named by the path, so two schemas never share a cache name: `harness-replay-fixture-file`.
    const bundle = relative(PROJECT_DIRECTORY, path)
      .replace(/\.schema\.json$/, '')
      .replace(/[^a-z0-9]+/gi, '-');
    const { byId, files } = compiledSchemas(bundle, [path]);
    const [id] = files.keys();
    validate = id === undefined ? undefined : byId.get(id);
    if (!validate) throw new Error(`${path} compiled to no validator.`);
    harness.set(path, validate);
  }
  return validate;
}
