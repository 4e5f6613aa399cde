import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { PageError, type DocPage } from '../../harness/page/page-model.ts';
import { neighbourReader } from '../../harness/page/neighbour-file.ts';
import { parsePage } from '../../harness/page/parse-page.ts';

/** The parser on the test pages of tests/support/doc-pages, one per form published Graph pages take (its README lists them). */

const PAGES = fileURLToPath(new URL('../support/doc-pages/', import.meta.url));
const pathOf = (name: string): string => {
  for (const version of ['v1.0', 'beta']) {
    const path = join(PAGES, 'api-reference', version, 'api', `${name}.md`);
    if (readdirSync(join(PAGES, 'api-reference', version, 'api')).includes(`${name}.md`)) return path;
  }
  throw new Error(`no test page ${name}`);
};
const read = (name: string, alone = false): DocPage => {
  const path = pathOf(name);
  return parsePage(readFileSync(path, 'utf8'), `${name}.md`, alone ? {} : { readNeighbour: neighbourReader(path) });
};
const requests = (page: DocPage) => page.httpRequests.map(({ method, path, query }) => `${method} ${path}${query ? `?${query}` : ''}`);
const examples = (page: DocPage) =>
  page.examples.map(({ name, request, response }) => [name, request ? `${request.method} ${request.path}` : undefined, response?.status]);

test('every test page but the resource page parses, and the README lists each of them with the published page it shows', () => {
  const readme = readFileSync(join(PAGES, 'README.md'), 'utf8');
  const all = readdirSync(PAGES, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md') && name !== 'README.md');
  expect(all.length).toBeGreaterThanOrEqual(30);
  const files = all.map((name) => relative(PAGES, join(PAGES, name)).split('\\').join('/'));
  for (const file of files) expect(readme, `${file} is listed in tests/support/doc-pages/README.md`).toContain(`\`${file}\``);
  const pages = files.filter((file) => !file.includes('/includes/') && !file.endsWith('resource-page-no-request.md'));
  for (const file of pages) expect(() => parsePage(readFileSync(join(PAGES, file), 'utf8'), file), file).not.toThrow();
});

test('a page with no HTTP request at all is the one unusable page, and the message says which section was looked for', () => {
  let error: unknown;
  try {
    read('resource-page-no-request');
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(PageError);
  expect((error as PageError).message).toBe(
    'resource-page-no-request.md: the page documents no HTTP request: no `METHOD /path` line in a code block under a heading that starts "HTTP request" (`## HTTP request`), and no request example',
  );
});

test('annotation comments that are not strict JSON: trailing commas, an unquoted key, strings across lines', () => {
  const page = read('annotations-lenient');
  expect(requests(page)).toEqual(['POST /me/getMailTips', 'POST /users/{id|userPrincipalName}/getMailTips']);
  expect(examples(page)).toEqual([['user_getmailtips', 'POST /me/getMailTips', 200]]);
  expect(page.examples[0]?.response?.annotation).toMatchObject({
    truncated: true,
    odataType: 'microsoft.graph.mailTips',
    raw: { isCollection: true },
  });
  // The page annotation's suppressions run across lines and end in trailing commas: read, and no annotation.
  expect(page.warnings).toEqual([]);
});

test('a comment that still cannot be read is a warning; an example it leaves unreadable is marked lost, the rest read without it', () => {
  const page = read('annotations-unreadable');
  expect(examples(page)).toEqual([
    [undefined, 'PATCH /policies/roleManagementPolicies/DirectoryRole_7a9c1e3b/rules/Expiration_Admin_Eligibility', 204],
  ]);
  expect(page.examples[0]?.request?.annotation).toBeUndefined();
  expect(page.warnings.map(({ line, lostExample }) => [line, lostExample])).toEqual([
    [30, undefined],
    [48, undefined],
    [66, undefined],
    [78, { part: 'request', name: 'update_unifiedrolemanagementpolicyrule_notification' }],
  ]);
  expect(page.warnings[0]?.message).toBe('the comment cannot be read (unexpected ` at line 5 of the comment, column 1): skipped');
  expect(page.warnings[1]?.message).toBe(
    'the request annotation cannot be read (unexpected " at line 4 of the comment, column 3): its example is read without it',
  );
  expect(page.warnings[3]?.message).toMatch(
    /^the request annotation cannot be read .*, and the code block after it is no request either .*: the example is lost$/,
  );
});

test('a response annotation over a block that is no response loses that response, named by its request', () => {
  const page = read('response-block-is-request');
  expect(examples(page)).toEqual([
    [
      'post_reply_message',
      'POST /teams/5e7f9a1b-3c5d-4e7f-8a9b-1c3d5e7f9a1b/channels/19:9c1e3a5b@thread.skype/messages/1616990032035/replies',
      undefined,
    ],
  ]);
  expect(page.warnings).toEqual([
    {
      line: 48,
      message: expect.stringMatching(
        /^the response annotation at line 46 is followed by a code block that is no response: its first line is no status line/,
      ),
      lostExample: { part: 'response', name: 'post_reply_message' },
    },
  ]);
});

test('request URLs with spaces in the query, several examples, a header after the request line, an ignored example', () => {
  const page = read('list-users-filter');
  expect(requests(page)).toEqual(['GET /users', "GET /users?$filter=startswith(displayName, '{prefix}')"]);
  expect(
    page.examples.map(({ name, request, response }) => [
      name,
      request?.query,
      request?.headers.map((header) => header.name),
      response?.status,
    ]),
  ).toEqual([
    ['list_users_startswith', "$filter=startswith(displayName, 'Ad')&$count=true", ['ConsistencyLevel'], 200],
    ['search_users_two_names', '$search="displayName:wa" OR "displayName:ad"&$orderby=displayName', ['ConsistencyLevel'], 200],
    // An `ignored` request (kept out of the SDK snippets) is still the request its annotated response answers.
    ['count_users', '', ['ConsistencyLevel'], 200],
  ]);
  expect(page.examples[2]?.request?.path).toBe('/users/$count');
  expect(page.examples[2]?.response?.body).toMatchObject({ kind: 'text', text: '42' });
});

test('the HTTP request section: `or` between lines, a header line after a request, code lines skipped with a warning', () => {
  expect(requests(read('list-joined-teams-or'))).toEqual(['GET /me/joinedTeams', 'GET /users/{id | user-principal-name}/joinedTeams']);
  expect(read('list-joined-teams-or').warnings).toEqual([]);
  const session = read('close-session-header');
  expect(session.httpRequests).toEqual([
    {
      method: 'POST',
      path: '/me/drive/items/{id}/workbook/closeSession',
      query: '',
      version: undefined,
      headers: [{ name: 'workbook-session-id', value: '{session-id}', line: 26 }],
      line: 25,
    },
  ]);
  const shares = read('shares-get-code-in-section');
  expect(requests(shares)).toEqual(['GET /shares/{shareIdOrEncodedSharingUrl}']);
  expect(shares.warnings.map(({ line, message }) => `${line} ${message}`)).toEqual([
    "26 the HTTP request section's line `Use the encoded sharing URL in place of the id.` is no request (`METHOD /path`): skipped",
    '34 the HTTP request section\'s line `string sharingUrl = "https://contoso.example.net/s/abc";` is no request (`METHOD /path`): skipped',
    '35 the HTTP request section\'s line `string encoded = "u!" + Convert.ToBase64String(Encoding.UTF8.GetBytes(sharingUr…` is no request (`METHOD /path`): skipped',
  ]);
});

test('request lines as sections write them: no space after the method, no leading slash, a host and version, ~/', () => {
  expect(requests(read('delete-flow-provider-no-space'))).toEqual([
    'DELETE /identity/b2xUserFlows/{userflow-id}/userFlowIdentityProviders/{id}/$ref',
  ]);
  const forms = read('request-path-forms');
  expect(forms.httpRequests.map(({ path, version }) => [path, version])).toEqual([
    ['policies/claimsMappingPolicies', undefined],
    ['/policies/claimsMappingPolicies/{id}', 'beta'],
    ['~/policies/claimsMappingPolicies/{id}/appliesTo', undefined],
  ]);
});

test('both status-line forms: HTTP/1.1 201 Created and HTTP 201 Created', () => {
  const response = read('message-attachment-http-201').examples[0]?.response;
  expect(response).toMatchObject({ protocol: 'HTTP', status: 201, reason: 'Created', body: { kind: 'json' } });
  expect(read('create-chat-plain-status').examples[0]?.response).toMatchObject({ protocol: 'HTTP/1.1', status: 201 });
});

test('section headings with trailing words: every `## HTTP request (…)` counts, and `## Example (…)` starts an example', () => {
  const page = read('put-content-two-sections');
  expect(requests(page)).toEqual([
    'PUT /drives/{drive-id}/items/{item-id}/content',
    'PUT /me/drive/items/{item-id}/content',
    'PUT /drives/{drive-id}/items/{parent-id}:/{filename}:/content',
    'PUT /me/drive/items/{parent-id}:/{filename}:/content',
  ]);
  expect(examples(page)).toEqual([
    ['upload-via-put', 'PUT /me/drive/root:/Reports/summary.txt:/content', 201],
    ['upload-via-put-id', 'PUT /me/drive/items/0123456789abc/content', 200],
  ]);
  // OneDrive's examples name no host and no version.
  expect(page.examples.map((example) => example.request?.version)).toEqual([undefined, undefined]);
});

test('statuses in every written form: `201, Created`, `204 No content`, plain text, and only under ### Response', () => {
  const said = (name: string) => read(name).documentedStatuses.map(({ code, reason }) => `${code} ${reason}`);
  expect(said('create-extension-property-comma-status')).toEqual(['201 Created']);
  expect(said('update-consent-policy-lowercase-status')).toEqual(['204 No content']);
  expect(said('create-chat-plain-status')).toEqual(['201 Created']);
  expect(said('application-upsert')).toEqual(['201 Created', '204 No Content']);
  // No Response section: the prose under the example's `### Response` heading is what the page says.
  expect(said('download-content')).toEqual(['302 Found']);
});

test('examples without annotations (the Intune template): paired by their ### Request and ### Response headings', () => {
  const get = read('intune-get-unannotated');
  expect(requests(get)).toEqual(['GET /deviceManagement/deviceConfigurations/{deviceConfigurationId}']);
  expect(examples(get)).toEqual([[undefined, 'GET /deviceManagement/deviceConfigurations/{deviceConfigurationId}', 200]]);
  expect(get.examples[0]?.request?.annotation).toBeUndefined();
  expect(get.examples[0]?.response?.headers.map(({ name }) => name)).toEqual(['Content-Type', 'Content-Length']);
  // The template's permissions are under Prerequisites.
  expect(get.permissions?.map(({ type, permissions }) => [type, permissions.length])).toEqual([
    ['delegated-work-or-school', 2],
    ['delegated-personal', 0],
    ['application', 2],
  ]);
  const create = read('intune-create-unannotated');
  expect(create.examples[0]?.request?.body).toMatchObject({ kind: 'json', value: { displayName: 'Display Name value' } });
  expect(create.examples[0]?.response?.status).toBe(201);
  // A blank line between the request line and its headers.
  const wipe = read('intune-wipe-action').examples[0]?.request;
  expect(wipe?.headers.map(({ name, value }) => `${name}: ${value}`)).toEqual(['Content-type: application/json', 'Content-length: 56']);
  expect(wipe?.body).toMatchObject({ kind: 'json', value: { keepEnrollmentData: true, keepUserData: true } });
});

test('a permissions include beside the page is read, its higher privileged column after the least privileged one', () => {
  const page = read('application-delete-include');
  expect(page.permissionsInclude).toEqual({
    path: '../includes/permissions/application-delete-include-permissions.md',
    line: 18,
    unavailable: undefined,
  });
  expect(page.permissions).toEqual([
    {
      type: 'delegated-work-or-school',
      text: 'Application.ReadWrite.All',
      permissions: ['Application.ReadWrite.All'],
      notSupported: false,
      todo: false,
      line: 18,
    },
    {
      type: 'delegated-personal',
      text: 'Application.ReadWrite.All',
      permissions: ['Application.ReadWrite.All'],
      notSupported: false,
      todo: false,
      line: 18,
    },
    {
      type: 'application',
      text: 'Application.ReadWrite.OwnedBy, Application.ReadWrite.All',
      permissions: ['Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All'],
      notSupported: false,
      todo: false,
      line: 18,
    },
  ]);
  expect(page.permissionsOrder).toBe('least-to-most');
  expect(read('education-rubric-ref').permissions?.[0]?.permissions).toEqual(['EduAssignments.ReadWriteBasic', 'EduAssignments.ReadWrite']);
});

test('an include that is not at hand is said so, per page: read alone, or not in the checkout', () => {
  expect(read('application-delete-include', true)).toMatchObject({
    permissions: undefined,
    permissionsInclude: {
      path: '../includes/permissions/application-delete-include-permissions.md',
      line: 18,
      unavailable: 'the page was read alone: include ../includes/permissions/application-delete-include-permissions.md is not at hand',
    },
  });
  expect(read('team-archive-include-missing')).toMatchObject({
    permissions: undefined,
    permissionsInclude: { unavailable: 'include ../includes/permissions/team-archive-permissions.md not found beside the page' },
  });
});

test('a request to a URL the service handed out is opaque: opaqueUrl in its annotation, or a host that is not Graph', () => {
  const download = read('download-content');
  expect(download.examples.map((example) => [example.name, example.request?.opaqueUrl, example.response?.status])).toEqual([
    ['download-item-content', false, 302],
    ['download-item-partial', true, 206],
  ]);
  const upload = read('front-matter-broken-no-title');
  expect(upload.examples.map((example) => example.request?.opaqueUrl)).toEqual([false, true]);
});

test('front matter that is not YAML and a missing title are warnings; the page is read', () => {
  const page = read('front-matter-broken-no-title');
  expect([page.title, page.frontMatter]).toEqual(['', {}]);
  expect(page.warnings.map(({ line, message }) => `${line} ${message}`)).toEqual([
    '4 the front matter is not valid YAML: Missing closing "quote at line 3, column 27: the front matter is skipped',
    '7 the page has no level-1 heading (`# Its title`): its title is empty',
  ]);
  expect(requests(page)).toEqual(['POST /drives/{driveId}/items/{itemId}/createUploadSession']);
});

test('keys in parentheses, alternate keys, function arguments and a namespace line that runs on into an include are kept as written', () => {
  expect(read('attachment-keys-in-parentheses').examples[0]?.request?.path).toBe(
    "/me/messages('AAMkADA1M-zAAA=')/attachments('AAMkADA1M-CJKtzmnlcqVgqI=')/",
  );
  expect(requests(read('application-delete-include'))).toEqual(['DELETE /applications/{id}', "DELETE /applications(appId='{appId}')"]);
  const functions = read('function-arguments');
  expect(functions.namespace).toBe('microsoft.graph');
  expect(functions.examples[0]?.request?.path).toBe(
    "/drives/b!9z8Y/items/01ABCDEF/getactivitiesbyinterval(startDateTime='2024-03-01',endDateTime='2024-03-31',interval='week')",
  );
});
