import { expect, test as base } from '@playwright/test';
import type { Exchange } from '../../harness/transport/exchange.ts';
import { GraphClient, type ThrottleWait } from '../../harness/transport/graph-client.ts';
import { ScriptedServer } from '../support/scripted-server.ts';

interface Harness {
  server: ScriptedServer;
  client: (throttle?: { maxWaitSeconds: number; maxRetries: number }) => GraphClient;
  exchanges: Exchange[];
  waits: ThrottleWait[];
}

const test = base.extend<Harness>({
  server: async ({}, use) => {
    const server = new ScriptedServer();
    await use(server);
    await server.stop();
  },
  exchanges: async ({}, use) => {
    await use([]);
  },
  waits: async ({}, use) => {
    await use([]);
  },
  client: async ({ playwright, server, exchanges, waits }, use) => {
    const origin = await server.start();
    const context = await playwright.request.newContext();
    await use(
      (throttle = { maxWaitSeconds: 60, maxRetries: 3 }) =>
        new GraphClient({
          context,
          root: `${origin}/beta/`,
          defaultHeaders: { Authorization: 'Bearer test' },
          throttle,
          hooks: { onExchange: (exchange) => void exchanges.push(exchange), onThrottled: (wait) => void waits.push(wait) },
        }),
    );
    await context.dispose();
  },
});

test('waits out a 429 per Retry-After, then returns the retry', async ({ server, client, waits, exchanges }) => {
  server.answer({ status: 429, headers: { 'retry-after': '1' } }, { status: 201, body: { id: 'x' } });
  const started = Date.now();

  const response = await client().post('/external/connections', { data: { id: 'x' } });

  expect(response.status()).toBe(201);
  expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  expect(waits).toEqual([
    expect.objectContaining({ retryAfter: '1', seconds: 1, retry: 1, maxRetries: 3 }),
  ]);
  expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /beta/external/connections', 'POST /beta/external/connections']);
  expect(exchanges.map((e) => e.response.status)).toEqual([429, 201]);
});

test('caps a long Retry-After', async ({ server, client, waits }) => {
  server.answer({ status: 429, headers: { 'retry-after': '3600' } }, { status: 200 });

  const response = await client({ maxWaitSeconds: 0, maxRetries: 3 }).get('/external/connections');

  expect(response.status()).toBe(200);
  expect(waits[0]?.seconds).toBe(0);
});

test('returns the 429 once the retries are spent', async ({ server, client }) => {
  server.answer(...Array.from({ length: 3 }, () => ({ status: 429, headers: { 'retry-after': '0' } })));

  const response = await client({ maxWaitSeconds: 60, maxRetries: 2 }).get('/external/connections');

  expect(response.status()).toBe(429);
  expect(server.received).toHaveLength(3);
});

for (const status of [503, 409]) {
  test(`never retries a ${status}: the contract asserts it`, async ({ server, client }) => {
    server.answer({ status, headers: { 'retry-after': '0' } }, { status: 201 });

    const response = await client().post('/external/connections', { data: {} });

    expect(response.status()).toBe(status);
    expect(server.received).toHaveLength(1);
  });
}

test('records what was sent and received, and sends the query once', async ({ server, client, exchanges }) => {
  server.answer({ status: 200, body: { value: [] } });

  await client().get('/external/connections', { params: { $select: 'id,name' } });

  expect(server.received[0]?.url).toBe('/beta/external/connections?%24select=id%2Cname');
  expect(exchanges[0]).toEqual({
    request: { method: 'GET', url: expect.stringContaining('/beta/external/connections?%24select=id%2Cname') as unknown, headers: { Authorization: 'Bearer test' } },
    response: { status: 200, headers: expect.objectContaining({ 'content-type': 'application/json' }) as unknown, body: { value: [] } },
  });
});

test('paths are written as on the doc page, with a leading slash', ({ client }) => {
  expect(() => client().url('external/connections')).toThrow('Graph paths start with "/"');
});
