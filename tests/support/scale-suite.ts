/**
 * The bench's scale case: a copy of the project whose specs/, pages/, fixtures/ and schemas/ are what
 * `npm run new-spec` writes for N synthetic doc pages. The pages are written here in the form Graph's
 * API reference publishes (front matter, permissions, the HTTP request, one annotated example), one
 * operation kind after another; new-spec's own function takes each (authoring/new-spec/new-spec.ts),
 * in this process, with the copy's metadata read once. The bench and the test of the scale case share it.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newSpec, type NewSpecResult } from '../../authoring/new-spec/new-spec.ts';
import { MetadataAtHand } from '../../authoring/metadata/metadata-at-hand.ts';
import { metadataFiles } from '../../authoring/metadata/metadata-files.ts';
import { lintPages } from '../../authoring/lint/lint-pages.ts';
import { metadataFacts } from '../../authoring/lint/metadata-facts.ts';
import { writeKnownFindings } from '../../authoring/lint/known-findings.ts';
import { pagesIn } from '../../harness/page/page-record.ts';
import type { FixtureFile } from '../../harness/replay/fixture-file.ts';

/**
 * What a contract run reads of the checkout besides specs/, pages/ and fixtures/ (which new-spec
 * fills) and node_modules (linked); schemas/ and metadata/ are new-spec's to add to, so they are
 * copies; new-spec formats what it writes by the checkout's Prettier settings.
 */
const COPIED = [
  'playwright.config.ts',
  'package.json',
  'tsconfig.json',
  'harness',
  'schemas',
  'metadata',
  'known-divergences.json',
  '.prettierrc.json',
  '.editorconfig',
];

/** One kind of operation the synthetic pages document; the N pages take turns. */
interface OperationKind {
  /** The page's name stem and title: `get-externalconnection`, `Get externalConnection`. */
  stem: string;
  pageTitle: string;
  version: 'v1.0' | 'beta';
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The HTTP request section's path: `/external/connections/{connectionsId}`. */
  template: string;
  /** The example's path, for page `i`. */
  path: (i: number) => string;
  requestBody?: (i: number) => Record<string, unknown>;
  status: number;
  statusText: string;
  /** The response annotation's type, and whether the answer is a collection (`value[]`); none for an answer without a body. */
  odataType?: string;
  isCollection?: boolean;
  /** The example's answer; none for 204. */
  response?: (i: number) => Record<string, unknown>;
}

const connectionId = (i: number) => `contosohr${i}`;
const connection = (i: number, state: string) => ({
  id: connectionId(i),
  name: 'Contoso HR',
  description: 'Connection to index Contoso HR system',
  state,
});
const connectorId = (i: number) => `d2b0a9c1-7e3f-4a5b-9c8d-${String(i).padStart(12, '0')}`;
const CONNECTION_TYPE = 'microsoft.graph.externalConnectors.externalConnection';

/** GET one, POST (a create), GET one of another type, LIST, PATCH and DELETE: the forms new-spec handles. */
export const SCALE_KINDS: readonly OperationKind[] = [
  {
    stem: 'get-externalconnection',
    pageTitle: 'Get externalConnection',
    version: 'beta',
    method: 'GET',
    template: '/external/connections/{connectionsId}',
    path: (i) => `/external/connections/${connectionId(i)}`,
    status: 200,
    statusText: 'OK',
    odataType: CONNECTION_TYPE,
    response: (i) => connection(i, 'ready'),
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
    odataType: CONNECTION_TYPE,
    response: (i) => connection(i, 'draft'),
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
    response: (i) => ({ id: connectorId(i), machineName: `contoso-proxy-${i}`, externalIp: '203.0.113.10', status: 'active' }),
  },
  {
    stem: 'list-externalconnections',
    pageTitle: 'List externalConnections',
    version: 'beta',
    method: 'GET',
    template: '/external/connections',
    path: () => '/external/connections',
    status: 200,
    statusText: 'OK',
    odataType: CONNECTION_TYPE,
    isCollection: true,
    response: (i) => ({ value: [connection(i, 'ready'), connection(i + 1, 'draft')] }),
  },
  {
    stem: 'update-externalconnection',
    pageTitle: 'Update externalConnection',
    version: 'beta',
    method: 'PATCH',
    template: '/external/connections/{connectionsId}',
    path: (i) => `/external/connections/${connectionId(i)}`,
    requestBody: (i) => ({ description: `Connection to index Contoso HR system, part ${i}` }),
    status: 204,
    statusText: 'No Content',
  },
  {
    stem: 'delete-externalconnection',
    pageTitle: 'Delete externalConnection',
    version: 'beta',
    method: 'DELETE',
    template: '/external/connections/{connectionsId}',
    path: (i) => `/external/connections/${connectionId(i)}`,
    status: 204,
    statusText: 'No Content',
  },
];

/** A synthetic page: the name new-spec gives what it writes for it, and its markdown. */
export interface ScalePage {
  name: string;
  markdown: string;
  /** The public URL and source new-spec records (a file outside a docs checkout names neither). */
  url: string;
  source: string;
}

/** The pages of a suite of `count` specs, each kind in turn. */
export function scalePages(count: number): ScalePage[] {
  return Array.from({ length: count }, (_, index) => {
    const kind = SCALE_KINDS[index % SCALE_KINDS.length] as OperationKind;
    const i = index + 1;
    const name = `${kind.stem}-${String(i).padStart(4, '0')}`;
    return {
      name,
      markdown: pageMarkdown(kind, i, `${kind.stem.replace(/-/g, '_')}_${i}`),
      url: `https://learn.microsoft.com/graph/api/${kind.stem}?view=graph-rest-${kind.version}`,
      source: `graph-contracts/bench-scale-pages:${name}.md`,
    };
  });
}

/** The pages written into `docs` (a folder that exists), for new-spec to take; the same pages as scalePages(). */
export function writeScalePages(docs: string, count: number): ScalePage[] {
  const pages = scalePages(count);
  for (const page of pages) writeFileSync(join(docs, `${page.name}.md`), page.markdown);
  return pages;
}

/**
 * The scale case's project in `root` (an empty folder): what a contract run reads copied from
 * `project`, its node_modules linked, then `count` synthetic pages written into `docs` (an empty
 * folder) and new-spec run on each, in order, as `npm run new-spec -- <page> --url … --source … --name …`
 * would, into the copy. The pages' doc-lint findings are then listed as known in one pass, as new-spec
 * lists each page's. Throws on the first page new-spec refuses.
 */
export async function writeScaleProject(project: string, root: string, docs: string, count: number): Promise<NewSpecResult[]> {
  for (const entry of COPIED) cpSync(join(project, entry), join(root, entry), { recursive: true });
  symlinkSync(realpathSync(join(project, 'node_modules')), join(root, 'node_modules'));
  for (const folder of ['specs', 'pages', 'fixtures']) mkdirSync(join(root, folder));
  // One reading of the copy's metadata for every page, where N commands would each read it.
  const metadata = new MetadataAtHand(metadataFiles(join(root, 'metadata')));
  const results: NewSpecResult[] = [];
  for (const page of writeScalePages(docs, count)) {
    results.push(
      await newSpec({ page: join(docs, `${page.name}.md`), url: page.url, source: page.source, name: page.name, root, metadata }),
    );
  }
  const pagesFolder = join(root, 'pages');
  writeKnownFindings(lintPages(pagesIn(pagesFolder), metadataFacts()), [], join(pagesFolder, 'known-findings.json'));
  return results;
}

/**
 * The same tests as a scale project's (`root`, written by writeScaleProject) written plainly, as one
 * would with Playwright and nock alone (file name → source): one spec file each, Playwright's
 * `request` fixture, per request of the test's fixture one nock interceptor and the call, its status
 * checked, no schema. For tests/support/spec-folder.config.ts, which runs them under the project's
 * config and reporters; `playwrightTest` and `nock` are the modules' absolute paths.
 */
export function plainScaleSpecs(root: string, modules: { playwrightTest: string; nock: string }): Record<string, string> {
  const specs: Record<string, string> = {};
  for (const page of readdirSync(join(root, 'fixtures')).sort()) {
    for (const file of readdirSync(join(root, 'fixtures', page)).sort()) {
      const fixture = JSON.parse(readFileSync(join(root, 'fixtures', page, file), 'utf8')) as FixtureFile;
      const [describe, title] = fixture.test.split(' › ');
      const calls = fixture.interactions.flatMap(({ method, path, body, status, response }, index) => {
        const verb = method.toLowerCase();
        const data = body === undefined ? '' : `, { data: ${JSON.stringify(body)} }`;
        const reply = response === undefined || response === '' ? '' : `, ${JSON.stringify(response)}`;
        return [
          `    nock(GRAPH).${verb}('${path}'${body === undefined ? '' : `, ${JSON.stringify(body)}`}).reply(${status}${reply});`,
          `    const response${index} = await request.${verb}(\`\${GRAPH}${path}\`${data});`,
          `    expect(response${index}.status()).toBe(${status});`,
        ];
      });
      specs[`${page}.spec.ts`] = [
        `import { expect, test } from ${JSON.stringify(modules.playwrightTest)};`,
        `import nock from ${JSON.stringify(modules.nock)};`,
        '',
        "const GRAPH = 'https://graph.microsoft.com';",
        'nock.disableNetConnect();',
        '',
        `test.describe(${JSON.stringify(describe)}, () => {`,
        `  test(${JSON.stringify(title)}, async ({ request }) => {`,
        ...calls,
        '  });',
        '});',
        '',
      ].join('\n');
    }
  }
  return specs;
}

/** A page in the form of Graph's API reference: front matter, permissions, the HTTP request, one annotated example. */
function pageMarkdown(kind: OperationKind, i: number, exampleName: string): string {
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  const body = kind.requestBody?.(i);
  const response = kind.response?.(i);
  const request = [
    `${kind.method} https://graph.microsoft.com/${kind.version}${kind.path(i)}`,
    ...(body ? ['Content-type: application/json', '', json(body)] : []),
  ];
  const annotation = {
    blockType: 'response',
    truncated: true,
    ...(kind.odataType ? { '@odata.type': kind.odataType } : {}),
    ...(kind.isCollection ? { isCollection: true } : {}),
  };
  const answer = [
    `HTTP/1.1 ${kind.status} ${kind.statusText}`,
    ...(response ? ['Content-type: application/json', '', json(response)] : []),
  ];
  const returns = response
    ? kind.isCollection
      ? 'a collection of objects in the response body'
      : 'an object in the response body'
    : 'nothing in the response body';
  return `---
title: "${kind.pageTitle}"
description: "${kind.pageTitle}: a synthetic page of the bench's scale case."
author: "contract-suite"
ms.localizationpriority: medium
doc_type: apiPageType
---

# ${kind.pageTitle}

Namespace: ${(kind.odataType ?? CONNECTION_TYPE).replace(/\.[^.]+$/, '')}

> **Note:** Written by the contract suite's bench (tests/support/scale-suite.ts) after the form of Graph's API pages; it documents no operation of Microsoft Graph.

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

If successful, this method returns a \`${kind.status} ${kind.statusText}\` response code and ${returns}.

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

<!-- ${json(annotation)}
-->
\`\`\` http
${answer.join('\n')}
\`\`\`
`;
}
