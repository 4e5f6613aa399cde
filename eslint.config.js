import js from '@eslint/js';
import playwright from 'eslint-plugin-playwright';
import tseslint from 'typescript-eslint';

/**
 * The walls between the folders, by when their code runs (CONTRIBUTING.md, "The layout"): each is
 * an import the code must never make, with why. tests/unit/import-walls.test.ts plants each one.
 */
const WALL = {
  authoring: {
    regex: '(^|/)(authoring|scripts|tests|bench)/',
    message:
      'harness/ is what a contract run loads: it never imports the authoring tools, the commands, the tests or the bench. Move what both need into harness/.',
  },
  markdownParser: {
    regex:
      '(^|/)(parse-page|http-block|front-matter|page-tables|annotation-comment|documented-statuses|markdown|permissions-include|request-section)\\.ts$|^(unified|remark-[\\w-]+|mdast-util-[\\w-]+|micromark[\\w-]*|json5)$',
    message:
      "Only the live/record permission setup loads the markdown parser in a contract run (replay must not pay remark's import): read a page's record (page-record.ts) instead.",
  },
  sharedLeaves: {
    regex: '^\\.\\./',
    message: 'harness/shared/ holds leaves the whole harness imports: they import nothing of the harness outside shared/.',
  },
  commands: {
    regex: '(^|/)(scripts|tests|bench)/',
    message: 'authoring/ is what the commands run: it never imports a command (scripts/), the tests or the bench.',
  },
  specSurface: {
    regex: '^(?!\\.\\./harness/test\\.ts$)',
    message:
      'A spec imports only ../harness/test.ts: its test, expect, docPage and divergence are the whole surface a spec may use (README, "What a spec may use").',
  },
  testsToCommands: {
    regex: '(^|/)(scripts|bench)/',
    message:
      'Tests run a command as a user does (a child process), never import it; what tests and the bench share lives in tests/support/.',
  },
  commandsToTests: {
    regex: '(^|/)(tests|bench)/',
    message: 'A command never imports the tests or the bench.',
  },
  benchToCommands: {
    regex: '(^|/)scripts/',
    message: 'The bench runs commands as a user does; what it shares with the tests lives in tests/support/.',
  },
};

/** The modules of the markdown parser, and the one module of a contract run that may load it. */
const PARSER = [
  'harness/page/parse-page.ts',
  'harness/page/http-block.ts',
  'harness/page/front-matter.ts',
  'harness/page/page-tables.ts',
  'harness/page/annotation-comment.ts',
  'harness/page/documented-statuses.ts',
  'harness/page/markdown.ts',
  'harness/page/permissions-include.ts',
  'harness/page/request-section.ts',
];
const PERMISSION_SETUP = 'harness/permissions/permission-setup.ts';

const walls = (...restrictions) => ({ 'no-restricted-imports': ['error', { patterns: restrictions }] });

/** One block per set of files, each with every wall that holds for them (a later block's rule would replace an earlier one's). */
export const IMPORT_WALLS = [
  {
    name: 'walls: harness/shared',
    files: ['harness/shared/**/*.ts'],
    rules: walls(WALL.authoring, WALL.markdownParser, WALL.sharedLeaves),
  },
  { name: 'walls: the markdown parser and its one caller', files: [...PARSER, PERMISSION_SETUP], rules: walls(WALL.authoring) },
  {
    name: 'walls: harness',
    files: ['harness/**/*.ts'],
    ignores: ['harness/shared/**', ...PARSER, PERMISSION_SETUP],
    rules: walls(WALL.authoring, WALL.markdownParser),
  },
  { name: 'walls: authoring', files: ['authoring/**/*.ts'], rules: walls(WALL.commands) },
  { name: 'walls: specs', files: ['specs/**/*.ts'], rules: walls(WALL.specSurface) },
  { name: 'walls: tests', files: ['tests/**/*.ts'], rules: walls(WALL.testsToCommands) },
  { name: 'walls: scripts', files: ['scripts/**/*.ts'], rules: walls(WALL.commandsToTests) },
  { name: 'walls: bench', files: ['bench/**/*.ts'], rules: walls(WALL.benchToCommands) },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'playwright-report/', 'test-results/', 'blob-report/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] } } },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['harness/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^\\./]',
          message:
            "Import the harness's own modules statically: Playwright's transform cache misses a TypeScript module imported dynamically from a worker, and compiles it again on every run.",
        },
      ],
    },
  },
  {
    files: ['specs/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      // A spec branches only by skip or expected-failure markers.
      'playwright/no-conditional-in-test': 'error',
      'playwright/no-conditional-expect': 'error',
      'playwright/expect-expect': ['error', { assertFunctionNames: ['expect'] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='expect'] > CallExpression.arguments[callee.property.name='status']",
          message:
            "Assert a status with expect(response).toHaveStatus(n): it also checks the answer's media type, and tells a service that could not be asked (not tested) from a broken contract.",
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      // A conditional skip with its reason (no Chromium on this machine) is how a test says it cannot run here.
      'playwright/no-skipped-test': ['warn', { allowConditional: true }],
    },
  },
  ...IMPORT_WALLS,
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
