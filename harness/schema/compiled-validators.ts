import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnySchemaObject, ErrorObject, Options } from 'ajv';
import { writeAtomically } from '../shared/write-atomically.ts';
import { AJV_OPTIONS, createAjv } from './ajv.ts';

/** What every consumer needs of a validator: a verdict, and ajv's errors after a `false`. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export interface CompiledSchemas {
  /** `$id` → validator. */
  byId: Map<string, Validator>;
  /** `$id` → the file it came from, for messages. */
  files: Map<string, string>;
}

/** Schemas derived from a bundle's, compiled with ajv options of their own (harness/schema/undocumented-variant.ts). */
export interface SchemaVariant {
  derive(schemas: readonly AnySchemaObject[]): AnySchemaObject[];
  options: Options;
  /** The text of whatever derives them and defines their keywords: part of the cache key, so an edit there compiles again. */
  source: string;
}

export interface CompileOptions {
  cacheDirectory?: string;
  variant?: SchemaVariant;
}

const require = createRequire(import.meta.url);

/** Bump when the way the cached module is produced or loaded changes. */
const CACHE_FORMAT = 1;

/**
 * Validators compiled by ajv once, then kept as ajv "standalone" code under
 * node_modules/.cache/graph-contracts, keyed by the schemas' text, ajv's and ajv-formats' versions
 * and how ajv is set up.
 * Compiling costs a worker ~150 ms; loading the cached code costs a few; a changed schema has a
 * new key, so a stale validator is never used. Callers keep the result: each call reads the files.
 */
export function compiledSchemas(bundle: string, paths: readonly string[], options: CompileOptions = {}): CompiledSchemas {
  const { cacheDirectory = DEFAULT_CACHE_DIRECTORY, variant } = options;
  const sources = paths.map((path) => ({ path, text: readSchemaText(path) }));
  const key = cacheKey(
    sources.map((source) => source.text),
    variant,
  );
  const schemas = sources.map(({ path, text }) => parseSchema(path, text));
  const files = new Map(schemas.map(({ path, schema }) => [schema.$id as string, path]));
  const prefix = `validators-${bundle}-`;
  const cacheFile = join(cacheDirectory, `${prefix}${key}.cjs`);
  const cached = readCache(cacheFile);
  const byId =
    (cached === undefined ? undefined : loadCached(cached)) ?? loadCode(writeCache(cacheFile, prefix, compile(bundle, schemas, variant)));
  return { byId, files };
}

const DEFAULT_CACHE_DIRECTORY = fileURLToPath(new URL('../../node_modules/.cache/graph-contracts/', import.meta.url));

function readSchemaText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the schema ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function parseSchema(path: string, text: string): { path: string; schema: AnySchemaObject } {
  let schema: AnySchemaObject;
  try {
    schema = JSON.parse(text) as AnySchemaObject;
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof schema.$id !== 'string') throw new Error(`${path} has no "$id": every schema is addressed by its $id.`);
  return { path, schema };
}

/** Options of the compilation that makes the cached code. */
const STANDALONE = { code: { source: true } } as const;

/** Everything the generated code depends on: the schemas, ajv's and ajv-formats' versions, how ajv is set up, and the variant's derivation. */
function cacheKey(texts: readonly string[], variant: SchemaVariant | undefined): string {
  const versions = ['ajv', 'ajv-formats'].map((name) => (require(`${name}/package.json`) as { version: string }).version);
  const derivation = variant && { options: variant.options, source: variant.source };
  const setup = { options: AJV_OPTIONS, standalone: STANDALONE, createAjv: createAjv.toString(), generator: CACHE_FORMAT, derivation };
  const hash = createHash('sha256').update(JSON.stringify({ versions, setup }));
  for (const text of texts) hash.update('\0').update(text);
  return hash.digest('hex').slice(0, 32);
}

/** Strict compilation of every schema, so a typo fails here and names its file. */
function compile(
  bundle: string,
  unordered: readonly { path: string; schema: AnySchemaObject }[],
  variant: SchemaVariant | undefined,
): string {
  const schemas = referencedFirst(unordered);
  if (variant) return compileVariant(bundle, schemas, variant);
  const ajv = createAjv(STANDALONE);
  for (const { path, schema } of schemas) {
    try {
      ajv.addSchema(schema);
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
    }
  }
  for (const { path, schema } of schemas) {
    try {
      ajv.getSchema(schema.$id as string);
    } catch (error) {
      throw new Error(`${path} does not compile: ${(error as Error).message}`, { cause: error });
    }
  }
  return standalone(ajv);
}

/** The schemas' own errors are the contract bundle's to report; one here is the derivation's. */
function compileVariant(bundle: string, schemas: readonly { schema: AnySchemaObject }[], variant: SchemaVariant): string {
  const ajv = createAjv({ ...STANDALONE, ...variant.options });
  try {
    const derived = variant.derive(schemas.map(({ schema }) => schema));
    for (const schema of derived) ajv.addSchema(schema);
    for (const schema of derived) ajv.getSchema(schema.$id as string);
  } catch (error) {
    throw new Error(`The ${bundle} validators do not compile: ${(error as Error).message}`, { cause: error });
  }
  return standalone(ajv);
}

function standalone(ajv: ReturnType<typeof createAjv>): string {
  const standaloneCode = (require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')).default;
  return standaloneCode(ajv);
}

/** A schema after the schemas it references: ajv reports a referenced schema's error while compiling the first schema that uses it. */
function referencedFirst<T extends { schema: AnySchemaObject }>(schemas: readonly T[]): T[] {
  const byId = new Map(schemas.map((entry) => [entry.schema.$id as string, entry]));
  const ordered = new Set<T>();
  const visit = (entry: T, path: ReadonlySet<T>): void => {
    if (ordered.has(entry) || path.has(entry)) return;
    for (const id of externalReferences(entry.schema)) {
      const target = byId.get(id);
      if (target) visit(target, new Set([...path, entry]));
    }
    ordered.add(entry);
  };
  for (const entry of schemas) visit(entry, new Set());
  return [...ordered];
}

/** The `$id`s a schema's `$ref`s point into, fragments dropped. */
function externalReferences(schema: AnySchemaObject): string[] {
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#'))
        ids.push(new URL(value, schema.$id).href.replace(/#.*$/, ''));
      else walk(value);
    }
  };
  walk(schema);
  return ids;
}

function readCache(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Written atomically, so parallel workers never read half a file; the bundle's older keys are removed. Best effort: a read-only tree still runs. */
function writeCache(file: string, prefix: string, code: string): string {
  const directory = dirname(file);
  try {
    writeAtomically(file, code);
    const sameBundle = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[0-9a-f]{32}\\.cjs$`);
    for (const name of readdirSync(directory)) {
      if (sameBundle.test(name) && name !== basename(file)) rmSync(join(directory, name), { force: true });
    }
  } catch {
    /* not cached: the next run compiles again */
  }
  return code;
}

/** A damaged cache file (a disk filled mid-write by another tool, say) is compiled again, not trusted. */
function loadCached(code: string): Map<string, Validator> | undefined {
  try {
    return loadCode(code);
  } catch {
    return undefined;
  }
}

/** Evaluates the standalone CommonJS module; its `require`s (ajv's runtime, the formats) resolve from here. */
function loadCode(code: string): Map<string, Validator> {
  const module = { exports: {} as Record<string, Validator> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- ajv's own generated code, produced above from our schemas
  const evaluate = new Function('require', 'module', 'exports', code) as (r: NodeJS.Require, m: typeof module, e: object) => void;
  evaluate(require, module, module.exports);
  return new Map(Object.entries(module.exports));
}
