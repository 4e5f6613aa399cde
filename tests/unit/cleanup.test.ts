import { expect, test as base } from '@playwright/test';
import { Cleanup, deleteAll } from '../../harness/cleanup/cleanup.ts';
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

test('no answer at all is a leftover', async ({ server, client }) => {
  await server.stop();
  const stopped = await deleteAll(client, ['/external/connections/gcs1'], []);
  expect(stopped.leftovers).toEqual([
    {
      path: '/beta/external/connections/gcs1',
      why: expect.stringMatching(/^DELETE \/beta\/external\/connections\/gcs1 failed: .*ECONNREFUSED/) as unknown,
    },
  ]);
});

test('any other answer is a leftover, with its code; every path is still tried', async ({ server, client }) => {
  server.answer({ status: 500, body: { error: { code: 'internalServerError', message: 'boom' } } }, { status: 202 });

  const report = await deleteAll(client, ['/external/connections/gcs2', '/external/connections/gcs1'], []);

  expect(report.deleted).toEqual(['/external/connections/gcs2']);
  expect(report.leftovers).toEqual([
    {
      path: '/beta/external/connections/gcs1',
      why: 'DELETE /beta/external/connections/gcs1 answered 500 Internal Server Error (error code internalServerError)',
    },
  ]);
});

test('each path is settled as it goes, so a cleanup cut short knows which were never proven', async ({ server, client }) => {
  server.answer({ status: 202 }, { status: 500 });
  const settled: [string, string | undefined][] = [];

  await deleteAll(client, ['/external/connections/gcs1', '/external/connections/gcs2'], [], (path, leftover) =>
    settled.push([path, leftover?.why]),
  );

  expect(settled).toEqual([
    ['/external/connections/gcs2', undefined],
    ['/external/connections/gcs1', 'DELETE /beta/external/connections/gcs1 answered 500 Internal Server Error'],
  ]);
});

test("a DELETE throttled past cleanup's own time is a leftover that says so, without waiting", async ({ playwright, server, origin }) => {
  server.answer({ status: 429, headers: { 'retry-after': '5' } });
  const context = await playwright.request.newContext();
  const slept: number[] = [];
  const client = new GraphClient({
    context,
    root: `${origin}/beta`,
    defaultHeaders: {},
    throttle: { maxWaitSeconds: 60, maxRetries: 3, budgetSeconds: 300 },
    deadline: { at: Date.now() + 1_000, what: "cleanup's own time" },
    sleep: (milliseconds) => {
      slept.push(milliseconds);
      return Promise.resolve();
    },
  });

  const report = await deleteAll(client, ['/external/connections/gcs1'], []);

  expect(slept).toEqual([]);
  expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /beta/external/connections/gcs1']);
  expect(report.leftovers).toEqual([
    {
      path: '/beta/external/connections/gcs1',
      why: "DELETE /beta/external/connections/gcs1 answered 429 Too Many Requests; the suite stopped waiting: waiting 5 s would run past cleanup's own time",
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
