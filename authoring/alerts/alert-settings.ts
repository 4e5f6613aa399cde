import { present, type Environment } from '../../harness/config/environment.ts';
import { SettingsError } from '../../harness/config/settings.ts';
import { readHttpsUrl } from '../metadata/metadata-settings.ts';
import { WORKFLOW_BOT } from './alert-plan.ts';

/**
 * Where npm run alerts opens its issues, as the GitHub Actions runner sets it (GITHUB_API_URL,
 * GITHUB_REPOSITORY) and the nightly passes the job's token (GITHUB_TOKEN), and whose issues are
 * alert issues (GRAPH_ALERTS_AUTHOR); validated together, before any request. The token's value is
 * never in a message.
 */
export interface AlertSettings {
  /** `https://api.github.com`, or a GitHub Enterprise Server's `https://host/api/v3`. */
  apiUrl: string;
  /** `owner/name`. */
  repository: string;
  token: string;
  /** Whose issues are alert issues: the login the token acts as (GRAPH_ALERTS_AUTHOR, default github-actions[bot]). */
  author: string;
  /** How long one request may take, connecting included. */
  answerTimeoutMs: number;
}

export const DEFAULT_API_URL = 'https://api.github.com';
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** A GitHub login: a user's, or an app's bot (`name[bot]`). */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

export function readAlertSettings(env: Environment): AlertSettings {
  const problems: string[] = [];
  const apiUrl = readHttpsUrl(env, 'GITHUB_API_URL', DEFAULT_API_URL, { root: false, added: 'repos/<owner>/<name>/issues' }, problems);
  const repository = present(env, 'GITHUB_REPOSITORY');
  if (repository === undefined)
    problems.push(
      'GITHUB_REPOSITORY is not set: set it to the repository the issues go to, as owner/name (the runner sets it in GitHub Actions).',
    );
  else if (!REPOSITORY.test(repository))
    problems.push(
      `GITHUB_REPOSITORY=${JSON.stringify(repository)} is not owner/name: set it to the repository the issues go to, such as contoso/graph-contracts.`,
    );
  const token = present(env, 'GITHUB_TOKEN');
  if (token === undefined)
    problems.push(
      "GITHUB_TOKEN is not set: in the nightly, pass the job's token (env: GITHUB_TOKEN: ${{ github.token }}, with permissions issues: write); elsewhere, a token that may write the repository's issues.",
    );
  const author = present(env, 'GRAPH_ALERTS_AUTHOR') ?? WORKFLOW_BOT;
  if (!LOGIN.test(author))
    problems.push(
      `GRAPH_ALERTS_AUTHOR=${JSON.stringify(author)} is not a GitHub login: name the account the token opens issues as, such as ${WORKFLOW_BOT} (the default) or a user's login for a personal token.`,
    );
  const seconds = readSeconds(env, problems);
  if (problems.length > 0 || repository === undefined || token === undefined) throw new SettingsError(problems);
  return { apiUrl, repository, token, author, answerTimeoutMs: seconds * 1000 };
}

function readSeconds(env: Environment, problems: string[]): number {
  const name = 'GRAPH_ALERTS_ANSWER_TIMEOUT_SECONDS';
  const value = present(env, name);
  if (value === undefined) return 30;
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 300) return Number(value);
  problems.push(`${name}=${JSON.stringify(value)} must be a whole number of seconds from 1 to 300 (default 30).`);
  return 30;
}
