import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnySchemaObject, ErrorObject, Options } from 'ajv';
import { displayPath } from '../shared/display-path.ts';
import { isJsonObject } from '../shared/json-object.ts';
import { JsonTextError, parseJsonText } from '../shared/json-text.ts';
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
  const { sources, schemas, problems } = readSchemas(paths);
  if (problems.size > 0) {
    // The files that parse are held against the meta-schema too, so that one message names every broken file.
    for (const [path, problem] of metaSchemaProblems(schemas)) problems.set(path, problem);
    throw new SchemaFileError(paths.flatMap((path) => problems.get(path) ?? []));
  }
  const key = cacheKey(
    sources.map((source) => source.text),
    variant,
  );
  const files = new Map(schemas.map(({ path, schema }) => [schema.$id as string, path]));
  const prefix = `validators-${bundle}-`;
  const cacheFile = join(cacheDirectory, `${prefix}${key}.cjs`);
  const cached = readCache(cacheFile);
  const byId =
    (cached === undefined ? undefined : loadCached(cached)) ?? loadCode(writeCache(cacheFile, prefix, compile(bundle, schemas, variant)));
  return { byId, files };
}

const DEFAULT_CACHE_DIRECTORY = fileURLToPath(new URL('../../node_modules/.cache/graph-contracts/', import.meta.url));

/**
 * A schema file that cannot be used: each problem names the file, the place (a line, or a JSON
 * pointer into the schema) and what to do. Every file's problems are collected before it is thrown.
 */
export class SchemaFileError extends Error {
  override name = 'SchemaFileError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

type Parsed = { path: string; schema: AnySchemaObject };

/** Every file read and parsed, and the problem of each file that cannot be, by path. */
function readSchemas(paths: readonly string[]): {
  sources: { path: string; text: string }[];
  schemas: Parsed[];
  problems: Map<string, string>;
} {
  const problems = new Map<string, string>();
  const sources: { path: string; text: string }[] = [];
  const schemas: Parsed[] = [];
  const byId = new Map<string, string>();
  for (const path of paths) {
    const label = displayPath(path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      problems.set(
        path,
        `${label} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): restore it, or remove it.`,
      );
      continue;
    }
    sources.push({ path, text });
    let schema: unknown;
    try {
      schema = parseJsonText(text);
    } catch (error) {
      if (!(error instanceof JsonTextError)) throw error;
      problems.set(path, `${label}: ${error.message}: mend it; a schema is a JSON object (JSON Schema, draft 2020-12).`);
      continue;
    }
    if (!isJsonObject(schema)) {
      problems.set(
        path,
        `${label}: a schema is a JSON object (JSON Schema, draft 2020-12), not ${Array.isArray(schema) ? 'an array' : typeof schema}.`,
      );
      continue;
    }
    const id = schema.$id;
    if (typeof id !== 'string') {
      problems.set(path, `${label} has no "$id": every schema is addressed by its $id; add one.`);
      continue;
    }
    const twin = byId.get(id);
    if (twin !== undefined) {
      problems.set(path, `${label} has the "$id" of ${displayPath(twin)} (${id}): give each schema its own $id.`);
      continue;
    }
    byId.set(id, path);
    schemas.push({ path, schema });
  }
  return { sources, schemas, problems };
}

/** Each schema held against draft 2020-12's meta-schema: the problem of each file ajv would refuse, by path. */
function metaSchemaProblems(schemas: readonly Parsed[]): Map<string, string> {
  const ajv = createAjv(STANDALONE);
  return new Map(
    schemas.flatMap(({ path, schema }) => (ajv.validateSchema(schema) ? [] : [[path, metaSchemaProblem(path, ajv.errors ?? [])] as const])),
  );
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
  // Against the meta-schema first, every file: each wrong keyword is named by its place, not only the first one met.
  const invalid = metaSchemaProblems(unordered);
  if (invalid.size > 0) throw new SchemaFileError([...invalid.values()]);
  const ajv = createAjv(STANDALONE);
  for (const { path, schema } of schemas) {
    try {
      ajv.addSchema(schema);
    } catch (error) {
      throw new SchemaFileError([compileProblem(path, schema, error as Error)]);
    }
  }
  for (const { path, schema } of schemas) {
    try {
      ajv.getSchema(schema.$id as string);
    } catch (error) {
      throw new SchemaFileError([compileProblem(path, schema, error as Error)]);
    }
  }
  return standalone(ajv);
}

/** One line per place, the alternatives ajv tried (anyOf) left out where a plainer error stands at the same place. */
function metaSchemaProblem(path: string, errors: readonly ErrorObject[]): string {
  const byPlace = new Map<string, ErrorObject[]>();
  for (const error of errors) byPlace.set(error.instancePath, [...(byPlace.get(error.instancePath) ?? []), error]);
  const lines = [...byPlace].map(([place, found]) => {
    const plain = found.filter((error) => !['anyOf', 'oneOf', 'if'].includes(error.keyword));
    const first = plain.find((error) => error.keyword === 'enum') ?? plain[0] ?? found[0];
    const allowed = (first?.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
    const what = allowed ? `must be one of ${allowed.map(String).join(', ')}` : (first?.message ?? 'is not allowed here');
    return `  at ${place || '(root)'}: ${what}`;
  });
  return [
    `${displayPath(path)}: not a JSON Schema ajv accepts (draft 2020-12):`,
    ...lines,
    '  Mend each keyword named (https://json-schema.org/draft/2020-12/json-schema-validation), then run again.',
  ].join('\n');
}

/** What ajv refused while compiling (strict mode, a $ref to nothing, a pattern), with the place in the schema where it can be found. */
function compileProblem(path: string, schema: AnySchemaObject, error: Error): string {
  const message = error.message;
  const keyword = /unknown keyword: "([^"]+)"/.exec(message)?.[1];
  const reference = /can't resolve reference (\S+) from id/.exec(message)?.[1];
  const pattern = /Invalid regular expression: \/(.*)\/[a-z]*:/s.exec(message)?.[1];
  // Strict mode's other refusals say where themselves: `at "https://…/x.json#/properties/id"`.
  const located = /at "[^"#]*#([^"]*)"/.exec(message)?.[1];
  const [place, fix] =
    keyword !== undefined
      ? [
          pointerOf(schema, (key) => key === keyword),
          'remove it, or spell it as JSON Schema does (strict mode refuses keywords it does not know)',
        ]
      : reference !== undefined
        ? [
            pointerOf(schema, (key, value) => key === '$ref' && value === reference),
            'point the $ref at a schema of the folder by its $id, or add that schema',
          ]
        : pattern !== undefined
          ? [
              pointerOf(schema, (key, value) => key === 'pattern' && value === pattern),
              'write a regular expression JavaScript accepts with the u flag',
            ]
          : located !== undefined
            ? [located || '(root)', 'say it as strict mode asks (https://ajv.js.org/strict-mode.html)']
            : [undefined, 'mend it'];
  return `${displayPath(path)}${place === undefined ? '' : ` at ${place}`}: ${message}: ${fix}.`;
}

/** The JSON pointer of the first member, depth first, that `matches`; undefined when none does. */
function pointerOf(node: unknown, matches: (key: string, value: unknown) => boolean, at = ''): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  for (const [key, value] of Object.entries(node)) {
    const here = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (matches(key, value)) return here;
    const below = pointerOf(value, matches, here);
    if (below !== undefined) return below;
  }
  return undefined;
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
