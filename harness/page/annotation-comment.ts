import JSON5 from 'json5';
import type { ExampleAnnotation, Line } from './page-model.ts';

const COMMENT = /<!--([\s\S]*?)-->/g;
/** The blockType a comment names, read from its text when the comment as a whole cannot be read. */
const EXAMPLE_BLOCK_TYPE = /["']?blockType["']?\s*:\s*["'](request|response)["']/;
const NAME = /["']?name["']?\s*:\s*["']([^"'\n]*)["']/;

/** One comment of an HTML node that opens with `{`: a code-block annotation, or a comment that cannot be read. */
export type CommentRead = { annotation: ExampleAnnotation } | { unreadable: UnreadableComment };

export interface UnreadableComment {
  line: Line;
  /** Why the parser gave up, with the line inside the comment: `invalid character '}' at 4:1`. */
  error: string;
  /** The example block type its text names (`"blockType": "request"`), when it names one: then an example depends on it. */
  blockType: 'request' | 'response' | undefined;
  /** The name its text gives (`"name": "get_user"`), when it gives one. */
  name: string | undefined;
}

/**
 * The code-block annotations in one HTML node's value, in order (`<!-- { "blockType": ... } -->`). A comment
 * that does not open with `{` (`<!-- uuid: ... -->`, `<!-- markdownlint-disable ... -->`) or holds no
 * blockType (the page annotation) is not one. Published pages write these comments by hand, so they
 * are read as JSON5 (trailing commas, unquoted keys, single quotes), and a string may run across
 * lines as the page annotation's `suppressions` do; one that still cannot be read is returned as such.
 */
export function commentsIn(html: string, line: Line): CommentRead[] {
  const read: CommentRead[] = [];
  for (const comment of html.matchAll(COMMENT)) {
    const content = (comment[1] ?? '').trim();
    if (!content.startsWith('{')) continue;
    const commentLine = line + html.slice(0, comment.index).split('\n').length - 1;
    let raw: unknown;
    try {
      raw = JSON5.parse(escapeLineBreaksInStrings(content));
    } catch (error) {
      const blockType = EXAMPLE_BLOCK_TYPE.exec(content)?.[1] as UnreadableComment['blockType'];
      read.push({ unreadable: { line: commentLine, error: json5Error(error as Error), blockType, name: NAME.exec(content)?.[1] } });
      continue;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('blockType' in raw)) continue;
    const annotation = fromJson(raw, commentLine);
    read.push(
      annotation
        ? { annotation }
        : {
            unreadable: {
              line: commentLine,
              error: `its "blockType" is ${JSON.stringify(raw.blockType)}, not a string`,
              blockType: undefined,
              name: undefined,
            },
          },
    );
  }
  return read;
}

/**
 * The comment with each line break inside a string written as `\n`: JSON5 takes a string across lines
 * only with a backslash before the break, and the pages' comments break strings without one.
 */
function escapeLineBreaksInStrings(text: string): string {
  let out = '';
  let quote: string | undefined;
  for (let at = 0; at < text.length; at++) {
    const char = text.charAt(at);
    if (quote === undefined) {
      if (char === '"' || char === "'") quote = char;
      out += char;
    } else if (char === '\\') {
      out += char + text.charAt(at + 1);
      at++;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text.charAt(at + 1) === '\n') at++;
      out += '\\n';
    } else {
      if (char === quote) quote = undefined;
      out += char;
    }
  }
  return out;
}

/** JSON5's message, as a reader wants it: `invalid character '\"' at 3:3` → `unexpected " at line 3 of the comment, column 3`. */
function json5Error(error: Error): string {
  const message = error.message.replace(/^JSON5: /, '');
  const invalid = /^invalid (?:character|end of input)(?: '(.*)')? at (\d+):(\d+)$/.exec(message);
  if (!invalid) return message;
  const [, character, line = '', column = ''] = invalid;
  const what = character === undefined ? 'the comment ends early' : `unexpected ${character.replace(/\\(.)/g, '$1')}`;
  return `${what} at line ${line} of the comment, column ${column}`;
}

function fromJson(raw: Record<string, unknown>, line: Line): ExampleAnnotation | undefined {
  const { blockType, name, truncated, isEmpty, expectError } = raw;
  const odataType = raw['@odata.type'];
  if (typeof blockType !== 'string') return undefined;
  return {
    blockType,
    name: typeof name === 'string' ? name : undefined,
    truncated: truncated === true,
    odataType: typeof odataType === 'string' ? odataType : undefined,
    isEmpty: isEmpty === true,
    expectError: expectError === true,
    raw,
    line,
  };
}
