import { parseArgs } from 'node:util';
import { expect, test } from '@playwright/test';
import { parseCommandLine, parseProblem, usageMessage } from '../../authoring/command-line.ts';

const OPTIONS = { options: { update: { type: 'boolean' }, pages: { type: 'string', short: 'p' } } } as const;

/** What parseArgs throws for these arguments, in a command's words. */
function problemOf(args: string[], allowPositionals = false): string | undefined {
  try {
    parseArgs({ ...OPTIONS, allowPositionals, args });
  } catch (error) {
    return parseProblem(error);
  }
  return 'parsed';
}

test("each of parseArgs' refusals becomes one line naming the argument", () => {
  expect(problemOf(['--bogus'])).toBe('unknown option --bogus.');
  expect(problemOf(['--bogus'], true)).toBe('unknown option --bogus.');
  expect(problemOf(['-x'])).toBe('unknown option -x.');
  expect(problemOf(['--pages'])).toBe('option --pages needs a value.');
  expect(problemOf(['-p'])).toBe('option --pages needs a value.');
  expect(problemOf(['--update=yes'])).toBe('option --update takes no value.');
  expect(problemOf(['--pages', '--update'])).toBe(
    'option --pages needs a value; an option follows it instead (write --pages=<value> for a value that starts with -).',
  );
  expect(problemOf(['create-connection'])).toBe('unexpected argument "create-connection": it takes none.');
});

test('an error that is not about the arguments is not turned into a usage', () => {
  expect(parseProblem(new Error('disk full'))).toBeUndefined();
  expect(parseProblem(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBeUndefined();
});

test('the message names the command, then its usage', () => {
  expect(usageMessage({ name: 'docs:lint', usage: 'npm run docs:lint [-- --update]' }, 'unknown option --bogus.')).toBe(
    'docs:lint: unknown option --bogus.\nUsage: npm run docs:lint [-- --update]',
  );
});

test('arguments it takes are parsed as parseArgs parses them', () => {
  expect(parseCommandLine({ name: 'x', usage: 'x' }, { ...OPTIONS, allowPositionals: true }, ['-p', 'pages', 'one', '--update'])).toEqual({
    values: { pages: 'pages', update: true },
    positionals: ['one'],
  });
});
