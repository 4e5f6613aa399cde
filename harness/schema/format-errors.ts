import type { ErrorObject } from 'ajv';
import { renderJson } from '../shared/render-json.ts';

/** One schema violation, as a reviewer reads it. */
export interface SchemaViolation {
  /** JSON Pointer into the validated value; `(root)` for the value itself. */
  path: string;
  expected: string;
  actual: string;
}

/** Every ajv error becomes exactly one violation: nothing is filtered or merged. */
export function describeErrors(errors: readonly ErrorObject[], data: unknown): SchemaViolation[] {
  return errors.map((error) => describeError(error, data));
}

export function formatViolations(violations: readonly SchemaViolation[]): string {
  return violations.map(({ path, expected, actual }) => `  at ${path}\n    expected: ${expected}\n    actual:   ${actual}`).join('\n');
}

function describeError(error: ErrorObject, data: unknown): SchemaViolation {
  const params = error.params as Record<string, unknown>;
  const at = (pointer: string) => ({ path: pointer === '' ? '(root)' : pointer, value: valueAt(data, pointer) });
  const here = at(error.instancePath);
  const actual = render(here.value);
  switch (error.keyword) {
    case 'required': {
      const child = at(`${error.instancePath}/${escape(String(params.missingProperty))}`);
      return { path: child.path, expected: 'a value (the property is required)', actual: '(missing)' };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      const child = at(`${error.instancePath}/${escape(name)}`);
      return { path: child.path, expected: 'no such property (the schema does not allow it)', actual: render(child.value) };
    }
    case 'type':
      return { path: here.path, expected: `type ${String(params.type)}`, actual: `${typeName(here.value)} ${actual}` };
    case 'enum':
      return { path: here.path, expected: `one of ${(params.allowedValues as unknown[]).map(render).join(', ')}`, actual };
    case 'const':
      return { path: here.path, expected: render(params.allowedValue), actual };
    case 'pattern':
      return { path: here.path, expected: `a string matching /${String(params.pattern)}/`, actual };
    case 'format':
      return { path: here.path, expected: `a string in ${String(params.format)} format`, actual };
    case 'not':
      return { path: here.path, expected: `none of what ${error.schemaPath} forbids`, actual };
    case 'oneOf':
      return { path: here.path, expected: `exactly one of the alternatives at ${error.schemaPath}`, actual };
    case 'anyOf':
      return { path: here.path, expected: `at least one of the alternatives at ${error.schemaPath}`, actual };
    default:
      return { path: here.path, expected: `a value that ${error.message ?? `satisfies ${error.keyword}`}`, actual };
  }
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

const MISSING = Symbol('missing');

function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !(key in current)) return MISSING;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function typeName(value: unknown): string {
  if (value === MISSING) return '';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return Number.isInteger(value) ? 'integer' : typeof value;
}

function render(value: unknown): string {
  return value === MISSING ? '(missing)' : renderJson(value, 120);
}
