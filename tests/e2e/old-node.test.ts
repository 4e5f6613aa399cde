import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unsupportedNodeMessage } from '../../harness/config/supported-node.ts';
import { isolatedEnvironment } from '../support/child-environment.ts';
import { PROJECT_ROOT, scratchDirectory, TSX } from '../support/run-suite.ts';

/** Every command of the project on a Node.js older than package.json's engines (the machine's own Node 20, where there is one). */

const PLAYWRIGHT_CLI = join(PROJECT_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const ENGINES = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;

/** Each executable of that name on PATH (and where distributions put Node.js), once, as `which -a` lists them. */
function onPath(name: string): string[] {
  const directories = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/bin', '/usr/bin'].filter((entry) => entry !== '');
  const found = directories.map((entry) => join(entry, name)).filter((path) => existsSync(path));
  return [...new Set(found.map((path) => realpathSync(path)))];
}

/** The first Node.js on this machine that engines turns away, with its version. */
function olderNode(): { node: string; version: string } | undefined {
  for (const node of onPath('node')) {
    const version = execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    if (unsupportedNodeMessage(version, ENGINES) !== undefined) return { node, version };
  }
  return undefined;
}

const OLDER = olderNode();
/** npm's own CLI, as `npm` on PATH names it, where that is the script any Node.js runs (npm-cli.js), not a wrapper. */
const NPM_CLI = onPath('npm').find((path) => path.endsWith('.js'));

test.skip(!OLDER, `no Node.js older than "engines" (${ENGINES}) on PATH or in /usr/bin, /usr/local/bin: nothing to run the commands on`);

/** A command run on the older Node.js, in `cwd`, with the older Node.js first on PATH (as `nvm use 20` leaves it). */
function onOlderNode(args: string[], cwd: string = PROJECT_ROOT): Promise<{ code: number | null; output: string }> {
  const older = OLDER?.node ?? 'node';
  const output = scratchDirectory('run');
  const child = spawn(older, args, {
    cwd,
    env: {
      ...isolatedEnvironment(),
      PATH: `${dirname(older)}${delimiter}${process.env.PATH ?? ''}`,
      FORCE_COLOR: '0',
      GRAPH_ENV_FILE: '/dev/null',
      // Were the check missing, whatever the command writes goes here, not into the project.
      PLAYWRIGHT_HTML_OUTPUT_DIR: join(output, 'html'),
      PLAYWRIGHT_JUNIT_OUTPUT_FILE: join(output, 'junit.xml'),
      GRAPH_MATRIX_DIR: join(output, 'matrix'),
      // npm's cache and logs under the test's folder; nothing asked of a registry.
      npm_config_cache: join(output, 'npm-cache'),
      npm_config_offline: 'true',
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_update_notifier: 'false',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
    },
  });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      resolve({ code, output: text });
    }),
  );
}

const expected = () => `${unsupportedNodeMessage(OLDER?.version ?? '', ENGINES) ?? ''}\n`;

test('the message names the Node.js lines engines allows, the Node.js running, and what to install', () => {
  expect(expected()).toBe(
    `graph-contracts needs Node.js 22 (22.20 or later) or 24; this is Node.js ${OLDER?.version ?? ''}: install Node.js 24 LTS (https://nodejs.org/en/download, or \`nvm install 24\`).\n`,
  );
});

for (const [command, args] of [
  ['npx playwright test (npm run contract)', [PLAYWRIGHT_CLI, 'test', '--list', '--workers=1']],
  ['npm test', [PLAYWRIGHT_CLI, 'test', '--config', 'tests/playwright.config.ts', '--list', '--workers=1']],
  ['npm run docs:lint', [TSX, 'scripts/docs-lint.ts']],
  ['npm run sweep', [TSX, 'scripts/sweep.ts', '--dry-run']],
] as const) {
  test(`${command} stops at once with the one line, exit status 2`, async () => {
    const run = await onOlderNode([...args]);

    expect(run.output).toBe(expected());
    expect(run.code).toBe(2);
  });
}

test('npm run report:merge stops with the one line, before it looks for blobs', async () => {
  const run = await onOlderNode([PLAYWRIGHT_CLI, 'merge-reports', '--config', 'merge.config.ts', scratchDirectory('no-blobs')]);

  expect(run.output).toBe(expected());
  expect(run.code).toBe(2);
});

test('npm run contract, through npm itself: npm names the script, then the one line, exit status 2', async () => {
  test.skip(!NPM_CLI, 'no npm on PATH');

  const run = await onOlderNode([NPM_CLI ?? '', 'run', 'contract', '--', '--list', '--workers=1']);

  expect(run.output).toBe(`\n> graph-contracts@0.1.0 contract\n> playwright test --list --workers=1\n\n${expected()}`);
  expect(run.code).toBe(2);
});

test("npm ci stops before it installs anything: engine-strict makes npm refuse the project's engines", async () => {
  test.skip(!NPM_CLI, 'no npm on PATH');
  const checkout = scratchDirectory('checkout');
  for (const file of ['package.json', 'package-lock.json', '.npmrc']) copyFileSync(join(PROJECT_ROOT, file), join(checkout, file));

  const run = await onOlderNode([NPM_CLI ?? '', 'ci'], checkout);

  expect(run.code).toBe(1);
  // npm's own words, the fewest it prints for this: which package, what it requires, what it found.
  expect(run.output).toContain('npm error notsup Not compatible with your version of node/npm: graph-contracts@0.1.0');
  expect(run.output).toContain(`npm error notsup Required: {"node":"${ENGINES}"}`);
  expect(run.output).toContain(`npm error notsup Actual:   {"node":"v${OLDER?.version ?? ''}"`);
  expect(run.output).not.toMatch(/^\s+at /m);
  expect(readdirSync(checkout).sort()).toEqual(['.npmrc', 'package-lock.json', 'package.json']);
});
