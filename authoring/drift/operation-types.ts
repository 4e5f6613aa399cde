import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isGraphVersion, type GraphVersion } from '../../harness/shared/graph-version.ts';
import { operationIdentity } from '../../harness/report/test-identity.ts';
import { graphVersionBefore } from '../../harness/report/test-source.ts';
import type { MetadataSlice } from '../metadata/csdl-model.ts';
import { derivedTypes } from '../metadata/read-metadata.ts';
import { titledType } from '../metadata/schema-check.ts';
import { typesNamedBySchemas, type SchemaFile } from '../metadata/schema-slices.ts';

/**
 * The operations under contract and the Graph types each one uses, as a drift check compares them.
 * An operation is a spec's describe (`POST /external/connections`) at the version its `test.use`
 * sets, keyed as the contract matrix keys it; its types start from the schemas its tests check
 * answers against (`toMatchSchema('<name>')` inside the describe): each schema's titled type, the
 * types its `oneOf` branches name by `@odata.type`, and its `$defs` named after a type that no
 * property reaches (a request-only type), as schemas:check finds them.
 */
export interface ContractOperation {
  operationId: string;
  version: GraphVersion;
  specFile: string;
  schemas: string[];
}

const DESCRIBE = /\btest\.describe(?:\.(?:only|skip|fixme|serial|parallel))*\(\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g;
const TO_MATCH_SCHEMA = /\.toMatchSchema\(\s*['"`]([^'"`]+)['"`]\s*\)/g;

/** Every describe of every spec, in file order, with the schemas its tests name. */
export function contractOperations(specsDirectory: string): ContractOperation[] {
  const operations: ContractOperation[] = [];
  for (const specFile of readdirSync(specsDirectory)
    .filter((name) => name.endsWith('.spec.ts'))
    .sort()) {
    operations.push(...operationsOfSpec(readFileSync(join(specsDirectory, specFile), 'utf8'), specFile));
  }
  return operations;
}

/** The describes of one spec's source; a `toMatchSchema` belongs to the describe before it. */
export function operationsOfSpec(source: string, specFile: string): ContractOperation[] {
  const describes = [...source.matchAll(DESCRIBE)].map((match) => {
    const offset = match.index;
    const before = source.slice(0, offset);
    const location = { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
    const version = graphVersionBefore(source, location) ?? 'v1.0';
    return { offset, title: match[2] ?? '', version };
  });
  return describes.flatMap((describe, index) => {
    const end = describes[index + 1]?.offset ?? source.length;
    if (!isGraphVersion(describe.version)) return [];
    const schemas = [...source.slice(describe.offset, end).matchAll(TO_MATCH_SCHEMA)].map((match) => match[1] ?? '');
    const { operationId } = operationIdentity(describe.title, describe.version);
    return [{ operationId, version: describe.version, specFile, schemas: [...new Set(schemas)].sort() }];
  });
}

export interface OperationTypes {
  /** Present in the committed metadata: compared. */
  types: string[];
  /** Named or referenced, but not in the committed metadata (a slice of excerpts lacks them): not compared. */
  uncompared: string[];
}

/**
 * The closure of types an operation uses in one reading of the metadata: the types its schemas name
 * (their titled type, unless the title pins another version), then, transitively, each type's base
 * type, the types of its structural properties (complex and enum; navigation properties are not in
 * a body unless expanded), and the types derived from a complex type, which a body may carry instead.
 */
export function operationTypes(operation: ContractOperation, schemas: readonly SchemaFile[], model: MetadataSlice): OperationTypes {
  const roots = new Set<string>();
  const uncompared = new Set<string>();
  for (const name of operation.schemas) {
    const schema = schemas.find((file) => file.name === `${name}.json`);
    const titled = titledType(schema?.json.title);
    if (!schema || !titled || (titled.version !== undefined && titled.version !== operation.version)) continue;
    if (!titled.typeName.startsWith('Edm.') && !model.types.has(titled.typeName)) uncompared.add(titled.typeName);
    for (const type of typesNamedBySchemas([schema], operation.version, model)) roots.add(type);
  }
  const closure = typeClosure([...roots], model);
  for (const missing of closure.uncompared) uncompared.add(missing);
  return { types: closure.types, uncompared: [...uncompared].sort() };
}

/** `roots` and every type they reach, as `operationTypes` says; Edm primitives are no types here. */
export function typeClosure(roots: readonly string[], model: MetadataSlice): OperationTypes {
  const types = new Set<string>();
  const uncompared = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.shift() ?? '';
    if (name.startsWith('Edm.') || types.has(name) || uncompared.has(name)) continue;
    const type = model.types.get(name);
    if (!type) {
      uncompared.add(name);
      continue;
    }
    types.add(name);
    if (type.kind === 'enum') continue;
    if (type.baseType !== undefined) queue.push(type.baseType);
    for (const property of type.properties) if (!property.navigation) queue.push(property.type);
    if (type.kind === 'complex') queue.push(...derivedTypes(model, name).map((derived) => derived.name));
  }
  return { types: [...types].sort(), uncompared: [...uncompared].sort() };
}
