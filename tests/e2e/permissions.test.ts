import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSuite, testsOf, type SuiteRun } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';
import { testsOfOperation } from '../support/suite-facts.ts';

const CREATE_CONNECTION = 'specs/create-connection.spec.ts';
const CREATE_API_CONNECTOR = 'specs/create-identityapiconnector.spec.ts';
const OWNED_BY = 'ExternalConnection.ReadWrite.OwnedBy';
const LISTED = `${OWNED_BY}, ExternalConnection.ReadWrite.All`;
const HINT = `grant ${OWNED_BY} (the page lists ${LISTED} for an application token; the token has none of them)`;
const ANNOUNCEMENT = `permissions: Create connection (pages/create-connection.md): missing: ${HINT}`;
const FIRST_TEST = '201 creates the connection in draft state';
/** The tests of Create connection whose create the service answers 201, sorted. */
const CREATES_ACCEPTED = [
  FIRST_TEST,
  '404 once deleted: the connection is read back (200), deleted (202), then gone',
  '409 for a second create with the same id',
];
/** One test of Create identityApiConnector that sends the worker's token. */
const ONE_API_CONNECTOR_TEST = ['-g', '201 creates the API connector'];

/** Each test's annotations of one type, by title. */
function annotated(run: SuiteRun, type: string): Record<string, (string | undefined)[]> {
  return Object.fromEntries(
    testsOf(run.report()).map((t) => [t.title, t.annotations.filter((a) => a.type === type).map((a) => a.description)]),
  );
}

test('a token with none of the listed permissions: announced before any test, and the 403 is not tested with what to grant', async ({
  standIns,
}) => {
  standIns.entra.roles = ['Sites.Read.All'];
  standIns.graph.enforcePermissions = [
    { method: 'POST', path: /^\/beta\/external\/connections$/, anyOf: [OWNED_BY, 'ExternalConnection.ReadWrite.All'] },
  ];

  const run = await runSuite(await standIns.env('secret'), [CREATE_CONNECTION, '--workers=1']);

  expect(run.code).toBe(1);
  const announced = run.output.indexOf(ANNOUNCEMENT);
  expect(announced, run.output).toBeGreaterThan(run.output.indexOf('preflight: signed in'));
  expect(announced).toBeLessThan(run.output.indexOf(FIRST_TEST));
  const requestId = standIns.graph.log.find((r) => r.method === 'POST' && r.status === 403)?.requestId ?? '?';
  const reason = `the token lacks a permission this operation needs: POST /beta/external/connections answered 403 Forbidden (error code Authorization_RequestDenied, request-id ${requestId}), where the contract asserts 201; ${HINT}.`;
  const [first, quirk] = run.matrix().operations[0]?.tests ?? [];
  expect(first).toMatchObject({ title: FIRST_TEST, outcome: 'not tested', reason });
  expect(quirk).toMatchObject({
    outcome: 'not tested',
    reason: expect.stringMatching(
      /answered 403 Forbidden .*, where the contract asserts 503; grant ExternalConnection\.ReadWrite\.OwnedBy \(the page lists/,
    ),
  });
  expect(readFileSync(join(run.outputDirectory, 'junit.xml'), 'utf8')).toContain(
    `where the contract asserts 201; grant ${OWNED_BY} (the page lists`,
  );
  expect(annotated(run, 'permissions')[FIRST_TEST]).toEqual([`missing: ${HINT}`]);
  expect(run.matrix().operations[0]?.tests.map((t) => t.permissionDivergence)).toEqual([undefined, undefined]);
});

test('a token with a listed permission: granted, no announcement, and the tests pass as before', async ({ standIns }) => {
  standIns.graph.enforcePermissions = [
    { method: 'POST', path: /^\/beta\/external\/connections$/, anyOf: [OWNED_BY, 'ExternalConnection.ReadWrite.All'] },
  ];

  const run = await runSuite(await standIns.env('secret'), [CREATE_CONNECTION, '--workers=1']);

  expect(run.code, run.output).toBe(0);
  expect(run.output).not.toContain('permissions: Create connection');
  expect(annotated(run, 'permissions')[FIRST_TEST]).toEqual([`granted: the token (application) has ${OWNED_BY}, which the page lists`]);
  expect(Object.values(annotated(run, 'permission divergence')).flat()).toEqual([]);
  expect(run.matrix().totals).toMatchObject({ pass: testsOfOperation('POST /external/connections').length, 'not tested': 0 });
});

test('a service that succeeds without any listed permission: still a pass, with a permission divergence in the report and the matrix', async ({
  standIns,
}) => {
  // An app with no application permission: Entra leaves the roles claim out.
  standIns.entra.roles = undefined;

  const run = await runSuite(await standIns.env('secret'), [CREATE_CONNECTION, '--workers=1']);

  expect(run.code, run.output).toBe(0);
  expect(run.output).toContain(ANNOUNCEMENT);
  const requestId = standIns.graph.log.find((r) => r.method === 'POST' && r.status === 201)?.requestId ?? '?';
  const divergence = `the service answered POST /beta/external/connections → 201, request-id ${requestId}, where the page says the token is not enough (${HINT}): the page may ask for more than the service enforces.`;
  expect(annotated(run, 'permission divergence')[FIRST_TEST]).toEqual([divergence]);
  // Each test whose create the service accepted: the 201, the 409's first create, and the lifecycle's.
  const diverged = Object.entries(annotated(run, 'permission divergence'))
    .filter(([, descriptions]) => descriptions.length > 0)
    .map(([title]) => title);
  expect(diverged.sort()).toEqual(CREATES_ACCEPTED);
  const [first] = run.matrix().operations[0]?.tests ?? [];
  expect(first).toMatchObject({ title: FIRST_TEST, outcome: 'pass', permissionDivergence: divergence });
  const markdown = readFileSync(join(run.outputDirectory, 'matrix', 'contract-matrix.md'), 'utf8');
  expect(markdown).toContain(`**Permission divergences** (${CREATES_ACCEPTED.length}, advisory)`);
  expect(markdown).toContain(`- \`POST /external/connections\` › ${FIRST_TEST}: ${divergence}`);
});

test('the doc stubs\' TODO cells are "not documented": announced as such, never a failure or a divergence, and a 403 there gets no hint', async ({
  standIns,
}) => {
  standIns.entra.roles = undefined;
  standIns.graph.enforcePermissions = [
    { method: 'POST', path: /^\/beta\/identity\/apiConnectors$/, anyOf: ['APIConnectors.ReadWrite.All'] },
  ];

  const run = await runSuite(await standIns.env('secret'), [CREATE_API_CONNECTOR, ...ONE_API_CONNECTOR_TEST, '--workers=1']);

  const stub =
    'not documented: the page lists no permission for an application token ("TODO: Provide applicable permissions."), so nothing is checked';
  for (const page of [
    'Add connector (pages/add-connector.md)',
    'Create connector (pages/create-connector.md)',
    'Create externalConnection (pages/create-externalconnection.md)',
    'Create identityApiConnector (pages/create-identityapiconnector.md)',
  ]) {
    expect(run.output).toContain(`permissions: ${page}: ${stub}`);
  }
  expect(Object.values(annotated(run, 'permissions'))).toEqual([[stub]]);
  expect(run.matrix().operations[0]?.tests).toEqual([
    expect.objectContaining({
      outcome: 'not tested',
      reason: expect.stringMatching(
        /answered 403 Forbidden \(error code Authorization_RequestDenied, request-id [0-9a-f-]{36}\), where the contract asserts 201\.$/,
      ),
    }),
  ]);

  standIns.graph.enforcePermissions = [];
  const allowed = await runSuite(await standIns.env('secret'), [CREATE_API_CONNECTOR, ...ONE_API_CONNECTOR_TEST, '--workers=1']);

  expect(allowed.code, allowed.output).toBe(0);
  expect(Object.values(annotated(allowed, 'permission divergence')).flat()).toEqual([]);
  expect(allowed.matrix().operations[0]?.tests.map((t) => [t.outcome, t.permissionDivergence])).toEqual([['pass', undefined]]);
});

test('replay reads no token and no page table: no announcement, no permissions annotation', async ({ standIns }) => {
  const run = await runSuite({ GRAPH_MODE: 'replay' }, [CREATE_CONNECTION, '--workers=1']);

  expect(run.code, run.output).toBe(0);
  expect(run.output).not.toContain('permissions:');
  expect(Object.values(annotated(run, 'permissions')).flat()).toEqual([]);
  expect(standIns.graph.log).toEqual([]);
});
