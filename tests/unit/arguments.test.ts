import { expect, test } from '@playwright/test';
import { runsEveryTest, splitArguments } from '../../harness/config/arguments.ts';

const argv = (line: string) => ['/usr/bin/node', '/repo/node_modules/@playwright/test/cli.js', ...line.split(' ').filter(Boolean)];
const everyTest = (line: string) => runsEveryTest(splitArguments(argv(line)).playwright);

test('splitArguments: Playwright\'s options before --, the project\'s after it', () => {
  expect(splitArguments(argv('test -j 2 -- --forbid-orphans'))).toEqual({ playwright: argv('test -j 2'), ours: ['--forbid-orphans'] });
  expect(splitArguments(argv('test'))).toEqual({ playwright: argv('test'), ours: [] });
});

test('runsEveryTest: options that do not choose tests leave the run complete', () => {
  for (const line of ['test', 'test --list --forbid-only', 'test --repeat-each=2', 'test --repeat-each 2 -j 4', 'test --workers=1 --reporter=line', 'test -c playwright.config.ts --output /tmp/x', 'test --retries 0 -x', 'test -- --grep 503']) {
    expect(everyTest(line), line).toBe(true);
  }
});

test('runsEveryTest: any filter, in any spelling, and any option it does not know make the run partial', () => {
  for (const line of ['test -g 503', 'test -g503', 'test --grep=503', 'test -G 503', 'test --grep-invert 503', 'test specs/create-connection.spec.ts', 'test specs/a.spec.ts:12', 'test --shard=1/2', 'test --shard 1/2', 'test --last-failed', 'test --only-changed', 'test --test-list list.txt', 'test --some-future-option']) {
    expect(everyTest(line), line).toBe(false);
  }
  // Not `playwright test` at all (merge-reports, show-report): nothing to hold the fixtures to.
  expect(runsEveryTest(argv('merge-reports'))).toBe(false);
});
