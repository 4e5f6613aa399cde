import { expect, test } from '@playwright/test';
import { JsonTextError, parseJsonText, syntaxErrorOffset } from '../../harness/shared/json-text.ts';

function failure(text: string): JsonTextError {
  try {
    parseJsonText(text);
  } catch (error) {
    if (error instanceof JsonTextError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(text)} parsed`);
}

test('a JSON text parses as JSON.parse reads it', () => {
  expect(parseJsonText('{ "a": [1, "two", null, true, { "b": -1.5e3 }] }')).toEqual({ a: [1, 'two', null, true, { b: -1500 }] });
});

test('a truncated file is placed where it ends', () => {
  const text = '{\n  "divergences": [\n    { "id": "gone-path",\n      "pageSays": "the page';
  expect(failure(text)).toMatchObject({ line: 4, column: 28, message: 'not JSON at line 4, column 28 (Unterminated string in JSON)' });
  expect(failure('[\n  1,\n').message).toBe('not JSON at line 3, column 1 (the text ends before the JSON does)');
  expect(failure('{\n  "a": 1,\n').message).toBe('not JSON at line 3, column 1 (Expected double-quoted property name in JSON)');
});

test("an unexpected token, which V8's message does not place, is placed all the same", () => {
  const long = `{\n${'  "a": 1,\n'.repeat(40)}  "b": }\n}`;
  expect(failure(long)).toMatchObject({ line: 42, column: 8, reason: "Unexpected token '}'" });
  expect(failure('{"a": tru}')).toMatchObject({ line: 1, column: 7 });
});

test('each kind of mistake is placed at its first character', () => {
  const cases: [string, number][] = [
    ['{"a": 1,}', 8],
    ['[1, 2,]', 6],
    ['{"a" 1}', 5],
    ['{"a": 01}', 7],
    ['{"a": "tab\tin a string"}', 10],
    ['{"a": "\\x"}', 7],
    ['{"a": 1} x', 9],
    ['{"a": [1 2]}', 9],
    ['  }', 2],
  ];
  for (const [text, offset] of cases) expect(syntaxErrorOffset(text), text).toBe(offset);
});

test('an empty file says so; nesting deeper than the stack is placed, not a RangeError', () => {
  expect(failure('  \n').message).toBe('empty, not JSON');
  expect(syntaxErrorOffset(`${'['.repeat(200_000)}x`)).toBe(200_000);
});
