import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPageRecord } from '../../harness/page/page-record.ts';
import type { FixtureFile } from '../../harness/replay/fixture-file.ts';
import { ANNOTATION } from '../../harness/shared/annotations.ts';
import type { TestPki } from '../stand-ins/certificates.ts';
import { DocsStandIn } from '../stand-ins/docs-stand-in.ts';
import { projectCopy } from '../support/project-copy.ts';
import { PROJECT_ROOT, runProject, scratchDirectory, testsOf, TSX, type SuiteRun } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';

/**
 * npm run new-spec as a user runs it, in a copy of the project: on pages of every form of input (a
 * published page's URL and a GitHub file, fetched from a local stand-in for raw.githubusercontent.com;
 * a page in a docs checkout; a page file with its flags), each method, then every step it prints, and
 * the project's own checks, green.
 */

const PAGES = join(PROJECT_ROOT, 'tests', 'support', 'new-spec-pages');
const DOCS_REPOSITORY = 'microsoftgraph/microsoft-graph-docs-contrib';
/** A commit a GitHub URL may name; the stand-in serves the test pages at it as at main. */
const PINNED = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
const PLAYWRIGHT = join(PROJECT_ROOT, 'node_modules', '@playwright', 'test', 'cli.js');

async function newSpec(root: string, args: string[], env: Record<string, string> = {}): Promise<SuiteRun> {
  const started = performance.now();
  const run = await runProject(() => [TSX, 'scripts/new-spec.ts', ...args], env, root);
  test.info().annotations.push({
    type: 'new-spec duration',
    description: `${args[0]?.split('/').pop() ?? ''}: ${Math.round(performance.now() - started)} ms (child process, tsx start-up included)`,
  });
  return run;
}

async function withDocs<T>(pki: TestPki, use: (docs: DocsStandIn, env: Record<string, string>) => Promise<T>): Promise<T> {
  const docs = new DocsStandIn(pki, { folder: PAGES, repository: DOCS_REPOSITORY, refs: ['main', PINNED] });
  await docs.start();
  try {
    return await use(docs, { GRAPH_DOCS_RAW_URL: docs.rawBase, NODE_EXTRA_CA_CERTS: pki.serverCertPath });
  } finally {
    await docs.stop();
  }
}

/** What `git clone` of the docs repository gives: the pages below api-reference/, committed, its origin on GitHub. */
function docsCheckout(): { root: string; commit: string } {
  const root = scratchDirectory('docs');
  cpSync(join(PAGES, 'api-reference'), join(root, 'api-reference'), { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=contract-suite', '-c', 'user.email=suite@contoso.example', '-C', root, ...args], {
      encoding: 'utf8',
    }).trim();
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'The test pages, as a docs checkout holds them');
  git('remote', 'add', 'origin', `https://github.com/${DOCS_REPOSITORY}.git`);
  return { root, commit: git('rev-parse', 'HEAD') };
}

/** The steps a run printed under "Next:", each as written. */
function nextSteps(run: SuiteRun): string[] {
  return [...run.output.matchAll(/^ {2}\d+\. (.+)$/gm)].map((match) => match[1] ?? '');
}

/** A printed step as the command it names, through the copy's package.json (`npm run x -- a` is its script, then `a`). */
function commandOf(root: string, step: string): { env: Record<string, string>; argv: string[] } | undefined {
  const match = /^((?:[A-Z_]+=\S+ )*)npm run (\S+)(?: -- (.+?))?(?: {3}\(.*)?$/.exec(step);
  if (!match) return undefined;
  const [, assignments = '', script = '', args = ''] = match;
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [tool = '', ...rest] = (scripts[script] ?? '').split(' ');
  const bin = tool === 'tsx' ? TSX : tool === 'playwright' ? PLAYWRIGHT : undefined;
  if (!bin) throw new Error(`The step "${step}" names npm run ${script}, whose command "${scripts[script] ?? ''}" this test cannot run.`);
  const env = Object.fromEntries(
    assignments
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
  return { env, argv: [bin, ...rest, ...args.split(/\s+/).filter(Boolean)] };
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');

/** The path each request of a spec sends: the first argument of every `graph.<method>(…)`. */
function sentPaths(spec: string): string[] {
  return [...spec.matchAll(/graph\.\w+\(\s*(['`])((?:\\.|(?!\1).)*)\1/g)].map((match) => match[2] ?? '');
}

test('nine pages, every form of input and every method: the specs replay, each with a schema where the answer has a body, every printed step succeeds, and the checks npm test runs are green', async ({
  pki,
  standIns,
}) => {
  test.setTimeout(900_000);
  const root = projectCopy();
  const checkout = docsCheckout();
  const learn = (page: string, view = '1.0') => `https://learn.microsoft.com/graph/api/${page}?view=graph-rest-${view}`;

  const runs = await withDocs(pki, async (docs, env) => {
    const fetched = {
      // GET one, from its published URL: the page and its permissions include fetched from the docs repository.
      get: await newSpec(root, [learn('get-user-by-id')], env),
      // LIST, from its file on GitHub at a commit.
      list: await newSpec(root, [`https://github.com/${DOCS_REPOSITORY}/blob/${PINNED}/api-reference/v1.0/api/list-applications.md`], env),
      // An action answered with a body, from its raw URL (the Raw button's form).
      action: await newSpec(
        root,
        [`https://raw.githubusercontent.com/${DOCS_REPOSITORY}/refs/heads/main/api-reference/v1.0/api/add-token-signing-certificate.md`],
        env,
      ),
    };
    const raw = `${docs.rawBase}/${DOCS_REPOSITORY}`;
    expect(fetched.get.output).toContain(
      `new-spec: fetching the page api-reference/v1.0/api/get-user-by-id.md from ${raw}/main/api-reference/v1.0/api/get-user-by-id.md\n` +
        `new-spec: fetching its permissions include ../includes/permissions/get-user-by-id-permissions.md from ${raw}/main/api-reference/v1.0/includes/permissions/get-user-by-id-permissions.md\n`,
    );
    expect(docs.requests.map(({ path }) => path)).toEqual([
      `/${DOCS_REPOSITORY}/main/api-reference/v1.0/api/get-user-by-id.md`,
      `/${DOCS_REPOSITORY}/main/api-reference/v1.0/includes/permissions/get-user-by-id-permissions.md`,
      `/${DOCS_REPOSITORY}/${PINNED}/api-reference/v1.0/api/list-applications.md`,
      `/${DOCS_REPOSITORY}/main/api-reference/v1.0/api/add-token-signing-certificate.md`,
    ]);
    return fetched;
  });
  const inCheckout = (version: string, page: string) => join(checkout.root, 'api-reference', version, 'api', `${page}.md`);
  const local = {
    // POST create, and the PATCH whose create is under contract (create-connection), from the docs checkout.
    post: await newSpec(root, [inCheckout('v1.0', 'create-group')]),
    patch: await newSpec(root, [inCheckout('beta', 'update-externalconnection')]),
    // DELETE, from a page file with its flags: what it deletes is made by the create just taken.
    delete: await newSpec(root, [
      join(PAGES, 'api-reference', 'v1.0', 'api', 'delete-group.md'),
      ...['--url', learn('group-delete'), '--source', `${DOCS_REPOSITORY}:api-reference/v1.0/api/group-delete.md@${PINNED}`],
    ]),
    // An action answered 204, with no body to match.
    activate: await newSpec(root, [inCheckout('v1.0', 'activate-workflow')]),
    // A function, its arguments in the path.
    function: await newSpec(root, [inCheckout('v1.0', 'list-reminders-function')]),
    // A PATCH left as its template wrote it: doc-lint findings, and an example answer that breaks the group schema.
    template: await newSpec(root, [inCheckout('v1.0', 'update-group-template')]),
  };
  const all = { ...runs, ...local };
  for (const [form, run] of Object.entries(all)) expect(run.code, `${form}: ${run.output}`).toBe(0);

  expect(runs.get.output).toContain(
    "  includes/permissions/get-user-by-id-permissions.md: its permissions table, verbatim, where the page's include names it\n",
  );
  expect(read(root, 'pages/get-user-by-id.md')).toBe(read(PAGES, 'api-reference/v1.0/api/get-user-by-id.md'));
  expect(read(root, 'includes/permissions/get-user-by-id-permissions.md')).toBe(
    read(PAGES, 'api-reference/v1.0/includes/permissions/get-user-by-id-permissions.md'),
  );
  const today = new Date().toISOString().slice(0, 10);
  expect(readPageRecord(join(root, 'pages', 'get-user-by-id.json'))).toMatchObject({
    url: learn('get-user-by-id'),
    source: {
      repository: DOCS_REPOSITORY,
      path: 'api-reference/v1.0/api/get-user-by-id.md',
      taken: today,
      note: `Fetched from main on ${today}; the commit was not asked for.`,
    },
  });
  expect(readPageRecord(join(root, 'pages', 'list-applications.json')).source).toMatchObject({ commit: PINNED });
  // A page of a docs checkout: its published URL and the commit that holds it, from the checkout.
  expect(readPageRecord(join(root, 'pages', 'create-group.json'))).toMatchObject({
    url: learn('create-group'),
    source: { repository: DOCS_REPOSITORY, path: 'api-reference/v1.0/api/create-group.md', commit: checkout.commit },
  });
  expect(readPageRecord(join(root, 'pages', 'update-externalconnection.json')).url).toBe(learn('update-externalconnection', 'beta'));

  const NO_BODY = '// 204 answers no body, so there is no schema to match; toHaveStatus(204) checks that none came.';
  // Each spec is described by the operation it calls, sends no placeholder, and matches a schema where the answer has a body.
  const specs = {
    get: ['GET /users/{id | userPrincipalName}', 'get-user-by-id', "toMatchSchema('user')"],
    list: ['GET /applications', 'list-applications', "toMatchSchema('applicationCollectionResponse')"],
    action: [
      'POST /servicePrincipals/{id}/addTokenSigningCertificate',
      'add-token-signing-certificate',
      "toMatchSchema('selfSignedCertificate')",
    ],
    post: ['POST /groups', 'create-group', "toMatchSchema('group')"],
    patch: ['PATCH /external/connections/{id}', 'update-externalconnection', NO_BODY],
    delete: ['DELETE /groups/{id}', 'delete-group', NO_BODY],
    activate: ['POST /identityGovernance/lifecycleWorkflows/workflows/{workflowId}/activate', 'activate-workflow', NO_BODY],
    function: [
      'GET /users/{id | userPrincipalName}/reminderView(startDateTime=startDateTime-value,endDateTime=endDateTime-value)',
      'list-reminders-function',
      "toMatchSchema('reminderCollectionResponse')",
    ],
    template: ['PATCH /groups/{groupId}', 'update-group-template', "    // expect(group).toMatchSchema('group');"],
  } as const;
  for (const [describe, name, schema] of Object.values(specs)) {
    const spec = read(root, `specs/${name}.spec.ts`);
    expect(spec).toContain(`'${describe}'`);
    // Never a literal placeholder in what it sends: each is a value (`${userId}`, `${created.id}`).
    expect(sentPaths(spec).filter((path) => /[{}]/.test(path.replace(/\$\{[^}]*\}/g, '')))).toEqual([]);
    expect(spec).toContain(schema);
  }
  expect(local.patch.output).toContain(
    'new-spec: no schema: 204 answers no body, so there is no schema to match; the spec checks that none came.\n',
  );
  expect(read(root, 'specs/update-externalconnection.spec.ts')).toContain(
    "expect(await graph.post('/external/connections', { data: created })).toHaveStatus(201);",
  );
  // The template page's findings are listed as known, so that docs:lint (a printed step, below) stays green.
  expect(local.template.output).toMatch(
    /^new-spec: docs:lint finds \d+ things on the page \(todo-placeholder, content-length-mismatch, placeholder-value, response-vs-schema\), now listed as known in pages\/known-findings\.json: the page owner's to fix\.$/m,
  );
  expect(read(root, 'pages/known-findings.json')).toContain('"page": "update-group-template.md"');
  expect(read(root, 'specs/update-group-template.spec.ts')).toContain('cleanup.deleteCreated(create, (id) => `/groups/${id}`);');
  expect(read(root, 'specs/delete-group.spec.ts')).toContain('cleanup.deleteCreated(create, (id) => `/groups/${id}`);');
  const fixture = JSON.parse(read(root, 'fixtures/delete-group/204-deletes-the-group.json')) as FixtureFile;
  expect(fixture.interactions.map(({ method, path }) => `${method} ${path}`)).toEqual([
    'POST /v1.0/groups',
    'DELETE /v1.0/groups/example-group',
  ]);

  // Every step each run printed, followed as written.
  const steps = [...new Set(Object.values(all).flatMap(nextSteps))];
  expect(steps.filter((step) => step.startsWith('Review '))).toHaveLength(9);
  expect(steps).toContain('npm run docs:lint   (the page, its findings recorded as known)');
  expect(steps).toContain('npm run schemas:check');
  expect(steps).toContain("npm test   (the project's own tests count the new spec; their Graph stand-in answers it from its fixture)");
  for (const step of steps.filter((candidate) => candidate.startsWith('npm run ') && !candidate.startsWith('npm run contract'))) {
    const command = commandOf(root, step);
    const run = await runProject(() => command?.argv ?? [], command?.env ?? {}, root);
    expect(run.code, `${step}\n${run.output}`).toBe(0);
  }
  const replays = steps.filter((step) => step.startsWith('npm run contract -- '));
  expect(replays).toHaveLength(9);
  for (const step of replays) {
    const command = commandOf(root, step);
    const run = await runProject((output) => [...(command?.argv ?? []), '--workers=1', '--output', join(output, 'results')], {}, root);
    expect(run.code, `${step}\n${run.output}`).toBe(0);
    const [only] = testsOf(run.report());
    expect(only?.status, step).toBe('passed');
    expect(only?.annotations).toContainEqual({ type: ANNOTATION.answeredBy, description: "the page's documented examples" });
  }

  // npm test's checks, as CI runs them: typecheck, lint (ESLint and Prettier), then the unit tests, the replay suite
  // and the end-to-end tests that count the suite, against the stand-ins.
  for (const [check, argv] of [
    ['typecheck', [join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit']],
    ['eslint', [join(PROJECT_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.', '--max-warnings=0']],
    ['prettier', [join(PROJECT_ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', '.']],
  ] as const) {
    const run = await runProject(() => [...argv], {}, root);
    expect(run.code, `${check}\n${run.output}`).toBe(0);
  }
  const own = await runProject(
    () => [
      PLAYWRIGHT,
      'test',
      '--config',
      'tests/playwright.config.ts',
      '--project=unit',
      '--project=replay-suite',
      '--project=end-to-end',
      'unit/',
      'specs/',
      'e2e/accounting',
      'e2e/divergences',
      '--workers=2',
    ],
    {},
    root,
  );
  expect(own.code, own.output).toBe(0);
  expect(own.output).toMatch(/\d+ passed/);
  const live = await runProject(
    () => [
      PLAYWRIGHT,
      'test',
      '--config',
      'tests/playwright.config.ts',
      '--project=end-to-end',
      'e2e/live-and-record',
      '-g',
      'secret credential on 1 worker|record writes',
      '--workers=1',
    ],
    {},
    root,
  );
  expect(live.code, live.output).toBe(0);
  expect(live.output).toContain('2 passed');

  // The last step, against a tenant: the Graph stand-in, which answers the new operations as their pages document.
  const record = steps.find((step) => step.startsWith('GRAPH_MODE=record npm run contract -- specs/get-user-by-id.spec.ts'));
  const recorded = scratchDirectory('recorded');
  standIns.graph.answerPagesOf(root);
  const command = commandOf(root, record ?? '');
  const run = await runProject(
    (output) => [...(command?.argv ?? []), '--workers=1', '--output', join(output, 'results')],
    { ...(await standIns.env('secret', 'record')), ...command?.env, GRAPH_FIXTURES_DIR: recorded },
    root,
  );
  expect(run.code, run.output).toBe(0);
  expect(readdirSync(join(recorded, 'get-user-by-id'))).toEqual(['200-gets-a-user-by-id.json']);
  expect(standIns.graph.counts()).toMatchObject({ 'GET /v1.0/users/{id}': 1 });
});

test('a page fetched by URL that is not there, not markdown, or never answers: one message each, exit status 2, nothing written', async ({
  pki,
}) => {
  const root = projectCopy();
  const before = readdirSync(join(root, 'pages')).sort();
  await withDocs(pki, async (docs, env) => {
    const missing = await newSpec(root, ['https://learn.microsoft.com/graph/api/no-such-page?view=graph-rest-beta'], env);
    expect(missing.code).toBe(2);
    const url = `${docs.rawBase}/${DOCS_REPOSITORY}/main/api-reference/beta/api/no-such-page.md`;
    expect(missing.output).toBe(
      `new-spec: fetching the page api-reference/beta/api/no-such-page.md from ${url}\n` +
        `new-spec: ${url} answered 404 Not Found: the repository has no such file: check the URL (a page renamed or moved answers 404; its published page names where it went), and GRAPH_DOCS_RAW_URL if it is set. Nothing was written.\n`,
    );

    docs.html = true;
    const html = await newSpec(root, ['https://learn.microsoft.com/graph/api/get-user-by-id'], env);
    expect(html.code).toBe(2);
    expect(html.output).toContain(
      `new-spec: ${docs.rawBase}/${DOCS_REPOSITORY}/main/api-reference/v1.0/api/get-user-by-id.md answered an HTML page (text/html), not a page's markdown: pass the page's URL (learn.microsoft.com or its file on GitHub). Nothing was written.\n`,
    );

    docs.html = false;
    docs.stall = { at: 'answer' };
    const stalled = await newSpec(root, ['https://learn.microsoft.com/graph/api/get-user-by-id'], {
      ...env,
      GRAPH_DOCS_ANSWER_TIMEOUT_SECONDS: '1',
    });
    expect(stalled.code).toBe(2);
    expect(stalled.output).toContain(
      `new-spec: ${docs.rawBase}/${DOCS_REPOSITORY}/main/api-reference/v1.0/api/get-user-by-id.md sent no answer within 1 s: try again later, or raise GRAPH_DOCS_ANSWER_TIMEOUT_SECONDS. Nothing was written.\n`,
    );
    expect(docs.stalled).toEqual([
      { at: 'answer', method: 'GET', path: `/${DOCS_REPOSITORY}/main/api-reference/v1.0/api/get-user-by-id.md` },
    ]);

    const bad = await newSpec(root, ['https://learn.microsoft.com/graph/overview'], env);
    expect(bad.code).toBe(2);
    expect(bad.output.trim()).toMatch(
      /^new-spec: https:\/\/learn\.microsoft\.com\/graph\/overview is not a Graph reference page \(\/graph\/api\/<name>\): new-spec takes a published page/,
    );
    const setting = await newSpec(root, ['https://learn.microsoft.com/graph/api/get-user-by-id'], {
      ...env,
      GRAPH_DOCS_ANSWER_TIMEOUT_SECONDS: 'soon',
    });
    expect(setting.code).toBe(2);
    expect(setting.output).toContain(
      'GRAPH_DOCS_ANSWER_TIMEOUT_SECONDS="soon" must be a whole number of seconds from 1 to 600 (default 60).',
    );
    for (const run of [missing, html, stalled, bad, setting]) expect(run.output).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
  expect(readdirSync(join(root, 'pages')).sort()).toEqual(before);
  expect(existsSync(join(root, 'includes'))).toBe(false);
});

test('a spec of that name exists: new-spec refuses, naming it, and writes nothing', async () => {
  const root = projectCopy();
  const existing = join(root, 'specs', 'get-searchsettings.spec.ts');
  writeFileSync(existing, "// Someone else's spec.\n");

  const run = await newSpec(root, [
    join(PAGES, 'get-searchsettings.md'),
    '--url',
    'https://graph-contracts.invalid/x',
    '--source',
    'contract-suite/pages:x.md',
  ]);

  expect(run.code).toBe(2);
  expect(run.output.trim()).toBe(
    'new-spec: specs/get-searchsettings.spec.ts already exists; new-spec never overwrites a page, record, fixture, spec or permissions include. Pass --name <another name>, or delete it first.',
  );
  expect(readFileSync(existing, 'utf8')).toBe("// Someone else's spec.\n");
  for (const file of [
    'pages/get-searchsettings.md',
    'pages/get-searchsettings.json',
    'fixtures/get-searchsettings',
    'schemas/searchSettings.json',
  ])
    expect(existsSync(join(root, file)), file).toBe(false);
});

test('a page file in a checkout with no GitHub remote, a flag left out: new-spec names what to pass and why, and writes nothing', async () => {
  const root = projectCopy();
  const folder = scratchDirectory('loose');
  cpSync(join(PAGES, 'get-searchsettings.md'), join(folder, 'get-searchsettings.md'));
  execFileSync('git', ['-c', 'user.name=contract-suite', '-c', 'user.email=suite@contoso.example', '-C', folder, 'init', '-q']);
  execFileSync('git', ['-c', 'user.name=contract-suite', '-c', 'user.email=suite@contoso.example', '-C', folder, 'add', '.']);
  execFileSync('git', [
    '-c',
    'user.name=contract-suite',
    '-c',
    'user.email=suite@contoso.example',
    '-C',
    folder,
    'commit',
    '-q',
    '-m',
    'a page',
  ]);

  const run = await newSpec(root, [
    join(folder, 'get-searchsettings.md'),
    '--url',
    'https://graph-contracts.invalid/pages/get-searchsettings',
  ]);

  expect(run.code).toBe(2);
  expect(run.output.trim()).toBe(
    `new-spec: pass --source <owner/repo>:<path>[@<commit>] (where the page comes from): the git checkout ${folder} has no remote "origin". ` +
      'Usage: npm run new-spec -- <page URL | page file | page in a docs checkout> [--url <public URL>] [--source <owner/repo>:<path>[@<commit>]] [--name <name>]',
  );
  expect(existsSync(join(root, 'pages', 'get-searchsettings.md'))).toBe(false);
});
