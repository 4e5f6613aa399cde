import { expect, test as base } from '@playwright/test';
import type { Exchange } from '../../harness/transport/exchange.ts';
import { GraphClient, throttlingGivenUp, type GraphClientHooks, type ThrottleWait } from '../../harness/transport/graph-client.ts';
import type { ThrottleSettings } from '../../harness/transport/throttle.ts';
import { ScriptedServer } from '../support/scripted-server.ts';

const THROTTLE: ThrottleSettings = { maxWaitSeconds: 60, maxRetries: 3, budgetSeconds: 300 };

interface Harness {
  server: ScriptedServer;
  client: (options?: { throttle?: Partial<ThrottleSettings>; hooks?: GraphClientHooks }) => GraphClient;
  exchanges: Exchange[];
  waits: ThrottleWait[];
  /** What the client slept, in milliseconds: no test here really sleeps. */
  slept: number[];
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
  slept: async ({}, use) => {
    await use([]);
  },
  client: async ({ playwright, server, exchanges, waits, slept }, use) => {
    const origin = await server.start();
    const context = await playwright.request.newContext();
    await use(
      ({ throttle = {}, hooks = {} } = {}) =>
        new GraphClient({
          context,
          root: `${origin}/beta/`,
          defaultHeaders: { Authorization: 'Bearer test' },
          throttle: { ...THROTTLE, ...throttle },
          hooks: { onExchange: (exchange) => void exchanges.push(exchange), onThrottled: (wait) => void waits.push(wait), ...hooks },
          sleep: (milliseconds) => {
            slept.push(milliseconds);
            return Promise.resolve();
          },
        }),
    );
    await context.dispose();
  },
});

test('waits out a 429 per Retry-After, then returns the retry', async ({ server, client, waits, exchanges, slept }) => {
  server.answer({ status: 429, headers: { 'retry-after': '2.128' } }, { status: 201, body: { id: 'x' } });

  const response = await client().post('/external/connections', { data: { id: 'x' } });

  expect(response.status()).toBe(201);
  expect(slept).toEqual([2128]);
  expect(waits).toEqual([
    expect.objectContaining({ retryAfter: '2.128', basis: 'Retry-After: 2.128', seconds: 2.128, retry: 1, maxRetries: 3 }),
  ]);
  expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
    'POST /beta/external/connections',
    'POST /beta/external/connections',
  ]);
  expect(exchanges.map((e) => e.response.status)).toEqual([429, 201]);
});

test('without Retry-After, backs off 1, 2, 4 s', async ({ server, client, slept }) => {
  server.answer({ status: 429 }, { status: 429 }, { status: 429 }, { status: 200, body: {} });

  const response = await client().get('/external/connections');

  expect(response.status()).toBe(200);
  expect(slept).toEqual([1000, 2000, 4000]);
});

test('a Retry-After beyond the cap is not waited: the 429 goes to the test, saying why', async ({ server, client, slept }) => {
  server.answer({ status: 429, headers: { 'retry-after': '315' } }, { status: 200 });

  const response = await client().get('/external/connections');

  expect(response.status()).toBe(429);
  expect(throttlingGivenUp(response)).toBe('Retry-After: 315 asks for 315 s, more than GRAPH_MAX_RETRY_AFTER_SECONDS=60');
  expect(slept).toEqual([]);
  expect(server.received).toHaveLength(1);
});

test('returns the 429 once the retries are spent', async ({ server, client }) => {
  server.answer(...Array.from({ length: 3 }, () => ({ status: 429, headers: { 'retry-after': '0' } })));

  const response = await client({ throttle: { maxRetries: 2 } }).get('/external/connections');

  expect(response.status()).toBe(429);
  expect(throttlingGivenUp(response)).toBe('still 429 after 2 waits (GRAPH_MAX_THROTTLE_RETRIES=2)');
  expect(server.received).toHaveLength(3);
});

test('in replay the recording alone decides: no retry recorded, the 429 goes to the test', async ({ server, client }) => {
  server.answer({ status: 429, headers: { 'retry-after': '1' } }, { status: 200 });

  const response = await client({ hooks: { recordedRetry: () => false } }).get('/external/connections');

  expect(response.status()).toBe(429);
  expect(throttlingGivenUp(response)).toBe('the recorded run stopped waiting here');
  expect(server.received).toHaveLength(1);
});

test("in replay a recorded retry is sent at once, whatever today's cap, retry count or budget", async ({
  server,
  client,
  slept,
  waits,
}) => {
  server.answer({ status: 429, headers: { 'retry-after': '600' } }, { status: 429, headers: { 'retry-after': '600' } }, { status: 200 });

  const response = await client({
    throttle: { maxWaitSeconds: 1, maxRetries: 1, budgetSeconds: 0 },
    hooks: { recordedRetry: () => true },
  }).get('/external/connections');

  expect(response.status()).toBe(200);
  expect(slept).toEqual([]);
  expect(waits.map((wait) => [wait.seconds, wait.basis])).toEqual([
    [600, 'Retry-After: 600'],
    [600, 'Retry-After: 600'],
  ]);
});

for (const status of [503, 409]) {
  test(`never retries a ${status}: the contract asserts it`, async ({ server, client }) => {
    server.answer({ status, headers: { 'retry-after': '0' } }, { status: 201 });

    const response = await client().post('/external/connections', { data: {} });

    expect(response.status()).toBe(status);
    expect(server.received).toHaveLength(1);
  });
}

test('each request, retries included, carries a fresh client-request-id GUID', async ({ server, client, exchanges }) => {
  server.answer({ status: 429, headers: { 'retry-after': '0' } }, { status: 200 }, { status: 200 });

  await client().get('/external/connections');
  await client().get('/external/connections');

  const ids = server.received.map((r) => r.headers['client-request-id']);
  expect(ids).toHaveLength(3);
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(new Set(ids).size).toBe(3);
  expect(exchanges.map((e) => e.request.headers['client-request-id'])).toEqual(ids);
});

test('records what was sent and received, and sends the query once', async ({ server, client, exchanges }) => {
  server.answer({ status: 200, body: { value: [] } });

  await client().get('/external/connections', { params: { $select: 'id,name' } });

  expect(server.received[0]?.url).toBe('/beta/external/connections?%24select=id%2Cname');
  expect(exchanges[0]).toEqual({
    request: {
      method: 'GET',
      url: expect.stringContaining('/beta/external/connections?%24select=id%2Cname') as unknown,
      headers: { Authorization: 'Bearer test', 'client-request-id': expect.any(String) as unknown },
    },
    response: { status: 200, headers: expect.objectContaining({ 'content-type': 'application/json' }) as unknown, body: { value: [] } },
  });
});

for (const [kind, params] of [
  ['a string', '$select=id&$top=5'],
  [
    'URLSearchParams',
    new URLSearchParams([
      ['$select', 'id'],
      ['$top', '5'],
    ]),
  ],
] as const) {
  test(`params as ${kind} go out as Playwright sends them, and are reported so`, async ({ server, client, exchanges }) => {
    server.answer({ status: 200, body: { value: [] } });

    await client().get('/external/connections', { params });

    const sent = new URL(server.received[0]?.url ?? '', 'https://x').searchParams;
    expect([...sent]).toEqual([
      ['$select', 'id'],
      ['$top', '5'],
    ]);
    expect([...new URL(exchanges[0]?.request.url ?? '').searchParams]).toEqual([
      ['$select', 'id'],
      ['$top', '5'],
    ]);
  });
}

test('paths are written as on the doc page, with a leading slash', async ({ client, server }) => {
  expect(() => client().url('external/connections')).toThrow('Graph paths start with "/"');
  // A request with a bad path is a rejection, with or without the report's step around it, and nothing is sent.
  const step: GraphClientHooks['step'] = (_title, _location, body) => body();
  for (const hooks of [{}, { step }])
    await expect(client({ hooks }).get('external/connections')).rejects.toThrow('Graph paths start with "/"');
  expect(server.received).toEqual([]);
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

test('with a redactText hook, what the spec reads of body and every header accessor is redacted', async ({ server, client }) => {
  server.answer({
    status: 409,
    headers: { 'x-ms-ags-diagnostic': 'tenant 1111' },
    body: { error: { message: 'tenant 1111 already has it' } },
  });

  const response = await client({ hooks: { redactText: (text) => text.replaceAll('1111', 'REDACTED') } }).post('/external/connections', {
    data: {},
  });

  expect(await response.json()).toEqual({ error: { message: 'tenant REDACTED already has it' } });
  expect((await response.body()).toString('utf8')).not.toContain('1111');
  expect(response.headers()['x-ms-ags-diagnostic']).toBe('tenant REDACTED');
  expect(response.headersArray().find((header) => header.name.toLowerCase() === 'x-ms-ags-diagnostic')?.value).toBe('tenant REDACTED');
});
