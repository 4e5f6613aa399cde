import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { displayPath } from '../shared/display-path.ts';

/**
 * What a variable naming a path must name: something to read, which must exist, or somewhere to
 * write, made if missing (then its nearest existing folder must be a folder Node can write to).
 */
export interface PathRule {
  kind: 'file' | 'folder';
  use: 'read' | 'write';
  /** What to do instead, in the words the message ends with: `point it at …, or unset it for …`. */
  fix: string;
}

/**
 * The problem with `variable=value` for its rule, or undefined when there is none. A relative path
 * is read from `base` (what the code that uses it resolves it from), and the message says where it looked.
 */
export function pathProblem(variable: string, value: string, rule: PathRule, base: string = process.cwd()): string | undefined {
  const path = resolve(base, value);
  const named = `${variable}=${JSON.stringify(value)}`;
  const looked = isAbsolute(value) ? '' : ` (looked for ${path})`;
  const found = stat(path);
  if (found === 'missing') {
    if (rule.use === 'read') return `${named} names no ${rule.kind}${looked}: ${rule.fix}.`;
    const blocker = nearestExisting(dirname(path));
    if (blocker.stats === 'unreadable' || !blocker.stats.isDirectory())
      return `${named} cannot be made: ${displayPath(blocker.path)} is not a folder: ${rule.fix}.`;
    if (!accessible(blocker.path, constants.W_OK))
      return `${named} cannot be made: ${displayPath(blocker.path)} is not writable: ${rule.fix}.`;
    return undefined;
  }
  if (found === 'unreadable') return `${named} cannot be looked at${looked}: ${rule.fix}.`;
  const isFolder = found.isDirectory();
  if (rule.kind === 'folder' && !isFolder) return `${named} names a file, not a folder${looked}: ${rule.fix}.`;
  if (rule.kind === 'file' && isFolder) return `${named} names a folder, not a file${looked}: ${rule.fix}.`;
  const mode = rule.use === 'read' ? constants.R_OK : constants.W_OK;
  if (!accessible(path, mode)) return `${named} names a ${rule.kind} this user cannot ${rule.use}${looked}: ${rule.fix}.`;
  return undefined;
}

/** Every problem among the variables set in `env`, in the order given; unset or blank variables have none. */
export function pathProblems(
  env: Readonly<Record<string, string | undefined>>,
  rules: Readonly<Record<string, PathRule>>,
  base?: string,
): string[] {
  return Object.entries(rules).flatMap(([variable, rule]) => {
    const value = env[variable]?.trim();
    const problem = value ? pathProblem(variable, value, rule, base) : undefined;
    return problem === undefined ? [] : [problem];
  });
}

function stat(path: string): Stats | 'missing' | 'unreadable' {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a file stands where a folder of the path should be; the path cannot exist.
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable';
  }
}

function nearestExisting(path: string): { path: string; stats: Stats | 'unreadable' } {
  for (let current = path; ; current = dirname(current)) {
    const found = stat(current);
    if (found !== 'missing' || dirname(current) === current) return { path: current, stats: found === 'missing' ? 'unreadable' : found };
  }
}

function accessible(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}
