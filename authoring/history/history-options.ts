import { HistoryError } from './history-file.ts';

/** Runs a history command's body: bad input (a HistoryError, an option parseArgs refuses) is one line and exit status 2, no stack. */
export function runHistoryCommand(command: string, usage: string, body: () => void): void {
  try {
    body();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (!(error instanceof HistoryError) && !(typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) throw error;
    console.error(`${command}: ${(error as Error).message}${error instanceof HistoryError ? '' : `. Usage: ${usage}`}`);
    process.exitCode = 2;
  }
}

export function requiredOption(value: string | undefined, option: string, what: string): string {
  if (value === undefined || value === '') throw new HistoryError(`${option} is required: ${what}.`);
  return value;
}

/** `2026-05-01`, a real date. */
export function nightOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    throw new HistoryError(
      `--night ${JSON.stringify(value)} is not a date: give it as YYYY-MM-DD (2026-05-01), or leave it out for the matrix's own date.`,
    );
  return value;
}

/** An http(s) URL, normalized, or nothing: an empty value (an unset workflow output) is nothing too. */
export function urlOption(value: string | undefined, option: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HistoryError(`${option} ${JSON.stringify(value)} is not a URL: give the whole https://… address.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new HistoryError(`${option} ${JSON.stringify(value)} is not a web address: give an https://… URL.`);
  // As the URL parser writes it (a quote or a space percent-encoded): what the history's schema reads back as a URI.
  return url.href;
}

/** How many nights to keep: a whole number from 1 to 1000. */
export function keepOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1000)
    throw new HistoryError(
      `--keep ${JSON.stringify(value)} is not a number of nights: give a whole number from 1 to 1000 (default ${fallback}).`,
    );
  return Number(value);
}
