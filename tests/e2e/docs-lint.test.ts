import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
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
  writeFileSync(stub, readFileSync(stub, 'utf8').replace('Content-length: 129', 'Content-length: 124'));
  const fixed = await docsLint(pages);
  expect(fixed.status).toBe(1);
  expect(fixed.output).toContain(
    'GONE  content-length-mismatch  example create_connector_from_connectors: request Content-Length: listed in pages/known-findings.json, and the page no longer has it: remove the entry',
  );

  // A second finding where one is listed is new; the same place saying something else is changed.
  writeFileSync(
    stub,
    readFileSync(stub, 'utf8')
      .replace(
        '|status|connectorStatus|**TODO: Add Description**.',
        '|status|connectorStatus|**TODO: Add Description**. **TODO: list the values**.',
      )
      .replace('Content-length: 124', 'Content-length: 999'),
  );
  const counted = await docsLint(pages);
  expect(counted.status).toBe(1);
  expect(counted.output).toContain('NEW   todo-placeholder  line 51  todo: request body: status: TODO: list the values');
  expect(counted.output).toContain(
    'CHANGED content-length-mismatch  line 70  example create_connector_from_connectors: request Content-Length: Content-Length: 999; the body is 124 bytes',
  );
  expect(counted.output).toContain('listed with other evidence: Content-Length: 129; the body is 124 bytes');
  expect(counted.output).toMatch(/1 new, 1 changed, 0 gone/);

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
