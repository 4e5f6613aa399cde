import { test, type TestInfo } from '@playwright/test';
import type { Validator } from './compiled-validators.ts';
import { ANNOTATION } from '../shared/annotations.ts';

// An OData annotation (`@odata.context`, `name@odata.type`, `@microsoft.graph.downloadUrl`) is
// control information about the payload, not a property of the resource (OData JSON Format §20).
const ODATA_ANNOTATION = /^[^@]*@[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+(?:#[\w.]+)?$/;

/**
 * The JSON pointers of the body's properties that the schema declares nowhere, OData annotations
 * left out; `validate` is the schema's undocumented-variant validator (registry.ts), which never fails.
 */
export function undocumentedProperties(validate: Validator, body: unknown): string[] {
  const found: string[] = [];
  validate.call(found, body);
  return [...new Set(found)].sort().filter((pointer) => !ODATA_ANNOTATION.test(unescape(pointer.slice(pointer.lastIndexOf('/') + 1))));
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

const byTest = new WeakMap<TestInfo, Map<string, Set<string>>>();

/** Adds to the running test's one `undocumented` annotation; outside a test (a unit test of the matcher) there is none. */
export function noteUndocumented(schema: string, pointers: readonly string[]): void {
  if (pointers.length === 0) return;
  let info: TestInfo;
  try {
    info = test.info();
  } catch {
    return;
  }
  const schemas = byTest.get(info) ?? new Map<string, Set<string>>();
  byTest.set(info, schemas);
  const known = schemas.get(schema) ?? new Set<string>();
  schemas.set(schema, known);
  for (const pointer of pointers) known.add(pointer);
  const description = [...schemas].map(([name, found]) => `${name}: ${[...found].join(', ')}`).join('; ');
  const annotation = info.annotations.find((a) => a.type === ANNOTATION.undocumented);
  if (annotation) annotation.description = description;
  else info.annotations.push({ type: ANNOTATION.undocumented, description });
}

/** An `undocumented` annotation read back as `schema#/pointer` entries (the contract matrix's form). */
export function parseUndocumented(description: string | undefined): string[] {
  if (!description) return [];
  return description.split('; ').flatMap((part) => {
    const colon = part.indexOf(': ');
    if (colon < 0) return [];
    const schema = part.slice(0, colon);
    return part
      .slice(colon + 2)
      .split(', ')
      .map((pointer) => `${schema}#${pointer}`);
  });
}
