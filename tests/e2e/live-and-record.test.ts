import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateUniqueId } from '../../harness/shared/unique-id.ts';
import { filesBelow, PROJECT_ROOT, runSuite, runSweep, scratchDirectory, testsOf } from '../support/run-suite.ts';
import { answering, leftovers } from '../stand-ins/graph-stand-in.ts';
import { expect, test } from '../support/stand-in-test.ts';
import {
  PASSWORDS_SENT,
  PREFLIGHT_REQUESTS,
  testsOfOperation,
  SUITE_TEST_TITLES,
  TEST_DELETES,
  TEST_REQUESTS,
  WHOLE_TEST_DIVERGENCES,
} from '../support/suite-facts.ts';
import { ANNOTATION } from '../../harness/shared/annotations.ts';

/** The tests that read a connection back after creating it (a failed read stops them half-way). */
const READS_A_CONNECTION_BACK = [
  '404 once deleted: the connection is read back (200), deleted (202), then gone',
  '503 for a broken result-layout card, then 409 on retry: the connection was created',
];

/** One live run of the whole suite against the stand-in's service profile, preflight included. */
const SUITE_REQUESTS = { ...PREFLIGHT_REQUESTS, ...TEST_REQUESTS };

for (const [kind, workers] of [
  ['secret', 1],
  ['secret', 4],
  ['certificate', 2],
  ['federated', 2],
  ['github', 4],
] as const) {
  test(`live passes through @azure/identity with a client ${kind} credential on ${workers} worker${workers === 1 ? '' : 's'}, and cleans up`, async ({
    standIns,
  }) => {
    const run = await runSuite(await standIns.env(kind), [`--workers=${workers}`]);

    expect(run.code, run.output).toBe(0);
    expect(run.report().stats).toMatchObject({ expected: SUITE_TEST_TITLES.length, unexpected: 0 });
    expect(run.report().config.workers).toBe(workers);
    // Every worker took a test (no count here exceeds the suite's tests), and none was replaced after a failure.
    expect(SUITE_TEST_TITLES.length).toBeGreaterThanOrEqual(workers);
    expect(new Set(testsOf(run.report()).map((t) => t.workerIndex)).size).toBe(workers);
    // One sign-in for the run, whatever the worker count: the preflight's token serves every worker.
    expect(standIns.entra.grants).toEqual([expect.objectContaining({ method: kind, scope: `${standIns.graph.baseUrl}/.default` })]);
    expect(standIns.graph.counts()).toEqual(SUITE_REQUESTS);
    expect(leftovers(standIns.graph)).toEqual([]);
    expect(run.matrix().leftovers).toEqual([]);
    expect(
      standIns.graph.log
        .filter((r) => r.method === 'DELETE')
        .map((r) => `${r.path.split('/')[2] ?? ''} ${r.status}`)
        .sort(),
    ).toEqual(TEST_DELETES);
  });
}

test('live signs in with a PKCS#12 (PFX) client certificate and its password; neither the password nor the key reaches any output', async ({
  standIns,
}) => {
  const env = {
    ...(await standIns.env('certificate')),
    AZURE_CLIENT_CERTIFICATE_PATH: standIns.pki.clientPfxPath,
    AZURE_CLIENT_CERTIFICATE_PASSWORD: standIns.pki.clientPfxPassword,
  };

  const run = await runSuite(env, ['specs/create-connection.spec.ts', '--workers=2']);

  expect(run.code, run.output).toBe(0);
  // The assertion was signed with the PFX's key: the stand-in verified it against the app's certificate.
  expect(standIns.entra.grants).toEqual([expect.objectContaining({ method: 'certificate' })]);
  expect(leftovers(standIns.graph)).toEqual([]);
  const key = readFileSync(standIns.pki.clientPemPath, 'utf8')
    .split('-----BEGIN CERTIFICATE-----')[0]
    ?.split('\n')
    .filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line));
  expect(key?.length).toBeGreaterThan(10);
  const planted = {
    password: standIns.pki.clientPfxPassword,
    ...Object.fromEntries((key ?? []).map((line, index) => [`key line ${index + 1}`, line])),
  };
  for (const { path, text } of [{ path: 'output', text: run.output }, ...filesBelow(run.outputDirectory)]) {
    for (const [name, secret] of Object.entries(planted)) expect(text.includes(secret), `${name} found in ${path}`).toBe(false);
  }
});

test('a PFX the password does not open, one without its password, or a file that is neither PEM nor PFX: one settings message naming the variable', async ({
  standIns,
}) => {
  const certificate = await standIns.env('certificate');
  const notACertificate = join(scratchDirectory('certificate'), 'app.crt');
  writeFileSync(notACertificate, 'this is no certificate\n');
  const cases: [Record<string, string>, string][] = [
    [
      { AZURE_CLIENT_CERTIFICATE_PATH: standIns.pki.clientPfxPath, AZURE_CLIENT_CERTIFICATE_PASSWORD: 'not-the-pfx-password' },
      `AZURE_CLIENT_CERTIFICATE_PASSWORD does not open the PKCS#12 (PFX) file that AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(standIns.pki.clientPfxPath)} names: set it to the password the file was exported with.`,
    ],
    [
      { AZURE_CLIENT_CERTIFICATE_PATH: standIns.pki.clientPfxPath },
      `AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(standIns.pki.clientPfxPath)} is a PKCS#12 (PFX) file protected by a password: set AZURE_CLIENT_CERTIFICATE_PASSWORD to it.`,
    ],
    [
      { AZURE_CLIENT_CERTIFICATE_PATH: notACertificate },
      `AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(notACertificate)} is neither PEM nor PKCS#12 (PFX):`,
    ],
  ];
  for (const [given, message] of cases) {
    const run = await runSuite({ ...certificate, ...given });
    expect(run.code, run.output).toBe(2);
    expect(run.output).toContain('graph-contracts cannot start: one setting is invalid.');
    expect(run.output).toContain(message);
    expect(run.output).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(run.output).not.toContain(standIns.pki.clientPfxPassword);
    expect(run.output).not.toContain('not-the-pfx-password');
  }
  expect(standIns.entra.grants).toEqual([]);
  expect(standIns.graph.log).toEqual([]);
});

test('live with a ready GRAPH_ACCESS_TOKEN builds no credential', async ({ standIns }) => {
  const run = await runSuite(await standIns.env('access-token'));

  expect(run.code, run.output).toBe(0);
  expect(standIns.entra.grants).toEqual([]);
  expect(standIns.graph.counts()).toEqual(SUITE_REQUESTS);
});

test('record writes redacted fixtures that replay with the network closed, and no secret lands anywhere', async ({ standIns }) => {
  const fixtures = scratchDirectory('recorded');
  const recordEnv = await standIns.env('secret', 'record');
  // As HTTP front ends do: every body the request accepts compressed is (transport-quirks.ts).
  standIns.graph.transport.compression = { encoding: 'gzip' };

  const record = await runSuite({ ...recordEnv, GRAPH_FIXTURES_DIR: fixtures });

  expect(record.code, record.output).toBe(0);
  // One fixture per test, named as the committed ones.
  const committed = join(PROJECT_ROOT, 'fixtures');
  expect(readdirSync(fixtures).sort()).toEqual(readdirSync(committed).sort());
  for (const spec of readdirSync(committed))
    expect(readdirSync(join(fixtures, spec)).sort(), spec).toEqual(readdirSync(join(committed, spec)).sort());
  const quirk = JSON.parse(
    readFileSync(
      join(fixtures, 'create-connection', '503-for-a-broken-result-layout-card-then-409-on-retry-the-connection-was-created.json'),
      'utf8',
    ),
  ) as {
    provenance: Record<string, string>;
    values: Record<string, string>;
    interactions: { scope: string; method: string; status: number; rawHeaders: Record<string, string>; contentEncoding?: string }[];
  };
  expect(quirk.provenance).toEqual(expect.objectContaining({ source: 'recording', baseUrl: standIns.graph.baseUrl, outcome: 'passed' }));
  // Only the test's own requests: no token request, no cleanup DELETE.
  expect(quirk.interactions.map((i) => `${i.method} ${i.status}`)).toEqual(['POST 503', 'POST 409', 'GET 200']);
  // The 503 is empty; the 409 and the read came compressed and are stored decoded, with the coding noted.
  expect(quirk.interactions.map((i) => i.contentEncoding)).toEqual([undefined, 'gzip', 'gzip']);
  expect(standIns.graph.log.some((request) => request.transport?.encoding === 'gzip')).toBe(true);
  expect(quirk.interactions.map((i) => i.scope)).toEqual([
    'https://graph.microsoft.com',
    'https://graph.microsoft.com',
    'https://graph.microsoft.com',
  ]);
  expect(quirk.interactions[1]?.rawHeaders['request-id']).toBe('00000000-0000-0000-0000-000000000000');
  // Only the headers replay or the report needs: the stand-in's connection headers are gone.
  for (const interaction of quirk.interactions) {
    for (const name of Object.keys(interaction.rawHeaders))
      expect([
        'content-type',
        'retry-after',
        'location',
        'odata-version',
        'request-id',
        'client-request-id',
        'x-ms-ags-diagnostic',
        'date',
        'content-length',
      ]).toContain(name);
  }
  expect(quirk.values.connection).toMatch(/^gcs[0-9a-z]{13}$/);

  const replay = await runSuite({ GRAPH_FIXTURES_DIR: fixtures });
  expect(replay.code, replay.output).toBe(0);
  // Replaying a recording is the service answering: the known divergences are expected failures again.
  expect(replay.report().stats).toMatchObject({ expected: SUITE_TEST_TITLES.length, unexpected: 0 });
  expect(
    testsOf(replay.report())
      .filter((t) => t.status === 'failed')
      .map((t) => t.title)
      .sort(),
  ).toEqual(WHOLE_TEST_DIVERGENCES);

  expect(standIns.graph.receivedPasswords).toHaveLength(PASSWORDS_SENT);
  const planted = {
    'client secret': recordEnv.AZURE_CLIENT_SECRET ?? '',
    'tenant id': recordEnv.AZURE_TENANT_ID ?? '',
    ...Object.fromEntries(standIns.graph.receivedPasswords.map((password, index) => [`password ${index + 1} sent`, password])),
    ...Object.fromEntries(standIns.entra.issued.map((token, index) => [`access token ${index + 1}`, token])),
  };
  expect(standIns.entra.issued.length).toBeGreaterThan(0);
  for (const { path, text } of [...filesBelow(fixtures), ...filesBelow(record.outputDirectory), ...filesBelow(replay.outputDirectory)]) {
    for (const [name, secret] of Object.entries(planted)) expect(text.includes(secret), `${name} found in ${path}`).toBe(false);
  }
  expect(record.output).not.toContain(recordEnv.AZURE_TENANT_ID);
});

test('a test stopped half-way in live (a read answered 500) still leaves no connection behind', async ({ standIns }) => {
  standIns.graph.failReads = true;

  const run = await runSuite(await standIns.env('secret'));

  expect(run.code).toBe(1);
  // The two tests that read a connection back: the quirk, and the lifecycle (its poll spends its 30 s bound on the 500s).
  expect(
    testsOf(run.report())
      .filter((t) => t.status === 'failed' && !WHOLE_TEST_DIVERGENCES.includes(t.title))
      .map((t) => t.title)
      .sort(),
  ).toEqual(READS_A_CONNECTION_BACK);
  expect(run.output).toContain('Not tested: the service failed: GET /beta/external/connections/');
  expect(leftovers(standIns.graph)).toEqual([]);
});

test('a 429 with Retry-After: 1 is waited out once and shows in the report', async ({ standIns }) => {
  standIns.graph.throttle = { remaining: 1, retryAfter: '1', only: (method) => method === 'POST' };

  const run = await runSuite(await standIns.env('secret'), ['specs/create-connection.spec.ts', '--workers=1']);

  expect(run.code, run.output).toBe(0);
  expect(standIns.graph.log.filter((r) => r.status === 429)).toHaveLength(1);
  const throttled = testsOf(run.report()).flatMap((t) => t.annotations.filter((a) => a.type === 'throttled'));
  expect(throttled).toEqual([
    {
      type: ANNOTATION.throttled,
      description: 'POST /beta/external/connections answered 429 (Retry-After: 1); waited 1 s before retry 1 of 3.',
    },
  ]);
});

test('the guard refuses a token for a tenant other than GRAPH_TEST_TENANT_ID, before any request', async ({ standIns }) => {
  const otherTenant = { GRAPH_TEST_TENANT_ID: '5f0c1d6e-0000-4000-8000-000000000001' };

  for (const env of [
    { ...(await standIns.env('secret')), ...otherTenant },
    { ...(await standIns.env('access-token')), ...otherTenant },
  ]) {
    const run = await runSuite(env);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('refusing to write to a tenant that is not the test tenant');
  }
  const { GRAPH_TEST_TENANT_ID: _unset, ...unguarded } = await standIns.env('secret');
  const run = await runSuite(unguarded);
  expect(run.output).toContain('GRAPH_TEST_TENANT_ID is missing');
  expect(standIns.graph.log).toEqual([]);
  expect(standIns.entra.grants).toEqual([]);
});

test("a tenant named by its domain signs in; the guard then holds the token's tid to GRAPH_TEST_TENANT_ID, in the run and in the sweep", async ({
  standIns,
}) => {
  const byDomain = { ...(await standIns.env('secret')), AZURE_TENANT_ID: standIns.entra.app.domain };
  const run = await runSuite(byDomain, ['specs/create-connection.spec.ts', '-g', '201 creates']);
  expect(run.code, run.output).toBe(0);

  const otherTenant = { ...byDomain, GRAPH_TEST_TENANT_ID: '5f0c1d6e-0000-4000-8000-000000000001' };
  const before = standIns.graph.log.length;
  const refused = await runSuite(otherTenant);
  expect(refused.code).toBe(1);
  expect(refused.output).toContain('Not tested: the token is for another tenant than GRAPH_TEST_TENANT_ID; nothing was sent to Graph.');
  const old = generateUniqueId(Date.now() - 3 * 60 * 60 * 1000);
  standIns.graph.connections.set(old, { id: old, name: old, state: 'draft' });
  const sweep = await runSweep(otherTenant);
  expect(sweep.code).toBe(2);
  expect(sweep.output).toContain(
    "the token is for another tenant than GRAPH_TEST_TENANT_ID (the token's tid claim differs): refusing to write to a tenant that is not the test tenant",
  );
  expect(standIns.graph.log).toHaveLength(before);
  expect(standIns.graph.connections.has(old)).toBe(true);
});

test('missing or contradictory credentials stop the run with one message saying what to set', async ({ standIns }) => {
  const { AZURE_CLIENT_SECRET: _secret, ...noCredential } = await standIns.env('secret');
  const missing = await runSuite(noCredential);
  expect(missing.code).not.toBe(0);
  expect(missing.output).toContain(
    'live and record need a credential: set AZURE_TENANT_ID and AZURE_CLIENT_ID with one of AZURE_CLIENT_SECRET',
  );

  const both = await runSuite({ ...(await standIns.env('secret')), AZURE_FEDERATED_TOKEN_FILE: standIns.pki.clientPemPath });
  expect(both.output).toContain('AZURE_CLIENT_SECRET and AZURE_FEDERATED_TOKEN_FILE are all set: keep exactly one app credential.');
  expect(standIns.graph.log).toEqual([]);
});

test("npm run sweep deletes only the suite's old leftovers, of every kind the suite creates", async ({ standIns }) => {
  const hour = 60 * 60 * 1000;
  const old = [generateUniqueId(Date.now() - 3 * hour), generateUniqueId(Date.now() - 2 * hour)];
  const beingDeleted = generateUniqueId(Date.now() - 2 * hour);
  const fresh = generateUniqueId(Date.now() - 60_000);
  for (const id of [...old, fresh, 'contosohr']) standIns.graph.connections.set(id, { id, name: id, state: 'draft' });
  // Deleted by an earlier run and still listed: a second DELETE is refused while the first runs.
  standIns.graph.deleting.set(beingDeleted, { connection: { id: beingDeleted, name: 'x', state: 'draft' }, reads: 5 });
  const apiConnector = (id: string, displayName: string) => standIns.graph.apiConnectors.set(id, { id, displayName });
  apiConnector('4a1b7c00-0000-4000-8000-000000000001', `Contoso sign-up validation ${generateUniqueId(Date.now() - 2 * hour)}`);
  apiConnector('4a1b7c00-0000-4000-8000-000000000002', `Contoso sign-up validation ${generateUniqueId(Date.now() - 60_000)}`);
  apiConnector('4a1b7c00-0000-4000-8000-000000000003', 'Production sign-up validation');

  const run = await runSweep(await standIns.env('secret'));

  expect(run.code, run.output).toBe(0);
  expect(run.output).toContain('5 connection(s) in the tenant; 3 left by the suite at least 60 min ago.');
  expect(run.output).toContain(`deletion already under way ${beingDeleted}`);
  expect(run.output).toContain('3 API connector(s) in the tenant; 1 left by the suite at least 60 min ago.');
  expect(run.output).toContain('[1/1] deleted 4a1b7c00-0000-4000-8000-000000000001');
  expect([...standIns.graph.connections.keys()].sort()).toEqual([fresh, 'contosohr'].sort());
  expect([...standIns.graph.apiConnectors.keys()].sort()).toEqual([
    '4a1b7c00-0000-4000-8000-000000000002',
    '4a1b7c00-0000-4000-8000-000000000003',
  ]);
  expect(
    standIns.graph.log
      .filter((r) => r.method === 'DELETE')
      .map((r) => r.status)
      .sort(),
  ).toEqual([202, 202, 204, 409]);
});

test('a network failure in live is not tested, and never prints the bearer token Playwright logs with it', async ({ standIns }) => {
  const env = await standIns.env('access-token');
  const token = env.GRAPH_ACCESS_TOKEN ?? '';
  standIns.graph.answerOverride = answering('POST', '/beta/external/connections', { status: 0, drop: true });

  const run = await runSuite(env, ['specs/create-connection.spec.ts']);

  expect(run.code).toBe(1);
  expect(run.output).toMatch(
    /Not tested: the service could not be reached: POST \/beta\/external\/connections failed with .*socket hang up/,
  );
  // Every test of the file that sends the worker's token; the stand-in answers a tokenless POST 401 before it drops the socket.
  const tokenless = ['401 with a malformed token', '401 without a token'];
  expect(run.matrix().totals['not tested']).toBe(testsOfOperation('POST /external/connections').length - tokenless.length);
  expect(
    run
      .matrix()
      .operations[0]?.tests.filter((t) => t.outcome === 'pass')
      .map((t) => t.title)
      .sort(),
  ).toEqual(tokenless);
  for (const { path, text } of [{ path: 'output', text: run.output }, ...filesBelow(run.outputDirectory)]) {
    expect(text.includes(token), `token found in ${path}`).toBe(false);
  }
});

test('a failing test is recorded too, says so, and fails the same way in replay', async ({ standIns }) => {
  const fixtures = test.info().outputPath('recorded');
  // The contract breaks: a new connection answered as ready, not draft.
  standIns.graph.answerOverride = answering('POST', '/beta/external/connections', {
    status: 201,
    body: { id: 'contosohr', name: 'Contoso HR', description: 'Connection to index Contoso HR system', state: 'ready' },
  });
  const only201 = ['specs/create-connection.spec.ts', '-g', '201 creates'];

  const record = await runSuite({ ...(await standIns.env('secret', 'record')), GRAPH_FIXTURES_DIR: fixtures }, only201);

  expect(record.code).toBe(1);
  const created = JSON.parse(
    readFileSync(join(fixtures, 'create-connection', '201-creates-the-connection-in-draft-state.json'), 'utf8'),
  ) as { provenance: { outcome: string; note?: string } };
  expect(created.provenance.outcome).toBe('failed');
  expect(created.provenance.note).toContain('replay reproduces that verdict');

  const replay = await runSuite({ GRAPH_FIXTURES_DIR: fixtures }, only201);
  expect(replay.code).toBe(1);
  expect((replay.matrix().operations[0]?.tests ?? []).map((t) => [t.outcome, t.answeredBy])).toEqual([
    ['fail', expect.stringMatching(/^a recording of \d{4}-\d{2}-\d{2} \(the recorded run failed\)$/)],
  ]);
  expect(replay.output).toContain('"state": "ready"');
});

test('a test that was not tested is not recorded: the committed fixture stays', async ({ standIns }) => {
  const fixtures = test.info().outputPath('recorded');
  standIns.graph.failReads = true;

  const record = await runSuite({ ...(await standIns.env('secret', 'record')), GRAPH_FIXTURES_DIR: fixtures }, [
    'specs/create-connection.spec.ts',
  ]);

  expect(record.code).toBe(1);
  // Every test of the file is recorded but the two that read a connection back, which the 500 left not tested.
  const notTested = new Set([
    '503-for-a-broken-result-layout-card-then-409-on-retry-the-connection-was-created.json',
    '404-once-deleted-the-connection-is-read-back-200-deleted-202-then-gone.json',
  ]);
  const committed = readdirSync(join(PROJECT_ROOT, 'fixtures', 'create-connection'));
  expect(readdirSync(join(fixtures, 'create-connection')).sort()).toEqual(committed.filter((name) => !notTested.has(name)).sort());
  const quirk = testsOf(record.report()).find((t) => t.title.startsWith('503'));
  expect(quirk?.annotations).toContainEqual({
    type: ANNOTATION.fixture,
    description: 'not recorded: the test was not tested, so the committed fixture stays as it was',
  });
});

test('a token close to expiry is renewed before the next test uses it', async ({ standIns }) => {
  // Inside the five-minute renewal window from the start: each use asks for a fresh token.
  standIns.entra.tokenLifetimeSeconds = 240;

  const run = await runSuite(await standIns.env('secret'), ['--workers=1']);

  expect(run.code, run.output).toBe(0);
  expect(standIns.entra.grants.length).toBeGreaterThanOrEqual(2);
});
