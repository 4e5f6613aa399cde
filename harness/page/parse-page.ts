import type { Blockquote, Code, Heading, Nodes, Paragraph, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { commentsIn, type UnreadableComment } from './annotation-comment.ts';
import { documentedStatuses } from './documented-statuses.ts';
import { checkPageBounds } from './page-bounds.ts';
import { parseMarkdown } from './markdown.ts';
import { readFrontMatter } from './front-matter.ts';
import { parseRequestBlock, parseResponseBlock, requestLine, type CodeBlock, type NotAnExample } from './http-block.ts';
import { permissionsIncludeIn, readPermissionsInclude } from './permissions-include.ts';
import {
  PageError,
  type DocPage,
  type DocumentedStatus,
  type Example,
  type ExampleAnnotation,
  type Line,
  type Note,
  type PageWarning,
  type PermissionOrder,
  type PermissionRow,
  type ParseOptions,
  type RequestExample,
  type ResponseExample,
} from './page-model.ts';
import { permissionOrder, permissionRows, tableRows, todoTexts } from './page-tables.ts';
import { requestSectionLines } from './request-section.ts';

const FENCE = /^\s*(?:`{3,}|~{3,})/;
/** The code blocks an example is written in; a block in another language (`json`, `csharp`) is no request or response. */
const EXAMPLE_LANGUAGES = new Set(['', 'http', 'msgraph-interactive', 'https']);

/** What a heading opens, by how it starts: `## HTTP request (to upload a new file)`, `## Prerequisites` (the Intune template's permissions). */
type SectionKey = 'http request' | 'permissions' | 'request headers' | 'request body' | 'response' | 'examples' | 'other';

function sectionKey(text: string): SectionKey {
  const words = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^http requests?\b/.test(words)) return 'http request';
  if (/^(?:permissions?|prerequisites)\b/.test(words)) return 'permissions';
  if (/^request headers?\b/.test(words)) return 'request headers';
  if (/^request body\b/.test(words)) return 'request body';
  if (/^responses?\b/.test(words)) return 'response';
  if (/^examples?\b/.test(words)) return 'examples';
  return 'other';
}

/** A heading that names an example's half: `### Request`, `#### Response`, `### Example request`, `##### Response 2`. */
function examplePart(text: string): 'request' | 'response' | undefined {
  const match = /^(?:(?:example|sample)\s+)?(request|response)(?:\s*\d+)?(?:\s*[:(].*)?$/i.exec(text.trim().replace(/:$/, ''));
  return match?.[1]?.toLowerCase() as 'request' | 'response' | undefined;
}

/**
 * Reads a Graph doc page's markdown into what the page says. It degrades rather than stops: what it
 * cannot read (a comment, a line of the HTTP request section, a code block) is skipped with a
 * warning in `warnings`. A page beyond the bounds of a doc page, or one that documents no HTTP
 * request at all, is a PageError.
 */
export function parsePage(markdown: string, file: string, options: ParseOptions = {}): DocPage {
  // Before remark: a page it would take minutes (or the stack) to read is refused, saying by how much.
  checkPageBounds(markdown, file);
  return new PageReader(markdown, file, options).read();
}

const lineOf = (node: Nodes): Line => node.position?.start.line ?? 1;

class PageReader {
  private readonly page: DocPage;
  /** The level-2 heading the walk is under: what it opens, and its text lower-cased (`request body`) for naming places. */
  private section: { key: SectionKey; text: string } | undefined;
  /** A `### HTTP request` under a section of its own (the OneDrive pages), until a heading as high ends it. */
  private requestSubsection: { depth: number } | undefined;
  /** The example half the last heading named (`### Request`), which an unannotated code block under it is. */
  private part: 'request' | 'response' | undefined;
  /** Examples are grouped by their `Example…` headings: a response pairs only within its group. */
  private group = 0;
  private readonly groupOf = new Map<Example, number>();
  private readonly tablesRead = new Set<string>();
  /** The `###` (or deeper) heading the walk is under within its section: which caller or resource a permissions table is for. */
  private subheading: string | undefined;
  /** Each permissions table read (on the page or from an include), with the subheading it sits under. */
  private readonly permissionTables: { label: string; rows: PermissionRow[]; order: PermissionOrder | undefined }[] = [];
  /** Tables of the permissions section in no layout the parser reads: said when the page then has no permissions at all. */
  private readonly unreadPermissionTables: { line: Line; header: string }[] = [];
  private pending: ExampleAnnotation | undefined;
  /** A request annotated `ignored` (kept out of the SDK snippets, as `$count` and MIME requests are): the request of an annotated response after it. */
  private ignoredRequest: { request: RequestExample; name: string | undefined; group: number } | undefined;
  private pendingUnreadable: UnreadableComment | undefined;
  /** Statuses the prose under a `### Response` heading names: the documented ones when the Response section names none. */
  private readonly exampleResponseStatuses: DocumentedStatus[] = [];
  private inQuote = false;
  private titled = false;

  constructor(
    private readonly markdown: string,
    private readonly file: string,
    private readonly options: ParseOptions,
  ) {
    this.page = {
      file,
      frontMatter: {},
      title: '',
      namespace: undefined,
      httpRequests: [],
      permissions: undefined,
      permissionsInclude: undefined,
      permissionsUnread: undefined,
      permissionsOrder: undefined,
      requestHeaders: [],
      requestBodyProperties: [],
      documentedStatuses: [],
      responseSection: undefined,
      examples: [],
      notes: [],
      todos: [],
      warnings: [],
    };
  }

  read(): DocPage {
    const tree = parseMarkdown(this.markdown);
    for (const node of tree.children) this.visit(node);
    this.expectNoPending();
    if (!this.titled) {
      const first = tree.children.find((node) => node.type !== 'yaml');
      this.warn(first ? lineOf(first) : 1, 'the page has no level-1 heading (`# Its title`): its title is empty');
    }
    if (this.page.documentedStatuses.length === 0) this.page.documentedStatuses.push(...this.exampleResponseStatuses);
    const [unread] = this.unreadPermissionTables;
    if (unread && !this.page.permissions && !this.page.permissionsInclude) {
      this.page.permissionsUnread = `its table at line ${unread.line} ("${unread.header}") is in no layout the parser reads`;
      this.warn(
        unread.line,
        `the permissions table (header "${unread.header}") is in no layout the parser reads: the page's permissions are unknown`,
      );
    }
    if (this.page.httpRequests.length === 0 && !this.page.examples.some((example) => example.request)) {
      throw new PageError(
        this.file,
        undefined,
        'the page documents no HTTP request: no `METHOD /path` line in a code block under a heading that starts "HTTP request" (`## HTTP request`), and no request example',
      );
    }
    return this.page;
  }

  private warn(line: Line, message: string, lostExample?: PageWarning['lostExample']): void {
    this.page.warnings.push(lostExample ? { line, message, lostExample } : { line, message });
  }

  private get sectionKey(): SectionKey | undefined {
    return this.requestSubsection ? 'http request' : this.section?.key;
  }

  private visit(node: Nodes): void {
    switch (node.type) {
      case 'yaml':
        this.frontMatter(node);
        break;
      case 'html':
        this.comments(node.value, lineOf(node));
        break;
      case 'heading':
        this.heading(node);
        break;
      case 'code':
        this.code(node);
        break;
      case 'table':
        this.table(node);
        break;
      case 'paragraph':
        this.paragraph(node);
        break;
      case 'blockquote':
        this.blockquote(node);
        break;
      default:
        if ('children' in node) for (const child of node.children) this.visit(child);
    }
  }

  private frontMatter(node: Extract<Nodes, { type: 'yaml' }>): void {
    try {
      const { frontMatter, todos } = readFrontMatter(this.file, node);
      this.page.frontMatter = frontMatter;
      this.page.todos.push(...todos);
    } catch (error) {
      if (!(error instanceof PageError)) throw error;
      const why = error.message.slice(error.message.indexOf(': ') + 2).replace(/:$/, '');
      this.warn(error.line ?? lineOf(node), `${why}: the front matter is skipped`);
    }
  }

  private comments(html: string, line: Line): void {
    for (const comment of commentsIn(html, line)) {
      this.expectNoPending();
      if ('annotation' in comment) this.pending = comment.annotation;
      else if (comment.unreadable.blockType) this.pendingUnreadable = comment.unreadable;
      else this.warn(comment.unreadable.line, `the comment cannot be read (${comment.unreadable.error}): skipped`);
    }
  }

  private heading(node: Heading): void {
    // Tab headings (`# [HTTP](#tab/http)`) group an example's languages; they open no section.
    const [only] = node.children;
    if (node.children.length === 1 && only?.type === 'link' && only.url.startsWith('#tab/')) return;
    const text = toString(node).trim();
    if (node.depth === 1) {
      if (!this.titled) {
        this.titled = true;
        this.page.title = text;
      }
      return;
    }
    if (this.requestSubsection && node.depth <= this.requestSubsection.depth) this.requestSubsection = undefined;
    if (node.depth === 2) {
      this.section = { key: sectionKey(text), text: text.toLowerCase() };
      this.subheading = undefined;
      if (this.section.key === 'response') this.page.responseSection ??= lineOf(node);
    } else {
      this.subheading = text;
      if (sectionKey(text) === 'http request') this.requestSubsection = { depth: node.depth };
    }
    this.part = node.depth > 2 ? examplePart(text) : undefined;
    if (!this.part && /^examples?\b/i.test(text)) this.group++;
  }

  private code(node: Code): void {
    const annotation = this.pending;
    const unreadable = this.pendingUnreadable;
    this.pending = undefined;
    this.pendingUnreadable = undefined;
    const fenced = FENCE.test(this.markdown.slice(node.position?.start.offset ?? 0, (node.position?.start.offset ?? 0) + 12));
    const block: CodeBlock = { value: node.value, firstLine: lineOf(node) + (fenced ? 1 : 0) };
    const where = lineOf(node);
    if (annotation?.blockType === 'request' || annotation?.blockType === 'response') {
      const read = this.example(annotation.blockType, block, annotation);
      if ('problem' in read) {
        this.warn(
          read.line,
          `the ${annotation.blockType} annotation at line ${annotation.line} is followed by a code block that is no ${annotation.blockType}: ${read.problem}; the example is lost`,
          { part: annotation.blockType, name: annotation.name ?? this.exampleNameFor(annotation.blockType) },
        );
      } else if (this.sectionKey === 'http request' && 'method' in read) {
        this.page.httpRequests.push({
          method: read.method,
          path: read.path,
          query: read.query,
          version: read.version,
          headers: [],
          line: read.line,
        });
      }
      return;
    }
    if (this.sectionKey === 'http request') {
      if (unreadable) this.warn(unreadable.line, `the comment cannot be read (${unreadable.error}): skipped`);
      const { requests, warnings } = requestSectionLines(block);
      this.page.httpRequests.push(...requests);
      this.page.warnings.push(...warnings);
      return;
    }
    // Any other annotation (`ignored`, `permissions`…) says the block is no example, but an ignored request may be a response's.
    if (annotation) {
      if (annotation.blockType === 'ignored' && (this.section?.key === 'examples' || this.part === 'request')) {
        const request = parseRequestBlock(block, undefined);
        this.ignoredRequest = 'problem' in request ? undefined : { request, name: annotation.name, group: this.group };
      }
      return;
    }
    if (unreadable?.blockType) {
      const read = this.example(unreadable.blockType, block, undefined);
      if ('problem' in read) {
        this.warn(
          unreadable.line,
          `the ${unreadable.blockType} annotation cannot be read (${unreadable.error}), and the code block after it is no ${unreadable.blockType} either (${read.problem}): the example is lost`,
          { part: unreadable.blockType, name: unreadable.name ?? this.exampleNameFor(unreadable.blockType) },
        );
      } else {
        this.warn(
          unreadable.line,
          `the ${unreadable.blockType} annotation cannot be read (${unreadable.error}): its example is read without it`,
        );
      }
      return;
    }
    if (!EXAMPLE_LANGUAGES.has((node.lang ?? '').toLowerCase())) return;
    if (this.part) {
      const read = this.example(this.part, block, undefined);
      if ('problem' in read)
        this.warn(
          where,
          `the code block under a ${this.part === 'request' ? 'Request' : 'Response'} heading is no ${this.part}: ${read.problem}; skipped`,
        );
      return;
    }
    // Unannotated and under no Request or Response heading: an example where examples are, when it reads as one.
    if (this.section?.key === 'examples' || this.section?.key === 'response') {
      const first = block.value.trim().split('\n')[0]?.trim() ?? '';
      if (requestLine(first)) this.example('request', block, undefined);
      else if (/^HTTP(?:\/\d(?:\.\d)?)?\s+\d{3}\b/.test(first)) this.example('response', block, undefined);
    }
  }

  /** Reads a code block as an example's half and pairs it; what it is not is returned for the caller's warning. */
  private example(
    kind: 'request' | 'response',
    block: CodeBlock,
    annotation: ExampleAnnotation | undefined,
  ): RequestExample | ResponseExample | NotAnExample {
    if (kind === 'request') {
      const request = parseRequestBlock(block, annotation);
      if (!('problem' in request)) this.addRequest(request);
      return request;
    }
    const response = parseResponseBlock(block, annotation);
    if (!('problem' in response)) this.addResponse(response);
    return response;
  }

  private addRequest(request: RequestExample): void {
    const example: Example = { name: request.annotation?.name, request, response: undefined };
    this.ignoredRequest = undefined;
    this.page.examples.push(example);
    this.groupOf.set(example, this.group);
  }

  /** The closest request before here, in this example, that has no response yet. */
  private openExample(): Example | undefined {
    return this.page.examples.findLast(
      (example) => example.request !== undefined && example.response === undefined && this.groupOf.get(example) === this.group,
    );
  }

  /** The name a lost response is known by: its request's. */
  private exampleNameFor(part: 'request' | 'response'): string | undefined {
    return part === 'response' ? this.openExample()?.name : undefined;
  }

  /** A response answers the closest request before it, in its example, that has no response yet. */
  private addResponse(response: ResponseExample): void {
    const open = this.openExample();
    const ignored = this.ignoredRequest?.group === this.group ? this.ignoredRequest : undefined;
    this.ignoredRequest = undefined;
    if (open) open.response = response;
    else if (ignored) {
      const example: Example = { name: ignored.name ?? response.annotation?.name, request: ignored.request, response };
      this.page.examples.push(example);
      this.groupOf.set(example, this.group);
    } else {
      const example: Example = { name: response.annotation?.name, request: undefined, response };
      this.page.examples.push(example);
      this.groupOf.set(example, this.group);
    }
  }

  /** An example's annotation belongs to the next code block: another annotation or the page's end before it leaves the example without one. */
  private expectNoPending(): void {
    const pending = this.pending;
    if (pending && (pending.blockType === 'request' || pending.blockType === 'response'))
      this.warn(pending.line, `the ${pending.blockType} annotation is followed by no code block: the example is lost`, {
        part: pending.blockType,
        name: pending.name,
      });
    const unreadable = this.pendingUnreadable;
    if (unreadable?.blockType)
      this.warn(
        unreadable.line,
        `the ${unreadable.blockType} annotation cannot be read (${unreadable.error}), and no code block follows it: the example is lost`,
        { part: unreadable.blockType, name: unreadable.name },
      );
    this.pending = undefined;
    this.pendingUnreadable = undefined;
  }

  private table(node: Table): void {
    const where = this.section?.text ?? 'page';
    for (const row of node.children.slice(1)) {
      const key = row.children[0] ? toString(row.children[0]).trim() : '';
      for (const text of row.children.flatMap((cell) => todoTexts(cell)))
        this.page.todos.push({ where: `${where}: ${key}`, text, line: lineOf(row) });
    }
    const section = this.sectionKey;
    if (section === 'permissions') {
      const rows = permissionRows(node);
      // The Intune template's Prerequisites may hold other tables: the permissions tables are those that read as one.
      if (rows) this.addPermissionTable(rows, permissionOrder(node), lineOf(node));
      else if (!this.section?.text.startsWith('prerequisites'))
        this.unreadPermissionTables.push({
          line: lineOf(node),
          header: (node.children[0]?.children ?? []).map((cell) => toString(cell).trim()).join(' | '),
        });
      return;
    }
    if (section === undefined || this.tablesRead.has(`${section}\u0000${where}`)) return;
    this.tablesRead.add(`${section}\u0000${where}`);
    if (section === 'request headers') this.page.requestHeaders = tableRows(node);
    else if (section === 'request body') this.page.requestBodyProperties = tableRows(node);
  }

  private paragraph(node: Paragraph): void {
    const text = toString(node).trim();
    if (this.section === undefined && this.page.namespace === undefined && text.startsWith('Namespace:')) {
      // The line may run on into an include: "Namespace: microsoft.graph\n[!INCLUDE beta-disclaimer]".
      this.page.namespace = /^Namespace:\s*([A-Za-z][\w.]*)/.exec(text)?.[1];
    }
    if (!this.inQuote && /^note\s*:/i.test(text)) this.page.notes.push(noteOf(node, text));
    if (this.sectionKey === 'response') this.page.documentedStatuses.push(...documentedStatuses(node));
    else if (this.part === 'response') this.exampleResponseStatuses.push(...documentedStatuses(node));
    if (this.sectionKey === 'permissions' && !this.page.permissionsInclude) this.permissionsInclude(node);
    for (const todo of todoTexts(node))
      this.page.todos.push({ where: `prose: ${this.section?.text ?? 'introduction'}`, text: todo, line: lineOf(node) });
  }

  /** `[!INCLUDE [permissions-table](../includes/permissions/x.md)]`: the table, from the checkout the page came from when it is at hand. */
  private permissionsInclude(node: Paragraph): void {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const path = permissionsIncludeIn(this.markdown.slice(start, end));
    if (path === undefined) return;
    const read = readPermissionsInclude(path, this.options.readNeighbour);
    this.page.permissionsInclude = { path, line: lineOf(node), unavailable: 'unavailable' in read ? read.unavailable : undefined };
    if ('unavailable' in read) return;
    if (read.rows)
      this.addPermissionTable(
        read.rows.map((row) => ({ ...row, line: lineOf(node) })),
        read.order,
        lineOf(node),
      );
    else this.warn(lineOf(node), `the permissions table in ${path} is in no layout the parser reads: the page's permissions are unknown`);
  }

  /**
   * A page may give a table per caller or resource, each under its own heading (`### Permissions for chat`, v1.0
   * chatmessage-get.md): then each row's resource is the heading it sits under, and which one holds depends on the
   * request, as for a table laid out per resource.
   */
  private addPermissionTable(rows: PermissionRow[], order: PermissionOrder | undefined, line: Line): void {
    this.permissionTables.push({ label: this.subheading ?? `the table at line ${line}`, rows, order });
    const several = this.permissionTables.length > 1;
    this.page.permissions = this.permissionTables.flatMap(({ label, rows: tableRows }) =>
      several
        ? tableRows.map((row) => ({ ...row, resource: row.resource === undefined ? label : `${label}: ${row.resource}` }))
        : tableRows,
    );
    const orders = new Set(this.permissionTables.map((table) => table.order));
    this.page.permissionsOrder = orders.size === 1 ? [...orders][0] : undefined;
  }

  private blockquote(node: Blockquote): void {
    this.page.notes.push(noteOf(node, node.children.map((child) => toString(child).trim()).join('\n')));
    this.inQuote = true;
    for (const child of node.children) this.visit(child);
    this.inQuote = false;
  }
}

function noteOf(node: Paragraph | Blockquote, text: string): Note {
  const links: string[] = [];
  const collect = (child: Nodes): void => {
    if (child.type === 'link') links.push(child.url);
    if ('children' in child) child.children.forEach(collect);
  };
  collect(node);
  const knownIssue = /known issue/i.test(text) || links.some((url) => url.includes('known-issues'));
  return { text, links, knownIssue, line: lineOf(node) };
}
