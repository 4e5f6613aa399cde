import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { parseTestArguments, splitArguments } from '../../harness/config/arguments.ts';
import type { ContractMatrix } from '../../harness/report/contract-matrix.ts';
import { isolatedEnvironment } from './child-environment.ts';
import { HARNESS_IMPORT, SPEC_FOLDER_ARGUMENTS, specFolderEnvironment, writeFixtures, writeSpecFolder } from './spec-folder.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLAYWRIGHT_CLI = join(PROJECT_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
/** tsx's CLI, as npm scripts run it: `[TSX, 'scripts/x.ts', …]` runs a command of the project. */
export const TSX = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export interface SuiteRun {
  code: number | null;
  output: string;
  /** Everything the run wrote: HTML report, JUnit, JSON report, test results. */
  outputDirectory: string;
  /** The JSON reporter's report, for checking annotations and outcomes. */
  report: () => JsonReport;
  /** The contract matrix the run wrote. */
  matrix: () => ContractMatrix;
  /** The contract matrix as Markdown, as the job summary shows it. */
  matrixMarkdown: () => string;
}

export interface JsonReport {
  config: { workers: number };
  stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  suites: JsonSuite[];
}
interface JsonSuite {
  title: string;
  suites?: JsonSuite[];
  specs: {
    title: string;
    tests: {
      annotations: { type: string; description?: string }[];
      results: { status: string; duration: number; workerIndex: number; attachments?: { name: string; body?: string }[] }[];
    }[];
  }[];
}

/**
 * A fresh folder under the running test's own output folder: Playwright empties that at the next
 * run, and nothing goes to the system temp folder.
 */
export function scratchDirectory(name: string): string {
  const parent = test.info().outputPath();
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `${name}-`));
}

/**
 * Runs a command of the project as a user would, in a child process, with only the variables given
 * plus what Node needs: no .env, no ambient GRAPH_* or AZURE_*. Reports land in a fresh directory.
 * `cwd` is the checkout it runs in: the project's own, or a copy of it.
 */
export interface RunOptions {
  /** Sends the child SIGINT (a user's Ctrl-C) once its output so far satisfies this. */
  interruptWhen?: (output: string) => boolean;
}

/** Children still running: a test that times out abandons its await, and its worker's exit stops them. */
const RUNNING = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of RUNNING) child.kill('SIGTERM');
});

export function runProject(
  command: (outputDirectory: string) => string[],
  env: Record<string, string>,
  cwd: string = PROJECT_ROOT,
  options: RunOptions = {},
): Promise<SuiteRun> {
  const outputDirectory = scratchDirectory('run');
  const child = spawn(process.execPath, command(outputDirectory), {
    cwd,
    env: {
      ...isolatedEnvironment(),
      GRAPH_ENV_FILE: '/dev/null',
      FORCE_COLOR: '0',
      PLAYWRIGHT_HTML_OUTPUT_DIR: join(outputDirectory, 'html'),
      PLAYWRIGHT_JUNIT_OUTPUT_FILE: join(outputDirectory, 'junit.xml'),
      PLAYWRIGHT_JSON_OUTPUT_FILE: join(outputDirectory, 'report.json'),
      // A child run's matrix is its own, never the one the project's CI uploads.
      GRAPH_MATRIX_DIR: join(outputDirectory, 'matrix'),
      ...env,
    },
  });
  RUNNING.add(child);
  const matrixDirectory = env.GRAPH_MATRIX_DIR ?? join(outputDirectory, 'matrix');
  let output = '';
  let interrupted = false;
  const interruptIfDue = () => {
    if (interrupted || !options.interruptWhen?.(output)) return;
    interrupted = true;
    child.kill('SIGINT');
  };
  const heard = (chunk: Buffer) => {
    output += chunk.toString();
    interruptIfDue();
  };
  // Also between chunks: the condition may be the stand-ins' state, not the output.
  const poll = options.interruptWhen ? setInterval(interruptIfDue, 50) : undefined;
  child.stdout.on('data', heard);
  child.stderr.on('data', heard);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      RUNNING.delete(child);
      clearInterval(poll);
      resolve({
        code,
        output,
        outputDirectory,
        report: () => JSON.parse(readFileSync(join(outputDirectory, 'report.json'), 'utf8')) as JsonReport,
        matrix: () => JSON.parse(readFileSync(join(matrixDirectory, 'contract-matrix.json'), 'utf8')) as ContractMatrix,
        matrixMarkdown: () => readFileSync(join(matrixDirectory, 'contract-matrix.md'), 'utf8'),
      });
    }),
  );
}

/**
 * A child suite's worker count when a test names none: explicit, so no result depends on the
 * machine's cores. GRAPH_CONTRACTS_CHILD_WORKERS runs every child suite with another count.
 */
const CHILD_WORKERS = childWorkers(process.env.GRAPH_CONTRACTS_CHILD_WORKERS);

function childWorkers(value: string | undefined): number {
  if (value === undefined) return 2;
  if (!/^[1-9]\d?$/.test(value))
    throw new Error(`GRAPH_CONTRACTS_CHILD_WORKERS=${JSON.stringify(value)} must be a whole number of workers, 1 to 99.`);
  return Number(value);
}

/**
 * The contract suite (`playwright test` with the project's config and its reporters, JSON added),
 * everything it writes under the calling test's output folder, with an explicit worker count.
 */
export function runSuite(
  env: Record<string, string>,
  args: string[] = [],
  cwd: string = PROJECT_ROOT,
  options: RunOptions = {},
): Promise<SuiteRun> {
  const given = parseTestArguments(['test', ...splitArguments(args).playwright])?.options ?? [];
  const workers = given.some((option) => option.shape?.names.includes('--workers')) ? [] : [`--workers=${CHILD_WORKERS}`];
  return runProject((output) => [PLAYWRIGHT_CLI, 'test', '--output', join(output, 'results'), ...workers, ...args], env, cwd, options);
}

/** `npm run sweep`, as a user runs it. */
export function runSweep(env: Record<string, string>): Promise<SuiteRun> {
  return runProject(() => [TSX, 'scripts/sweep.ts'], env);
}

/** `npm run report:merge -- <blobs>`, as a user runs it. */
export function mergeReports(blobs: string, env: Record<string, string> = {}): Promise<SuiteRun> {
  return runProject(() => [TSX, 'scripts/report-merge.ts', blobs], env);
}

/** Every test of a JSON report, flattened, with its annotations. */
export interface ReportedTest {
  title: string;
  status: string;
  duration: number;
  workerIndex: number;
  annotations: { type: string; description?: string }[];
  /** Inline attachments by name, their bodies decoded. */
  attachments: Record<string, string>;
}

export function testsOf(report: JsonReport): ReportedTest[] {
  const walk = (suite: JsonSuite): ReportedTest[] => [
    ...suite.specs.flatMap((spec) =>
      spec.tests.map((t) => {
        const last = t.results.at(-1);
        return {
          title: spec.title,
          status: last?.status ?? 'none',
          duration: last?.duration ?? Number.NaN,
          workerIndex: last?.workerIndex ?? -1,
          annotations: t.annotations,
          attachments: Object.fromEntries(
            (last?.attachments ?? []).flatMap((a) =>
              a.body === undefined ? [] : [[a.name, Buffer.from(a.body, 'base64').toString('utf8')]],
            ),
          ),
        };
      }),
    ),
    ...(suite.suites ?? []).flatMap(walk),
  ];
  return report.suites.flatMap(walk);
}

/**
 * Made-up specs run through the project's config and harness (`tests/support/spec-folder.config.ts`),
 * with their own fixtures folder: `specs` maps a file name (`labels.spec.ts`) to the tests below the
 * harness's import; `fixtures` maps a path below the folder to its JSON. Pass `env` and `args` to runSuite.
 */
export function madeUpSuite(
  specs: Record<string, string>,
  fixtures: Record<string, unknown> = {},
): { env: Record<string, string>; args: string[]; fixturesDirectory: string } {
  const specDirectory = scratchDirectory('specs');
  const fixturesDirectory = scratchDirectory('fixtures');
  writeSpecFolder(specDirectory, Object.fromEntries(Object.entries(specs).map(([name, body]) => [name, `${HARNESS_IMPORT}${body}\n`])));
  writeFixtures(fixturesDirectory, fixtures);
  return {
    env: { ...specFolderEnvironment(specDirectory), GRAPH_FIXTURES_DIR: fixturesDirectory },
    args: SPEC_FOLDER_ARGUMENTS,
    fixturesDirectory,
  };
}

/** A private copy of the repository's fixtures, to damage without touching the real ones. */
export function copyFixtures(): string {
  const directory = scratchDirectory('fixtures');
  cpSync(join(PROJECT_ROOT, 'fixtures'), directory, { recursive: true });
  return directory;
}

export function editJson(path: string, edit: (data: Record<string, unknown>) => void): void {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(data);
  writeFileSync(path, JSON.stringify(data, null, 2));
}

/**
 * Every file below `directory`, as text a scan can search: zip files (traces, blob reports) and the
 * HTML report's data (a zip inside index.html) are unpacked, and base64 bodies (JSON reports' inline
 * attachments) decoded, recursively.
 */
export function filesBelow(directory: string): { path: string; text: string }[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => join(directory, name))
    .filter((path) => statSync(path).isFile())
    .flatMap((path) => readable(path, readFileSync(path)));
}

function readable(path: string, bytes: Uint8Array): { path: string; text: string }[] {
  if (isZip(bytes)) return [{ path, text: '' }, ...unzipped(path, bytes)];
  const text = Buffer.from(bytes)
    .toString('latin1')
    .replace(
      /"body":\s*"([A-Za-z0-9+/=]{16,})"/g,
      (match, base64: string) => `${match} ${Buffer.from(base64, 'base64').toString('latin1')}`,
    );
  const embedded = /data:application\/zip;base64,([A-Za-z0-9+/=]+)/.exec(text)?.[1];
  return embedded ? [{ path, text }, ...unzipped(path, Buffer.from(embedded, 'base64'))] : [{ path, text }];
}

function unzipped(path: string, zip: Uint8Array): { path: string; text: string }[] {
  return Object.entries(unzipSync(zip)).flatMap(([name, data]) => readable(`${path}!${name}`, data));
}

/** A zip file starts with a local file header: PK\x03\x04. */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
