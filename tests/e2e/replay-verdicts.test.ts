import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { copyFixtures, editJson, runSuite } from '../support/run-suite.ts';
import { SUITE_TEST_TITLES } from '../support/suite-facts.ts';

const QUIRK = 'create-connection/503-for-a-broken-result-layout-card-then-409-on-retry-the-connection-was-created.json';
const CREATE = 'create-connection/201-creates-the-connection-in-draft-state.json';

test('an unknown mode stops the run before any test, naming the variable', async () => {
  const run = await runSuite({ GRAPH_MODE: 'playback' });
  expect(run.code).not.toBe(0);
  expect(run.output).toContain('GRAPH_MODE="playback" is not a mode: use one of replay, record, live (default replay).');
  expect(run.output).not.toMatch(/\d+ passed/);
});

/** The one test of the matrix whose outcome is not a pass or a known divergence: a fixture problem is never a contract fail. */
function fixtureProblem(run: Awaited<ReturnType<typeof runSuite>>): { title: string; outcome: string; reason: string } | undefined {
  const tests = run.matrix().operations.flatMap((row) => row.tests);
  const [only, ...others] = tests.filter((t) => t.outcome !== 'pass' && t.outcome !== 'expected divergence');
  expect(others).toEqual([]);
  return only && { title: only.title, outcome: only.outcome, reason: only.reason };
}

test('a missing 409 interaction makes the quirk test not tested, with the explained mismatch: the fixture, not the service, failed', async () => {
  const fixtures = copyFixtures();
  editJson(join(fixtures, QUIRK), (fixture) => {
    (fixture.interactions as unknown[]).splice(1, 1);
  });

  const run = await runSuite({ GRAPH_FIXTURES_DIR: fixtures });

  expect(run.code).toBe(1);
  expect(run.output).toContain('Replay: no recorded interaction answers POST https://graph.microsoft.com/beta/external/connections');
  expect(run.output).toContain('nearest recorded request: interaction 1 of 2');
  expect(run.output).toContain('the test sends more requests than the fixture recorded');
  expect(run.report().stats).toMatchObject({ expected: SUITE_TEST_TITLES.length - 1, unexpected: 1 });
  expect(fixtureProblem(run)).toEqual({
    title: '503 for a broken result-layout card, then 409 on retry: the connection was created',
    outcome: 'not tested',
    reason: expect.stringMatching(
      new RegExp(
        `^the fixture cannot answer: .*${QUIRK.replace(/[.]/g, '\\.')} records no answer for POST /beta/external/connections \\(the test sends more requests than the fixture recorded\\)$`,
      ),
    ),
  });
});

test('a documented enum answered with "String" fails the schema check readably', async () => {
  const fixtures = copyFixtures();
  editJson(join(fixtures, CREATE), (fixture) => {
    const [interaction] = fixture.interactions as { response: Record<string, unknown> }[];
    if (interaction) interaction.response.state = 'String';
  });

  const run = await runSuite({ GRAPH_FIXTURES_DIR: fixtures });

  expect(run.code).toBe(1);
  expect(run.output).toContain('1 schema error against "externalConnection":');
  expect(run.output).toContain(
    'at /state\n        expected: one of "draft", "ready", "obsolete", "limitExceeded", "unknownFutureValue", null\n        actual:   "String"',
  );
});

test('a recorded interaction the test never asks for makes the test not tested, naming the interaction', async () => {
  const fixtures = copyFixtures();
  editJson(join(fixtures, CREATE), (fixture) => {
    (fixture.interactions as unknown[]).push({
      scope: 'https://graph.microsoft.com',
      method: 'GET',
      path: '/beta/external/connections/contosohr',
      status: 200,
    });
  });

  const run = await runSuite({ GRAPH_FIXTURES_DIR: fixtures });

  expect(run.code).toBe(1);
  expect(run.output).toContain('Replay: 1 recorded interaction was never requested');
  expect(run.output).toContain('interaction 2: GET /beta/external/connections/contosohr (answered 200)');
  expect(fixtureProblem(run)).toEqual({
    title: '201 creates the connection in draft state',
    outcome: 'not tested',
    reason: expect.stringMatching(
      /^the fixture cannot answer: .*201-creates-the-connection-in-draft-state\.json: 1 recorded interaction was never requested$/,
    ),
  });
});

test('a corrupt fixture names the file and the field, once before any test, and its test is not tested', async () => {
  const fixtures = copyFixtures();
  editJson(join(fixtures, CREATE), (fixture) => {
    const [interaction] = fixture.interactions as Record<string, unknown>[];
    if (interaction) interaction.status = '201';
  });
  writeFileSync(join(fixtures, QUIRK), '{ "provenance": ');

  const run = await runSuite({ GRAPH_FIXTURES_DIR: fixtures });

  expect(run.code).toBe(1);
  expect(run.output).toContain(
    `${CREATE} is not a valid replay fixture:\n      at /interactions/0/status\n        expected: type integer\n        actual:   string "201"`,
  );
  expect(run.output).toContain(`${QUIRK} is not valid JSON`);
  // Once, before any test, for the whole run; then each test's own verdict.
  expect(run.output).toMatch(/fixtures: 2 fixture files cannot be replayed \(each test that reads one is not tested\):/);
  const notTested = run
    .matrix()
    .operations.flatMap((row) => row.tests)
    .filter((t) => t.outcome === 'not tested');
  expect(notTested.map((t) => t.reason.replace(/ \(.*$/s, ''))).toEqual([
    expect.stringMatching(/^the fixture cannot answer: .*201-creates-the-connection-in-draft-state\.json is not a valid replay fixture/),
    expect.stringMatching(/^the fixture cannot answer: .*503-for-a-broken-result-layout-card.*\.json is not valid JSON/),
  ]);
  expect(run.matrix().totals.fail).toBe(0);
});

test('a fixture file no test uses is reported by name; -- --forbid-orphans makes it an error, also in --list', async () => {
  const fixtures = copyFixtures();
  writeFileSync(join(fixtures, 'create-connection', '201-creates-the-connection-in-ready-state.json'), '{}');
  const env = { GRAPH_FIXTURES_DIR: fixtures };
  const orphan = 'create-connection/201-creates-the-connection-in-ready-state.json';

  const reported = await runSuite(env);
  expect(reported.code, reported.output).toBe(0);
  expect(reported.output).toContain('fixtures: 1 fixture file no test uses (a renamed or deleted test left it):');
  expect(reported.output).toContain(orphan);

  const forbidden = await runSuite(env, ['--list', '--', '--forbid-orphans']);
  expect(forbidden.code).toBe(1);
  expect(forbidden.output).toContain('--forbid-orphans makes this an error');

  // A run of part of the suite cannot tell an orphan from a fixture of a test it left out.
  for (const filter of [['-g', '503'], ['-G', '503'], ['-G503'], ['specs/create-connection.spec.ts']]) {
    const partial = await runSuite(env, [...filter, '--', '--forbid-orphans']);
    expect(partial.code, `${filter.join(' ')}: ${partial.output}`).toBe(0);
    expect(partial.output).not.toContain('no test uses');
  }
});

test('--repeat-each repeats each test against its own fixture: no fixture is shared, nothing is an orphan', async () => {
  const run = await runSuite({}, ['--repeat-each=2', '--', '--forbid-orphans']);

  expect(run.code, run.output).toBe(0);
  expect(run.report().stats).toMatchObject({ expected: 2 * SUITE_TEST_TITLES.length, unexpected: 0 });
  expect(run.output).not.toContain('fixtures:');
});

test('a recording past GRAPH_FIXTURE_MAX_AGE_DAYS is reported once, with its age; documented examples never expire', async () => {
  const fixtures = copyFixtures();
  editJson(join(fixtures, CREATE), (fixture) => {
    fixture.provenance = {
      source: 'recording',
      recordedAt: new Date(Date.now() - 45 * 24 * 3600 * 1000).toISOString(),
      baseUrl: 'https://graph.microsoft.com',
      outcome: 'passed',
    };
  });

  const run = await runSuite({ GRAPH_FIXTURES_DIR: fixtures, GRAPH_FIXTURE_MAX_AGE_DAYS: '30' });

  expect(run.code, run.output).toBe(0);
  expect(run.output.match(/was recorded \d+ days ago/g)).toEqual(['was recorded 45 days ago']);
  expect(run.output).toContain(`${CREATE} was recorded 45 days ago`);
});

test('a fixture that answers another test (a rename, or two titles with one slug) is refused, naming both: not tested', async () => {
  const fixtures = copyFixtures();
  editJson(join(fixtures, CREATE), (fixture) => {
    fixture.test = 'POST /external/connections › 201 Creates the connection in draft state';
  });

  const run = await runSuite({ GRAPH_FIXTURES_DIR: fixtures }, ['specs/create-connection.spec.ts']);

  expect(run.code).toBe(1);
  expect(run.output).toContain(
    `${CREATE} answers the test "POST /external/connections › 201 Creates the connection in draft state", not this one ("POST /external/connections › 201 creates the connection in draft state")`,
  );
  expect(fixtureProblem(run)?.outcome).toBe('not tested');
});
