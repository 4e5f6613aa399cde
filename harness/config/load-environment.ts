import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import dotenv from 'dotenv';
import { parseTestArguments, splitArguments } from './arguments.ts';
import { pathProblem, pathProblems, type PathRule } from './path-setting.ts';
import { loadSettings, SettingsError, type Settings } from './settings.ts';

/** Where the reports go, as the config (and merge.config.ts) reads them: each may be made, none may be the wrong kind; and the drift report the matrix reads. */
export const REPORT_PATHS: Readonly<Record<string, PathRule>> = {
  GRAPH_MATRIX_DIR: {
    kind: 'folder',
    use: 'write',
    fix: 'point it at a folder for contract-matrix.md and .json (made if missing), or unset it for test-results/',
  },
  PLAYWRIGHT_HTML_OUTPUT_DIR: {
    kind: 'folder',
    use: 'write',
    fix: 'point it at a folder for the HTML report (made if missing), or unset it for playwright-report/',
  },
  PLAYWRIGHT_JUNIT_OUTPUT_FILE: {
    kind: 'file',
    use: 'write',
    fix: 'point it at a file for the JUnit report (its folder is made if missing), or unset it for test-results/junit.xml',
  },
  PLAYWRIGHT_JSON_OUTPUT_FILE: {
    kind: 'file',
    use: 'write',
    fix: 'point it at a file for the JSON report (its folder is made if missing), or unset it for none',
  },
  PLAYWRIGHT_BLOB_OUTPUT_DIR: {
    kind: 'folder',
    use: 'write',
    fix: "point it at a folder for this shard's blob report (made if missing), or unset it for none",
  },
  // Read, not written: the night's metadata drift, which the matrix shows as its metadata column.
  GRAPH_METADATA_DRIFT_FILE: {
    kind: 'file',
    use: 'read',
    fix: 'point it at the metadata-drift.json npm run metadata:drift wrote, or unset it for a matrix without the metadata column',
  },
};

const ENV_FILE: PathRule = {
  kind: 'file',
  use: 'read',
  fix: 'point it at a file of settings (a copy of env.example), or unset it to read .env',
};

/**
 * Reads the env file (`GRAPH_ENV_FILE`, default `.env` beside the config; variables already set in
 * the shell win), then validates, the paths of the reports included. Called by playwright.config.ts,
 * so a bad setting stops the run before any test starts.
 */
export function loadEnvironment(projectDirectory: string): Settings {
  readEnvFile(projectDirectory);
  const problems: string[] = [];
  let settings: Settings | undefined;
  try {
    settings = loadSettings(process.env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    problems.push(...error.problems);
  }
  problems.push(...pathProblems(process.env, REPORT_PATHS));
  if (settings) problems.push(...commandLineProblems(process.argv, settings));
  if (problems.length > 0 || !settings) throw new SettingsError(problems);
  return settings;
}

/** A GRAPH_ENV_FILE that names nothing, or a folder, is refused: a file of settings silently not read would run with others. */
function readEnvFile(projectDirectory: string): void {
  const named = process.env.GRAPH_ENV_FILE?.trim();
  if (named) {
    const problem = pathProblem('GRAPH_ENV_FILE', named, ENV_FILE, projectDirectory);
    if (problem) throw new SettingsError([problem]);
    dotenv.config({ path: resolve(projectDirectory, named), quiet: true });
    return;
  }
  const envFile = resolve(projectDirectory, '.env');
  const found = statOrUndefined(envFile);
  if (found?.isDirectory())
    throw new SettingsError([`${envFile} is a folder, not a file of settings: remove it, or set GRAPH_ENV_FILE to the file to read.`]);
  if (found) dotenv.config({ path: envFile, quiet: true });
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
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
    exitWithMessage(error.message);
  }
}

/** For merge.config.ts: the reports' paths it writes to, checked before Playwright reads any blob. */
export function checkReportPathsOrExit(variables: readonly string[]): void {
  const rules = Object.fromEntries(Object.entries(REPORT_PATHS).filter(([name]) => variables.includes(name)));
  const problems = pathProblems(process.env, rules);
  if (problems.length > 0) exitWithMessage(new SettingsError(problems).message);
}

function exitWithMessage(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(BAD_SETTING_EXIT_CODE);
}
