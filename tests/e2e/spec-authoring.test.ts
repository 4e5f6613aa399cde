import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { madeUpSuite, runSuite, testsOf } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';
import { ANNOTATION } from '../../harness/shared/annotations.ts';

/** What a spec author gets wrong or chooses, run through the real config, harness and reporters. */

const PAGE = 'https://learn.microsoft.com/graph/api/externalconnectors-externalconnection-get?view=graph-rest-beta';
const CONNECTION = { id: 'contosohr', name: 'Contoso HR', description: 'Connection to index Contoso HR system', state: 'draft' };

/** A documented-example fixture that answers one GET of the connection. */
function readsConnection(test: string, values: Record<string, string> = {}) {
  return {
    test,
    provenance: { source: 'documented-example', page: PAGE, note: 'Made up for an end-to-end test.' },
    values,
    interactions: [
      {
        scope: 'https://graph.microsoft.com',
        method: 'GET',
        path: '/beta/external/connections/contosohr',
        status: 200,
        response: CONNECTION,
        rawHeaders: { 'content-type': 'application/json' },
      },
    ],
  };
}

const READ_TEST = (title: string) => `
test(${JSON.stringify(title)}, async ({ graph }) => {
  const response = await graph.get('/external/connections/contosohr');
  expect(response).toHaveStatus(200);
});`;

test('two titles with one slug: the run names both tests, the second fails at its fixture, and the run is red', async () => {
  const suite = madeUpSuite(
    {
      'connections.spec.ts': `test.use({ graphVersion: 'beta' });${READ_TEST('200 reads the connection')}${READ_TEST('200: Reads the connection')}`,
    },
    { 'connections/200-reads-the-connection.json': readsConnection('200 reads the connection') },
  );

  const run = await runSuite(suite.env, suite.args);

  expect(run.code).toBe(1);
  expect(run.output).toMatch(
    /fixtures: 2 tests map to one fixture file, \S*connections\/200-reads-the-connection\.json: \S*connections\.spec\.ts: 200 reads the connection; \S*connections\.spec\.ts: 200: Reads the connection\. .*rename one of them\./,
  );
  expect(run.output).toContain('answers the test "200 reads the connection", not this one ("200: Reads the connection")');
  expect(Object.fromEntries(testsOf(run.report()).map((t) => [t.title, t.status]))).toEqual({
    '200 reads the connection': 'passed',
    '200: Reads the connection': 'failed',
  });

  // With no test run, only the fixture check can turn the run red.
  const listed = await runSuite(suite.env, [...suite.args, '--list']);
  expect(listed.code).toBe(1);
  expect(listed.output).toContain('fixtures: 2 tests map to one fixture file');
});

test('a focused test (test.only) cannot be part of a run that forbids orphans: it would leave the other fixtures unused', async () => {
  const suite = madeUpSuite(
    {
      'connections.spec.ts': `test.use({ graphVersion: 'beta' });${READ_TEST('200 reads the connection').replace('test(', 'test.only(')}${READ_TEST('200 reads it again')}`,
    },
    {
      'connections/200-reads-the-connection.json': readsConnection('200 reads the connection'),
      'connections/200-reads-it-again.json': readsConnection('200 reads it again'),
    },
  );

  const focused = await runSuite(suite.env, suite.args);
  expect(focused.code, focused.output).toBe(0);

  const forbidding = await runSuite(suite.env, [...suite.args, '--', '--forbid-orphans']);
  expect(forbidding.code).toBe(1);
  expect(forbidding.output).toContain("Error: item focused with '.only' is not allowed due to the 'forbidOnly' option");
  expect(forbidding.output).not.toContain('no test uses');
});

test('a run that leaves tests out says it did not check orphans when they are forbidden', async () => {
  const run = await runSuite({}, ['-G', '503', '--', '--forbid-orphans']);

  expect(run.code, run.output).toBe(0);
  expect(run.output).toContain(
    'fixtures: orphans not checked: this run may leave tests out (-G 503), and only a run of every test can tell an orphan.',
  );
});

test('a label asked for twice fails at the spec line that asked again, naming both lines', async () => {
  const body = [
    "test.use({ graphVersion: 'beta' });",
    "test('200 reads the connection by its label', async ({ graph, uniqueId }) => {",
    "  const response = await graph.get(`/external/connections/${uniqueId('connection')}`);",
    '  expect(response).toHaveStatus(200);',
    "  uniqueId('connection');",
    '});',
  ].join('\n');
  const suite = madeUpSuite(
    { 'labels.spec.ts': body },
    {
      'labels/200-reads-the-connection-by-its-label.json': readsConnection('200 reads the connection by its label', {
        connection: 'contosohr',
      }),
    },
  );

  const run = await runSuite(suite.env, suite.args);

  expect(run.code).toBe(1);
  // The import is line 1 of the spec, so body line n is spec line n + 1.
  expect(run.output).toMatch(
    /uniqueId\("connection"\) is asked for again at \S*labels\.spec\.ts:6:3; the label was first used at \S*labels\.spec\.ts:4:\d+ \(uniqueId\)\. A label names one value/,
  );
  // Playwright's code frame and location are the spec's, not the harness's.
  expect(run.output).toMatch(/> 6 \|\s+uniqueId\('connection'\);/);
  expect(run.output).not.toContain('harness/extend/session.ts');
});

const SKIPPING = `test.use({ graphVersion: 'beta' });
test('200 reads the connection where the tenant has it', async ({ graph }) => {
  test.skip(true, 'the test tenant has no connections');
  const response = await graph.get('/external/connections/contosohr');
  expect(response).toHaveStatus(200);
});`;
const SKIPPING_FIXTURE = 'skips/200-reads-the-connection-where-the-tenant-has-it.json';

test('replay: a test that skips itself is not tested, with its reason, and its unused fixture is no failure', async () => {
  const suite = madeUpSuite(
    { 'skips.spec.ts': SKIPPING },
    { [SKIPPING_FIXTURE]: readsConnection('200 reads the connection where the tenant has it') },
  );

  const run = await runSuite(suite.env, suite.args);

  // Not tested turns the run red: it says nothing of the contract.
  expect(run.code).toBe(1);
  expect(run.output).not.toContain('never requested');
  expect(run.matrix().operations[0]?.tests.map((t) => [t.outcome, t.reason])).toEqual([
    ['not tested', 'skipped: the test tenant has no connections'],
  ]);
});

test('record: a test that skips itself keeps the committed fixture as it was', async ({ standIns }) => {
  const suite = madeUpSuite(
    { 'skips.spec.ts': SKIPPING },
    { [SKIPPING_FIXTURE]: readsConnection('200 reads the connection where the tenant has it') },
  );
  const committed = readFileSync(join(suite.fixturesDirectory, SKIPPING_FIXTURE), 'utf8');

  const run = await runSuite({ ...(await standIns.env('secret', 'record')), ...suite.env }, suite.args);

  expect(run.code).toBe(1);
  expect(readFileSync(join(suite.fixturesDirectory, SKIPPING_FIXTURE), 'utf8')).toBe(committed);
  expect(testsOf(run.report())[0]?.annotations).toContainEqual({
    type: ANNOTATION.fixture,
    description: 'not recorded: the test was skipped, so the committed fixture stays as it was',
  });
  // The preflight's reads only: the skipped test sent nothing.
  expect(standIns.graph.log.filter((request) => request.path.includes('contosohr'))).toEqual([]);
});
