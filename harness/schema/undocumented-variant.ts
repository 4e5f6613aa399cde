import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AnySchema, AnySchemaObject, CodeKeywordDefinition, Options } from 'ajv';

// ajv's code generator is needed only to compile: a replay loads the cached validators, never ajv itself (~20 ms a process).
const require = createRequire(import.meta.url);

/**
 * The "undocumented" variant of a bundle of schemas: the same verdicts, and, as a side effect, the
 * JSON pointer of every response property no schema declares at its place in the body.
 *
 * At each place a value of its own begins (the root, a property's value, an array's item) whose
 * schema declares properties (itself or through $ref, allOf, oneOf, anyOf), it adds
 * `unevaluatedProperties: { undocumented: true }`. Draft 2020-12's unevaluatedProperties sees
 * through $ref, allOf and the oneOf branch that passed; the keyword below always passes and
 * pushes the property's pointer onto the array the validator is called with. It never fails, so no
 * union picks another branch than in the contract's own validators, and no verdict changes.
 *
 * Objects whose schema declares no properties (`{ "type": "object" }`, an Adaptive Card layout) are
 * free-form by declaration: nothing under them is reported. Branches of an anyOf, of a oneOf without
 * a discriminator, and `not`, `if` and `contains` are evaluated against values they may not
 * describe, so they use the contract's schemas unchanged: the union's own place is still checked
 * (through the branches that passed), the places below it are not.
 */
export const UNDOCUMENTED_KEYWORD = 'undocumented';

/** Validators of the variant are called as `validate.call(found, body)`: `this` collects pointers. */
export const UNDOCUMENTED_OPTIONS = {
  passContext: true,
  // `unevaluatedProperties` is added where the schema may say ["object", "null"] or has no type.
  strictTypes: false,
  keywords: [
    {
      keyword: UNDOCUMENTED_KEYWORD,
      schemaType: 'boolean',
      code(cxt) {
        const { _ } = require('ajv') as typeof import('ajv');
        cxt.gen.code(_`this.push(instancePath + ${cxt.it.errorPath})`);
      },
    } satisfies CodeKeywordDefinition,
  ],
} as const satisfies Options;

/** Everything the variant's generated code depends on, for the validator cache's key: this module's text. */
export const UNDOCUMENTED_SOURCE = readFileSync(fileURLToPath(import.meta.url), 'utf8');

/** The variant validator of the schema with this `$id`. */
export function undocumentedEntryId(id: string): string {
  return moved(id, 'undocumented-entry');
}

function copyId(id: string): string {
  return moved(id, 'undocumented');
}

function moved(id: string, folder: string): string {
  const url = new URL(id);
  url.pathname = `/${folder}${url.pathname}`;
  return url.href;
}

const RECORD = { unevaluatedProperties: { [UNDOCUMENTED_KEYWORD]: true } };

/** Keywords whose subschemas apply to a value of its own (a property's, an item's). */
const TO_VALUES = new Set([
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'prefixItems',
  'unevaluatedItems',
]);
/** Keywords whose subschemas apply to the same value and count when it passes. */
const IN_PLACE = new Set(['allOf', '$defs', 'definitions', 'then', 'else', 'dependentSchemas']);
/** Keywords whose subschemas may see a value they do not describe. */
const TENTATIVE = new Set(['not', 'if', 'contains', 'propertyNames', 'anyOf', 'oneOf']);

/**
 * The originals (unchanged, so that tentative subschemas can reference them), their recording
 * copies, and one entry per original whose root declares properties.
 */
export function undocumentedVariant(originals: readonly AnySchemaObject[]): AnySchemaObject[] {
  const byId = new Map(originals.map((schema) => [schema.$id as string, schema]));
  const resolve = referenceResolver(byId);
  const copy = (node: AnySchema, base: string, record: boolean, valueStart: boolean): AnySchema => {
    if (typeof node === 'boolean') return node;
    const out: AnySchemaObject = {};
    for (const [key, value] of Object.entries(node) as [string, unknown][]) {
      if (key === '$ref' && typeof value === 'string') out.$ref = rewrite(value, base, record, byId);
      else if (TO_VALUES.has(key)) out[key] = mapSubschemas(key, value, (child) => copy(child, base, record, true));
      else if (IN_PLACE.has(key)) out[key] = mapSubschemas(key, value, (child) => copy(child, base, record, false));
      else if (TENTATIVE.has(key)) {
        // ajv evaluates only the branch a discriminator names (the `discriminator` option is on).
        const sure = record && key === 'oneOf' && node.discriminator !== undefined;
        out[key] = mapSubschemas(key, value, (child) => copy(child, base, sure, false));
      } else out[key] = value;
    }
    const open = 'unevaluatedProperties' in node || 'additionalProperties' in node;
    return record && valueStart && !open && declaresProperties(node, base, resolve) ? { ...out, ...RECORD } : out;
  };
  const copies = originals.map((schema) => {
    const id = schema.$id as string;
    return { ...(copy(schema, id, true, false) as AnySchemaObject), $id: copyId(id) };
  });
  const entries = originals
    .filter((schema) => declaresProperties(schema, schema.$id as string, resolve))
    .map((schema) => ({ $id: undocumentedEntryId(schema.$id as string), $ref: copyId(schema.$id as string), ...RECORD }));
  return [...originals, ...copies, ...entries];
}

/** Keywords that hold a map of subschemas, by name; the rest hold one subschema or an array of them. */
const MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

function mapSubschemas(key: string, value: unknown, map: (child: AnySchema) => AnySchema): unknown {
  if (Array.isArray(value)) return value.map((child) => map(child as AnySchema));
  if (typeof value !== 'object' || value === null) return value;
  if (!MAPS.has(key)) return map(value);
  return Object.fromEntries(Object.entries(value).map(([name, child]) => [name, map(child as AnySchema)]));
}

/** A `$ref` made absolute, into the copies where the place records and into the originals where it must not. */
function rewrite(ref: string, base: string, record: boolean, byId: ReadonlyMap<string, AnySchemaObject>): string {
  const url = new URL(ref, base);
  const fragment = url.hash;
  url.hash = '';
  const target = url.href;
  if (!byId.has(target)) return new URL(ref, base).href;
  return `${record ? copyId(target) : target}${fragment}`;
}

type Resolve = (ref: string, base: string) => { node: AnySchema; base: string } | undefined;

function referenceResolver(byId: ReadonlyMap<string, AnySchemaObject>): Resolve {
  return (ref, base) => {
    const url = new URL(ref, base);
    const fragment = decodeURIComponent(url.hash.slice(1));
    url.hash = '';
    let node: unknown = byId.get(url.href);
    if (node === undefined) return undefined;
    if (fragment !== '') {
      for (const raw of fragment.replace(/^\//, '').split('/')) {
        const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
      }
    }
    return node === undefined ? undefined : { node: node as AnySchema, base: url.href };
  };
}

/** Whether the schema, with what it applies in place, names any property: only then is a name it lacks news. */
function declaresProperties(node: AnySchema, base: string, resolve: Resolve, seen = new Set<AnySchema>()): boolean {
  if (typeof node === 'boolean' || seen.has(node)) return false;
  seen.add(node);
  if ('properties' in node || 'patternProperties' in node) return true;
  if (typeof node.$ref === 'string') {
    const target = resolve(node.$ref, base);
    if (target && declaresProperties(target.node, target.base, resolve, seen)) return true;
  }
  const inPlace = ['allOf', 'oneOf', 'anyOf', 'then', 'else'];
  return inPlace.some((key) => {
    const value = (node as Record<string, unknown>)[key];
    const members: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return members.some((member) => declaresProperties(member as AnySchema, base, resolve, seen));
  });
}
