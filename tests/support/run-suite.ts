import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PLAYWRIGHT_CLI = join(PROJECT_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

export interface SuiteRun {
  code: number | null;
  output: string;
}

/**
 * Runs the contract suite as a user would (`playwright test` with the project's config) in a
 * child process, with only the variables given plus what Node needs: no .env, no ambient GRAPH_*.
 */
export function runSuite(env: Record<string, string>, args: string[] = []): Promise<SuiteRun> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(GRAPH_|AZURE_|PLAYWRIGHT_|PW_|CI$|TEST_)/.test(name)),
  );
  const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'test', '--reporter=line', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...inherited, GRAPH_ENV_FILE: '/dev/null', FORCE_COLOR: '0', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => { resolve({ code, output }); }));
}

/** A private copy of the repository's fixtures, to damage without touching the real ones. */
export function copyFixtures(): string {
  const directory = mkdtempSync(join(tmpdir(), 'graph-contracts-fixtures-'));
  cpSync(join(PROJECT_ROOT, 'fixtures'), directory, { recursive: true });
  return directory;
}

export function editJson(path: string, edit: (data: Record<string, unknown>) => void): void {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(data);
  writeFileSync(path, JSON.stringify(data, null, 2));
}
