import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureFile } from '../../harness/replay/fixture-file.ts';
import { answering } from '../stand-ins/graph-stand-in.ts';
import { madeUpSuite, runSuite, testsOf } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';

/** A create and its duplicate: the 409's message names the tenant, which a recording must redact inside the body. */
const CREATE_TWICE = `test.use({ graphVersion: 'beta' });
test('409 for a second create', async ({ graph, uniqueId, cleanup }) => {
  const body = { id: uniqueId('connection'), name: 'Compressed' };
  cleanup.delete(\`/external/connections/\${body.id}\`);
  expect(await graph.post('/external/connections', { data: body })).toHaveStatus(201);
  const second = await graph.post('/external/connections', { data: body });
  expect(second).toHaveStatus(409);
  expect(await second.json()).toMatchSchema('odataError');
});`;

for (const [encoding, ignoreAcceptEncoding] of [
  ['gzip', false],
  ['deflate', false],
  ['br', false],
  ['gzip', true],
] as const) {
  test(`record decodes a ${encoding} answer${ignoreAcceptEncoding ? ' sent whatever the request accepted' : ''} before redacting it, and replay serves it`, async ({
    standIns,
  }) => {
    standIns.graph.transport.compression = { encoding, ignoreAcceptEncoding };
    const suite = madeUpSuite({ 'compressed.spec.ts': CREATE_TWICE });

    const record = await runSuite({ ...(await standIns.env('secret', 'record')), ...suite.env }, [...suite.args, '--workers=1']);

    expect(record.code, record.output).toBe(0);
    // The service did compress what the test read: the recording saw the transport as it is.
    const posts = standIns.graph.log.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.transport?.encoding)).toEqual([encoding, encoding]);
    const fixture = JSON.parse(
      readFileSync(join(suite.fixturesDirectory, 'compressed', '409-for-a-second-create.json'), 'utf8'),
    ) as FixtureFile;
    expect(fixture.interactions.map(({ status, contentEncoding }) => ({ status, contentEncoding }))).toEqual([
      { status: 201, contentEncoding: encoding },
      { status: 409, contentEncoding: encoding },
    ]);
    const [created, conflict] = fixture.interactions;
    expect(created?.response).toMatchObject({ name: 'Compressed', state: 'draft' });
    // Redaction saw inside the body: the tenant the 409 names is the placeholder, not the test tenant.
    const text = JSON.stringify(fixture);
    expect(text).not.toContain(standIns.entra.app.tenantId);
    expect((conflict?.response as { error: { message: string } }).error.message).toContain('00000000-0000-0000-0000-0000000000aa');
    expect(Object.keys(conflict?.rawHeaders ?? {})).not.toContain('content-encoding');

    const replay = await runSuite({ ...suite.env, GRAPH_FIXTURES_DIR: suite.fixturesDirectory }, suite.args);
    expect(replay.code, replay.output).toBe(0);
    expect(testsOf(replay.report()).map((t) => t.status)).toEqual(['passed']);
  });
}

const CREATE = `test.use({ graphVersion: 'beta' });
test('201 creates the connection', async ({ graph, uniqueId, cleanup }) => {
  const body = { id: uniqueId('connection'), name: 'Cut off' };
  cleanup.delete(\`/external/connections/\${body.id}\`);
  const response = await graph.post('/external/connections', { data: body });
  expect(response).toHaveStatus(201);
  expect(await response.json()).toMatchSchema('externalConnection');
});`;

const createAnswered201 = (method: string, _path: string, status: number): boolean => method === 'POST' && status === 201;

test('a connection reset in the middle of a 201 body is not tested: the answer was not heard, and its request-id is named', async ({
  standIns,
}) => {
  standIns.graph.transport.resetMidBody = createAnswered201;
  const suite = madeUpSuite({ 'cut.spec.ts': CREATE });

  const run = await runSuite({ ...(await standIns.env('secret')), ...suite.env }, [...suite.args, '--workers=1']);

  expect(run.code).toBe(1);
  const post = standIns.graph.log.find((request) => request.method === 'POST');
  expect(post?.transport).toEqual({ reset: true });
  const [verdict] = run.matrix().operations.flatMap((row) => row.tests);
  expect(verdict?.outcome).toBe('not tested');
  expect(verdict?.reason).toBe(
    `the answer was cut off: POST /beta/external/connections answered 201 Created (request-id ${post?.requestId ?? ''}), and the connection ended before its body did (aborted)`,
  );
  // Cleanup still deleted what the 201 created.
  expect(standIns.graph.connections.size).toBe(0);
});

test('a 201 whose JSON body says text/html fails, and the matrix keeps the cause', async ({ standIns }) => {
  standIns.graph.answerOverride = answering('POST', '/beta/external/connections', {
    status: 201,
    body: { id: 'gcsmedia', name: 'Media' },
    headers: { 'content-type': 'text/html' },
  });
  const suite = madeUpSuite({ 'media.spec.ts': CREATE });

  const run = await runSuite({ ...(await standIns.env('secret')), ...suite.env }, [...suite.args, '--workers=1']);

  expect(run.code).toBe(1);
  const [verdict] = run.matrix().operations.flatMap((row) => row.tests);
  expect(verdict?.outcome).toBe('fail');
  expect(verdict?.reason).toContain('but its body is sent as Content-Type: text/html: a JSON answer must say application/json');
});
