/**
 * npm run fixtures:changed — after `GRAPH_MODE=record`, tells whether any fixture changed in
 * substance. Fixtures that changed only in noise (recording time, generated ids, service GUIDs)
 * are restored, so a pull request carries only real change. Prints `changed=true|false` to
 * GITHUB_OUTPUT when set.
 */
import '../harness/config/supported-node.ts';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { fixtureSubstance } from '../authoring/fixture-substance.ts';
import { removePartials } from '../harness/shared/write-atomically.ts';
import { parseCommandLine } from '../authoring/command-line.ts';

parseCommandLine({ name: 'fixtures:changed', usage: 'npm run fixtures:changed (no arguments; run it after GRAPH_MODE=record)' }, {});

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' });
for (const path of removePartials('fixtures'))
  console.log(`fixtures: removed ${path}: a partial file a killed recording left, never a fixture`);
const changed: string[] = [];
for (const line of git('status', '--porcelain', '--untracked-files=all', '--', 'fixtures').split('\n').filter(Boolean)) {
  const status = line.slice(0, 2).trim();
  const path = line.slice(3);
  if (status !== 'M') {
    changed.push(`${path} (${status === '??' ? 'new' : status === 'D' ? 'deleted' : status})`);
    continue;
  }
  if (fixtureSubstance(git('show', `HEAD:${path}`)) === fixtureSubstance(readFileSync(path, 'utf8'))) {
    git('checkout', '--', path);
    console.log(`fixtures: ${path}: only noise changed; restored`);
  } else {
    changed.push(path);
  }
}
for (const path of changed) console.log(`fixtures: ${path}: changed in substance`);
console.log(`fixtures: ${changed.length} fixture(s) changed in substance`);
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `changed=${changed.length > 0}\n`);
