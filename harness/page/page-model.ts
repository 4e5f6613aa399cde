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
  /** The first level-1 heading; '' when the page has none (a warning says so). */
  title: string;
  /** "Namespace: microsoft.graph" under the title, when the page says it. */
  namespace: string | undefined;
  /**
   * The HTTP request section's code block(s): the operation's method and path, as documented. Every
   * section whose heading starts "HTTP request" counts (`## HTTP request (to upload a new file)`, a
   * `### HTTP request` under a section of its own).
   */
  httpRequests: HttpRequestLine[];
  /**
   * The permissions table (on the page, under Permissions or Prerequisites, or in the file its
   * `[!INCLUDE [permissions-table](…)]` names), one row per permission type, or per resource and type
   * when the table lays it out per resource or the page gives a table per caller (each row's resource is
   * then its table's heading); undefined when there is none, its layout is neither (`permissionsUnread`
   * says so), or its include is not at hand (then `permissionsInclude` says why).
   */
  permissions: PermissionRow[] | undefined;
  /** The include the permissions table comes from, when the page writes it as one; undefined for a table on the page. */
  permissionsInclude: PermissionsInclude | undefined;
  /** Why the permissions the page documents could not be read (a table in no layout the parser reads); undefined otherwise. */
  permissionsUnread: string | undefined;
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
  /** The line of the page's `## Response` heading, where its statuses should be named; undefined when it has none. */
  responseSection: Line | undefined;
  /**
   * Request and response examples, in page order: annotated ones, and unannotated code blocks under
   * a `### Request` or `### Response` heading. A response pairs with the closest request before it,
   * in the same example (an `Example…` heading starts one), that has none yet.
   */
  examples: Example[];
  /** Notes and known issues: blockquotes and paragraphs that start with "Note:". */
  notes: Note[];
  /** Every TODO placeholder the page holds (front matter, tables, prose), in page order. */
  todos: Todo[];
  /**
   * What the parser skipped and why, in page order: a comment it cannot read, a line of the HTTP
   * request section that is no request, a code block under a Request heading that is no request.
   * The page is read without them; `lostExample` marks the ones the page's meaning depends on (an
   * annotated request or response whose example could not be read).
   */
  warnings: PageWarning[];
}

export interface PageWarning {
  line: Line;
  message: string;
  /** A request or response the page annotates is lost, its comment or its code block unreadable: which one, and its name when the comment gives it. */
  lostExample?: { part: 'request' | 'response'; name: string | undefined };
}

export interface HttpRequestLine {
  method: string;
  /**
   * The path as written, without a host and version (`https://graph.microsoft.com/beta`) or a query:
   * `/external/connections`, `/applications/{applicationsId}/connectorGroup/members/$ref`,
   * `/users/{id | userPrincipalName}`; `policies/x` and `~/x` as written.
   */
  path: string;
  /** The query as written, without `?` (`$filter=startswith(displayName, 'a')`), or ''. */
  query: string;
  /** The Graph version the line names (`GET https://graph.microsoft.com/beta/...`), when it names one. */
  version: string | undefined;
  /** Header lines written after it (`Workbook-Session-Id: {session-id}`). */
  headers: Header[];
  line: Line;
}

/** `[!INCLUDE [permissions-table](../includes/permissions/x.md)]`: where the permissions table is, and whether it was read. */
export interface PermissionsInclude {
  /** As the page writes it, relative to the page's file. */
  path: string;
  line: Line;
  /** Why the table is not at hand (the page was read alone, the file is not beside it); undefined when it was read. */
  unavailable: string | undefined;
}

/** What `parsePage` may use beyond the page's text. */
export interface ParseOptions {
  /**
   * Reads a file the page names by a path relative to its own file (a permissions include), from
   * the docs checkout the page came from; undefined when the file is not there. Without it the page
   * is read alone, and an included table is not at hand.
   */
  readNeighbour?: (relativePath: string) => string | undefined;
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
  /** The comment before its code block; undefined for an example found by its `### Request` heading (the Intune template). */
  annotation: ExampleAnnotation | undefined;
  method: string;
  /** As written: `https://graph.microsoft.com/beta/external/connections`. */
  url: string;
  /** The URL's Graph version (`v1.0`, `beta`), when it has one. */
  version: string | undefined;
  /**
   * The request goes to a URL the service handed out, not to Graph: its annotation says `"opaqueUrl": true`
   * (an upload session's URL, a `@microsoft.graph.downloadUrl`), or its URL's host is no Graph host.
   */
  opaqueUrl: boolean;
  /** The URL's path after the version, without the query: `/external/connections`. */
  path: string;
  /** The query string without `?`, or ''. */
  query: string;
  headers: Header[];
  body: Body;
  line: Line;
}

export interface ResponseExample {
  /** The comment before its code block; undefined for an example found by its `### Response` heading. */
  annotation: ExampleAnnotation | undefined;
  /** `HTTP/1.1`, or `HTTP` for a status line written `HTTP 201 Created`. */
  protocol: string;
  status: number;
  /** The status line's reason phrase: `Created`. */
  reason: string;
  headers: Header[];
  body: Body;
  line: Line;
}

export interface Example {
  /** The request annotation's name (the response's when there is no request), which is how a page's example is referred to. */
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

/**
 * A page that cannot be read as a doc page (it documents no HTTP request at all, or it is beyond
 * the bounds of a doc page): one message naming the file and the line.
 */
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
