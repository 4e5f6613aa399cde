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

test('a spec reads the body as text, JSON and bytes, as often as it likes', async ({ server, client }) => {
  server.answer({ status: 200, body: { id: 'contosohr', name: 'Contoso HR — é' } });

  const response = await client().get('/external/connections/contosohr');

  expect(response.ok()).toBe(true);
  expect(await response.json()).toEqual({ id: 'contosohr', name: 'Contoso HR — é' });
  const text = await response.text();
  expect(JSON.parse(text)).toEqual(await response.json());
  const bytes = await response.body();
  expect(bytes.equals(Buffer.from(text))).toBe(true);
  bytes.fill(0);
  expect((await response.body()).toString('utf8')).toBe(text);
});

test('with a redactText hook, what the spec reads of body and headers is redacted', async ({ playwright, server }) => {
  const origin = await server.start();
  server.answer({ status: 409, headers: { 'x-ms-ags-diagnostic': 'tenant 1111' }, body: { error: { message: 'tenant 1111 already has it' } } });
  const context = await playwright.request.newContext();
  const client = new GraphClient({
    context,
    root: `${origin}/beta`,
    defaultHeaders: {},
    throttle: { maxWaitSeconds: 0, maxRetries: 0 },
    hooks: { redactText: (text) => text.replaceAll('1111', 'REDACTED') },
  });

  const response = await client.post('/external/connections', { data: {} });

  expect(await response.json()).toEqual({ error: { message: 'tenant REDACTED already has it' } });
  expect((await response.body()).toString('utf8')).not.toContain('1111');
  expect(response.headers()['x-ms-ags-diagnostic']).toBe('tenant REDACTED');
  await context.dispose();
});
