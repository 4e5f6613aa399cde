import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { RULES } from '../../authoring/lint/finding.ts';
import { judgeFindings, readKnownFindings } from '../../authoring/lint/known-findings.ts';
import { lintPages } from '../../authoring/lint/lint-pages.ts';
import { pagesIn, PAGES_DIRECTORY } from '../../harness/page/page-record.ts';
import { metadataFacts } from '../../authoring/lint/metadata-facts.ts';

const ROOT = join(PAGES_DIRECTORY, '..');

function copyOfPages(): string {
  const pages = test.info().outputPath('pages');
  cpSync(PAGES_DIRECTORY, pages, { recursive: true });
  return pages;
}

function docsLint(pages: string, ...args: string[]): { status: number; output: string } {
  try {
    return { status: 0, output: execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/docs-lint.ts'), '--pages', pages, ...args], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

/** A made-up page with one defect per rule, beside a record that says it documents beta. */
const DEFECTIVE_PAGE = `---
title: "Create widget"
author: "**TODO: Provide Github Name.**"
---

# Create widget

Namespace: microsoft.graph.externalConnectors

## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Delegated (work or school account)|ExternalConnection.ReadWrite.OwnedBy|
|Delegated (personal Microsoft account)|Not supported.|
|Application|ExternalConnection.ReadWrite.OwnedBy|

## HTTP request

<!-- { "blockType": "ignored" } -->
\`\`\`http
POST /external/connections
\`\`\`

## Response

If successful, this method returns a \`201 Created\` response code and an externalConnection object in the response body.

## Examples

<!-- { "blockType": "request", "name": "create_widget" } -->
\`\`\`http
POST https://graph.microsoft.com/v1.0/external/widgets
Content-Type: application/json
Content-Length: 3

{
  "@odata.type": "#microsoft.graph.externalConnectors.externalConnection",
  "id": "contosohr",
  "name": "String",
  "state": "draft",
  "configuration": { "@odata.type": "microsoft.graph.externalConnectors.configuration" },
  "extra": { "@odata.type": "#Contoso.Widgets.gadget" },
  "more": { "@odata.type": "#microsoft.graph.externalConnectors.gadget" },
  "owner": { "@odata.type": "#microsoft.graph.user" },
  "auth": { "@odata.type": "#microsoft.graph.apiAuthenticationConfigurationBase" }
}
\`\`\`

<!-- { "blockType": "response", "truncated": true, "@odata.type": "microsoft.graph.externalConnectors.externalConnection" } -->
\`\`\`http
HTTP/1.1 200 Created
Content-Type: application/json

{ "id": "x", "state": "draft" }
\`\`\`

<!-- { "blockType": "request", "name": "delete_widget" } -->
\`\`\`http
DELETE https://graph.microsoft.com/beta/external/connections/contosohr
\`\`\`

<!-- { "blockType": "response" } -->
\`\`\`http
HTTP/1.1 204 No Content

{ "id": "contosohr", }
\`\`\`
`;

/** Clean but for its prose, which names no status. */
const SILENT_PAGE = `# Delete widget

## HTTP request

<!-- { "blockType": "ignored" } -->
\`\`\`http
DELETE /external/connections/{id}
\`\`\`

## Response

If successful, this method returns nothing.

## Examples

<!-- { "blockType": "request", "name": "delete_widget" } -->
\`\`\`http
DELETE https://graph.microsoft.com/beta/external/connections/contosohr
\`\`\`

<!-- { "blockType": "response" } -->
\`\`\`http
HTTP/1.1 202 Accepted
\`\`\`
`;

function defectivePage(): string {
  const pages = test.info().outputPath('made-up');
  cpSync(join(PAGES_DIRECTORY, 'create-connection.json'), join(pages, 'create-widget.json'));
  cpSync(join(PAGES_DIRECTORY, 'create-connection.json'), join(pages, 'delete-widget.json'));
  writeFileSync(join(pages, 'create-widget.md'), DEFECTIVE_PAGE);
  writeFileSync(join(pages, 'delete-widget.md'), SILENT_PAGE);
  writeFileSync(join(pages, 'known-findings.json'), JSON.stringify({ findings: [] }));
  return pages;
}

test('the five pages have exactly the findings listed in pages/known-findings.json', () => {
  const pages = pagesIn();
  const judged = judgeFindings(lintPages(pages, metadataFacts()), readKnownFindings(), new Set(pages.map((files) => files.markdown.split('/').pop() ?? '')));
  expect(judged.filter(({ mark }) => mark !== 'known'), 'run npm run docs:lint').toEqual([]);
  expect(judged.length).toBeGreaterThan(50);
  // The published page is clean; every stub has TODOs, placeholders and stub artefacts.
  expect(judged.filter(({ mark, ...entry }) => mark === 'known' && 'finding' in entry && entry.finding.page === 'create-connection.md')).toEqual([]);
});

test('every rule fires on a page that breaks it, with the line and the evidence', () => {
  const findings = lintPages(pagesIn(defectivePage()), metadataFacts());
  const byRule = (rule: string) => findings.filter((finding) => finding.rule === rule).map(({ at, line, evidence }) => ({ at, line, evidence }));

  expect(new Set(findings.map(({ rule }) => rule))).toEqual(new Set(Object.keys(RULES)));
  expect(byRule('status-line-vs-prose')).toEqual([
    { at: 'example create_widget: response status', line: 52, evidence: 'the prose says 201 Created (line 27); the example answers 200 Created' },
    { at: 'example delete_widget: response status', line: 65, evidence: 'the prose says 201 Created (line 27); the example answers 204 No Content' },
  ]);
  expect(byRule('reason-phrase')).toEqual([{ at: 'example create_widget: response status', line: 52, evidence: '"200 Created": 200 is OK' }]);
  expect(byRule('invalid-json')).toEqual([expect.objectContaining({ at: 'example delete_widget: response body', line: 67, evidence: expect.stringContaining('Expected double-quoted property name') })]);
  expect(byRule('body-under-204')).toEqual([expect.objectContaining({ at: 'example delete_widget: response body' })]);
  expect(byRule('content-length-mismatch')).toEqual([expect.objectContaining({ line: 35, evidence: expect.stringMatching(/^Content-Length: 3; the body is \d+ bytes$/) })]);
  expect(byRule('request-path-vs-example')).toEqual([
    expect.objectContaining({ at: 'example create_widget: request line', evidence: 'the example sends POST /external/widgets; the HTTP request section documents POST /external/connections' }),
    expect.objectContaining({ at: 'example delete_widget: request line' }),
  ]);
  expect(byRule('example-version-vs-page')).toEqual([expect.objectContaining({ at: 'example create_widget: request version' })]);
  expect(byRule('placeholder-value')).toEqual([expect.objectContaining({ at: 'example create_widget: request /name', evidence: '/name is "String"' })]);
  expect(byRule('todo-placeholder')).toEqual([expect.objectContaining({ at: 'todo: front matter: author', line: 3 })]);
  expect(byRule('odata-type-in-request')).toEqual([expect.objectContaining({ at: 'example create_widget: request /@odata.type' })]);
  expect(byRule('odata-type-form')).toEqual([expect.objectContaining({ at: 'example create_widget: request /configuration/@odata.type' })]);
  expect(byRule('unknown-namespace')).toEqual([expect.objectContaining({ at: 'example create_widget: request /extra/@odata.type', evidence: expect.stringContaining('no namespace Contoso.Widgets') })]);
  // microsoft.graph.user is not in the slice, but Graph has it: no finding of the page.
  expect(byRule('unknown-type')).toEqual([
    expect.objectContaining({ at: 'example create_widget: request /more/@odata.type', evidence: "Graph's metadata has no type microsoft.graph.externalConnectors.gadget (metadata/type-names.json (beta))" }),
  ]);
  expect(byRule('no-documented-status')).toEqual([expect.objectContaining({ at: 'response prose' })]);
  expect(findings.filter(({ page }) => page === 'delete-widget.md').map(({ rule }) => rule)).toEqual(['no-documented-status']);
  expect(byRule('abstract-type-in-example')).toEqual([expect.objectContaining({ at: 'example create_widget: request /auth/@odata.type' })]);
  expect(byRule('computed-in-request')).toEqual([expect.objectContaining({ at: 'example create_widget: request /state', evidence: expect.stringContaining('externalConnection.state is computed') })]);
  // Truncated: the example leaves name out on purpose; the id it shows breaks the id rule.
  expect(byRule('response-vs-schema')).toEqual([expect.objectContaining({ at: 'example create_widget: response /id' })]);
});

test('npm run docs:lint passes on the pages, fails on a new finding naming rule, page and line, and says when a listed one is gone', () => {
  const pages = copyOfPages();
  const clean = docsLint(pages);
  expect(clean).toMatchObject({ status: 0, output: expect.stringContaining('0 new, 0 changed, 0 gone') });
  expect(clean.output).toContain('pages/create-connection.md: no findings');

  const page = join(pages, 'create-connection.md');
  const original = readFileSync(page, 'utf8');
  writeFileSync(page, original.replace('HTTP/1.1 201 Created', 'HTTP/1.1 200 Created'));
  const mutated = docsLint(pages);
  expect(mutated.status).toBe(1);
  expect(mutated.output).toContain(
    'NEW   status-line-vs-prose  line 125  example create_connection_from_external: response status: the prose says 201 Created (line 51); the example answers 200 Created',
  );
  expect(mutated.output).toContain('NEW   reason-phrase  line 125');
  expect(mutated.output).toMatch(/docs:lint: 5 page\(s\); \d+ known finding\(s\), 2 new, 0 changed, 0 gone/);

  writeFileSync(page, original);
  const stub = join(pages, 'create-connector.md');
  writeFileSync(stub, readFileSync(stub, 'utf8').replace('Content-length: 129', 'Content-length: 124'));
  const fixed = docsLint(pages);
  expect(fixed.status).toBe(1);
  expect(fixed.output).toContain('GONE  content-length-mismatch  example create_connector_from_connectors: request Content-Length: listed in pages/known-findings.json, and the page no longer has it: remove the entry');

  // A second finding where one is listed is new; the same place saying something else is changed.
  writeFileSync(stub, readFileSync(stub, 'utf8').replace('|status|connectorStatus|**TODO: Add Description**.', '|status|connectorStatus|**TODO: Add Description**. **TODO: list the values**.').replace('Content-length: 124', 'Content-length: 999'));
  const counted = docsLint(pages);
  expect(counted.status).toBe(1);
  expect(counted.output).toContain('NEW   todo-placeholder  line 51  todo: request body: status: TODO: list the values');
  expect(counted.output).toContain('CHANGED content-length-mismatch  line 70  example create_connector_from_connectors: request Content-Length: Content-Length: 999; the body is 124 bytes');
  expect(counted.output).toContain('listed with other evidence: Content-Length: 129; the body is 124 bytes');
  expect(counted.output).toMatch(/1 new, 1 changed, 0 gone/);

  expect(docsLint(pages, '--update').status).toBe(0);
  expect(docsLint(pages)).toMatchObject({ status: 0 });
});

test('a known-findings list that names no rule of the lint is refused, naming the entry', () => {
  const pages = copyOfPages();
  const known = join(pages, 'known-findings.json');
  writeFileSync(known, readFileSync(known, 'utf8').replace('"rule": "todo-placeholder"', '"rule": "todo-placeholders"'));
  const result = docsLint(pages);
  expect(result.status).toBe(2);
  expect(result.output).toMatch(/known-findings\.json: "todo-placeholders" \(add-connector\.md, todo: front matter: author\) is no rule of the lint; its rules are status-line-vs-prose, /);
});

/** A page of its own under a made-up pages folder, beside a record documenting `view`. */
function pageAlone(name: string, markdown: string, view = 'graph-rest-beta'): string {
  const pages = test.info().outputPath(name);
  mkdirSync(pages, { recursive: true });
  const record = JSON.parse(readFileSync(join(PAGES_DIRECTORY, 'create-connection.json'), 'utf8')) as { url: string };
  writeFileSync(join(pages, `${name}.json`), JSON.stringify({ ...record, url: `https://learn.microsoft.com/graph/api/${name}?view=${view}` }));
  writeFileSync(join(pages, `${name}.md`), markdown);
  return pages;
}

const exampleOf = (name: string, request: string, status: string) =>
  `<!-- { "blockType": "request", "name": "${name}" } -->\n\`\`\`http\n${request}\n\`\`\`\n\n<!-- { "blockType": "response" } -->\n\`\`\`http\nHTTP/1.1 ${status}\n\`\`\`\n`;

test('a page that documents two statuses, and placeholders inside a path segment or across a drive path, gives no finding', () => {
  const upsert = [
    '# Upsert application', '', '## HTTP request', '', '<!-- { "blockType": "ignored" } -->', '```http',
    "PATCH /applications(uniqueName='{uniqueName}')", 'PUT /drives/{drive-id}/root:/{path}:/content', '```', '',
    '## Response', '', 'If the object does not exist, this method returns `201 Created`; if it exists, it returns a `204 No Content` response code.', '',
    '## Examples', '',
    exampleOf('upsert_create', "PATCH https://graph.microsoft.com/beta/applications(uniqueName='app-65278')", '201 Created'),
    exampleOf('upsert_update', "PATCH https://graph.microsoft.com/beta/applications(uniqueName='app-65278')", '204 No Content'),
    exampleOf('upload', 'PUT https://graph.microsoft.com/beta/drives/b!x/root:/folder/file.txt:/content', '201 Created'),
  ].join('\n');
  expect(lintPages(pagesIn(pageAlone('application-upsert', upsert)), metadataFacts())).toEqual([]);
});

test('a schema pinned to a version judges only that version\'s examples', () => {
  const connector = (view: string) => [
    '# Get connector', '', '## HTTP request', '', '<!-- { "blockType": "ignored" } -->', '```http', 'GET /connectors/{id}', '```', '',
    '## Response', '', 'If successful, this method returns a `200 OK` response code.', '', '## Examples', '',
    '<!-- { "blockType": "request", "name": "get_connector" } -->', '```http', `GET https://graph.microsoft.com/${view === 'graph-rest-1.0' ? 'v1.0' : 'beta'}/connectors/1`, '```', '',
    '<!-- { "blockType": "response", "@odata.type": "microsoft.graph.connector" } -->', '```http', 'HTTP/1.1 200 OK', 'Content-Type: application/json', '', '{ "id": "1", "machineName": "m", "externalIp": "203.0.113.1", "status": "paused" }', '```',
  ].join('\n');
  const rules = (view: string) => lintPages(pagesIn(pageAlone(`get-connector-${view}`, connector(view), view)), metadataFacts()).map(({ rule, at }) => `${rule} ${at}`);
  expect(rules('graph-rest-beta')).toEqual(['response-vs-schema example get_connector: response /status']);
  // schemas/connector.json is "microsoft.graph.connector (beta)": a v1.0 page is not held to it (and Graph's v1.0 has no connector type).
  expect(rules('graph-rest-1.0')).toEqual(['unknown-type example get_connector: response annotation']);
});
