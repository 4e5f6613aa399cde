import { expect, test as base } from '@playwright/test';
import { Cleanup, deleteAll, unansweredCreate } from '../../harness/cleanup/cleanup.ts';
import type { Exchange } from '../../harness/transport/exchange.ts';
import { GraphClient } from '../../harness/transport/graph-client.ts';
import { ScriptedServer } from '../support/scripted-server.ts';

const test = base.extend<{ server: ScriptedServer; client: GraphClient; origin: string }>({
  server: async ({}, use) => {
    const server = new ScriptedServer();
    await use(server);
    await server.stop();
  },
  origin: async ({ server }, use) => {
    await use(await server.start());
  },
  client: async ({ playwright, origin }, use) => {
    const context = await playwright.request.newContext();
    await use(
      new GraphClient({
        context,
        root: `${origin}/beta`,
        defaultHeaders: {},
        throttle: { maxWaitSeconds: 0, maxRetries: 0, budgetSeconds: 0 },
      }),
    );
    await context.dispose();
  },
});

function exchange(method: string, path: string, status: number, body?: unknown, response?: unknown): Exchange {
  return {
    request: { method, url: `https://graph.microsoft.com${path}`, headers: {}, body },
    response: { status, headers: {}, body: response },
  };
}

test('202 (an asynchronous connection delete) and 204 both count as deleted', async ({ server, client }) => {
  server.answer({ status: 202 }, { status: 204 });

  const report = await deleteAll(client, ['/identity/apiConnectors/abc', '/external/connections/gcs1'], []);

  expect(report).toEqual({ deleted: ['/external/connections/gcs1', '/identity/apiConnectors/abc'], absent: [], leftovers: [] });
  expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
    'DELETE /beta/external/connections/gcs1',
    'DELETE /beta/identity/apiConnectors/abc',
  ]);
});

test('a 404 for what the test never saw created is nothing to delete', async ({ server, client }) => {
  server.answer({ status: 404, body: { error: { code: 'ItemNotFound', message: 'gone' } } });

  const report = await deleteAll(client, ['/external/connections/gcs1'], [exchange('POST', '/beta/connections', 400)]);

  expect(report).toEqual({ deleted: [], absent: ['/external/connections/gcs1'], leftovers: [] });
});

test('a 404 for what the test saw created is a leftover, naming the proof it existed', async ({ server, client }) => {
  // Deleted in reverse order of registration: gcs2, abc, then gcs1.
  server.answer(
    { status: 404 },
    { status: 404 },
    { status: 404, headers: { 'request-id': 'r-1' }, body: { error: { code: 'ItemNotFound', message: 'gone' } } },
  );
  const created = [
    exchange('POST', '/beta/external/connections', 201, { id: 'gcs1' }),
    exchange('POST', '/beta/identity/apiConnectors', 201, { displayName: 'x' }, { id: 'abc' }),
    exchange('GET', '/beta/external/connections/gcs2', 200),
  ];

  const report = await deleteAll(
    client,
    ['/external/connections/gcs1', '/identity/apiConnectors/abc', '/external/connections/gcs2'],
    created,
  );

  expect(report.leftovers).toEqual([
    {
      path: '/beta/external/connections/gcs2',
      why: 'DELETE /beta/external/connections/gcs2 answered 404 Not Found, although GET /beta/external/connections/gcs2 answered 200: it may still be in the tenant',
    },
    {
      path: '/beta/identity/apiConnectors/abc',
      why: 'DELETE /beta/identity/apiConnectors/abc answered 404 Not Found, although POST /beta/identity/apiConnectors answered 201: it may still be in the tenant',
    },
    {
      path: '/beta/external/connections/gcs1',
      why: 'DELETE /beta/external/connections/gcs1 answered 404 Not Found (error code ItemNotFound, request-id r-1), although POST /beta/external/connections answered 201: it may still be in the tenant',
    },
  ]);
});

test('what the test deleted itself is not deleted again', async ({ server, client }) => {
  const report = await deleteAll(
    client,
    ['/external/connections/gcs1'],
    [exchange('POST', '/beta/external/connections', 201, { id: 'gcs1' }), exchange('DELETE', '/beta/external/connections/gcs1', 202)],
  );

  expect(report).toEqual({ deleted: ['/external/connections/gcs1'], absent: [], leftovers: [] });
  expect(server.received).toEqual([]);
});

/** What a test's create answered when it made a connection: the proof cleanup holds a failed DELETE against. */
const CREATED_GCS1 = [exchange('POST', '/beta/external/connections', 201, { id: 'gcs1' })];

/** A sleep that only counts what it was asked: cleanup's waits, proven without waiting. */
function countingSleep(): { sleep: (milliseconds: number) => Promise<void>; slept: number[] } {
  const slept: number[] = [];
  return { slept, sleep: (milliseconds) => (slept.push(milliseconds), Promise.resolve()) };
}

test('no answer at all, for what a create made, is tried again and then a leftover that could not be cleaned up', async ({
  server,
  client,
}) => {
  await server.stop();
  const { sleep, slept } = countingSleep();

  const stopped = await deleteAll(client, ['/external/connections/gcs1'], CREATED_GCS1, undefined, { sleep });

  expect(slept).toEqual([1000, 2000]);
  expect(stopped.leftovers).toEqual([
    {
      path: '/beta/external/connections/gcs1',
      why: expect.stringMatching(
        /^could not clean up: DELETE \/beta\/external\/connections\/gcs1 failed: .*ECONNREFUSED.* after 3 attempts, although POST \/beta\/external\/connections answered 201: it is still in the tenant$/,
      ) as unknown,
    },
  ]);
});

test('a DELETE the service refuses, for what no create made, is asked once and leaves nothing behind', async ({ server, client }) => {
  server.answer({ status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'expired' } } });
  const { sleep, slept } = countingSleep();

  const report = await deleteAll(client, ['/external/connections/gcs1'], [exchange('POST', '/beta/external/connections', 400)], undefined, {
    sleep,
  });

  expect(report).toEqual({ deleted: [], absent: ['/external/connections/gcs1'], leftovers: [] });
  expect(server.received).toHaveLength(1);
  expect(slept).toEqual([]);
});

test('a create answered 5xx may have made it (the 503 that still creates): a refused DELETE is a possible leftover', async ({
  server,
  client,
}) => {
  server.answer({ status: 403 });

  const report = await deleteAll(
    client,
    ['/external/connections/gcs1'],
    [exchange('POST', '/beta/external/connections', 503, { id: 'gcs1' })],
  );

  expect(report.leftovers).toEqual([
    {
      path: '/beta/external/connections/gcs1',
      why: 'possible leftover: DELETE /beta/external/connections/gcs1 answered 403 Forbidden, and POST /beta/external/connections answered 503, which may have created it: run npm run sweep',
    },
  ]);
});

test('any other answer, for what a create made, is tried again, then a leftover with its code; every path is still tried', async ({
  server,
  client,
}) => {
  const failing = { status: 500, body: { error: { code: 'internalServerError', message: 'boom' } } };
  server.answer(failing, failing, failing, { status: 202 });
  const { sleep } = countingSleep();

  const report = await deleteAll(client, ['/external/connections/gcs2', '/external/connections/gcs1'], CREATED_GCS1, undefined, { sleep });

  expect(report.deleted).toEqual(['/external/connections/gcs2']);
  expect(report.leftovers).toEqual([
    {
      path: '/beta/external/connections/gcs1',
      why: 'could not clean up: DELETE /beta/external/connections/gcs1 answered 500 Internal Server Error (error code internalServerError) after 3 attempts, although POST /beta/external/connections answered 201: it is still in the tenant',
    },
  ]);
  expect(server.received.map((r) => r.url)).toEqual([
    '/beta/external/connections/gcs1',
    '/beta/external/connections/gcs1',
    '/beta/external/connections/gcs1',
    '/beta/external/connections/gcs2',
  ]);
});

test('each path is settled as it goes, so a cleanup cut short knows which were never proven', async ({ server, client }) => {
  server.answer({ status: 202 }, { status: 500 });
  const settled: [string, string | undefined][] = [];

  await deleteAll(
    client,
    ['/external/connections/gcs1', '/external/connections/gcs2'],
    [exchange('POST', '/beta/external/connections', 201, { id: 'gcs1' })],
    (path, leftover) => settled.push([path, leftover?.why]),
    { deadline: Date.now() },
  );

  expect(settled).toEqual([
    ['/external/connections/gcs2', undefined],
    [
      '/external/connections/gcs1',
      'could not clean up: DELETE /beta/external/connections/gcs1 answered 500 Internal Server Error, although POST /beta/external/connections answered 201: it is still in the tenant',
    ],
  ]);
});

test("a DELETE throttled past cleanup's own time is a leftover that says so, without waiting", async ({ playwright, server, origin }) => {
  server.answer({ status: 429, headers: { 'retry-after': '5' } });
  const context = await playwright.request.newContext();
  const { sleep, slept } = countingSleep();
  const deadline = Date.now() + 1_000;
  const client = new GraphClient({
    context,
    root: `${origin}/beta`,
    defaultHeaders: {},
    throttle: { maxWaitSeconds: 60, maxRetries: 3, budgetSeconds: 300 },
    deadline: { at: deadline, what: "cleanup's own time" },
    sleep,
  });

  const report = await deleteAll(client, ['/external/connections/gcs1'], CREATED_GCS1, undefined, { deadline, sleep });

  expect(slept).toEqual([]);
  expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /beta/external/connections/gcs1']);
  expect(report.leftovers).toEqual([
    {
      path: '/beta/external/connections/gcs1',
      why: "could not clean up: DELETE /beta/external/connections/gcs1 answered 429 Too Many Requests; the suite stopped waiting: waiting 5 s would run past cleanup's own time, although POST /beta/external/connections answered 201: it is still in the tenant",
    },
  ]);
  await context.dispose();
});

test('a create answered 2xx without a readable id is reported: nothing can delete it', async ({ server, client }) => {
  server.answer({ status: 201, body: { displayName: 'x' } }, { status: 400, body: { error: { code: 'BadRequest', message: 'no' } } });
  const cleanup = new Cleanup();

  cleanup.deleteCreated(await client.post('/identity/apiConnectors', { data: {} }), (id) => `/identity/apiConnectors/${id}`);
  cleanup.deleteCreated(await client.post('/identity/apiConnectors', { data: {} }), (id) => `/identity/apiConnectors/${id}`);
  cleanup.delete('/external/connections/gcs1');
  cleanup.delete('/external/connections/gcs1');

  expect(await cleanup.targets()).toEqual({
    paths: ['/external/connections/gcs1'],
    unknown: ['POST /beta/identity/apiConnectors answered 201 but its body has no id to delete it by: what it created is still there'],
  });
});

test('a create never heard answered is a possible leftover, named by the suite id the sweep finds it by, unless cleanup knows its path', () => {
  const post = (body: unknown) => ({ method: 'POST', url: 'https://graph.microsoft.com/beta/identity/apiConnectors', headers: {}, body });
  expect(unansweredCreate(post({ displayName: 'Contoso sign-up validation gcs0tpjijklqvgma' }), [])).toBe(
    'possible leftover: POST /beta/identity/apiConnectors got no answer before the test ended, so whatever it created is unknown; it carries the suite id gcs0tpjijklqvgma: run npm run sweep',
  );
  expect(unansweredCreate(post({ displayName: 'no marker' }), [])).toContain(
    'nothing in its body names the suite, so the sweep cannot find it',
  );
  // A client-chosen id cleanup already deletes by its path is no unknown.
  expect(unansweredCreate(post({ id: 'gcs1' }), ['/external/connections/gcs1'])).toBeUndefined();
  expect(unansweredCreate({ method: 'GET', url: 'https://graph.microsoft.com/beta/x', headers: {} }, [])).toBeUndefined();
  expect(unansweredCreate(undefined, [])).toBeUndefined();
});
