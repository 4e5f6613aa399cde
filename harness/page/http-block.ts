import {
  PageError,
  type Body,
  type ExampleAnnotation,
  type Header,
  type Line,
  type RequestExample,
  type ResponseExample,
} from './page-model.ts';

/** A fenced code block's content and the line of its first content line (the line after the fence). */
export interface CodeBlock {
  value: string;
  firstLine: Line;
}

const REQUEST_LINE = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?$/;
const STATUS_LINE = /^(HTTP\/\d(?:\.\d)?)\s+(\d{3})(?:\s+(.*))?$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/;
const GRAPH_VERSION = /^\/(v1\.0|beta)(?=\/|$)/;
const JSON_ERROR_POSITION = /at position (\d+)/;

export function parseRequestBlock(file: string, block: CodeBlock, annotation: ExampleAnnotation): RequestExample {
  const { first, rest } = splitFirstLine(file, block, 'request');
  const match = REQUEST_LINE.exec(first.text);
  if (!match) {
    throw new PageError(
      file,
      first.line,
      `a request example must start with \`METHOD URL\` (like \`POST https://graph.microsoft.com/v1.0/users\`), found \`${first.text}\``,
    );
  }
  const [, method = '', url = ''] = match;
  const { headers, body } = headersAndBody(rest);
  return { annotation, method, url, ...splitUrl(url), headers, body, line: first.line };
}

export function parseResponseBlock(file: string, block: CodeBlock, annotation: ExampleAnnotation): ResponseExample {
  const { first, rest } = splitFirstLine(file, block, 'response');
  const match = STATUS_LINE.exec(first.text);
  if (!match) {
    throw new PageError(
      file,
      first.line,
      `a response example must start with a status line (like \`HTTP/1.1 201 Created\`), found \`${first.text}\``,
    );
  }
  const [, protocol = '', status = '', reason = ''] = match;
  const { headers, body } = headersAndBody(rest);
  return { annotation, protocol, status: Number(status), reason: reason.trim(), headers, body, line: first.line };
}

/** The version and path of a Graph URL, absolute (`https://graph.microsoft.com/beta/...`) or not (`/me`). */
export function splitUrl(url: string): { version: string | undefined; path: string; query: string } {
  const afterHost = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  const rest = afterHost ? url.slice(afterHost[0].length) : url;
  const queryAt = rest.indexOf('?');
  const fullPath = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rest.slice(queryAt + 1);
  const version = GRAPH_VERSION.exec(fullPath);
  const path = version ? fullPath.slice(version[0].length) : fullPath;
  return { version: version?.[1], path: path === '' ? '/' : path, query };
}

interface NumberedLine {
  text: string;
  line: Line;
}

function splitFirstLine(file: string, block: CodeBlock, kind: string): { first: NumberedLine; rest: NumberedLine[] } {
  const lines = block.value.split('\n').map((text, index) => ({ text: text.trimEnd(), line: block.firstLine + index }));
  const start = lines.findIndex((line) => line.text.trim() !== '');
  const first = lines[start];
  if (!first) throw new PageError(file, block.firstLine - 1, `the ${kind} example's code block is empty`);
  return { first: { ...first, text: first.text.trim() }, rest: lines.slice(start + 1) };
}

/** Headers run to a blank line; a line that is no header (`{`, `[`, text) begins the body even without one. */
function headersAndBody(lines: NumberedLine[]): { headers: Header[]; body: Body } {
  const headers: Header[] = [];
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index];
    if (!line || line.text.trim() === '') break;
    const header = HEADER_LINE.exec(line.text.trim());
    if (!header) break;
    headers.push({ name: header[1] ?? '', value: (header[2] ?? '').trim(), line: line.line });
  }
  const contentType = headers.find((header) => header.name.toLowerCase() === 'content-type')?.value ?? '';
  return { headers, body: parseBody(lines.slice(index), contentType) };
}

function parseBody(lines: NumberedLine[], contentType: string): Body {
  const start = lines.findIndex((line) => line.text.trim() !== '');
  const end = lines.findLastIndex((line) => line.text.trim() !== '');
  const first = lines[start];
  if (!first) return { kind: 'none' };
  const text = lines
    .slice(start, end + 1)
    .map((line) => line.text)
    .join('\n');
  const opening = text.trimStart()[0];
  if (opening !== '{' && opening !== '[' && !/json/i.test(contentType)) return { kind: 'text', text, line: first.line };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown, text, line: first.line };
  } catch (error) {
    const message = (error as Error).message;
    return { kind: 'invalid-json', text, error: message, line: first.line, errorLine: first.line + linesBefore(text, message) };
  }
}

/** How many lines of the body precede the position JSON.parse reports (0 when it reports none). */
function linesBefore(text: string, message: string): number {
  const position = JSON_ERROR_POSITION.exec(message);
  if (!position) return 0;
  return text.slice(0, Number(position[1])).split('\n').length - 1;
}
