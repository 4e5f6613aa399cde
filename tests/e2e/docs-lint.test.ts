import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { markdownPagesIn } from '../../authoring/lint/page-files.ts';
import { PAGES_DIRECTORY } from '../../harness/page/page-record.ts';
import { runProject, TSX } from '../support/run-suite.ts';

/** npm run docs:lint as a user runs it, over a copy of the pages under contract. */

function copyOfPages(): string {
  const pages = test.info().outputPath('pages');
  cpSync(PAGES_DIRECTORY, pages, { recursive: true });
  return pages;
}

async function docsLint(pages: string, ...args: string[]): Promise<{ status: number | null; output: string }> {
  const run = await runProject(() => [TSX, 'scripts/docs-lint.ts', '--pages', pages, ...args], {});
  return { status: run.code, output: run.output };
}

test('npm run docs:lint passes on the pages, fails on a new finding naming rule, page and line, and says when a listed one is gone', async () => {
  const pages = copyOfPages();
  const clean = await docsLint(pages);
  expect(clean).toMatchObject({ status: 0, output: expect.stringContaining('0 new, 0 changed, 0 gone') });
  expect(clean.output).toContain('pages/create-connection.md: no findings');

  const page = join(pages, 'create-connection.md');
  const original = readFileSync(page, 'utf8');
  writeFileSync(page, original.replace('HTTP/1.1 201 Created', 'HTTP/1.1 200 Created'));
  const mutated = await docsLint(pages);
  expect(mutated.status).toBe(1);
  expect(mutated.output).toContain(
    'NEW   status-line-vs-prose  line 125  example create_connection_from_external: response status: the prose says 201 Created (line 51); the example answers 200 Created',
  );
  expect(mutated.output).toContain('NEW   reason-phrase  line 125');
  expect(mutated.output).toMatch(/docs:lint: 5 page\(s\); \d+ known finding\(s\), 2 new, 0 changed, 0 gone/);

  writeFileSync(page, original);
  const stub = join(pages, 'create-connector.md');
  // The response's "status": "String" (line 97) is the listed response-vs-schema finding; the request's (line 76) is none.
  const withStatus = (text: string, status: string): string => {
    const lines = text.split('\n');
    lines[96] = (lines[96] ?? '').replace(/"status": "[^"]*"/, `"status": "${status}"`);
    return lines.join('\n');
  };
  writeFileSync(stub, withStatus(readFileSync(stub, 'utf8'), 'active'));
  const fixed = await docsLint(pages);
  expect(fixed.status).toBe(1);
  expect(fixed.output).toContain(
    'GONE  response-vs-schema  example create_connector_from_connectors: response /status: listed in pages/known-findings.json, and the page no longer has it: remove the entry',
  );

  // A second finding where one is listed is new; the same place saying something else is changed.
  writeFileSync(
    stub,
    withStatus(
      readFileSync(stub, 'utf8').replace(
        '|status|connectorStatus|**TODO: Add Description**.',
        '|status|connectorStatus|**TODO: Add Description**. **TODO: list the values**.',
      ),
      'paused',
    ),
  );
  const counted = await docsLint(pages);
  expect(counted.status).toBe(1);
  expect(counted.output).toContain('NEW   todo-placeholder  line 51  todo: request body: status: TODO: list the values');
  expect(counted.output).toContain(
    'CHANGED response-vs-schema  line 97  example create_connector_from_connectors: response /status: /status is "paused"; schemas/connector.json expects one of "active", "inactive"',
  );
  expect(counted.output).toContain(
    'listed with other evidence: /status is "String"; schemas/connector.json expects one of "active", "inactive"',
  );
  // "paused" is no placeholder either: the placeholder-value finding listed at the same place is gone.
  expect(counted.output).toContain('GONE  placeholder-value  example create_connector_from_connectors: response /status');
  expect(counted.output).toMatch(/1 new, 1 changed, 1 gone/);

  expect((await docsLint(pages, '--update')).status).toBe(0);
  expect(await docsLint(pages)).toMatchObject({ status: 0 });
});

test('a known-findings list that names no rule of the lint is refused, naming the entry', async () => {
  const pages = copyOfPages();
  const known = join(pages, 'known-findings.json');
  writeFileSync(known, readFileSync(known, 'utf8').replace('"rule": "todo-placeholder"', '"rule": "todo-placeholders"'));
  const result = await docsLint(pages);
  expect(result.status).toBe(2);
  expect(result.output).toMatch(
    /known-findings\.json: "todo-placeholders" \(add-connector\.md, todo: front matter: author\) is no rule of the lint; its rules are todo-placeholder, status-line-vs-prose, /,
  );
});

const DOC_PAGES = fileURLToPath(new URL('../support/doc-pages/', import.meta.url));

async function docsLintOf(...args: string[]): Promise<{ status: number | null; output: string }> {
  const run = await runProject(() => [TSX, 'scripts/docs-lint.ts', ...args], {});
  return { status: run.code, output: run.output };
}

test('docs:lint on one page outside pages/: its version from its path, its findings, the summary per rule; exit 1 on a finding, 0 on none', async () => {
  const wrong = join(DOC_PAGES, 'api-reference/v1.0/api/external-item-wrong-method.md');
  const linted = await docsLintOf(wrong);
  expect(linted.status).toBe(1);
  expect(linted.output).toContain(
    'tests/support/doc-pages/api-reference/v1.0/api/external-item-wrong-method.md (v1.0, from its path): 1 finding(s)',
  );
  expect(linted.output).toContain(
    '  request-path-vs-example  line 53  example create_externalitem: request line: the example sends PUT /external/connections/contosohr/items/TSP228082938; the HTTP request section documents POST /external/connections/{connectionsId}/items',
  );
  expect(linted.output).toMatch(
    /docs:lint summary: 1 page\(s\) read, 0 unusable; 1 finding\(s\), 0 parser warning\(s\)\n {2}request-path-vs-example\s+1 finding\(s\) on\s+1 page\(s\)/,
  );

  const clean = await docsLintOf(join(DOC_PAGES, 'api-reference/v1.0/api/intune-wipe-action.md'));
  expect(clean).toMatchObject({ status: 0, output: expect.stringContaining('intune-wipe-action.md (v1.0, from its path): no findings') });
});

test('docs:lint on a folder of 500 pages: every page read, the unusable ones listed with why, the summary per rule, and --json', async () => {
  const checkout = test.info().outputPath('checkout');
  const { pages } = markdownPagesIn(DOC_PAGES);
  const copies = new Map<string, number>();
  for (let index = 0; index < 500; index++) {
    const source = pages[index % pages.length] ?? '';
    const relativePath = source.slice(DOC_PAGES.length).replace(/\.md$/, `-${index}.md`);
    // Each copy differs from its source: its title, its examples' names and the ids in its URLs.
    const text = readFileSync(source, 'utf8')
      .replace(/^# (.*)$/m, `# $1 (${index})`)
      .replace(/"name": "([^"]+)"/g, `"name": "$1_${index}"`)
      .replace(/contosohr/g, `contoso${index}`);
    mkdirSync(dirname(join(checkout, relativePath)), { recursive: true });
    writeFileSync(join(checkout, relativePath), text);
    copies.set(basename(source), (copies.get(basename(source)) ?? 0) + 1);
  }
  cpSync(join(DOC_PAGES, 'api-reference/v1.0/includes'), join(checkout, 'api-reference/v1.0/includes'), { recursive: true });
  const json = test.info().outputPath('report', 'lint.json');

  const run = await docsLintOf(checkout, '--json', json);
  expect(run.status).toBe(1);
  const unusable = copies.get('resource-page-no-request.md') ?? 0;
  const copiesOf = (name: string) => copies.get(name) ?? 0;
  expect(run.output).toMatch(
    new RegExp(`docs:lint summary: 500 page\\(s\\) read, ${unusable} unusable; \\d+ finding\\(s\\), \\d+ parser warning\\(s\\)`),
  );
  const perRule = (rule: string, findings: number, onPages: number) => {
    expect(run.output).toMatch(new RegExp(`\\n {2}${rule}\\s+${findings} finding\\(s\\) on\\s+${onPages} page\\(s\\)`));
  };
  perRule(
    'request-path-vs-example',
    copiesOf('function-arguments.md') + copiesOf('external-item-wrong-method.md'),
    copiesOf('function-arguments.md') + copiesOf('external-item-wrong-method.md'),
  );
  perRule(
    'unreadable-example',
    copiesOf('annotations-unreadable.md') + copiesOf('response-block-is-request.md'),
    copiesOf('annotations-unreadable.md') + copiesOf('response-block-is-request.md'),
  );
  perRule('content-length-mismatch', copiesOf('update-alert-stale-content-length.md'), copiesOf('update-alert-stale-content-length.md'));
  expect(run.output).toMatch(/resource-page-no-request-\d+\.md: unusable: the page documents no HTTP request: /);

  const report = JSON.parse(readFileSync(json, 'utf8')) as {
    pages: { file: string; version: string | null; unusable?: string; findings: unknown[] }[];
    summary: { pages: number; unusable: number; rules: Record<string, { findings: number; pages: number }> };
  };
  expect(report.pages).toHaveLength(500);
  expect(report.summary).toMatchObject({ pages: 500, unusable });
  expect(report.summary.rules['unreadable-example']?.pages).toBe(
    copiesOf('annotations-unreadable.md') + copiesOf('response-block-is-request.md'),
  );
  expect(new Set(report.pages.map((page) => page.version))).toEqual(new Set(['v1.0', 'beta', null]));
});

test('docs:lint refuses what it cannot lint, with one message and exit 2: no such page, --update on a page outside pages/', async () => {
  const missing = await docsLintOf('no-such-page.md');
  expect(missing).toMatchObject({ status: 2 });
  expect(missing.output.trim()).toBe(
    'docs:lint: "no-such-page.md" is no file or folder, and no page under contract is named so (pages are named as in pages/: create-connection, or create-connection.md).',
  );
  const update = await docsLintOf('--update', join(DOC_PAGES, 'api-reference/v1.0/api/intune-wipe-action.md'));
  expect(update.status).toBe(2);
  expect(update.output).toMatch(
    /^docs:lint: --update writes the known findings of the pages under contract; .*intune-wipe-action\.md is not one of them\.\nUsage: npm run docs:lint/,
  );
});
