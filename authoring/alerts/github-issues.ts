import { setTimeout as sleep } from 'node:timers/promises';
import type { Redactor } from '../../harness/redaction/redact.ts';
import type { ExistingIssue } from './alert-plan.ts';
import type { AlertSettings } from './alert-settings.ts';

/**
 * The few calls of GitHub's REST API the alerts make, with Node's fetch (docs.github.com/en/rest):
 * "List repository issues" (following `Link: rel="next"`, "Using pagination in the REST API"),
 * "Create an issue", "Update an issue", "Create an issue comment". Requests go one at a time, with
 * a second's pause before each that changes something, and a 403 or 429 that says how long to wait
 * (`retry-after`, or `x-ratelimit-reset` with none remaining) is waited out, or a minute for a
 * secondary rate limit that names no time, up to two minutes a wait and twice ("Best practices for
 * using the REST API", "Rate limits for the REST API"). Every request
 * has one bound for connecting and answering. What fails is one message, the token redacted.
 */
export class GitHubApiError extends Error {
  override name = 'GitHubApiError';
}

/** GitHub's REST API version this code was written against (the `X-GitHub-Api-Version` header). */
const API_VERSION = '2022-11-28';
const PER_PAGE = 100;
/** How many pages of open issues the alerts read: a repository with more fails the run, rather than have an alert issue missed (and opened twice). */
const MAX_PAGES = 20;
/** "If you are making a large number of POST, PATCH, PUT, or DELETE requests, wait at least one second between each request." */
const MUTATION_PAUSE_MS = 1000;
/** The longest one rate-limit wait the alerts make: two of them stay well inside the alerts job's ten minutes. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 120;
const MAX_RATE_LIMIT_WAITS = 2;
/** "Otherwise, wait for at least one minute before retrying": a secondary limit that names no time. */
const SECONDARY_LIMIT_WAIT_SECONDS = 60;

export interface GitHubIssuesOptions {
  settings: AlertSettings;
  redactor: Redactor;
  log: (line: string) => void;
  /** How a wait is waited (a test records it instead). */
  sleep?: (ms: number) => Promise<void>;
}

interface Answer {
  status: number;
  headers: Headers;
  json: unknown;
}

export class GitHubIssues {
  private mutated = false;

  constructor(private readonly options: GitHubIssuesOptions) {}

  /**
   * The open issues of the repository (pull requests left out), every page, oldest first; more than
   * MAX_PAGES pages is a GitHubApiError, since an alert issue beyond them would be opened again.
   */
  async listOpen(): Promise<ExistingIssue[]> {
    const issues: ExistingIssue[] = [];
    let url: string | undefined = `${this.repositoryPath()}/issues?state=open&sort=created&direction=asc&per_page=${PER_PAGE}`;
    for (let page = 0; url !== undefined; page++) {
      if (page === MAX_PAGES) {
        throw new GitHubApiError(
          `${this.options.settings.repository} has more than ${MAX_PAGES * PER_PAGE} open issues: the alerts read ${MAX_PAGES} pages of ${PER_PAGE} and stop rather than miss one of their own and open it twice: close the issues no one will act on, then run the alerts again`,
        );
      }
      const answer = await this.request('GET', url);
      for (const item of Array.isArray(answer.json) ? (answer.json as Record<string, unknown>[]) : []) {
        if (item.pull_request !== undefined || typeof item.number !== 'number') continue;
        const user = item.user as { login?: unknown } | null | undefined;
        issues.push({
          number: item.number,
          title: typeof item.title === 'string' ? item.title : '',
          body: typeof item.body === 'string' ? item.body : '',
          html_url: typeof item.html_url === 'string' ? item.html_url : '',
          author: typeof user?.login === 'string' ? user.login : '',
        });
      }
      url = nextLink(answer.headers.get('link'));
    }
    return issues;
  }

  async create(title: string, body: string, labels: string[]): Promise<ExistingIssue> {
    const answer = await this.request('POST', `${this.repositoryPath()}/issues`, { title, body, labels });
    const json = answer.json as Partial<ExistingIssue> & { user?: { login?: string } };
    return { number: Number(json.number), title, body, html_url: json.html_url ?? '', author: json.user?.login ?? '' };
  }

  async update(
    number: number,
    fields: { body?: string; state?: 'open' | 'closed'; state_reason?: 'completed' | 'not_planned' | 'reopened' },
  ): Promise<void> {
    await this.request('PATCH', `${this.repositoryPath()}/issues/${number}`, fields);
  }

  /** The bodies of an issue's comments, every page, oldest first ("List issue comments"). */
  async commentsOf(number: number): Promise<string[]> {
    const bodies: string[] = [];
    let url: string | undefined = `${this.repositoryPath()}/issues/${number}/comments?per_page=${PER_PAGE}`;
    for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
      const answer = await this.request('GET', url);
      for (const item of Array.isArray(answer.json) ? (answer.json as { body?: unknown }[]) : [])
        if (typeof item.body === 'string') bodies.push(item.body);
      url = nextLink(answer.headers.get('link'));
    }
    return bodies;
  }

  async comment(number: number, body: string): Promise<void> {
    await this.request('POST', `${this.repositoryPath()}/issues/${number}/comments`, { body });
  }

  private repositoryPath(): string {
    return `${this.options.settings.apiUrl}/repos/${this.options.settings.repository}`;
  }

  private async request(method: string, url: string, body?: unknown): Promise<Answer> {
    const wait = this.options.sleep ?? ((ms: number) => sleep(ms));
    if (method !== 'GET') {
      if (this.mutated) await wait(MUTATION_PAUSE_MS);
      this.mutated = true;
    }
    let waited = 0;
    for (let waits = 0; ; waits++) {
      const answer = await this.once(method, url, body);
      if (answer.status >= 200 && answer.status < 300) return answer;
      const limit = rateLimitWait(answer);
      if (limit !== undefined && waits < MAX_RATE_LIMIT_WAITS && limit.seconds <= MAX_RATE_LIMIT_WAIT_SECONDS) {
        this.options.log(
          limit.header === undefined
            ? `alerts: GitHub's secondary rate limit (${answer.status}) without retry-after: waiting ${limit.seconds} s, at least the minute GitHub asks, before ${method} ${pathOf(url)} again`
            : `alerts: GitHub's rate limit (${answer.status}): waiting ${limit.seconds} s, as its ${limit.header} says, before ${method} ${pathOf(url)} again`,
        );
        await wait(limit.seconds * 1000);
        waited += limit.seconds;
        continue;
      }
      const advice =
        limit !== undefined && waits >= MAX_RATE_LIMIT_WAITS
          ? `still rate-limited after waiting twice (${waited} s): run the alerts again later`
          : whatToDo(answer, limit);
      throw new GitHubApiError(
        this.redact(`GitHub answered ${answer.status} to ${method} ${pathOf(url)}: ${messageOf(answer.json)}: ${advice}`),
      );
    }
  }

  private async once(method: string, url: string, body: unknown): Promise<Answer> {
    const { settings } = this.options;
    const host = new URL(url).host;
    const seconds = settings.answerTimeoutMs / 1000;
    let response: Response;
    let text: string;
    try {
      const signal = AbortSignal.timeout(settings.answerTimeoutMs);
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${settings.token}`,
          'x-github-api-version': API_VERSION,
          'user-agent': 'graph-contracts (npm run alerts)',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'follow',
        signal,
      });
      text = await response.text();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new GitHubApiError(
          `no answer from GitHub (${host}) to ${method} ${pathOf(url)} within ${seconds} s: check GITHUB_API_URL and the network, or raise GRAPH_ALERTS_ANSWER_TIMEOUT_SECONDS`,
        );
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new GitHubApiError(
        this.redact(
          `cannot reach GitHub (${host}) for ${method} ${pathOf(url)} (${cause?.code ?? cause?.message ?? (error as Error).message}): check GITHUB_API_URL and the network`,
        ),
      );
    }
    let json: unknown = text;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      // A proxy's HTML page, say: its text is the message.
    }
    return { status: response.status, headers: response.headers, json };
  }

  private redact(text: string): string {
    return this.options.redactor.text(text);
  }
}

/** `rel="next"` of a Link header: `<https://api.github.com/…&page=2>; rel="next", <…>; rel="last"`. */
export function nextLink(header: string | null): string | undefined {
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * How long a 403 or 429 asks to wait ("Rate limits for the REST API"): retry-after first, else the
 * primary limit's reset when none remain, else a minute when the answer says it is a secondary rate
 * limit (`header` undefined); a 403 that is none of these is a refusal, not a limit.
 */
function rateLimitWait(answer: Answer): { seconds: number; header?: string } | undefined {
  if (answer.status !== 403 && answer.status !== 429) return undefined;
  const retryAfter = answer.headers.get('retry-after');
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) return { seconds: Number(retryAfter), header: 'retry-after' };
  const reset = answer.headers.get('x-ratelimit-reset');
  if (answer.headers.get('x-ratelimit-remaining') === '0' && reset !== null && /^\d+$/.test(reset)) {
    return { seconds: Math.max(0, Number(reset) - Math.floor(Date.now() / 1000)), header: 'x-ratelimit-reset' };
  }
  if (/secondary rate limit/i.test(messageOf(answer.json))) return { seconds: SECONDARY_LIMIT_WAIT_SECONDS };
  return undefined;
}

function whatToDo(answer: Answer, wait: { seconds: number; header?: string } | undefined): string {
  if (wait !== undefined)
    return `GitHub's rate limit asks to wait ${wait.seconds} s (${wait.header ?? 'a secondary limit'}), longer than the alerts wait (at most ${MAX_RATE_LIMIT_WAIT_SECONDS} s): run them again later`;
  if (answer.status === 401) return "check GITHUB_TOKEN (in the nightly, the job's github.token with permissions issues: write)";
  if (answer.status === 403 || answer.status === 404)
    return 'check GITHUB_REPOSITORY, and that the token may write its issues (in the nightly, permissions issues: write on the alerts job)';
  if (answer.status >= 500) return 'GitHub is failing; run the alerts again later';
  return 'check GITHUB_API_URL and GITHUB_REPOSITORY';
}

function messageOf(json: unknown): string {
  if (typeof json === 'object' && json !== null && typeof (json as { message?: unknown }).message === 'string')
    return (json as { message: string }).message;
  if (typeof json === 'string' && json.trim() !== '') return json.trim().slice(0, 200);
  return 'no message';
}

function pathOf(url: string): string {
  return new URL(url).pathname;
}
