import { expect, test } from '@playwright/test';
import { GitHubApiError, GitHubIssues } from '../../authoring/alerts/github-issues.ts';
import { Redactor } from '../../harness/redaction/redact.ts';

/** GitHubIssues with fetch answered from a script (nothing leaves the process) and its waits recorded, not slept. */
function scripted(answers: { status: number; body: unknown; headers?: Record<string, string> }[]) {
  const sent: string[] = [];
  const waited: number[] = [];
  const lines: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((url: string | URL, init?: RequestInit) => {
    sent.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    const next = answers.shift();
    if (!next) return Promise.reject(new Error('no answer scripted'));
    return Promise.resolve(new Response(JSON.stringify(next.body), { status: next.status, headers: next.headers ?? {} }));
  }) as typeof fetch;
  const github = new GitHubIssues({
    settings: {
      apiUrl: 'https://127.0.0.1:9',
      repository: 'contoso/graph-contracts',
      token: 'ghs_scripted',
      author: 'github-actions[bot]',
      answerTimeoutMs: 5000,
    },
    redactor: new Redactor({ secrets: ['ghs_scripted'] }),
    log: (line) => lines.push(line),
    sleep: (ms) => {
      waited.push(ms);
      return Promise.resolve();
    },
  });
  return { github, sent, waited, lines, restore: () => (globalThis.fetch = realFetch) };
}

const SECONDARY = {
  message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
};
const CREATED = {
  status: 201,
  body: { number: 7, html_url: 'https://github.com/contoso/graph-contracts/issues/7', user: { login: 'github-actions[bot]' } },
};

test("a secondary rate limit without retry-after is waited out a minute, as GitHub's docs ask, and said", async () => {
  const { github, sent, waited, lines, restore } = scripted([{ status: 403, body: SECONDARY }, CREATED]);
  try {
    const issue = await github.create('Contract alert: x', 'body', []);
    expect(issue.number).toBe(7);
    expect(sent).toEqual(['POST /repos/contoso/graph-contracts/issues', 'POST /repos/contoso/graph-contracts/issues']);
    expect(waited).toEqual([60_000]);
    expect(lines).toEqual([
      "alerts: GitHub's secondary rate limit (403) without retry-after: waiting 60 s, at least the minute GitHub asks, before POST /repos/contoso/graph-contracts/issues again",
    ]);
  } finally {
    restore();
  }
});

test('rate limits are waited out twice at most, then one message; a 403 that is not a rate limit is not waited', async () => {
  const limited = scripted([
    { status: 403, body: SECONDARY },
    { status: 429, body: SECONDARY, headers: { 'retry-after': '5' } },
    { status: 403, body: SECONDARY },
  ]);
  try {
    const error = await limited.github.create('Contract alert: x', 'body', []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as Error).message).toBe(
      'GitHub answered 403 to POST /repos/contoso/graph-contracts/issues: You have exceeded a secondary rate limit. Please wait a few minutes before you try again.: still rate-limited after waiting twice (65 s): run the alerts again later',
    );
    expect(limited.waited).toEqual([60_000, 5_000]);
    expect(limited.sent).toHaveLength(3);
  } finally {
    limited.restore();
  }

  const denied = scripted([{ status: 403, body: { message: 'Resource not accessible by integration' } }]);
  try {
    const error = await denied.github.create('Contract alert: x', 'body', []).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain(
      'Resource not accessible by integration: check GITHUB_REPOSITORY, and that the token may write its issues',
    );
    expect(denied.waited).toEqual([]);
  } finally {
    denied.restore();
  }

  // A retry-after longer than the alerts wait is not waited: the job would time out.
  const long = scripted([{ status: 429, body: SECONDARY, headers: { 'retry-after': '900' } }]);
  try {
    const error = await long.github.create('Contract alert: x', 'body', []).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain(
      "GitHub's rate limit asks to wait 900 s (retry-after), longer than the alerts wait (at most 120 s): run them again later",
    );
    expect(long.waited).toEqual([]);
  } finally {
    long.restore();
  }
});
