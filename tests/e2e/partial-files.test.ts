import { execFileSync } from 'node:child_process';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { projectCopy } from '../support/project-copy.ts';
import { runProject, runSuite, TSX } from '../support/run-suite.ts';

const PARTIAL = join('fixtures', 'create-connection', '201-creates-the-connection-in-draft-state.json.4242.partial');

test('a partial file a killed recording left is never a fixture: fixtures:changed removes it and reports no change', async () => {
  const root = projectCopy();
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: root,
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'the project as committed');
  writeFileSync(join(root, PARTIAL), '{ "test": "half a fixt');
  const output = join(root, 'github-output');

  const run = await runProject(() => [TSX, 'scripts/fixtures-changed.ts'], { GITHUB_OUTPUT: output }, root);

  expect(run.code, run.output).toBe(0);
  expect(run.output).toContain(`fixtures: removed ${PARTIAL}: a partial file a killed recording left, never a fixture`);
  expect(run.output).toContain('fixtures: 0 fixture(s) changed in substance');
  expect(existsSync(join(root, PARTIAL))).toBe(false);
});

test("the fixture check removes a stale partial file before any test, and leaves a recent one (another run's write in flight)", async () => {
  const root = projectCopy();
  const stale = join(root, PARTIAL);
  const recent = join(root, 'fixtures', 'create-connection', '409-for-a-second-create-with-the-same-id.json.4343.partial');
  writeFileSync(stale, '{ "test": "half');
  writeFileSync(recent, '{ "test": "half');
  const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
  utimesSync(stale, hourAgo, hourAgo);

  const run = await runSuite({}, ['--list'], root);

  expect(run.code, run.output).toBe(0);
  expect(run.output).toContain(`fixtures: removed ${PARTIAL}: a partial file a killed recording left, never a fixture`);
  expect(existsSync(stale)).toBe(false);
  expect(existsSync(recent)).toBe(true);
});
