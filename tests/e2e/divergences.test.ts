import type { Answer } from '../stand-ins/graph-stand-in.ts';
import { runSuite, testsOf } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';

const WHOLE_TEST_DIVERGENCES = [
  '201 creates an active connector with a server-generated id',
  '201 creates the externalConnection in draft state',
  '204 adds the connector, with an empty body',
];

function answerFor(method: string, path: string, answer: Answer) {
  return (m: string, p: string): Answer | undefined => (m === method && p === path ? answer : undefined);
}

test('divergences present: the service answers as known, and those tests are expected failures', async ({ standIns }) => {
  const run = await runSuite(await standIns.env('secret'));

  expect(run.code, run.output).toBe(0);
  const tests = testsOf(run.report());
  expect(tests.filter((t) => t.status === 'failed').map((t) => t.title).sort()).toEqual(WHOLE_TEST_DIVERGENCES);
  expect(run.report().stats).toMatchObject({ expected: 6, unexpected: 0 });
  // The claim-scoped divergence leaves the rest of its test in force, and it passed.
  expect(tests.find((t) => t.title.startsWith('201 creates the API connector'))?.status).toBe('passed');
  const annotations = tests.flatMap((t) => t.annotations.filter((a) => a.type === 'known divergence').map((a) => a.description ?? ''));
  expect(annotations).toHaveLength(4);
  expect(annotations.every((description) => /^\[[\w-]+\] The page: .+ The service: .+ Evidence: .+https:\/\//.test(description))).toBe(true);
});

test('divergences gone: a service that answers as the pages document turns the run red with "update the registry"', async ({ standIns }) => {
  standIns.graph.profile = 'documented';

  const run = await runSuite(await standIns.env('secret'));

  expect(run.code).toBe(1);
  expect(run.report().stats).toMatchObject({ expected: 2, unexpected: 4 });
  for (const id of ['connectors-create-not-served', 'application-connectorGroup-not-in-v1', 'connections-path-never-documented', 'identityApiConnector-type-name']) {
    expect(run.output).toMatch(new RegExp(`\\[${id}\\].*the service now matches the page: update the registry`));
  }
});

test('a failure other than the known one is red, not hidden by the divergence', async ({ standIns }) => {
  standIns.graph.answerOverride = answerFor('POST', '/beta/connectors', { status: 500, body: { error: { code: 'internalServerError', message: 'boom' } } });

  const run = await runSuite(await standIns.env('secret'));

  expect(run.code).toBe(1);
  expect(run.report().stats).toMatchObject({ expected: 5, unexpected: 1 });
  expect(run.output).toContain('POST /beta/connectors answered 500, not the known divergence [connectors-create-not-served] (400 or 404)');
});

test('the type-name divergence never hides a password echoed in clear, and the password is not printed', async ({ standIns }) => {
  standIns.graph.echoPasswords = true;

  const run = await runSuite(await standIns.env('secret'));

  expect(run.code).toBe(1);
  expect(run.report().stats).toMatchObject({ expected: 5, unexpected: 1 });
  expect(run.output).toContain('the response echoes the sent password in clear');
  expect(standIns.graph.receivedPasswords).toHaveLength(1);
  expect(run.output).not.toContain(standIns.graph.receivedPasswords[0]);
});

test('a wrong status is not hidden behind the claim-scoped divergence', async ({ standIns }) => {
  standIns.graph.answerOverride = answerFor('POST', '/beta/identity/apiConnectors', { status: 200, body: { id: 'x' } });

  const run = await runSuite(await standIns.env('secret'), ['specs/create-identityapiconnector.spec.ts']);

  expect(run.code).toBe(1);
  expect(run.output).toContain('Expected: 201');
});
