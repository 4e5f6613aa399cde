import type { Blockquote, Code, Heading, Nodes, Paragraph, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { annotationsIn } from './annotation-comment.ts';
import { checkPageBounds } from './page-bounds.ts';
import { readFrontMatter } from './front-matter.ts';
import { parseRequestBlock, parseResponseBlock, type CodeBlock } from './http-block.ts';
import {
  PageError,
  type DocPage,
  type DocumentedStatus,
  type Example,
  type ExampleAnnotation,
  type HttpRequestLine,
  type Line,
  type Note,
  type RequestExample,
  type ResponseExample,
} from './page-model.ts';
import { permissionOrder, permissionRows, tableRows, todoTexts } from './page-tables.ts';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

const SYNTAX_LINE = /^([A-Z]+)\s+(\S.*)$/;
const STATUS_CODE = /^(\d{3})\s+(\S.*)$/;
/** A reason phrase as HTTP writes them: capitalised words (`No Content`, `Multi-Status`). */
const REASON = /^[A-Z][A-Za-z-]*(?: [A-Z][A-Za-z-]*)*$/;
const STATUS_IN_TEXT = /\b([1-5]\d\d) ([A-Z][A-Za-z-]*(?: [A-Z][A-Za-z-]*)*)/g;
const FENCE = /^\s*(?:`{3,}|~{3,})/;

/** Reads a Graph doc page's markdown into what the page says; a page that cannot be read throws PageError. */
export function parsePage(markdown: string, file: string): DocPage {
  // Before remark: a page it would take minutes (or the stack) to read is refused, saying by how much.
  checkPageBounds(markdown, file);
  return new PageReader(markdown, file).read();
}

const lineOf = (node: Nodes): Line => node.position?.start.line ?? 1;

class PageReader {
  private readonly page: DocPage;
  /** The level-2 heading the walk is under, lower-cased: `permissions`, `http request`, `response`… */
  private section: string | undefined;
  private readonly tablesRead = new Set<string>();
  private pending: ExampleAnnotation | undefined;
  private inQuote = false;
  private titled = false;

  constructor(
    private readonly markdown: string,
    private readonly file: string,
  ) {
    this.page = {
      file,
      frontMatter: {},
      title: '',
      namespace: undefined,
      httpRequests: [],
      permissions: undefined,
      permissionsOrder: undefined,
      requestHeaders: [],
      requestBodyProperties: [],
      documentedStatuses: [],
      examples: [],
      notes: [],
      todos: [],
    };
  }

  read(): DocPage {
    const tree = processor.parse(this.markdown);
    for (const node of tree.children) this.visit(node);
    this.expectNoPending();
    if (!this.titled) {
      const first = tree.children.find((node) => node.type !== 'yaml');
      throw new PageError(this.file, first ? lineOf(first) : 1, 'the page has no level-1 heading; a doc page starts with `# Its title`');
    }
    return this.page;
  }

  private visit(node: Nodes): void {
    switch (node.type) {
      case 'yaml': {
        const { frontMatter, todos } = readFrontMatter(this.file, node);
        this.page.frontMatter = frontMatter;
        this.page.todos.push(...todos);
        break;
      }
      case 'html':
        for (const annotation of annotationsIn(this.file, node.value, lineOf(node))) {
          this.expectNoPending();
          this.pending = annotation;
        }
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

  private heading(node: Heading): void {
    // Tab headings (`# [HTTP](#tab/http)`) group an example's languages; they open no section.
    const [only] = node.children;
    if (node.children.length === 1 && only?.type === 'link' && only.url.startsWith('#tab/')) return;
    const text = toString(node).trim();
    if (node.depth === 1 && !this.titled) {
      this.titled = true;
      this.page.title = text;
    } else if (node.depth === 2) this.section = text.toLowerCase();
  }

  private code(node: Code): void {
    const annotation = this.pending;
    this.pending = undefined;
    const fenced = FENCE.test(this.markdown.slice(node.position?.start.offset ?? 0, (node.position?.start.offset ?? 0) + 12));
    const block: CodeBlock = { value: node.value, firstLine: lineOf(node) + (fenced ? 1 : 0) };
    if (annotation?.blockType === 'request') this.addRequest(parseRequestBlock(this.file, block, annotation));
    else if (annotation?.blockType === 'response') this.addResponse(parseResponseBlock(this.file, block, annotation));
    else if (this.section === 'http request' && (!annotation || annotation.blockType === 'ignored')) {
      this.page.httpRequests.push(...this.syntaxLines(block));
    }
  }

  /** The HTTP request section's block: one `METHOD /path` a line, the operation as documented. */
  private syntaxLines(block: CodeBlock): HttpRequestLine[] {
    return block.value.split('\n').flatMap((text, index) => {
      const line = block.firstLine + index;
      if (text.trim() === '') return [];
      const match = SYNTAX_LINE.exec(text.trim());
      if (!match)
        throw new PageError(this.file, line, `the HTTP request section's lines must read \`METHOD /path\`, found \`${text.trim()}\``);
      return [{ method: match[1] ?? '', path: (match[2] ?? '').trim(), line }];
    });
  }

  private addRequest(request: RequestExample): void {
    this.page.examples.push({ name: request.annotation.name, request, response: undefined });
  }

  /** A response answers the closest request before it that has no response yet. */
  private addResponse(response: ResponseExample): void {
    const open = this.page.examples.findLast((example: Example) => example.request !== undefined && example.response === undefined);
    if (open) open.response = response;
    else this.page.examples.push({ name: response.annotation.name, request: undefined, response });
  }

  /** An example's annotation belongs to the next code block: another annotation or the page's end before it leaves the example without one. */
  private expectNoPending(): void {
    const pending = this.pending;
    if (pending && (pending.blockType === 'request' || pending.blockType === 'response')) {
      throw new PageError(
        this.file,
        pending.line,
        `the "${pending.blockType}" annotation is not followed by its code block; put the example's \`\`\`http block after it`,
      );
    }
    this.pending = undefined;
  }

  private table(node: Table): void {
    const where = this.section ?? 'page';
    for (const row of node.children.slice(1)) {
      const key = row.children[0] ? toString(row.children[0]).trim() : '';
      for (const text of row.children.flatMap((cell) => todoTexts(cell)))
        this.page.todos.push({ where: `${where}: ${key}`, text, line: lineOf(row) });
    }
    if (this.section === undefined || this.tablesRead.has(this.section)) return;
    this.tablesRead.add(this.section);
    if (this.section === 'permissions') {
      this.page.permissions = permissionRows(node);
      this.page.permissionsOrder = permissionOrder(node);
    } else if (this.section === 'request headers') this.page.requestHeaders = tableRows(node);
    else if (this.section === 'request body') this.page.requestBodyProperties = tableRows(node);
  }

  private paragraph(node: Paragraph): void {
    const text = toString(node).trim();
    if (this.section === undefined && this.page.namespace === undefined && text.startsWith('Namespace:')) {
      this.page.namespace = text.slice('Namespace:'.length).trim();
    }
    if (!this.inQuote && /^note\s*:/i.test(text)) this.page.notes.push(noteOf(node, text));
    if (this.section === 'response') this.page.documentedStatuses.push(...documentedStatuses(node));
    for (const todo of todoTexts(node))
      this.page.todos.push({ where: `prose: ${this.section ?? 'introduction'}`, text: todo, line: lineOf(node) });
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

/**
 * The statuses a paragraph names: as inline code (`201 Created`), in bold, or in plain text
 * (201 Created), a code followed by its capitalised reason phrase.
 */
function documentedStatuses(node: Paragraph): DocumentedStatus[] {
  const found: DocumentedStatus[] = [];
  const visit = (child: Nodes): void => {
    if (child.type === 'inlineCode' || child.type === 'strong') {
      const match = STATUS_CODE.exec(toString(child).trim());
      if (match && REASON.test(match[2] ?? ''))
        found.push({ code: Number(match[1]), reason: (match[2] ?? '').trim(), line: lineOf(child) });
      return;
    }
    if (child.type === 'text') {
      for (const match of child.value.matchAll(STATUS_IN_TEXT))
        found.push({ code: Number(match[1]), reason: match[2] ?? '', line: lineOf(child) });
      return;
    }
    if ('children' in child) child.children.forEach(visit);
  };
  node.children.forEach(visit);
  return found;
}
