import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLineProblems, loadEnvironment, REPORT_PATHS } from '../../harness/config/load-environment.ts';
import { loadSettings, SettingsError } from '../../harness/config/settings.ts';

test('defaults to replay against the public cloud', () => {
  expect(loadSettings({})).toEqual({
    mode: 'replay',
    baseUrl: 'https://graph.microsoft.com',
    fixturesDirectory: undefined,
    fixtureMaxAgeDays: 30,
    forbidOrphans: false,
    throttle: { maxWaitSeconds: 60, maxRetries: 3, budgetSeconds: 300 },
    answerTimeoutSeconds: 30,
  });
});

const tenant = '11111111-2222-3333-4444-555555555555';
const credential = {
  AZURE_TENANT_ID: tenant,
  AZURE_CLIENT_ID: '99999999-8888-7777-6666-555555555555',
  AZURE_CLIENT_SECRET: 's3cret',
  GRAPH_TEST_TENANT_ID: tenant,
};

test('reads each mode, ignoring surrounding blanks', () => {
  expect(loadSettings({ ...credential, GRAPH_MODE: 'live' }).mode).toBe('live');
  expect(loadSettings({ ...credential, GRAPH_MODE: ' record ' }).mode).toBe('record');
  expect(loadSettings({ GRAPH_MODE: '' }).mode).toBe('replay');
});

test('live and record check the credential and the test-tenant guard up front; replay needs neither', () => {
  expect(() => loadSettings({ GRAPH_MODE: 'live' })).toThrow('live and record need a credential');
  expect(() => loadSettings({ ...credential, GRAPH_MODE: 'record', GRAPH_TEST_TENANT_ID: undefined })).toThrow(
    'GRAPH_TEST_TENANT_ID is missing',
  );
  expect(loadSettings({ GRAPH_MODE: 'replay' }).mode).toBe('replay');
});

test('an unknown mode names the variable and the allowed values', () => {
  expect(() => loadSettings({ GRAPH_MODE: 'playback' })).toThrow(
    'GRAPH_MODE="playback" is not a mode: use one of replay, record, live (default replay).',
  );
});

test('a national cloud base URL is kept as its origin', () => {
  expect(loadSettings({ GRAPH_BASE_URL: 'https://graph.microsoft.us/' }).baseUrl).toBe('https://graph.microsoft.us');
});

test('a base URL that is not an https root is refused', () => {
  expect(() => loadSettings({ GRAPH_BASE_URL: 'graph.microsoft.com' })).toThrow('GRAPH_BASE_URL="graph.microsoft.com" is not a URL');
  expect(() => loadSettings({ GRAPH_BASE_URL: 'http://graph.microsoft.com' })).toThrow('must use https');
  expect(() => loadSettings({ GRAPH_BASE_URL: 'https://graph.microsoft.com/beta' })).toThrow('must be the root only');
});

test('malformed numbers are refused with their range', () => {
  expect(() => loadSettings({ GRAPH_MAX_RETRY_AFTER_SECONDS: '1.5' })).toThrow(
    'GRAPH_MAX_RETRY_AFTER_SECONDS="1.5" must be a whole number from 0 to 600 (default 60).',
  );
  expect(() => loadSettings({ GRAPH_MAX_THROTTLE_RETRIES: '11' })).toThrow(
    'GRAPH_MAX_THROTTLE_RETRIES="11" must be a whole number from 0 to 10',
  );
  expect(() => loadSettings({ GRAPH_THROTTLE_BUDGET_SECONDS: 'lots' })).toThrow(
    'GRAPH_THROTTLE_BUDGET_SECONDS="lots" must be a whole number from 0 to 3600 (default 300).',
  );
  expect(() => loadSettings({ GRAPH_FIXTURE_MAX_AGE_DAYS: '0' })).toThrow(
    'GRAPH_FIXTURE_MAX_AGE_DAYS="0" must be a whole number from 1 to 3650 (default 30).',
  );
  expect(() => loadSettings({ GRAPH_FORBID_ORPHANS: 'maybe' })).toThrow(
    'GRAPH_FORBID_ORPHANS="maybe" must be true or false (default false).',
  );
  expect(loadSettings({ GRAPH_FORBID_ORPHANS: 'TRUE' }).forbidOrphans).toBe(true);
});

test('the answer bound is a whole number of seconds, at least one: a zero bound would stop every sign-in', () => {
  expect(loadSettings({ GRAPH_ANSWER_TIMEOUT_SECONDS: '90' }).answerTimeoutSeconds).toBe(90);
  for (const value of ['0', '2.5', 'forever', '601'])
    expect(() => loadSettings({ GRAPH_ANSWER_TIMEOUT_SECONDS: value })).toThrow(
      `GRAPH_ANSWER_TIMEOUT_SECONDS=${JSON.stringify(value)} must be a whole number from 1 to 600 (default 30).`,
    );
});

test('every problem is reported at once', () => {
  let caught: unknown;
  try {
    loadSettings({ GRAPH_MODE: 'x', GRAPH_BASE_URL: 'nope', GRAPH_MAX_THROTTLE_RETRIES: '-1' });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SettingsError);
  expect((caught as SettingsError).problems).toHaveLength(3);
  expect((caught as SettingsError).message).toMatch(/^graph-contracts cannot start: 3 settings are invalid\./);
  expect((caught as SettingsError).message).toContain('see env.example');
});

test('against the service, --reporter is refused (it would drop the redacting reporter); --add-reporter and replay are fine', () => {
  const argv = (...args: string[]) => ['node', 'playwright', 'test', ...args];
  expect(commandLineProblems(argv('--reporter=html'), { mode: 'live' })).toEqual([
    "--reporter replaces the configured reporters, among them the one that keeps the token out of Playwright's own call logs: in live mode use --add-reporter instead (or PLAYWRIGHT_JSON_OUTPUT_FILE, PLAYWRIGHT_BLOB_OUTPUT_DIR).",
  ]);
  expect(commandLineProblems(argv('--reporter', 'dot'), { mode: 'record' })).toHaveLength(1);
  expect(commandLineProblems(argv('--add-reporter=dot'), { mode: 'live' })).toEqual([]);
  expect(commandLineProblems(argv('--reporter=dot'), { mode: 'replay' })).toEqual([]);
  expect(commandLineProblems(argv('--', '--reporter=dot'), { mode: 'live' })).toEqual([]);
});

test("a settings message never prints a URL's userinfo, query or fragment", () => {
  for (const url of [
    'https://graph.example/?token=planted-query',
    'https://user:planted-password@graph.example',
    'http://graph.example/#planted-fragment',
    'not a url?token=planted-text',
  ]) {
    let message = '';
    try {
      loadSettings({ GRAPH_BASE_URL: url });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message, url).toContain('GRAPH_BASE_URL=');
    expect(message, url).not.toContain('planted');
  }
});

test('GRAPH_FIXTURES_DIR: replay reads the folder, so it must exist; record may make it; live reads no fixture', () => {
  const folder = test.info().outputPath('fixtures');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'one.json');
  writeFileSync(file, '{}');
  const missing = join(folder, 'new');
  expect(loadSettings({ GRAPH_FIXTURES_DIR: folder }).fixturesDirectory).toBe(folder);
  expect(() => loadSettings({ GRAPH_FIXTURES_DIR: missing })).toThrow(
    `GRAPH_FIXTURES_DIR=${JSON.stringify(missing)} names no folder: point it at the folder of replay fixtures, or unset it for the repository's fixtures/.`,
  );
  expect(() => loadSettings({ GRAPH_FIXTURES_DIR: file })).toThrow(`GRAPH_FIXTURES_DIR=${JSON.stringify(file)} names a file, not a folder`);
  expect(loadSettings({ ...credential, GRAPH_MODE: 'record', GRAPH_FIXTURES_DIR: missing }).fixturesDirectory).toBe(missing);
  expect(() => loadSettings({ ...credential, GRAPH_MODE: 'record', GRAPH_FIXTURES_DIR: file })).toThrow('names a file, not a folder');
  expect(loadSettings({ ...credential, GRAPH_MODE: 'live', GRAPH_FIXTURES_DIR: file }).fixturesDirectory).toBe(file);
});

/** Runs `body` with these variables as the only GRAPH_*, PLAYWRIGHT_* and AZURE_* ones, then puts the process's own back. */
function withEnvironment<T>(variables: Record<string, string>, body: () => T): T {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (/^(GRAPH_|PLAYWRIGHT_|AZURE_)/.test(name)) Reflect.deleteProperty(process.env, name);
  Object.assign(process.env, variables);
  try {
    return body();
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in saved)) Reflect.deleteProperty(process.env, name);
    Object.assign(process.env, saved);
  }
}

function loadProblems(projectDirectory: string, variables: Record<string, string>): readonly string[] {
  try {
    withEnvironment(variables, () => loadEnvironment(projectDirectory));
    return [];
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
}

test('GRAPH_ENV_FILE must name a file: a folder, or nothing, stops the run instead of being ignored', () => {
  const project = test.info().outputPath('project');
  mkdirSync(join(project, 'settings'), { recursive: true });
  writeFileSync(join(project, 'cloud.env'), 'GRAPH_MAX_THROTTLE_RETRIES=5\n');
  expect(withEnvironment({ GRAPH_ENV_FILE: 'cloud.env' }, () => loadEnvironment(project).throttle.maxRetries)).toBe(5);
  expect(loadProblems(project, { GRAPH_ENV_FILE: 'settings' })).toEqual([
    `GRAPH_ENV_FILE="settings" names a folder, not a file (looked for ${join(project, 'settings')}): point it at a file of settings (a copy of env.example), or unset it to read .env.`,
  ]);
  expect(loadProblems(project, { GRAPH_ENV_FILE: 'nope.env' })).toEqual([
    `GRAPH_ENV_FILE="nope.env" names no file (looked for ${join(project, 'nope.env')}): point it at a file of settings (a copy of env.example), or unset it to read .env.`,
  ]);
  mkdirSync(join(project, '.env'));
  expect(loadProblems(project, {})).toEqual([
    `${join(project, '.env')} is a folder, not a file of settings: remove it, or set GRAPH_ENV_FILE to the file to read.`,
  ]);
});

test('where the reports go is checked with the other settings, all problems together', () => {
  const project = test.info().outputPath('reports');
  mkdirSync(project, { recursive: true });
  const file = join(project, 'a-file');
  writeFileSync(file, 'x');
  const problems = loadProblems(project, {
    GRAPH_MODE: 'playback',
    GRAPH_MATRIX_DIR: file,
    PLAYWRIGHT_HTML_OUTPUT_DIR: join(file, 'html'),
    PLAYWRIGHT_JUNIT_OUTPUT_FILE: project,
    PLAYWRIGHT_JSON_OUTPUT_FILE: join(project, 'new', 'report.json'),
    PLAYWRIGHT_BLOB_OUTPUT_DIR: join(project, 'blobs'),
  });
  expect(problems).toEqual([
    expect.stringMatching(/^GRAPH_MODE="playback" is not a mode/),
    `GRAPH_MATRIX_DIR=${JSON.stringify(file)} names a file, not a folder: ${REPORT_PATHS.GRAPH_MATRIX_DIR?.fix ?? ''}.`,
    expect.stringMatching(
      /^PLAYWRIGHT_HTML_OUTPUT_DIR=".*" cannot be made: \S*a-file is not a folder: point it at a folder for the HTML report/,
    ),
    expect.stringMatching(/^PLAYWRIGHT_JUNIT_OUTPUT_FILE=".*" names a folder, not a file: point it at a file for the JUnit report/),
  ]);
});
