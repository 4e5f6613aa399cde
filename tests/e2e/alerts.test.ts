import { writeFileSync } from 'node:fs';
import { historyText } from '../../authoring/history/history-file.ts';
import type { NightRecord } from '../../authoring/history/night-record.ts';
import type { TestPki } from '../stand-ins/certificates.ts';
import { GitHubApiStandIn } from '../stand-ins/github-api-stand-in.ts';
import { alertNights, CONNECTIONS, CONNECTORS, SILENT, type NightPlan } from '../support/alert-nights.ts';
import { runProject, TSX, type SuiteRun } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';

/** npm run alerts as the nightly runs it, against a stand-in for GitHub's REST API, on histories written for each case. */

async function withGitHub<T>(pki: TestPki, use: (github: GitHubApiStandIn) => Promise<T>): Promise<T> {
  const github = new GitHubApiStandIn(pki);
  await github.start();
  try {
    return await use(github);
  } finally {
    await github.stop();
  }
}

function envOf(github: GitHubApiStandIn, pki: TestPki, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_API_URL: github.apiUrl,
    GITHUB_REPOSITORY: github.repository,
    GITHUB_TOKEN: github.token,
    NODE_EXTRA_CA_CERTS: pki.serverCertPath,
    ...extra,
  };
}

/** Writes the history's first `nights` nights and runs the alerts on it. */
function alertsOn(history: NightRecord[], nights: number, env: Record<string, string>, ...args: string[]): Promise<SuiteRun> {
  const file = test.info().outputPath(`nights-${nights}.jsonl`);
  writeFileSync(file, historyText(history.slice(0, nights)));
  return runProject(() => [TSX, 'scripts/alerts.ts', '--history', file, ...args], env);
}

test('an issue per operation: opened the night it turns red, left alone while nothing changes, updated with what is new, closed when green', async ({
  pki,
}) => {
  const plans: NightPlan[] = [
    { duplicate: 'pass', drift: { checked: true } },
    { duplicate: 'fail', drift: { checked: true } },
    { duplicate: 'fail', drift: { checked: true } },
    { duplicate: 'fail', connector: 'divergence gone', drift: { checked: true } },
    { duplicate: 'pass', connector: 'pass', leftover: true, drift: { checked: true }, metadata: [SILENT] },
    { duplicate: 'pass', connector: 'pass', drift: { checked: true } },
  ];
  const history = alertNights(plans);
  await withGitHub(pki, async (github) => {
    // The repository already has an issue and a pull request of its own: neither is an alert.
    github.seed({ title: 'Document the sweep', body: 'by hand', state: 'open' });
    github.seed({ title: 'Bump Playwright', body: 'a pull request', state: 'open', pullRequest: true });
    const env = envOf(github, pki);

    const first = await alertsOn(history, 1, env);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain(
      'alerts: the night of 2026-05-01: 2 operations green; 0 alert issues open.\nalerts: nothing to open, update or close.',
    );
    expect(github.mutations()).toEqual([]);

    // A dry run reads the issues and says what it would do, and sends nothing else.
    const dry = await alertsOn(history, 2, env, '--dry-run');
    expect(dry.code, dry.output).toBe(0);
    expect(dry.output).toContain(`alerts: would open Contract alert: ${CONNECTIONS} (1 fails)\n`);
    expect(github.mutations()).toEqual([]);

    const second = await alertsOn(history, 2, env);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain(
      `alerts: opened #3 Contract alert: ${CONNECTIONS} (1 fails) https://github.com/contoso/graph-contracts/issues/3`,
    );
    const opened = github.requests.find((request) => request.method === 'POST');
    // What was sent, as GitHub's REST docs ask it: the media type, the API version, a user agent, the token as a bearer.
    expect(opened).toMatchObject({
      path: '/repos/contoso/graph-contracts/issues',
      authorization: `Bearer ${github.token}`,
      accept: 'application/vnd.github+json',
      apiVersion: '2022-11-28',
      userAgent: expect.stringMatching(/^graph-contracts/),
      body: {
        title: `Contract alert: ${CONNECTIONS}`,
        labels: ['contract-alert'],
        body: expect.stringContaining('is red since **2026-05-02**'),
      },
    });
    const issue = github.issues[2];
    expect(issue?.body).toContain(
      '- ❌ fails: 409 for a second create with the same id — fail: Expected 409, received 400 (request-id r1b) (since 2026-05-02)',
    );
    expect(issue?.body).toContain('  - `POST /beta/external/connections → 400, request-id r1b`');
    expect(issue?.body).toContain(
      'Night of 2026-05-02: [its report](https://github.com/contoso/graph-contracts/actions/runs/101/artifacts/201) · [its run](https://github.com/contoso/graph-contracts/actions/runs/101)',
    );

    // The same night again, and a night where nothing changed: nothing is sent but the list.
    const before = github.mutations().length;
    expect((await alertsOn(history, 2, env)).code).toBe(0);
    const third = await alertsOn(history, 3, env);
    expect(third.output).toContain('alerts: nothing to open, update or close.');
    expect(github.mutations()).toHaveLength(before);

    const fourth = await alertsOn(history, 4, env);
    expect(fourth.output).toContain(`alerts: opened #4 Contract alert: ${CONNECTORS} (1 divergence gone)`);

    // Night 5: the connection is green (closed); the API connector's divergence is gone, but it left something behind and its metadata changed silently (updated).
    const fifth = await alertsOn(history, 5, env);
    expect(fifth.code, fifth.output).toBe(0);
    expect(fifth.output).toContain(`alerts: closed #3 Contract alert: ${CONNECTIONS}: green again`);
    expect(fifth.output).toContain(`alerts: updated #4 Contract alert: ${CONNECTORS}: new: 🧹 left behind`);
    expect(github.issues[2]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(github.issues[2]?.comments.at(-1)).toMatch(
      /^\*\*Night of 2026-05-05\*\* \(\[its report\]\(.*\) · \[its run\]\(.*\)\): green again/,
    );
    expect(github.issues[3]?.comments.at(-1)).toContain(
      '- new: 🔇 silent metadata change: microsoft.graph.pkcs12CertificateInformation: property isActive removed',
    );
    expect(github.issues[3]?.comments.at(-1)).toContain('- no longer: 🔔 divergence gone: 201 creates the API connector');
    // Red since the divergence went: what is wrong changed, the streak did not.
    expect(github.issues[3]?.body).toContain('is red since **2026-05-04**');

    const sixth = await alertsOn(history, 6, env);
    expect(sixth.output).toContain(`alerts: closed #4 Contract alert: ${CONNECTORS}: green again`);
    expect(github.issues.map((one) => [one.number, one.state])).toEqual([
      [1, 'open'],
      [2, 'open'],
      [3, 'closed'],
      [4, 'closed'],
    ]);
    // Each update and close is a comment, then the body; opening is one request.
    expect(github.mutations()).toEqual([
      'POST /repos/contoso/graph-contracts/issues',
      'POST /repos/contoso/graph-contracts/issues',
      'POST /repos/contoso/graph-contracts/issues/3/comments',
      'PATCH /repos/contoso/graph-contracts/issues/3',
      'POST /repos/contoso/graph-contracts/issues/4/comments',
      'PATCH /repos/contoso/graph-contracts/issues/4',
      'POST /repos/contoso/graph-contracts/issues/4/comments',
      'PATCH /repos/contoso/graph-contracts/issues/4',
    ]);
    expect(github.requests.filter((request) => request.method === 'PATCH').map((request) => request.body)).toEqual([
      { body: expect.stringContaining('green again since **2026-05-05**'), state: 'closed', state_reason: 'completed' },
      { body: expect.stringContaining('is red since **2026-05-04**') },
      { body: expect.stringContaining('green again since **2026-05-06**'), state: 'closed', state_reason: 'completed' },
    ]);
  });
});

test('a night that could not test: one run-level issue, updated the next such night, closed by the next night that tests; no operation is judged', async ({
  pki,
}) => {
  const why = 'no token from Entra ID; nothing was sent to Graph. AADSTS7000215: Invalid client secret provided. (invalid_client)';
  const history = alertNights([
    { duplicate: 'pass' },
    { duplicate: 'pass', notTested: why },
    { duplicate: 'pass', notTested: why },
    { duplicate: 'pass' },
  ]);
  await withGitHub(pki, async (github) => {
    const env = envOf(github, pki);

    const second = await alertsOn(history, 2, env);
    expect(second.output).toContain(`alerts: the night of 2026-05-02 could not test: ${why}`);
    expect(second.output).toContain('alerts: opened #1 Contract alert: the nightly run could not test');
    const third = await alertsOn(history, 3, env);
    expect(third.output).toContain('alerts: updated #1 Contract alert: the nightly run could not test');
    const fourth = await alertsOn(history, 4, env);
    expect(fourth.output).toContain('alerts: closed #1 Contract alert: the nightly run could not test');

    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.comments).toEqual([
      expect.stringContaining(`**Night of 2026-05-03** ([its report]`),
      expect.stringContaining('**Night of 2026-05-04**'),
    ]);
  });
});

test('an alert issue beyond the first page of the list is found by following the Link header, never opened twice', async ({ pki }) => {
  const history = alertNights([{ duplicate: 'fail' }, { duplicate: 'fail', connector: 'fail' }]);
  await withGitHub(pki, async (github) => {
    const env = envOf(github, pki);
    expect((await alertsOn(history, 1, env)).code).toBe(0);
    for (let index = 0; index < 120; index++) github.seed({ title: `Unrelated ${index}`, body: '', state: 'open' });

    const run = await alertsOn(history, 2, env);

    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`alerts: opened #122 Contract alert: ${CONNECTORS}`);
    expect(run.output).not.toContain(`Contract alert: ${CONNECTIONS}`);
    // Oldest first, so that an operation's first issue comes before any duplicate.
    const listed = { state: 'open', sort: 'created', direction: 'asc', per_page: '100' };
    expect(github.requests.filter((request) => request.method === 'GET').map((request) => request.query)).toEqual([
      listed,
      listed,
      { ...listed, page: '2' },
    ]);
  });
});

test('a night with no contract matrix (no history night): --could-not-test opens the run-level issue, the same run again changes nothing, the next night that tests closes it', async ({
  pki,
}) => {
  const runUrl = 'https://github.com/contoso/graph-contracts/actions/runs/1001';
  const why = 'the night has no contract matrix: the report job failure, the history job failure';
  const history = alertNights([{ duplicate: 'pass' }, { duplicate: 'pass' }]);
  await withGitHub(pki, async (github) => {
    const env = envOf(github, pki, { GITHUB_RUN_ID: '1001' });
    const noMatrix = () => runProject(() => [TSX, 'scripts/alerts.ts', '--could-not-test', why, '--run-url', runUrl], env);

    const first = await noMatrix();
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(new RegExp(`alerts: the night of \\d{4}-\\d{2}-\\d{2} \\(run 1001\\) could not test: ${why}`));
    expect(first.output).toContain('alerts: opened #1 Contract alert: the nightly run could not test');
    expect(github.issues[0]?.body).toContain(`could not test: ${why}`);
    expect(github.issues[0]?.body).toContain(`[its run](${runUrl})`);
    // A re-run of the job (the same run) neither comments nor edits again.
    const before = github.mutations().length;
    const again = await noMatrix();
    expect(again.code, again.output).toBe(0);
    expect(github.mutations()).toHaveLength(before);

    const tested = await alertsOn(history, 2, env);
    expect(tested.output).toContain('alerts: closed #1 Contract alert: the nightly run could not test');
  });
  const bad = await runProject(() => [TSX, 'scripts/alerts.ts', '--could-not-test', ''], {
    GITHUB_TOKEN: 'ghs_x',
    GITHUB_REPOSITORY: 'contoso/graph-contracts',
  });
  expect(bad.code).toBe(2);
  expect(bad.output).toContain('alerts: --could-not-test needs the reason the night has no matrix');
});

test('a comment posted before its issue could be updated is not posted again by the re-run: the update finishes with the comment already there', async ({
  pki,
}) => {
  const history = alertNights([{ duplicate: 'fail' }, { duplicate: 'pass' }]);
  await withGitHub(pki, async (github) => {
    const env = envOf(github, pki);
    expect((await alertsOn(history, 1, env)).code).toBe(0);
    github.answerNext = { method: 'PATCH', status: 502, body: { message: 'Server Error' } };

    const failed = await alertsOn(history, 2, env);
    expect(failed.code).toBe(1);
    expect(github.issues[0]?.comments).toHaveLength(1);
    expect(github.issues[0]?.state).toBe('open');

    const rerun = await alertsOn(history, 2, env);
    expect(rerun.code, rerun.output).toBe(0);
    expect(rerun.output).toContain(`alerts: closed #1 Contract alert: ${CONNECTIONS}: green again`);
    expect(github.issues[0]?.comments).toHaveLength(1);
    expect(github.issues[0]?.state).toBe('closed');
    // The re-run read the issue's comments, found its own, and only finished the close.
    expect(github.mutations().slice(-1)).toEqual(['PATCH /repos/contoso/graph-contracts/issues/1']);
    expect(github.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/comments'))).toHaveLength(2);
  });
});

test('more open issues than the alerts read: one message, exit 1, nothing opened, rather than an alert issue missed and opened twice', async ({
  pki,
}) => {
  const history = alertNights([{ duplicate: 'fail' }]);
  await withGitHub(pki, async (github) => {
    for (let index = 0; index < 2001; index++) github.seed({ title: `Unrelated ${index}`, body: '', state: 'open' });

    const run = await alertsOn(history, 1, envOf(github, pki));

    expect(run.code).toBe(1);
    expect(run.output.trim()).toBe(
      'alerts: contoso/graph-contracts has more than 2000 open issues: the alerts read 20 pages of 100 and stop rather than miss one of their own and open it twice: close the issues no one will act on, then run the alerts again (nothing was opened, updated or closed).',
    );
    expect(github.requests.filter((request) => request.method === 'GET')).toHaveLength(20);
    expect(github.mutations()).toEqual([]);
  });
});

test("an alert issue is the oldest open one the workflow's bot opened: a marker planted by someone else is left alone and named", async ({
  pki,
}) => {
  const history = alertNights([{ duplicate: 'fail' }, { duplicate: 'pass' }]);
  await withGitHub(pki, async (github) => {
    const env = envOf(github, pki);
    expect((await alertsOn(history, 1, env)).code).toBe(0);
    const [ours] = github.issues;
    // A duplicate the bot opened later, and a copy of the marker in an issue someone else opened (a public repository takes anyone's issue).
    github.seed({ title: 'Contract alert: a duplicate', body: ours?.body ?? '', state: 'open' });
    github.seed({ title: 'Planted', body: (ours?.body ?? '').replace('fail aaaaaaaaaaa2', 'nothing'), state: 'open', author: 'mallory' });
    const before = github.mutations().length;

    const run = await alertsOn(history, 2, env);

    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(
      'alerts: #3 carries an alert marker but was opened by mallory, not github-actions[bot]: left alone (GRAPH_ALERTS_AUTHOR names whose issues the alerts keep).',
    );
    expect(run.output).toContain(`alerts: closed #1 Contract alert: ${CONNECTIONS}: green again`);
    expect(github.issues.map((issue) => [issue.number, issue.state])).toEqual([
      [1, 'closed'],
      [2, 'open'],
      [3, 'open'],
    ]);
    expect(github.mutations().slice(before)).toEqual([
      'POST /repos/contoso/graph-contracts/issues/1/comments',
      'PATCH /repos/contoso/graph-contracts/issues/1',
    ]);
  });
});

test("GitHub's secondary rate limit is waited out as its retry-after says, once, and said", async ({ pki }) => {
  const history = alertNights([{ duplicate: 'pass' }, { duplicate: 'fail' }]);
  await withGitHub(pki, async (github) => {
    github.rateLimitNext = { method: 'POST', status: 403, retryAfter: '1' };

    const run = await alertsOn(history, 2, envOf(github, pki));

    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(
      "alerts: GitHub's rate limit (403): waiting 1 s, as its retry-after says, before POST /repos/contoso/graph-contracts/issues again",
    );
    expect(github.mutations()).toEqual(['POST /repos/contoso/graph-contracts/issues', 'POST /repos/contoso/graph-contracts/issues']);
    expect(github.issues).toHaveLength(1);
  });
});

test('a failed request is one message naming the request, the answer and what to check; the token is never printed, even when the answer holds it', async ({
  pki,
}) => {
  const history = alertNights([{ duplicate: 'pass' }, { duplicate: 'fail' }]);
  await withGitHub(pki, async (github) => {
    github.answerNext = { status: 500, body: { message: `internal error for Bearer ${github.token}` } };

    const run = await alertsOn(history, 2, envOf(github, pki));

    expect(run.code).toBe(1);
    expect(run.output.trim()).toBe(
      `alerts: GitHub answered 500 to GET /repos/contoso/graph-contracts/issues: internal error for Bearer REDACTED: GitHub is failing; run the alerts again later (nothing was opened, updated or closed).`,
    );
    expect(run.output).not.toContain(github.token);
    expect(github.requests[0]?.authorization).toBe(`Bearer ${github.token}`);

    const refused = await alertsOn(history, 2, envOf(github, pki, { GITHUB_TOKEN: 'ghs_not-the-token-of-this-run' }));
    expect(refused.code).toBe(1);
    expect(refused.output.trim()).toBe(
      "alerts: GitHub answered 401 to GET /repos/contoso/graph-contracts/issues: Bad credentials: check GITHUB_TOKEN (in the nightly, the job's github.token with permissions issues: write) (nothing was opened, updated or closed).",
    );
  });
});

test('a GitHub that takes the request and never answers: the wait ends at its bound with one message', async ({ pki }) => {
  const history = alertNights([{ duplicate: 'pass' }, { duplicate: 'fail' }]);
  await withGitHub(pki, async (github) => {
    github.stall = { at: 'answer' };

    const run = await alertsOn(history, 2, envOf(github, pki, { GRAPH_ALERTS_ANSWER_TIMEOUT_SECONDS: '1' }));

    expect(run.code).toBe(1);
    const host = new URL(github.apiUrl).host;
    expect(run.output.trim()).toBe(
      `alerts: no answer from GitHub (${host}) to GET /repos/contoso/graph-contracts/issues within 1 s: check GITHUB_API_URL and the network, or raise GRAPH_ALERTS_ANSWER_TIMEOUT_SECONDS (nothing was opened, updated or closed).`,
    );
    expect(github.stalled).toEqual([{ at: 'answer', method: 'GET', path: '/repos/contoso/graph-contracts/issues' }]);
  });
});

test('bad settings and arguments: one message and exit 2, before any request', async ({}, testInfo) => {
  const history = testInfo.outputPath('nights.jsonl');
  writeFileSync(history, historyText(alertNights([{ duplicate: 'fail' }])));
  const run = (env: Record<string, string>, ...args: string[]) => runProject(() => [TSX, 'scripts/alerts.ts', ...args], env);

  const settings = await run(
    { GITHUB_REPOSITORY: 'contoso', GITHUB_API_URL: 'http://127.0.0.1:9/?token=planted', GRAPH_ALERTS_AUTHOR: 'the bot' },
    '--history',
    history,
  );
  expect(settings.code).toBe(2);
  expect(settings.output).toContain(
    "GITHUB_TOKEN is not set: in the nightly, pass the job's token (env: GITHUB_TOKEN: ${{ github.token }}, with permissions issues: write); elsewhere, a token that may write the repository's issues.",
  );
  expect(settings.output).toContain(
    'GITHUB_REPOSITORY="contoso" is not owner/name: set it to the repository the issues go to, such as contoso/graph-contracts',
  );
  expect(settings.output).toContain('GITHUB_API_URL="http://127.0.0.1:9/?…" must use https, such as https://api.github.com.');
  expect(settings.output).toContain(
    'GRAPH_ALERTS_AUTHOR="the bot" is not a GitHub login: name the account the token opens issues as, such as github-actions[bot] (the default) or a user\'s login for a personal token.',
  );
  expect(settings.output).not.toContain('planted');

  const missing = await run({ GITHUB_TOKEN: 'ghs_x', GITHUB_REPOSITORY: 'contoso/graph-contracts' });
  expect(missing.code).toBe(2);
  expect(missing.output.trim()).toBe(
    'alerts: --history is required: name the history file npm run history:append keeps.\nUsage: npm run alerts -- --history <file.jsonl> [--dry-run], or -- --could-not-test <why> [--run-url <url>] [--dry-run]',
  );
  const empty = await run(
    { GITHUB_TOKEN: 'ghs_x', GITHUB_REPOSITORY: 'contoso/graph-contracts' },
    '--history',
    testInfo.outputPath('none.jsonl'),
  );
  expect(empty.code).toBe(2);
  expect(empty.output.trim()).toMatch(/^alerts: \S*none\.jsonl does not exist: give --history the file npm run history:append keeps\.$/);
  writeFileSync(testInfo.outputPath('empty.jsonl'), '');
  const none = await run(
    { GITHUB_TOKEN: 'ghs_x', GITHUB_REPOSITORY: 'contoso/graph-contracts' },
    '--history',
    testInfo.outputPath('empty.jsonl'),
  );
  expect(none.code).toBe(2);
  expect(none.output.trim()).toMatch(/^alerts: \S*empty\.jsonl holds no night: npm run history:append adds one from a contract matrix\.$/);
});
