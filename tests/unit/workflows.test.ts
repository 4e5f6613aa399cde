import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';

const WORKFLOWS = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
  steps: Step[];
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

test('the validator rejects a broken workflow', () => {
  expect(validateWorkflow('on: push\njobs:\n  build:\n    steps: not-a-list\n').errors.length).toBeGreaterThan(0);
});

for (const name of ['ci.yml', 'nightly.yml']) {
  test(`${name} is a valid GitHub Actions workflow`, () => {
    expect(validateWorkflow(load(name).text).errors).toEqual([]);
  });
}

test("ci.yml runs the steps of .ci/run, in its order, on Node.js 22 and 24, and keeps the contract run's own reports", () => {
  const { workflow } = load('ci.yml');
  expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  const job = workflow.jobs.replay;
  expect(job?.strategy?.matrix?.node).toEqual([22, 24]);
  expect(job?.steps.find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe('${{ matrix.node }}');
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
    job.steps.filter((step) => step.uses?.startsWith('actions/setup-node')).map((step) => step.with?.['node-version']),
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
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
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

  expect(workflow.jobs.report?.needs).toBe('contract');
  expect(runs(workflow.jobs.report)).toContain('npm run report:merge');

  const fixtures = workflow.jobs.fixtures;
  expect(fixtures?.needs).toEqual(['contract', 'report']);
  expect(fixtures?.permissions).toMatchObject({ contents: 'write', 'pull-requests': 'write' });
  const downloads = (fixtures?.steps ?? []).filter((step) => step.uses?.startsWith('actions/download-artifact'));
  expect(downloads[0]?.with).toEqual({ pattern: 'fixtures-*', path: 'fixtures', 'merge-multiple': true });
  const order = runs(fixtures);
  expect(order.findIndex((step) => step.startsWith('actions/download-artifact'))).toBeLessThan(order.indexOf('npm run fixtures:changed'));
  const pr = fixtures?.steps.find((step) => step.uses?.startsWith('peter-evans/create-pull-request'));
  expect(pr?.if).toContain("steps.fixtures.outputs.changed == 'true'");
  expect(pr?.with?.['body-path']).toBe('nightly-report/test-results/contract-matrix.md');
});
