import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { medianPhases, profilePhases, runPhases, type CpuProfile, type Phase } from '../support/cpu-profile-phases.ts';

const ROOT = '/work/project';
const PW = 'file:///work/project/node_modules/playwright/lib';

/**
 * A profile from stacks, root first, each frame `function@url`; one sample per stack, each
 * `ms` long. Shared prefixes share nodes, as V8's call tree does.
 */
function profileOf(samples: { stack: string[]; ms: number }[]): CpuProfile {
  const nodes: CpuProfile['nodes'] = [{ id: 1, callFrame: { functionName: '(root)', url: '' }, children: [] }];
  const ids: number[] = [];
  for (const { stack } of samples) {
    let parent = nodes[0] as CpuProfile['nodes'][number];
    for (const frame of stack) {
      const at = frame.indexOf('@');
      const [functionName, url] = [frame.slice(0, at), frame.slice(at + 1)];
      let node = (parent.children ?? [])
        .map((id) => nodes.find((candidate) => candidate.id === id))
        .find((candidate) => candidate?.callFrame.functionName === functionName && candidate.callFrame.url === url);
      if (!node) {
        node = { id: nodes.length + 1, callFrame: { functionName, url }, children: [] };
        nodes.push(node);
        parent.children = [...(parent.children ?? []), node.id];
      }
      parent = node;
    }
    ids.push(parent.id);
  }
  return { nodes, samples: ids, timeDeltas: samples.map(({ ms }) => ms * 1000) };
}

const inTest = (...frames: string[]) => [
  `runTestGroup@${PW}/worker/workerProcessEntry.js`,
  `_runTest@${PW}/worker/workerProcessEntry.js`,
  ...frames,
];

test("a worker's samples go to its start, its tests' phases, its idle time between tests and its teardown", () => {
  const worker = profileOf([
    { stack: [`(anonymous)@${PW}/worker/workerProcessEntry.js`], ms: 300 },
    { stack: [`loadConfig@${PW}/common/index.js`, `(anonymous)@file://${ROOT}/playwright.config.ts`], ms: 40 },
    { stack: [`runTestGroup@${PW}/worker/workerProcessEntry.js`, `loadTestFile@${PW}/common/index.js`], ms: 5 },
    { stack: inTest(`exchange@file://${ROOT}/harness/transport/graph-client.ts`, `captureRawStack@${PW}-core/lib/coreBundle.js`), ms: 3 },
    { stack: [`(anonymous)@file://${ROOT}/node_modules/@mswjs/interceptors/lib/node/index.js`], ms: 2 },
    {
      stack: inTest(`toMatchSchema@file://${ROOT}/harness/schema/matcher.ts`, `validate@file://${ROOT}/node_modules/ajv/dist/runtime.js`),
      ms: 1,
    },
    { stack: inTest(`callMatcherAsStep@${PW}/matchers/expect.js`, `_addStep@${PW}/worker/workerProcessEntry.js`), ms: 1 },
    { stack: inTest(`attachExchange@file://${ROOT}/harness/report/exchange-attachment.ts`), ms: 0.5 },
    {
      stack: inTest(`_setupFixtureForRegistration@${PW}/worker/workerProcessEntry.js`, `openTest@file://${ROOT}/harness/mode/replay.ts`),
      ms: 2,
    },
    { stack: ['(idle)@'], ms: 7 },
    { stack: ['(garbage collector)@'], ms: 1.5 },
    { stack: inTest(`sendMessageToParent@${PW}/common/index.js`), ms: 4 },
    { stack: [`teardownScope@${PW}/worker/workerProcessEntry.js`], ms: 6 },
    { stack: ['(idle)@'], ms: 50 },
  ]);

  expect(Object.fromEntries(profilePhases(worker, ROOT))).toEqual({
    'worker start': 300,
    'config load': 40,
    'loading spec files': 5,
    'request through nock': 5,
    'schema validation': 1,
    'assertions (expect steps)': 1,
    attachments: 0.5,
    'per-test fixture setup and teardown': 2,
    'worker idle (waiting for the runner)': 7,
    'garbage collection': 1.5,
    "Playwright's per-test machinery (steps, IPC)": 4,
    teardown: 6,
  });
});

test("the runner's samples go to its start, config, global setup, listing, reporters and scheduling; its idle time is no work", () => {
  const RUNNER = `${PW}/runner/index.js`;
  const runner = profileOf([
    { stack: [`(anonymous)@file://${ROOT}/node_modules/@playwright/test/cli.js`], ms: 400 },
    { stack: [`loadUserConfig@${PW}/common/index.js`, `checkSuiteFilesOrExit@file://${ROOT}/harness/suite-files.ts`], ms: 60 },
    { stack: [`setup@${RUNNER}`, `loadGlobalHook@${RUNNER}`], ms: 8 },
    { stack: [`loadTestFile@${PW}/common/index.js`], ms: 20 },
    { stack: [`setup@${RUNNER}`, `onBegin@file://${ROOT}/harness/report/fixture-check-reporter.ts`], ms: 9 },
    { stack: [`_onTestEnd@${RUNNER}`, `onTestEnd@${RUNNER}`], ms: 3 },
    { stack: [`_scheduleJob@${RUNNER}`], ms: 2 },
    { stack: ['(idle)@'], ms: 900 },
    { stack: [`onEnd@${RUNNER}`, `build@${RUNNER}`], ms: 30 },
    { stack: ['(program)@'], ms: 1 },
  ]);

  expect(Object.fromEntries(profilePhases(runner, ROOT))).toEqual({
    'runner start and scheduling': 402,
    'config load': 60,
    'global setup': 8,
    'loading spec files': 20,
    "reporters' onBegin/onTestEnd": 12,
    "reporters' onEnd": 30,
    other: 1,
  });
});

test("a run's phases add up its processes' profiles, and several runs give each phase's median", () => {
  const folder = test.info().outputPath('profiles');
  mkdirSync(folder, { recursive: true });
  const write = (name: string, stack: string[], ms: number) => {
    writeFileSync(join(folder, name), JSON.stringify(profileOf([{ stack, ms }])));
  };
  write('CPU.20260101.120000.100.0.001.cpuprofile', [`onEnd@${PW}/runner/index.js`], 30);
  write('CPU.20260101.120001.101.0.001.cpuprofile', inTest(`exchange@file://${ROOT}/harness/transport/graph-client.ts`), 12);
  write('CPU.20260101.120001.102.0.001.cpuprofile', inTest(`exchange@file://${ROOT}/harness/transport/graph-client.ts`), 8);
  writeFileSync(join(folder, 'notes.txt'), 'not a profile');

  expect(Object.fromEntries(runPhases(folder, ROOT))).toEqual({ "reporters' onEnd": 30, 'request through nock': 20 });

  const runs = [10, 30, 20].map((ms) => new Map<Phase, number>([['request through nock', ms]]));
  expect(medianPhases(runs).get('request through nock')).toBe(20);
  expect(medianPhases([...runs, new Map()]).get('request through nock')).toBe(15);
});
