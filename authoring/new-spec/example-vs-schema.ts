import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAjv } from '../../harness/schema/ajv.ts';
import { describeErrors } from '../../harness/schema/format-errors.ts';
import { schemaId } from '../../harness/schema/registry.ts';
import type { JsonObject } from '../../harness/shared/json-object.ts';

/**
 * Where the page's example answer breaks the schema the spec would match (`/mailEnabled is string
 * "Boolean"; expected type boolean,null`), compiled as toMatchSchema compiles it: with the checkout's
 * schemas and the one new-spec is about to write. A page left as its template wrote it ("String",
 * "Boolean", "String (timestamp)") breaks it, and a replay of that example would fail the match.
 */
export function exampleViolations(body: unknown, name: string, schemasDirectory: string, drafted: JsonObject | undefined): string[] {
  const ajv = createAjv();
  for (const file of readdirSync(schemasDirectory).filter((entry) => entry.endsWith('.json'))) {
    if (drafted !== undefined && file === `${name}.json`) continue;
    ajv.addSchema(JSON.parse(readFileSync(join(schemasDirectory, file), 'utf8')) as JsonObject);
  }
  if (drafted !== undefined) ajv.addSchema(drafted);
  const validate = ajv.getSchema(schemaId(name));
  if (!validate) throw new Error(`No schema ${schemaId(name)} among ${schemasDirectory} and the drafted one.`);
  if (validate(body)) return [];
  return describeErrors(validate.errors ?? [], body).map(
    ({ path, expected, actual }) => `${path || '/'} is ${actual}; expected ${expected}`,
  );
}
