import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { IMPORT_WALLS } from '../../eslint.config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The walls alone, over TypeScript without type information: what the project's config adds for imports. */
const wallsOnly = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...IMPORT_WALLS],
});

/** The wall's message a planted import meets in a file at `path`, or undefined when it passes. */
async function planted(path: string, specifier: string): Promise<string | undefined> {
  const [result] = await wallsOnly.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, { filePath: `${ROOT}${path}` });
  return result?.messages.find((message) => message.ruleId === 'no-restricted-imports')?.message;
}

const REFUSED: [string, string, RegExp][] = [
  ['harness/transport/exchange.ts', '../../authoring/lint/finding.ts', /never imports the authoring tools/],
  ['harness/mode/replay.ts', '../../scripts/sweep.ts', /never imports the authoring tools, the commands/],
  [
    'harness/report/contract-matrix-reporter.ts',
    '../../tests/support/run-suite.ts',
    /never imports the authoring tools, the commands, the tests/,
  ],
  ['harness/extend/worker.ts', '../page/parse-page.ts', /Only the live\/record permission setup loads the markdown parser/],
  ['harness/page/page-record.ts', './http-block.ts', /Only the live\/record permission setup loads the markdown parser/],
  ['harness/report/contract-matrix-reporter.ts', 'remark-parse', /markdown parser/],
  ['harness/shared/call-site.ts', '../transport/exchange.ts', /import nothing of the harness outside shared/],
  ['harness/shared/annotations.ts', '../../authoring/load-page.ts', /never imports the authoring tools/],
  ['authoring/lint/lint-pages.ts', '../../scripts/docs-lint.ts', /never imports a command/],
  ['authoring/new-spec/new-spec.ts', '../../tests/support/spec-folder.ts', /never imports a command \(scripts\/\), the tests/],
  ['specs/create-connection.spec.ts', '../harness/extend/graph.ts', /A spec imports only \.\.\/harness\/test\.ts/],
  ['specs/create-connection.spec.ts', '@playwright/test', /A spec imports only/],
  ['specs/create-connection.spec.ts', 'node:crypto', /A spec imports only/],
  ['tests/unit/new-spec.test.ts', '../../scripts/new-spec.ts', /Tests run a command as a user does/],
  ['tests/e2e/reports.test.ts', '../../bench/bench.ts', /Tests run a command as a user does/],
  ['scripts/sweep.ts', '../tests/support/run-suite.ts', /A command never imports the tests/],
  ['bench/bench.ts', '../scripts/docs-lint.ts', /The bench runs commands as a user does/],
];

for (const [file, specifier, wall] of REFUSED) {
  test(`the walls refuse ${specifier} in ${file}`, async () => {
    expect(await planted(file, specifier)).toMatch(wall);
  });
}

const ALLOWED: [string, string][] = [
  ['harness/permissions/permission-setup.ts', '../page/parse-page.ts'],
  ['harness/page/parse-page.ts', 'remark-parse'],
  ['harness/page/parse-page.ts', './http-block.ts'],
  ['harness/extend/worker.ts', '../page/page-record.ts'],
  ['harness/shared/display-path.ts', './json-object.ts'],
  ['harness/transport/graph-client.ts', '../shared/call-site.ts'],
  ['authoring/lint/lint-pages.ts', '../../harness/page/parse-page.ts'],
  ['specs/create-connection.spec.ts', '../harness/test.ts'],
  ['tests/unit/redact.test.ts', '../../harness/redaction/redact.ts'],
  ['tests/unit/docs-lint.test.ts', '../../authoring/lint/lint-pages.ts'],
  ['bench/bench.ts', '../tests/support/spec-folder.ts'],
  ['scripts/docs-lint.ts', '../authoring/lint/lint-pages.ts'],
];

for (const [file, specifier] of ALLOWED) {
  test(`the walls let ${specifier} into ${file}`, async () => {
    expect(await planted(file, specifier)).toBeUndefined();
  });
}

test("the project's config holds every wall where the walls alone hold it", async () => {
  // The real config is type-aware, so it is asked only which rules apply, not to lint.
  const project = new ESLint({ cwd: ROOT });
  for (const file of new Set([...REFUSED, ...ALLOWED].map(([path]) => path))) {
    const wallsOf = async (eslint: ESLint) =>
      ((await eslint.calculateConfigForFile(`${ROOT}${file}`)) as { rules: Record<string, unknown> }).rules['no-restricted-imports'];
    expect(await wallsOf(project), file).toEqual(await wallsOf(wallsOnly));
  }
});
