import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { EnumMember, MetadataProperty, MetadataSlice, MetadataType, Position, StructuredType } from './csdl-model.ts';
import { isJsonObject, type JsonObject } from '../../harness/shared/json-object.ts';

// odata-csdl is CommonJS.
const require = createRequire(import.meta.url);
const { xml2json } = require('odata-csdl') as typeof import('odata-csdl');

const COMPUTED = 'Org.OData.Core.V1.Computed';
/** The comment the slice script writes above each element it copied. */
const SOURCE_COMMENT = /^\s*<!-- (\S+\.csdl) (line (\d+)|~offset \d+)(?: .*)? -->\s*$/;

/** `name` is how messages call the file (a path relative to the checkout, say). */
export function readMetadata(file: string, name: string = file): MetadataSlice {
  let xml: string;
  try {
    xml = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${name}: cannot read the metadata slice (${(error as Error).message}).`, { cause: error });
  }
  return parseMetadata(xml, name);
}

/** The typed model of a CSDL slice; `file` names it in messages. */
export function parseMetadata(xml: string, file: string): MetadataSlice {
  return modelOf(parseCsdl(xml, file), xml, file);
}

/**
 * CSDL XML as CSDL JSON (odata-csdl), each element with its line: what the model and the slicer
 * both read, so that a caller holding a large file parses it once.
 */
export function parseCsdl(xml: string, file: string): JsonObject {
  try {
    return xml2json(xml, { lineNumbers: true, annotations: true });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? '';
    throw new Error(`${file} is not a CSDL XML document that parses: ${reason}. Regenerate it with npm run metadata:update (metadata/README.md).`, {
      cause: error,
    });
  }
}

/** The typed model of CSDL JSON that `parseCsdl` read from `xml`. */
export function modelOf(csdl: JsonObject, xml: string, file: string): MetadataSlice {
  const schemas = Object.entries(csdl).filter((entry): entry is [string, JsonObject] => !entry[0].startsWith('$') && isJsonObject(entry[1]));
  if (schemas.length === 0) throw new Error(`${file} holds no Schema element: expected edmx:Edmx > edmx:DataServices > Schema.`);

  const aliases = new Map<string, string>();
  for (const [namespace, schema] of schemas) if (typeof schema.$Alias === 'string') aliases.set(schema.$Alias, namespace);
  const qualify = (name: string): string => {
    const dot = name.lastIndexOf('.');
    const namespace = aliases.get(name.slice(0, dot));
    return namespace === undefined ? name : `${namespace}${name.slice(dot)}`;
  };

  const computed = computedTargets(schemas, qualify);
  const position = positions(xml);
  const types = new Map<string, MetadataType>();
  for (const [namespace, schema] of schemas) {
    for (const [name, element] of Object.entries(schema)) {
      if (!isJsonObject(element)) continue;
      const qualified = `${namespace}.${name}`;
      const type = readType(qualified, element, { qualify, computed, position });
      if (type) types.set(qualified, type);
    }
  }
  return { file, types };
}

interface Context {
  qualify: (name: string) => string;
  computed: Set<string>;
  position: (line: number) => Position;
}

function readType(name: string, element: JsonObject, context: Context): MetadataType | undefined {
  const line = lineOf(element);
  switch (element.$Kind) {
    case 'EnumType': {
      const members: EnumMember[] = Object.entries(element)
        .filter((entry): entry is [string, number] => !entry[0].startsWith('$') && !entry[0].includes('@') && typeof entry[1] === 'number')
        .map(([member, value]) => ({ name: member, value, ...context.position(numberOr(element[`${member}@parser.line`], line)) }));
      return { kind: 'enum', name, flags: element.$IsFlags === true, members, ...context.position(line) };
    }
    case 'EntityType':
    case 'ComplexType': {
      const properties: MetadataProperty[] = [];
      for (const [property, value] of Object.entries(element)) {
        if (property.startsWith('$') || property.includes('@') || !isJsonObject(value)) continue;
        const collection = value.$Collection === true;
        properties.push({
          name: property,
          type: context.qualify(typeof value.$Type === 'string' ? value.$Type : 'Edm.String'),
          collection,
          nullable: !collection && value.$Nullable === true,
          computed: value[`@${COMPUTED}`] === true || context.computed.has(`${name}/${property}`),
          navigation: value.$Kind === 'NavigationProperty',
          ...context.position(lineOf(value)),
        });
      }
      return {
        kind: element.$Kind === 'EntityType' ? 'entity' : 'complex',
        name,
        baseType: typeof element.$BaseType === 'string' ? context.qualify(element.$BaseType) : undefined,
        abstract: element.$Abstract === true,
        openType: element.$OpenType === true,
        properties,
        ...context.position(line),
      };
    }
    default:
      return undefined;
  }
}

/** `Type/property` targets annotated Computed, in `$Annotations` of any schema, aliases resolved. */
function computedTargets(schemas: [string, JsonObject][], qualify: (name: string) => string): Set<string> {
  const targets = new Set<string>();
  for (const [, schema] of schemas) {
    const annotations = schema.$Annotations;
    if (!isJsonObject(annotations)) continue;
    for (const [target, terms] of Object.entries(annotations)) {
      if (!isJsonObject(terms) || terms[`@${COMPUTED}`] !== true) continue;
      const [type = '', ...path] = target.split('/');
      targets.add([qualify(type), ...path].join('/'));
    }
  }
  return targets;
}

/**
 * The source place of a slice line: the nearest source comment above it names the element's
 * first line (or approximate offset); elements are copied verbatim, so a line below it is that
 * many lines further in the source.
 */
function positions(xml: string): (line: number) => Position {
  const lines = xml.split('\n');
  const comments: { line: number; file: string; sourceLine: number | undefined; label: string }[] = [];
  lines.forEach((text, index) => {
    const match = SOURCE_COMMENT.exec(text);
    if (match) comments.push({ line: index + 1, file: match[1] ?? '', sourceLine: match[3] === undefined ? undefined : Number(match[3]), label: match[2] ?? '' });
  });
  return (line) => {
    const comment = comments.findLast((candidate) => candidate.line < line);
    if (!comment) return { line, source: undefined };
    const source = comment.sourceLine === undefined ? comment.label : `line ${comment.sourceLine + line - comment.line - 1}`;
    return { line, source: `${comment.file} ${source}` };
  };
}

/** Own and inherited properties, the base type's first; a base missing from the slice is skipped. */
export function allProperties(slice: MetadataSlice, type: StructuredType): MetadataProperty[] {
  const chain: StructuredType[] = [];
  for (let current: MetadataType | undefined = type; current?.kind === 'entity' || current?.kind === 'complex'; ) {
    if (chain.includes(current)) break;
    chain.unshift(current);
    current = current.baseType === undefined ? undefined : slice.types.get(current.baseType);
  }
  return chain.flatMap((link) => link.properties);
}

/** The structured types of the slice derived (directly or not) from `name`. */
export function derivedTypes(slice: MetadataSlice, name: string): StructuredType[] {
  const derived: StructuredType[] = [];
  for (const type of slice.types.values()) {
    if (type.kind === 'enum') continue;
    for (let base = type.baseType; base !== undefined; ) {
      if (base === name) {
        derived.push(type);
        break;
      }
      const next = slice.types.get(base);
      base = next?.kind === 'enum' ? undefined : next?.baseType;
    }
  }
  return derived;
}

/** `file:line (source place)`, for messages. */
export function where(slice: MetadataSlice, position: Position): string {
  // Line 0: what no element declares (an Edm primitive's answer, say): the file is all there is to name.
  const line = position.line > 0 ? `:${position.line}` : '';
  return `${slice.file}${line}${position.source === undefined ? '' : ` (${position.source})`}`;
}

function lineOf(element: JsonObject): number {
  return numberOr(element['@parser.line'], 0);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
