import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ENTRA_AUDIENCE } from '../../harness/auth/github-oidc.ts';
import { answering, forbidden, leftovers } from '../stand-ins/graph-stand-in.ts';
import { copyFixtures, editJson, runSuite, testsOf, type SuiteRun } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';
import { GREEN_TOTALS, SUITE_TEST_TITLES } from '../support/suite-facts.ts';
import { ANNOTATION } from '../../harness/shared/annotations.ts';

const CREATE_CONNECTION = 'specs/create-connection.spec.ts';
const CREATE_API_CONNECTOR = 'specs/create-identityapiconnector.spec.ts';
/** Create connection's plain create and its quirk, the two tests that create with a body the service accepts first time or not. */
const CREATE_AND_QUIRK = ['-g', '201 creates|503 for'];
/** Create identityApiConnector's basic-authentication create. */
const BASIC_API_CONNECTOR = ['-g', '201 creates the API connector'];
/** The tests of Create identityApiConnector that send the worker's token, so a 403 reaches them: basic, certificate, lifecycle. */
const API_CONNECTOR_TESTS_WITH_TOKEN = 3;

/** Each test's outcome and reason, by title, from the run's contract matrix. */
function verdicts(run: SuiteRun): Record<string, { outcome: string; reason: string }> {
  return Object.fromEntries(
    run.matrix().operations.flatMap((row) => row.tests.map((t) => [t.title, { outcome: t.outcome, reason: t.reason }])),
  );
}

test.describe('the service could not be asked: not tested, with its reason', () => {
  test('a 403 is not tested, naming the request-id; the other operations are still judged', async ({ standIns }) => {
    standIns.graph.answerOverride = answering('POST', '/beta/identity/apiConnectors', forbidden());

    const run = await runSuite(await standIns.env('secret'));

    expect(run.code).toBe(1);
    const requestId = standIns.graph.log.find((r) => r.path === '/beta/identity/apiConnectors')?.requestId ?? '?';
    expect(verdicts(run)['201 creates the API connector and never echoes its password']).toEqual({
      outcome: 'not tested',
      reason: `the token lacks a permission this operation needs: POST /beta/identity/apiConnectors answered 403 Forbidden (error code Authorization_RequestDenied, request-id ${requestId}), where the contract asserts 201.`,
    });
    expect(run.matrix().totals).toEqual({
      ...GREEN_TOTALS,
      'not tested': API_CONNECTOR_TESTS_WITH_TOKEN,
      pass: GREEN_TOTALS.pass - API_CONNECTOR_TESTS_WITH_TOKEN,
    });
    // JUnit carries the same first line, the report the annotation.
    expect(readFileSync(join(run.outputDirectory, 'junit.xml'), 'utf8')).toContain(
      `message="Not tested: the token lacks a permission this operation needs: POST /beta/identity/apiConnectors answered 403 Forbidden (error code Authorization_RequestDenied, request-id ${requestId})`,
    );
    const [refused] = testsOf(run.report()).filter((t) => t.annotations.some((a) => a.type === 'not tested'));
    expect(refused?.title).toBe('201 creates the API connector and never echoes its password');
    // What support asks for, first in the exchange's attachment.
    const sent = standIns.graph.log.find((r) => r.requestId === requestId);
    expect(JSON.parse(refused?.attachments['1. POST /beta/identity/apiConnectors → 403'] ?? '{}')).toMatchObject({
      support: {
        'request-id': requestId,
        'client-request-id': sent?.clientRequestId,
        date: expect.any(String),
        'x-ms-ags-diagnostic': expect.stringContaining('"DataCenter":"Local"'),
      },
    });
    expect(sent?.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("a 503 the contract does not assert is not tested; the quirk's asserted 503 stays a verdict", async ({ standIns }) => {
    // Only the first create, the plain one (one worker runs the file's tests in order).
    standIns.graph.answerOverride = answering('POST', '/beta/external/connections', { status: 503, body: '' }, { times: 1 });

    const run = await runSuite(await standIns.env('secret'), [CREATE_CONNECTION, ...CREATE_AND_QUIRK, '--workers=1']);

    expect(run.code).toBe(1);
    const requestId = standIns.graph.log.find((r) => r.status === 503)?.requestId ?? '?';
    expect(verdicts(run)).toEqual({
      '201 creates the connection in draft state': {
        outcome: 'not tested',
        reason: `the service failed: POST /beta/external/connections answered 503 Service Unavailable (request-id ${requestId}), where the contract asserts 201.`,
      },
      '503 for a broken result-layout card, then 409 on retry: the connection was created': { outcome: 'pass', reason: '' },
    });
  });

  test("429 forever is not tested: throttled, once the run's throttle budget is spent", async ({ standIns }) => {
    standIns.graph.throttle = { remaining: 1000, retryAfter: '1', only: (method) => method === 'POST' };

    // Two workers, one test each: the budget is the run's, shared through global setup's ledger.
    const run = await runSuite({ ...(await standIns.env('secret')), GRAPH_THROTTLE_BUDGET_SECONDS: '2' }, [
      CREATE_CONNECTION,
      ...CREATE_AND_QUIRK,
      '--workers=2',
    ]);

    expect(run.code).toBe(1);
    const byTitle = Object.values(verdicts(run));
    expect(byTitle.map((v) => v.outcome)).toEqual(['not tested', 'not tested']);
    const waits = testsOf(run.report()).flatMap((t) => t.annotations.filter((a) => a.type === 'throttled'));
    // What was waited: two waits of a second, the two seconds of the budget, and not a wait more. Which test
    // took which second depends on when each worker started, so only the retry's number is left open.
    expect(waits.map((a) => a.description?.replace(/retry \d of 3/, 'retry n of 3'))).toEqual([
      'POST /beta/external/connections answered 429 (Retry-After: 1); waited 1 s before retry n of 3.',
      'POST /beta/external/connections answered 429 (Retry-After: 1); waited 1 s before retry n of 3.',
    ]);
    for (const { reason } of byTitle) {
      expect(reason).toMatch(
        /^throttled: POST \/beta\/external\/connections answered 429 Too Many Requests \(error code TooManyRequests, request-id [0-9a-f-]{36}\), where the contract asserts \d+; the suite stopped waiting: the run's throttle budget is spent \(2 s of GRAPH_THROTTLE_BUDGET_SECONDS=2 waited; this wait needs 1 s\)\.$/,
      );
    }
    // Two waits of a second in all, then one 429 each that no one waits for: the budget, not the tests' timeouts, ended it.
    expect(standIns.graph.log.filter((r) => r.status === 429)).toHaveLength(4);
    expect(testsOf(run.report()).map((t) => t.status)).not.toContain('timedOut');
  });

  test("a service that does not answer in time is not tested, before the test's own timeout", async ({ standIns }) => {
    standIns.graph.answerOverride = answering('POST', '/beta/identity/apiConnectors', { status: 201, body: {}, delayMs: 5_000 });

    const run = await runSuite(await standIns.env('secret'), [CREATE_API_CONNECTOR, ...BASIC_API_CONNECTOR, '--timeout=2500']);

    expect(run.code).toBe(1);
    expect(Object.values(verdicts(run))).toEqual([
      {
        outcome: 'not tested',
        reason: expect.stringMatching(
          /^no answer in time: POST \/beta\/identity\/apiConnectors failed with .*Timeout \d+ms exceeded/,
        ) as unknown,
      },
    ]);
  });
});

test.describe('nothing can be tested: the run stops once, with one message', () => {
  test('an unreachable token endpoint: one message naming the credential, the authority, the error and a hint; nothing sent to Graph', async ({
    standIns,
  }) => {
    const env: Record<string, string> = {
      ...(await standIns.env('secret')),
      AZURE_AUTHORITY_HOST: `https://127.0.0.1:${await closedPort()}`,
    };

    const run = await runSuite(env);

    expect(run.code).toBe(1);
    expect(run.output).toContain(
      [
        'Not tested: no token from Entra ID; nothing was sent to Graph.',
        '  credential: a client secret (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET)',
        `  authority:  AZURE_AUTHORITY_HOST=${env.AZURE_AUTHORITY_HOST}`,
      ].join('\n'),
    );
    expect(run.output).toMatch(/ {2}error: {6}endpoints_resolution_error: .* \(its OpenID metadata could not be read: ECONNREFUSED\)/);
    expect(run.output).toContain(
      `  hint:       MSAL could not read the tenant's OpenID metadata from AZURE_AUTHORITY_HOST (${env.AZURE_AUTHORITY_HOST})`,
    );
    expect(run.output.match(/Not tested:/g)).toHaveLength(1);
    expect(run.output).not.toContain(env.AZURE_TENANT_ID ?? '?');
    expect(standIns.graph.log).toEqual([]);
    // Every test is listed, not tested for that one reason; none started.
    const matrix = run.matrix();
    expect(matrix.notTested).toContain('no token from Entra ID');
    expect(matrix.totals['not tested']).toBe(SUITE_TEST_TITLES.length);
    expect(new Set(matrix.operations.flatMap((row) => row.tests.map((t) => t.status)))).toEqual(new Set(['skipped']));
    expect(readFileSync(join(run.outputDirectory, 'matrix', 'contract-matrix.md'), 'utf8')).toContain(
      '⛔ **Nothing was tested**: no token from Entra ID; nothing was sent to Graph.',
    );
  });

  test('a refused client secret: the AADSTS code and what to change; nothing sent to Graph', async ({ standIns }) => {
    const run = await runSuite({ ...(await standIns.env('secret')), AZURE_CLIENT_SECRET: 'not-the-secret' });

    expect(run.code).toBe(1);
    expect(run.output).toContain('  error:      AADSTS7000215: Invalid client secret provided. (invalid_client)');
    expect(run.output).toContain(
      "  hint:       the client secret is wrong: set AZURE_CLIENT_SECRET to the secret's Value (not its Secret ID)",
    );
    expect(run.output).not.toContain('not-the-secret');
    expect(standIns.graph.log).toEqual([]);
  });

  test('a token Graph refuses everywhere (401): one message after one read; no test sends anything', async ({ standIns }) => {
    standIns.graph.rejectTokens = true;

    const run = await runSuite(await standIns.env('secret'));

    expect(run.code).toBe(1);
    const [preflight] = standIns.graph.log;
    expect(standIns.graph.log).toEqual([expect.objectContaining({ method: 'GET', path: '/v1.0/external/connections', status: 401 })]);
    expect(run.output).toContain('Not tested: Graph refused the token; one read was sent to Graph.');
    expect(run.output).toContain(
      `  error:      GET /v1.0/external/connections answered 401 Unauthorized (error code InvalidAuthenticationToken, request-id ${preflight?.requestId ?? '?'})`,
    );
    expect(run.output.match(/Not tested:/g)).toHaveLength(1);
  });

  test('a token that has already expired stops the run before Graph is asked', async ({ standIns }) => {
    const env = await standIns.env('access-token');
    standIns.entra.tokenLifetimeSeconds = -60;
    const expired = await standIns.entra.mintToken(standIns.graph.baseUrl);

    const run = await runSuite({ ...env, GRAPH_ACCESS_TOKEN: expired });

    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/GRAPH_ACCESS_TOKEN expired at .*: get a fresh one\./);
    expect(standIns.graph.log).toEqual([]);
  });

  test('a malformed setting prints its one message, not a stack trace, and exits 2', async ({ standIns }) => {
    const run = await runSuite({ ...(await standIns.env('secret')), AZURE_TENANT_ID: 'not-a-guid', AZURE_CLIENT_ID: 'client' });

    expect(run.code).toBe(2);
    expect(run.output).toBe(
      [
        'graph-contracts cannot start: 2 settings are invalid.',
        '  - AZURE_TENANT_ID is not a tenant id: use the directory (tenant) id, a GUID, or its domain such as contoso.onmicrosoft.com.',
        "  - AZURE_CLIENT_ID is not a client id: use the app registration's Application (client) ID, a GUID.",
        'Set them in your shell or in .env (see env.example), then run again.',
        '',
      ].join('\n'),
    );
    expect(standIns.graph.log).toEqual([]);
    expect(standIns.entra.grants).toEqual([]);
  });
});

test.describe('a secret cannot slip past the reporters', () => {
  test("live refuses --reporter, which would drop the reporter that redacts Playwright's call logs; --add-reporter runs", async ({
    standIns,
  }) => {
    const env = await standIns.env('secret');

    const refused = await runSuite(env, ['--reporter=dot']);
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('--reporter replaces the configured reporters');
    expect(standIns.graph.log).toEqual([]);

    const added = await runSuite(env, [CREATE_CONNECTION, '--add-reporter=dot']);
    expect(added.code, added.output).toBe(0);
  });
});

test.describe('throttling never becomes a timeout', () => {
  test("a Retry-After longer than the test's timeout, within the cap, is waited out and passes", async ({ standIns }) => {
    standIns.graph.throttle = { remaining: 1, retryAfter: '3', only: (method) => method === 'POST' };

    const run = await runSuite(await standIns.env('secret'), [CREATE_CONNECTION, '-g', '201 creates', '--timeout=2000']);

    expect(run.code, run.output).toBe(0);
    expect(testsOf(run.report()).flatMap((t) => t.annotations.filter((a) => a.type === 'throttled'))).toEqual([
      {
        type: ANNOTATION.throttled,
        description: 'POST /beta/external/connections answered 429 (Retry-After: 3); waited 3 s before retry 1 of 3.',
      },
    ]);
  });

  test('a replayed 429 is reported, never slept; a 429 the recording did not retry stays not tested', async () => {
    const fixtures = copyFixtures();
    const throttled = recorded429('5');
    editJson(join(fixtures, 'create-connection', '201-creates-the-connection-in-draft-state.json'), (fixture) => {
      const interactions = fixture.interactions as Record<string, unknown>[];
      interactions.unshift({ ...interactions[0], ...throttled });
    });
    editJson(
      join(fixtures, 'create-connection', '503-for-a-broken-result-layout-card-then-409-on-retry-the-connection-was-created.json'),
      (fixture) => {
        const interactions = fixture.interactions as Record<string, unknown>[];
        fixture.interactions = [{ ...interactions[0], ...throttled }];
      },
    );

    const run = await runSuite({ GRAPH_FIXTURES_DIR: fixtures }, [CREATE_CONNECTION, '--workers=1']);

    const created = testsOf(run.report()).find((t) => t.title.startsWith('201'));
    expect(created?.status).toBe('passed');
    expect(created?.annotations.filter((a) => a.type === 'throttled')).toEqual([
      {
        type: ANNOTATION.throttled,
        description:
          'POST /beta/external/connections answered 429 (Retry-After: 5); replayed without waiting (live waits 5 s) before retry 1 of 3.',
      },
    ]);
    expect(verdicts(run)['503 for a broken result-layout card, then 409 on retry: the connection was created']).toEqual({
      outcome: 'not tested',
      reason:
        'throttled: POST /beta/external/connections answered 429 Too Many Requests (error code TooManyRequests), where the contract asserts 503; the suite stopped waiting: the recorded run stopped waiting here.',
    });
  });
});

test.describe('replay is exact', () => {
  test("replay retries where the recording waited, whatever today's cap, retry count and budget say", async () => {
    const fixtures = copyFixtures();
    const throttled = recorded429('60');
    for (const file of [
      'create-connection/201-creates-the-connection-in-draft-state.json',
      'create-identityapiconnector/201-creates-the-api-connector-and-never-echoes-its-password.json',
    ]) {
      editJson(join(fixtures, file), (fixture) => {
        const interactions = fixture.interactions as Record<string, unknown>[];
        interactions.unshift(...[1, 2, 3].map(() => ({ ...interactions[0], ...throttled })));
      });
    }

    const run = await runSuite(
      {
        GRAPH_FIXTURES_DIR: fixtures,
        GRAPH_MAX_RETRY_AFTER_SECONDS: '1',
        GRAPH_MAX_THROTTLE_RETRIES: '1',
        GRAPH_THROTTLE_BUDGET_SECONDS: '60',
      },
      [CREATE_CONNECTION, CREATE_API_CONNECTOR, '-g', '201 creates the connection|201 creates the API connector', '--workers=1'],
    );

    expect(run.code, run.output).toBe(0);
    const replayed = testsOf(run.report());
    expect(replayed.map((t) => t.status)).toEqual(['passed', 'passed']);
    // What was waited: nothing. Each test retried three times where the recording waited 60 s, and slept through none of them.
    const retried = (path: string) =>
      [1, 2, 3].map((retry) =>
        expect.stringMatching(
          new RegExp(
            `^POST ${path} answered 429 \\(Retry-After: 60\\); replayed without waiting \\(live waits 60 s\\) before retry ${retry} of \\d+\\.$`,
          ),
        ),
      );
    expect(replayed.map((t) => t.annotations.filter((a) => a.type === 'throttled').map((a) => a.description))).toEqual([
      retried('/beta/external/connections'),
      retried('/beta/identity/apiConnectors'),
    ]);
  });
});

test.describe('a contract answer says what it is', () => {
  test('a 201 with a JSON body but no Content-Type fails the contract', async ({ standIns }) => {
    standIns.graph.answerOverride = answering('POST', '/beta/identity/apiConnectors', {
      status: 201,
      body: { id: 'x', displayName: 'Contoso sign-up validation', targetUrl: 'https://contoso.example/api/validate' },
      headers: { 'content-type': null },
    });

    const run = await runSuite(await standIns.env('secret'), [CREATE_API_CONNECTOR, ...BASIC_API_CONNECTOR]);

    expect(run.code).toBe(1);
    expect(Object.values(verdicts(run))).toEqual([
      { outcome: 'fail', reason: expect.stringContaining('Received: 201 Created') as unknown },
    ]);
    expect(run.output).toContain('but its body is sent without a Content-Type: a JSON answer must say application/json');
  });
});

test.describe('cleanup proves what it deleted', () => {
  test('a DELETE answered 404 after a 201, with the connection still there, is a leftover, and the run is red', async ({ standIns }) => {
    standIns.graph.answerOverride = answering('DELETE', /^\/beta\/external\/connections\/[^/]+$/, {
      status: 404,
      body: { error: { code: 'ItemNotFound', message: 'not found' } },
    });
    const summary = test.info().outputPath('step-summary.md');

    const run = await runSuite({ ...(await standIns.env('secret')), GITHUB_STEP_SUMMARY: summary }, [
      CREATE_CONNECTION,
      ...CREATE_AND_QUIRK,
    ]);

    expect(run.code).toBe(1);
    expect(run.report().stats).toMatchObject({ expected: 2, unexpected: 0 });
    expect(leftovers(standIns.graph)).toHaveLength(2);
    expect(run.matrix().leftovers).toEqual(
      leftovers(standIns.graph).map(() => ({
        operation: 'POST /external/connections',
        operationId: 'POST /beta/external/connections',
        test: expect.any(String),
        testId: expect.stringMatching(/^[0-9a-f]{12}$/),
        description: expect.stringMatching(
          /^DELETE \/beta\/external\/connections\/gcs[0-9a-z]{13} answered 404 Not Found \(error code ItemNotFound, request-id [0-9a-f-]{36}\), although (POST \/beta\/external\/connections answered 201|GET \/beta\/external\/connections\/gcs[0-9a-z]{13} answered 200): it may still be in the tenant$/,
        ),
      })),
    );
    expect(readFileSync(summary, 'utf8')).toContain('**Leftovers** (2)');
  });
});

test.describe('GitHub Actions OIDC', () => {
  test('each sign-in asks the runner for a fresh assertion', async ({ standIns }) => {
    // Inside the renewal window from the start: each use of the token signs in again.
    standIns.entra.tokenLifetimeSeconds = 240;

    const run = await runSuite(await standIns.env('github'), ['--workers=1']);

    expect(run.code, run.output).toBe(0);
    const assertions = standIns.entra.grants.map((grant) => grant.assertion);
    expect(assertions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(assertions).size).toBe(assertions.length);
    // Each one came from the runner's endpoint (MSAL asks the callback twice per sign-in and uses the second).
    expect(standIns.github.issued).toEqual(expect.arrayContaining(assertions));
  });

  test("an assertion file written at the job's start has expired by the time a late worker signs in: AADSTS700024, with the fix", async ({
    standIns,
  }) => {
    const env = await standIns.env('federated');
    writeFileSync(env.AZURE_FEDERATED_TOKEN_FILE ?? '', await standIns.github.mint(ENTRA_AUDIENCE, -30));

    const run = await runSuite(env);

    expect(run.code).toBe(1);
    expect(run.output).toContain('AADSTS700024: Client assertion is not within its valid time range.');
    expect(run.output).toContain(
      'hint:       the federated assertion has expired: it lives for minutes, so use a fresh one for each sign-in',
    );
    expect(standIns.graph.log).toEqual([]);
  });
});

/** A loopback port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

/** What a fixture holds for a 429 the service answered, with its Retry-After. */
function recorded429(retryAfter: string) {
  return {
    status: 429,
    response: { error: { code: 'TooManyRequests', message: 'Please retry again later.' } },
    rawHeaders: { 'content-type': 'application/json', 'retry-after': retryAfter },
  };
}
