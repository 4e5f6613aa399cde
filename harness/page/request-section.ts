import { requestLine, shorten, splitUrl, type CodeBlock } from './http-block.ts';
import type { HttpRequestLine, PageWarning } from './page-model.ts';

const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.+)$/;
/** A line that only joins alternatives: `or`, `OR`, `-or-`. */
const ALTERNATIVE = /^[-*_\s]*or[-*_\s]*$/i;

/**
 * The requests of a code block in the HTTP request section: one `METHOD /path` a line, as published
 * pages write them, with what they write around them. An `or` between two lines joins alternatives;
 * a header line after a request belongs to it (`Workbook-Session-Id: {session-id}`); any other line
 * (a line of code, a sentence) is skipped with a warning naming it.
 */
export function requestSectionLines(block: CodeBlock): { requests: HttpRequestLine[]; warnings: PageWarning[] } {
  const requests: HttpRequestLine[] = [];
  const warnings: PageWarning[] = [];
  block.value.split('\n').forEach((raw, index) => {
    const text = raw.trim();
    const line = block.firstLine + index;
    if (text === '' || ALTERNATIVE.test(text)) return;
    const request = requestLine(text);
    if (request) {
      const { version, path, query } = splitUrl(request.url);
      requests.push({ method: request.method, path, query, version, headers: [], line });
      return;
    }
    const header = HEADER_LINE.exec(text);
    const last = requests.at(-1);
    if (header && last) {
      last.headers.push({ name: header[1] ?? '', value: (header[2] ?? '').trim(), line });
      return;
    }
    warnings.push({
      line,
      message: `the HTTP request section's line \`${shorten(text)}\` is no request (\`METHOD /path\`): skipped`,
    });
  });
  return { requests, warnings };
}
