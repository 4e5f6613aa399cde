/**
 * A JSON text that does not parse, placed: `not JSON at line 5, column 35 (Unterminated string in JSON)`.
 * The place is found here, not read from V8's message, which omits it for an unexpected token and
 * differs between Node versions.
 */
export class JsonTextError extends Error {
  override name = 'JsonTextError';
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(line === 0 ? reason : `not JSON at line ${line}, column ${column} (${reason})`);
  }
}

/** JSON.parse, with a syntax error turned into a JsonTextError that says where. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    if (text.trim() === '') throw new JsonTextError(0, 0, 'empty, not JSON');
    const { line, column } = placeOf(text, syntaxErrorOffset(text));
    throw new JsonTextError(line, column, reasonOf(error.message));
  }
}

/** V8's reason without its position or its quote of the text. */
function reasonOf(message: string): string {
  if (message.startsWith('Unexpected end of JSON input')) return 'the text ends before the JSON does';
  return message
    .replace(/ in JSON at position \d+.*$/s, ' in JSON')
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
    .trim();
}

function placeOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** Where the first syntax error of a text that JSON.parse refused is: its offset, or the text's length when it ends too soon. */
export function syntaxErrorOffset(text: string): number {
  let index = 0;
  // What closes each open object or array, innermost last; iterative, so a deeply nested text cannot overflow the stack.
  const open: ('}' | ']')[] = [];
  const skipSpace = () => {
    while (index < text.length && ' \t\n\r'.includes(text.charAt(index))) index++;
  };
  const sticky = (pattern: RegExp): boolean => {
    pattern.lastIndex = index;
    if (!pattern.test(text)) return false;
    index = pattern.lastIndex;
    return true;
  };
  const string = (): boolean => {
    index++;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === 0x22) {
        index++;
        return true;
      }
      if (code < 0x20) return false;
      if (code === 0x5c) {
        if (!sticky(ESCAPE)) return false;
      } else index++;
    }
    return false;
  };
  /** A value, or the opening of an object or array (then pushed on `open`). */
  const value = (): boolean => {
    const char = text.charAt(index);
    if (char === '{' || char === '[') {
      open.push(char === '{' ? '}' : ']');
      index++;
      return true;
    }
    if (char === '"') return string();
    return sticky(NUMBER) || sticky(LITERAL);
  };
  /** After `{` or `,` in an object: a member's name and colon. */
  const member = (): boolean => {
    skipSpace();
    if (text.charAt(index) !== '"' || !string()) return false;
    skipSpace();
    if (text.charAt(index) !== ':') return false;
    index++;
    return true;
  };

  skipSpace();
  if (!value()) return index;
  let justOpened = open.length > 0;
  while (open.length > 0) {
    skipSpace();
    const close = open.at(-1);
    if (justOpened && text.charAt(index) === close) {
      open.pop();
      index++;
      justOpened = false;
      continue;
    }
    if (!justOpened) {
      if (text.charAt(index) === close) {
        open.pop();
        index++;
        continue;
      }
      if (text.charAt(index) !== ',') return index;
      index++;
    }
    if (close === '}' && !member()) return index;
    skipSpace();
    const depth = open.length;
    if (!value()) return index;
    justOpened = open.length > depth;
  }
  skipSpace();
  return index;
}
