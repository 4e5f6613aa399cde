import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { PROJECT_ROOT, runProject, scratchDirectory } from '../support/run-suite.ts';

/** The project's tests run the suite as child processes: none may outlive the test that started it. */

const PLAYWRIGHT_CLI = join(PROJECT_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const RUN_SUITE = join(PROJECT_ROOT, 'tests', 'support', 'run-suite.ts');

/** Gone, or a zombie no one has reaped yet (a container's first process may never reap it): either way it runs no more. */
function stillRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** What the test leaves, whatever it found: no child of its own. */
function stopIfRunning(pid: number): void {
  if (stillRuns(pid)) process.kill(pid, 'SIGKILL');
}

test('a test that times out while its child runs: the child is stopped when the worker ends', async () => {
  const folder = scratchDirectory('timed-out');
  const pidFile = join(folder, 'child.pid');
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(folder, 'inner.config.ts'),
    `export default { testDir: '.', testMatch: 'inner.test.ts', timeout: 3000, workers: 1, reporter: 'line' };\n`,
  );
  const child = `require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setTimeout(() => {}, 120000);`;
  writeFileSync(
    join(folder, 'inner.test.ts'),
    `import { test } from '@playwright/test';
import { runProject } from ${JSON.stringify(RUN_SUITE)};
test('waits on a child longer than its timeout', async () => {
  await runProject(() => ['-e', ${JSON.stringify(child)}], {});
});
`,
  );

  const run = await runProject(() => [PLAYWRIGHT_CLI, 'test', '--config', join(folder, 'inner.config.ts')], {}, folder);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    expect(run.code, run.output).toBe(1);
    expect(run.output).toContain('Test timeout of 3000ms exceeded');
    // The signal is sent as the worker exits; the child takes a moment to go.
    await expect
      .poll(() => stillRuns(pid), { message: `the child ${pid} still runs after its test timed out`, timeout: 10_000 })
      .toBe(false);
  } finally {
    stopIfRunning(pid);
  }
});
