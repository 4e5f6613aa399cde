/**
 * The path a spec sends for an operation whose path has placeholders (`/users/{id | userPrincipalName}`,
 * `/applications(appId='{appId}')`, `range(address='{address}')`): never a literal `{id}`. Each
 * placeholder is a value the spec asks for by a label (`uniqueId('user')`): in replay the value the
 * page record declares (`values.user`), which is the page's example's when the example has one
 * (`/users/87d349ed-…`), else a clear placeholder value (`example-user`); against the service, a fresh
 * one, unless the test creates the resource first (companion.ts).
 */
export interface PathPlaceholder {
  /** As the HTTP request section writes it: `{id | userPrincipalName}`. */
  written: string;
  /** What `uniqueId` asks for and the record's `values` keep it under: `user`. */
  label: string;
  /** The spec's variable: `userId`. */
  variable: string;
  value: string;
  /** The example's own value, or a placeholder value because the example writes the placeholder too. */
  from: 'example' | 'placeholder';
}

export type PathPart = { text: string } | { placeholder: number };

export interface RequestPath {
  /** The path (and query) the spec sends, as text and placeholders: `/users/`, {0}. */
  parts: PathPart[];
  placeholders: PathPlaceholder[];
  /** The path and query with every value in place: what the fixture's request is. */
  sent: string;
}

const PLACEHOLDER = /\{[^{}/]*\}|<[^<>/]*>/g;
/** Variables a spec already has. */
const TAKEN = new Set(['graph', 'body', 'response', 'created', 'uniqueId', 'uniqueSecret', 'cleanup', 'expect', 'test', 'docPage']);

/**
 * The placeholders of `template` (a line of the HTTP request section), with the values the example's
 * path gives them, and the example's path written with them. A path the template does not align with
 * (`/me/…` for `/users/{id}/…`, a path Graph reads alike but writes otherwise) is sent as the example
 * writes it, with a placeholder value for any `{…}` the example itself holds.
 */
export function requestPath(template: string, examplePath: string, query: string): RequestPath {
  const written = [...template.matchAll(PLACEHOLDER)];
  const aligned = written.length > 0 ? align(template, examplePath) : undefined;
  if (aligned) {
    const labels = new Set<string>();
    const placeholders = written.map((match, index) => {
      const value = aligned[index] ?? '';
      return describe(match[0], template.slice(0, match.index), isPlaceholder(value) ? undefined : value, labels);
    });
    return withQuery(partsOf(examplePath, aligned, placeholders), placeholders, query);
  }
  // The example's own placeholders, each a value of its own.
  const own = [...examplePath.matchAll(PLACEHOLDER)];
  const labels = new Set<string>();
  const placeholders = own.map((match) => describe(match[0], examplePath.slice(0, match.index), undefined, labels));
  const parts: PathPart[] = [];
  let at = 0;
  own.forEach((match, index) => {
    parts.push({ text: examplePath.slice(at, match.index) }, { placeholder: index });
    at = match.index + match[0].length;
  });
  parts.push({ text: examplePath.slice(at) });
  return withQuery(parts, placeholders, query);
}

function withQuery(parts: PathPart[], placeholders: PathPlaceholder[], query: string): RequestPath {
  const all = query ? [...parts, { text: `?${query}` }] : parts;
  const merged = all
    .reduce<PathPart[]>((out, part) => {
      const last = out.at(-1);
      if ('text' in part && last && 'text' in last) out[out.length - 1] = { text: last.text + part.text };
      else out.push(part);
      return out;
    }, [])
    .filter((part) => !('text' in part) || part.text !== '');
  return {
    parts: merged,
    placeholders,
    sent: merged.map((part) => ('text' in part ? part.text : (placeholders[part.placeholder]?.value ?? ''))).join(''),
  };
}

/**
 * The example's text at each placeholder of the template, or undefined when they do not align. A key
 * in parentheses stands for a key segment (`/messages('AAMk…')` for `/messages/{id}`).
 */
function align(template: string, example: string): string[] | undefined {
  const direct = matchTemplate(template, example);
  if (direct) return direct;
  const keysAsSegments = example.replace(/\/([A-Za-z_][\w.]*)\('([^']*)'\)/g, '/$1/$2');
  return keysAsSegments === example ? undefined : matchTemplate(template, keysAsSegments);
}

function matchTemplate(template: string, example: string): string[] | undefined {
  const pieces = withArgumentsAsAny(template).split(PLACEHOLDER);
  const pattern = pieces
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll(ANY_ARGUMENT, "(?:'[^']*'|[^,)'/]*)"))
    .join("([^/']+?)");
  const match = new RegExp(`^${pattern}/?$`, 'i').exec(example);
  return match ? match.slice(1) : undefined;
}

/** Stands for a function argument's value the section writes as a word, not a placeholder. */
const ANY_ARGUMENT = '\u0000';

/**
 * A function's arguments the section writes as words (`reminderView(startDateTime=startDateTime-value,…)`,
 * as user-reminderview.md does) match any value the example gives (`startDateTime='2017-06-05T10:00:00'`):
 * they are the example's to choose, and sent as it writes them. A `{placeholder}` argument stays a value.
 */
function withArgumentsAsAny(template: string): string {
  return template.replace(/\(([^()]*=[^()]*)\)/g, (_, list: string) => {
    const args = list.split(',').map((argument) => {
      const at = argument.indexOf('=');
      const value = argument.slice(at + 1).trim();
      return at === -1 || PLACEHOLDER_ONLY.test(value.replace(/^'(.*)'$/, '$1')) ? argument : `${argument.slice(0, at + 1)}${ANY_ARGUMENT}`;
    });
    return `(${args.join(',')})`;
  });
}

const PLACEHOLDER_ONLY = /^(?:\{[^{}/]*\}|<[^<>/]*>)$/;

/** The example's path as text and placeholders: each value found where the template put it, left to right. */
function partsOf(example: string, values: string[], placeholders: PathPlaceholder[]): PathPart[] {
  const parts: PathPart[] = [];
  let at = 0;
  values.forEach((value, index) => {
    const found = findValue(example, value, at);
    if (found === -1) return;
    parts.push({ text: example.slice(at, found) }, { placeholder: index });
    at = found + value.length;
  });
  parts.push({ text: example.slice(at) });
  // A value the example does not hold (the template's placeholder is the example's too) is put where the example has it.
  return parts.map((part) =>
    'text' in part ? { text: part.text.replace(PLACEHOLDER, (text) => placeholderFor(text, placeholders)) } : part,
  );
}

function placeholderFor(text: string, placeholders: PathPlaceholder[]): string {
  return placeholders.find((placeholder) => placeholder.written === text)?.value ?? text;
}

/** Where `value` is in `path` from `from` on, as a whole segment or argument (bounded by `/`, `(`, `'`, `=`, `,` or an end). */
function findValue(path: string, value: string, from: number): number {
  for (let at = path.indexOf(value, from); at !== -1; at = path.indexOf(value, at + 1)) {
    const before = path[at - 1] ?? '/';
    const after = path[at + value.length] ?? '/';
    if (/[/('=,]/.test(before) && /[/)',?]/.test(after)) return at;
  }
  return -1;
}

function isPlaceholder(value: string): boolean {
  return new RegExp(`^(?:${PLACEHOLDER.source})$`).test(value);
}

/** A placeholder's label and variable, unique within the path; its value, or a placeholder value when there is none. */
function describe(written: string, before: string, value: string | undefined, labels: Set<string>): PathPlaceholder {
  const name = (written.slice(1, -1).split('|')[0] ?? '').trim();
  const idLike = /^(?:id|key)$/i.test(name) || /[a-z](?:Id|[-_]id)$/.test(name) || /^id$/i.test(name);
  const stem = /^(?:id|key|name)$/i.test(name)
    ? (before.replace(/\/$/, '').split('/').pop() ?? '').replace(/\(.*$/, '')
    : name.replace(/(?:Id|[-_]id|[-_]value|Value)$/, '');
  let label = singular(kebab(stem || 'value'));
  if (label === '') label = 'value';
  for (let n = 2; labels.has(label); n += 1) label = `${label.replace(/-\d+$/, '')}-${n}`;
  labels.add(label);
  let variable = camel(label) + (idLike ? 'Id' : '');
  if (!/^[A-Za-z_$][\w$]*$/.test(variable) || TAKEN.has(variable)) variable = `${camel(label)}Value`;
  return { written, label, variable, value: value ?? `example-${label}`, from: value === undefined ? 'placeholder' : 'example' };
}

/** `connections` → `connection`, `policies` → `policy`, `addresses` → `address`. */
export function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

function kebab(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

function camel(label: string): string {
  return label.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
