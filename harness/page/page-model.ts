/**
 * What a Graph doc page says, as `parse-page.ts` reads it from the page's markdown. Every part
 * keeps the line it came from, so a finding or a generated fixture can point at the page.
 */

/** A 1-based line in the page's file. */
export type Line = number;

export interface DocPage {
  /** The page's file, as given to the parser (a path relative to the checkout for pages/). */
  file: string;
  /** The YAML front matter, as parsed; `{}` when there is none. */
  frontMatter: Record<string, unknown>;
  /** The first level-1 heading. */
  title: string;
  /** "Namespace: microsoft.graph" under the title, when the page says it. */
  namespace: string | undefined;
  /** The HTTP request section's code block(s): the operation's method and path, as documented. */
  httpRequests: HttpRequestLine[];
  /**
   * The permissions table, one row per permission type, or per resource and type when the page lays
   * it out per resource; undefined when the page has none or its layout is neither.
   */
  permissions: PermissionRow[] | undefined;
  /** The order its header says the permissions are listed in; undefined when it has no table or its header does not say. */
  permissionsOrder: PermissionOrder | undefined;
  /** The request headers table. */
  requestHeaders: TableRow[];
  /** The table of properties in the request body section, when there is one. */
  requestBodyProperties: TableRow[];
  /**
   * Every status the response section's prose names ("returns a `201 Created` response code", "or
   * `204 No Content` if…"), in page order: an upsert documents two, most pages one.
   */
  documentedStatuses: DocumentedStatus[];
  /** Request and response examples, in page order; a response pairs with the request before it. */
  examples: Example[];
  /** Notes and known issues: blockquotes and paragraphs that start with "Note:". */
  notes: Note[];
  /** Every TODO placeholder the page holds (front matter, tables, prose), in page order. */
  todos: Todo[];
}

export interface HttpRequestLine {
  method: string;
  /** As written: `/external/connections`, `/applications/{applicationsId}/connectorGroup/members/$ref`. */
  path: string;
  line: Line;
}

export type PermissionType = 'delegated-work-or-school' | 'delegated-personal' | 'application';

/** "Permissions (from least to most privileged)" or "(from most to least privileged)": where the least privileged one is. */
export type PermissionOrder = 'least-to-most' | 'most-to-least';

export interface PermissionRow {
  type: PermissionType;
  /**
   * The resource the row is for, when the table has a row per resource (`| Supported resource | Delegated (work or school account) | … |`):
   * the first cell's text, markup removed (`group`). Undefined in the usual layout, whose rows hold for every resource.
   */
  resource?: string;
  /** The cell's text, markup removed: `TODO: Provide applicable permissions.`, `Not supported.`, `Not applicable`. */
  text: string;
  /** Permission names listed, in the table's order; empty for "Not supported." or a TODO. */
  permissions: string[];
  /** The cell says "Not supported", "Not applicable" or "Not available" (a trailing period or not, any case). */
  notSupported: boolean;
  /** The cell is a TODO placeholder, so the page does not say. */
  todo: boolean;
  line: Line;
}

/** A table row, keyed by the table's header cells; header and cells are their text, markup removed, trimmed. */
export interface TableRow {
  cells: Record<string, string>;
  line: Line;
}

export interface DocumentedStatus {
  code: number;
  /** The reason phrase as the prose writes it: `Created`, `No Content`. */
  reason: string;
  line: Line;
}

/** The JSON comment before an example's code block: `<!-- { "blockType": "request", ... } -->`. */
export interface ExampleAnnotation {
  blockType: string;
  name: string | undefined;
  truncated: boolean;
  odataType: string | undefined;
  isEmpty: boolean;
  expectError: boolean;
  /** Everything the comment holds, as parsed. */
  raw: Record<string, unknown>;
  line: Line;
}

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; text: string; line: Line }
  /** `errorLine` is the line JSON.parse's error points at, or the body's first line when it names no position. */
  | { kind: 'invalid-json'; text: string; error: string; line: Line; errorLine: Line }
  | { kind: 'text'; text: string; line: Line };

export interface Header {
  name: string;
  value: string;
  line: Line;
}

export interface RequestExample {
  annotation: ExampleAnnotation;
  method: string;
  /** As written: `https://graph.microsoft.com/beta/external/connections`. */
  url: string;
  /** The URL's Graph version (`v1.0`, `beta`), when it has one. */
  version: string | undefined;
  /** The URL's path after the version, without the query: `/external/connections`. */
  path: string;
  /** The query string without `?`, or ''. */
  query: string;
  headers: Header[];
  body: Body;
  line: Line;
}

export interface ResponseExample {
  annotation: ExampleAnnotation;
  /** `HTTP/1.1`. */
  protocol: string;
  status: number;
  /** The status line's reason phrase: `Created`. */
  reason: string;
  headers: Header[];
  body: Body;
  line: Line;
}

export interface Example {
  /** The request annotation's name, which is how a page's example is referred to. */
  name: string | undefined;
  request: RequestExample | undefined;
  response: ResponseExample | undefined;
}

export interface Note {
  text: string;
  /** Links the note holds (a known issue links the known-issues list). */
  links: string[];
  knownIssue: boolean;
  line: Line;
}

export interface Todo {
  /** Where the placeholder is: `front matter: author`, `permissions: Application`, `request body: id`… */
  where: string;
  text: string;
  line: Line;
}

/** A page that cannot be read as a doc page: one message naming the file and the line. */
export class PageError extends Error {
  constructor(
    readonly file: string,
    readonly line: Line | undefined,
    message: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${message}`);
    this.name = 'PageError';
  }
}
