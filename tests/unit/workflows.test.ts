import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { HISTORY_NIGHTS } from '../../authoring/history/night-record.ts';

const WORKFLOWS = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));

interface Step {
  id?: string;
  'continue-on-error'?: boolean;
  name?: string;
  'working-directory'?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  /** A reusable workflow, in place of steps. */
  uses?: string;
  outputs?: Record<string, string>;
  environment?: { name: string; url?: string };
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

function load(name: string): { text: string; workflow: Workflow } {
  const text = readFileSync(join(WORKFLOWS, name), 'utf8');
  return { text, workflow: parse(text) as Workflow };
}

const runs = (job: Job | undefined) => (job?.steps ?? []).map((step) => step.run ?? step.uses ?? '');

/**
 * Every action the workflows use, at the major they pin, with the runtime its own action.yml declares
 * at that tag (`runs.using`) and where it was read. Release notes are no source: download-artifact's
 * say v6 "had preliminary support for Node 24", yet its action.yml, like upload-artifact v5's,
 * declares node20. GitHub's runners run Node 24 and no longer have Node 20 (removed 2026-09-23).
 */
const ACTIONS: Record<string, { runtime: string; readAt: string }> = {
  'actions/checkout@v7': { runtime: 'node24', readAt: 'github.com/actions/checkout, action.yml at tag v7 (3d3c42e)' },
  'actions/setup-node@v7': { runtime: 'node24', readAt: 'github.com/actions/setup-node, action.yml at tag v7 (8207627)' },
  'actions/upload-artifact@v7': { runtime: 'node24', readAt: 'github.com/actions/upload-artifact, action.yml at tag v7 (bbbca2d)' },
  'actions/download-artifact@v8': {
    runtime: 'node24',
    readAt: 'github.com/actions/download-artifact, action.yml at tag v8 (3e5f45b)',
  },
  // Composite: its one action, upload-artifact, is pinned at v7.0.0 (bbbca2d), node24 as above.
  'actions/upload-pages-artifact@v5': {
    runtime: 'composite',
    readAt: 'github.com/actions/upload-pages-artifact, action.yml at tag v5 (fc324d3)',
  },
  'actions/deploy-pages@v5': { runtime: 'node24', readAt: 'github.com/actions/deploy-pages, action.yml at tag v5 (cd2ce8f)' },
  'peter-evans/create-pull-request@v8': {
    runtime: 'node24',
    readAt: 'github.com/peter-evans/create-pull-request, action.yml at tag v8 (5f6978f)',
  },
};
/** Runtimes GitHub's runners run: JavaScript actions on Node 24, and actions that run no Node of their own. */
const RUNNING_RUNTIMES = new Set(['node24', 'composite', 'docker']);

/** Every `uses:` of a workflow (steps and reusable-workflow jobs), with the job it is in. */
function usesOf(name: string, workflow: Workflow): { where: string; uses: string }[] {
  return Object.entries(workflow.jobs).flatMap(([id, job]) => [
    ...(job.uses ? [{ where: `${name} job ${id}`, uses: job.uses }] : []),
    ...(job.steps ?? []).flatMap((step) => (step.uses ? [{ where: `${name} job ${id}`, uses: step.uses }] : [])),
  ]);
}

/** What is wrong with the actions the workflows use, one message each, saying what to do. */
function actionProblems(used: { where: string; uses: string }[], table: typeof ACTIONS): string[] {
  const problems = used.flatMap(({ where, uses }) => {
    const row = table[uses];
    if (!row) {
      const [repository = uses, ref = '?'] = uses.split('@');
      return [
        `${where} uses ${uses}, which ACTIONS in tests/unit/workflows.test.ts does not list: read runs.using in its action.yml at ${ref} ` +
          `(git show ${ref}:action.yml in a clone of github.com/${repository}) and add a row; an action on node20 or older must move to a major on node24 first.`,
      ];
    }
    if (RUNNING_RUNTIMES.has(row.runtime)) return [];
    return [
      `${where} uses ${uses}, which runs on ${row.runtime} (${row.readAt}), a runtime GitHub's runners no longer have: ` +
        `move to a major whose action.yml declares runs.using: node24 (or composite or docker), and update its row in ACTIONS.`,
    ];
  });
  const unused = Object.keys(table).filter((uses) => !used.some((use) => use.uses === uses));
  return [...new Set(problems), ...unused.map((uses) => `ACTIONS lists ${uses}, which no workflow uses: remove its row.`)];
}

test('the validator rejects a broken workflow', () => {
  expect(validateWorkflow('on: push\njobs:\n  build:\n    steps: not-a-list\n').errors.length).toBeGreaterThan(0);
});

for (const name of ['ci.yml', 'nightly.yml']) {
  test(`${name} is a valid GitHub Actions workflow`, () => {
    expect(validateWorkflow(load(name).text).errors).toEqual([]);
  });
}

test('every action the workflows use is listed with the runtime its action.yml declares, and runs on Node 24', () => {
  const used = ['ci.yml', 'nightly.yml'].flatMap((name) => usesOf(name, load(name).workflow));
  expect(used.length).toBeGreaterThan(0);
  expect(actionProblems(used, ACTIONS)).toEqual([]);
});

test('an action not in the table, one on node20, and a row no workflow uses are each named with what to do', () => {
  const planted = parse(
    'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/cache@v4\n',
  ) as Workflow;
  const table = {
    'actions/checkout@v4': { runtime: 'node20', readAt: 'github.com/actions/checkout, action.yml at tag v4 (11d5960)' },
    'actions/setup-node@v7': { runtime: 'node24', readAt: 'github.com/actions/setup-node, action.yml at tag v7 (8207627)' },
  };

  expect(actionProblems(usesOf('planted.yml', planted), table)).toEqual([
    "planted.yml job build uses actions/checkout@v4, which runs on node20 (github.com/actions/checkout, action.yml at tag v4 (11d5960)), a runtime GitHub's runners no longer have: move to a major whose action.yml declares runs.using: node24 (or composite or docker), and update its row in ACTIONS.",
    'planted.yml job build uses actions/cache@v4, which ACTIONS in tests/unit/workflows.test.ts does not list: read runs.using in its action.yml at v4 (git show v4:action.yml in a clone of github.com/actions/cache) and add a row; an action on node20 or older must move to a major on node24 first.',
    'ACTIONS lists actions/setup-node@v7, which no workflow uses: remove its row.',
  ]);
});

test('upload-artifact and download-artifact stay on the same artifact backend (v4 and later), so the night downloads what it uploaded', () => {
  const majors = ['ci.yml', 'nightly.yml']
    .flatMap((name) => usesOf(name, load(name).workflow))
    .filter(({ uses }) => /^actions\/(upload|download)-artifact@/.test(uses))
    .map(({ uses }) => Number(/@v(\d+)$/.exec(uses)?.[1]));
  expect(majors.length).toBeGreaterThan(0);
  for (const major of majors) expect(major).toBeGreaterThanOrEqual(4);
});

test("ci.yml runs the steps of .ci/run, in its order, on Node.js 22 and 24, and keeps the contract run's own reports", () => {
  const { workflow } = load('ci.yml');
  expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  const job = workflow.jobs.replay;
  expect(job?.strategy?.matrix?.node).toEqual([22, 24]);
  expect(job?.steps?.find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe('${{ matrix.node }}');
  const commands = (job?.steps ?? []).flatMap((step) => (step.run ? [step.run] : []));
  // .ci/run's checks, as the shell runs them: one command a line, in order.
  const script = readFileSync(fileURLToPath(new URL('../../.ci/run', import.meta.url)), 'utf8');
  const checks = script.slice(script.indexOf('checks() {'), script.indexOf('\n}\n', script.indexOf('checks() {')));
  const local = checks
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(npm|npx) /.test(line))
    .map((line) => line.replace(' --no-audit --no-fund', ''));
  expect(commands).toEqual(local);
  // Both of .ci/run's loops (install each line, run the checks on each line) cover what ci.yml's matrix does.
  const lines = [...script.matchAll(/^for line in ([\d ]+); do$/gm)].map((match) => (match[1] ?? '').trim().split(/\s+/).map(Number));
  expect(lines).toEqual([
    [22, 24],
    [22, 24],
  ]);
  expect(script).toMatch(/^for line in [\d ]+; do\n\s+PATH="\$runtimes\/\$line\/node_modules\/\.bin:\$PATH" checks\ndone$/m);
  expect(commands.at(-1)).toBe('npm run contract');
  const uploads = (job?.steps ?? [])
    .filter((step) => step.uses?.startsWith('actions/upload-artifact'))
    .map((step) => String(step.with?.path));
  expect(uploads.join('\n')).toContain('playwright-report/');
  expect(uploads.join('\n')).toContain('test-results/contract-matrix.json');
});

test('the workflows run on the Node.js lines package.json supports', () => {
  const engines = (
    JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { engines: { node: string } }
  ).engines.node;
  expect(engines).toBe('^22.20 || ^24');
  const nightly = load('nightly.yml').workflow;
  const versions = Object.values(nightly.jobs).flatMap((job) =>
    (job.steps ?? []).filter((step) => step.uses?.startsWith('actions/setup-node')).map((step) => step.with?.['node-version']),
  );
  expect(new Set(versions)).toEqual(new Set([24]));
});

test('nightly.yml: sweep, then one sharded record run that is both the verdict and the refresh; nothing hides a failure', () => {
  const { text, workflow } = load('nightly.yml');
  expect(workflow.on).toHaveProperty('schedule');
  expect(workflow.on).toHaveProperty('workflow_dispatch');
  expect(workflow.permissions?.['id-token']).toBe('write');
  // Workload identity federation through the runner's own endpoint: no secret, no token file written by a step.
  expect(text).not.toMatch(/secrets\.|AZURE_CLIENT_SECRET|AZURE_CLIENT_CERTIFICATE|AZURE_FEDERATED_TOKEN_FILE|getIDToken/);
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
  for (const step of steps)
    expect(step.run ?? '', `${step.name ?? step.run ?? ''} hides its failure`).not.toMatch(/\|\|\s*true|;\s*true$|set \+e/);

  expect(runs(workflow.jobs.sweep)).toContain('npm run sweep');
  const contract = workflow.jobs.contract;
  expect(contract?.needs).toBe('sweep');
  expect(contract?.if).toBe('${{ !cancelled() }}');
  expect(contract?.strategy?.matrix?.shard).toEqual([1, 2]);
  // The tenant is asked once a night: one suite run, in record mode; no live run beside it.
  const suiteRuns = steps.filter((step) => /playwright test|npm run contract/.test(step.run ?? ''));
  expect(suiteRuns).toHaveLength(1);
  expect(suiteRuns[0]?.run).toBe('npx playwright test --shard=${{ matrix.shard }}/2');
  expect(suiteRuns[0]?.env).toEqual({
    GRAPH_MODE: 'record',
    GRAPH_FIXTURES_DIR: '${{ runner.temp }}/recorded',
    PLAYWRIGHT_BLOB_OUTPUT_DIR: 'blob-report',
  });
  const uploads = (contract?.steps ?? []).filter((step) => step.uses?.startsWith('actions/upload-artifact'));
  expect(uploads.map((step) => [step.with?.name, step.with?.path, step.if])).toEqual([
    ['blob-report-${{ matrix.shard }}', 'blob-report/', '${{ !cancelled() }}'],
    ['fixtures-${{ matrix.shard }}', '${{ runner.temp }}/recorded/', '${{ !cancelled() }}'],
  ]);

  expect(workflow.jobs.report?.needs).toEqual(['contract', 'drift']);
  expect(runs(workflow.jobs.report)).toContain('npm run report:merge');

  const fixtures = workflow.jobs.fixtures;
  expect(fixtures?.needs).toEqual(['contract', 'report']);
  expect(fixtures?.permissions).toMatchObject({ contents: 'write', 'pull-requests': 'write' });
  const downloads = (fixtures?.steps ?? []).filter((step) => step.uses?.startsWith('actions/download-artifact'));
  expect(downloads[0]?.with).toEqual({ pattern: 'fixtures-*', path: 'fixtures', 'merge-multiple': true });
  const order = runs(fixtures);
  expect(order.findIndex((step) => step.startsWith('actions/download-artifact'))).toBeLessThan(order.indexOf('npm run fixtures:changed'));
  const pr = fixtures?.steps?.find((step) => step.uses?.startsWith('peter-evans/create-pull-request'));
  expect(pr?.if).toContain("steps.fixtures.outputs.changed == 'true'");
  expect(pr?.with?.['body-path']).toBe('nightly-report/test-results/contract-matrix.md');
});

test('nightly.yml: the night joins the history on a data branch only one job may push to, with the token in its push step alone', () => {
  const { workflow } = load('nightly.yml');
  const jobs = Object.entries(workflow.jobs);
  // Only the history job may write the repository's contents besides the two pull requests' jobs (fixtures, metadata); Pages gets Pages' own.
  expect(
    jobs
      .filter(([, job]) => job.permissions?.contents === 'write')
      .map(([id]) => id)
      .sort(),
  ).toEqual(['fixtures', 'history', 'metadata']);

  const report = workflow.jobs.report;
  const upload = report?.steps?.find((step) => step.with?.name === 'nightly-report');
  expect(report?.outputs?.['report-url']).toBe(`\${{ steps.${upload?.id ?? '?'}.outputs.artifact-url }}`);
  // Every night the history keeps still has its report to link.
  expect(Number(upload?.with?.['retention-days'])).toBeGreaterThanOrEqual(HISTORY_NIGHTS);

  const history = workflow.jobs.history;
  expect(history?.needs).toBe('report');
  // A red night is kept too: only a cancelled run skips it.
  expect(history?.if).toBe('${{ !cancelled() }}');
  expect(history?.permissions).toEqual({ contents: 'write' });
  const branch = history?.env?.HISTORY_BRANCH ?? '';
  expect(branch).toMatch(/^[a-z][a-z-]+$/);
  expect(['main', 'master', 'nightly/fixtures']).not.toContain(branch);
  const steps = history?.steps ?? [];
  const index = (pattern: RegExp) => steps.findIndex((step) => pattern.test(step.run ?? step.uses ?? ''));
  // The data branch read by checkout, keeping no token; the first night (no such branch) begins it, never by force.
  const data = steps.find((step) => step.uses?.startsWith('actions/checkout') && step.with?.ref !== undefined);
  expect(data?.with).toEqual({ ref: branch, path: 'history-data', 'fetch-depth': 1, 'persist-credentials': false });
  expect(data?.['continue-on-error']).toBe(true);
  const begin = steps[index(/git init/)];
  expect(begin?.if).toBe(`\${{ steps.${data?.id ?? '?'}.outcome == 'failure' }}`);
  expect(begin?.run).toContain('git init --quiet --initial-branch="$HISTORY_BRANCH" history-data');
  expect(history?.env?.HISTORY_FILE).toMatch(/^history-data\//);
  const append = steps[index(/npm run history:append/)];
  expect(append?.run).toContain('--history "$HISTORY_FILE"');
  expect(append?.run).toContain('--matrix nightly-report/test-results/contract-matrix.json');
  expect(append?.env).toEqual({
    RUN_URL: '${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}',
    REPORT_URL: '${{ needs.report.outputs.report-url }}',
  });
  const push = steps[index(/git .*push/)];
  expect(push?.['working-directory']).toBe('history-data');
  expect(push?.run).toContain('push origin "HEAD:refs/heads/$HISTORY_BRANCH"');
  expect(push?.run).not.toMatch(/--force|-f\b/);
  expect(push?.env).toEqual({ PUSH_TOKEN: '${{ github.token }}' });
  // In order: the matrix, the history, the append, the push; the page is not this job's.
  const order = [index(/^actions\/download-artifact/), steps.indexOf(data ?? {}), index(/npm run history:append/), index(/git .*push/)];
  expect(order.every((at) => at >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(runs(history).filter((step) => /npm run trends|upload-pages-artifact/.test(step))).toEqual([]);
});

test('nightly.yml: the trend page is its own job after the history, an artifact always, on GitHub Pages only when TRENDS_ON_PAGES is true', () => {
  const { workflow } = load('nightly.yml');
  const trends = workflow.jobs.trends;
  expect(trends?.needs).toBe('history');
  expect(trends?.if).toBe("${{ !cancelled() && needs.history.result == 'success' }}");
  expect(trends?.permissions).toEqual({ contents: 'read' });
  const steps = trends?.steps ?? [];
  const index = (pattern: RegExp) => steps.findIndex((step) => pattern.test(step.run ?? step.uses ?? ''));
  const data = steps.find((step) => step.uses?.startsWith('actions/checkout') && step.with?.ref !== undefined);
  expect(data?.with).toMatchObject({ ref: 'nightly-history', path: 'history-data', 'persist-credentials': false });
  const order = [
    steps.indexOf(data ?? {}),
    index(/npm run trends -- --history "\$HISTORY_FILE" --out trends\/index\.html/),
    index(/npm run --silent history:changes/),
    index(/^actions\/upload-artifact/),
    index(/^actions\/upload-pages-artifact/),
    index(/GITHUB_STEP_SUMMARY/),
  ];
  expect(order.every((at) => at >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(steps.find((step) => step.uses?.startsWith('actions/upload-artifact'))?.with).toMatchObject({ name: 'trends', path: 'trends/' });
  const pagesArtifact = steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact'));
  expect(pagesArtifact?.with).toEqual({ path: 'trends/' });
  expect(pagesArtifact?.if).toBe("${{ vars.TRENDS_ON_PAGES == 'true' }}");
  // The one line reaches the summary through the environment, never spliced into the script.
  const summary = steps[index(/GITHUB_STEP_SUMMARY/)];
  expect(summary?.env?.CHANGES).toBe('${{ steps.changes.outputs.line }}');
  expect(summary?.run).not.toContain('${{');
  expect(trends?.outputs?.changes).toBe('${{ steps.changes.outputs.line }}');

  const pages = workflow.jobs.pages;
  expect(pages?.needs).toBe('trends');
  expect(pages?.if).toBe("${{ !cancelled() && needs.trends.result == 'success' && vars.TRENDS_ON_PAGES == 'true' }}");
  expect(pages?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
  expect(pages?.environment?.name).toBe('github-pages');
  const deploy = pages?.steps?.find((step) => step.uses?.startsWith('actions/deploy-pages'));
  expect(pages?.environment?.url).toBe(`\${{ steps.${deploy?.id ?? '?'}.outputs.page_url }}`);
  const linked = pages?.steps?.find((step) => /GITHUB_STEP_SUMMARY/.test(step.run ?? ''));
  expect(linked?.env).toEqual({ CHANGES: '${{ needs.trends.outputs.changes }}', PAGE_URL: '${{ steps.deployment.outputs.page_url }}' });
  expect(linked?.run).not.toContain('${{');
});

test('nightly.yml: no checkout keeps its token, so neither npm install scripts nor the project code can read one from .git/config', () => {
  const { workflow } = load('nightly.yml');
  const checkouts = Object.entries(workflow.jobs).flatMap(([id, job]) =>
    (job.steps ?? []).filter((step) => step.uses?.startsWith('actions/checkout')).map((step) => [id, step.with?.['persist-credentials']]),
  );
  expect(checkouts.length).toBeGreaterThanOrEqual(Object.keys(workflow.jobs).length - 1);
  expect(checkouts.filter(([, persist]) => persist !== false)).toEqual([]);
});

test("nightly.yml: the metadata drift runs beside the contract with read-only rights, its report is the merged matrix's column, and a drift is proposed as a pull request", () => {
  const { workflow } = load('nightly.yml');
  const drift = workflow.jobs.drift;
  // It needs no tenant and no token: it runs while the shards do, and asks for nothing but to read the repository.
  expect(drift?.needs).toBeUndefined();
  expect(drift?.permissions).toEqual({ contents: 'read' });
  const compare = drift?.steps?.find((step) => /npm run metadata:drift/.test(step.run ?? ''));
  expect(compare?.run).toBe('npm run metadata:drift -- --out drift --write');
  expect(drift?.outputs?.changed).toBe(`\${{ steps.${compare?.id ?? '?'}.outputs.changed }}`);
  const uploads = (drift?.steps ?? []).filter((step) => step.uses?.startsWith('actions/upload-artifact'));
  // The report also when the drift could not be checked (it says why, and the matrix shows it); metadata/ only when a drift rewrote it.
  expect(uploads.map((step) => [step.with?.name, step.with?.path, step.if])).toEqual([
    ['metadata-drift', 'drift/', '${{ !cancelled() }}'],
    ['metadata-tonight', 'metadata/', `\${{ !cancelled() && steps.${compare?.id ?? '?'}.outputs.changed == 'true' }}`],
  ]);

  const report = workflow.jobs.report;
  expect(report?.needs).toEqual(['contract', 'drift']);
  const steps = report?.steps ?? [];
  const download = steps.findIndex((step) => step.uses?.startsWith('actions/download-artifact') && step.with?.pattern === 'metadata-drift');
  const merge = steps.findIndex((step) => /npm run report:merge/.test(step.run ?? ''));
  expect(download).toBeGreaterThanOrEqual(0);
  // A pattern that matches nothing downloads nothing: a drift job that died before its upload leaves the matrix without the column, not the night without its report.
  expect(steps[download]?.with).toEqual({ pattern: 'metadata-drift', path: 'metadata-drift', 'merge-multiple': true });
  const column = steps.findIndex((step) => /GRAPH_METADATA_DRIFT_FILE/.test(step.run ?? ''));
  expect([download, column, merge].every((at) => at >= 0)).toBe(true);
  expect(download).toBeLessThan(column);
  expect(column).toBeLessThan(merge);
  expect(steps[column]?.run).toContain('echo "GRAPH_METADATA_DRIFT_FILE=metadata-drift/metadata-drift.json" >> "$GITHUB_ENV"');

  const metadata = workflow.jobs.metadata;
  expect(metadata?.needs).toBe('drift');
  expect(metadata?.if).toBe("${{ !cancelled() && needs.drift.outputs.changed == 'true' }}");
  expect(metadata?.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
  // The job that may write runs none of the project's code: it lays what the drift job wrote over the checkout and proposes it.
  expect(runs(metadata).filter((step) => !step.includes('/'))).toEqual([]);
  expect((metadata?.steps ?? []).filter((step) => step.uses?.startsWith('actions/download-artifact')).map((step) => step.with)).toEqual([
    { name: 'metadata-drift', path: 'drift' },
    { name: 'metadata-tonight', path: 'metadata' },
  ]);
  const pr = metadata?.steps?.find((step) => step.uses?.startsWith('peter-evans/create-pull-request'));
  expect(pr?.with).toMatchObject({ branch: 'nightly/metadata', 'body-path': 'drift/metadata-drift.md', 'add-paths': 'metadata/**' });
});

test('nightly.yml: only the alerts job may write issues, after the history, with the job token through the environment; a night with no history record still gets its run-level issue', () => {
  const { workflow } = load('nightly.yml');
  expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  const writers = Object.entries(workflow.jobs).filter(([, job]) => job.permissions?.issues !== undefined);
  expect(writers.map(([id]) => id)).toEqual(['alerts']);
  const alerts = workflow.jobs.alerts;
  expect(alerts?.permissions).toEqual({ contents: 'read', issues: 'write' });
  expect(alerts?.needs).toEqual(['report', 'history']);
  // always(): the report or history job that failed is the night the run-level issue is for.
  expect(alerts?.if).toBe('${{ always() }}');
  const steps = alerts?.steps ?? [];
  const data = steps.findIndex((step) => step.uses?.startsWith('actions/checkout') && step.with?.ref === 'nightly-history');
  const alert = steps.findIndex((step) => /npm run alerts -- --history/.test(step.run ?? ''));
  const noNight = steps.findIndex((step) => /npm run alerts -- --could-not-test/.test(step.run ?? ''));
  expect(data).toBeGreaterThanOrEqual(0);
  expect(data).toBeLessThan(alert);
  expect(steps[data]?.if).toBe("${{ needs.history.result == 'success' }}");
  expect(steps[alert]?.run).toBe('npm run alerts -- --history history-data/nights.jsonl');
  expect(steps[alert]?.if).toBe("${{ needs.history.result == 'success' }}");
  expect(steps[alert]?.env).toEqual({ GITHUB_TOKEN: '${{ github.token }}' });
  expect(steps[noNight]?.if).toBe("${{ needs.history.result != 'success' }}");
  expect(steps[noNight]?.run).toBe('npm run alerts -- --could-not-test "$WHY" --run-url "$RUN_URL"');
  expect(steps[noNight]?.env?.GITHUB_TOKEN).toBe('${{ github.token }}');
  expect(steps[noNight]?.env?.WHY).toContain('${{ needs.report.result }}');
  // No other step is handed the token: the two alerts steps, and the history's push.
  const handed = Object.entries(workflow.jobs).flatMap(([id, job]) =>
    (job.steps ?? []).filter((step) => JSON.stringify(step).includes('github.token')).map((step) => `${id}: ${step.name ?? ''}`),
  );
  expect(handed).toEqual([
    'history: Push the history to its data branch',
    'alerts: Open, update or close the alert issues',
    'alerts: No night in the history tonight, the run-level issue',
  ]);
});

/** The one step of the nightly that pushes the history, and its job. */
function historyPush(workflow: Workflow): { job: Job; step: Step } {
  const found = Object.values(workflow.jobs).flatMap((job) =>
    (job.steps ?? []).filter((step) => /git .*push/.test(step.run ?? '')).map((step) => ({ job, step })),
  );
  expect(found).toHaveLength(1);
  return found[0] as { job: Job; step: Step };
}

test('nightly.yml: the push of the history, run again after it pushed (a re-run of its job), commits nothing and succeeds', ({}, testInfo) => {
  const { step, job } = historyPush(load('nightly.yml').workflow);
  const git = (cwd: string, ...args: string[]) => {
    const run = spawnSync('git', args, { cwd, encoding: 'utf8' });
    expect(run.status, `git ${args.join(' ')}: ${run.stderr}`).toBe(0);
    return run.stdout;
  };
  // A local bare repository stands for origin; the step's folder holds tonight's history, as the steps before it leave it.
  const origin = testInfo.outputPath('origin.git');
  const root = testInfo.outputPath('job');
  const folder = join(root, step['working-directory'] ?? '.');
  mkdirSync(folder, { recursive: true });
  git(testInfo.outputPath(), 'init', '--quiet', '--bare', origin);
  git(folder, 'init', '--quiet', '--initial-branch=nightly-history');
  git(folder, 'config', 'user.name', 'github-actions[bot]');
  git(folder, 'config', 'user.email', '41898282+github-actions[bot]@users.noreply.github.com');
  git(folder, 'remote', 'add', 'origin', origin);
  writeFileSync(join(folder, 'nights.jsonl'), '{"night":"2026-05-01"}\n');
  const env = { ...process.env, ...job.env, PUSH_TOKEN: 'ghs_unused', GITHUB_RUN_ID: '1001', HOME: testInfo.outputPath() };
  const push = () => spawnSync('bash', ['-e', '-c', step.run ?? ''], { cwd: folder, env, encoding: 'utf8' });

  const first = push();
  const again = push();

  expect(first.status, first.stderr + first.stdout).toBe(0);
  expect(again.status, again.stderr + again.stdout).toBe(0);
  expect(git(origin, 'log', '--format=%s', 'nightly-history').trim().split('\n')).toEqual([expect.stringMatching(/: run 1001$/)]);
});
