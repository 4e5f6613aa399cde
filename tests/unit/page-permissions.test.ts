import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import {
  checkPagePermissions,
  describePermissionCheck,
  tokenPermissions,
  type TokenPermissions,
} from '../../harness/permissions/page-permissions.ts';
import { globalSetups } from '../../harness/config/global-setups.ts';
import type { DocPage, PermissionRow } from '../../harness/page/page-model.ts';
import { neighbourReader } from '../../harness/page/neighbour-file.ts';
import { parsePage } from '../../harness/page/parse-page.ts';
import type { Exchange } from '../../harness/transport/exchange.ts';
import { permissionDivergence, permissionHint } from '../../harness/permissions/permission-annotations.ts';

const readPage = (name: string): DocPage =>
  parsePage(readFileSync(new URL(`../../pages/${name}.md`, import.meta.url), 'utf8'), `pages/${name}.md`);
const OWNED_BY = 'ExternalConnection.ReadWrite.OwnedBy';
const ALL = 'ExternalConnection.ReadWrite.All';
const app = (...permissions: string[]): TokenPermissions => ({ kind: 'application', permissions });
const row = (type: PermissionRow['type'], text: string): PermissionRow => {
  const notSupported = text === 'Not supported.';
  const todo = text.startsWith('TODO');
  return { type, text, permissions: notSupported || todo ? [] : text.split(', '), notSupported, todo, line: 1 };
};

test("the token's kind and permissions: roles for an app token (none when the claim is absent), scp for a delegated one", () => {
  expect(tokenPermissions({ roles: [OWNED_BY, 7] })).toEqual(app(OWNED_BY));
  expect(tokenPermissions({ tid: 'a' })).toEqual(app());
  expect(tokenPermissions({ scp: 'User.Read  ExternalConnection.ReadWrite.All', roles: ['Admin'] })).toEqual({
    kind: 'delegated-work-or-school',
    permissions: ['User.Read', ALL],
  });
  expect(tokenPermissions({ scp: 'User.Read', tid: '9188040D-6C67-4C5B-B112-36A304B66DAD' })?.kind).toBe('delegated-personal');
  expect(tokenPermissions(undefined)).toBeUndefined();
});

test('create-connection.md: granted by either listed permission, missing names the least privileged, personal accounts not supported', () => {
  const page = readPage('create-connection');
  expect(checkPagePermissions(page, app('Sites.Read.All', 'externalconnection.readwrite.all'))).toEqual({
    coverage: 'granted',
    kind: 'application',
    granted: ALL,
    listed: [OWNED_BY, ALL],
  });
  const missing = checkPagePermissions(page, app('Sites.Read.All'));
  expect(missing).toEqual({ coverage: 'missing', kind: 'application', listed: [OWNED_BY, ALL], grant: OWNED_BY });
  expect(describePermissionCheck(missing)).toBe(
    `grant ${OWNED_BY} (the page lists ${OWNED_BY}, ${ALL} for an application token; the token has none of them)`,
  );
  expect(checkPagePermissions(page, { kind: 'delegated-work-or-school', permissions: [] })).toMatchObject({
    coverage: 'missing',
    grant: OWNED_BY,
  });
  const personal = checkPagePermissions(page, { kind: 'delegated-personal', permissions: [OWNED_BY] });
  expect(personal).toEqual({ coverage: 'not supported', kind: 'delegated-personal' });
  expect(describePermissionCheck(personal)).toBe(
    'the page says the operation does not support a delegated token (personal Microsoft account): use another kind of token',
  );
});

test('the least privileged is the last one when the header says "from most to least", and unnamed when it says neither', () => {
  const permissions = [row('application', 'A.ReadWrite.All, A.ReadWrite.OwnedBy')];
  expect(checkPagePermissions({ permissions, permissionsOrder: 'most-to-least' }, app())).toMatchObject({
    coverage: 'missing',
    grant: 'A.ReadWrite.OwnedBy',
  });
  const unordered = checkPagePermissions({ permissions, permissionsOrder: undefined }, app());
  expect(unordered).toMatchObject({ coverage: 'missing', grant: undefined });
  expect(describePermissionCheck(unordered)).toMatch(
    /^grant one of A\.ReadWrite\.All, A\.ReadWrite\.OwnedBy \(the page lists them for an application token and its header does not say which is least privileged/,
  );
});

test("the doc stubs' TODO cells, a missing table or row, and an unreadable token check nothing", () => {
  for (const name of ['add-connector', 'create-connector', 'create-externalconnection', 'create-identityapiconnector']) {
    const check = checkPagePermissions(readPage(name), app(OWNED_BY));
    expect(check.coverage, name).toBe('not documented');
    expect(describePermissionCheck(check), name).toBe(
      'the page lists no permission for an application token ("TODO: Provide applicable permissions."), so nothing is checked',
    );
  }
  expect(checkPagePermissions({ permissions: undefined, permissionsOrder: undefined }, app())).toEqual({
    coverage: 'not documented',
    kind: 'application',
    why: 'the page has no permissions table',
  });
  expect(
    checkPagePermissions(
      { permissions: [row('application', 'A.Read')], permissionsOrder: undefined },
      { kind: 'delegated-personal', permissions: [] },
    ),
  ).toMatchObject({
    coverage: 'not documented',
    why: 'the permissions table has no row for a delegated token (personal Microsoft account)',
  });
  expect(checkPagePermissions(readPage('create-connection'), undefined)).toEqual({
    coverage: 'not checked',
    why: 'the token is not a JWT, so its permissions cannot be read',
  });
});

test('a table per resource: granted only with a permission for every resource, missing only with none for any, else it depends on the resource', () => {
  // The layout of directory-deleteditems-get.md: one row per resource, the permission differs by resource.
  const listed = {
    administrativeUnit: 'AdministrativeUnit.Read.All',
    application: 'Application.Read.All',
    group: 'Group.Read.All',
    user: 'User.Read.All',
  };
  const permissions = Object.entries(listed).flatMap(([resource, permission]) => [
    { ...row('delegated-personal', 'Not supported.'), resource },
    { ...row('application', permission), resource },
  ]);
  const page = { permissions, permissionsOrder: undefined };
  const some = checkPagePermissions(page, app('Group.Read.All', 'application.read.all'));
  expect(some.coverage).toBe('not checked');
  expect(describePermissionCheck(some)).toBe(
    'whether the token is enough depends on the resource the request touches; the page lists, for an application token, administrativeUnit: AdministrativeUnit.Read.All (the token has none); ' +
      'application: Application.Read.All (the token has Application.Read.All); group: Group.Read.All (the token has Group.Read.All); user: User.Read.All (the token has none)',
  );
  const every = checkPagePermissions(page, app(...Object.values(listed)));
  expect(every).toMatchObject({ coverage: 'granted', granted: Object.values(listed).join(', ') });
  expect(describePermissionCheck(every)).toBe(
    'the token (application) has a permission the page lists for every resource: administrativeUnit: AdministrativeUnit.Read.All; application: Application.Read.All; group: Group.Read.All; user: User.Read.All',
  );
  const none = checkPagePermissions(page, app('Sites.Read.All'));
  expect(none).toMatchObject({ coverage: 'missing', grant: undefined, listed: Object.values(listed) });
  expect(describePermissionCheck(none)).toBe(
    'grant the permission the page lists for the resource the request touches: administrativeUnit: AdministrativeUnit.Read.All; application: Application.Read.All; group: Group.Read.All; user: User.Read.All ' +
      '(for an application token; the token has none of them)',
  );
  // Every resource's row for personal accounts says the same: one verdict for all.
  expect(checkPagePermissions(page, { kind: 'delegated-personal', permissions: [] })).toEqual({
    coverage: 'not supported',
    kind: 'delegated-personal',
  });
  // A resource that does not take the token's kind: having none of the rest is no "missing" either.
  const partly = [
    { ...row('application', 'Group.Read.All'), resource: 'group' },
    { ...row('application', 'Not supported.'), resource: 'user' },
  ];
  expect(describePermissionCheck(checkPagePermissions({ permissions: partly, permissionsOrder: undefined }, app()))).toBe(
    'whether the token is enough depends on the resource the request touches; the page lists, for an application token, group: Group.Read.All (the token has none); user: not supported',
  );
  const same = [
    { ...row('application', 'A.Read, A.ReadWrite'), resource: 'group' },
    { ...row('application', 'a.read, A.ReadWrite'), resource: 'user' },
  ];
  expect(checkPagePermissions({ permissions: same, permissionsOrder: undefined }, app('A.ReadWrite'))).toEqual({
    coverage: 'granted',
    kind: 'application',
    granted: 'A.ReadWrite',
    listed: ['A.Read', 'A.ReadWrite'],
  });
});

test("a 403's hint is the words of a missing or unsupported verdict, and nothing for the others", () => {
  const words = `grant ${OWNED_BY} (the page lists …)`;
  expect(
    permissionHint([
      { type: 'page', description: 'pages/x.md' },
      { type: 'permissions', description: `missing: ${words}` },
    ]),
  ).toBe(words);
  expect(permissionHint([{ type: 'permissions', description: 'not supported: use another kind of token' }])).toBe(
    'use another kind of token',
  );
  expect(permissionHint([{ type: 'permissions', description: 'granted: the token has it' }])).toBeUndefined();
  expect(permissionHint([{ type: 'permissions', description: 'not documented: missing: no' }])).toBeUndefined();
  expect(permissionHint([])).toBeUndefined();
});

test('a permission divergence is a success answered to a token the page says is not enough', () => {
  const exchange = (status: number, method = 'POST', path = '/external/connections'): Exchange => ({
    request: { method, url: `https://graph.microsoft.com/beta${path}?x=1`, headers: {} },
    response: { status, headers: { 'request-id': 'r-1' } },
  });
  const missing = {
    title: 'Create connection',
    coverage: 'missing' as const,
    words: `grant ${OWNED_BY} (…)`,
    operations: ['POST /external/connections', 'POST /items/{item-id}/$ref'],
  };
  expect(
    permissionDivergence(missing, [exchange(200, 'GET', '/external/connections/c1'), exchange(201, 'POST', '/external/connections/c1')]),
  ).toBeUndefined();
  expect(permissionDivergence(missing, [exchange(204, 'POST', '/items/a.b/$ref')])).toMatch(
    /^the service answered POST \/beta\/items\/a\.b\/\$ref → 204, request-id r-1, where/,
  );
  expect(permissionDivergence(missing, [exchange(400), exchange(201)])).toBe(
    `the service answered POST /beta/external/connections → 201, request-id r-1, where the page says the token is not enough (grant ${OWNED_BY} (…)): the page may ask for more than the service enforces.`,
  );
  expect(permissionDivergence(missing, [exchange(403)])).toBeUndefined();
  expect(permissionDivergence({ ...missing, coverage: 'granted' }, [exchange(201)])).toBeUndefined();
  expect(permissionDivergence(undefined, [exchange(201)])).toBeUndefined();
});

test('only live and record run the permission setup: replay never loads the markdown parser', () => {
  const setups = (mode: 'replay' | 'live' | 'record') => globalSetups(mode, (name) => `harness/${name}`);
  expect(setups('replay')).toEqual(['harness/global-setup.ts']);
  expect(setups('live')).toEqual(['harness/global-setup.ts', 'harness/permissions/permission-setup.ts']);
  expect(setups('record')).toEqual(setups('live'));
  for (const file of setups('live')) expect(existsSync(new URL(`../../${file}`, import.meta.url)), file).toBe(true);
});

test('a permissions include that is not at hand is "not checked", saying so, never "not documented"', () => {
  const page = (path: string) => {
    const file = new URL(`../support/doc-pages/api-reference/v1.0/api/${path}`, import.meta.url);
    return { file, markdown: readFileSync(file, 'utf8') };
  };
  const alone = page('application-delete-include.md');
  const check = checkPagePermissions(parsePage(alone.markdown, 'pages/application-delete-include.md'), app(OWNED_BY));
  expect(check).toEqual({
    coverage: 'not checked',
    why: 'the permissions table is an include that is not at hand (the page was read alone: include ../includes/permissions/application-delete-include-permissions.md is not at hand)',
  });
  expect(describePermissionCheck(check)).toBe(
    'the permissions table is an include that is not at hand (the page was read alone: include ../includes/permissions/application-delete-include-permissions.md is not at hand)',
  );
  const missing = page('team-archive-include-missing.md');
  expect(
    describePermissionCheck(
      checkPagePermissions(
        parsePage(missing.markdown, 'team-archive-include-missing.md', { readNeighbour: neighbourReader(fileURLToPath(missing.file)) }),
        app(),
      ),
    ),
  ).toBe(
    'the permissions table is an include that is not at hand (include ../includes/permissions/team-archive-permissions.md not found beside the page)',
  );
});

test('an include beside the page is judged like a table on it: its least privileged column first, the higher ones after', () => {
  const file = new URL('../support/doc-pages/api-reference/v1.0/api/application-delete-include.md', import.meta.url);
  const page = parsePage(readFileSync(file, 'utf8'), 'application-delete-include.md', {
    readNeighbour: neighbourReader(fileURLToPath(file)),
  });
  expect(checkPagePermissions(page, app('Application.ReadWrite.All'))).toMatchObject({
    coverage: 'granted',
    granted: 'Application.ReadWrite.All',
  });
  expect(describePermissionCheck(checkPagePermissions(page, app('User.Read.All')))).toBe(
    'grant Application.ReadWrite.OwnedBy (the page lists Application.ReadWrite.OwnedBy, Application.ReadWrite.All for an application token; the token has none of them)',
  );
});

const testPage = (name: string, edit: (markdown: string) => string = (markdown) => markdown): DocPage => {
  const file = fileURLToPath(new URL(`../support/doc-pages/api-reference/v1.0/api/${name}.md`, import.meta.url));
  return parsePage(edit(readFileSync(file, 'utf8')), `${name}.md`, { readNeighbour: neighbourReader(file) });
};

test("a table per caller, each under its heading: every table is read, each row's resource is its heading, and the call decides", () => {
  const page = testPage('get-message-table-per-caller');
  expect(page.warnings).toEqual([]);
  expect(page.permissions?.filter((row) => row.type === 'application').map(({ resource, permissions }) => [resource, permissions])).toEqual(
    [
      ['Permissions for channel', ['ChannelMessage.Read.All', 'Group.Read.All']],
      ['Permissions for chat', ['User.Read.All and Chat.Read.All', 'Chat.ReadWrite.All']],
    ],
  );
  expect(page.permissionsOrder).toBe('least-to-most');
  expect(page.permissionsInclude?.unavailable).toContain('get-message-meeting-chat-permissions.md not found beside the page');

  // Enough for one caller only: which one the request is, the page's table cannot say.
  expect(checkPagePermissions(page, { kind: 'delegated-work-or-school', permissions: ['Chat.Read'] })).toMatchObject({
    coverage: 'not checked',
    why: expect.stringContaining('depends on the resource the request touches'),
  });
  // A set joined by "and" holds only with each of its permissions.
  expect(checkPagePermissions(page, app('ChannelMessage.Read.All', 'User.Read.All', 'Chat.Read.All'))).toMatchObject({
    coverage: 'granted',
    granted: 'ChannelMessage.Read.All, User.Read.All and Chat.Read.All',
  });
  expect(checkPagePermissions(page, app('ChannelMessage.Read.All', 'Chat.Read.All'))).toMatchObject({ coverage: 'not checked' });
  // None for any table read, but the meeting chat's table is not at hand: nothing is claimed.
  expect(checkPagePermissions(page, app('Mail.Read'))).toEqual({
    coverage: 'not checked',
    why: "the token has none of the permissions the page's tables list (ChannelMessage.Read.All, Group.Read.All, User.Read.All and Chat.Read.All, Chat.ReadWrite.All), and one more table is an include that is not at hand (include ../includes/permissions/get-message-meeting-chat-permissions.md not found beside the page)",
  });
  const withoutInclude = testPage('get-message-table-per-caller', (markdown) =>
    markdown.replace(/### Permissions for a meeting chat[\s\S]*?(?=## HTTP request)/, ''),
  );
  const missing = checkPagePermissions(withoutInclude, app('Mail.Read'));
  expect(missing).toMatchObject({ coverage: 'missing' });
  expect(describePermissionCheck(missing)).toBe(
    'grant the permission the page lists for the resource the request touches: Permissions for channel: ChannelMessage.Read.All, Group.Read.All; Permissions for chat: User.Read.All and Chat.Read.All, Chat.ReadWrite.All (for an application token; the token has none of them)',
  );
});

test('a permissions table in no layout the parser reads is a warning, and the check says the permissions cannot be read', () => {
  const page = testPage('update-subscription-resource-permission');
  expect(page.permissions).toBeUndefined();
  expect(page.warnings).toEqual([
    {
      line: 17,
      message:
        'the permissions table (header "Resource type / Item | Permission") is in no layout the parser reads: the page\'s permissions are unknown',
    },
  ]);
  expect(checkPagePermissions(page, app('Mail.Read'))).toEqual({
    coverage: 'not checked',
    why: 'the page\'s permissions cannot be read: its table at line 17 ("Resource type / Item | Permission") is in no layout the parser reads',
  });
});
