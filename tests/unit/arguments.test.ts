import { createRequire } from 'node:module';
import { expect, test } from '@playwright/test';
import { firstFilter, parseTestArguments, splitArguments, TEST_OPTIONS } from '../../harness/config/arguments.ts';

const argv = (line: string) => ['/usr/bin/node', '/repo/node_modules/@playwright/test/cli.js', ...line.split(' ').filter(Boolean)];
const filterOf = (line: string) => firstFilter(splitArguments(argv(line)).playwright);

test("splitArguments: Playwright's options before --, the project's after it", () => {
  expect(splitArguments(argv('test -j 2 -- --forbid-orphans'))).toEqual({ playwright: argv('test -j 2'), ours: ['--forbid-orphans'] });
  expect(splitArguments(argv('test'))).toEqual({ playwright: argv('test'), ours: [] });
});

test("the options list is the one Playwright's `test` command declares, flags and values alike", () => {
  // Playwright's CLI program is an internal (exported as playwright/lib/program); this test is what notices when it changes.
  const { program } = createRequire(import.meta.url)('playwright/lib/program') as {
    program: { commands: { name(): string; options: { flags: string }[] }[] };
  };
  const declared = program.commands.find((command) => command.name() === 'test')?.options.map((option) => option.flags) ?? [];
  expect(declared.length).toBeGreaterThan(30);
  expect([...TEST_OPTIONS.filters, ...TEST_OPTIONS.others].sort()).toEqual([...declared].sort());
});

test('parseTestArguments reads values as Playwright does: attached, required, optional, several', () => {
  const parsed = parseTestArguments(
    argv('test -j4 -xg503 --reporter=line --update-snapshots -G 201 --project a b --shuffle specs/a.spec.ts'),
  );
  expect(parsed?.options.map(({ name, value }) => [name, value])).toEqual([
    ['-j', '4'],
    ['-x', undefined],
    ['-g', '503'],
    ['--reporter', 'line'],
    // An optional value is never an option: -G is -G.
    ['--update-snapshots', undefined],
    ['-G', '201'],
    ['--project', 'a b'],
    ['--shuffle', 'specs/a.spec.ts'],
  ]);
  expect(parseTestArguments(argv('test --debug specs/a.spec.ts'))?.options[0]?.value).toBe('specs/a.spec.ts');
  expect(parseTestArguments(argv('merge-reports ./blobs'))).toBeUndefined();
});

test('firstFilter: options that do not choose tests leave the run complete, in any spelling', () => {
  for (const line of [
    'test',
    'test --list --forbid-only',
    'test --repeat-each=2',
    'test --repeat-each 2 -j 4',
    'test -j4',
    'test -j50%',
    'test --workers=1 --reporter=line',
    'test -c playwright.config.ts --output /tmp/x',
    'test --retries 0 -x',
    'test --shuffle',
    'test -u',
    'test --update-snapshots --list',
    'test --debug',
    'test -- --grep 503',
  ]) {
    expect(filterOf(line), line).toBeUndefined();
  }
});

test('firstFilter: names the filter, in any spelling, or the option it does not know', () => {
  const cases: Record<string, string> = {
    'test -g 503': '-g 503',
    'test -g503': '-g 503',
    'test --grep=503': '--grep 503',
    'test -G 503': '-G 503',
    'test -xG503': '-G 503',
    'test --grep-invert 503': '--grep-invert 503',
    'test specs/create-connection.spec.ts': 'specs/create-connection.spec.ts',
    'test specs/a.spec.ts:12': 'specs/a.spec.ts:12',
    'test --shard=1/2': '--shard 1/2',
    'test --shard 1/2': '--shard 1/2',
    'test --project smoke': '--project smoke',
    'test --last-failed': '--last-failed',
    'test --update-snapshots -G503': '-G 503',
    'test -u --last-failed': '--last-failed',
    'test --only-changed': '--only-changed',
    'test --only-changed main': '--only-changed main',
    'test --test-list list.txt': '--test-list list.txt',
    'test --test-list-invert list.txt': '--test-list-invert list.txt',
    'test --some-future-option': '--some-future-option',
  };
  for (const [line, filter] of Object.entries(cases)) expect(filterOf(line), line).toBe(filter);
  // Not `playwright test` at all: nothing to hold the fixtures to.
  expect(firstFilter(argv('merge-reports'))).toBe('a command other than `playwright test`');
});
