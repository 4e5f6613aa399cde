/**
 * npm run bench [-- --pairs N] [-- --repeats N]
 * 1. The whole replay suite (`npm run contract`'s command) against a bare one-test Playwright API
 *    run in the same checkout, paired and alternated, printing the median ratio.
 * 2. A synthetic replay of N = 1 and N = 200 tests through the harness, printing the marginal cost
 *    per replayed test. Goals: ratio ≤ 1.25, marginal cost ≤ 15 ms.
 * 3. The same synthetic replay written plainly (@playwright/test's `request` fixture and nock, no
 *    harness, no schema check), interleaved with 2, so what the harness adds or saves shows.
 */
import '../harness/config/supported-node.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  HARNESS_IMPORT,
  SPEC_FOLDER_ARGUMENTS,
  specFolderEnvironment,
  writeFixtures,
  writeSpecFolder,
} from '../tests/support/spec-folder.ts';
import { isolatedEnvironment } from '../tests/support/child-environment.ts';
import { exitWithUsage, parseCommandLine } from '../authoring/command-line.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const GOAL_RATIO = 1.25;
const GOAL_MARGINAL_MS = 15;

const COMMAND = { name: 'bench', usage: 'npm run bench [-- [--pairs <N, default 9>] [--repeats <N, default 3>]]' };
const { values } = parseCommandLine(COMMAND, {
  options: { pairs: { type: 'string', default: '9' }, repeats: { type: 'string', default: '3' } },
});
const count = (option: 'pairs' | 'repeats'): number => {
  const value = values[option];
  if (!/^[1-9]\d{0,2}$/.test(value)) exitWithUsage(COMMAND, `--${option}=${JSON.stringify(value)} must be a whole number from 1 to 999.`);
  return Number(value);
};
const pairs = count('pairs');
const repeats = count('repeats');
// Every run's reports and every synthetic suite go under one folder, removed when the bench ends.
const SCRATCH = mkdtempSync(join(tmpdir(), 'graph-contracts-bench-'));
process.on('exit', () => {
  rmSync(SCRATCH, { recursive: true, force: true });
});
const scratchFolder = (name: string) => mkdtempSync(join(SCRATCH, `${name}-`));

// 'exit' does not fire on a signal: an interrupted bench stops the run it timed, then removes its
// folder, and exits as the signal would have (128 + its number). A second signal stops it at once.
let running: ChildProcess | undefined;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    const code = 128 + osConstants.signals[signal];
    const child = running && running.exitCode === null && running.signalCode === null ? running : undefined;
    if (interrupted || !child) {
      child?.kill('SIGKILL');
      process.exit(code);
    }
    interrupted = true;
    console.error(`bench: interrupted (${signal})`);
    child.once('close', () => process.exit(code));
    child.kill(signal);
  });
}

// No ambient variable redirects or changes a timed run (a CI step summary, a fixtures folder, extra reporters).
const INHERITED = isolatedEnvironment();

async function timed(label: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  const scratch = scratchFolder('run');
  const started = process.hrtime.bigint();
  // --output too: Playwright empties its output folder at each run, and the checkout's holds the user's last failures.
  const run = spawn(process.execPath, [CLI, 'test', '--output', join(scratch, 'results'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...INHERITED,
      GRAPH_MODE: 'replay',
      GRAPH_ENV_FILE: '/dev/null',
      PLAYWRIGHT_HTML_OUTPUT_DIR: join(scratch, 'html'),
      PLAYWRIGHT_JUNIT_OUTPUT_FILE: join(scratch, 'junit.xml'),
      GRAPH_MATRIX_DIR: scratch,
      ...env,
    },
  });
  running = run;
  let output = '';
  run.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  run.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(run, 'close')) as [number | null];
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) throw new Error(`${label} failed (exit ${code}):\n${output}`);
  console.log(`bench: ${label}: ${ms.toFixed(0)} ms`);
  return ms;
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** N tests, each replaying one GET from its own fixture, through the real harness. */
function syntheticSuite(count: number): Record<string, string> {
  const specs = scratchFolder('specs');
  const fixtures = scratchFolder('fixtures');
  const tests = Array.from(
    { length: count },
    (_, i) => `
test('200 reads connection ${i}', async ({ graph }) => {
  const response = await graph.get('/external/connections/bench${i}');
  expect(response).toHaveStatus(200);
  expect(await response.json()).toMatchSchema('externalConnection');
});`,
  ).join('\n');
  writeSpecFolder(specs, { 'synthetic.spec.ts': `${HARNESS_IMPORT}test.use({ graphVersion: 'beta' });\n${tests}\n` });
  writeFixtures(
    fixtures,
    Object.fromEntries(
      Array.from({ length: count }, (_, i) => [
        `synthetic/200-reads-connection-${i}.json`,
        {
          test: `200 reads connection ${i}`,
          provenance: {
            source: 'documented-example',
            page: 'https://learn.microsoft.com/graph/api/externalconnectors-externalconnection-get',
            note: 'Synthetic, for npm run bench.',
          },
          values: {},
          interactions: [
            {
              scope: 'https://graph.microsoft.com',
              method: 'GET',
              path: `/beta/external/connections/bench${i}`,
              status: 200,
              response: { id: `bench${i}`, name: 'Bench', state: 'draft' },
              rawHeaders: { 'content-type': 'application/json' },
            },
          ],
        },
      ]),
    ),
  );
  return { ...specFolderEnvironment(specs), GRAPH_FIXTURES_DIR: fixtures };
}

/**
 * The same N tests without the harness, as one would write them with Playwright and nock alone:
 * the `request` fixture, one interceptor per test, under the same config and reporters.
 */
function plainSuite(count: number): Record<string, string> {
  const specs = scratchFolder('plain');
  const tests = Array.from(
    { length: count },
    (_, i) => `
test('200 reads connection ${i}', async ({ request }) => {
  nock(GRAPH).get('/beta/external/connections/bench${i}').reply(200, { id: 'bench${i}', name: 'Bench', state: 'draft' });
  const response = await request.get(\`\${GRAPH}/beta/external/connections/bench${i}\`);
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ state: 'draft' });
});`,
  ).join('\n');
  writeSpecFolder(specs, {
    'plain.spec.ts':
      `import { expect, test } from ${JSON.stringify(join(ROOT, 'node_modules', '@playwright', 'test', 'index.mjs'))};\n` +
      `import nock from ${JSON.stringify(join(ROOT, 'node_modules', 'nock', 'dist', 'index.js'))};\nconst GRAPH = 'https://graph.microsoft.com';\nnock.disableNetConnect();\n${tests}\n`,
  });
  return specFolderEnvironment(specs);
}

console.log(`bench: ${pairs} pairs of (replay suite, bare one-test run), alternating which goes first`);
const ratios: number[] = [];
const suiteTimes: number[] = [];
const bareTimes: number[] = [];
for (let i = 0; i < pairs; i++) {
  const runSuite = () => timed(`pair ${i + 1}: replay suite`, []);
  const runBare = () => timed(`pair ${i + 1}: bare one-test`, ['--config', 'bench/bare/playwright.config.ts']);
  let suite: number;
  let bare: number;
  if (i % 2 === 0) {
    suite = await runSuite();
    bare = await runBare();
  } else {
    bare = await runBare();
    suite = await runSuite();
  }
  suiteTimes.push(suite);
  bareTimes.push(bare);
  ratios.push(suite / bare);
}

/** N = 1 and N = 200 of each kind of synthetic suite, interleaved so drift hits every kind alike: medians and the cost per added test. */
async function marginalCosts(kinds: Record<string, (count: number) => Record<string, string>>) {
  const suites = Object.entries(kinds).map(([label, suite]) => ({
    label,
    one: suite(1),
    many: suite(200),
    oneTimes: [] as number[],
    manyTimes: [] as number[],
  }));
  for (let i = 0; i < repeats; i++) {
    for (const suite of suites) suite.oneTimes.push(await timed(`${suite.label} N=1, run ${i + 1}`, SPEC_FOLDER_ARGUMENTS, suite.one));
    for (const suite of suites) suite.manyTimes.push(await timed(`${suite.label} N=200, run ${i + 1}`, SPEC_FOLDER_ARGUMENTS, suite.many));
  }
  return suites.map(({ oneTimes, manyTimes }) => {
    const [oneMedian, manyMedian] = [median(oneTimes), median(manyTimes)];
    return { oneMedian, manyMedian, perTest: (manyMedian - oneMedian) / 199 };
  });
}

console.log(
  `bench: synthetic replay, N = 1 and N = 200, ${repeats} runs each, through the harness and written plainly (@playwright/test and nock)`,
);
const [synthetic, plain] = await marginalCosts({ synthetic: syntheticSuite, plain: plainSuite });
if (!synthetic || !plain) throw new Error('bench: a synthetic suite did not run');

const ratio = median(ratios);
const marginal = synthetic.perTest;
const verdict = (ok: boolean) => (ok ? 'meets the goal' : 'MISSES the goal');
console.log('');
console.log(`replay suite: median ${median(suiteTimes).toFixed(0)} ms; bare one-test: median ${median(bareTimes).toFixed(0)} ms`);
console.log(`median ratio: ${ratio.toFixed(2)} (goal ≤ ${GOAL_RATIO}) ${verdict(ratio <= GOAL_RATIO)}`);
console.log(`synthetic: N=1 median ${synthetic.oneMedian.toFixed(0)} ms, N=200 median ${synthetic.manyMedian.toFixed(0)} ms`);
console.log(
  `marginal cost per replayed test: ${marginal.toFixed(1)} ms (goal ≤ ${GOAL_MARGINAL_MS} ms) ${verdict(marginal <= GOAL_MARGINAL_MS)}`,
);
const difference = marginal - plain.perTest;
console.log(
  `plain Playwright and nock, no harness: N=1 median ${plain.oneMedian.toFixed(0)} ms, N=200 median ${plain.manyMedian.toFixed(0)} ms, ` +
    `${plain.perTest.toFixed(1)} ms per test (no schema check): the harness, schema check included, ${difference > 0 ? 'adds' : 'saves'} ${Math.abs(difference).toFixed(1)} ms per test`,
);
process.exitCode = ratio <= GOAL_RATIO && marginal <= GOAL_MARGINAL_MS ? 0 : 1;
