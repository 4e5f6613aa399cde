/**
 * Graph paths compared as Graph reads them, so that the lint calls an example's path another
 * operation only when Graph would: segment names in any case (`/users/{id}/joinedteams`), a
 * `{placeholder}` (or `<placeholder>`, `{id | userPrincipalName}`) for any value, whole or part of a
 * segment, a key in parentheses for a key segment (`/messages('AAMk…')` for `/messages/{id}`), a
 * function's arguments by name (`range(address='A1:B2')` for `range` or `range(address={address})`),
 * `/me` for `/users/{id}`, any address of a driveItem for any other (`/me/drive/root:/a.xlsx:`,
 * `/drives/{drive-id}/items/{item-id}`), a path from `/workbook/` for the same path under any
 * driveItem, a trailing `/$count` on a collection, and a trailing slash, a `~` or a missing leading slash as nothing.
 */

type Segment =
  | { kind: 'placeholder' }
  /** A drive item however it is addressed, or a drive (`/me/drive`, `/drives/{id}`) when no item follows. */
  | { kind: 'drive-item' }
  | { kind: 'drive' }
  | {
      kind: 'name';
      /** Lower-cased; `\u0000` stands for a placeholder inside the name (`roletemplateid=\u0000`). */
      name: string;
      /**
       * What its parentheses hold: nothing (no parentheses), a key (`('AAMk…')`), any arguments
       * (`({address})`, `(<name>)`), or the names of its arguments (`(startDateTime=…,interval=…)`).
       */
      call: { kind: 'none' } | { kind: 'key'; placeholder: boolean } | { kind: 'any' } | { kind: 'arguments'; names: string[] };
    };

const PLACEHOLDER = /\{[^{}]*\}|<[^<>]*>/g;
const HOLE = '\u0000';

/** Whether `sent` (an example's path) calls the operation `documented` (a line of the HTTP request section) names. */
export function sameOperation(documented: string, sent: string): boolean {
  const expected = segmentsOf(documented, true);
  const actual = segmentsOf(sent, false);
  if (matches(expected, 0, actual, 0)) return true;
  // `/$count` is a segment every collection has: pages document the collection, and count it in an example.
  return isName(actual.at(-1), '$count') && !isName(expected.at(-1), '$count') && matches(expected, 0, actual.slice(0, -1), 0);
}

function segmentsOf(path: string, documented: boolean): Segment[] {
  let text = path.trim().replace(/^~/, '');
  if (!text.startsWith('/')) text = `/${text}`;
  // A drive path (`root:/folder/file.txt:`, `items/{id}:/{name}:`) is one address, however many segments it spans.
  text = text.replace(/:\/[^:]*(?::(?=\/|$)|$)/g, ':\u0001');
  text = text.replace(PLACEHOLDER, HOLE);
  let segments = splitOutside(text.replace(/\/+$/, ''), '/')
    .filter((part) => part !== '')
    .map((part) => segmentOf(part, documented));
  segments = driveItems(segments);
  // `/me` is the signed-in user, `/users/{id | userPrincipalName}`; so is `/education/me` among education users.
  const meAt = isName(segments[0], 'me') ? 0 : isName(segments[0], 'education') && isName(segments[1], 'me') ? 1 : -1;
  if (meAt !== -1)
    segments = [
      ...segments.slice(0, meAt),
      { kind: 'name', name: 'users', call: { kind: 'none' } },
      { kind: 'placeholder' },
      ...segments.slice(meAt + 1),
    ];
  const [first] = segments;
  // A path written from the workbook is the same path under any workbook file.
  if (documented && first?.kind === 'name' && first.name === 'workbook') segments = [{ kind: 'drive-item' }, ...segments];
  return segments;
}

/**
 * Splits at each `separator` outside parentheses and quotes: a path at its slashes
 * (`range(address='Sheet1!A1/B2')` is one segment), an argument list at its commas.
 */
function splitOutside(text: string, separator: '/' | ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const char of text) {
    if (char === "'") quoted = !quoted;
    else if (!quoted && char === '(') depth++;
    else if (!quoted && char === ')') depth = Math.max(0, depth - 1);
    if (char === separator && depth === 0 && !quoted) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function segmentOf(text: string, documented: boolean): Segment {
  const drivePath = text.endsWith(':\u0001');
  const bare = drivePath ? text.slice(0, -2) : text;
  // A placeholder in quotes (`recoveryKeys/'{id}'`) is a placeholder still.
  if (bare === HOLE || bare === `'${HOLE}'`)
    return drivePath ? { kind: 'name', name: `${HOLE}:path`, call: { kind: 'none' } } : { kind: 'placeholder' };
  const call = /^([^()]*)\((.*)\)$/s.exec(bare);
  const name = (call ? (call[1] ?? '') : bare).toLowerCase() + (drivePath ? ':path' : '');
  if (!call) return { kind: 'name', name, call: { kind: 'none' } };
  const inner = (call[2] ?? '').trim();
  const unquoted = inner.replace(/^'(.*)'$/s, '$1');
  if (unquoted === HOLE) return { kind: 'name', name, call: documented ? { kind: 'any' } : { kind: 'key', placeholder: true } };
  if (inner === '') return { kind: 'name', name, call: { kind: 'arguments', names: [] } };
  const names = splitOutside(inner, ',').map((argument) => /^\s*([A-Za-z_$@][\w.$@-]*)\s*=/.exec(argument)?.[1]?.toLowerCase());
  const named = names.filter((argument) => argument !== undefined);
  if (named.length === names.length) return { kind: 'name', name, call: { kind: 'arguments', names: named } };
  return { kind: 'name', name, call: { kind: 'key', placeholder: false } };
}

const isName = (segment: Segment | undefined, ...names: string[]): boolean =>
  segment?.kind === 'name' && segment.call.kind === 'none' && names.includes(segment.name.replace(/:path$/, ''));

/**
 * Every address of a drive item as one segment: its owner (`me`, `users/{id}`, `groups/{id}`,
 * `sites/{id}`, none), its drive (`drive`, `drives/{id}`) and the item (`root`, `items/{id}`, either
 * with a `:/path:`); a drive with no item after it as one drive segment.
 */
function driveItems(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (let at = 0; at < segments.length; at++) {
    const driveAt = isName(segments[at], 'drive') ? at : isName(segments[at], 'drives') ? at : -1;
    if (driveAt === -1) {
      out.push(segments[at] as Segment);
      continue;
    }
    // The owner before it is already in `out`: take it back.
    const previous = out.at(-1);
    if (isName(previous, 'me')) out.pop();
    else if (out.length >= 2 && isName(out.at(-2), 'users', 'groups', 'sites')) out.splice(-2, 2);
    let next = driveAt + (isName(segments[driveAt], 'drives') ? 2 : 1);
    const item = segments[next];
    if (isName(item, 'root')) next += 1;
    else if (isName(item, 'items') && segments[next + 1]) {
      next += 2;
    } else {
      out.push({ kind: 'drive' });
      at = next - 1;
      continue;
    }
    out.push({ kind: 'drive-item' });
    at = next - 1;
  }
  return out;
}

function matches(expected: Segment[], e: number, actual: Segment[], a: number): boolean {
  if (e === expected.length || a === actual.length) return e === expected.length && a === actual.length;
  const want = expected[e] as Segment;
  const got = actual[a] as Segment;
  // `/messages/{id}` is called as `/messages('AAMk…')`.
  if (want.kind === 'name' && want.call.kind === 'none' && got.kind === 'name' && got.call.kind === 'key') {
    const key = expected[e + 1];
    if (key?.kind === 'placeholder' && namesMatch(want.name, got.name) && matches(expected, e + 2, actual, a + 1)) return true;
  }
  // `/names({name})` is called as `/names/Sales`.
  if (want.kind === 'name' && want.call.kind === 'any' && got.kind === 'name' && got.call.kind === 'none' && actual[a + 1]) {
    if (namesMatch(want.name, got.name) && matches(expected, e + 1, actual, a + 2)) return true;
  }
  return segmentMatches(want, got) && matches(expected, e + 1, actual, a + 1);
}

function segmentMatches(want: Segment, got: Segment): boolean {
  if (want.kind === 'placeholder') return got.kind === 'placeholder' || (got.kind === 'name' && got.call.kind === 'none');
  if (want.kind !== 'name' || got.kind !== 'name') return want.kind === got.kind;
  if (!namesMatch(want.name, got.name)) return false;
  const [asked, called] = [want.call, got.call];
  switch (asked.kind) {
    case 'none':
      // A function the section writes bare may be called with its (optional) arguments.
      return called.kind === 'none' || called.kind === 'arguments';
    case 'any':
      return called.kind !== 'none';
    case 'key':
      return called.kind === 'key';
    case 'arguments':
      return called.kind === 'none' || (called.kind === 'arguments' && called.names.every((name) => asked.names.includes(name)));
  }
}

/** Segment names in any case, a placeholder inside the documented one (`roletemplateid=\u0000`) standing for any text. */
function namesMatch(documented: string, sent: string): boolean {
  if (!documented.includes(HOLE)) return documented === sent;
  const pattern = documented
    .split(HOLE)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${pattern}$`, 's').test(sent);
}
