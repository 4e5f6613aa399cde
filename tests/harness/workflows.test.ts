import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';

const WORKFLOWS = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));

interface Step { name?: string; run?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string }
interface Job { needs?: string | string[]; permissions?: Record<string, string>; strategy?: { matrix?: Record<string, unknown> }; steps: Step[]; env?: Record<string, string> }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string>; env?: Record<string, string>; jobs: Record<string, Job> }

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

test('ci.yml replays the suite on every push and pull request, and keeps its reports', () => {
  const { workflow } = load('ci.yml');
  expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
  const steps = runs(workflow.jobs.replay);
  for (const command of ['npm ci', 'npm run typecheck', 'npm run lint', 'npx playwright test --list --forbid-only', 'npm run contract', 'npm test']) {
    expect(steps).toContain(command);
  }
  expect(steps.indexOf('npm ci')).toBe(steps.findIndex((step) => step.startsWith('npm') || step.startsWith('npx')));
  const uploads = (workflow.jobs.replay?.steps ?? []).filter((step) => step.uses?.startsWith('actions/upload-artifact')).map((step) => String(step.with?.path));
  expect(uploads.join('\n')).toContain('playwright-report/');
  expect(uploads.join('\n')).toContain('test-results/junit.xml');
});

test('nightly.yml: sweep first, live with federated identity and shards, one merged report, fixtures re-recorded into a pull request', () => {
  const { text, workflow } = load('nightly.yml');
  expect(workflow.on).toHaveProperty('schedule');
  expect(workflow.on).toHaveProperty('workflow_dispatch');
  expect(workflow.permissions?.['id-token']).toBe('write');
  // Workload identity federation: no client secret, no secret of any kind.
  expect(text).not.toMatch(/secrets\.|AZURE_CLIENT_SECRET|AZURE_CLIENT_CERTIFICATE/);
  expect(text).toContain("core.getIDToken('api://AzureADTokenExchange')");
  expect(text).toContain("core.exportVariable('AZURE_FEDERATED_TOKEN_FILE'");

  expect(runs(workflow.jobs.sweep)).toContain('npm run sweep');
  expect(workflow.jobs.live?.needs).toBe('sweep');
  expect(workflow.jobs.live?.strategy?.matrix?.shard).toEqual([1, 2]);
  const liveStep = workflow.jobs.live?.steps.find((step) => step.run?.includes('--shard='));
  expect(liveStep?.env).toEqual({ GRAPH_MODE: 'live', PLAYWRIGHT_BLOB_OUTPUT_DIR: 'blob-report' });
  expect(runs(workflow.jobs.report)).toContain('npm run report:merge');

  const record = workflow.jobs.record;
  expect(record?.permissions).toMatchObject({ 'contents': 'write', 'pull-requests': 'write', 'id-token': 'write' });
  expect(record?.steps.find((step) => step.run?.startsWith('npm run contract'))?.env).toEqual({ GRAPH_MODE: 'record' });
  expect(runs(record)).toContain('npm run fixtures:changed');
  const pr = record?.steps.find((step) => step.uses?.startsWith('peter-evans/create-pull-request'));
  expect(pr?.if).toContain("steps.fixtures.outputs.changed == 'true'");
  expect(pr?.with?.['body-path']).toBe('test-results/contract-matrix.md');
});
