import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8'));
const { allowScripts = {} } = read('package.json') as { allowScripts?: Record<string, unknown> };
const { packages } = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };

/** Every package of the lockfile with an install script, by name (the last `node_modules/` of its path), whatever platform installs it. */
const withInstallScripts = Object.entries(packages)
  .filter(([path, entry]) => path !== '' && entry.hasInstallScript === true)
  .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));

test("every dependency with an install script is decided in package.json's allowScripts, so npm ci ends without an advisory", () => {
  const undecided = withInstallScripts.filter((name) => typeof allowScripts[name] !== 'boolean');

  expect(
    undecided,
    'npm 12 runs no undecided install script: read each one, then `npm install-scripts deny <name>` (or approve it) and say why in the commit',
  ).toEqual([]);
});

test('allowScripts lists only packages that have an install script, and lets none run: the project needs none of them', () => {
  const stale = Object.keys(allowScripts).filter((name) => !withInstallScripts.includes(name));
  const allowed = Object.entries(allowScripts).filter(([, value]) => value !== false);

  expect(stale, 'no package of the lockfile has an install script under these names: `npm install-scripts prune`').toEqual([]);
  // esbuild's postinstall only checks (and links) the binary that its platform package already installed; tsx works without it.
  expect(allowed, 'an approved install script is a decision: say in the commit why the project needs it, and change this test').toEqual([]);
  expect(withInstallScripts.length).toBeGreaterThan(0);
});
