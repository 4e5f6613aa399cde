import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../support/stand-in-test.ts';
import { madeUpSuite, runSuite, testsOf, type ReportedTest } from '../support/run-suite.ts';

const PAGE = 'https://learn.microsoft.com/graph/api/externalconnectors-external-post-connections?view=graph-rest-beta';

const TOKENLESS = `test.use({ graphVersion: 'beta' });
test('401 without a token', async ({ graph }) => {
  const response = await graph.withoutToken().post('/external/connections', { data: { id: 'gcsnotoken', name: 'No token' } });
  expect(response).toHaveStatus(401);
});
test('401 with a malformed token', async ({ graph }) => {
  const response = await graph.withToken('not-a-token').post('/external/connections', { data: { id: 'gcsbadtoken', name: 'Bad token' } });
  expect(response).toHaveStatus(401);
});`;

const WITH_TOKEN = `test.use({ graphVersion: 'beta' });
test('200 lists the connections', async ({ graph }) => {
  expect(await graph.get('/external/connections')).toHaveStatus(200);
});`;

/** Create, delete, then poll until the connection is gone; the stand-in still shows it to one read after its 202. */
const LIFECYCLE = (bound: { timeoutSeconds: number; intervalSeconds: number; testTimeout?: number }) => `test.use({ graphVersion: 'beta' });
test('404 once deleted', async ({ graph, uniqueId, cleanup }) => {
  ${bound.testTimeout === undefined ? '' : `test.setTimeout(${bound.testTimeout});`}
  const id = uniqueId('connection');
  cleanup.delete(\`/external/connections/\${id}\`);
  expect(await graph.post('/external/connections', { data: { id, name: 'Lifecycle' } })).toHaveStatus(201);
  expect(await graph.delete(\`/external/connections/\${id}\`)).toHaveStatus(202);

  const response = await graph.poll('get', \`/external/connections/\${id}\`, { until: 404, timeoutSeconds: ${bound.timeoutSeconds}, intervalSeconds: ${bound.intervalSeconds} });

  expect(response).toHaveStatus(404);
});`;

function headersOf(reported: ReportedTest | undefined): Record<string, string>[] {
  return Object.entries(reported?.attachments ?? {})
    .filter(([name]) => /^\d+\. POST /.test(name))
    .map(([, body]) => (JSON.parse(body) as { request: { headers: Record<string, string> } }).request.headers);
}

function byTitle(tests: ReportedTest[]): Record<string, ReportedTest> {
  return Object.fromEntries(tests.map((t) => [t.title, t]));
}

test('requests without a real token: no Authorization (or exactly the one given), the worker token never fetched, recorded and replayed', async ({
  standIns,
}) => {
  // Tokens that near expiry at once: a worker asking for its token would have to sign in again.
  standIns.entra.tokenLifetimeSeconds = 60;
  const suite = madeUpSuite({ 'tokens.spec.ts': TOKENLESS });

  const record = await runSuite({ ...(await standIns.env('secret', 'record')), ...suite.env }, [...suite.args, '--workers=1']);

  expect(record.code, record.output).toBe(0);
  // The preflight's one sign-in; no worker asked for a token.
  expect(standIns.entra.grants).toHaveLength(1);
  const posts = standIns.graph.log.filter((request) => request.method === 'POST');
  expect(posts.map((request) => request.status)).toEqual([401, 401]);
  const tests = byTitle(testsOf(record.report()));
  const authorization = (title: string) =>
    Object.entries(headersOf(tests[title])[0] ?? {}).filter(([name]) => name.toLowerCase() === 'authorization');
  expect(authorization('401 without a token')).toEqual([]);
  expect(authorization('401 with a malformed token')).toEqual([['Authorization', 'REDACTED']]);
  // What the stand-in said of each: it saw no token, then one that is no JWT at all (not the worker's).
  const said = (title: string) => readFileSync(join(suite.fixturesDirectory, 'tokens', `${title.replace(/ /g, '-')}.json`), 'utf8');
  expect(said('401 without a token')).toContain('Access token is empty.');
  expect(said('401 with a malformed token')).toContain('Access token validation failure');

  const replay = await runSuite(suite.env, suite.args);
  expect(replay.code, replay.output).toBe(0);
  expect(testsOf(replay.report()).map((t) => t.status)).toEqual(['passed', 'passed']);
});

test('a test whose requests carry the token does ask for it (the control of the test above)', async ({ standIns }) => {
  standIns.entra.tokenLifetimeSeconds = 60;
  const suite = madeUpSuite({ 'tokens.spec.ts': WITH_TOKEN });

  const run = await runSuite({ ...(await standIns.env('secret', 'live')), ...suite.env }, [...suite.args, '--workers=1']);

  expect(run.code, run.output).toBe(0);
  expect(standIns.entra.grants).toHaveLength(2);
});

test('a 2xx where 401 is asserted fails as a broken contract: served without a token', async () => {
  const suite = madeUpSuite(
    { 'tokens.spec.ts': TOKENLESS.split("test('401 with a malformed")[0] ?? '' },
    {
      'tokens/401-without-a-token.json': {
        test: '401 without a token',
        provenance: {
          source: 'documented-example',
          page: PAGE,
          note: 'Made up for an end-to-end test: a service that serves requests without a token.',
        },
        values: {},
        interactions: [
          {
            scope: 'https://graph.microsoft.com',
            method: 'POST',
            path: '/beta/external/connections',
            status: 201,
            response: { id: 'gcsnotoken', name: 'No token', state: 'draft' },
            rawHeaders: { 'content-type': 'application/json' },
          },
        ],
      },
    },
  );

  const run = await runSuite(suite.env, suite.args);

  expect(run.code).toBe(1);
  const [row] = run.matrix().operations;
  expect(row?.tests.map((t) => t.outcome)).toEqual(['fail']);
  expect(run.output).toContain(
    'but the contract expects this request refused, and it was served without a token (no Authorization header)',
  );
});

test('an error answer whose body is not an OData error fails toHaveStatus, listing the schema errors', async () => {
  const suite = madeUpSuite(
    { 'tokens.spec.ts': TOKENLESS.split("test('401 with a malformed")[0] ?? '' },
    {
      'tokens/401-without-a-token.json': {
        test: '401 without a token',
        provenance: { source: 'documented-example', page: PAGE, note: 'Made up for an end-to-end test.' },
        values: {},
        interactions: [
          {
            scope: 'https://graph.microsoft.com',
            method: 'POST',
            path: '/beta/external/connections',
            status: 401,
            response: { error: { code: 401, message: 'Access token is empty.' } },
            rawHeaders: { 'content-type': 'application/json' },
          },
        ],
      },
    },
  );

  const run = await runSuite(suite.env, suite.args);

  expect(run.code).toBe(1);
  expect(run.output).toContain('but its body is not an OData error: 1 schema error against "odataError":');
  expect(run.output).toContain('at /error/code');
  expect(testsOf(run.report())[0]?.attachments['schema errors: odataError']).toContain('at /error/code');
});

test('poll: live waits between attempts and returns at the awaited status; the replay of its recording waits nothing', async ({
  standIns,
}) => {
  const suite = madeUpSuite({ 'lifecycle.spec.ts': LIFECYCLE({ timeoutSeconds: 30, intervalSeconds: 2 }) });

  const record = await runSuite({ ...(await standIns.env('secret', 'record')), ...suite.env }, [...suite.args, '--workers=1']);

  expect(record.code, record.output).toBe(0);
  const [recorded] = testsOf(record.report());
  // What was waited: one interval of 2 s between the two attempts.
  expect(recorded?.annotations.find((a) => a.type === 'poll')?.description).toMatch(
    /^GET \/beta\/external\/connections\/gcs\w+ answered 404 after 2 attempts \(waited 2 s, bounded at 30 s\)\.$/,
  );
  expect(
    standIns.graph.log.filter((request) => request.method === 'GET' && request.path.includes('gcs')).map((request) => request.status),
  ).toEqual([200, 404]);

  const replay = await runSuite(suite.env, suite.args);

  expect(replay.code, replay.output).toBe(0);
  const [replayed] = testsOf(replay.report());
  // What was waited: nothing; the same two attempts, as recorded.
  expect(replayed?.annotations.find((a) => a.type === 'poll')?.description).toMatch(
    /answered 404 after 2 attempts \(replayed without waiting; live waits 2 s between attempts, at most 30 s\)\.$/,
  );
});

test('poll: live stops at its bound, its waits added to the test timeout, and the assertion names the last answer', async ({
  standIns,
}) => {
  standIns.graph.deletionVisibleReads = 100;
  // Four seconds of waiting in a test of three: only the waits' extension lets the assertion speak.
  const suite = madeUpSuite({ 'lifecycle.spec.ts': LIFECYCLE({ timeoutSeconds: 5, intervalSeconds: 1, testTimeout: 3000 }) });

  const run = await runSuite({ ...(await standIns.env('secret', 'live')), ...suite.env }, [...suite.args, '--workers=1']);

  expect(run.code).toBe(1);
  expect(run.output).not.toContain('Test timeout');
  expect(run.output).toMatch(/Expected: 404\s+Received: 200 OK/);
  const [reported] = testsOf(run.report());
  expect(reported?.annotations.find((a) => a.type === 'poll')?.description).toMatch(
    /still answered 200 after 5 attempts; the poll ended without a 404 \(waited 4 s, bounded at 5 s\)\.$/,
  );
});
