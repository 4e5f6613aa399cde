import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { newSpec } from '../../authoring/new-spec/new-spec.ts';
import { githubRepository } from '../../authoring/new-spec/local-page.ts';
import { pageAddress, PageAddressError } from '../../authoring/new-spec/page-address.ts';
import { requestPath, type RequestPath } from '../../authoring/new-spec/path-values.ts';
import { literal, verbPhrase } from '../../authoring/new-spec/spec-source.ts';
import type { PageRecord } from '../../harness/page/page-record.ts';
import type { FixtureFile } from '../../harness/replay/fixture-file.ts';
import { handModelledCheckout } from '../support/hand-modelled-checkout.ts';

const PAGES = join(import.meta.dirname, '..', 'support', 'new-spec-pages');
const PAGE = join(PAGES, 'get-searchsettings.md');
const V1 = join(PAGES, 'api-reference', 'v1.0', 'api');
const BETA = join(PAGES, 'api-reference', 'beta', 'api');
const DOC_PAGES = join(import.meta.dirname, '..', 'support', 'doc-pages', 'api-reference');

/** The part of the project new-spec reads and writes, its pages those the stand-in models by hand (the metadata aside: no schema is drafted here). */
function checkout(): string {
  return handModelledCheckout(test.info().outputPath('checkout'), ['schemas']);
}

async function taken(root: string, page: string, name?: string) {
  const result = await newSpec({ page, url: 'https://graph-contracts.invalid/page', source: 'contract-suite/pages:page.md', name, root });
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const record = JSON.parse(read(`pages/${result.name}.json`)) as PageRecord;
  const written = result.written.find(({ file }) => file.startsWith('fixtures/'))?.file ?? '';
  return { result, spec: read(`specs/${result.name}.spec.ts`), record, fixture: JSON.parse(read(written)) as FixtureFile };
}

/** The spec's path as a reader sees it: text, and each placeholder as its variable. */
function shown(path: RequestPath): string {
  return path.parts.map((part) => ('text' in part ? part.text : `\${${path.placeholders[part.placeholder]?.variable ?? '?'}}`)).join('');
}

test('a page title becomes what the test pins after its status: a verb, or an action on its type', () => {
  expect(verbPhrase('Create identityApiConnector')).toBe('creates the identityApiConnector');
  expect(verbPhrase('Get searchSettings')).toBe('gets the searchSettings');
  expect(verbPhrase('Add connector')).toBe('adds the connector');
  expect(verbPhrase('Apply a label')).toBe('applies a label');
  expect(verbPhrase('Patch connection')).toBe('patches the connection');
  expect(verbPhrase('List users')).toBe('lists the users');
  expect(verbPhrase('identityApiConnector: uploadClientCertificate')).toBe('calls uploadClientCertificate on the identityApiConnector');
  expect(verbPhrase('workflow: activate')).toBe('calls activate on the workflow');
  expect(verbPhrase('wipe action')).toBeUndefined();
  expect(verbPhrase('Sites: follow a site')).toBeUndefined();
});

test('a JSON body becomes a literal as specs write them: single quotes, bare keys where they can be, wrapped when long', () => {
  expect(literal({ id: 'contosohr', '@odata.type': "#it's", n: 1, ok: true, none: null, list: [] }, 4)).toBe(
    "{ id: 'contosohr', '@odata.type': '#it\\'s', n: 1, ok: true, none: null, list: [] }",
  );
  const long = { displayName: 'x'.repeat(60), targetUrl: 'https://contoso.example/api/validate', nested: { a: 1 } };
  expect(literal(long, 4)).toBe(
    `{\n      displayName: '${'x'.repeat(60)}',\n      targetUrl: 'https://contoso.example/api/validate',\n      nested: { a: 1 },\n    }`,
  );
});

test("a published page's URL is its markdown in the docs repository: learn.microsoft.com by name and view, GitHub by its blob or raw file", () => {
  const raw = 'https://raw.githubusercontent.com/microsoftgraph/microsoft-graph-docs-contrib/main';
  expect(pageAddress('https://learn.microsoft.com/graph/api/user-get?view=graph-rest-1.0')).toEqual({
    markdownUrl: `${raw}/api-reference/v1.0/api/user-get.md`,
    publicUrl: 'https://learn.microsoft.com/graph/api/user-get?view=graph-rest-1.0',
    repository: 'microsoftgraph/microsoft-graph-docs-contrib',
    path: 'api-reference/v1.0/api/user-get.md',
    ref: 'main',
    version: 'v1.0',
    name: 'user-get',
  });
  // A locale, other parameters and a page's name in another case change nothing; beta is its view.
  expect(pageAddress('https://learn.microsoft.com/en-us/graph/api/User-Get?view=graph-rest-beta&tabs=http#request')).toMatchObject({
    markdownUrl: `${raw}/api-reference/beta/api/user-get.md`,
    publicUrl: 'https://learn.microsoft.com/graph/api/user-get?view=graph-rest-beta',
    version: 'beta',
  });
  // No view is the v1.0 page (docfx.json: the v1.0 group's range is ">= graph-rest-1.0"); docs.microsoft.com is learn's old host.
  expect(pageAddress('https://docs.microsoft.com/graph/api/group-delete')).toMatchObject({
    path: 'api-reference/v1.0/api/group-delete.md',
    version: 'v1.0',
  });
  expect(pageAddress('https://learn.microsoft.com/graph/api/resources/user?view=graph-rest-1.0')).toMatchObject({
    path: 'api-reference/v1.0/resources/user.md',
    publicUrl: 'https://learn.microsoft.com/graph/api/resources/user?view=graph-rest-1.0',
  });
  const commit = '0123456789abcdef0123456789abcdef01234567';
  expect(
    pageAddress(`https://github.com/microsoftgraph/microsoft-graph-docs-contrib/blob/${commit}/api-reference/beta/api/group-delete.md`),
  ).toMatchObject({
    markdownUrl: `https://raw.githubusercontent.com/microsoftgraph/microsoft-graph-docs-contrib/${commit}/api-reference/beta/api/group-delete.md`,
    publicUrl: 'https://learn.microsoft.com/graph/api/group-delete?view=graph-rest-beta',
    ref: commit,
    version: 'beta',
  });
  // The Raw button's refs/heads/<branch>; a fork's page is its GitHub file, not a published page.
  expect(pageAddress('https://raw.githubusercontent.com/contoso/graph-docs/refs/heads/fixes/doc-stubs/api/widget-create.md')).toMatchObject(
    {
      markdownUrl: 'https://raw.githubusercontent.com/contoso/graph-docs/fixes/doc-stubs/api/widget-create.md',
      publicUrl: 'https://github.com/contoso/graph-docs/blob/fixes/doc-stubs/api/widget-create.md',
      repository: 'contoso/graph-docs',
      version: undefined,
      name: 'widget-create',
    },
  );
  // Where raw files are fetched from is a setting: a mirror, or a test's stand-in.
  expect(pageAddress('https://learn.microsoft.com/graph/api/user-get', 'https://127.0.0.1:8443/raw').markdownUrl).toBe(
    'https://127.0.0.1:8443/raw/microsoftgraph/microsoft-graph-docs-contrib/main/api-reference/v1.0/api/user-get.md',
  );
});

test('a URL new-spec cannot take a page from is refused, naming what it takes', () => {
  const takes = /new-spec takes a published page/;
  for (const [url, why, pattern] of [
    ['learn.microsoft.com/graph/api/user-get', 'is not a URL', takes],
    ['http://learn.microsoft.com/graph/api/user-get', 'is not https', takes],
    ['https://example.com/graph/api/user-get', 'is neither learn.microsoft.com nor GitHub', takes],
    ['https://learn.microsoft.com/graph/overview', 'is not a Graph reference page (/graph/api/<name>)', takes],
    ['https://learn.microsoft.com/graph/api/user-get?view=graph-rest-2.0', 'has view=graph-rest-2.0', /graph-rest-1\.0 or graph-rest-beta/],
    ['https://github.com/microsoftgraph/microsoft-graph-docs-contrib/tree/main/api-reference', 'is not a markdown file on GitHub', takes],
    ['https://raw.githubusercontent.com/microsoftgraph/microsoft-graph-docs-contrib/main', 'is not a raw markdown file', takes],
  ] as const) {
    expect(() => pageAddress(url), url).toThrow(PageAddressError);
    expect(() => pageAddress(url), url).toThrow(why);
    expect(() => pageAddress(url), url).toThrow(pattern);
  }
});

test("a checkout's GitHub remote names its repository, whichever way git writes it", () => {
  expect(githubRepository('https://github.com/microsoftgraph/microsoft-graph-docs-contrib.git')).toBe(
    'microsoftgraph/microsoft-graph-docs-contrib',
  );
  expect(githubRepository('git@github.com:contoso/graph-docs.git')).toBe('contoso/graph-docs');
  expect(githubRepository('ssh://git@github.com/contoso/graph-docs')).toBe('contoso/graph-docs');
  expect(githubRepository('https://gitlab.example/contoso/graph-docs.git')).toBeUndefined();
});

test("each path placeholder is a value: the example's where it has one, named after what it stands for", () => {
  const user = requestPath('/users/{id | userPrincipalName}', '/users/5b7a6c1e-2f3d-4e8a-9b0c-1d2e3f4a5b6c', '');
  expect(shown(user)).toBe('/users/${userId}');
  expect(user.placeholders).toEqual([
    {
      written: '{id | userPrincipalName}',
      label: 'user',
      variable: 'userId',
      value: '5b7a6c1e-2f3d-4e8a-9b0c-1d2e3f4a5b6c',
      from: 'example',
    },
  ]);
  expect(user.sent).toBe('/users/5b7a6c1e-2f3d-4e8a-9b0c-1d2e3f4a5b6c');

  // Segments in another case, and a query, as the example writes them.
  const nested = requestPath(
    '/external/connections/{connectionsId}/items/{itemId}',
    '/External/connections/rotadocs/items/a1',
    '$select=id',
  );
  expect(shown(nested)).toBe('/External/connections/${connectionId}/items/${itemId}?$select=id');
  expect(nested.placeholders.map(({ label, value }) => [label, value])).toEqual([
    ['connection', 'rotadocs'],
    ['item', 'a1'],
  ]);
  // Two `{id}`s are two values, each named by its collection.
  const twice = requestPath('/me/messages/{id}/attachments/{id}', "/me/messages('AAMkAD')/attachments('AAMkAt')", '');
  expect(shown(twice)).toBe("/me/messages('${messageId}')/attachments('${attachmentId}')");
  expect(twice.sent).toBe("/me/messages('AAMkAD')/attachments('AAMkAt')");
  // An alternate key and a function's argument are placeholders inside a segment.
  expect(shown(requestPath("/applications(appId='{appId}')", "/applications(appId='0c7e1f2a')", ''))).toBe(
    "/applications(appId='${appId}')",
  );
  expect(
    shown(
      requestPath("/reports/getTeamsUserActivityCounts(period='{period_value}')", "/reports/getTeamsUserActivityCounts(period='D7')", ''),
    ),
  ).toBe("/reports/getTeamsUserActivityCounts(period='${period}')");
  // A function whose arguments the section writes as `name-value` (user-reminderview.md): the example's arguments are sent as written, the id a value.
  const window = requestPath(
    '/users/{id | userPrincipalName}/reminderView(startDateTime=startDateTime-value,endDateTime=endDateTime-value)',
    "/users/3c1d5e7f/reminderView(startDateTime='2026-03-02T08:00:00',endDateTime='2026-03-06T18:00:00')",
    '',
  );
  expect(shown(window)).toBe("/users/${userId}/reminderView(startDateTime='2026-03-02T08:00:00',endDateTime='2026-03-06T18:00:00')");
  expect(window.placeholders.map(({ label, value }) => [label, value])).toEqual([['user', '3c1d5e7f']]);
  // A namespace-qualified action is text like any other.
  expect(
    shown(requestPath('/users/{id}/microsoft.graph.revokeSignInSessions', '/users/ab12/microsoft.graph.revokeSignInSessions', '')),
  ).toBe('/users/${userId}/microsoft.graph.revokeSignInSessions');
});

test('an example that writes the placeholder itself gets a placeholder value, never a literal {id}', () => {
  const group = requestPath('/groups/{id}', '/groups/{id}', '');
  expect(shown(group)).toBe('/groups/${groupId}');
  expect(group.placeholders[0]).toMatchObject({ label: 'group', value: 'example-group', from: 'placeholder' });
  expect(group.sent).toBe('/groups/example-group');
  // An example the section does not align with (the /me alias) is sent as written, its own placeholders valued.
  expect(shown(requestPath('/users/{id}/joinedTeams', '/me/joinedTeams', ''))).toBe('/me/joinedTeams');
  const intune = requestPath(
    '/users/{usersId}/managedDevices/{managedDeviceId}/wipe',
    '/deviceManagement/managedDevices/{managedDeviceId}/wipe',
    '',
  );
  expect(shown(intune)).toBe('/deviceManagement/managedDevices/${managedDeviceId}/wipe');
  expect(intune.sent).toBe('/deviceManagement/managedDevices/example-managed-device/wipe');
});

test('the describe is the operation the example calls, not the first line of the HTTP request section; its id a declared value', async () => {
  const root = checkout();

  // Its section lists GET /me first, and its example reads /users/<id>.
  const { result, spec, record, fixture } = await taken(root, join(V1, 'get-user-by-id.md'));

  expect(spec).toContain("test.describe('GET /users/{id | userPrincipalName}', { annotation: docPage('get-user-by-id') }, () => {");
  expect(spec).toContain("test('200 gets a user by id', async ({ graph, uniqueId }) => {");
  expect(spec).toContain("const userId = uniqueId('user');");
  expect(spec).toContain('const response = await graph.get(`/users/${userId}`);');
  expect(spec.split('\n').filter((line) => line.includes('await graph.'))).toEqual([
    '    const response = await graph.get(`/users/${userId}`);',
  ]);
  expect(record.fixtures[0]?.values).toEqual({ user: '5b7a6c1e-2f3d-4e8a-9b0c-1d2e3f4a5b6c' });
  expect(fixture.test).toBe('GET /users/{id | userPrincipalName} › 200 gets a user by id');
  expect(fixture.interactions.map(({ method, path }) => `${method} ${path}`)).toEqual([
    'GET /v1.0/users/5b7a6c1e-2f3d-4e8a-9b0c-1d2e3f4a5b6c',
  ]);
  // Its permissions table comes with it, where the page's include names it beside pages/.
  expect(result.written.map(({ file }) => file)).toContain('includes/permissions/get-user-by-id-permissions.md');
  expect(readFileSync(join(root, 'includes', 'permissions', 'get-user-by-id-permissions.md'), 'utf8')).toContain(
    '|Application|User.Read.All|',
  );
});

test('a DELETE whose example writes {id}: a declared placeholder value in the record and the fixture alike, 204 and no schema, said so', async () => {
  const root = checkout();

  const { result, spec, record, fixture } = await taken(root, join(V1, 'delete-group.md'));

  expect(spec).toContain("const groupId = uniqueId('group');");
  expect(spec).toContain('const response = await graph.delete(`/groups/${groupId}`);');
  expect(spec).toContain('expect(response).toHaveStatus(204);');
  expect(spec).toContain('// 204 answers no body, so there is no schema to match; toHaveStatus(204) checks that none came.');
  expect(spec).not.toContain('toMatchSchema');
  expect(spec).toContain(
    `// TODO: {id}: the page's example writes the placeholder too, so replay sends "example-group" (pages/delete-group.json's values.group)`,
  );
  expect(record.fixtures[0]).toMatchObject({
    values: { group: 'example-group' },
    interactions: [{ request: { example: 'delete_group', path: '/groups/example-group' }, responses: [{ example: 'delete_group' }] }],
  });
  expect(fixture.interactions).toEqual([
    expect.objectContaining({ method: 'DELETE', path: '/v1.0/groups/example-group', status: 204, response: '' }),
  ]);
  expect(result.noBody).toBe('204 answers no body, so there is no schema to match; the spec checks that none came.');
  expect(result.schemaMessage).toBeUndefined();
  expect(result.nextSteps).not.toContain('npm run schemas:check');
});

test('a PUT of a reference: its placeholder a declared value, the body as the page writes it, 204 and no schema', async () => {
  const root = checkout();

  const { spec, record, fixture } = await taken(root, join(V1, 'assign-manager-put-ref.md'));

  expect(spec).toContain("test.describe('PUT /users/{id}/manager/$ref', { annotation: docPage('assign-manager-put-ref') }, () => {");
  expect(spec).toContain("test('204 assigns the manager', async ({ graph, uniqueId }) => {");
  expect(spec).toContain("'@odata.id': 'https://graph.microsoft.com/v1.0/users/5b7a6c1e-2f3d-4e8a-9b0c-1d2e3f4a5b6c'");
  expect(spec).toContain('const response = await graph.put(`/users/${userId}/manager/$ref`, { data: body });');
  expect(spec).toContain('expect(response).toHaveStatus(204);');
  expect(spec).not.toContain('toMatchSchema');
  expect(record.fixtures[0]?.values).toEqual({ user: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d' });
  expect(fixture.interactions).toEqual([
    expect.objectContaining({
      method: 'PUT',
      path: '/v1.0/users/8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d/manager/$ref',
      body: { '@odata.id': 'https://graph.microsoft.com/v1.0/users/5b7a6c1e-2f3d-4e8a-9b0c-1d2e3f4a5b6c' },
      status: 204,
      response: '',
    }),
  ]);
});

test("a placeholder whose collection's create is under contract is a resource the test creates first, as that create's spec does", async () => {
  const root = checkout();

  const { spec, record, fixture } = await taken(root, join(BETA, 'update-externalconnection.md'));

  expect(spec).toContain("test.describe('PATCH /external/connections/{id}'");
  expect(spec).toContain("test('204 updates the connection', async ({ graph, cleanup, uniqueId }) => {");
  expect(spec).toMatch(/const created = \{\s+id: uniqueId\('connection'\),/);
  expect(spec).toContain('cleanup.delete(`/external/connections/${created.id}`);');
  expect(spec).toContain("expect(await graph.post('/external/connections', { data: created })).toHaveStatus(201);");
  expect(spec).toContain('const response = await graph.patch(`/external/connections/${created.id}`, { data: body });');
  expect(record.fixtures[0]?.values).toEqual({ connection: 'rotadocs' });
  expect(fixture.interactions.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
    'POST /beta/external/connections 201',
    'PATCH /beta/external/connections/rotadocs 204',
  ]);
  expect(fixture.interactions[0]?.body).toMatchObject({ id: 'rotadocs', name: 'Contoso HR' });
});

test('a create whose id the service assigns is cleaned up from its answer; a DELETE after it creates what it deletes that way', async () => {
  const root = checkout();
  await taken(root, join(V1, 'create-group.md'));

  const { spec, fixture } = await taken(root, join(V1, 'delete-group.md'));

  expect(spec).toContain('cleanup.deleteCreated(create, (id) => `/groups/${id}`);');
  expect(spec).toContain('const { id: groupId } = (await create.json()) as { id: string };');
  expect(spec).toContain('const response = await graph.delete(`/groups/${groupId}`);');
  // The create's answer carries the id the DELETE sends, in replay.
  expect(fixture.interactions.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
    'POST /v1.0/groups 201',
    'DELETE /v1.0/groups/example-group 204',
  ]);
  expect(fixture.interactions[0]?.response).toMatchObject({ id: 'example-group', displayName: 'Rota planners' });
});

test('an action titled `type: action`, answered 204: the title says the call, no schema; an unannotated Intune example is declared whole', async () => {
  const root = checkout();

  const action = await taken(root, join(V1, 'activate-workflow.md'));
  expect(action.spec).toContain("test('204 calls activate on the workflow'");
  expect(action.spec).not.toContain('TODO: say what the test pins');
  expect(action.spec).toContain('graph.post(`/identityGovernance/lifecycleWorkflows/workflows/${workflowId}/activate`, { data: body })');

  const intune = await taken(root, join(DOC_PAGES, 'v1.0', 'api', 'intune-wipe-action.md'));
  expect(intune.spec).toContain("test.describe('POST /deviceManagement/managedDevices/{managedDeviceId}/wipe'");
  expect(intune.record.fixtures[0]?.interactions[0]).toMatchObject({
    request: { method: 'POST', path: '/deviceManagement/managedDevices/example-managed-device/wipe' },
    responses: [{ status: 204, body: '' }],
  });
  expect(intune.fixture.test).toBe('POST /deviceManagement/managedDevices/{managedDeviceId}/wipe › 204 wipe action');
});

test('a function with its arguments in the path: the id a declared value, the arguments as the example writes them, a collection schema', async () => {
  const root = handModelledCheckout(test.info().outputPath('checkout'), ['schemas', 'metadata']);

  const { spec, record, fixture } = await taken(root, join(V1, 'list-reminders-function.md'));

  expect(spec).toContain(
    "'GET /users/{id | userPrincipalName}/reminderView(startDateTime=startDateTime-value,endDateTime=endDateTime-value)'",
  );
  expect(spec).toContain("test('200 calls reminderView on the user', async ({ graph, uniqueId }) => {");
  expect(spec).toContain(
    "`/users/${userId}/reminderView(startDateTime='2026-03-02T08:00:00.0000000',endDateTime='2026-03-06T18:00:00.0000000')`",
  );
  expect(spec).toContain("expect(reminders).toMatchSchema('reminderCollectionResponse');");
  expect(record.fixtures[0]?.values).toEqual({ user: '3c1d5e7f-9a2b-4c6d-8e0f-1a2b3c4d5e6f' });
  expect(fixture.interactions.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
    "GET /v1.0/users/3c1d5e7f-9a2b-4c6d-8e0f-1a2b3c4d5e6f/reminderView(startDateTime='2026-03-02T08:00:00.0000000',endDateTime='2026-03-06T18:00:00.0000000') 200",
  ]);
});

test("a page whose example answer breaks its type's schema: the spec's match is a TODO saying why, so that its replay passes", async () => {
  const root = handModelledCheckout(test.info().outputPath('checkout'), ['schemas', 'metadata']);

  const { result, spec } = await taken(root, join(V1, 'update-group-template.md'));

  // The schema is drafted all the same (or reused, in a project that has it), for the match a recording will pass.
  expect([...result.written, ...result.reused].map(({ file }) => file)).toContain('schemas/group.json');
  expect(result.exampleBreaksSchema).toMatch(
    /^the page's example answer breaks schemas\/group\.json \(.*\/mailEnabled is string "Boolean"; expected type boolean,null/,
  );
  expect(result.exampleBreaksSchema).toContain('so a replay of it would fail the match (docs:lint lists it as response-vs-schema)');
  expect(spec).not.toMatch(/^\s*expect\(group\)\.toMatchSchema/m);
  expect(spec).toContain("    // expect(group).toMatchSchema('group');");
  expect(spec).toContain("// TODO: the page's example answer breaks schemas/group.json");
  expect(result.nextSteps).toContain(
    "Once GRAPH_MODE=record has replaced the page's example with a recording (the last step), uncomment the spec's match of schemas/group.json.",
  );
});

test('a page whose example calls an operation its section does not document, or that has no example, is refused naming why', async () => {
  const root = checkout();
  await expect(taken(root, join(DOC_PAGES, 'v1.0', 'api', 'external-item-wrong-method.md'))).rejects.toThrow(
    "the example sends PUT /external/connections/contosohr/items/TSP228082938, which none of the HTTP request section's lines documents (POST /external/connections/{connectionsId}/items)",
  );
  // Examples annotated "ignored" (team-put-teams.md) are none the page offers as examples.
  await expect(taken(root, join(V1, 'create-team-put-ignored.md'))).rejects.toThrow('the page has no example request to Graph');
});

test('a --source or --url that cannot be recorded is refused with what to pass, before anything is read or written', async () => {
  const root = test.info().outputPath();
  const options = { page: PAGE, url: 'https://graph-contracts.invalid/pages/x', source: 'contract-suite/pages:x.md', root };
  await expect(newSpec({ ...options, source: 'contract-suite/pages:x.md@abc123' })).rejects.toThrow(
    'new-spec: --source "contract-suite/pages:x.md@abc123" must read <owner>/<repo>:<path>[@<commit>], the commit as 40 hex digits',
  );
  await expect(newSpec({ ...options, source: 'x.md' })).rejects.toThrow('must read <owner>/<repo>:<path>[@<commit>]');
  await expect(newSpec({ ...options, url: 'http://learn.microsoft.com/x' })).rejects.toThrow(
    'new-spec: --url "http://learn.microsoft.com/x" is not an https URL',
  );
  await expect(newSpec({ ...options, name: 'Get_SearchSettings' })).rejects.toThrow(
    'new-spec: "Get_SearchSettings" cannot name a spec: pass --name <name> in lower-case words joined by hyphens',
  );
});
