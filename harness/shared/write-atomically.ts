import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `<file>.<pid>.partial`: what writeAtomically writes before the rename; left behind only by a killed process. */
const PARTIAL = /\.\d+\.partial$/;

/** Written beside and renamed into place: a reader, or an interrupted run, never sees half a file. */
export function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  // The process id keeps parallel workers writing the same file from sharing a partial one.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, path);
}

export function isPartial(path: string): boolean {
  return PARTIAL.test(path);
}

/**
 * Removes the partial files below `directory` that a killed process left (never a fixture, never
 * a change), and returns them. `olderThanMs` spares a write another run has in flight right now.
 */
export function removePartials(directory: string, olderThanMs = 0, now = Date.now()): string[] {
  if (!existsSync(directory)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
    const path = join(directory, name);
    if (!isPartial(path)) continue;
    if (now - statSync(path).mtimeMs < olderThanMs) continue;
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed.sort();
}
