import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { parseTestArguments, splitArguments } from './arguments.ts';
import { loadSettings, SettingsError, type Settings } from './settings.ts';

/**
 * Reads the env file (`GRAPH_ENV_FILE`, default `.env` beside the config; variables already set in
 * the shell win), then validates. Called by playwright.config.ts, so a bad setting stops the run
 * before any test starts.
 */
export function loadEnvironment(projectDirectory: string): Settings {
  const envFile = resolve(projectDirectory, process.env.GRAPH_ENV_FILE ?? '.env');
  if (existsSync(envFile)) dotenv.config({ path: envFile, quiet: true });
  else if (process.env.GRAPH_ENV_FILE)
    throw new SettingsError([`GRAPH_ENV_FILE=${JSON.stringify(process.env.GRAPH_ENV_FILE)} names no file (looked for ${envFile}).`]);
  const settings = loadSettings(process.env);
  const problems = commandLineProblems(process.argv, settings);
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

/**
 * What the command line may not ask for against the service: `--reporter` replaces the configured
 * reporters, the one that redacts Playwright's own call logs (which list the Authorization header)
 * among them; a trace (`--trace`, or `--ui`, which always records one) keeps every request's headers
 * and bodies, unredacted, in zips no reporter sees. Replay has no secret to keep.
 */
export function commandLineProblems(argv: readonly string[], settings: Pick<Settings, 'mode'>): string[] {
  if (settings.mode === 'replay') return [];
  const given = parseTestArguments(splitArguments(argv).playwright)?.options ?? [];
  const problems: string[] = [];
  if (given.some((option) => option.name === '--reporter')) {
    problems.push(
      `--reporter replaces the configured reporters, among them the one that keeps the token out of Playwright's own call logs: in ${settings.mode} mode use --add-reporter instead (or PLAYWRIGHT_JSON_OUTPUT_FILE, PLAYWRIGHT_BLOB_OUTPUT_DIR).`,
    );
  }
  const trace = given.find((option) => (option.name === '--trace' && option.value !== 'off') || option.name === '--ui');
  if (trace) {
    problems.push(
      `${trace.value === undefined ? trace.name : `${trace.name} ${trace.value}`}: a trace records every request's headers and bodies, the bearer token and the secrets a test sends among them: in ${settings.mode} mode run without it, and read the HTML report's exchanges (redacted); replay (GRAPH_MODE=replay) may trace.`,
    );
  }
  return problems;
}

/** Exit status of a run stopped by a bad setting; 1 stays Playwright's "a test failed". */
export const BAD_SETTING_EXIT_CODE = 2;

/**
 * For entry points: a bad setting prints its one message and ends the process, rather than a
 * stack trace of whatever loaded the config.
 */
export function loadEnvironmentOrExit(projectDirectory: string): Settings {
  try {
    return loadEnvironment(projectDirectory);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(BAD_SETTING_EXIT_CODE);
  }
}
