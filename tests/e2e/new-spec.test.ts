import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readPageRecord } from '../../harness/page/page-record.ts';
import type { FixtureFile } from '../../harness/replay/fixture-file.ts';
import { projectCopy } from '../support/project-copy.ts';
import { PROJECT_ROOT, runProject, runSuite, testsOf, TSX, type SuiteRun } from '../support/run-suite.ts';
import { ANNOTATION } from '../../harness/shared/annotations.ts';

/** npm run new-spec on pages outside the five, in a copy of the project, and the spec it writes run as a user would. */

const PAGES = join(PROJECT_ROOT, 'tests', 'support', 'new-spec-pages');
const TSC = join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const ESLINT = join(PROJECT_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');

async function newSpec(root: string, args: string[]): Promise<SuiteRun> {
  const started = performance.now();
  const run = await runProject(() => [TSX, 'scripts/new-spec.ts', ...args], {}, root);
  test.info().annotations.push({
    type: 'new-spec duration',
    description: `${Math.round(performance.now() - started)} ms (child process, tsx start-up included)`,
  });
  return run;
}

const flagsFor = (name: string) => [
  '--url',
  `https://graph-contracts.invalid/pages/${name}`,
  '--source',
  `contract-suite/new-spec-pages:tests/support/new-spec-pages/${name}.md`,
];

/** The generated spec as CI checks a spec: typecheck (the spec and what it imports) and lint. */
async function typecheckAndLint(root: string, spec: string): Promise<void> {
  writeFileSync(join(root, 'tsconfig.new-spec.json'), JSON.stringify({ extends: './tsconfig.json', include: [spec] }));
  const typecheck = await runProject(() => [TSC, '--noEmit', '-p', 'tsconfig.new-spec.json'], {}, root);
  expect(typecheck.code, typecheck.output).toBe(0);
  const lint = await runProject(() => [ESLINT, '--max-warnings=0', spec], {}, root);
  expect(lint.code, lint.output).toBe(0);
}

test('a page whose response type is in the slice: its page, record, fixture, a drafted schema and a spec that passes in replay, typecheck and lint', async () => {
  const root = projectCopy();
  const page = join(PAGES, 'get-searchsettings.md');

  const run = await newSpec(root, [page, ...flagsFor('get-searchsettings')]);

  expect(run.code, run.output).toBe(0);
  expect(run.output).toContain('schemas/searchSettings.json: drafted from metadata/v1.0-Prod.csdl: tighten it from the page');
  expect(run.output).not.toContain('re-cut');
  expect(run.output).toMatch(/Next:\n {2}1\. Review the TODOs in specs\/get-searchsettings\.spec\.ts[^\n]*\n {2}2\. npm run docs:lint\n/);
  expect(run.output).toContain('GRAPH_MODE=record npm run contract -- specs/get-searchsettings.spec.ts');

  expect(readFileSync(join(root, 'pages', 'get-searchsettings.md'))).toEqual(readFileSync(page));
  const record = readPageRecord(join(root, 'pages', 'get-searchsettings.json'));
  expect(record).toMatchObject({
    url: 'https://graph-contracts.invalid/pages/get-searchsettings',
    source: {
      repository: 'contract-suite/new-spec-pages',
      path: 'tests/support/new-spec-pages/get-searchsettings.md',
      taken: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as unknown,
    },
    license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    fixtures: [
      {
        test: '200 gets the searchSettings',
        values: {},
        interactions: [{ request: { example: 'get_searchsettings' }, responses: [{ example: 'get_searchsettings' }] }],
      },
    ],
  });
  const fixture = JSON.parse(
    readFileSync(join(root, 'fixtures', 'get-searchsettings', '200-gets-the-searchsettings.json'), 'utf8'),
  ) as FixtureFile;
  expect(fixture).toMatchObject({
    test: 'GET /external/connections/{connectionsId}/searchSettings › 200 gets the searchSettings',
    provenance: { source: 'documented-example', page: record.url },
    interactions: [{ method: 'GET', path: '/v1.0/external/connections/contosohr/searchSettings', status: 200 }],
  });
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'searchSettings.json'), 'utf8')) as Record<string, unknown>;
  expect(schema).toMatchObject({
    $id: 'https://graph-contracts.invalid/schemas/searchSettings.json',
    title: 'microsoft.graph.externalConnectors.searchSettings (v1.0)',
    properties: { searchResultTemplates: { type: 'array', items: { $ref: '#/$defs/displayTemplate' } } },
  });
  const spec = readFileSync(join(root, 'specs', 'get-searchsettings.spec.ts'), 'utf8');
  expect(spec).toContain("test.use({ graphVersion: 'v1.0' });");
  expect(spec).toContain(
    "test.describe('GET /external/connections/{connectionsId}/searchSettings', { annotation: docPage('get-searchsettings') }, () => {",
  );
  expect(spec).toContain("await graph.get('/external/connections/contosohr/searchSettings');");
  expect(spec).toContain("expect(searchSettings).toMatchSchema('searchSettings');");

  const replay = await runSuite({}, ['specs/get-searchsettings.spec.ts'], root);
  expect(replay.code, replay.output).toBe(0);
  const [only, ...others] = testsOf(replay.report());
  expect(others).toEqual([]);
  expect(only).toMatchObject({ title: '200 gets the searchSettings', status: 'passed' });
  expect(only?.annotations).toContainEqual(expect.objectContaining({ type: ANNOTATION.docs, description: record.url }));
  expect(only?.annotations).toContainEqual({ type: 'answered by', description: "the page's documented examples" });
  await typecheckAndLint(root, 'specs/get-searchsettings.spec.ts');
});

test('a page whose response type is outside the slice: a schema drafted from the whole metadata, the slice re-cut to hold it, schemas:check green, and a spec that passes', async () => {
  const root = projectCopy();

  const run = await newSpec(root, [join(PAGES, 'create-user.md'), ...flagsFor('create-user')]);

  expect(run.code, run.output).toBe(0);
  expect(run.output).toContain('schemas/user.json: drafted from metadata/v1.0-Prod.csdl: tighten it from the page');
  expect(run.output).toContain(
    'metadata/v1.0.csdl.xml: re-cut to hold microsoft.graph.user, which schemas:check compares the new schema with',
  );
  expect(run.output).not.toContain('no schema');
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'user.json'), 'utf8')) as Record<string, unknown>;
  expect(schema).toMatchObject({ title: 'microsoft.graph.user (v1.0)', properties: { userPrincipalName: { type: ['string', 'null'] } } });
  const spec = readFileSync(join(root, 'specs', 'create-user.spec.ts'), 'utf8');
  expect(spec).toMatch(/^\s*expect\([^)]*\)\.toMatchSchema\('user'\);/m);
  expect(spec).toContain("displayName: 'Adele Vance',");
  expect(spec).toContain("const response = await graph.post('/users', { data: body });");

  const check = await runProject(() => [TSX, 'scripts/schemas-check.ts'], {}, root);
  expect(check.code, check.output).toBe(0);
  expect(check.output).toContain('schemas/user.json: microsoft.graph.user (v1.0)');
  const replay = await runSuite({}, ['specs/create-user.spec.ts'], root);
  expect(replay.code, replay.output).toBe(0);
  expect(testsOf(replay.report()).map(({ title, status }) => `${title}: ${status}`)).toEqual(['201 creates the user: passed']);
  await typecheckAndLint(root, 'specs/create-user.spec.ts');
});

test('a spec of that name exists: new-spec refuses, naming it, and writes nothing', async () => {
  const root = projectCopy();
  const existing = join(root, 'specs', 'get-searchsettings.spec.ts');
  writeFileSync(existing, "// Someone else's spec.\n");

  const run = await newSpec(root, [join(PAGES, 'get-searchsettings.md'), ...flagsFor('get-searchsettings')]);

  expect(run.code).toBe(2);
  expect(run.output.trim()).toBe(
    'new-spec: specs/get-searchsettings.spec.ts already exists; new-spec never overwrites a page, record, fixture or spec. Pass --name <another name>, or delete it first.',
  );
  expect(readFileSync(existing, 'utf8')).toBe("// Someone else's spec.\n");
  for (const file of [
    'pages/get-searchsettings.md',
    'pages/get-searchsettings.json',
    'fixtures/get-searchsettings',
    'schemas/searchSettings.json',
  ]) {
    expect(existsSync(join(root, file)), file).toBe(false);
  }
});

test('a flag left out: new-spec names what to pass, and writes nothing', async () => {
  const root = projectCopy();
  const [url, address] = flagsFor('get-searchsettings');

  const run = await newSpec(root, [join(PAGES, 'get-searchsettings.md'), url ?? '', address ?? '']);

  expect(run.code).toBe(2);
  expect(run.output.trim()).toBe(
    "new-spec: pass --source <owner/repo>:<path>[@<commit>] (where the page comes from). Usage: npm run new-spec -- <page.md> --url <the page's public URL> --source <owner/repo>:<path>[@<commit>] [--name <name>]",
  );
  expect(existsSync(join(root, 'pages', 'get-searchsettings.md'))).toBe(false);
});
