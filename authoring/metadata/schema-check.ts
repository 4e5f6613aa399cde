import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import type { EnumType, MetadataProperty, MetadataSlice, MetadataType, StructuredType } from './csdl-model.ts';
import { allProperties, derivedTypes, where } from './read-metadata.ts';
import { collectionNarrowings, primitiveNarrowings, type Narrowing } from './primitive-constraints.ts';
import { isJsonObject, type JsonObject } from '../../harness/shared/json-object.ts';

/**
 * Compares the hand-written schemas with Graph's CSDL: per schema whose `title` names a Graph
 * type, its properties (and the $defs they lead to) against that type's, for presence, JSON
 * type, nullability, required-vs-nullable, enum members, open types and `@odata.type` consts,
 * and any keyword that narrows a primitive's values beyond its Edm type (enum, pattern, maxLength…).
 * Properties beyond the metadata's are a difference; a schema that tolerates properties the
 * metadata does not declare is not (Graph adds properties without a new version).
 */

/** beta first: a schema both versions judge is primarily beta's, whose slice is the wider. */
const CHECK_ORDER: readonly GraphVersion[] = ['beta', 'v1.0'];

export type DifferenceKind =
  | 'not-in-metadata'
  | 'dynamic-property'
  | 'not-in-schema'
  | 'type'
  | 'nullable'
  | 'required-nullable'
  | 'enum-members'
  | 'open-type'
  | 'odata-type'
  | 'type-not-in-metadata'
  | 'narrower-than-metadata';

export interface Difference {
  /** The schema's file name in schemas/. */
  schema: string;
  /** JSON pointer into that file. */
  pointer: string;
  /** Path of the property from the schema's root: `searchSettings.searchResultTemplates[].id`. */
  property: string;
  kind: DifferenceKind;
  schemaSays: string;
  metadataSays: string;
  /** `metadata/beta.csdl.xml:190 (beta-Prod.csdl ~offset 3411000)`. */
  where: string;
  version: GraphVersion;
  /** For `narrower-than-metadata`: the keyword's value, which a listing must repeat (a changed bound is a new rule). */
  value?: unknown;
}

export interface ListedDifference {
  schema: string;
  pointer: string;
  kind: DifferenceKind;
  property: string;
  reason: string;
  /** Required for `narrower-than-metadata`: the keyword's value as the schema says it. */
  value?: unknown;
}

export interface SchemaResult {
  schema: string;
  typeName: string | undefined;
  /** The version whose differences count; undefined when the schema names no Graph type. */
  primary: GraphVersion | undefined;
  also: GraphVersion[];
  differences: Difference[];
  /** What differs only in the other version, what was not compared and why. */
  notes: string[];
}

export interface CheckResult {
  results: SchemaResult[];
  listed: { difference: Difference; entry: ListedDifference }[];
  unlisted: Difference[];
  gone: ListedDifference[];
}

interface SchemaFile {
  name: string;
  id: string;
  json: JsonObject;
}

interface Located {
  file: SchemaFile;
  pointer: string;
  node: JsonObject;
}

/** `microsoft.graph.connector (beta)`, `Collection(microsoft.graph.user) (v1.0)`, `Collection(Edm.String)`. */
const TITLE = /^(?:Collection\((microsoft\.graph(?:\.[A-Za-z0-9]+)+|Edm\.[A-Za-z]+)\)|(microsoft\.graph(?:\.[A-Za-z0-9]+)+|Edm\.[A-Za-z]+))(?:\s*\((beta|v1\.0)\))?/;

/** What a schema's title says it describes; undefined when it names no Graph type or Edm primitive. */
export interface TitledType {
  typeName: string;
  /** `Collection(…)`: the schema is OData's `{ "value": [...] }` of that type. */
  collection: boolean;
  /** The version the title pins, if it names one. */
  version: GraphVersion | undefined;
}

export function titledType(title: unknown): TitledType | undefined {
  const match = typeof title === 'string' ? TITLE.exec(title) : null;
  const typeName = match?.[1] ?? match?.[2];
  if (!match || typeName === undefined) return undefined;
  return { typeName, collection: match[1] !== undefined, version: match[3] as GraphVersion | undefined };
}

export function checkSchemas(options: {
  schemasDirectory: string;
  slices: Partial<Record<GraphVersion, MetadataSlice>>;
  listed: ListedDifference[];
}): CheckResult {
  const files = readdirSync(options.schemasDirectory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name): SchemaFile => {
      const json = JSON.parse(readFileSync(join(options.schemasDirectory, name), 'utf8')) as JsonObject;
      return { name: basename(name), id: typeof json.$id === 'string' ? json.$id : name, json };
    });
  const results = files.map((file) => checkSchema(file, files, options.slices));
  const differences = results.flatMap((result) => result.differences);
  const keyOf = (entry: { schema: string; pointer: string; kind: string; value?: unknown }): string =>
    `${entry.schema}#${entry.pointer} ${entry.kind}${entry.kind === 'narrower-than-metadata' ? ` ${JSON.stringify(entry.value)}` : ''}`;
  const entries = new Map(options.listed.map((entry) => [keyOf(entry), entry]));
  const found = new Set(differences.map(keyOf));
  const listed: CheckResult['listed'] = [];
  const unlisted: Difference[] = [];
  for (const difference of differences) {
    const entry = entries.get(keyOf(difference));
    if (entry) listed.push({ difference, entry });
    else unlisted.push(difference);
  }
  return { results, listed, unlisted, gone: options.listed.filter((entry) => !found.has(keyOf(entry))) };
}

function checkSchema(file: SchemaFile, files: SchemaFile[], slices: Partial<Record<GraphVersion, MetadataSlice>>): SchemaResult {
  const title = typeof file.json.title === 'string' ? file.json.title : '';
  const titled = titledType(title);
  const typeName = titled?.typeName;
  const result: SchemaResult = { schema: file.name, typeName, primary: undefined, also: [], differences: [], notes: [] };
  if (titled === undefined || typeName === undefined) {
    result.notes.push(`its title ${JSON.stringify(title)} names no Graph type (microsoft.graph.…): not compared.`);
    return result;
  }
  const named = titled.version;
  const candidates = named === undefined ? CHECK_ORDER : [named];
  // An Edm primitive is the same in every version: the OData JSON format says its JSON type.
  const primitive = edmJsonType(typeName) !== undefined;
  const versions = candidates.filter((version) => slices[version] !== undefined && (primitive || slices[version].types.has(typeName)));
  for (const version of candidates.filter((candidate) => !versions.includes(candidate))) {
    const slice = slices[version];
    const missing = `${typeName} is not in ${slice?.file ?? `the ${version} slice`}`;
    if (named !== undefined) {
      result.differences.push({ schema: file.name, pointer: '', property: '', kind: 'type-not-in-metadata', schemaSays: `title: ${title}`, metadataSays: missing, where: slice?.file ?? version, version });
    } else result.notes.push(`${missing}: checked against ${versions.join(' and ') || 'no version'} only.`);
  }
  const [primary, ...also] = versions;
  if (primary === undefined) return result;
  result.primary = primary;
  result.also = also;
  const byVersion = versions.map((version) => {
    const slice = slices[version];
    if (!slice) return [];
    const checker = new Checker(file, files, slice, version, result.notes);
    checker.checkRoot(typeName, titled.collection);
    return checker.differences;
  });
  result.differences.push(...(byVersion[0] ?? []));
  const keys = new Set(result.differences.map((difference) => `${difference.pointer} ${difference.kind}`));
  for (const difference of byVersion.slice(1).flat()) {
    if (!keys.has(`${difference.pointer} ${difference.kind}`)) result.notes.push(`${difference.version} differs from ${primary}: ${formatDifference(difference)}`);
  }
  return result;
}

class Checker {
  readonly differences: Difference[] = [];
  private readonly visited = new Set<string>();
  /** Each schema node compared with each type once: a type that contains itself (directly or not) would recurse for ever. */
  private readonly compared = new Set<string>();

  constructor(
    private readonly file: SchemaFile,
    private readonly files: SchemaFile[],
    private readonly slice: MetadataSlice,
    private readonly version: GraphVersion,
    private readonly notes: string[],
  ) {}

  checkRoot(typeName: string, collection: boolean): void {
    const type = this.slice.types.get(typeName);
    const root = { file: this.file, pointer: '', node: this.file.json };
    if (collection || type === undefined || type.kind === 'enum') {
      // OData's answer for a collection, a primitive or an enum value: `{ "value": … }`.
      const value = this.collect(root).properties.get('value');
      const position = type ?? { line: 0, source: undefined };
      const property: MetadataProperty = { name: 'value', type: typeName, collection, nullable: false, computed: false, navigation: false, ...position };
      if (!value) {
        this.add(root, 'value', 'not-in-schema', 'no such property', `${collection ? `Collection(${typeName})` : typeName}: OData answers it as { "value": … }`, where(this.slice, position));
        return;
      }
      this.compareValue(value, property, 'value', {});
    } else this.checkStructured(root, type, '');
    // $defs that no property led to, named after a type: a request-only type, say.
    const defs = this.file.json.$defs;
    if (!isJsonObject(defs)) return;
    const namespace = typeName.slice(0, typeName.lastIndexOf('.'));
    for (const [name, node] of Object.entries(defs)) {
      const pointer = `/$defs/${escape(name)}`;
      if (this.visited.has(pointer) || !isJsonObject(node)) continue;
      const candidate = this.slice.types.get(`${namespace}.${name}`) ?? this.slice.types.get(`microsoft.graph.${name}`);
      if (candidate === undefined) continue;
      if (candidate.kind === 'enum') this.compareEnum({ file: this.file, pointer, node }, candidate, name);
      else this.checkStructured({ file: this.file, pointer, node }, candidate, name);
    }
  }

  private checkStructured(at: Located, type: StructuredType, path: string): void {
    const here = this.resolve(at);
    const key = `${here.file.name}#${here.pointer} ${type.name}`;
    if (this.compared.has(key)) return;
    this.compared.add(key);
    if (here.file === this.file) this.visited.add(here.pointer);
    const branches = (['oneOf', 'anyOf'] as const).flatMap((keyword) => {
      const list = here.node[keyword];
      return Array.isArray(list) ? list.map((branch, index) => ({ file: here.file, pointer: `${here.pointer}/${keyword}/${index}`, node: branch as JsonObject })) : [];
    });
    for (const branch of branches) {
      const resolved = this.resolve(branch);
      const odataType = odataTypeConst(resolved.node);
      const derived = odataType === undefined ? undefined : this.slice.types.get(odataType);
      if (derived === undefined || derived.kind === 'enum' || (derived !== type && !derivedTypes(this.slice, type.name).includes(derived))) {
        this.add(resolved, `${path}@odata.type`, 'odata-type', odataType === undefined ? 'a branch without an @odata.type const' : `@odata.type #${odataType}`, `a type derived from ${type.name} in ${this.slice.file}`, where(this.slice, type));
        continue;
      }
      this.checkObject(resolved, derived, path);
    }
    if (branches.length > 0) return;
    const concrete = type.abstract ? derivedTypes(this.slice, type.name).filter((candidate) => !candidate.abstract) : [];
    this.checkObject(here, concrete.length === 1 && concrete[0] ? concrete[0] : type, path);
  }

  /** One object node against one type: its own properties, required, open type, @odata.type. */
  private checkObject(at: Located, type: StructuredType, path: string): void {
    if (at.file === this.file) this.visited.add(at.pointer);
    const { properties, required } = this.collect(at);
    const odataType = properties.get('@odata.type');
    const constType = odataType ? odataTypeConst(this.resolve(odataType).node) : undefined;
    if (odataType && constType !== undefined && constType !== type.name) {
      this.add(odataType, `${path}@odata.type`, 'odata-type', `#${constType}`, `#${type.name}`, where(this.slice, type));
    }
    if (type.openType && (at.node.additionalProperties === false || at.node.unevaluatedProperties === false)) {
      this.add(at, path || '(root)', 'open-type', 'no properties beyond those listed', `${type.name} is an open type`, where(this.slice, type));
    }
    const metadata = allProperties(this.slice, type).filter((property) => !property.navigation);
    for (const property of metadata) {
      const name = join2(path, property.name);
      const schema = properties.get(property.name);
      if (!schema) {
        this.add(at, name, 'not-in-schema', 'no such property', describe(property, this.slice), where(this.slice, property));
        continue;
      }
      if (schema.file !== this.file) continue;
      if (required.has(property.name) && property.nullable && !allowsNull(this.resolve(schema).node)) {
        this.add(schema, name, 'required-nullable', 'required, never null', describe(property, this.slice), where(this.slice, property));
        this.compareValue(schema, property, name, { skipNullable: true });
      } else this.compareValue(schema, property, name, {});
    }
    for (const [name, schema] of properties) {
      if (name.startsWith('@') || schema.file !== this.file || metadata.some((property) => property.name === name)) continue;
      if (type.openType) this.add(schema, join2(path, name), 'dynamic-property', 'a declared property', `not declared by the open type ${type.name}`, where(this.slice, type));
      else this.add(schema, join2(path, name), 'not-in-metadata', 'a declared property', `${type.name} has no such property`, where(this.slice, type));
    }
  }

  private compareValue(at: Located, property: MetadataProperty, path: string, options: { skipNullable?: boolean; item?: boolean }): void {
    const { located: here, orNull } = this.unwrapNull(this.resolve(at));
    if (here.file === this.file) this.visited.add(here.pointer);
    const node = here.node;
    const types = jsonTypes(node);
    if (orNull) types?.add('null');
    const place = where(this.slice, property);
    if (types === undefined) return;
    const nullable = options.item ? undefined : property.nullable;
    if (!options.skipNullable && nullable !== undefined && types.has('null') !== nullable) {
      this.add(here, path, 'nullable', types.has('null') ? 'allows null' : 'never null', describe(property, this.slice), place);
    }
    const nonNull = [...types].filter((type) => type !== 'null');
    if (property.collection && !options.item) {
      if (!sameSet(nonNull, ['array'])) { this.add(here, path, 'type', nonNull.join(' or '), describe(property, this.slice), place); return; }
      for (const narrowing of collectionNarrowings(node)) this.addNarrowing(here, path, narrowing, property);
      if (isJsonObject(node.items)) this.compareValue({ file: here.file, pointer: `${here.pointer}/items`, node: node.items }, property, `${path}[]`, { item: true });
      return;
    }
    const target = this.slice.types.get(property.type);
    const expected = property.type.startsWith('Edm.') ? edmJsonType(property.type) : target === undefined ? undefined : target.kind === 'enum' ? 'string' : 'object';
    if (expected === undefined) {
      this.notes.push(`${this.version}: ${path} is of type ${property.type}, which is not in ${this.slice.file}: not compared.`);
      return;
    }
    if (!sameSet(nonNull, [expected]) && !(expected === 'number' && sameSet(nonNull, ['integer']))) {
      this.add(here, path, 'type', nonNull.join(' or ') || 'nothing but null', `${property.type}${target?.kind === 'enum' ? ' (an enum)' : ''} (${expected})`, place); return;
    }
    if (target?.kind === 'enum') this.compareEnum(here, target, path);
    else if (target) this.checkStructured(here, target, path);
    else for (const narrowing of primitiveNarrowings(node, property.type)) this.addNarrowing(here, path, narrowing, property);
  }

  /** A keyword narrowing a primitive: its pointer is the keyword's own, so each rule is listed on its own. */
  private addNarrowing(at: Located, path: string, narrowing: Narrowing, property: MetadataProperty): void {
    const keywordAt = { ...at, pointer: `${at.pointer}/${narrowing.keyword}` };
    this.add(keywordAt, path, 'narrower-than-metadata', `${narrowing.keyword} ${JSON.stringify(narrowing.value)}`, `${describe(property, this.slice)}: ${narrowing.typeAllows}`, where(this.slice, property), narrowing.value);
  }

  private compareEnum(at: Located, type: EnumType, path: string): void {
    const node = this.resolve(at).node;
    const members = type.members.map((member) => member.name);
    // An enum declared with no member (Graph has a few) has nothing to compare a schema's values with.
    if (members.length === 0) return;
    if (type.flags) {
      const pattern = flagsPattern(members);
      if (node.pattern !== pattern) this.add(at, path, 'enum-members', `pattern ${JSON.stringify(node.pattern ?? null)}`, `flags of ${type.name}: pattern ${JSON.stringify(pattern)}`, where(this.slice, type));
      return;
    }
    const values = Array.isArray(node.enum) ? node.enum.filter((value) => value !== null).map(String) : undefined;
    if (values === undefined) { this.add(at, path, 'enum-members', 'no enum', `${type.name}: ${members.join(', ')}`, where(this.slice, type)); return; }
    const extra = values.filter((value) => !members.includes(value));
    const absent = members.filter((member) => !values.includes(member));
    if (extra.length === 0 && absent.length === 0) return;
    const says = [extra.length > 0 ? `also ${extra.join(', ')}` : '', absent.length > 0 ? `lacks ${absent.join(', ')}` : ''].filter(Boolean).join('; ');
    const line = absent.map((member) => type.members.find((candidate) => candidate.name === member)).find((member) => member !== undefined) ?? type;
    this.add(at, path, 'enum-members', says, `${type.name}: ${members.join(', ')}`, where(this.slice, line));
  }

  /** `anyOf: [X, {type: null}]` is X or null. */
  private unwrapNull(at: Located): { located: Located; orNull: boolean } {
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const list = at.node[keyword];
      if (!Array.isArray(list) || list.length !== 2) continue;
      const index = list.findIndex((branch) => isJsonObject(branch) && branch.type === 'null' && Object.keys(branch).length === 1);
      const other: unknown = list[1 - index];
      if (index >= 0 && isJsonObject(other)) return { located: this.resolve({ file: at.file, pointer: `${at.pointer}/${keyword}/${1 - index}`, node: other }), orNull: true };
    }
    return { located: at, orNull: false };
  }

  /** Properties and required names of an object node, through $ref and allOf; each where it is defined. */
  private collect(at: Located, seen = new Set<string>()): { properties: Map<string, Located>; required: Set<string> } {
    const here = this.resolve(at);
    const properties = new Map<string, Located>();
    const required = new Set<string>();
    const key = `${here.file.name}#${here.pointer}`;
    if (seen.has(key)) return { properties, required };
    seen.add(key);
    const own = here.node.properties;
    if (isJsonObject(own)) {
      for (const [name, node] of Object.entries(own)) {
        if (isJsonObject(node)) properties.set(name, { file: here.file, pointer: `${here.pointer}/properties/${escape(name)}`, node });
      }
    }
    if (Array.isArray(here.node.required)) for (const name of here.node.required) if (typeof name === 'string') required.add(name);
    const allOf = here.node.allOf;
    if (Array.isArray(allOf)) {
      allOf.forEach((part, index) => {
        if (!isJsonObject(part)) return;
        const inner = this.collect({ file: here.file, pointer: `${here.pointer}/allOf/${index}`, node: part }, seen);
        for (const [name, located] of inner.properties) if (!properties.has(name)) properties.set(name, located);
        for (const name of inner.required) required.add(name);
      });
    }
    return { properties, required };
  }

  /** Follows `$ref` (to a $def, or to another schema by its $id) until a node without one. */
  private resolve(at: Located): Located {
    let current = at;
    for (let hops = 0; typeof current.node.$ref === 'string' && hops < 20; hops += 1) {
      const ref = current.node.$ref;
      const [base = '', fragment = ''] = ref.split('#');
      const file = base === '' ? current.file : this.files.find((candidate) => candidate.id === new URL(base, current.file.id).href);
      if (!file) throw new Error(`schemas/${current.file.name}${current.pointer}: $ref ${JSON.stringify(ref)} names no schema in schemas/.`);
      let node: unknown = file.json;
      for (const part of fragment.split('/').slice(1)) node = isJsonObject(node) ? node[unescape(part)] : undefined;
      if (!isJsonObject(node)) throw new Error(`schemas/${current.file.name}${current.pointer}: $ref ${JSON.stringify(ref)} points at nothing.`);
      current = { file, pointer: fragment, node };
    }
    return current;
  }

  private add(at: Located, property: string, kind: DifferenceKind, schemaSays: string, metadataSays: string, place: string, value?: unknown): void {
    // A $def reached by two paths is one difference.
    if (at.file !== this.file || this.differences.some((known) => known.pointer === at.pointer && known.kind === kind)) return;
    this.differences.push({ schema: this.file.name, pointer: at.pointer, property, kind, schemaSays, metadataSays, where: place, version: this.version, ...(value === undefined ? {} : { value }) });
  }
}

/** The JSON types a schema node admits, from `type`, `enum` or `const`; undefined when it does not say. */
function jsonTypes(node: JsonObject): Set<string> | undefined {
  if (typeof node.type === 'string') return new Set([node.type]);
  if (Array.isArray(node.type)) return new Set(node.type.map(String));
  const values = Array.isArray(node.enum) ? (node.enum as unknown[]) : 'const' in node ? [node.const] : undefined;
  return values === undefined ? undefined : new Set(values.map(jsonTypeOf));
}

function allowsNull(node: JsonObject): boolean {
  return jsonTypes(node)?.has('null') ?? true;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const EDM_JSON: Record<string, string> = {
  'Edm.String': 'string',
  'Edm.Guid': 'string',
  'Edm.DateTimeOffset': 'string',
  'Edm.Date': 'string',
  'Edm.TimeOfDay': 'string',
  'Edm.Duration': 'string',
  'Edm.Binary': 'string',
  'Edm.Stream': 'string',
  'Edm.Boolean': 'boolean',
  'Edm.Byte': 'integer',
  'Edm.SByte': 'integer',
  'Edm.Int16': 'integer',
  'Edm.Int32': 'integer',
  'Edm.Int64': 'integer',
  'Edm.Double': 'number',
  'Edm.Single': 'number',
  'Edm.Decimal': 'number',
  'Edm.Untyped': 'object',
};

export function edmJsonType(type: string): string | undefined {
  return EDM_JSON[type];
}

/** A flags enum's value: members joined by commas (OData JSON format), as a pattern. */
export function flagsPattern(members: string[]): string {
  const member = `(${members.join('|')})`;
  return `^${member}(,\\s*${member})*$`;
}

function odataTypeConst(node: JsonObject): string | undefined {
  const properties = node.properties;
  const odataType = isJsonObject(properties) ? properties['@odata.type'] : undefined;
  const value = isJsonObject(odataType) ? odataType.const : 'const' in node ? node.const : undefined;
  return typeof value === 'string' ? value.replace(/^#/, '') : undefined;
}

function describe(property: MetadataProperty, slice: MetadataSlice): string {
  const type = property.collection ? `Collection(${property.type})` : property.type;
  const target: MetadataType | undefined = slice.types.get(property.type);
  const facets = [
    property.collection ? 'never null (a collection)' : property.nullable ? 'nullable' : 'Nullable="false"',
    ...(property.computed ? ['Computed'] : []),
    ...(target?.kind === 'complex' && target.openType ? ['open type'] : []),
  ];
  return `${type}, ${facets.join(', ')}`;
}

export function formatDifference(difference: Difference): string {
  return `schemas/${difference.schema}#${difference.pointer} ${difference.property}: ${difference.kind}: schema says ${difference.schemaSays}; metadata (${difference.version}) says ${difference.metadataSays} (${difference.where})`;
}

/** The check's report, for the terminal; the last line counts what fails. */
export function formatCheck(result: CheckResult, differencesFile: string): string {
  const lines: string[] = [];
  const listedReason = new Map(result.listed.map(({ difference, entry }) => [difference, entry.reason]));
  for (const schema of result.results) {
    const versions = schema.primary === undefined ? 'not compared' : [schema.primary, ...schema.also.map((version) => `also ${version}`)].join(', ');
    lines.push(`schemas/${schema.schema}: ${schema.typeName ?? '(no Graph type)'} (${versions})`);
    for (const difference of schema.differences) {
      const reason = listedReason.get(difference);
      lines.push(`  ${reason === undefined ? '✗ unlisted' : '✓ listed'}  ${formatDifference(difference)}${reason === undefined ? '' : `\n      reason: ${reason}`}`);
    }
    for (const note of schema.notes) lines.push(`  i ${note}`);
  }
  for (const entry of result.gone) {
    const value = entry.kind === 'narrower-than-metadata' ? ` ${JSON.stringify(entry.value)}` : '';
    lines.push(`✗ gone: schemas/${entry.schema}#${entry.pointer} ${entry.property}: ${entry.kind}${value} is listed in ${differencesFile} but no longer occurs: remove the entry.`);
  }
  lines.push(
    `${result.listed.length + result.unlisted.length} differences: ${result.listed.length} listed with a reason, ${result.unlisted.length} unlisted, ${result.gone.length} listed but gone.` +
      (result.unlisted.length > 0 ? ` Fix each unlisted difference in the schema, or list it with its reason in ${differencesFile}.` : ''),
  );
  return lines.join('\n');
}

export function checkPassed(result: CheckResult): boolean {
  return result.unlisted.length === 0 && result.gone.length === 0;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

function join2(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function escape(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

function unescape(part: string): string {
  return decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~');
}
