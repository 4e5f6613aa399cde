import { expect, test } from '@playwright/test';
import { describePollEnd, describeThrottleWait } from '../../harness/extend/graph.ts';
import { operationIdentity, testCase, testId } from '../../harness/report/test-identity.ts';
import { graphVersionBefore, testFunctionSource } from '../../harness/report/test-source.ts';
import { pathTemplate, trafficOf } from '../../harness/report/test-traffic.ts';
import type { SentRequest } from '../../harness/transport/exchange.ts';

/** The function of the one `test(` call in `source`, found as Playwright's location points at it. */
function codeOf(source: string): string | undefined {
  const before = source.slice(0, source.indexOf('test('));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return testFunctionSource(source, { line, column });
}

test('the code of a test is its function: the title, details, comments, whitespace and trailing commas aside', () => {
  const code = codeOf(`test('201 creates', async ({ graph }) => {\n  expect(await graph.get('/x')).toHaveStatus(201);\n});`);

  expect(code).toBe("async({graph})=>{expect(awaitgraph.get('/x')).toHaveStatus(201);}");
  expect(
    codeOf(`// a note
test(
  '201 creates the thing, reworded at length',
  { annotation: { type: 'docs', description: 'https://example.invalid/(page)' } },
  async ({ graph }) => {
    // Re-wrapped by the formatter under the longer title.
    expect(
      await graph.get('/x'),
    ).toHaveStatus(201);
  },
);`),
  ).toBe(code);
  expect(codeOf(`test('201 creates', async ({ graph }) => {\n  expect(await graph.get('/y')).toHaveStatus(201);\n});`)).not.toBe(code);
});

test('strings, templates, regular expressions and comments that hold brackets do not end the call early', () => {
  const code = codeOf(
    [
      'test(`400 for ${rule.name})`, async ({ graph }) => {',
      "  const odd = ')]}' + \"({[\" + `${JSON.stringify({ a: ')' })}`;",
      '  expect(odd).toMatch(/^\\)[(]/); // ) unbalanced in a comment',
      '  /* ( */ expect(a / b).toBe(c);',
      '});',
      "test('next', () => {});",
    ].join('\n'),
  );

  expect(code).toBe(
    "async({graph})=>{constodd=')]}'+\"({[\"+`${JSON.stringify({ a: ')' })}`;expect(odd).toMatch(/^\\)[(]/);expect(a/b).toBe(c);}",
  );
});

test('no code where the location names no call, or the call never closes', () => {
  expect(testFunctionSource("test('201 x', async () => {", { line: 1, column: 1 })).toBeUndefined();
  expect(testFunctionSource('const x = 1;', { line: 1, column: 1 })).toBeUndefined();
  expect(testFunctionSource('test()', { line: 9, column: 1 })).toBeUndefined();
});

test('the version is the last test.use({ graphVersion }) before the test, as a spec declares it', () => {
  const source = "test.use({ graphVersion: 'v1.0' });\ntest('a', () => {});\ntest.use({ graphVersion: \"beta\" });\ntest('b', () => {});";

  expect(graphVersionBefore(source, { line: 2, column: 1 })).toBe('v1.0');
  expect(graphVersionBefore(source, { line: 4, column: 1 })).toBe('beta');
  expect(graphVersionBefore("test('a', () => {});", { line: 1, column: 1 })).toBeUndefined();
});

test('an operation id is the method, the version and the path template; a test id is the operation, the page and the case', () => {
  expect(operationIdentity('POST /external/connections', 'beta')).toEqual({
    operationId: 'POST /beta/external/connections',
    method: 'POST',
    path: '/external/connections',
    version: 'beta',
  });
  expect(operationIdentity('labels.spec.ts', 'v1.0').operationId).toBe('v1.0 labels.spec.ts');
  expect(testCase('201 creates the connection', 'async()=>{}', 1)).toMatch(/^201 [0-9a-f]{8}$/);
  expect(testCase('400 for a reserved id', 'async()=>{}', 3)).toMatch(/^400 [0-9a-f]{8}#3$/);
  expect(testCase('lists them', undefined, 1)).toMatch(/^- title:[0-9a-f]{8}$/);
  const id = testId('POST /beta/external/connections', 'create-connection', '201 3fa9c2e1');
  expect(id).toMatch(/^[0-9a-f]{12}$/);
  expect(testId('POST /beta/external/connections', 'create-externalconnection', '201 3fa9c2e1')).not.toBe(id);
  expect(testId('POST /v1.0/external/connections', 'create-connection', '201 3fa9c2e1')).not.toBe(id);
});

const CONNECTIONS = operationIdentity('POST /external/connections', 'beta');
const request = (method: string, path: string): SentRequest => ({ method, url: `https://graph.microsoft.com${path}`, headers: {} });
const exchange = (name: string, body: unknown) => ({ name, contentType: 'application/json', body: Buffer.from(JSON.stringify(body)) });

test('the requests a test sent, from its exchange attachments: ids it created or was given become {id}, request-ids kept', () => {
  const attachments = [
    exchange('1. POST /beta/external/connections → 201', {
      support: { 'request-id': 'r-1', date: 'Fri, 01 May 2026 03:17:00 GMT' },
      request: { method: 'POST', body: { id: 'contosohr', name: 'Contoso HR' } },
      response: { status: 201, body: { id: 'contosohr' } },
    }),
    exchange('2. GET /beta/external/connections/contosohr → 200', { support: { 'request-id': 'r-2' }, request: {}, response: {} }),
    { name: 'error-context', contentType: 'text/markdown', body: Buffer.from('# not an exchange') },
    exchange('3. cleanup: DELETE /beta/external/connections/contosohr → 202', { request: {}, response: {} }),
    {
      name: '4. GET /beta/identity/apiConnectors/9b3c1e2a-0f4d-4c1b-8a77-2d5e6f708192 → 404',
      contentType: 'application/json',
      path: '/nowhere',
    },
  ];

  expect(trafficOf(attachments, [], CONNECTIONS).requests).toEqual([
    { method: 'POST', path: '/beta/external/connections', status: 201, requestId: 'r-1' },
    { method: 'GET', path: '/beta/external/connections/{id}', status: 200, requestId: 'r-2' },
    { method: 'DELETE', path: '/beta/external/connections/{id}', status: 202, cleanup: true },
    { method: 'GET', path: '/beta/identity/apiConnectors/{id}', status: 404 },
  ]);
});

test("a path the describe's template matches takes its names; a suite id anywhere becomes {id}", () => {
  const members = operationIdentity('POST /applications/{applicationsId}/connectorGroup/members/$ref', 'v1.0');

  expect(pathTemplate('POST', '/v1.0/applications/gcs0abcdefxyz123/connectorGroup/members/$ref', members)).toBe(
    '/v1.0/applications/{applicationsId}/connectorGroup/members/$ref',
  );
  expect(pathTemplate('GET', '/v1.0/applications/gcs0abcdefxyz123', members)).toBe('/v1.0/applications/{id}');
  expect(pathTemplate('GET', '/beta/external/connections', CONNECTIONS)).toBe('/beta/external/connections');
});

test('polls and 429 waits read back exactly what the harness wrote of them, live and replayed', () => {
  const get = request('GET', '/beta/external/connections/gcs0abcdefxyz123');
  const post = request('POST', '/beta/external/connections');
  const poll = { request: get, timeoutSeconds: 60, intervalSeconds: 2 };
  const annotations = [
    { type: 'poll', description: describePollEnd({ ...poll, until: 200, status: 200, attempts: 3, waitedSeconds: 4, waited: true }) },
    { type: 'poll', description: describePollEnd({ ...poll, until: 404, status: 200, attempts: 31, waitedSeconds: 60, waited: true }) },
    { type: 'poll', description: describePollEnd({ ...poll, until: 404, status: 404, attempts: 1, waitedSeconds: 0, waited: false }) },
    { type: 'poll', description: 'a poll described some other way' },
  ];
  const wait = { request: post, retry: 1, maxRetries: 3 };
  const throttled = [
    describeThrottleWait({ ...wait, retryAfter: '2', basis: 'Retry-After: 2', seconds: 2, waited: true }),
    describeThrottleWait({ ...wait, retryAfter: undefined, basis: 'no Retry-After: backing off 1 s', seconds: 1, waited: true }),
    describeThrottleWait({
      ...wait,
      retryAfter: 'Fri, 01 May 2026 03:17:05 GMT',
      basis: 'Retry-After: Fri, 01 May 2026 03:17:05 GMT',
      seconds: 5,
      waited: true,
    }),
    describeThrottleWait({ ...wait, retryAfter: '2.128', basis: 'Retry-After: 2.128', seconds: 2.128, waited: false }),
  ].map((description) => ({ type: 'throttled', description }));

  const traffic = trafficOf([], [...annotations, ...throttled], CONNECTIONS);

  const polled = { method: 'GET', path: '/beta/external/connections/{id}' };
  expect(traffic.polls).toEqual([
    { ...polled, until: 200, status: 200, attempts: 3, waitedSeconds: 4, replayed: false },
    { ...polled, until: 404, status: 200, attempts: 31, waitedSeconds: 60, replayed: false },
    { ...polled, until: 404, status: 404, attempts: 1, waitedSeconds: 0, replayed: true },
  ]);
  const posted = { method: 'POST', path: '/beta/external/connections' };
  expect(traffic.throttled).toEqual([
    { ...posted, retryAfter: '2', seconds: 2, waited: true },
    { ...posted, seconds: 1, waited: true },
    { ...posted, retryAfter: 'Fri, 01 May 2026 03:17:05 GMT', seconds: 5, waited: true },
    { ...posted, retryAfter: '2.128', seconds: 2.128, waited: false },
  ]);
});
