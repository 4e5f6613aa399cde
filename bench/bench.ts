/**
 * npm run bench [-- --rounds N] [--tests N] [--profiles N] [--profile-dir <folder>]
 * Rounds of runs, each case once per round, the order reversed every other round so the machine's
 * drift hits every case alike; the figures are medians over the rounds (tests/support/bench-figures.ts):
 * - a bare one-test Playwright API run (bench/bare/), the baseline;
 * - the whole replay suite (`npm run contract`'s command): its ratio to the bare run, goal ≤ 1.25;
 * - the scale case: N = 1, N/2 and N specs that new-spec writes for as many synthetic doc pages
 *   (tests/support/scale-suite.ts; generated first, untimed, its time printed apart), through the
 *   harness: its fixed cost per run (N = 1 less the bare run, goal ≤ 150 ms) and its marginal cost
 *   per test (the slope over the three, goal ≤ 10 ms); and the same tests written plainly with
 *   Playwright and nock. Each run must pass all of its N tests, or the bench stops.
 * Then runs of 1 and N tests under Node's CPU profiler, summarised per phase (tests/support/cpu-profile-phases.ts).
 * Exits 1 when a goal is missed.
 */
import '../harness/config/supported-node.ts';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { constants as osConstants, availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { SPEC_FOLDER_ARGUMENTS, specFolderEnvironment, writeSpecFolder } from '../tests/support/spec-folder.ts';
import { isolatedEnvironment } from '../tests/support/child-environment.ts';
import { junitShortfall, profileTable, scaleFigures, scaleReport, type Round } from '../tests/support/bench-figures.ts';
import { medianPhases, runPhases } from '../tests/support/cpu-profile-phases.ts';
import { plainScaleSpecs, writeScaleProject } from '../tests/support/scale-suite.ts';
import { exitWithUsage, parseCommandLine } from '../authoring/command-line.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join('node_modules', '@playwright', 'test', 'cli.js');

const COMMAND = {
  name: 'bench',
  usage:
    'npm run bench [-- [--rounds <N, default 5>] [--tests <N, default 500>] [--profiles <N, default 1>] [--profile-dir <folder to keep the CPU profiles in>]]',
};
const { values } = parseCommandLine(COMMAND, {
  options: {
    rounds: { type: 'string', default: '5' },
    tests: { type: 'string', default: '500' },
    profiles: { type: 'string', default: '1' },
    'profile-dir': { type: 'string' },
  },
});
const count = (option: 'rounds' | 'tests' | 'profiles', min: number, max: number): number => {
  const value = values[option];
  const number = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max))
    exitWithUsage(COMMAND, `--${option}=${JSON.stringify(value)} must be a whole number from ${min} to ${max}.`);
  return number;
};
const rounds = count('rounds', 1, 99);
const largest = count('tests', 4, 5000);
const profiles = count('profiles', 0, 9);
const sizes = [1, Math.round(largest / 2), largest];
const keptProfiles = values['profile-dir'] === undefined ? undefined : resolve(values['profile-dir']);

// Every run's reports and every generated suite go under one folder, removed when the bench ends.
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
      if (child) signalGroup(child, 'SIGKILL');
      process.exit(code);
    }
    interrupted = true;
    console.error(`bench: interrupted (${signal})`);
    child.once('close', () => process.exit(code));
    signalGroup(child, signal);
  });
}

/** The run and every process it started (its shell, Playwright's runner and workers). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

// No ambient variable redirects or changes a timed run (a CI step summary, a fixtures folder, extra reporters).
const INHERITED = isolatedEnvironment();

/** One way to run Playwright: where, with which arguments and variables. */
interface Run {
  label: string;
  cwd: string;
  args: string[];
  env: Record<string, string>;
  /** How many tests the run holds, each of which must pass; unchecked when undefined. */
  tests?: number;
}

/** A run's wall time, and its CPU (user + system of every process it waited for) where the bench can read it. */
interface Timing {
  wallMs: number;
  cpuMs: number | undefined;
}

// Linux keeps a process's waited-for children's CPU in /proc/<pid>/stat (cutime, cstime): a shell
// that runs Playwright and then prints its own stat gives the run's CPU, workers included.
const CPU_READABLE = existsSync('/proc/self/stat');
const CLOCK_TICKS = CPU_READABLE ? Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100 : 100;
const READ_CPU = '"$@" 3>&-; status=$?; cat /proc/$$/stat >&3; exit $status';

/** cutime + cstime of a /proc/<pid>/stat line, in ms; the fields after the command's closing parenthesis. */
function childrenCpuMs(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [cutime, cstime] = [Number(fields[13]), Number(fields[14])];
  return Number.isFinite(cutime) && Number.isFinite(cstime) ? ((cutime + cstime) * 1000) / CLOCK_TICKS : undefined;
}

async function timed({ label, cwd, args, env, tests }: Run, nodeFlags: string[] = []): Promise<Timing> {
  const scratch = scratchFolder('run');
  // --output too: Playwright empties its output folder at each run, and the checkout's holds the user's last failures.
  const command = [process.execPath, ...nodeFlags, CLI, 'test', '--output', join(scratch, 'results'), ...args];
  const started = process.hrtime.bigint();
  // In a process group of its own, so an interrupted bench stops the whole run as Ctrl-C in a terminal would.
  const run = spawn(
    CPU_READABLE ? '/bin/sh' : (command[0] as string),
    CPU_READABLE ? ['-c', READ_CPU, 'sh', ...command] : command.slice(1),
    {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      env: {
        ...INHERITED,
        GRAPH_MODE: 'replay',
        GRAPH_ENV_FILE: '/dev/null',
        PLAYWRIGHT_HTML_OUTPUT_DIR: join(scratch, 'html'),
        PLAYWRIGHT_JUNIT_OUTPUT_FILE: join(scratch, 'junit.xml'),
        GRAPH_MATRIX_DIR: scratch,
        ...env,
      },
    },
  );
  running = run;
  let output = '';
  let stat = '';
  (run.stdio[1] as Readable).on('data', (chunk: Buffer) => (output += chunk.toString()));
  (run.stdio[2] as Readable).on('data', (chunk: Buffer) => (output += chunk.toString()));
  (run.stdio[3] as Readable).on('data', (chunk: Buffer) => (stat += chunk.toString()));
  const [code] = (await once(run, 'close')) as [number | null];
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) throw new Error(`${label} failed (exit ${code}):\n${output}`);
  const junit = join(scratch, 'junit.xml');
  const shortfall = tests === undefined ? undefined : junitShortfall(existsSync(junit) ? readFileSync(junit, 'utf8') : '', tests);
  if (shortfall) throw new Error(`${label}: ${shortfall}:\n${output}`);
  rmSync(scratch, { recursive: true, force: true });
  return { wallMs, cpuMs: stat ? childrenCpuMs(stat) : undefined };
}

// The generated suites' compiled modules go to caches of their own (Playwright's TypeScript, Node's
// code cache), removed with the rest: the checkout's caches keep only what its own runs compile.
const TRANSFORM_CACHE = {
  PLAYWRIGHT_TRANSFORM_CACHE_DIR: join(SCRATCH, 'transform-cache'),
  NODE_COMPILE_CACHE: join(SCRATCH, 'compile-cache'),
};

/** The scale case's project of N specs, new-spec's output for N synthetic pages; its generation is timed apart and printed. */
async function harnessRun(n: number): Promise<Run> {
  const root = scratchFolder(`scale-${n}`);
  const started = process.hrtime.bigint();
  const written = await writeScaleProject(ROOT, root, scratchFolder(`pages-${n}`), n);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const specs = written.filter((result) => result.written.some(({ file }) => file.startsWith('specs/'))).length;
  if (specs !== n) throw new Error(`bench: new-spec wrote ${specs} specs for the ${n} pages of the scale case.`);
  console.log(
    `bench: new-spec: N=${n}: ${n} page${n === 1 ? '' : 's'} taken in ${(ms / 1000).toFixed(1)} s, ${(ms / n).toFixed(1)} ms a page`,
  );
  return { label: `harness N=${n}`, cwd: root, args: [], env: TRANSFORM_CACHE, tests: n };
}

/** The same tests as the harness's N, written plainly from its fixtures. */
function plainRun(n: number, harnessRoot: string): Run {
  const specs = scratchFolder(`plain-${n}`);
  writeSpecFolder(
    specs,
    plainScaleSpecs(harnessRoot, {
      playwrightTest: join(ROOT, 'node_modules', '@playwright', 'test', 'index.mjs'),
      nock: join(ROOT, 'node_modules', 'nock', 'dist', 'index.js'),
    }),
  );
  // No fixtures to check: the plain tests read none.
  const fixtures = scratchFolder('no-fixtures');
  return {
    label: `plain N=${n}`,
    cwd: ROOT,
    args: SPEC_FOLDER_ARGUMENTS,
    env: { ...specFolderEnvironment(specs), GRAPH_FIXTURES_DIR: fixtures, ...TRANSFORM_CACHE },
    tests: n,
  };
}

const machine = () =>
  `load average ${loadavg()
    .map((load) => load.toFixed(2))
    .join(', ')} on ${availableParallelism()} cores`;
console.log(`bench: ${machine()}`);
console.log(
  `bench: generating the scale case (N = ${sizes.join(', ')}): synthetic doc pages, new-spec on each in this process (setup, not timed), then the same tests written plainly`,
);
const bare: Run = { label: 'bare one-test', cwd: ROOT, args: ['--config', 'bench/bare/playwright.config.ts'], env: {} };
const suite: Run = { label: 'replay suite', cwd: ROOT, args: [], env: {} };
const harness = new Map<number, Run>();
for (const n of sizes) harness.set(n, await harnessRun(n));
const plain = new Map(sizes.map((n) => [n, plainRun(n, (harness.get(n) as Run).cwd)]));
const cases = [bare, suite, ...harness.values(), ...plain.values()];

// Untimed: the first run of a suite compiles its TypeScript into Playwright's cache.
console.log('bench: one untimed run of each case, to fill the compile caches');
for (const run of cases) await timed(run);

const measured: Round[] = [];
for (let round = 1; round <= rounds; round++) {
  const times = new Map<Run, Timing>();
  for (const run of round % 2 ? cases : [...cases].reverse()) times.set(run, await timed(run));
  const at = (run: Run) => times.get(run)?.wallMs ?? Number.NaN;
  const cpu = (run: Run) => times.get(run)?.cpuMs;
  const harnessCpu = sizes.map((n) => [n, cpu(harness.get(n) as Run)] as const);
  const bareCpu = cpu(bare);
  measured.push({
    bare: at(bare),
    suite: at(suite),
    harness: new Map(sizes.map((n) => [n, at(harness.get(n) as Run)])),
    plain: new Map(sizes.map((n) => [n, at(plain.get(n) as Run)])),
    ...(bareCpu !== undefined && harnessCpu.every(([, ms]) => ms !== undefined)
      ? { cpu: { bare: bareCpu, harness: new Map(harnessCpu.map(([n, ms]) => [n, ms ?? Number.NaN])) } }
      : {}),
  });
  console.log(`bench: round ${round} of ${rounds}: ${cases.map((run) => `${run.label} ${at(run).toFixed(0)} ms`).join(', ')}`);
}
console.log(`bench: ${machine()}`);
console.log('');
const { lines, met } = scaleReport(scaleFigures(measured));
for (const line of lines) console.log(line);

if (profiles > 0) {
  console.log('');
  console.log(
    `bench: ${profiles} run${profiles === 1 ? '' : 's'} each of N=1 and N=${largest} under Node's CPU profiler (--cpu-prof, which the workers inherit)`,
  );
  const profiled = async (n: number) => {
    const phases = [];
    for (let i = 0; i < profiles; i++) {
      const folder = scratchFolder(`profile-${n}`);
      const run = harness.get(n) as Run;
      await timed(run, ['--cpu-prof', `--cpu-prof-dir=${folder}`]);
      phases.push(runPhases(folder, run.cwd));
      if (keptProfiles) {
        mkdirSync(keptProfiles, { recursive: true });
        cpSync(folder, join(keptProfiles, `N${n}-run${i + 1}`), { recursive: true });
      }
    }
    return medianPhases(phases);
  };
  const one = await profiled(1);
  const many = await profiled(largest);
  console.log(`where the time goes: CPU per phase, all processes, the median of ${profiles} profiled run${profiles === 1 ? '' : 's'}`);
  for (const line of profileTable(one, many, largest)) console.log(line);
  if (keptProfiles) console.log(`bench: the CPU profiles are in ${keptProfiles} (open one in Chrome DevTools, Performance tab)`);
}
process.exitCode = met ? 0 : 1;
