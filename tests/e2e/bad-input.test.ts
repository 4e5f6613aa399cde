import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { projectCopy } from '../support/project-copy.ts';
import { mergeReports, PROJECT_ROOT, runProject, runSuite, scratchDirectory, TSX, type SuiteRun } from '../support/run-suite.ts';

/** Bad input as a user gives it: one message naming what to fix, exit status 2, no stack trace and no test run. */

/** A frame of a stack trace, as Node prints it: `    at fn (file.ts:12:3)`. */
const STACK_FRAME = /^\s*at .*:\d+:\d+\)?$/gm;

/** What a run printed, as a refusal is judged: its exit status, any stack frame, whether tests ran, and how often each part shows. */
function refusalOf(run: SuiteRun, parts: string[]) {
  return {
    code: run.code,
    stackFrames: run.output.match(STACK_FRAME) ?? [],
    testsRan: run.output.includes('Running '),
    printed: Object.fromEntries(parts.map((part) => [part, run.output.split(part).length - 1])),
  };
}

/** One message, each part of it printed once, exit status 2, no stack trace and no test run. */
function refused(parts: string[]) {
  return { code: 2, stackFrames: [], testsRan: false, printed: Object.fromEntries(parts.map((part) => [part, 1])) };
}

test.describe('a setting naming a path is checked before any test', () => {
  test('GRAPH_ENV_FILE naming a folder stops the run, instead of being ignored', async () => {
    const folder = scratchDirectory('settings');

    const run = await runSuite({ GRAPH_ENV_FILE: folder });

    const parts = [
      'graph-contracts cannot start: one setting is invalid.',
      `  - GRAPH_ENV_FILE=${JSON.stringify(folder)} names a folder, not a file: point it at a file of settings (a copy of env.example), or unset it to read .env.`,
      'Set them in your shell or in .env (see env.example), then run again.',
    ];
    expect(refusalOf(run, parts), run.output).toEqual(refused(parts));
  });

  test('a missing GRAPH_FIXTURES_DIR stops a replay with one message, not a failure per test', async () => {
    const missing = join(scratchDirectory('settings'), 'fixtures');

    const run = await runSuite({ GRAPH_FIXTURES_DIR: missing });

    const parts = [
      `  - GRAPH_FIXTURES_DIR=${JSON.stringify(missing)} names no folder: point it at the folder of replay fixtures, or unset it for the repository's fixtures/.`,
    ];
    expect(refusalOf(run, parts), run.output).toEqual(refused(parts));
    expect(run.output).not.toContain('No replay fixture');
  });

  test('GRAPH_FIXTURES_DIR naming a file, GRAPH_MATRIX_DIR naming a file and a report file naming a folder: all together, once', async () => {
    const scratch = scratchDirectory('settings');
    const file = join(scratch, 'fixtures.json');
    writeFileSync(file, '{}\n');
    const matrix = join(scratch, 'matrix.md');
    writeFileSync(matrix, '# not a folder\n');
    const junit = join(scratch, 'junit');
    mkdirSync(junit);

    const run = await runSuite({ GRAPH_FIXTURES_DIR: file, GRAPH_MATRIX_DIR: matrix, PLAYWRIGHT_JUNIT_OUTPUT_FILE: junit });

    const parts = [
      'graph-contracts cannot start: 3 settings are invalid.',
      `  - GRAPH_FIXTURES_DIR=${JSON.stringify(file)} names a file, not a folder: point it at the folder of replay fixtures, or unset it for the repository's fixtures/.`,
      `  - GRAPH_MATRIX_DIR=${JSON.stringify(matrix)} names a file, not a folder: point it at a folder for contract-matrix.md and .json (made if missing), or unset it for test-results/.`,
      `  - PLAYWRIGHT_JUNIT_OUTPUT_FILE=${JSON.stringify(junit)} names a folder, not a file: point it at a file for the JUnit report (its folder is made if missing), or unset it for test-results/junit.xml.`,
    ];
    expect(refusalOf(run, parts), run.output).toEqual(refused(parts));
  });

  test('a certificate or federated token path naming a folder stops a live run before any sign-in', async () => {
    const folder = scratchDirectory('credential');
    const tenant = '11111111-2222-3333-4444-555555555555';
    const live = {
      GRAPH_MODE: 'live',
      GRAPH_BASE_URL: 'https://127.0.0.1:9',
      AZURE_AUTHORITY_HOST: 'https://127.0.0.1:9',
      GRAPH_TEST_TENANT_ID: tenant,
      AZURE_TENANT_ID: tenant,
      AZURE_CLIENT_ID: '99999999-8888-7777-6666-555555555555',
    };

    const certificate = await runSuite({ ...live, AZURE_CLIENT_CERTIFICATE_PATH: folder });
    const certificateMessage = [
      `  - AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(folder)} names a folder, not a file: point it at the PEM (key and certificate) or PFX file.`,
    ];
    expect(refusalOf(certificate, certificateMessage), certificate.output).toEqual(refused(certificateMessage));

    const federated = await runSuite({ ...live, AZURE_FEDERATED_TOKEN_FILE: folder });
    const federatedMessage = [
      `  - AZURE_FEDERATED_TOKEN_FILE=${JSON.stringify(folder)} names a folder, not a file: write the OIDC token there first.`,
    ];
    expect(refusalOf(federated, federatedMessage), federated.output).toEqual(refused(federatedMessage));
  });
});

test('a broken registry, schema, page record or known-findings list stops the run once, naming each file, its place and the fix', async () => {
  const root = projectCopy();
  const damage = (path: string, edit: (text: string) => string) => {
    writeFileSync(join(root, path), edit(readFileSync(join(root, path), 'utf8')));
  };
  damage('known-divergences.json', (text) => text.slice(0, 300));
  damage('schemas/entity.json', (text) => text.replace(/}\s*$/, ''));
  damage('schemas/connector.json', (text) => text.replace('"type": "object"', '"type": "objekt"'));
  damage('pages/create-connector.json', (text) => text.replace(/"license": \{[^}]*\}/, '"license": 5'));
  damage('pages/known-findings.json', (text) => text.slice(0, 200));

  const run = await runSuite({}, [], root);

  const parts = [
    'graph-contracts cannot start: 5 files of the suite are invalid.',
    '  - known-divergences.json: not JSON at line 5, column 35 (Unterminated string in JSON): mend it; each entry is a known divergence (README, "Known divergences").',
    '  - schemas/entity.json: not JSON at line',
    '  - schemas/connector.json: not a JSON Schema ajv accepts (draft 2020-12):\n      at /type: must be one of array, boolean, integer, null, number, object, string',
    '  - pages/create-connector.json is not a valid page record:\n      at /license',
    '  - pages/known-findings.json: not JSON at line',
  ];
  expect(refusalOf(run, parts), run.output).toEqual(refused(parts));
  expect(run.output).not.toContain('SyntaxError');
});

test.describe('every command turns a bad argument into its usage', () => {
  const COMMANDS = [
    ['scripts/docs-lint.ts', 'docs:lint', 'npm run docs:lint'],
    ['scripts/new-spec.ts', 'new-spec', 'npm run new-spec'],
    ['scripts/fixtures-changed.ts', 'fixtures:changed', 'npm run fixtures:changed'],
    ['scripts/fixtures-from-docs.ts', 'fixtures:from-docs', 'npm run fixtures:from-docs'],
    ['scripts/schemas-check.ts', 'schemas:check', 'npm run schemas:check'],
    ['scripts/metadata-update.ts', 'metadata:update', 'npm run metadata:update'],
    ['scripts/metadata-drift.ts', 'metadata:drift', 'npm run metadata:drift'],
    ['scripts/alerts.ts', 'alerts', 'npm run alerts'],
    ['scripts/sweep.ts', 'sweep', 'npm run sweep'],
    ['scripts/metadata-slice.ts', 'metadata-slice', 'npx tsx scripts/metadata-slice.ts'],
    ['scripts/metadata-type-names.ts', 'metadata-type-names', 'npx tsx scripts/metadata-type-names.ts'],
    ['scripts/report-merge.ts', 'report:merge', 'npm run report:merge'],
    ['bench/bench.ts', 'bench', 'npm run bench'],
  ] as const;

  for (const [script, name, usage] of COMMANDS) {
    test(`${name} --bogus prints its usage and exits 2`, async () => {
      // A copy, not a git checkout: a command that ignored its arguments could not touch the project's own files.
      const run = await runProject(() => [TSX, script, '--bogus'], {}, projectCopy());

      const parts = [`${name}: unknown option --bogus.\nUsage: ${usage}`];
      expect(refusalOf(run, parts), run.output).toEqual(refused(parts));
    });
  }

  test('an option without its value, or a stray argument, names itself with the usage', async () => {
    const missing = await runProject(() => [TSX, 'scripts/docs-lint.ts', '--pages'], {});
    const missingMessage = ['docs:lint: option --pages needs a value.\nUsage: npm run docs:lint'];
    expect(refusalOf(missing, missingMessage), missing.output).toEqual(refused(missingMessage));
    const stray = await runProject(() => [TSX, 'scripts/schemas-check.ts', 'schemas/connector.json'], {});
    const strayMessage = ['schemas:check: unexpected argument "schemas/connector.json": it takes none.\nUsage: npm run schemas:check'];
    expect(refusalOf(stray, strayMessage), stray.output).toEqual(refused(strayMessage));
  });
});

test.describe('npm run report:merge without blobs says what to put where', () => {
  test('no all-blob-reports folder', async () => {
    const root = projectCopy();

    const run = await runProject(() => [TSX, 'scripts/report-merge.ts'], {}, root);

    const parts = [
      'report:merge: all-blob-reports does not exist. Put the blob report of each shard there (report-*.zip, written by a run with PLAYWRIGHT_BLOB_OUTPUT_DIR set), then run again: README, "Sharding locally".',
    ];
    expect(refusalOf(run, parts), run.output).toEqual(refused(parts));
  });

  test('GRAPH_MATRIX_DIR naming a file stops the merge before any blob is read', async () => {
    const blobs = scratchDirectory('blobs');
    writeFileSync(join(blobs, 'report-1.zip'), 'not read');
    const matrix = join(blobs, 'matrix.md');
    writeFileSync(matrix, '# not a folder\n');

    const run = await mergeReports(blobs, { GRAPH_MATRIX_DIR: matrix });

    const parts = [
      `  - GRAPH_MATRIX_DIR=${JSON.stringify(matrix)} names a file, not a folder: point it at a folder for contract-matrix.md and .json (made if missing), or unset it for test-results/.`,
    ];
    expect(refusalOf(run, parts), run.output).toEqual(refused(parts));
  });

  test('an empty folder', async () => {
    const blobs = scratchDirectory('blobs');

    const run = await mergeReports(blobs);

    const parts = [`report:merge: ${relative(PROJECT_ROOT, blobs)} holds no blob report (report-*.zip).`];
    expect(refusalOf(run, parts), run.output).toEqual(refused(parts));
  });
});

test.describe('a doc page too large or too deep for the parser is refused before remark reads it, naming it and by how much', () => {
  const nestedBrackets = `# Nested\n\n${'['.repeat(82_000)}${']'.repeat(82_000)}\n`;
  const nestedList = (depth: number) => `# Nested\n\n${'- '.repeat(depth)}item\n`;

  function pagesWith(name: string, markdown: string): string {
    const pages = test.info().outputPath('pages');
    mkdirSync(pages, { recursive: true });
    for (const file of ['create-connection.md', 'create-connection.json', 'known-findings.json'])
      writeFileSync(join(pages, file), readFileSync(join(PROJECT_ROOT, 'pages', file)));
    writeFileSync(join(pages, name), markdown);
    return pages;
  }

  test('docs:lint: a page of brackets nested 82,000 deep', async () => {
    const pages = pagesWith('create-connection.md', nestedBrackets);

    const run = await runProject(() => [TSX, 'scripts/docs-lint.ts', '--pages', pages], {});

    const parts = ['create-connection.md:3: brackets nested 82,000 deep, more than the 100 a doc page may nest'];
    expect(refusalOf(run, parts), run.output).toEqual(refused(parts));
  });

  test('docs:lint: a 1.4 MB page of nested lists', async () => {
    const page = `# Nested\n\n${Array.from({ length: 7_400 }, () => `${'- '.repeat(99)}item`).join('\n')}\n`;
    const pages = pagesWith('create-connection.md', page);

    const run = await runProject(() => [TSX, 'scripts/docs-lint.ts', '--pages', pages], {});

    const parts = ['create-connection.md: the page is 1.4 MB, more than the 1 MB a doc page may be'];
    expect(refusalOf(run, parts), run.output).toEqual(refused(parts));
  });

  test('new-spec: a page of lists nested 5,000 deep', async () => {
    const root = projectCopy();
    const page = join(root, 'deep.md');
    writeFileSync(page, nestedList(5_000));

    const run = await runProject(
      () => [TSX, 'scripts/new-spec.ts', page, '--url', 'https://graph-contracts.invalid/deep', '--source', 'contract-suite/pages:deep.md'],
      {},
      root,
    );

    const parts = ['new-spec: deep.md:3: lists and block quotes nested 5,000 deep, more than the 100 a doc page may nest'];
    expect(refusalOf(run, parts), run.output).toEqual(refused(parts));
    expect(readFileSync(join(root, 'pages', 'README.md'), 'utf8')).toBe(readFileSync(join(PROJECT_ROOT, 'pages', 'README.md'), 'utf8'));
  });
});
