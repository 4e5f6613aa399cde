import { answering, firstOf, forbidden } from '../stand-ins/graph-stand-in.ts';
import { runSuite, testsOf } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';
import { PASSWORDS_SENT, SUITE_TEST_TITLES, WHOLE_TEST_DIVERGENCES } from '../support/suite-facts.ts';

const TESTS = SUITE_TEST_TITLES.length;

test('divergences present: the service answers as known, and those tests are expected failures', async ({ standIns }) => {
  const run = await runSuite(await standIns.env('secret'));

  expect(run.code, run.output).toBe(0);
  const tests = testsOf(run.report());
  expect(
    tests
      .filter((t) => t.status === 'failed')
      .map((t) => t.title)
      .sort(),
  ).toEqual(WHOLE_TEST_DIVERGENCES);
  expect(run.report().stats).toMatchObject({ expected: TESTS, unexpected: 0 });
  // The claim-scoped divergence leaves the rest of its test in force, and it passed.
  expect(tests.find((t) => t.title.startsWith('201 creates the API connector'))?.status).toBe('passed');
  const annotations = tests.flatMap((t) => t.annotations.filter((a) => a.type === 'known divergence').map((a) => a.description ?? ''));
  expect(annotations).toHaveLength(4);
  for (const description of annotations) expect(description).toMatch(/^\[[\w-]+\] The page: .+ The service: .+ Evidence: .+https:\/\//);
});

test('divergences gone: a service that answers as the pages document turns the run red with "update the registry"', async ({
  standIns,
}) => {
  standIns.graph.profile = 'documented';

  const run = await runSuite(await standIns.env('secret'));

  expect(run.code).toBe(1);
  expect(run.report().stats).toMatchObject({ expected: TESTS - 4, unexpected: 4 });
  for (const id of [
    'connectors-create-not-served',
    'application-connectorGroup-not-in-v1',
    'connections-path-never-documented',
    'identityApiConnector-type-name',
  ]) {
    expect(run.output).toMatch(new RegExp(`\\[${id}\\].*the service now matches the page: update the registry`));
  }
});

test('a failure other than the known one is red, not hidden by the divergence', async ({ standIns }) => {
  standIns.graph.answerOverride = answering('POST', '/beta/connectors', {
    status: 409,
    body: { error: { code: 'Conflict', message: 'exists' } },
  });

  const run = await runSuite(await standIns.env('secret'));

  expect(run.code).toBe(1);
  expect(run.report().stats).toMatchObject({ expected: TESTS - 1, unexpected: 1 });
  expect(run.output).toContain('POST /beta/connectors answered 409 Conflict (error code Conflict, request-id');
  expect(run.output).toContain('not the known divergence [connectors-create-not-served] (400 or 404)');
  expect(run.matrix().operations.find((row) => row.operation === 'POST /connectors')?.outcome).toBe('fail');
});

test('a divergent path answered 403 or 500 is not tested: it proves no divergence either way', async ({ standIns }) => {
  standIns.graph.answerOverride = firstOf(
    answering('POST', '/beta/connectors', forbidden()),
    answering('POST', '/beta/connections', { status: 500, body: { error: { code: 'internalServerError', message: 'boom' } } }),
  );

  const run = await runSuite(await standIns.env('secret'));

  expect(run.code).toBe(1);
  const outcomes = Object.fromEntries(run.matrix().operations.map((row) => [row.operation, row.tests[0]?.outcome]));
  expect(outcomes).toMatchObject({
    'POST /connectors': 'not tested',
    'POST /connections': 'not tested',
    'POST /applications/{applicationsId}/connectorGroup/members/$ref': 'expected divergence',
  });
  expect(run.output).toContain(
    'Not tested: the token lacks a permission this operation needs: POST /beta/connectors answered 403 Forbidden (error code Authorization_RequestDenied, request-id',
  );
});

test('the type-name divergence never hides a password echoed in clear, and the password is not printed', async ({ standIns }) => {
  standIns.graph.echoPasswords = true;

  const run = await runSuite(await standIns.env('secret'));

  expect(run.code).toBe(1);
  expect(run.report().stats).toMatchObject({ expected: TESTS - 1, unexpected: 1 });
  expect(run.output).toContain('the response echoes the sent password in clear');
  expect(standIns.graph.receivedPasswords).toHaveLength(PASSWORDS_SENT);
  for (const password of standIns.graph.receivedPasswords) expect(run.output).not.toContain(password);
});

test('a wrong status is not hidden behind the claim-scoped divergence', async ({ standIns }) => {
  standIns.graph.answerOverride = answering('POST', '/beta/identity/apiConnectors', { status: 200, body: { id: 'x' } });

  const run = await runSuite(await standIns.env('secret'), ['specs/create-identityapiconnector.spec.ts']);

  expect(run.code).toBe(1);
  expect(run.output).toContain('Expected: 201');
});
