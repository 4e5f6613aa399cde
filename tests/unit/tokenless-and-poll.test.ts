import { expect, test as base } from '@playwright/test';
import { describePollEnd } from '../../harness/extend/graph.ts';
import { GraphClient, type GraphClientHooks, type PollEnd, type PollWait } from '../../harness/transport/graph-client.ts';
import { ScriptedServer } from '../support/scripted-server.ts';

interface Harness {
  server: ScriptedServer;
  /** A client whose worker token is counted as it is asked for, whose sleeps advance a fake clock. */
  client: (hooks?: GraphClientHooks) => GraphClient;
  tokensAsked: { count: number };
  slept: number[];
  waits: PollWait[];
  ends: PollEnd[];
}

const test = base.extend<Harness>({
  server: async ({}, use) => {
    const server = new ScriptedServer();
    await use(server);
    await server.stop();
  },
  tokensAsked: async ({}, use) => {
    await use({ count: 0 });
  },
  slept: async ({}, use) => {
    await use([]);
  },
  waits: async ({}, use) => {
    await use([]);
  },
  ends: async ({}, use) => {
    await use([]);
  },
  client: async ({ playwright, server, tokensAsked, slept, waits, ends }, use) => {
    const origin = await server.start();
    const context = await playwright.request.newContext();
    let now = 1_000_000;
    await use(
      (hooks = {}) =>
        new GraphClient({
          context,
          root: `${origin}/beta`,
          defaultHeaders: {},
          token: () => {
            tokensAsked.count++;
            return Promise.resolve('worker-token');
          },
          throttle: { maxWaitSeconds: 60, maxRetries: 3, budgetSeconds: 300 },
          hooks: { onPollWait: (wait) => void waits.push(wait), onPollEnd: (end) => void ends.push(end), ...hooks },
          sleep: (milliseconds) => {
            slept.push(milliseconds);
            now += milliseconds;
            return Promise.resolve();
          },
          clock: () => now,
        }),
    );
    await context.dispose();
  },
});

const POLLED = '/external/connections/gcs1';

test('a request carries the worker token, asked for as it leaves', async ({ server, client, tokensAsked }) => {
  server.answer({ status: 200 }, { status: 200 });
  const graph = client();
  expect(tokensAsked.count).toBe(0);

  await graph.get('/external/connections');
  await graph.get('/external/connections');

  expect(server.received.map((request) => request.headers.authorization)).toEqual(['Bearer worker-token', 'Bearer worker-token']);
  expect(tokensAsked.count).toBe(2);
});

test('withoutToken() sends no Authorization header and never asks for the worker token', async ({ server, client, tokensAsked }) => {
  server.answer({ status: 401 });

  const response = await client()
    .withoutToken()
    .post('/external/connections', { data: { id: 'x' } });

  expect(response.status()).toBe(401);
  expect(server.received[0]?.headers).not.toHaveProperty('authorization');
  expect(server.received[0]?.headers['client-request-id']).toBeDefined();
  expect(tokensAsked.count).toBe(0);
});

test('withToken(t) sends exactly Bearer t, never the worker token', async ({ server, client, tokensAsked }) => {
  server.answer({ status: 401 });

  await client()
    .withToken('not-a-token')
    .post('/external/connections', { data: { id: 'x' } });

  expect(server.received[0]?.headers.authorization).toBe('Bearer not-a-token');
  expect(tokensAsked.count).toBe(0);
});

test('withoutToken() drops an Authorization header the client would send by default', async ({ playwright, server }) => {
  const context = await playwright.request.newContext();
  const origin = await server.start();
  server.answer({ status: 401 });
  const graph = new GraphClient({
    context,
    root: `${origin}/beta`,
    defaultHeaders: { Authorization: 'Bearer fixed' },
    throttle: { maxWaitSeconds: 0, maxRetries: 0, budgetSeconds: 0 },
  });

  await graph.withoutToken().get('/external/connections');

  expect(server.received[0]?.headers).not.toHaveProperty('authorization');
  await context.dispose();
});

test('poll: waits the interval between attempts, stops at the awaited status and returns that answer', async ({
  server,
  client,
  slept,
  waits,
  ends,
}) => {
  server.answer(
    { status: 200, body: { id: 'gcs1' } },
    { status: 200, body: { id: 'gcs1' } },
    { status: 404, body: { error: { code: 'ItemNotFound', message: 'gone' } } },
  );

  const response = await client().poll('get', POLLED, { until: 404, timeoutSeconds: 60, intervalSeconds: 2 });

  expect(response.status()).toBe(404);
  expect(server.received.map((request) => `${request.method} ${request.url}`)).toEqual(
    Array.from({ length: 3 }, () => `GET /beta${POLLED}`),
  );
  expect(slept).toEqual([2000, 2000]);
  expect(waits.map((wait) => [wait.attempt, wait.seconds, wait.waited])).toEqual([
    [2, 2, true],
    [3, 2, true],
  ]);
  expect(describePollEnd(ends[0] as PollEnd)).toBe(`GET /beta${POLLED} answered 404 after 3 attempts (waited 4 s, bounded at 60 s).`);
});

test('poll: an answer that is already the awaited one is not waited on', async ({ server, client, slept }) => {
  server.answer({ status: 200, body: {} });

  const response = await client().poll('get', POLLED, { until: 200, timeoutSeconds: 60, intervalSeconds: 2 });

  expect(response.status()).toBe(200);
  expect(slept).toEqual([]);
  expect(server.received).toHaveLength(1);
});

test('poll: a 5xx ends the poll at once: the service failing is not a resource lagging', async ({ server, client, slept }) => {
  server.answer({ status: 500, body: {} }, { status: 404, body: {} });

  const response = await client().poll('get', POLLED, { until: 404, timeoutSeconds: 60, intervalSeconds: 2 });

  expect(response.status()).toBe(500);
  expect(slept).toEqual([]);
  expect(server.received).toHaveLength(1);
});

test('poll: stops when another wait would pass the timeout, and returns the last answer', async ({ server, client, slept, ends }) => {
  server.answer(...Array.from({ length: 10 }, (_, index) => ({ status: 200, body: { attempt: index + 1 } })));

  const response = await client().poll('get', POLLED, { until: 404, timeoutSeconds: 5, intervalSeconds: 2 });

  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ attempt: 3 });
  expect(slept).toEqual([2000, 2000]);
  expect(describePollEnd(ends[0] as PollEnd)).toBe(
    `GET /beta${POLLED} still answered 200 after 3 attempts; the poll ended without a 404 (waited 4 s, bounded at 5 s).`,
  );
});

test('poll: in replay nothing is slept and the recording decides how many attempts there are', async ({
  server,
  client,
  slept,
  waits,
  ends,
}) => {
  server.answer({ status: 200 }, { status: 200 }, { status: 200 });
  let recorded = 2;

  const response = await client({ recordedRetry: () => recorded-- > 0 }).poll('get', POLLED, {
    until: 404,
    timeoutSeconds: 1,
    intervalSeconds: 30,
  });

  expect(response.status()).toBe(200);
  expect(server.received).toHaveLength(3);
  expect(slept).toEqual([]);
  expect(waits.every((wait) => !wait.waited)).toBe(true);
  expect(describePollEnd(ends[0] as PollEnd)).toBe(
    `GET /beta${POLLED} still answered 200 after 3 attempts; the poll ended without a 404 (replayed without waiting; live waits 30 s between attempts, at most 1 s).`,
  );
});

for (const status of [401, 403]) {
  test(`poll: a ${status} ends the poll at once, since no wait changes it`, async ({ server, client, slept }) => {
    server.answer({ status, body: { error: { code: 'x', message: 'y' } } }, { status: 404 });

    const response = await client().poll('get', POLLED, { until: 404, timeoutSeconds: 60, intervalSeconds: 2 });

    expect(response.status()).toBe(status);
    expect(server.received).toHaveLength(1);
    expect(slept).toEqual([]);
  });
}

test('poll: a 429 inside a poll is waited out as any request, then polling goes on', async ({ server, client, slept }) => {
  server.answer({ status: 200 }, { status: 429, headers: { 'retry-after': '1' } }, { status: 404 });

  const response = await client().poll('get', POLLED, { until: 404, timeoutSeconds: 60, intervalSeconds: 2 });

  expect(response.status()).toBe(404);
  expect(slept).toEqual([2000, 1000]);
});

test('poll: a bound that is not a number of seconds is refused, naming it', ({ client }) => {
  expect(() => client().poll('get', POLLED, { until: 404, timeoutSeconds: Number.NaN, intervalSeconds: 2 })).toThrow(
    'graph.poll: timeoutSeconds must be a number of seconds (got NaN).',
  );
});
