import type { Body, ExampleAnnotation, Header, Line, RequestExample, ResponseExample } from './page-model.ts';

/** A fenced code block's content and the line of its first content line (the line after the fence). */
export interface CodeBlock {
  value: string;
  firstLine: Line;
}

/** A code block that is not the example it was taken for, and why: the parser skips it with a warning. */
export interface NotAnExample {
  problem: string;
  line: Line;
}

/** The methods Graph's pages document; a line that starts with another word is no request. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/**
 * `METHOD URL [HTTP/1.1]`. The URL runs to the line's end: published pages leave spaces unencoded in
 * a query (`$filter=startswith(displayName, 'a')`), a function's arguments or a placeholder
 * (`{id | userPrincipalName}`), and some write no space after the method (`DELETE/identity/...`).
 */
const REQUEST_LINE = new RegExp(`^(${HTTP_METHODS.join('|')})(?:\\s+|(?=/))(\\S.*?)(?:\\s+HTTP/\\d(?:\\.\\d)?)?$`);
/** What a URL starts with: a path, a `~/` path, an absolute URL, a placeholder host or a bare first segment (`policies/x`). */
const URL_START = /^(?:~?\/|[a-z][a-z0-9+.-]*:\/\/|\{|[A-Za-z_$][\w.$-]*(?:[/(?]|$))/i;
/** `HTTP/1.1 201 Created`, and `HTTP 201 Created` as some pages write it. */
const STATUS_LINE = /^(HTTP(?:\/\d(?:\.\d)?)?)\s+(\d{3})(?:\s+(.*))?$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/;
const GRAPH_VERSION = /^\/(v1\.0|beta)(?=\/|$)/i;
const JSON_ERROR_POSITION = /at position (\d+)/;
/** Hosts that serve Graph (global and national clouds); a request to any other goes to a URL the service handed out. */
const GRAPH_HOSTS =
  /^(?:graph\.microsoft\.com|canary\.graph\.microsoft\.com|graph\.microsoft\.us|dod-graph\.microsoft\.us|microsoftgraph\.chinacloudapi\.cn|graph\.microsoft\.de)$/i;

/** A line as a message quotes it: whole up to 80 characters, then cut with an ellipsis. */
export function shorten(text: string, length = 80): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** A request line: its method and URL as written; undefined for a line that is no request. */
export function requestLine(text: string): { method: string; url: string } | undefined {
  const match = REQUEST_LINE.exec(text.trim());
  const [, method = '', url = ''] = match ?? [];
  return match && URL_START.test(url) ? { method, url: url.trim() } : undefined;
}

export function parseRequestBlock(block: CodeBlock, annotation: ExampleAnnotation | undefined): RequestExample | NotAnExample {
  const split = splitFirstLine(block, 'request');
  if ('problem' in split) return split;
  const { first, rest } = split;
  const request = requestLine(first.text);
  if (!request)
    return {
      line: first.line,
      problem: `its first line is no request (\`METHOD URL\`, like \`POST https://graph.microsoft.com/v1.0/users\`): \`${shorten(first.text)}\``,
    };
  const { method, url } = request;
  const { headers, body } = headersAndBody(rest);
  const parts = splitUrl(url);
  const opaqueUrl = annotation?.raw['opaqueUrl'] === true || (parts.host !== undefined && !GRAPH_HOSTS.test(parts.host));
  return {
    annotation,
    method,
    url,
    version: parts.version,
    path: parts.path,
    query: parts.query,
    opaqueUrl,
    headers,
    body,
    line: first.line,
  };
}

export function parseResponseBlock(block: CodeBlock, annotation: ExampleAnnotation | undefined): ResponseExample | NotAnExample {
  const split = splitFirstLine(block, 'response');
  if ('problem' in split) return split;
  const { first, rest } = split;
  const match = STATUS_LINE.exec(first.text);
  if (!match)
    return { line: first.line, problem: `its first line is no status line (like \`HTTP/1.1 201 Created\`): \`${shorten(first.text)}\`` };
  const [, protocol = '', status = '', reason = ''] = match;
  const { headers, body } = headersAndBody(rest);
  return { annotation, protocol, status: Number(status), reason: reason.trim(), headers, body, line: first.line };
}

/**
 * The host, version, path and query of a Graph URL, absolute (`https://graph.microsoft.com/beta/...`)
 * or not (`/me`, `policies/x`, `~/x`, kept as written). The query is what follows the first `?`.
 */
export function splitUrl(url: string): { host: string | undefined; version: string | undefined; path: string; query: string } {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url);
  const rest = origin ? url.slice(origin[0].length) : url;
  const queryAt = rest.indexOf('?');
  const fullPath = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rest.slice(queryAt + 1);
  const version = GRAPH_VERSION.exec(fullPath);
  const path = version ? fullPath.slice(version[0].length) : fullPath;
  return { host: origin?.[1], version: version?.[1]?.toLowerCase(), path: path === '' ? '/' : path, query };
}

interface NumberedLine {
  text: string;
  line: Line;
}

function splitFirstLine(block: CodeBlock, kind: string): { first: NumberedLine; rest: NumberedLine[] } | NotAnExample {
  const lines = block.value.split('\n').map((text, index) => ({ text: text.trimEnd(), line: block.firstLine + index }));
  const start = lines.findIndex((line) => line.text.trim() !== '');
  const first = lines[start];
  if (!first) return { line: block.firstLine - 1, problem: `the ${kind} example's code block is empty` };
  return { first: { ...first, text: first.text.trim() }, rest: lines.slice(start + 1) };
}

/**
 * Headers run to a blank line; a line that is no header (`{`, `[`, text) begins the body even without
 * one. Blank lines between the first line and the headers are skipped (the Intune template writes
 * one), unless what follows them is no header: then it is the body.
 */
function headersAndBody(lines: NumberedLine[]): { headers: Header[]; body: Body } {
  const headers: Header[] = [];
  let index = lines.findIndex((line) => line.text.trim() !== '');
  if (index === -1) return { headers, body: { kind: 'none' } };
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
