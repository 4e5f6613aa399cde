import { expect, test } from '@playwright/test';
import { alertIssues, parseAlertMarker, planAlerts, type ExistingIssue } from '../../authoring/alerts/alert-plan.ts';
import { alertStates, type OperationState } from '../../authoring/alerts/operation-state.ts';
import {
  ANNOUNCED,
  alertNights,
  alertNights as history,
  CONNECTIONS,
  CONNECTORS,
  HARMLESS_SILENT,
  SILENT,
} from '../support/alert-nights.ts';

test('per operation tonight: red with each problem and the night it began, green, or unknown when none of its tests could be tested', () => {
  const nights = history([
    { duplicate: 'pass' },
    { duplicate: 'fail' },
    { duplicate: 'fail', connector: 'not tested' },
    { duplicate: 'fail', connector: 'divergence gone', leftover: true },
  ]);

  const tonight = alertStates(nights);

  expect(tonight.couldNotTest).toBeUndefined();
  const [connections, connectors] = tonight.operations;
  expect(connections).toMatchObject({ operationId: CONNECTIONS, page: 'create-connection', state: 'red' });
  expect(connections?.problems).toEqual([
    {
      key: 'fail aaaaaaaaaaa2',
      kind: 'fail',
      text: '❌ fails: 409 for a second create with the same id — fail: Expected 409, received 400 (request-id r3b)',
      since: '2026-05-02',
      exchanges: ['POST /beta/external/connections → 201, request-id r3b-1', 'POST /beta/external/connections → 400, request-id r3b'],
    },
  ]);
  expect(connectors?.state).toBe('red');
  expect(connectors?.problems.map((problem) => [problem.kind, problem.since])).toEqual([
    ['divergence gone', '2026-05-04'],
    ['leftover', '2026-05-04'],
  ]);
  expect(connectors?.problems[1]?.text).toBe(
    '🧹 left behind: 201 creates the API connector — DELETE /beta/identity/apiConnectors/{id} was refused three times (503): not proven deleted',
  );
  // The night its only test could not be tested says nothing of it.
  expect(alertStates(nights.slice(0, 3)).operations[1]).toMatchObject({ state: 'unknown', problems: [] });
  expect(alertStates(nights.slice(0, 1)).operations.map((operation) => operation.state)).toEqual(['green', 'green']);
});

test('a silent metadata change that breaks a reader or writer is a problem; an announced or a harmless one is not; a night that could not check keeps the last known', () => {
  const nights = history([
    { duplicate: 'pass', drift: { checked: true }, metadata: [ANNOUNCED, HARMLESS_SILENT] },
    { duplicate: 'pass', drift: { checked: true }, metadata: [ANNOUNCED, SILENT] },
    { duplicate: 'pass', drift: { checked: false, why: 'beta-Prod.csdl answered 503' } },
    { duplicate: 'pass', drift: { checked: true } },
  ]);

  expect(alertStates(nights.slice(0, 1)).operations[1]?.state).toBe('green');
  expect(alertStates(nights.slice(0, 2)).operations[1]?.problems).toEqual([
    {
      key: 'metadata microsoft.graph.pkcs12CertificateInformation property isActive removed',
      kind: 'silent metadata change',
      text: '🔇 silent metadata change: microsoft.graph.pkcs12CertificateInformation: property isActive removed (breaks a reader and a writer; no changelog entry announced it)',
      since: '2026-05-02',
      exchanges: [],
    },
  ]);
  // Unknown is not resolved: the night the drift could not be checked keeps the change of the night before.
  expect(alertStates(nights.slice(0, 3)).operations[1]?.problems.map((problem) => [problem.kind, problem.since])).toEqual([
    ['silent metadata change', '2026-05-02'],
  ]);
  // Checked again, and gone (the pull request merged): green.
  expect(alertStates(nights).operations[1]?.state).toBe('green');
});

test('a breaking change the changelog could not speak of (unknown) is no alert: only a silent one is', () => {
  const unknown = { ...SILENT, unknown: 'changelog/Microsoft.CPIM.json could not be read from raw.githubusercontent.com' };
  const nights = history([{ duplicate: 'pass', drift: { checked: true }, metadata: [unknown] }]);

  expect(alertStates(nights).operations[1]).toMatchObject({ state: 'green', problems: [] });
  expect(planAlerts(alertStates(nights), [])).toEqual([]);
});

test('a night with no drift report (the drift job died) is a night that could not check: a silent change is neither resolved nor reopened', () => {
  const nights = history([
    { duplicate: 'pass', drift: { checked: true }, metadata: [SILENT] },
    { duplicate: 'pass' },
    { duplicate: 'pass', drift: { checked: true }, metadata: [SILENT] },
  ]);
  const opened = planAlerts(alertStates(nights.slice(0, 1)), []);
  const issue = issueFrom(opened, 5);

  // The night without a report keeps the change of the last night that checked, since that night: the issue is left as it was.
  expect(alertStates(nights.slice(0, 2)).operations[1]?.problems.map((problem) => [problem.kind, problem.since])).toEqual([
    ['silent metadata change', '2026-05-01'],
  ]);
  expect(planAlerts(alertStates(nights.slice(0, 2)), [issue])).toEqual([]);
  // Checked again and still there: the same problem since the first night, nothing to say.
  expect(alertStates(nights).operations[1]?.problems.map((problem) => problem.since)).toEqual(['2026-05-01']);
  expect(planAlerts(alertStates(nights), [issue])).toEqual([]);
});

test('a night that could not test is one run-level reason, and no operation is judged', () => {
  const tonight = alertStates(
    history([{ duplicate: 'fail' }, { duplicate: 'pass', notTested: 'no token from Entra ID; nothing was sent to Graph.' }]),
  );
  expect(tonight.couldNotTest).toBe('no token from Entra ID; nothing was sent to Graph.');
  expect(tonight.operations.map((operation) => operation.state)).toEqual(['unknown', 'unknown']);
});

type Action = ReturnType<typeof planAlerts>[number];

/** The one action of a plan, of the kind expected. */
function only<K extends Action['kind']>(actions: readonly Action[], kind: K): Extract<Action, { kind: K }> {
  const [action] = actions;
  if (actions.length !== 1 || action?.kind !== kind)
    throw new Error(`expected one ${kind}, planned: ${actions.map((one) => one.kind).join(', ') || 'nothing'}`);
  return action as Extract<Action, { kind: K }>;
}

/** The issue an opening becomes, as GitHub numbers it. */
function issueFrom(actions: readonly Action[], number: number): ExistingIssue {
  const action = only(actions, 'open');
  return {
    number,
    title: action.title,
    body: action.body,
    html_url: `https://github.com/contoso/graph-contracts/issues/${number}`,
    author: 'github-actions[bot]',
  };
}

test('the plan: open one issue per red operation, update it when its problems change, leave it when nothing changed, close it when green', () => {
  const nights = history([
    { duplicate: 'pass' },
    { duplicate: 'fail' },
    { duplicate: 'fail' },
    { duplicate: 'fail', leftover: true, connector: 'pass' },
    { duplicate: 'pass' },
  ]);

  expect(planAlerts(alertStates(nights.slice(0, 1)), [])).toEqual([]);

  const opened = planAlerts(alertStates(nights.slice(0, 2)), []);
  expect(opened.map((action) => [action.kind, action.operationId])).toEqual([['open', CONNECTIONS]]);
  const open = only(opened, 'open');
  expect(open).toMatchObject({ title: `Contract alert: ${CONNECTIONS}`, labels: ['contract-alert'] });
  const { body } = open;
  expect(body).toContain(`**\`${CONNECTIONS}\`** (page create-connection) is red since **2026-05-02**.`);
  expect(body).toContain(
    '- ❌ fails: 409 for a second create with the same id — fail: Expected 409, received 400 (request-id r1b) (since 2026-05-02)',
  );
  expect(body).toContain('  - `POST /beta/external/connections → 400, request-id r1b`');
  expect(body).toContain(
    'Night of 2026-05-02: [its report](https://github.com/contoso/graph-contracts/actions/runs/101/artifacts/201) · [its run](https://github.com/contoso/graph-contracts/actions/runs/101)',
  );
  const issue = issueFrom(opened, 7);
  expect(parseAlertMarker(issue.body)).toEqual({
    operation: CONNECTIONS,
    night: '2026-05-02',
    generatedAt: '2026-05-02T03:17:00.000Z',
    problems: ['fail aaaaaaaaaaa2'],
  });

  // The same problems the next night: nothing to say. The same night again (a re-run): nothing either.
  expect(planAlerts(alertStates(nights.slice(0, 3)), [issue])).toEqual([]);
  expect(planAlerts(alertStates(nights.slice(0, 2)), [issue])).toEqual([]);

  // A new leftover on another operation opens its own issue; the first is left alone.
  const fourth = planAlerts(alertStates(nights.slice(0, 4)), [issue]);
  expect(fourth.map((action) => [action.kind, action.operationId])).toEqual([['open', CONNECTORS]]);

  const closed = planAlerts(alertStates(nights), [issue]);
  expect(closed).toEqual([
    {
      kind: 'close',
      operationId: CONNECTIONS,
      number: 7,
      body: expect.stringContaining(`**\`${CONNECTIONS}\`** (page create-connection) is green again since **2026-05-05**`),
      comment: expect.stringContaining(
        '**Night of 2026-05-05** ([its report](https://github.com/contoso/graph-contracts/actions/runs/104/artifacts/204) · [its run](https://github.com/contoso/graph-contracts/actions/runs/104)): green again',
      ),
    },
  ]);
});

test('an update says what is new tonight and what is no longer so', () => {
  const nights = history([
    { duplicate: 'pass', connector: 'divergence gone' },
    { duplicate: 'pass', connector: 'pass', leftover: true },
  ]);
  const issue = issueFrom(planAlerts(alertStates(nights.slice(0, 1)), []), 3);

  const update = only(planAlerts(alertStates(nights), [issue]), 'update');

  expect(update).toMatchObject({ operationId: CONNECTORS, number: 3 });
  const { comment } = update;
  expect(comment).toContain('**Night of 2026-05-02** ([its report]');
  expect(comment).toContain('still red');
  expect(comment).toContain(
    '- new: 🧹 left behind: 201 creates the API connector — DELETE /beta/identity/apiConnectors/{id} was refused three times (503): not proven deleted',
  );
  expect(comment).toContain('- no longer: 🔔 divergence gone: 201 creates the API connector');
  expect(parseAlertMarker(update.body)?.problems).toEqual(['leftover bbbbbbbbbbb1']);
  // The operation has been red since the first night, whatever was wrong each night.
  expect(update.body).toContain(`**\`${CONNECTORS}\`** (page create-identityapiconnector) is red since **2026-05-01**.`);
});

test("an issue's marker reads back whole, whatever the operation's path template holds", () => {
  const night = alertStates(alertNights([{ duplicate: 'fail' }])).night;
  const operation: OperationState = {
    operationId: 'GET /beta/external/connections/{id}',
    page: 'get',
    state: 'red',
    redSince: '2026-05-01',
    problems: [{ key: 'fail x}y', kind: 'fail', text: '❌ fails: --> </b>', since: '2026-05-01', exchanges: [] }],
  };
  const { body } = only(planAlerts({ night, operations: [operation] }, []), 'open');
  expect(parseAlertMarker(body)).toEqual({
    operation: 'GET /beta/external/connections/{id}',
    night: '2026-05-01',
    generatedAt: '2026-05-01T03:17:00.000Z',
    problems: ['fail x}y'],
  });
  expect(parseAlertMarker('no marker here')).toBeUndefined();
});

test('a night that could not test opens or updates the one run-level issue, judges no operation, and the next tested night closes it', () => {
  const nights = history([
    { duplicate: 'fail' },
    { duplicate: 'pass', notTested: 'no token from Entra ID; nothing was sent to Graph. AADSTS7000215: Invalid client secret provided.' },
    { duplicate: 'pass', notTested: 'no token from Entra ID; nothing was sent to Graph. AADSTS7000215: Invalid client secret provided.' },
    { duplicate: 'fail' },
  ]);
  const connections = issueFrom(planAlerts(alertStates(nights.slice(0, 1)), []), 1);

  const first = planAlerts(alertStates(nights.slice(0, 2)), [connections]);
  expect(first.map((action) => [action.kind, action.operationId])).toEqual([['open', 'run']]);
  expect(only(first, 'open')).toMatchObject({ title: 'Contract alert: the nightly run could not test' });
  const run = issueFrom(first, 2);
  expect(run.body).toContain(
    'The night of 2026-05-02 could not test: no token from Entra ID; nothing was sent to Graph. AADSTS7000215: Invalid client secret provided.',
  );

  const second = planAlerts(alertStates(nights.slice(0, 3)), [connections, run]);
  expect(second.map((action) => [action.kind, action.operationId])).toEqual([['update', 'run']]);
  expect(only(second, 'update').comment).toContain('**Night of 2026-05-03**');

  const tested = planAlerts(alertStates(nights), [connections, run]);
  expect(tested.map((action) => [action.kind, action.operationId])).toEqual([['close', 'run']]);
});

test('an issue of an operation no longer under contract is closed, saying so, once the night tested', () => {
  const nights = history([{ duplicate: 'fail' }, { duplicate: 'pass' }]);
  const issue = issueFrom(planAlerts(alertStates(nights.slice(0, 1)), []), 4);
  const gone = { ...issue, body: issue.body.replace(CONNECTIONS, 'POST /beta/widgets') };
  const tonight = alertStates(nights);

  const close = only(
    planAlerts({ ...tonight, operations: tonight.operations.filter((one) => one.operationId !== CONNECTIONS) }, [gone]),
    'close',
  );

  expect(close).toMatchObject({ operationId: 'POST /beta/widgets', number: 4 });
  expect(close.comment).toContain(
    'no longer under contract: the night ran no test of `POST /beta/widgets` (its spec was removed, or its describe renamed)',
  );
  // A night that could not test says nothing of it either.
  expect(planAlerts({ ...tonight, couldNotTest: 'no token', operations: [] }, [gone]).map((action) => action.operationId)).toEqual(['run']);
});

test("an operation's issue is its oldest open one, whatever order GitHub lists them in; a duplicate is left alone", () => {
  const nights = history([{ duplicate: 'fail' }, { duplicate: 'pass' }]);
  const first = issueFrom(planAlerts(alertStates(nights.slice(0, 1)), []), 4);
  const duplicate = { ...first, number: 9, html_url: 'https://github.com/contoso/graph-contracts/issues/9' };

  // GitHub lists the newest first by default: #9 comes before #4.
  const close = only(planAlerts(alertStates(nights), [duplicate, first]), 'close');

  expect(close.number).toBe(4);
});

test('only the issues the workflow opened are alert issues: a marker planted in an issue someone else opened is no alert', () => {
  const nights = history([{ duplicate: 'fail' }]);
  const ours = issueFrom(planAlerts(alertStates(nights), []), 3);
  const planted = { ...ours, number: 2, author: 'mallory' };
  const unmarked = { ...ours, number: 1, body: 'Document the sweep', author: 'github-actions[bot]' };

  const found = alertIssues([unmarked, planted, ours], 'github-actions[bot]');

  expect(found.own.map((issue) => issue.number)).toEqual([3]);
  expect(found.foreign.map((issue) => [issue.number, issue.author])).toEqual([[2, 'mallory']]);
  // GitHub logins are not case-sensitive.
  expect(alertIssues([{ ...ours, author: 'GitHub-Actions[bot]' }], 'github-actions[bot]').own).toHaveLength(1);
  // Planted alone, it would have been taken for the operation's issue; it is not, so the operation's own is opened.
  expect(planAlerts(alertStates(nights), alertIssues([planted], 'github-actions[bot]').own).map((action) => action.kind)).toEqual(['open']);
});

test('a partial night (a shard stopped): the run-level issue says the operations that ran were judged, and they are; those of the stopped shard are left as they were', () => {
  const nights = history([{ duplicate: 'pass' }, { duplicate: 'fail', connector: 'not tested' }]);
  const partial = nights.map((night, index) =>
    index === 1 ? { ...night, stoppedShards: [{ shard: '2/2', why: 'no token from Entra ID', tests: 1 }] } : night,
  );

  const tonight = alertStates(partial);
  const actions = planAlerts(tonight, []);

  expect(tonight.couldNotTest).toBe('shard 2/2 stopped before its tests (1 not tested): no token from Entra ID');
  expect(tonight.operations.map((operation) => operation.state)).toEqual(['red', 'unknown']);
  expect(actions.map((action) => [action.kind, action.operationId])).toEqual([
    ['open', 'run'],
    ['open', CONNECTIONS],
  ]);
  expect(actions[0]).toMatchObject({ kind: 'open', title: 'Contract alert: the nightly run could not test all its tests' });
  const run = { body: actions[0]?.body ?? '' };
  expect(run.body).toContain('The night of 2026-05-02 could not test all its tests: shard 2/2 stopped');
  expect(run.body).toContain(
    'The operations whose tests ran are judged as on any night; an operation none of whose tests ran keeps its issue as it was. This issue is updated each such night and closed by the next night that tests in full.',
  );
  expect(run.body).not.toContain("No operation's issue is opened");

  // A night that could test nothing still judges no operation, and says so.
  const none = planAlerts(alertStates(history([{ duplicate: 'pass' }, { duplicate: 'fail', notTested: 'no token' }])), []);
  expect(none.map((action) => action.operationId)).toEqual(['run']);
  expect(only(none, 'open').body).toContain("No operation's issue is opened, updated or closed for a night that could not test");
});
