/**
 * Type names as pages write them, read as Graph's metadata names them. An annotation or a body
 * writes `microsoft.graph.user`, `#microsoft.graph.user`, `Collection(microsoft.graph.user)` or a
 * primitive (`string`, `stream`, `Edm.Int32`); a request body table writes for a reader: `String
 * collection`, `[recipient](…) collection` (a link, read as its text), `Collection(X)`, `alertStatus
 * enum`, `String (identifier)`, or the type in display case (`Message` for microsoft.graph.message).
 */

/** Primitive types, as the metadata (`Edm.String`) and the pages (`string`, `Int32`, `DateTime`, `Float`, `number`) write them. */
const PRIMITIVE =
  /^(?:edm\.)?(?:string|int16|int32|int64|integer|int|long|boolean|bool|double|single|float|decimal|number|datetimeoffset|datetime|date|timeofday|time|duration|guid|binary|byte|sbyte|stream|untyped|object|any|void|null|timestamp)$/i;

export interface WrittenType {
  /** As the page writes it, for evidence: `microsoft.graph.user`, `Message`. */
  written: string;
  /** Qualified as written, or with the page's namespace for a bare name: what a finding names. */
  name: string;
  /** The names it may stand for, in order: a bare name is the page's namespace's or microsoft.graph's. */
  candidates: string[];
  /** The page wrote the namespace itself (a bare name has the page's, which is no claim of the name's). */
  qualified: boolean;
}

/** The Graph type a written type name stands for; undefined for a primitive or a cell that names no type (prose, several types). */
export function writtenType(text: string, pageNamespace: string | undefined): WrittenType | undefined {
  let bare = text
    .trim()
    .replace(/^#/, '')
    .replace(/^\[([^\]]*)\]\([^)]*\)/, '$1');
  for (;;) {
    const before = bare;
    bare = bare
      .replace(/^collection\s*\((.*)\)$/i, '$1')
      .replace(/^collection of\s+/i, '')
      .replace(/\s+(?:collection|array|enum(?:eration)?|object)$/i, '')
      .replace(/\s*\([^()]*\)$/, '')
      .replace(/^#/, '')
      .trim();
    if (bare === before) break;
  }
  if (bare === '' || !/^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*$/.test(bare) || PRIMITIVE.test(bare)) return undefined;
  const written = text.trim().replace(/^#/, '');
  if (bare.includes('.')) return { written, name: bare, candidates: [bare], qualified: true };
  const namespace = pageNamespace ?? 'microsoft.graph';
  const candidates = [...new Set([`${namespace}.${bare}`, `microsoft.graph.${bare}`])];
  return { written, name: `${namespace}.${bare}`, candidates, qualified: false };
}

/** The namespace of a qualified name: all but its last part. */
export function namespaceOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(0, dot);
}
