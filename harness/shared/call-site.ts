import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where in a spec something was called from: what Playwright's step `location` takes. */
export interface CallSite {
  file: string;
  line: number;
  column: number;
}

/**
 * The caller of `fn`, from a stack captured without formatting it: capturing is cheap, formatting
 * (source maps included) happens only when `describe` or `location` is asked for.
 */
export function captureCallSite(fn: (...args: never[]) => unknown): { stack?: string } {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, fn);
  return holder;
}

/** `error`, its stack replaced by the captured one: the report's code frame and location are the caller's. */
export function thrownAt<E extends Error>(error: E, site: { stack?: string }): E {
  error.stack = `${error.name}: ${error.message}${site.stack?.replace(/^.*/, '') ?? ''}`;
  return error;
}

/** The first frame of a captured stack: `at fn (file:///a%20b/x.ts:1:2)`, `at /a b/x.ts:1:2`, `at C:\a\x.ts:1:2`. */
export function callSiteOf(holder: { stack?: string }): CallSite | undefined {
  const frame = holder.stack?.split('\n')[1]?.trim() ?? '';
  const match = /^at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(frame);
  if (!match?.[1]) return undefined;
  // ES modules name their frames by URL: percent-encoded, with file:// in front.
  const file = match[1].startsWith('file:') ? fileURLToPath(match[1]) : match[1];
  return { file, line: Number(match[2]), column: Number(match[3]) };
}

/** `specs/create-connection.spec.ts:16:22`, relative to `from` when below it. */
export function describeCallSite(site: CallSite | undefined, from: string = process.cwd()): string {
  if (!site) return 'an unknown place';
  const below = relative(from, site.file);
  const file = below && !below.startsWith('..') && !isAbsolute(below) ? below.split(sep).join('/') : site.file;
  return `${file}:${site.line}:${site.column}`;
}
