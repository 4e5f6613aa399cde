import { expect as baseExpect, test as base } from '@playwright/test';
import { GraphClient, type GraphResponse } from '../../harness/transport/graph-client.ts';
import { NotTestedError, untestableCause } from '../../harness/verdict/not-tested.ts';
import { answerFormProblems, statusMatchers, supportIdsNote } from '../../harness/verdict/status-matcher.ts';
import { ScriptedServer, type ScriptedResponse } from '../support/scripted-server.ts';
import { ANNOTATION } from '../../harness/shared/annotations.ts';

const expect = baseExpect.extend(statusMatchers);

/** One answer from a loopback server, through the client specs use. */
const test = base.extend<{ answer: (response: ScriptedResponse) => Promise<GraphResponse> }>({
  answer: async ({ playwright }, use) => {
    const server = new ScriptedServer();
    const origin = await server.start();
    const context = await playwright.request.newContext();
    const client = new GraphClient({
      context,
      root: `${origin}/beta`,
      defaultHeaders: {},
      throttle: { maxWaitSeconds: 0, maxRetries: 0, budgetSeconds: 0 },
    });
    await use(async (response) => {
      server.answer(response);
      return client.post('/external/connections', { data: {} });
    });
    await context.dispose();
    await server.stop();
  },
});

function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the assertion passed');
}

test('the asserted status with a JSON body that says so passes, OData parameters and all', async ({ answer }) => {
  const response = await answer({
    status: 201,
    body: { id: 'x' },
    headers: { 'content-type': 'application/json;odata.metadata=minimal;charset=utf-8' },
  });
  expect(response).toHaveStatus(201);
});

test('another status is a broken contract, naming what came back and its request-id', async ({ answer }) => {
  const response = await answer({
    status: 400,
    body: { error: { code: 'InvalidRequest', message: 'bad id' } },
    headers: { 'request-id': 'abc-123' },
  });
  const message = failureOf(() => {
    expect(response).toHaveStatus(201);
  });
  expect(message).toContain('Expected: 201\nReceived: 400 Bad Request (error code InvalidRequest, request-id abc-123)');
  expect(message).toContain('Body: {"error":{"code":"InvalidRequest","message":"bad id"}}');
});

test('a JSON body without Content-Type, or sent as text, fails even with the right status', async ({ answer }) => {
  const missing = await answer({ status: 201, body: { id: 'x' }, headers: { 'content-type': null } });
  expect(
    failureOf(() => {
      expect(missing).toHaveStatus(201);
    }),
  ).toContain('but its body is sent without a Content-Type: a JSON answer must say application/json');
  const text = await answer({
    status: 409,
    body: { error: { code: 'Conflict', message: 'exists' } },
    headers: { 'content-type': 'text/plain' },
  });
  expect(
    failureOf(() => {
      expect(text).toHaveStatus(409);
    }),
  ).toContain('but its body is sent as Content-Type: text/plain: a JSON answer must say application/json');
});

test("a 204 must carry no body (Node's server drops one, so the form is checked alone; replay can serve one)", () => {
  expect(answerFormProblems(204, {}, '{"id":"x"}')).toEqual(['a 204 must carry no body, and this one has 10 bytes']);
  expect(answerFormProblems(204, {}, '')).toEqual([]);
});

test('an asserted 5xx is judged by its status only: real 503s come empty, as text or as HTML', async ({ answer }) => {
  const response = await answer({ status: 503, body: '<html>Service Unavailable</html>', headers: { 'content-type': 'text/html' } });
  expect(response).toHaveStatus(503);
});

// The client here waits for no 429 (GRAPH_MAX_THROTTLE_RETRIES=0), so a 429 says why it stopped.
for (const [status, cause, stopped] of [
  [401, 'Graph refused the token', ''],
  [403, 'the token lacks a permission this operation needs', ''],
  [429, 'throttled', '; the suite stopped waiting: still 429 after 0 waits \\(GRAPH_MAX_THROTTLE_RETRIES=0\\)'],
  [500, 'the service failed', ''],
  [503, 'the service failed', ''],
] as const) {
  test(`an unasserted ${status} is not tested, not a broken contract`, async ({ answer }) => {
    const response = await answer({ status, body: { error: { code: 'x', message: 'y' } }, headers: { 'request-id': 'req-1' } });
    let thrown: unknown;
    try {
      expect(response).toHaveStatus(201);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NotTestedError);
    expect((thrown as NotTestedError).reason).toMatch(
      new RegExp(
        `^${cause}: POST /beta/external/connections answered ${status} .*request-id req-1\\), where the contract asserts 201${stopped}\\.$`,
      ),
    );
    expect(test.info().annotations.filter((a) => a.type === ANNOTATION.notTested)).toEqual([
      { type: ANNOTATION.notTested, description: (thrown as NotTestedError).reason },
    ]);
  });
}

test('an answer of the asserted kind stays a verdict: a 500 where the 503 is asserted, a 403 where a 401 is', () => {
  expect(untestableCause(500, 503)).toBeUndefined();
  expect(untestableCause(403, 401)).toBeUndefined();
  expect(untestableCause(503, 409)).toBe('the service failed');
  expect(untestableCause(404, 201)).toBeUndefined();
  expect(untestableCause(409)).toBeUndefined();
});

test('.not.toHaveStatus asserts another status and never turns into not tested', async ({ answer }) => {
  const refused = await answer({ status: 403, body: { error: { code: 'x', message: 'y' } } });
  expect(refused).not.toHaveStatus(201);
  const created = await answer({ status: 201, body: { id: 'x' } });
  expect(
    failureOf(() => {
      expect(created).not.toHaveStatus(201);
    }),
  ).toContain('Expected: not 201\nReceived: 201 Created');
});

test('only responses of the graph fixture are accepted', async ({ playwright }) => {
  const context = await playwright.request.newContext();
  const server = new ScriptedServer().answer({ status: 200 });
  const response = await context.get(await server.start());
  expect(() => {
    expect(response).toHaveStatus(200);
  }).toThrow('toHaveStatus takes a response the graph fixture returned');
  await context.dispose();
  await server.stop();
});

const INNER = { date: '2019-02-04T14:57:30', 'client-request-id': 'c-1' };

test('an asserted error whose body is an OData error passes, its request id spelled either way, or absent', async ({ answer }) => {
  for (const innerError of [
    { ...INNER, 'request-id': 'r-1' },
    { ...INNER, requestId: 'r-1' },
  ]) {
    const response = await answer({ status: 409, body: { error: { code: 'Conflict', message: 'exists', innerError } } });
    expect(response).toHaveStatus(409);
  }
  // As other workloads publish them: no innerError, a numeric-string code, an innerError with no ids, a nested chain.
  for (const error of [
    { code: 'ErrorInvalidRecipients', message: 'bad' },
    { code: '20241', message: 'bad', innerError: null },
    { code: 'InvalidRequest', message: 'bad', innerError: { code: 'badId', message: 'refused' } },
    { code: 'InvalidArgument', message: 'bad', innerError: { code: 'a', innerError: { code: 'b', innerError: { code: 'c' } } } },
  ]) {
    expect(await answer({ status: 400, body: { error } })).toHaveStatus(400);
  }
});

test('an asserted error whose JSON body is not an OData error fails, listing each schema error', async ({ answer }) => {
  const noCode = await answer({ status: 400, body: { error: { message: 'bad id' } } });
  expect(
    failureOf(() => {
      expect(noCode).toHaveStatus(400);
    }),
  ).toContain(
    'but its body is not an OData error: 1 schema error against "odataError":\n  at /error/code\n    expected: a value (the property is required)\n    actual:   (missing)',
  );

  const numericCode = await answer({ status: 400, body: { error: { code: 20241, message: 'not a string' } } });
  expect(
    failureOf(() => {
      expect(numericCode).toHaveStatus(400);
    }),
  ).toContain('  at /error/code\n    expected: type string');

  const badRequestId = await answer({
    status: 404,
    body: { error: { code: 'ItemNotFound', message: 'gone', innerError: { 'request-id': 42, date: INNER.date } } },
  });
  expect(
    failureOf(() => {
      expect(badRequestId).toHaveStatus(404);
    }),
  ).toContain('  at /error/innerError/request-id\n    expected: type string');

  const notAnError = await answer({ status: 401, body: { message: 'no token' } });
  expect(
    failureOf(() => {
      expect(notAnError).toHaveStatus(401);
    }),
  ).toContain('  at /error\n    expected: a value (the property is required)');
});

test('an asserted 5xx with an empty body, or a JSON one that is an OData error, passes; a JSON one that is not fails', async ({
  answer,
}) => {
  expect(await answer({ status: 503, body: '', headers: { 'content-type': 'text/plain' } })).toHaveStatus(503);
  expect(
    await answer({
      status: 503,
      body: { error: { code: 'serviceNotAvailable', message: 'later', innerError: { ...INNER, 'request-id': 'r' } } },
    }),
  ).toHaveStatus(503);
  const plain = await answer({ status: 503, body: { status: 'down' } });
  expect(
    failureOf(() => {
      expect(plain).toHaveStatus(503);
    }),
  ).toContain('its body is not an OData error');
});

test('an asserted 401 is a verdict: it passes on a 401, a 201 fails as served without a token', async ({ answer }) => {
  const refused = await answer({
    status: 401,
    body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.', innerError: { ...INNER, 'request-id': 'r' } } },
  });
  expect(refused).toHaveStatus(401);

  const served = await answer({ status: 201, body: { id: 'x' } });
  let thrown: unknown;
  try {
    expect(served).toHaveStatus(401);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).not.toBeInstanceOf(NotTestedError);
  expect((thrown as Error).message).toContain(
    'Expected: 401\nReceived: 201 Created\n  but the contract expects this request refused, and it was served without a token (no Authorization header)',
  );
});

test('an error without the ids support asks for is a note, naming what is missing and the request-id header', () => {
  const request = { method: 'POST', url: 'https://graph.microsoft.com/beta/external/connections', headers: {} };
  const note = (body: unknown, headers: Record<string, string> = {}) => supportIdsNote(request, 400, headers, JSON.stringify(body));
  expect(note({ error: { code: 'x', message: 'y' } }, { 'request-id': 'r-9' })).toBe(
    "POST /beta/external/connections answered 400 with an error that carries no innerError, so no request-id or date for support in its body; the answer's request-id header: r-9",
  );
  expect(note({ error: { code: 'x', message: 'y', innerError: { code: 'z' } } })).toBe(
    'POST /beta/external/connections answered 400 with an error whose innerError has no request-id and no date for support; nor does the answer carry a request-id header',
  );
  expect(note({ error: { code: 'x', message: 'y', innerError: { requestId: 'r' } } })).toContain(
    'whose innerError has no date for support',
  );
  expect(note({ error: { code: 'x', message: 'y', innerError: { ...INNER, 'request-id': 'r' } } })).toBeUndefined();
  expect(note({ error: { code: 'x', message: 'y', innerError: null } })).toContain('carries no innerError');
  expect(supportIdsNote(request, 400, {}, 'not json')).toBeUndefined();
  expect(supportIdsNote(request, 201, {}, '{"error":{"code":"x","message":"y"}}')).toBeUndefined();
});
