import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestPki } from './certificates.ts';
import { startHttpsServer, type LocalHttpsServer, type Stall, type StalledExchange, type Stalling } from './https-server.ts';

/**
 * GitHub's REST API for a repository's issues, on loopback, as `npm run alerts` calls it
 * (docs/stand-ins.md, "GitHub's REST API"; each answer cites docs.github.com/en/rest):
 *
 * - `GET /repos/{owner}/{repo}/issues?state&sort&direction&per_page&page`: "List repository
 *   issues", by creation, newest first unless `direction=asc`, pull requests among them (with a
 *   `pull_request` key), each with its author (`user.login`), 30 a page by default and at most 100,
 *   a `Link` header with `rel="next"` while more pages follow ("Using pagination in the REST API");
 * - `GET /repos/{owner}/{repo}/issues/{n}/comments`: "List issue comments", oldest first, paged alike;
 * - `POST /repos/{owner}/{repo}/issues` `{ title, body, labels }`: "Create an issue", 201, or 422
 *   "Validation Failed" without a title;
 * - `PATCH /repos/{owner}/{repo}/issues/{issue_number}` `{ body, state, state_reason }`: "Update an
 *   issue", 200, 404 for a number it does not have;
 * - `POST /repos/{owner}/{repo}/issues/{issue_number}/comments` `{ body }`: "Create an issue
 *   comment", 201.
 *
 * Every request needs `Authorization: Bearer <token>` (or `token <token>`), else 401 "Bad
 * credentials" ("Authenticating to the REST API"). What a real day may do is a switch: a secondary
 * rate limit (403 with `retry-after`, "Rate limits for the REST API"), an answer a test chooses,
 * and the stalls every stand-in has.
 */
export interface StoredIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  comments: string[];
  /** A pull request: the issues list returns it too. */
  pullRequest?: boolean;
  /** Who opened it (`user.login`): the token's bot for what the alerts open; a test seeds others. */
  author: string;
}

export interface GitHubRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  accept: string | undefined;
  apiVersion: string | undefined;
  userAgent: string | undefined;
  body: unknown;
}

const ISSUES = /^\/repos\/([^/]+)\/([^/]+)\/issues$/;
const ISSUE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/;
const COMMENTS = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/;

export class GitHubApiStandIn implements Stalling {
  /** Whom the job's token acts as: what it opens is opened by this login ("Automatic token authentication"). */
  static readonly BOT = 'github-actions[bot]';
  readonly token = `ghs_${randomBytes(18).toString('base64url')}`;
  readonly repository = 'contoso/graph-contracts';
  readonly issues: StoredIssue[] = [];
  readonly requests: GitHubRequest[] = [];
  /** The next request of the method given (any, by default) is refused by a secondary rate limit, with this retry-after. */
  rateLimitNext: { method?: string; status: 403 | 429; retryAfter: string } | undefined;
  /** The next request (of the method given; any, by default) is answered this way, whatever it asks. */
  answerNext: { method?: string; status: number; body: unknown } | undefined;
  stall: Stall | undefined;
  readonly stalled: StalledExchange[] = [];
  private server: LocalHttpsServer | undefined;

  constructor(private readonly pki: TestPki) {}

  /** What GITHUB_API_URL is set to. */
  get apiUrl(): string {
    return this.server?.origin ?? '';
  }

  async start(): Promise<void> {
    this.server = await startHttpsServer(
      this.pki,
      (request, body, response) => {
        this.answer(request, body, response);
      },
      this,
    );
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  /** An issue (or pull request) already there, as a test sets the repository up. */
  seed(issue: Omit<StoredIssue, 'number' | 'comments' | 'state_reason' | 'labels' | 'author'> & Partial<StoredIssue>): StoredIssue {
    const stored: StoredIssue = {
      comments: [],
      state_reason: null,
      labels: [],
      author: GitHubApiStandIn.BOT,
      ...issue,
      number: this.issues.length + 1,
    };
    this.issues.push(stored);
    return stored;
  }

  /** The mutative requests (POST, PATCH) in order, as `METHOD path`. */
  mutations(): string[] {
    return this.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`);
  }

  private answer(request: IncomingMessage, text: string, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const method = request.method ?? 'GET';
    const header = (name: string) => (typeof request.headers[name] === 'string' ? request.headers[name] : undefined);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    this.requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: header('authorization'),
      accept: header('accept'),
      apiVersion: header('x-github-api-version'),
      userAgent: header('user-agent'),
      body,
    });
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(json));
    };
    const authorization = header('authorization') ?? '';
    if (authorization !== `Bearer ${this.token}` && authorization !== `token ${this.token}`) {
      send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
      return;
    }
    if (this.rateLimitNext && (this.rateLimitNext.method ?? method) === method) {
      const { status, retryAfter } = this.rateLimitNext;
      this.rateLimitNext = undefined;
      send(
        status,
        {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
          status: String(status),
        },
        { 'retry-after': retryAfter },
      );
      return;
    }
    if (this.answerNext && (this.answerNext.method ?? method) === method) {
      const { status, body: json } = this.answerNext;
      this.answerNext = undefined;
      send(status, json);
      return;
    }
    const list = ISSUES.exec(url.pathname);
    const one = ISSUE.exec(url.pathname);
    const comments = COMMENTS.exec(url.pathname);
    const repository = (list ?? one ?? comments)?.slice(1, 3).join('/');
    if (repository !== this.repository) {
      send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      return;
    }
    const fields = (body ?? {}) as Partial<{
      title: string;
      body: string;
      labels: string[];
      state: 'open' | 'closed';
      state_reason: string;
    }>;
    if (list && method === 'GET') {
      this.list(url, send);
      return;
    }
    if (list && method === 'POST') {
      if (typeof fields.title !== 'string' || fields.title === '') {
        send(422, { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }], status: '422' });
        return;
      }
      const issue = this.seed({ title: fields.title, body: fields.body ?? '', state: 'open', labels: fields.labels ?? [] });
      send(201, this.json(issue, url));
      return;
    }
    const issue = this.issues.find((candidate) => candidate.number === Number((one ?? comments)?.[3]));
    if (!issue) {
      send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/issues/issues#update-an-issue', status: '404' });
      return;
    }
    if (one && method === 'PATCH') {
      if (fields.body !== undefined) issue.body = fields.body;
      if (fields.title !== undefined) issue.title = fields.title;
      // state_reason is ignored unless state changes (Update an issue).
      if (fields.state !== undefined && fields.state !== issue.state) {
        issue.state = fields.state;
        issue.state_reason = fields.state_reason ?? (fields.state === 'closed' ? 'completed' : 'reopened');
      }
      send(200, this.json(issue, url));
      return;
    }
    if (comments && method === 'GET') {
      // "List issue comments": oldest first, paged as the issues are.
      this.page(
        url,
        issue.comments.map((comment, index) => ({
          id: 1001 + index,
          body: comment,
          user: { login: GitHubApiStandIn.BOT },
          html_url: `${this.htmlUrl(issue)}#issuecomment-${1001 + index}`,
        })),
        send,
      );
      return;
    }
    if (comments && method === 'POST') {
      issue.comments.push(fields.body ?? '');
      send(201, {
        id: 1000 + issue.comments.length,
        body: fields.body ?? '',
        html_url: `${this.htmlUrl(issue)}#issuecomment-${1000 + issue.comments.length}`,
      });
      return;
    }
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
  }

  private list(url: URL, send: (status: number, json: unknown, headers?: Record<string, string>) => void): void {
    const state = url.searchParams.get('state') ?? 'open';
    // By creation (the numbers' order), newest first unless asked: `sort` defaults to created, `direction` to desc.
    const oldestFirst = url.searchParams.get('direction') === 'asc';
    const matching = (oldestFirst ? [...this.issues] : [...this.issues].reverse()).filter(
      (issue) => state === 'all' || issue.state === state,
    );
    this.page(
      url,
      matching.map((issue) => this.json(issue, url)),
      send,
    );
  }

  /** One page of a list, with the Link header "Using pagination in the REST API" describes. */
  private page(url: URL, items: unknown[], send: (status: number, json: unknown, headers?: Record<string, string>) => void): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30);
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number) => {
      const next = new URL(url.href.replace('https://127.0.0.1', this.apiUrl));
      next.searchParams.set('page', String(n));
      next.searchParams.set('per_page', String(perPage));
      return next.href;
    };
    const headers: Record<string, string> = page < last ? { link: `<${link(page + 1)}>; rel="next", <${link(last)}>; rel="last"` } : {};
    send(200, items.slice((page - 1) * perPage, page * perPage), headers);
  }

  private htmlUrl(issue: StoredIssue): string {
    return `https://github.com/${this.repository}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`;
  }

  /** An issue as the API answers it: the fields the alerts read, and enough of the rest to look like one. */
  private json(issue: StoredIssue, url: URL): Record<string, unknown> {
    return {
      id: 9_000 + issue.number,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state_reason,
      labels: issue.labels.map((name) => ({ name })),
      comments: issue.comments.length,
      html_url: this.htmlUrl(issue),
      url: `${url.origin}/repos/${this.repository}/issues/${issue.number}`,
      user: { login: issue.author },
      ...(issue.pullRequest ? { pull_request: { url: `${url.origin}/repos/${this.repository}/pulls/${issue.number}` } } : {}),
    };
  }
}
