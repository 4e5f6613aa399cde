import { createHash } from 'node:crypto';

/**
 * What a test does, as its spec's source declares it: the code of the function of the `test(…)`
 * call at a location, without the title and details before it. A renamed title leaves it unchanged;
 * so does a re-wrap (whitespace, comments, and the trailing commas a formatter adds or drops).
 */
export function testFunctionSource(source: string, location: { line: number; column: number }): string | undefined {
  const start = offsetOf(source, location);
  if (start === undefined) return undefined;
  // From `test`, `test.fail`…, to the call's opening parenthesis.
  const open = /^[\w$.]*\s*\(/.exec(source.slice(start));
  if (!open) return undefined;
  const args = callArguments(source, start + open[0].length);
  const last = args?.at(-1);
  return last === undefined ? undefined : normalized(last);
}

/** Eight hex digits of the normalized function source: short in a file, and a collision within one operation is not a worry. */
export function fingerprint(code: string): string {
  return createHash('sha256').update(code).digest('hex').slice(0, 8);
}

/** The `graphVersion` the last `test.use({ graphVersion })` before a location sets, as a spec writes it. */
export function graphVersionBefore(source: string, location: { line: number; column: number }): string | undefined {
  const end = offsetOf(source, location) ?? source.length;
  const found = [...source.slice(0, end).matchAll(/graphVersion\s*:\s*['"]([^'"]+)['"]/g)];
  return found.at(-1)?.[1];
}

function offsetOf(source: string, { line, column }: { line: number; column: number }): number | undefined {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return undefined;
    offset = next + 1;
  }
  const at = offset + column - 1;
  return at < source.length ? at : undefined;
}

const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
/** After one of these a `/` starts a regular expression, not a division. */
const BEFORE_REGEX = /[(,=:[!&|?{};+\-*%<>~^]$|(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|new|delete|void|throw|await|yield)$/;

/** The top-level arguments of a call whose `(` is just before `from`, each as its source text; undefined if the call never closes. */
function callArguments(source: string, from: number): string[] | undefined {
  const args: string[] = [];
  const stack: string[] = [')'];
  let argumentStart = from;
  let i = from;
  while (i < source.length) {
    const char = source[i] ?? '';
    const skipped = skipLiteral(source, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (char in CLOSING) stack.push(CLOSING[char] ?? '');
    else if (char === ')' || char === ']' || char === '}') {
      if (stack.pop() !== char) return undefined;
      if (stack.length === 0) {
        args.push(source.slice(argumentStart, i));
        return args.filter((arg) => arg.trim() !== '');
      }
    } else if (char === ',' && stack.length === 1) {
      args.push(source.slice(argumentStart, i));
      argumentStart = i + 1;
    }
    i++;
  }
  return undefined;
}

/** Past the comment, string, template or regular expression starting at `i`; `i` itself when none starts there. */
function skipLiteral(source: string, i: number): number {
  const char = source[i];
  const next = source[i + 1];
  if (char === '/' && next === '/') {
    const end = source.indexOf('\n', i);
    return end < 0 ? source.length : end;
  }
  if (char === '/' && next === '*') {
    const end = source.indexOf('*/', i + 2);
    return end < 0 ? source.length : end + 2;
  }
  if (char === "'" || char === '"') return skipQuoted(source, i, char);
  if (char === '`') return skipTemplate(source, i);
  if (char === '/' && BEFORE_REGEX.test(source.slice(Math.max(0, i - 12), i).trimEnd())) return skipRegex(source, i);
  return i;
}

function skipQuoted(source: string, i: number, quote: string): number {
  for (let j = i + 1; j < source.length; j++) {
    if (source[j] === '\\') j++;
    else if (source[j] === quote || source[j] === '\n') return j + 1;
  }
  return source.length;
}

function skipTemplate(source: string, i: number): number {
  for (let j = i + 1; j < source.length; j++) {
    const char = source[j];
    if (char === '\\') j++;
    else if (char === '`') return j + 1;
    else if (char === '$' && source[j + 1] === '{') {
      // A placeholder holds code, braces and all, up to its own closing brace.
      let depth = 1;
      j += 2;
      while (j < source.length && depth > 0) {
        const skipped = skipLiteral(source, j);
        if (skipped !== j) {
          j = skipped;
          continue;
        }
        if (source[j] === '{') depth++;
        else if (source[j] === '}') depth--;
        j++;
      }
      j--;
    }
  }
  return source.length;
}

function skipRegex(source: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < source.length; j++) {
    const char = source[j];
    if (char === '\\') j++;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) return j + 1;
    else if (char === '\n') return j;
  }
  return source.length;
}

/** The code without comments, whitespace outside literals, or a comma before a closing bracket. */
function normalized(code: string): string {
  let out = '';
  let i = 0;
  while (i < code.length) {
    const char = code[i] ?? '';
    const skipped = skipLiteral(code, i);
    if (skipped !== i) {
      const literal = code.slice(i, skipped);
      if (!literal.startsWith('//') && !literal.startsWith('/*')) out += literal;
      i = skipped;
      continue;
    }
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if ((char === ')' || char === ']' || char === '}') && out.endsWith(',')) out = out.slice(0, -1);
    out += char;
    i++;
  }
  return out.replace(/,$/, '');
}
