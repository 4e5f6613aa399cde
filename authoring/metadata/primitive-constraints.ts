/**
 * Which keywords of a schema node narrow the values of an Edm primitive beyond what the type
 * itself allows: every such keyword is a rule the schema adds to the metadata's contract, so it
 * must rest on a documented rule (metadata/schema-differences.json says which).
 */

export interface Narrowing {
  keyword: string;
  value: unknown;
  /** What the Edm type allows, for the report: `any string`, `Edm.Int32 values (-2147483648 to 2147483647)`. */
  typeAllows: string;
}

/** Value-restricting keywords of JSON Schema 2020-12 (validation vocabulary, format assertion, `not`). */
const SCALAR_KEYWORDS = ['enum', 'const', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'not'] as const;
const COLLECTION_KEYWORDS = ['minItems', 'maxItems', 'uniqueItems', 'contains'] as const;

/** The format each Edm type already means in OData's JSON format: saying it narrows nothing. */
const IMPLIED_FORMAT: Record<string, string> = {
  'Edm.DateTimeOffset': 'date-time',
  'Edm.Date': 'date',
  'Edm.Guid': 'uuid',
  'Edm.Duration': 'duration',
};

const INTEGER_RANGE: Record<string, [number, number]> = {
  'Edm.Byte': [0, 255],
  'Edm.SByte': [-128, 127],
  'Edm.Int16': [-32768, 32767],
  'Edm.Int32': [-2147483648, 2147483647],
  // Beyond 2^53 a JS number is approximate; a bound that far out narrows nothing anyway.
  'Edm.Int64': [-(2 ** 63), 2 ** 63 - 1],
};

export function primitiveNarrowings(node: Record<string, unknown>, edmType: string): Narrowing[] {
  const range = INTEGER_RANGE[edmType];
  const typeAllows = range ? `${edmType} values (${edmType === 'Edm.Int64' ? '-2^63 to 2^63-1' : `${range[0]} to ${range[1]}`})` : IMPLIED_FORMAT[edmType] ? `any ${IMPLIED_FORMAT[edmType]}` : `any ${edmType.slice(4).toLowerCase()}`;
  return SCALAR_KEYWORDS.filter((keyword) => keyword in node && !implied(keyword, node[keyword], edmType, range)).map((keyword) => ({ keyword, value: node[keyword], typeAllows }));
}

/** Keywords that narrow a collection (its length, uniqueness) beyond `Collection(…)`. */
export function collectionNarrowings(node: Record<string, unknown>): Narrowing[] {
  return COLLECTION_KEYWORDS.filter((keyword) => keyword in node && !(keyword === 'minItems' && node[keyword] === 0) && !(keyword === 'uniqueItems' && node[keyword] === false))
    .map((keyword) => ({ keyword, value: node[keyword], typeAllows: 'any number of items, repeats allowed' }));
}

function implied(keyword: string, value: unknown, edmType: string, range: [number, number] | undefined): boolean {
  if (keyword === 'format') return IMPLIED_FORMAT[edmType] === value;
  if (keyword === 'minLength') return value === 0;
  if (typeof value !== 'number' || range === undefined) return false;
  if (keyword === 'minimum') return value <= range[0];
  if (keyword === 'maximum') return value >= range[1];
  if (keyword === 'exclusiveMinimum') return value < range[0];
  if (keyword === 'exclusiveMaximum') return value > range[1];
  if (keyword === 'multipleOf') return value === 1;
  return false;
}
