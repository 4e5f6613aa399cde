import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { slug } from '../../harness/replay/fixture-file.ts';
import { documentedAnswer, documentedRoutes, HAND_MODELLED_PAGES, templateOf } from '../stand-ins/documented-answers.ts';
import { handModelledCheckout } from '../support/hand-modelled-checkout.ts';
import { SUITE_OPERATIONS, TEST_REQUESTS, WHOLE_TEST_DIVERGENCES } from '../support/suite-facts.ts';
import { documentedRequests, suiteSpecs, SuiteSpecError, wholeTestDivergences } from '../support/suite-specs.ts';

/** The suite's facts are read from the specs, the records and their fixtures: a copy of the hand-modelled pages' to add a made-up page to. */
function checkout(): string {
  return handModelledCheckout(test.info().outputPath('checkout'));
}

const GET_USER = {
  describe: 'GET /users/{id | userPrincipalName}',
  title: '200 gets the user',
  values: { user: '87d349ed-44d7-43e1-9a83-5f2406dee5bd' },
  interactions: [
    {
      scope: 'https://graph.microsoft.com',
      method: 'GET',
      path: '/v1.0/users/87d349ed-44d7-43e1-9a83-5f2406dee5bd',
      status: 200,
      response: { id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd', displayName: 'Adele Vance' },
      rawHeaders: { 'content-type': 'application/json' },
    },
  ],
};

const CREATE_GROUP = {
  describe: 'POST /groups',
  title: '201 creates the group',
  values: {},
  interactions: [
    {
      scope: 'https://graph.microsoft.com',
      method: 'POST',
      path: '/v1.0/groups',
      body: { displayName: 'Library Assist' },
      status: 201,
      response: { id: 'b320ee12-b1cd-4cca-b648-a437be61c5cd', displayName: 'Library Assist' },
      rawHeaders: { 'content-type': 'application/json', location: 'https://graph.microsoft.com/v1.0/groups/b320ee12' },
    },
  ],
};

/** A page under contract as new-spec leaves it: spec, record and fixture (the page itself is not read here). */
function addPage(root: string, name: string, made: typeof GET_USER | typeof CREATE_GROUP, spec = ''): void {
  writeFileSync(
    join(root, 'specs', `${name}.spec.ts`),
    spec ||
      `import { docPage, expect, test } from '../harness/test.ts';\n\ntest.use({ graphVersion: 'v1.0' });\n\ntest.describe('${made.describe}', { annotation: docPage('${name}') }, () => {\n  test('${made.title}', async ({ graph }) => {\n    expect(await graph.get('/x')).toHaveStatus(200);\n  });\n});\n`,
  );
  const record = {
    url: `https://graph-contracts.invalid/${name}`,
    source: { repository: 'contract-suite/pages', path: `${name}.md`, taken: '2026-12-01' },
    license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    fixtures: [
      {
        test: made.title,
        note: 'Made up.',
        values: made.values,
        interactions: [{ request: { example: 'x' }, responses: [{ example: 'x' }] }],
      },
    ],
  };
  writeFileSync(join(root, 'pages', `${name}.json`), JSON.stringify(record));
  writeFileSync(join(root, 'pages', `${name}.md`), '# Made up\n');
  mkdirSync(join(root, 'fixtures', name), { recursive: true });
  writeFileSync(
    join(root, 'fixtures', name, `${slug(made.title)}.json`),
    JSON.stringify({
      test: `${made.describe} › ${made.title}`,
      provenance: { source: 'documented-example', page: record.url, note: 'Made up.' },
      values: made.values,
      interactions: made.interactions,
    }),
  );
}

test("the project's own suite: its operations, tests and whole-test divergences as the specs and records say them", () => {
  // The pages the stand-in models by hand; any page new-spec added is counted beside them (the next tests).
  const handModelled = suiteSpecs().filter(({ page }) => HAND_MODELLED_PAGES.includes(page));
  expect(handModelled.map(({ describe }) => describe)).toEqual([
    'POST /applications/{applicationsId}/connectorGroup/members/$ref',
    'POST /external/connections',
    'POST /connectors',
    'POST /connections',
    'POST /identity/apiConnectors',
  ]);
  for (const { describe, titles } of handModelled) expect(SUITE_OPERATIONS[describe]).toEqual(titles);
  expect(SUITE_OPERATIONS['POST /identity/apiConnectors']).toEqual([
    '201 creates the API connector and never echoes its password',
    '201 answers a certificate upload with its thumbprint and validity, never the certificate or its password',
    '401 without a token',
    '401 with a malformed token',
    '404 once deleted: the API connector is read back (200), deleted (204), then gone',
  ]);
  expect(handModelled.flatMap(({ titles }) => titles)).toHaveLength(21);
  // The claim-scoped divergence marks a test too, but fails none as a whole.
  expect(wholeTestDivergences(handModelled)).toEqual([
    '201 creates an active connector with a server-generated id',
    '201 creates the externalConnection in draft state',
    '204 adds the connector, with an empty body',
  ]);
  expect(WHOLE_TEST_DIVERGENCES).toEqual(wholeTestDivergences(suiteSpecs()));
  // The hand-modelled count, plus what the other pages' fixtures send (a create made first, as a PATCH's page does).
  const others = documentedRequests(suiteSpecs().filter(({ page }) => !HAND_MODELLED_PAGES.includes(page)));
  expect(TEST_REQUESTS['POST /beta/external/connections']).toBe(15 + (others.requests['POST /beta/external/connections'] ?? 0));
});

test('a spec added beside the others is counted: its operation, its test, its requests and the cleanup of what it creates', () => {
  const root = checkout();
  addPage(root, 'get-user', GET_USER);
  addPage(root, 'create-group', CREATE_GROUP);

  const specs = suiteSpecs(root);

  expect(specs.map(({ page, describe, titles }) => [page, describe, titles])).toContainEqual([
    'get-user',
    'GET /users/{id | userPrincipalName}',
    ['200 gets the user'],
  ]);
  expect(wholeTestDivergences(specs, root)).toEqual(wholeTestDivergences(specs.filter(({ page }) => HAND_MODELLED_PAGES.includes(page))));
  const others = specs.filter(({ page }) => ['get-user', 'create-group'].includes(page));
  const { requests, deletes } = documentedRequests(others, documentedRoutes(join(root, 'pages'), join(root, 'fixtures')));
  // The value segment is the stand-in's {id}: a live run's fresh id counts under the same operation.
  expect(requests).toEqual({ 'GET /v1.0/users/{id}': 1, 'POST /v1.0/groups': 1, 'DELETE /v1.0/groups/{id}': 1 });
  expect(deletes).toEqual(['groups 204']);
});

test('a divergence outside the options of a test with a literal title is named, not guessed', () => {
  const root = checkout();
  addPage(
    root,
    'get-user',
    GET_USER,
    `import { divergence, docPage, expect, test } from '../harness/test.ts';\n\nconst marked = divergence('connectors-create-not-served');\n\ntest.describe('${GET_USER.describe}', { annotation: docPage('get-user') }, () => {\n  test('${GET_USER.title}', { annotation: marked }, async ({ graph }) => {\n    expect(await graph.get('/x')).toHaveStatus(200);\n  });\n});\n`,
  );

  expect(() => suiteSpecs(root)).toThrow(SuiteSpecError);
  expect(() => suiteSpecs(root)).toThrow(
    "specs/get-user.spec.ts: divergence('connectors-create-not-served') is not in the options of a test with a literal title",
  );
});

test('a record whose fixture is missing is named with the command that writes it', () => {
  const root = checkout();
  addPage(root, 'get-user', GET_USER);
  const record = JSON.parse(readFileSync(join(root, 'pages', 'get-user.json'), 'utf8')) as { fixtures: { test: string }[] };
  record.fixtures.push({ ...structuredClone(record.fixtures[0] as { test: string }), test: '404 for a user that is not there' });
  writeFileSync(join(root, 'pages', 'get-user.json'), JSON.stringify(record));

  expect(() => suiteSpecs(root)).toThrow(
    'fixtures/get-user/404-for-a-user-that-is-not-there.json is missing: pages/get-user.json declares "404 for a user that is not there" (npm run fixtures:from-docs).',
  );
});

test("the stand-in answers a page's operation as its fixture does: the exact path, a fresh id in a value's place, and a delete of what it documents creating", () => {
  const root = checkout();
  addPage(root, 'get-user', GET_USER);
  addPage(root, 'create-group', CREATE_GROUP);
  const routes = documentedRoutes(join(root, 'pages'), join(root, 'fixtures'));

  // The hand-modelled pages are the stand-in's own routes, never their fixtures.
  expect(routes.map(({ page }) => page)).toEqual(['create-group', 'get-user']);
  expect(documentedAnswer(routes, 'GET', '/v1.0/users/87d349ed-44d7-43e1-9a83-5f2406dee5bd')).toMatchObject({
    status: 200,
    body: { displayName: 'Adele Vance' },
    route: 'GET /v1.0/users/{id}',
  });
  expect(documentedAnswer(routes, 'get', '/v1.0/users/gcs0000000fresh')).toMatchObject({ status: 200, route: 'GET /v1.0/users/{id}' });
  // The stand-in sets its own Content-Type; the page's other headers are the answer's.
  expect(documentedAnswer(routes, 'POST', '/v1.0/groups')).toMatchObject({
    status: 201,
    headers: { location: 'https://graph.microsoft.com/v1.0/groups/b320ee12' },
    route: 'POST /v1.0/groups',
  });
  expect(documentedAnswer(routes, 'DELETE', '/v1.0/groups/b320ee12-b1cd-4cca-b648-a437be61c5cd')).toEqual({
    status: 204,
    body: undefined,
    headers: {},
    route: 'DELETE /v1.0/groups/{id}',
    source: "assumed: what POST /groups › 201 creates the group creates is deleted as Graph's delete pages document (204 No Content)",
  });
  expect(documentedAnswer(routes, 'PATCH', '/v1.0/groups/b320ee12')).toBeUndefined();
  expect(documentedAnswer(routes, 'GET', '/v1.0/users/87d349ed/manager')).toBeUndefined();
  expect(templateOf('/beta/external/connections/contosohr/items/a%20b', new Set(['contosohr', 'a b']))).toBe(
    '/beta/external/connections/{id}/items/{id}',
  );
});
