import { cpSync, readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, scratchDirectory } from './run-suite.ts';

/** What a checkout holds that is no part of the project: git's own folder, the installed packages, and what runs write. */
const NOT_COPIED = new Set(['.git', 'node_modules', 'test-results', 'playwright-report', 'blob-report', 'all-blob-reports', '.env']);

/** A checkout to write into, under the running test's output folder: the project's files copied, its node_modules linked. */
export function projectCopy(): string {
  const root = scratchDirectory('project');
  for (const entry of readdirSync(PROJECT_ROOT))
    if (!NOT_COPIED.has(entry)) cpSync(join(PROJECT_ROOT, entry), join(root, entry), { recursive: true });
  symlinkSync(realpathSync(join(PROJECT_ROOT, 'node_modules')), join(root, 'node_modules'));
  return root;
}
