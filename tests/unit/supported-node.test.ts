import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { nodeLines, unsupportedNodeMessage } from '../../harness/config/supported-node.ts';
import { PROJECT_ROOT } from '../support/run-suite.ts';

const PACKAGE = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
};
const ENGINES = '^22.20 || ^24';

for (const [version, supported] of [
  ['20.20.2', false],
  ['22.0.0', false],
  ['22.19.9', false],
  ['22.20.0', true],
  ['22.23.3', true],
  ['23.11.0', false],
  ['24.0.0', true],
  ['24.21.0', true],
  ['25.0.0', false],
  ['24.0.0-rc.1', true],
] as const) {
  test(`Node.js ${version} is ${supported ? 'within' : 'outside'} ${ENGINES}`, () => {
    expect(unsupportedNodeMessage(version, ENGINES) === undefined).toBe(supported);
  });
}

test('the message names the lines engines allows, the Node.js running and the one to install, on one line', () => {
  expect(unsupportedNodeMessage('20.20.2', ENGINES)).toBe(
    'graph-contracts needs Node.js 22 (22.20 or later) or 24; this is Node.js 20.20.2: install Node.js 24 LTS (https://nodejs.org/en/download, or `nvm install 24`).',
  );
  expect(unsupportedNodeMessage('18.0.0', '^20.9.1 || ^22 || ^24')).toContain(
    'needs Node.js 20 (20.9.1 or later), 22 or 24; this is Node.js 18.0.0: install Node.js 24 LTS',
  );
  expect(unsupportedNodeMessage('18.0.0', '^22')).toContain('needs Node.js 22; this is Node.js 18.0.0: install Node.js 22 LTS');
});

test('a range the check cannot read is named, with the form it reads', () => {
  for (const engines of ['>=22', '^22 || >=24', '22.x', '^0.10', ''])
    expect(() => nodeLines(engines), engines).toThrow(
      `package.json "engines"."node" is ${JSON.stringify(engines)}: harness/config/supported-node.ts reads only caret ranges`,
    );
});

test("package.json's engines is a range the check reads, and the Node.js running these tests is within it", () => {
  expect(nodeLines(PACKAGE.engines.node).length).toBeGreaterThan(0);
  expect(unsupportedNodeMessage(process.versions.node, PACKAGE.engines.node)).toBeUndefined();
});

/** npm scripts that run none of the project's code, each with why it needs no check: tsc, ESLint and Prettier run on Node 20 as they do on 22. */
const RUN_NO_PROJECT_CODE: Record<string, string> = {
  typecheck: 'tsc reads the code and runs none of it',
  lint: 'ESLint and Prettier read the code and run none of it',
  format: 'Prettier reads the code and runs none of it',
};

/** The file an npm script starts: the config Playwright loads, or the script tsx runs. */
function entryPointOf(command: string): string | undefined {
  const tsx = /^tsx (\S+\.ts)\b/.exec(command);
  if (tsx) return tsx[1];
  if (/^playwright (test|merge-reports)\b/.test(command)) return /--config (\S+)/.exec(command)?.[1] ?? 'playwright.config.ts';
  return undefined;
}

const ENTRY_POINTS = [
  ...new Set([
    ...Object.entries(PACKAGE.scripts).flatMap(([, command]) => entryPointOf(command) ?? []),
    ...readdirSync(join(PROJECT_ROOT, 'scripts'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => `scripts/${name}`),
    'bench/bench.ts',
    // scripts/report-merge.ts runs Playwright's merge with it.
    'merge.config.ts',
  ]),
].sort();

test('every npm script starts an entry point that the check covers, or runs none of the project code', () => {
  const unknown = Object.entries(PACKAGE.scripts).filter(([name, command]) => !(name in RUN_NO_PROJECT_CODE) && !entryPointOf(command));

  expect(unknown, 'teach entryPointOf the file such a script starts, or list it in RUN_NO_PROJECT_CODE with why').toEqual([]);
  expect(ENTRY_POINTS).toEqual(expect.arrayContaining(['playwright.config.ts', 'tests/playwright.config.ts', 'merge.config.ts']));
});

/** `import '../harness/config/supported-node.ts';`, as written in `entry`. */
function checkImport(entry: string): string {
  const check = relative(dirname(join(PROJECT_ROOT, entry)), join(PROJECT_ROOT, 'harness', 'config', 'supported-node.ts'));
  return `import '${check.startsWith('.') ? check : `./${check}`}';`;
}

for (const entry of ENTRY_POINTS) {
  test(`${entry} imports the Node.js check first, so it runs before anything that would fail on an older Node.js`, () => {
    const source = readFileSync(join(PROJECT_ROOT, entry), 'utf8');
    const wanted = checkImport(entry);

    expect(/^import\b.*$/m.exec(source)?.[0], `make the first import of ${entry}: ${wanted}`).toBe(wanted);
  });
}
