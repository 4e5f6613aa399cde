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

/** The first frame of a captured stack. */
export function callSiteOf(holder: { stack?: string }): CallSite | undefined {
  const frame = holder.stack?.split('\n')[1] ?? '';
  const match = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(frame);
  if (!match?.[1]) return undefined;
  return { file: match[1].replace(/^file:\/\//, ''), line: Number(match[2]), column: Number(match[3]) };
}

/** `specs/create-connection.spec.ts:16:22`, relative to `from`. */
export function describeCallSite(site: CallSite | undefined, from: string = process.cwd()): string {
  if (!site) return 'an unknown place';
  const file = site.file.startsWith(`${from}/`) ? site.file.slice(from.length + 1) : site.file;
  return `${file}:${site.line}:${site.column}`;
}
