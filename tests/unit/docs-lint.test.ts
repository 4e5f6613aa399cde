import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { judgeFindings, readKnownFindings } from '../../authoring/lint/known-findings.ts';
import { lintPages, schemasByType } from '../../authoring/lint/lint-pages.ts';
import { lintFile } from '../../authoring/lint/lint-file.ts';
import { formatLintedFiles, formatSummary, lintReport } from '../../authoring/lint/lint-report.ts';
import { markdownPagesIn } from '../../authoring/lint/page-files.ts';
import { versionOfFile } from '../../authoring/lint/page-version.ts';
import { pagesIn, PAGES_DIRECTORY } from '../../harness/page/page-record.ts';
import { metadataFacts } from '../../authoring/lint/metadata-facts.ts';

test('the five pages have exactly the findings listed in pages/known-findings.json', () => {
  const pages = pagesIn();
  const judged = judgeFindings(
    lintPages(pages, metadataFacts()),
    readKnownFindings(),
    new Set(pages.map((files) => files.markdown.split('/').pop() ?? '')),
  );
  expect(
    judged.filter(({ mark }) => mark !== 'known'),
    'run npm run docs:lint',
  ).toEqual([]);
  expect(judged.length).toBeGreaterThan(50);
  // The published page is clean; every stub has TODOs, placeholders and stub artefacts.
  expect(
    judged.filter(({ mark, ...entry }) => mark === 'known' && 'finding' in entry && entry.finding.page === 'create-connection.md'),
  ).toEqual([]);
});

/** A page of its own under a made-up pages folder, beside a record documenting `view`. */
function pageAlone(name: string, markdown: string, view = 'graph-rest-beta'): string {
  const pages = test.info().outputPath(name);
  mkdirSync(pages, { recursive: true });
  const record = JSON.parse(readFileSync(join(PAGES_DIRECTORY, 'create-connection.json'), 'utf8')) as { url: string };
  writeFileSync(
    join(pages, `${name}.json`),
    JSON.stringify({ ...record, url: `https://learn.microsoft.com/graph/api/${name}?view=${view}` }),
  );
  writeFileSync(join(pages, `${name}.md`), markdown);
  return pages;
}

const exampleOf = (name: string, request: string, status: string) =>
  `<!-- { "blockType": "request", "name": "${name}" } -->\n\`\`\`http\n${request}\n\`\`\`\n\n<!-- { "blockType": "response" } -->\n\`\`\`http\nHTTP/1.1 ${status}\n\`\`\`\n`;

test('a page that documents two statuses, and placeholders inside a path segment or across a drive path, gives no finding', () => {
  const upsert = [
    '# Upsert application',
    '',
    '## HTTP request',
    '',
    '<!-- { "blockType": "ignored" } -->',
    '```http',
    "PATCH /applications(uniqueName='{uniqueName}')",
    'PUT /drives/{drive-id}/root:/{path}:/content',
    '```',
    '',
    '## Response',
    '',
    'If the object does not exist, this method returns `201 Created`; if it exists, it returns a `204 No Content` response code.',
    '',
    '## Examples',
    '',
    exampleOf('upsert_create', "PATCH https://graph.microsoft.com/beta/applications(uniqueName='app-65278')", '201 Created'),
    exampleOf('upsert_update', "PATCH https://graph.microsoft.com/beta/applications(uniqueName='app-65278')", '204 No Content'),
    exampleOf('upload', 'PUT https://graph.microsoft.com/beta/drives/b!x/root:/folder/file.txt:/content', '201 Created'),
  ].join('\n');
  expect(lintPages(pagesIn(pageAlone('application-upsert', upsert)), metadataFacts())).toEqual([]);
});

test("a schema pinned to a version judges only that version's examples", () => {
  const connector = (view: string) =>
    [
      '# Get connector',
      '',
      '## HTTP request',
      '',
      '<!-- { "blockType": "ignored" } -->',
      '```http',
      'GET /connectors/{id}',
      '```',
      '',
      '## Response',
      '',
      'If successful, this method returns a `200 OK` response code.',
      '',
      '## Examples',
      '',
      '<!-- { "blockType": "request", "name": "get_connector" } -->',
      '```http',
      `GET https://graph.microsoft.com/${view === 'graph-rest-1.0' ? 'v1.0' : 'beta'}/connectors/1`,
      '```',
      '',
      '<!-- { "blockType": "response", "@odata.type": "microsoft.graph.connector" } -->',
      '```http',
      'HTTP/1.1 200 OK',
      'Content-Type: application/json',
      '',
      '{ "id": "1", "machineName": "m", "externalIp": "203.0.113.1", "status": "paused" }',
      '```',
    ].join('\n');
  const rules = (view: string) =>
    lintPages(pagesIn(pageAlone(`get-connector-${view}`, connector(view), view)), metadataFacts()).map(({ rule, at }) => `${rule} ${at}`);
  expect(rules('graph-rest-beta')).toEqual(['response-vs-schema example get_connector: response /status']);
  // schemas/connector.json is "microsoft.graph.connector (beta)": a v1.0 page is not held to it (and Graph's v1.0 has no connector type).
  expect(rules('graph-rest-1.0')).toEqual(['unknown-type example get_connector: response annotation']);
});

test('a truncated known-findings list names the file, the line and column, and how to write it again', () => {
  const path = test.info().outputPath('known-findings.json');
  mkdirSync(test.info().outputPath(), { recursive: true });
  writeFileSync(path, readFileSync(join(PAGES_DIRECTORY, 'known-findings.json'), 'utf8').slice(0, 200));
  expect(() => readKnownFindings(path)).toThrow(
    /known-findings\.json: not JSON at line 3, column \d+ \(Unterminated string in JSON\): it lists the findings the pages are known to have: mend it, or write it again with npm run docs:lint -- --update\.$/,
  );
});

const DOC_PAGES = fileURLToPath(new URL('../support/doc-pages/', import.meta.url));

test('the test pages of every published form give only the true findings: a wrong method, a wrong argument name, a Content-Length, lost examples', () => {
  const { pages, checkout } = markdownPagesIn(DOC_PAGES);
  expect(checkout).toBe(true);
  expect(pages).toHaveLength(34);
  const linted = pages.map((path) => lintFile(path, metadataFacts(), schemasByType()));
  const found = linted.flatMap(({ file, findings }) =>
    findings.map(({ rule, at }) => `${file.slice(file.lastIndexOf('/') + 1)} ${rule} ${at}`),
  );
  expect(found).toEqual([
    'function-arguments.md request-path-vs-example example get-activities-by-interval-wrong-argument: request line',
    'annotations-unreadable.md unreadable-example example update_unifiedrolemanagementpolicyrule_notification: request annotation',
    'external-item-wrong-method.md request-path-vs-example example create_externalitem: request line',
    'response-block-is-request.md unreadable-example example post_reply_message: response annotation',
    'update-alert-stale-content-length.md content-length-mismatch example update_alert_stale_length: request Content-Length',
  ]);
  expect(
    linted
      .filter(({ unusable }) => unusable !== undefined)
      .map(({ file, unusable }) => `${file.slice(file.lastIndexOf('/') + 1)}: ${unusable}`),
  ).toEqual([
    'resource-page-no-request.md: the page documents no HTTP request: no `METHOD /path` line in a code block under a heading that starts "HTTP request" (`## HTTP request`), and no request example',
  ]);
});

test("a page's version: its path in a docs checkout, else its front matter's view, else unknown", () => {
  expect(versionOfFile('/x/api-reference/beta/api/user-get.md', {})).toEqual({ version: 'beta', from: 'path' });
  expect(versionOfFile('C:\\docs\\api-reference\\v1.0\\api\\user-get.md', { monikerRange: 'graph-rest-beta' })).toEqual({
    version: 'v1.0',
    from: 'path',
  });
  expect(versionOfFile('/x/user-get.md', { monikerRange: 'graph-rest-beta' })).toEqual({ version: 'beta', from: 'front matter' });
  expect(versionOfFile('/x/user-get.md', { 'graph-version': 'v1.0', 'ms.subservice': 'beta' })).toEqual({
    version: 'v1.0',
    from: 'front matter',
  });
  expect(versionOfFile('/x/user-get.md', { 'ms.subservice': 'beta' })).toEqual({ version: undefined, from: undefined });
});

test('a page of unknown version is held to no version; its metadata is that of the version its examples call', () => {
  const folder = test.info().outputPath('alone');
  mkdirSync(folder, { recursive: true });
  const source = readFileSync(join(DOC_PAGES, 'api-reference/beta/api/request-path-forms.md'), 'utf8');
  writeFileSync(join(folder, 'page.md'), source.replaceAll('https://graph.microsoft.com/beta/', 'https://graph.microsoft.com/v1.0/'));
  const linted = lintFile(join(folder, 'page.md'), metadataFacts(), schemasByType());
  expect([linted.version, linted.versionFrom, linted.findings]).toEqual([undefined, undefined, []]);
  // The same page under a beta folder of a checkout: its v1.0 example is another version than the page's.
  const beta = join(folder, 'api-reference', 'beta', 'api');
  mkdirSync(beta, { recursive: true });
  writeFileSync(join(beta, 'page.md'), readFileSync(join(folder, 'page.md'), 'utf8'));
  expect(lintFile(join(beta, 'page.md'), metadataFacts(), schemasByType()).findings.map(({ rule }) => rule)).toEqual([
    'example-version-vs-page',
  ]);
});

test('a page whose permissions include is not at hand says so in the listing, the summary and the JSON', () => {
  const lint = (name: string) => lintFile(join(DOC_PAGES, 'api-reference', 'v1.0', 'api', `${name}.md`), metadataFacts(), schemasByType());
  const missing = lint('team-archive-include-missing');
  const partly = lint('get-message-table-per-caller');
  const read = lint('application-delete-include');
  expect(missing.permissionsNotRead).toBe('include ../includes/permissions/team-archive-permissions.md not found beside the page');
  expect(partly.permissionsNotRead).toBe(
    "include ../includes/permissions/get-message-meeting-chat-permissions.md not found beside the page (the page's other tables were read)",
  );
  expect(read.permissionsNotRead).toBeUndefined();
  expect(formatLintedFiles([missing])).toContain(
    'no findings, permissions not read\n  permissions  not read: include ../includes/permissions/team-archive-permissions.md not found beside the page',
  );
  expect(formatSummary({ pages: 3, unusable: 0, findings: 0, warnings: 0, permissionsNotRead: 2 }, [])).toContain(
    '2 page(s) whose permissions include is not at hand beside them: those permissions were not read',
  );
  const report = lintReport({ judged: [], pages: [] }, [missing, read], []) as {
    pages: { permissionsNotRead: string | null }[];
    summary: { permissionsNotRead: number };
  };
  expect(report.pages.map((page) => page.permissionsNotRead)).toEqual([missing.permissionsNotRead, null]);
  expect(report.summary.permissionsNotRead).toBe(1);
});

test('no-documented-status points at the Response section, or at the first example answer of a page that has none', () => {
  const page = (response: string) => `# Delete widget

## HTTP request

~~~http
DELETE /widgets/{id}
~~~
${response}
## Example

<!-- { "blockType": "request", "name": "delete_widget" } -->
~~~http
DELETE https://graph.microsoft.com/v1.0/widgets/w1
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 204 No Content
~~~
`;
  const found = (markdown: string) =>
    lintPages(pagesIn(pageAlone('delete-widget', markdown)), metadataFacts())
      .filter(({ rule }) => rule === 'no-documented-status')
      .map(({ line, evidence }) => `${line}: ${evidence.slice(0, evidence.indexOf(' (pages say'))}`);
  expect(found(page('\n## Response\n\nIf successful, this method returns nothing.\n'))).toEqual([
    '9: the Response section names no success status',
  ]);
  expect(found(page(''))).toEqual(['18: the page has no Response section to name a success status']);
});
