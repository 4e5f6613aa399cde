/**
 * The suite's settings, read from environment variables once and validated before any test runs.
 * Every problem is reported together, each naming its variable and what would fix it.
 */
import { readCredentialSource } from './credential-source.ts';
import { pathProblem } from './path-setting.ts';
import type { ThrottleSettings } from '../transport/throttle.ts';
import { displayUrl } from '../shared/display-url.ts';
import { present, type Environment } from './environment.ts';

export type { Environment } from './environment.ts';

export const MODES = ['replay', 'record', 'live'] as const;
export type Mode = (typeof MODES)[number];

/** Where replayed fixtures point, whatever cloud they were recorded against. */
export const CANONICAL_GRAPH_BASE_URL = 'https://graph.microsoft.com';

export interface Settings {
  mode: Mode;
  /** Scheme and host of Graph, no trailing slash, no version: `https://graph.microsoft.com`. */
  baseUrl: string;
  /** Where replay reads and record writes fixtures; the repository's `fixtures/` when unset. */
  fixturesDirectory: string | undefined;
  /** A recording older than this many days is reported (documented-example fixtures never expire). */
  fixtureMaxAgeDays: number;
  /** A fixture file no test uses fails the run instead of being reported (CI sets it). */
  forbidOrphans: boolean;
  throttle: ThrottleSettings;
  /**
   * How long the sign-in, the preflight and the sweep wait for Entra ID, Graph or the ID-token
   * endpoint to answer one request before they stop (harness/auth/wait-bounds.ts has the connect bound).
   */
  answerTimeoutSeconds: number;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
  constructor(readonly problems: readonly string[]) {
    super(
      [
        `graph-contracts cannot start: ${problems.length === 1 ? 'one setting is' : `${problems.length} settings are`} invalid.`,
        ...problems.map((problem) => `  - ${problem}`),
        'Set them in your shell or in .env (see env.example), then run again.',
      ].join('\n'),
    );
  }
}

export function loadSettings(env: Environment): Settings {
  const problems: string[] = [];
  const settings: Settings = {
    mode: readMode(env, problems),
    baseUrl: readBaseUrl(env, problems),
    fixturesDirectory: readFixturesDirectory(env, problems),
    fixtureMaxAgeDays: readInteger(env, 'GRAPH_FIXTURE_MAX_AGE_DAYS', 30, { min: 1, max: 3650 }, problems),
    forbidOrphans: readBoolean(env, 'GRAPH_FORBID_ORPHANS', false, problems),
    throttle: {
      maxWaitSeconds: readInteger(env, 'GRAPH_MAX_RETRY_AFTER_SECONDS', 60, { min: 0, max: 600 }, problems),
      maxRetries: readInteger(env, 'GRAPH_MAX_THROTTLE_RETRIES', 3, { min: 0, max: 10 }, problems),
      budgetSeconds: readInteger(env, 'GRAPH_THROTTLE_BUDGET_SECONDS', 300, { min: 0, max: 3600 }, problems),
    },
    answerTimeoutSeconds: readInteger(env, 'GRAPH_ANSWER_TIMEOUT_SECONDS', 30, { min: 1, max: 600 }, problems),
  };
  // Live and record write to a tenant: their credential and the test-tenant guard are checked up front too.
  if (settings.mode !== 'replay') problems.push(...readCredentialSource(env).problems);
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

function readMode(env: Environment, problems: string[]): Mode {
  const value = present(env, 'GRAPH_MODE') ?? 'replay';
  if ((MODES as readonly string[]).includes(value)) return value as Mode;
  problems.push(`GRAPH_MODE=${JSON.stringify(value)} is not a mode: use one of ${MODES.join(', ')} (default replay).`);
  return 'replay';
}

function readBaseUrl(env: Environment, problems: string[]): string {
  const value = present(env, 'GRAPH_BASE_URL') ?? CANONICAL_GRAPH_BASE_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(
      `GRAPH_BASE_URL=${JSON.stringify(displayUrl(value))} is not a URL: use the cloud's Graph root, such as ${CANONICAL_GRAPH_BASE_URL}.`,
    );
    return CANONICAL_GRAPH_BASE_URL;
  }
  if (url.protocol !== 'https:') {
    problems.push(`GRAPH_BASE_URL=${JSON.stringify(displayUrl(value))} must use https (bearer tokens never travel in clear).`);
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    problems.push(
      `GRAPH_BASE_URL=${JSON.stringify(displayUrl(value))} must be the root only, with no user, query or fragment, such as ${CANONICAL_GRAPH_BASE_URL}: each spec adds the version its page documents.`,
    );
  }
  return url.origin;
}

/** Replay reads the folder, so it must exist; record writes it, so it may be made; live reads no fixture. */
function readFixturesDirectory(env: Environment, problems: string[]): string | undefined {
  const value = present(env, 'GRAPH_FIXTURES_DIR');
  const mode = present(env, 'GRAPH_MODE') ?? 'replay';
  if (value === undefined || mode === 'live') return value;
  const problem = pathProblem('GRAPH_FIXTURES_DIR', value, {
    kind: 'folder',
    use: mode === 'record' ? 'write' : 'read',
    fix: "point it at the folder of replay fixtures, or unset it for the repository's fixtures/",
  });
  if (problem) problems.push(problem);
  return value;
}

function readBoolean(env: Environment, name: string, fallback: boolean, problems: string[]): boolean {
  const value = present(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  problems.push(`${name}=${JSON.stringify(value)} must be true or false (default ${fallback}).`);
  return fallback;
}

function readInteger(env: Environment, name: string, fallback: number, range: { min: number; max: number }, problems: string[]): number {
  const value = present(env, name);
  if (value === undefined) return fallback;
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isInteger(parsed) && parsed >= range.min && parsed <= range.max) return parsed;
  problems.push(`${name}=${JSON.stringify(value)} must be a whole number from ${range.min} to ${range.max} (default ${fallback}).`);
  return fallback;
}
