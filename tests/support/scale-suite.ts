/**
 * The bench's scale case: a copy of the project whose specs/, pages/ and fixtures/ hold N operations
 * in the form `npm run new-spec` writes (authoring/new-spec/spec-source.ts and new-spec.ts): per
 * operation a verbatim page and its record, the page's documented example as the test's fixture, and
 * a spec with one test that calls docPage(), sends the example's request and matches the response
 * against a schema of schemas/.
 *
 * TODO(new-spec): this generator stands in for new-spec while new-spec is reworked (issue 19, item 4).
 * Once new-spec takes a page and writes a spec that replays with nothing edited by hand, write the N
 * pages here and run new-spec on each instead of writing its output by hand below.
 */
import { cpSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a contract run reads of the checkout, besides specs/, pages/ and fixtures/ (written below) and node_modules (linked). */
const RUN_READS = ['playwright.config.ts', 'package.json', 'tsconfig.json', 'harness', 'schemas', 'known-divergences.json'];

/** One kind of operation the generated pages document; the N operations take turns. */
interface OperationKind {
  /** The page's name stem and title: `get-externalconnection`, `Get externalConnection`. */
  stem: string;
  pageTitle: string;
  version: 'v1.0' | 'beta';
  method: 'GET' | 'POST';
  /** The HTTP request section's path: `/external/connections/{connectionsId}`. */
  template: string;
  /** The example's path, for operation `i`. */
  path: (i: number) => string;
  requestBody?: (i: number) => Record<string, unknown>;
  status: number;
  statusText: string;
  /** The Graph type of the response, its schema in schemas/, and the example's answer. */
  odataType: string;
  schema: string;
  response: (i: number) => Record<string, unknown>;
  /** The test's title after its status, as new-spec derives it from the page's title (`gets the externalConnection`). */
  phrase: string;
}

const connectionId = (i: number) => `contosohr${i}`;

const KINDS: OperationKind[] = [
  {
    stem: 'get-externalconnection',
    pageTitle: 'Get externalConnection',
    version: 'beta',
    method: 'GET',
    template: '/external/connections/{connectionsId}',
    path: (i) => `/external/connections/${connectionId(i)}`,
    status: 200,
    statusText: 'OK',
    odataType: 'microsoft.graph.externalConnectors.externalConnection',
    schema: 'externalConnection',
    response: (i) => ({ id: connectionId(i), name: 'Contoso HR', description: 'Connection to index Contoso HR system', state: 'ready' }),
    phrase: 'gets the externalConnection',
  },
  {
    stem: 'create-externalconnection',
    pageTitle: 'Create externalConnection',
    version: 'beta',
    method: 'POST',
    template: '/external/connections',
    path: () => '/external/connections',
    requestBody: (i) => ({ id: connectionId(i), name: 'Contoso HR', description: 'Connection to index Contoso HR system' }),
    status: 201,
    statusText: 'Created',
    odataType: 'microsoft.graph.externalConnectors.externalConnection',
    schema: 'externalConnection',
    response: (i) => ({ id: connectionId(i), name: 'Contoso HR', description: 'Connection to index Contoso HR system', state: 'draft' }),
    phrase: 'creates the externalConnection',
  },
  {
    stem: 'get-connector',
    pageTitle: 'Get connector',
    version: 'beta',
    method: 'GET',
    template: '/onPremisesPublishingProfiles/applicationProxy/connectors/{connectorId}',
    path: (i) => `/onPremisesPublishingProfiles/applicationProxy/connectors/${connectorId(i)}`,
    status: 200,
    statusText: 'OK',
    odataType: 'microsoft.graph.connector',
    schema: 'connector',
    response: (i) => ({ id: connectorId(i), machineName: `contoso-proxy-${i}`, externalIp: '203.0.113.10', status: 'active' }),
    phrase: 'gets the connector',
  },
];

function connectorId(i: number): string {
  return `d2b0a9c1-7e3f-4a5b-9c8d-${String(i).padStart(12, '0')}`;
}

/** The operations of a suite of `count` specs: each a kind and a number, named as new-spec names a page. */
export function scaleOperations(count: number): { name: string; kind: OperationKind; i: number }[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length] as OperationKind;
    return { name: `${kind.stem}-${String(i + 1).padStart(4, '0')}`, kind, i: i + 1 };
  });
}

/**
 * Writes the project with `count` operations into `root` (an empty folder): what a contract run
 * reads copied from `project`, its node_modules linked, and specs/, pages/ and fixtures/ generated.
 */
export function writeScaleProject(project: string, root: string, count: number): void {
  for (const entry of RUN_READS) cpSync(join(project, entry), join(root, entry), { recursive: true });
  symlinkSync(realpathSync(join(project, 'node_modules')), join(root, 'node_modules'));
  for (const folder of ['specs', 'pages', 'fixtures']) mkdirSync(join(root, folder));
  // No findings are known: docPage's annotation says "none" for every page.
  writeFileSync(join(root, 'pages', 'known-findings.json'), `${JSON.stringify({ findings: [] }, null, 2)}\n`);
  for (const { name, kind, i } of scaleOperations(count)) {
    const files = operationFiles(name, kind, i);
    writeFileSync(join(root, 'pages', `${name}.md`), files.page);
    writeFileSync(join(root, 'pages', `${name}.json`), files.record);
    mkdirSync(join(root, 'fixtures', name));
    writeFileSync(join(root, 'fixtures', name, files.fixtureFile), files.fixture);
    writeFileSync(join(root, 'specs', `${name}.spec.ts`), files.spec);
  }
}

/** One operation's four files, as new-spec writes them for its page. */
function operationFiles(name: string, kind: OperationKind, i: number) {
  const url = `https://learn.microsoft.com/graph/api/${kind.stem}?view=graph-rest-${kind.version}`;
  const exampleName = `${kind.stem.replace(/-/g, '_')}_${i}`;
  const title = `${kind.status} ${kind.phrase}`;
  const describe = `${kind.method} ${kind.template}`;
  const body = kind.requestBody?.(i);
  const response = kind.response(i);
  const note = `The page's example request and its ${kind.status} response, verbatim. Not a recording: nobody has run this against the service from here.`;
  const record = {
    $schema: '../harness/page/page-record.schema.json',
    url,
    source: {
      repository: 'graph-contracts/bench',
      path: `pages/${name}.md`,
      taken: '2026-01-01',
      note: 'Synthetic: written by the bench (bench/scale-suite.ts) after the form of a Graph API page.',
    },
    license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    fixtures: [
      { test: title, note, values: {}, interactions: [{ request: { example: exampleName }, responses: [{ example: exampleName }] }] },
    ],
  };
  const fixture = {
    test: `${describe} › ${title}`,
    provenance: { source: 'documented-example', page: url, note },
    values: {},
    interactions: [
      {
        scope: 'https://graph.microsoft.com',
        method: kind.method,
        path: `/${kind.version}${kind.path(i)}`,
        ...(body ? { body } : {}),
        status: kind.status,
        response,
        rawHeaders: { 'content-type': 'application/json' },
      },
    ],
  };
  return {
    page: pageMarkdown(kind, i, exampleName, body, response),
    record: `${JSON.stringify(record, null, 2)}\n`,
    fixtureFile: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.json`,
    fixture: `${JSON.stringify(fixture, null, 2)}\n`,
    spec: specSource(name, kind, i, describe, title, body),
  };
}

/** The spec as new-spec's specSource() writes it for a one-example page, TODOs included. */
function specSource(
  name: string,
  kind: OperationKind,
  i: number,
  describe: string,
  title: string,
  body: Record<string, unknown> | undefined,
) {
  const result = kind.schema;
  const lines: string[] = [];
  if (body) {
    lines.push(
      "    // TODO: a client-chosen id must be fresh for each live run: uniqueId('<label>'), with the example's id under that label in " +
        `pages/${name}.json's values.`,
      `    const body = { ${Object.entries(body)
        .map(([key, value]) => `${key}: '${String(value)}'`)
        .join(', ')} };`,
      "    // TODO: delete what the test creates, pass or fail: take `cleanup` from the test's fixtures and register it before the create:",
      `    // cleanup.delete(\`${kind.path(i)}/\${body.id}\`);`,
      '',
    );
  }
  const call = kind.method === 'GET' ? 'get' : 'post';
  lines.push(
    `    const response = await graph.${call}('${kind.path(i)}'${body ? ', { data: body }' : ''});`,
    '',
    `    expect(response).toHaveStatus(${kind.status});`,
    `    const ${result} = await response.json();`,
    `    expect(${result}).toMatchSchema('${kind.schema}');`,
    `    // TODO: assert the few values the request decided, not the whole body: expect(${result}).toMatchObject({ ... }).`,
  );
  return [
    "import { docPage, expect, test } from '../harness/test.ts';",
    '',
    `test.use({ graphVersion: '${kind.version}' });`,
    '',
    `test.describe('${describe}', { annotation: docPage('${name}') }, () => {`,
    `  test('${title}', async ({ graph }) => {`,
    ...lines,
    '  });',
    '});',
    '',
  ].join('\n');
}

/** A page in the form of Graph's API reference: front matter, permissions, the HTTP request, one annotated example. */
function pageMarkdown(kind: OperationKind, i: number, exampleName: string, body: unknown, response: Record<string, unknown>): string {
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  const request = [
    `${kind.method} https://graph.microsoft.com/${kind.version}${kind.path(i)}`,
    ...(body ? ['Content-type: application/json', '', json(body)] : []),
  ];
  return `---
title: "${kind.pageTitle}"
description: "${kind.pageTitle}: a synthetic page of the bench's scale case."
author: "contract-suite"
ms.localizationpriority: medium
doc_type: apiPageType
---

# ${kind.pageTitle}

Namespace: ${kind.odataType.replace(/\.[^.]+$/, '')}

> **Note:** Written by the contract suite's bench (bench/scale-suite.ts) after the form of Graph's API pages; it documents no operation of Microsoft Graph.

## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Delegated (work or school account)|ExternalConnection.ReadWrite.All|
|Delegated (personal Microsoft account)|Not supported.|
|Application|ExternalConnection.ReadWrite.All|

## HTTP request

<!-- {
  "blockType": "ignored"
}
-->
\`\`\` http
${kind.method} ${kind.template}
\`\`\`

## Request headers

|Name|Description|
|:---|:---|
|Authorization|Bearer {token}. Required.|

## Response

If successful, this method returns a \`${kind.status} ${kind.statusText}\` response code and an object in the response body.

## Examples

### Request

<!-- {
  "blockType": "request",
  "name": "${exampleName}"
}
-->
\`\`\` http
${request.join('\n')}
\`\`\`

### Response

<!-- {
  "blockType": "response",
  "truncated": true,
  "@odata.type": "${kind.odataType}"
}
-->
\`\`\` http
HTTP/1.1 ${kind.status} ${kind.statusText}
Content-type: application/json

${json(response)}
\`\`\`
`;
}

/**
 * The same operations written plainly, as one would with Playwright and nock alone (file name →
 * source): one spec file each, Playwright's `request` fixture, one nock interceptor per test, the
 * status and a value checked, no schema. For tests/support/spec-folder.config.ts, which runs them
 * under the project's config and reporters; `playwrightTest` and `nock` are the modules' absolute paths.
 */
export function plainScaleSpecs(count: number, modules: { playwrightTest: string; nock: string }): Record<string, string> {
  const specs: Record<string, string> = {};
  for (const { name, kind, i } of scaleOperations(count)) {
    const body = kind.requestBody?.(i);
    const path = `/${kind.version}${kind.path(i)}`;
    const method = kind.method === 'GET' ? 'get' : 'post';
    const reply = JSON.stringify(kind.response(i));
    specs[`${name}.spec.ts`] = [
      `import { expect, test } from ${JSON.stringify(modules.playwrightTest)};`,
      `import nock from ${JSON.stringify(modules.nock)};`,
      '',
      "const GRAPH = 'https://graph.microsoft.com';",
      'nock.disableNetConnect();',
      '',
      `test.describe('${kind.method} ${kind.template}', () => {`,
      `  test('${kind.status} ${kind.phrase}', async ({ request }) => {`,
      ...(body ? [`    const body = ${JSON.stringify(body)};`] : []),
      `    nock(GRAPH).${method}('${path}'${body ? ', body' : ''}).reply(${kind.status}, ${reply});`,
      '',
      `    const response = await request.${method}(\`\${GRAPH}${path}\`${body ? ', { data: body }' : ''});`,
      '',
      `    expect(response.status()).toBe(${kind.status});`,
      `    expect(await response.json()).toMatchObject({ id: ${JSON.stringify(kind.response(i).id)} });`,
      '  });',
      '});',
      '',
    ].join('\n');
  }
  return specs;
}
