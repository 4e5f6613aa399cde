import { createRequire } from 'node:module';
import { isJsonObject, type JsonObject } from '../../harness/shared/json-object.ts';

// odata-csdl is CommonJS.
const require = createRequire(import.meta.url);
const { xml2json } = require('odata-csdl') as typeof import('odata-csdl');

/**
 * Cuts from a CSDL XML file the types asked for and what they reference (base types, the types of
 * their structural properties, and the types derived from a complex type, which a body may carry
 * instead of it), with the annotations targeting them. Elements are copied verbatim, each under a
 * comment with its place in the source. Navigation properties are kept but not followed: a body
 * carries them only when expanded.
 */
export interface SliceInput {
  /** The CSDL XML to cut from. */
  xml: string;
  /** Qualified type names (aliases allowed). */
  types: string[];
  /** The source's file name as the comments say it: `v1.0-Prod.csdl`. */
  sourceName: string;
  /** The place of a 1-based line of `xml` in the source; by default `line N`. */
  placeOf?: (line: number) => string;
  /** Lines that open the header comment: where the source comes from. */
  header: string[];
  /** `xml` as odata-csdl read it with line numbers, when the caller has it already: a whole file takes a second to parse. */
  csdl?: JsonObject;
}

export interface Slice {
  xml: string;
  /** Referenced types the source does not hold. */
  missing: string[];
}

interface Element {
  namespace: string;
  name: string;
  kind: string;
  line: number;
  json: JsonObject;
}

const EDM = 'http://docs.oasis-open.org/odata/ns/edm';

export function sliceCsdl(input: SliceInput): Slice {
  const placeOf = input.placeOf ?? ((line: number) => `line ${line}`);
  const csdl = input.csdl ?? xml2json(input.xml, { lineNumbers: true });
  const namespaces = Object.entries(csdl).filter((entry): entry is [string, JsonObject] => !entry[0].startsWith('$') && isJsonObject(entry[1]));
  const aliasOf = new Map<string, string>();
  const namespaceOf = new Map<string, string>();
  for (const [namespace, schema] of namespaces) {
    namespaceOf.set(namespace, namespace);
    if (typeof schema.$Alias === 'string') {
      aliasOf.set(namespace, schema.$Alias);
      namespaceOf.set(schema.$Alias, namespace);
    }
  }
  const qualify = (name: string): string => {
    const dot = name.lastIndexOf('.');
    const namespace = namespaceOf.get(name.slice(0, dot));
    return namespace === undefined ? name : `${namespace}${name.slice(dot)}`;
  };

  const elements = new Map<string, Element>();
  for (const [namespace, schema] of namespaces) {
    for (const [name, json] of Object.entries(schema)) {
      if (!isJsonObject(json) || typeof json.$Kind !== 'string' || !['EntityType', 'ComplexType', 'EnumType', 'TypeDefinition'].includes(json.$Kind)) continue;
      elements.set(`${namespace}.${name}`, { namespace, name, kind: json.$Kind, line: numberOr(json['@parser.line']), json });
    }
  }

  const derivedOf = new Map<string, string[]>();
  for (const [name, element] of elements) {
    if (typeof element.json.$BaseType !== 'string') continue;
    const base = qualify(element.json.$BaseType);
    const known = elements.get(base);
    if (known?.kind === element.kind) derivedOf.set(base, [...(derivedOf.get(base) ?? []), name]);
  }

  const wanted = new Set<string>();
  const missing = new Set<string>();
  const queue = input.types.map(qualify);
  const add = (name: string): void => {
    const qualified = qualify(name);
    if (qualified.startsWith('Edm.') || wanted.has(qualified)) return;
    if (!elements.has(qualified)) missing.add(qualified);
    else queue.push(qualified);
  };
  while (queue.length > 0) {
    const name = queue.shift() ?? '';
    if (wanted.has(name)) continue;
    const element = elements.get(name);
    if (!element) {
      missing.add(name);
      continue;
    }
    wanted.add(name);
    if (typeof element.json.$BaseType === 'string') add(element.json.$BaseType);
    for (const [key, property] of Object.entries(element.json)) {
      if (key.startsWith('$') || key.includes('@') || !isJsonObject(property) || property.$Kind === 'NavigationProperty') continue;
      add(typeof property.$Type === 'string' ? property.$Type : 'Edm.String');
    }
    // A body may carry a derived type in place of a complex type.
    if (element.kind === 'ComplexType') {
      for (const other of derivedOf.get(name) ?? []) add(other);
    }
  }

  const lines = input.xml.split('\n');
  const annotations = annotationBlocks(lines, qualify).filter((block) => wanted.has(block.target.split('/')[0] ?? ''));
  const body: string[] = [];
  const listing: string[] = [];
  for (const [namespace] of namespaces) {
    const members = [...wanted].map((name) => elements.get(name)).filter((element): element is Element => element?.namespace === namespace);
    const blocks = annotations.filter((block) => namespaceOfTarget(block.target, elements) === namespace);
    if (members.length === 0 && blocks.length === 0) continue;
    members.sort((a, b) => a.line - b.line);
    const alias = aliasOf.get(namespace);
    body.push(`    <Schema Namespace="${namespace}"${alias === undefined ? '' : ` Alias="${alias}"`} xmlns="${EDM}">`);
    for (const element of members) {
      listing.push(`  ${namespace}.${element.name}: ${placeOf(element.line)}`);
      body.push(`      <!-- ${input.sourceName} ${placeOf(element.line)} -->`, ...elementText(lines, element.line, element.kind));
    }
    for (const block of blocks) {
      listing.push(`  annotations on ${block.target}: ${placeOf(block.line)}`);
      body.push(`      <!-- ${input.sourceName} ${placeOf(block.line)} -->`, ...block.text);
    }
    body.push('    </Schema>');
  }
  const header = [
    ...input.header,
    'Each element below is copied verbatim and preceded by its place in the source; in order:',
    ...listing,
    ...(missing.size > 0 ? [`Referenced but not in what was cut from (so not in this slice): ${[...missing].sort().join(', ')}.`] : []),
  ];
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!--\n${header.map((line) => `  ${line.replaceAll('--', '- -')}`).join('\n')}\n-->`,
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    '  <edmx:DataServices>',
    ...body,
    '  </edmx:DataServices>',
    '</edmx:Edmx>',
    '',
  ].join('\n');
  return { xml, missing: [...missing].sort() };
}

/** The element's lines: one self-closing line, or through its closing tag. */
function elementText(lines: string[], line: number, kind: string): string[] {
  const first = lines[line - 1] ?? '';
  if (first.trimEnd().endsWith('/>')) return [first];
  const end = indexFrom(lines, line, (text) => text.trim() === `</${kind}>`);
  if (end < 0) throw new Error(`The ${kind} at line ${line} has no closing tag on a line of its own.`);
  return lines.slice(line - 1, end + 1);
}

interface AnnotationBlock {
  target: string;
  line: number;
  text: string[];
}

/** `<Annotations Target="…">` blocks by text: odata-csdl keeps no line for them. */
function annotationBlocks(lines: string[], qualify: (name: string) => string): AnnotationBlock[] {
  const blocks: AnnotationBlock[] = [];
  lines.forEach((text, index) => {
    const match = /^\s*<Annotations Target="([^"]+)"(\s*\/)?>/.exec(text);
    if (!match) return;
    const [type = '', ...path] = (match[1] ?? '').split('/');
    const target = [qualify(type), ...path].join('/');
    const end = match[2] === undefined ? indexFrom(lines, index + 1, (candidate) => candidate.trim() === '</Annotations>') : index;
    if (end < 0) throw new Error(`The Annotations for ${target} at line ${index + 1} have no closing tag on a line of its own.`);
    blocks.push({ target, line: index + 1, text: lines.slice(index, end + 1) });
  });
  return blocks;
}

/** The first index at or after `start` whose line matches; -1 if none. A whole file has 50,000 lines: never search from the top. */
function indexFrom(lines: string[], start: number, matches: (text: string) => boolean): number {
  for (let index = start; index < lines.length; index += 1) if (matches(lines[index] ?? '')) return index;
  return -1;
}

function namespaceOfTarget(target: string, elements: Map<string, Element>): string | undefined {
  return elements.get(target.split('/')[0] ?? '')?.namespace;
}

function numberOr(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
