import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, ValidateFunction } from 'ajv';
import type addFormatsPlugin from 'ajv-formats';

// Loaded on first use: the runner process, which only lists tests, never validates and should not pay for ajv.
const require = createRequire(import.meta.url);

/** Draft 2020-12, every error reported (a contract report must be lossless), strict about schema typos. */
export function createAjv(): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = require('ajv-formats') as typeof addFormatsPlugin;
  const ajv = new Ajv({ allErrors: true, strict: true, discriminator: true });
  addFormats(ajv);
  return ajv;
}

let shared: Ajv2020 | undefined;

/**
 * One instance per process for the harness's own schemas (fixture files, the divergence registry)
 * and the contract's: each new instance pays ajv's start-up again, a cost every run would feel.
 */
export function sharedAjv(): Ajv2020 {
  shared ??= createAjv();
  return shared;
}

/** The validator for the schema file at `url`, compiled once per process. */
export function harnessValidator(url: URL): ValidateFunction {
  const ajv = sharedAjv();
  const schema = JSON.parse(readFileSync(url, 'utf8')) as AnySchemaObject;
  const id = String(schema.$id);
  return ajv.getSchema(id) ?? (ajv.addSchema(schema), ajv.getSchema(id) as ValidateFunction);
}

/** Adds every `*.json` schema in `directory`, each addressed by its `$id`. */
export function addSchemasFrom(ajv: Ajv2020, directory: string): string[] {
  const ids: string[] = [];
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.json')).sort()) {
    const path = join(directory, file);
    let schema: AnySchemaObject;
    try {
      schema = JSON.parse(readFileSync(path, 'utf8')) as AnySchemaObject;
    } catch (error) {
      throw new Error(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    if (typeof schema.$id !== 'string') throw new Error(`${path} has no "$id": every schema is addressed by its $id.`);
    ajv.addSchema(schema);
    ids.push(schema.$id);
  }
  return ids;
}
