import { fileURLToPath } from 'node:url';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { addSchemasFrom, sharedAjv } from './ajv.ts';

/** Where the contract's schemas live and how a short name becomes a `$id`. */
export const SCHEMAS_DIRECTORY = fileURLToPath(new URL('../../schemas/', import.meta.url));
export const SCHEMA_ID_BASE = 'https://graph-contracts.invalid/schemas/';

export function schemaId(name: string): string {
  return `${SCHEMA_ID_BASE}${name}.json`;
}

// One per worker process: schemas are read once, each compiled the first time a test asks for it.
let shared: { ajv: Ajv2020; names: string[] } | undefined;

export function schemaValidator(name: string): ValidateFunction {
  shared ??= loadRegistry();
  const validate = shared.ajv.getSchema(schemaId(name));
  if (!validate) {
    throw new Error(
      `No schema named ${JSON.stringify(name)} in ${SCHEMAS_DIRECTORY}: known names are ${shared.names.join(', ')}. ` +
        `Add schemas/${name}.json with "$id": "${schemaId(name)}".`,
    );
  }
  return validate;
}

function loadRegistry(): { ajv: Ajv2020; names: string[] } {
  const ajv = sharedAjv();
  const ids = addSchemasFrom(ajv, SCHEMAS_DIRECTORY);
  return { ajv, names: ids.map((id) => id.slice(SCHEMA_ID_BASE.length).replace(/\.json$/, '')) };
}
