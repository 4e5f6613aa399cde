/**
 * npm run report:merge [-- <folder>] — one HTML report, JUnit and contract matrix from the blob
 * reports of a sharded run (merge.config.ts), read from all-blob-reports/ unless another folder is
 * named. No folder, or no blob in it, is one message saying what to put there. The merged run is
 * green only if every shard ran and the merged matrix is green: Playwright's merge exits 0 whatever
 * the tests did, so the exit status is the matrix's.
 */
import '../harness/config/supported-node.ts';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitWithUsage, parseCommandLine } from '../authoring/command-line.ts';
import { isRed } from '../harness/report/contract-matrix-reporter.ts';
import type { ContractMatrix } from '../harness/report/contract-matrix.ts';
import { displayPath } from '../harness/shared/display-path.ts';

const COMMAND = { name: 'report:merge', usage: 'npm run report:merge [-- <folder of blob reports, default all-blob-reports>]' };
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PLAYWRIGHT_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js');
const WHAT_TO_PUT =
  'Put the blob report of each shard there (report-*.zip, written by a run with PLAYWRIGHT_BLOB_OUTPUT_DIR set), then run again: README, "Sharding locally".';

const { positionals } = parseCommandLine(COMMAND, { allowPositionals: true });
if (positionals.length > 1) exitWithUsage(COMMAND, `one folder of blob reports, not ${positionals.length}.`);
const folder = resolve(positionals[0] ?? 'all-blob-reports');
const problem = blobFolderProblem(folder);
if (problem) {
  process.stderr.write(`report:merge: ${problem} ${WHAT_TO_PUT}\n`);
  process.exit(2);
}

// Playwright's own command, as the script was before: its reporters, its exit status, its signals.
const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'merge-reports', '--config', join(ROOT, 'merge.config.ts'), folder], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
  if (process.exitCode !== 0) return;
  const red = redMatrix(join(process.env.GRAPH_MATRIX_DIR ?? join(ROOT, 'test-results'), 'contract-matrix.json'));
  if (red) {
    process.stderr.write(`report:merge: the merged run is red: ${red}\n`);
    process.exitCode = 1;
  }
});

/** Why the merged matrix is red, in a few words; undefined when it is green. */
function redMatrix(path: string): string | undefined {
  const matrix = JSON.parse(readFileSync(path, 'utf8')) as ContractMatrix;
  if (!isRed(matrix)) return undefined;
  const shards = matrix.stoppedShards.map(
    ({ shard, why, tests }) => `shard ${shard} stopped before its tests (${tests} not tested): ${why}`,
  );
  const totals = (['fail', 'divergence gone', 'not tested'] as const)
    .filter((outcome) => matrix.totals[outcome] > 0)
    .map((outcome) => `${matrix.totals[outcome]} ${outcome}`);
  const leftovers = matrix.leftovers.length > 0 ? [`${matrix.leftovers.length} leftover(s)`] : [];
  return [...shards, ...totals, ...leftovers].join('; ');
}

/** Why Playwright would find no blob report in `folder`, in the user's words; undefined when there is at least one. */
function blobFolderProblem(path: string): string | undefined {
  const label = displayPath(path);
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    return `${label} does not exist.`;
  }
  if (!isFolder) return `${label} is a file, not a folder.`;
  // What Playwright's merge reads: the .zip files at the folder's top.
  return readdirSync(path).some((name) => name.endsWith('.zip')) ? undefined : `${label} holds no blob report (report-*.zip).`;
}
