import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { splitUrl } from '../../harness/page/http-block.ts';
import { PageError, type DocPage } from '../../harness/page/page-model.ts';
import { parsePage } from '../../harness/page/parse-page.ts';

const readPage = (name: string): DocPage =>
  parsePage(readFileSync(new URL(`../../pages/${name}`, import.meta.url), 'utf8'), `pages/${name}`);
const FENCE = '```';
const lines = (...text: string[]) => text.join('\n');
const head = (title = 'Create thing') => lines('---', `title: "${title}"`, '---', '', `# ${title}`, '', 'Namespace: microsoft.graph', '');
/** An HTTP request section, which every page must have to be read: tests that are about other parts put it last. */
const httpSection = lines('', '## HTTP request', '', FENCE + 'http', 'GET /things', FENCE, '');
const errorOf = (markdown: string): PageError => {
  try {
    parsePage(markdown, 'pages/made-up.md');
  } catch (error) {
    if (error instanceof PageError) return error;
    throw error;
  }
  throw new Error('parsePage read a page it should have refused');
};

test('each page under contract: its operation, documented status, example and TODO count', () => {
  const expected = [
    ['add-connector.md', '/applications/{applicationsId}/connectorGroup/members/$ref', 'v1.0', 204, 'No Content', 204, 9],
    ['create-connection.md', '/external/connections', 'beta', 201, 'Created', 201, 0],
    ['create-connector.md', '/connectors', 'beta', 201, 'Created', 201, 9],
    ['create-externalconnection.md', '/connections', 'beta', 201, 'Created', 201, 10],
    ['create-identityapiconnector.md', '/identity/apiConnectors', 'beta', 201, 'Created', 201, 9],
  ] as const;
  for (const [name, path, version, documented, reason, status, todos] of expected) {
    const page = readPage(name);
    const [example] = page.examples;
    expect(page.examples, name).toHaveLength(1);
    expect(
      {
        http: page.httpRequests.map((request) => `${request.method} ${request.path}`),
        documented: page.documentedStatuses.slice(0, 1).flatMap(({ code, reason }) => [code, reason]),
        request: [
          example?.request?.method,
          example?.request?.version,
          example?.request?.path,
          example?.request?.query,
          example?.request?.body.kind,
        ],
        response: [example?.response?.protocol, example?.response?.status, example?.response?.body.kind],
        todos: page.todos.length,
      },
      name,
    ).toEqual({
      http: [`POST ${path}`],
      documented: [documented, reason],
      request: ['POST', version, path, '', 'json'],
      response: ['HTTP/1.1', status, 'json'],
      todos,
    });
  }
});

test('create-connection.md: front matter, title and namespace past the INCLUDE lines, and its permission rows', () => {
  const page = readPage('create-connection.md');
  expect(page.frontMatter).toMatchObject({ title: 'Create connection', author: 'snlraju-msft', 'ms.prod': 'search' });
  expect([page.title, page.namespace]).toEqual(['Create connection', 'microsoft.graph.externalConnectors']);
  const both = ['ExternalConnection.ReadWrite.OwnedBy', 'ExternalConnection.ReadWrite.All'];
  expect(page.permissions).toEqual([
    { type: 'delegated-work-or-school', text: both.join(', '), permissions: both, notSupported: false, todo: false, line: 26 },
    { type: 'delegated-personal', text: 'Not supported.', permissions: [], notSupported: true, todo: false, line: 27 },
    { type: 'application', text: both.join(', '), permissions: both, notSupported: false, todo: false, line: 28 },
  ]);
  expect(page.requestHeaders).toEqual([
    { cells: { Name: 'Authorization', Description: 'Bearer {token}. Required.' }, line: 42 },
    { cells: { Name: 'Content-Type', Description: 'application/json. Required.' }, line: 43 },
  ]);
  expect(page.requestBodyProperties).toEqual([]);
});

test('create-connection.md: the known issue note, and tab headings, uuid and page comments leave the example whole', () => {
  const page = readPage('create-connection.md');
  expect(page.notes).toHaveLength(1);
  expect(page.notes[0]).toMatchObject({
    knownIssue: true,
    line: 53,
    links: ['https://developer.microsoft.com/en-us/graph/known-issues/?search='],
  });
  expect(page.notes[0]?.text).toMatch(/^Note: When creating an external connection with a broken adaptive card.*503 Service Unavailable/);
  const [example] = page.examples;
  // The request annotation closes with `}-->`; the response's comes after `# [Python](#tab/python)` and two markdownlint comments.
  expect(example?.name).toBe('create_connection_from_external');
  expect(example?.request).toMatchObject({
    line: 68,
    annotation: { line: 62, truncated: false },
    headers: [{ name: 'Content-type', value: 'application/json', line: 69 }],
  });
  expect(example?.request?.body).toMatchObject({ kind: 'json', line: 71, value: { id: 'contosohr', name: 'Contoso HR' } });
  expect(example?.response).toMatchObject({
    line: 125,
    reason: 'Created',
    annotation: { line: 118, truncated: true, odataType: 'microsoft.graph.externalConnectors.externalConnection' },
  });
  expect(example?.response?.body).toMatchObject({
    kind: 'json',
    line: 128,
    value: { state: 'draft', configuration: { authorizedAppIds: ['d310d35d-72ec-47dd-92f2-fb9c40936555'] } },
  });
});

test('create-connector.md: a response whose body follows its headers with no blank line', () => {
  const response = readPage('create-connector.md').examples[0]?.response;
  expect(response?.headers).toEqual([{ name: 'Content-Type', value: 'application/json', line: 91 }]);
  expect(response?.body).toMatchObject({
    kind: 'json',
    line: 92,
    value: { id: '4443f0a9-f0a9-4443-a9f0-4344a9f04344', machineName: 'String' },
  });
});

test('add-connector.md: every TODO with where it is, and a bold note that is no known issue', () => {
  const page = readPage('add-connector.md');
  expect(page.todos.map(({ where, line }) => `${String(line)} ${where}`)).toEqual([
    '4 front matter: author',
    '6 front matter: ms.prod',
    '22 permissions: Delegated (work or school account)',
    '23 permissions: Delegated (personal Microsoft account)',
    '24 permissions: Application',
    '49 request body: id',
    '50 request body: externalIp',
    '51 request body: machineName',
    '52 request body: status',
  ]);
  expect(page.todos[5]?.text).toBe('TODO: Add Description');
  expect(page.permissions?.map(({ todo, permissions }) => [todo, permissions])).toEqual([
    [true, []],
    [true, []],
    [true, []],
  ]);
  expect(page.requestBodyProperties[3]).toEqual({
    cells: { Property: 'status', Type: 'connectorStatus', Description: 'TODO: Add Description. Possible values are: active, inactive.' },
    line: 52,
  });
  expect(page.notes).toEqual([
    { text: 'Note: The response object shown here might be shortened for readability.', links: [], knownIssue: false, line: 83 },
  ]);
});

test('a page with no example, no permissions table and "returns `204 No Content`" reads as such', () => {
  const page = parsePage(
    lines(
      head('Delete thing'),
      '## HTTP request',
      '',
      FENCE + 'http',
      'DELETE /things/{id}',
      'DELETE /me/things/{id}',
      FENCE,
      '',
      '## Response',
      '',
      'If successful, this method returns `204 No Content` response code. It does not return anything in the response body.',
      '',
      'Note: TODO: say what a missing thing returns.',
    ),
    'pages/made-up.md',
  );
  expect(page.httpRequests).toEqual([
    { method: 'DELETE', path: '/things/{id}', query: '', version: undefined, headers: [], line: 12 },
    { method: 'DELETE', path: '/me/things/{id}', query: '', version: undefined, headers: [], line: 13 },
  ]);
  expect(page.documentedStatuses).toEqual([{ code: 204, reason: 'No Content', line: 18 }]);
  expect([page.examples, page.permissions]).toEqual([[], undefined]);
  expect(page.notes.map((note) => note.line)).toEqual([20]);
  expect(page.todos).toEqual([{ where: 'prose: response', text: 'Note: TODO: say what a missing thing returns.', line: 20 }]);
});

test('the permissions header says which end of each list is least privileged; a header that does not say leaves it undefined', () => {
  expect(['create-connection.md', 'create-connector.md'].map((name) => readPage(name).permissionsOrder)).toEqual([
    'least-to-most',
    'most-to-least',
  ]);
  const table = (header: string) =>
    parsePage(
      lines(
        head(),
        '## Permissions',
        '',
        `| Permission type | ${header} |`,
        '|:--|:--|',
        '| Application | A.Read, A.ReadWrite |',
        '',
        httpSection,
      ),
      'pages/made-up.md',
    );
  expect(['Permissions (from  Most to least privileged)', 'Permissions'].map((header) => table(header).permissionsOrder)).toEqual([
    'most-to-least',
    undefined,
  ]);
  expect(parsePage(lines(head(), httpSection), 'pages/made-up.md').permissionsOrder).toBeUndefined();
});

test('a table laid out per resource: one row per resource and permission type, each naming its resource', () => {
  // The layout of directory-deleteditems-get.md and subscription-post-subscriptions.md (v1.0).
  const page = parsePage(
    lines(
      head('Get deleted item'),
      '## Permissions',
      '',
      'The following table shows the least privileged permission or permissions required to call this API on each supported resource type.',
      '',
      '| Supported resource | Delegated (work or school account) | Delegated (personal Microsoft account) | Application |',
      '|:-|:-|:-|:-|',
      '| [administrativeUnit](../resources/administrativeunit.md) | AdministrativeUnit.Read.All | Not supported. | AdministrativeUnit.Read.All |',
      '| [group](../resources/group.md) | Group.Read.All, Directory.Read.All | Not supported. | **TODO** |',
      '',
      httpSection,
    ),
    'pages/made-up.md',
  );
  const row = (resource: string, type: string, text: string, line: number) => ({ resource, type, text, line });
  expect(page.permissions?.map(({ resource, type, text, line }) => ({ resource, type, text, line }))).toEqual([
    row('administrativeUnit', 'delegated-work-or-school', 'AdministrativeUnit.Read.All', 15),
    row('administrativeUnit', 'delegated-personal', 'Not supported.', 15),
    row('administrativeUnit', 'application', 'AdministrativeUnit.Read.All', 15),
    row('group', 'delegated-work-or-school', 'Group.Read.All, Directory.Read.All', 16),
    row('group', 'delegated-personal', 'Not supported.', 16),
    row('group', 'application', 'TODO', 16),
  ]);
  expect(page.permissions?.[3]).toMatchObject({ permissions: ['Group.Read.All', 'Directory.Read.All'], notSupported: false, todo: false });
  expect(page.permissions?.[4]).toMatchObject({ permissions: [], notSupported: true });
  expect(page.permissions?.[5]).toMatchObject({ permissions: [], todo: true });
  expect(page.permissionsOrder).toBeUndefined();
  expect(page.todos).toEqual([{ where: 'permissions: group', text: 'TODO', line: 16 }]);
});

test('"Not applicable" and "Not available" say not supported, kept as written', () => {
  // The v1.0 Create externalConnection page writes "Not applicable" for both delegated rows.
  const page = parsePage(
    lines(
      head(),
      '## Permissions',
      '',
      '|Permission type|Permissions (from least to most privileged)|',
      '|:---|:---|',
      '|Delegated (work or school account)|Not applicable|',
      '|Delegated (personal Microsoft account)|not available.|',
      '|Application| ExternalConnection.ReadWrite.OwnedBy|',
      '',
      httpSection,
    ),
    'pages/made-up.md',
  );
  expect(page.permissions?.map(({ text, permissions, notSupported }) => [text, permissions, notSupported])).toEqual([
    ['Not applicable', [], true],
    ['not available.', [], true],
    ['ExternalConnection.ReadWrite.OwnedBy', ['ExternalConnection.ReadWrite.OwnedBy'], false],
  ]);
});

test('a permissions table in neither layout leaves the permissions undefined, its TODOs still found, and the page read', () => {
  const table = (...rows: string[]) =>
    parsePage(
      lines(head(), '## Permissions', '', ...rows, '', '## HTTP request', '', FENCE + 'http', 'GET /things', FENCE),
      'pages/made-up.md',
    );
  const unknownType = table('|Permission type|Permissions|', '|:--|:--|', '|Delegated|User.Read|', '|Application|TODO: say|');
  expect([unknownType.permissions, unknownType.permissionsOrder, unknownType.httpRequests.length]).toEqual([undefined, undefined, 1]);
  expect(unknownType.todos).toEqual([{ where: 'permissions: Application', text: 'TODO: say', line: 14 }]);
  const extraColumn = table('| Supported resource | Application | Notes |', '|:-|:-|:-|', '| user | User.Read.All | none |');
  expect(extraColumn.permissions).toBeUndefined();
});

test("invalid JSON in an example is kept with the parser's error and the line it points at", () => {
  const page = parsePage(
    lines(
      head(),
      '## Examples',
      '',
      '<!-- { "blockType": "request", "name": "broken" } -->',
      FENCE + 'http',
      'POST https://graph.microsoft.com/v1.0/things?$select=id',
      'Content-Type: application/json',
      '',
      '{',
      '  "id": "a"',
      '  "name": "b"',
      '}',
      FENCE,
    ),
    'pages/made-up.md',
  );
  const request = page.examples[0]?.request;
  expect(request).toMatchObject({ version: 'v1.0', path: '/things', query: '$select=id', line: 13 });
  expect(request?.body).toMatchObject({ kind: 'invalid-json', line: 16, errorLine: 18, text: '{\n  "id": "a"\n  "name": "b"\n}' });
  expect(request?.body.kind === 'invalid-json' && request.body.error).toMatch(/Expected ',' or '}' after property value/);
});

test('a truncated response keeps its annotation; a body that is not JSON is text, and no body is none', () => {
  const page = parsePage(
    lines(
      head(),
      '## Examples',
      '',
      '<!-- {"blockType": "request", "name": "get_thing"}-->',
      FENCE,
      'GET https://graph.microsoft.com/beta/things/1/$value',
      FENCE,
      '',
      '<!-- {',
      '  "blockType": "response",',
      '  "truncated": true,',
      '  "@odata.type": "microsoft.graph.thing",',
      '  "expectError": true',
      '}-->',
      FENCE + 'http',
      'HTTP/1.1 200 OK',
      'Content-Type: text/plain',
      '',
      'hello, thing',
      FENCE,
    ),
    'pages/made-up.md',
  );
  const [example] = page.examples;
  expect(example?.request).toMatchObject({ method: 'GET', version: 'beta', path: '/things/1/$value', headers: [], body: { kind: 'none' } });
  expect(example?.response?.annotation).toMatchObject({
    truncated: true,
    odataType: 'microsoft.graph.thing',
    expectError: true,
    isEmpty: false,
    name: undefined,
    line: 16,
  });
  expect(example?.response).toMatchObject({ status: 200, reason: 'OK', body: { kind: 'text', text: 'hello, thing', line: 26 } });
});

test('several examples: each response pairs with the closest request before it that has none', () => {
  const request = (name: string, path: string) => [
    `<!-- { "blockType": "request", "name": "${name}" } -->`,
    FENCE + 'http',
    `GET https://graph.microsoft.com/v1.0${path}`,
    FENCE,
    '',
  ];
  const response = (status: string) => ['<!-- { "blockType": "response" } -->', FENCE + 'http', `HTTP/1.1 ${status}`, FENCE, ''];
  const page = parsePage(
    lines(
      head(),
      '## Examples',
      '',
      '### Example 1: one',
      '#### Request',
      ...request('first', '/a'),
      '#### Response',
      ...response('200 OK'),
      '### Example 2: two',
      ...request('second', '/b'),
      ...request('third', '/c'),
      ...response('404 Not Found'),
      ...response('202 Accepted'),
    ),
    'pages/made-up.md',
  );
  expect(page.examples.map((example) => [example.name, example.request?.path, example.response?.status])).toEqual([
    ['first', '/a', 200],
    ['second', '/b', 202],
    ['third', '/c', 404],
  ]);
});

test('a response with no request before it is an example of its own', () => {
  const page = parsePage(
    lines(
      head(),
      '## Examples',
      '',
      '<!-- { "blockType": "response", "name": "orphan" } -->',
      FENCE + 'http',
      'HTTP/1.1 201 Created',
      FENCE,
      '',
      '<!-- { "blockType": "request", "name": "late" } -->',
      FENCE + 'http',
      'POST https://graph.microsoft.com/v1.0/things',
      FENCE,
    ),
    'pages/made-up.md',
  );
  expect(page.examples.map((example) => [example.name, example.request?.path, example.response?.status])).toEqual([
    ['orphan', undefined, 201],
    ['late', '/things', undefined],
  ]);
});

test('only a page with no HTTP request at all is refused, saying which section was looked for; what else it cannot read is a warning', () => {
  expect(errorOf(lines(head(), '## Permissions', '', 'None.')).message).toBe(
    'pages/made-up.md: the page documents no HTTP request: no `METHOD /path` line in a code block under a heading that starts "HTTP request" (`## HTTP request`), and no request example',
  );
  const warned = (markdown: string) => parsePage(markdown, 'pages/made-up.md').warnings.map(({ line, message }) => `${line} ${message}`);
  expect(warned(lines('---', 'title: x', '---', '', httpSection))).toEqual([
    '6 the page has no level-1 heading (`# Its title`): its title is empty',
  ]);
  // A comment JSON5 reads (a trailing comma) is an annotation; one it cannot read, whose code block is no request either, loses its example.
  expect(warned(lines(head(), '<!-- { "blockType": "request", } -->', FENCE, 'POST /x', FENCE))).toEqual([]);
  expect(warned(lines(head(), '<!-- { "blockType": "request" "name": "x" } -->', FENCE, 'Create a thing', FENCE, httpSection))).toEqual([
    '9 the request annotation cannot be read (unexpected " at line 1 of the comment, column 26), and the code block after it is no request either (its first line is no request (`METHOD URL`, like `POST https://graph.microsoft.com/v1.0/users`): `Create a thing`): the example is lost',
  ]);
  expect(warned(lines(head(), '<!-- { "blockType": "request" } -->', FENCE, 'Create a thing', FENCE, httpSection))).toEqual([
    '11 the request annotation at line 9 is followed by a code block that is no request: its first line is no request (`METHOD URL`, like `POST https://graph.microsoft.com/v1.0/users`): `Create a thing`; the example is lost',
  ]);
  expect(warned(lines(head(), '<!-- { "blockType": "response" } -->', FENCE, '201 Created', FENCE, httpSection))[0]).toMatch(
    /^11 the response annotation at line 9/,
  );
  expect(warned(lines(head(), httpSection, '<!-- { "blockType": "request" } -->', '', 'No code follows.'))).toEqual([
    '16 the request annotation is followed by no code block: the example is lost',
  ]);
  expect(warned(lines('---', 'title: [x', '---', '# T', httpSection))[0]).toMatch(
    /^2 the front matter is not valid YAML: .*: the front matter is skipped$/,
  );
  // A tab heading is no title.
  expect(warned(lines('Intro.', '', '# [HTTP](#tab/http)', '', httpSection))).toEqual([
    '1 the page has no level-1 heading (`# Its title`): its title is empty',
  ]);
});

test('splitUrl: version, path and query of absolute and relative URLs', () => {
  expect(splitUrl('https://graph.microsoft.com/v1.0/users/{id}/messages?$top=2&$select=id')).toEqual({
    host: 'graph.microsoft.com',
    version: 'v1.0',
    path: '/users/{id}/messages',
    query: '$top=2&$select=id',
  });
  expect(splitUrl('https://graph.microsoft.com/beta')).toEqual({ host: 'graph.microsoft.com', version: 'beta', path: '/', query: '' });
  expect(splitUrl('/me/events')).toEqual({ host: undefined, version: undefined, path: '/me/events', query: '' });
  expect(splitUrl('https://graph.microsoft.com/betamax/x')).toEqual({
    host: 'graph.microsoft.com',
    version: undefined,
    path: '/betamax/x',
    query: '',
  });
  expect(splitUrl("/users?$filter=startswith(displayName, 'a')")).toEqual({
    host: undefined,
    version: undefined,
    path: '/users',
    query: "$filter=startswith(displayName, 'a')",
  });
});

test("every status the response prose names: inline code, bold, plain text, and the known issue's", () => {
  const page = parsePage(
    lines(
      '# Upsert thing',
      '',
      '## Response',
      '',
      "If successful, if the object doesn't exist, this method returns `201 Created` and the object.",
      'If it exists, this method returns a **204 No Content** response code, or 200 OK with `Prefer: return=representation`.',
      '',
      '>**Note:** a broken card first fails with `503 Service Unavailable`.',
      httpSection,
    ),
    'pages/made-up.md',
  );
  expect(page.documentedStatuses.map(({ code, reason, line }) => `${code} ${reason} @${line}`)).toEqual([
    '201 Created @5',
    '204 No Content @6',
    '200 OK @6',
    '503 Service Unavailable @8',
  ]);
  expect(readPage('create-connection.md').documentedStatuses.map(({ code }) => code)).toEqual([201, 503, 409, 503]);
});

test('statuses as pages write them: a comma, lower case, no space, bold, a code alone, HTTP before it; numbers that are no status are not', () => {
  const page = parsePage(
    lines(
      head(),
      '## Response',
      '',
      'Returns `201, Created`, or `204 No content`, or `204,NoContent`, or **200 OK**, or `HTTP 206 Partial Content`.',
      'It may return a `202` status code, or `204 OK` when the page is wrong.',
      'It returns 100 places per page, in a 200-series range.',
      httpSection,
    ),
    'pages/made-up.md',
  );
  expect(page.documentedStatuses.map(({ code, reason }) => `${code} ${reason}`)).toEqual([
    '201 Created',
    '204 No content',
    '204 NoContent',
    '200 OK',
    '206 Partial Content',
    '202 ',
    '204 OK',
  ]);
});

test('the five pages under contract read with no warning, and their permissions on the page', () => {
  for (const name of [
    'add-connector.md',
    'create-connection.md',
    'create-connector.md',
    'create-externalconnection.md',
    'create-identityapiconnector.md',
  ]) {
    const page = readPage(name);
    expect([page.warnings, page.permissionsInclude], name).toEqual([[], undefined]);
  }
});
