import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a replay's time goes, from the V8 CPU profiles of its processes (`node --cpu-prof`, which
 * Playwright's workers inherit): each sample is given to one phase, so the phases of a run add up
 * to its processes' CPU time. The bench profiles a run of 1 test and one of N, and prints each
 * phase's time in both and per added test.
 */

/** What `node --cpu-prof` writes (the parts read here). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  /** Microseconds before each sample. */
  timeDeltas: number[];
}

export const PHASES = [
  'config load',
  'global setup',
  'worker start',
  'loading spec files',
  'per-test fixture setup and teardown',
  'request through nock',
  'assertions (expect steps)',
  'schema validation',
  'attachments',
  "Playwright's per-test machinery (steps, IPC)",
  "reporters' onBegin/onTestEnd",
  "reporters' onEnd",
  'runner start and scheduling',
  'teardown',
  'garbage collection',
  'other',
  'worker idle (waiting for the runner)',
] as const;
export type Phase = (typeof PHASES)[number];

/** A frame as the rules read it: `function@file`, the file below node_modules/ or the project as `node_modules/nock/…` or `harness/…`. */
type Rule = readonly [Phase, RegExp];

const CONFIG: Rule = [
  'config load',
  /@playwright\.config\.ts$|^(loadConfig|loadUserConfig|loadConfigFromFile)@|@harness\/(suite-files|config\/)/,
];
const GLOBAL_SETUP: Rule = ['global setup', /^loadGlobalHook@|@harness\/global-setup\.ts$/];

/** The runner's phases, the first rule any frame of the stack matches. */
const RUNNER_RULES: readonly Rule[] = [
  CONFIG,
  GLOBAL_SETUP,
  ["reporters' onEnd", /^(onEnd|onExit)@/],
  [
    "reporters' onBegin/onTestEnd",
    /^(onConfigure|onBegin|onTestBegin|onTestEnd|onStepBegin|onStepEnd|onStdOut|onStdErr|onError)@|@harness\/report\//,
  ],
  ['loading spec files', /^(loadTestFile|loadFileSuites|requireOrImport)@/],
];

/** A worker's phases within its tests, the first rule any frame of the stack matches. */
const WORKER_RULES: readonly Rule[] = [
  CONFIG,
  ['schema validation', /@node_modules\/ajv|@harness\/schema\//],
  ['attachments', /@harness\/report\/exchange-attachment|@harness\/redaction\/|^attachmentsPush@/],
  [
    'request through nock',
    /@harness\/(transport|replay)\/|@node_modules\/(nock|@mswjs|rettime|@open-draft)\/|@node:(_http|https|tls|net)|@node:internal\/(tls|deps\/undici)|^(_sendRequest|fetch|_innerFetch|fetchResponseBody|body)@node_modules\/playwright-core/,
  ],
  ['assertions (expect steps)', /^callMatcherAsStep@|@harness\/verdict\/status-matcher/],
  [
    'per-test fixture setup and teardown',
    /^(resolveParametersForFunction|_setupFixtureForRegistration|teardownScope|setup|teardown)@node_modules\/playwright\/lib\/worker|@harness\/(extend|mode)\//,
  ],
  ['loading spec files', /^(loadTestFile|requireOrImport)@/],
];

/** How a test is run in a worker: the samples before the first and after the last are the worker's start and teardown. */
const RUNS_TESTS = /^(runTestGroup|_runTest)@/;

/** `function@file` for one profile node; files below node_modules/ or `root` are shortened so the rules read the same anywhere. */
function frameOf(callFrame: { functionName: string; url: string }, root: string): string {
  const url = callFrame.url.replace(/^file:\/\//, '');
  const below = url.lastIndexOf('/node_modules/');
  const file = below >= 0 ? url.slice(below + 1) : root && url.startsWith(root) ? url.slice(root.length).replace(/^\//, '') : url;
  return `${callFrame.functionName || '(anonymous)'}@${file}`;
}

/** The folder of the project's playwright.config.ts, where its own files are named from, when the profile loaded one. */
function rootOf(profile: CpuProfile): string {
  const config = profile.nodes
    .map((node) => node.callFrame.url)
    .find((url) => url.endsWith('/playwright.config.ts') && !url.includes('/node_modules/'));
  return config === undefined ? '' : config.replace(/^file:\/\//, '').replace(/\/playwright\.config\.ts$/, '');
}

/**
 * Milliseconds of CPU per phase in one process's profile (a worker's idle time too; the runner's
 * is not work). The project's files are named from `root`, by default the folder of the config it loaded.
 */
export function profilePhases(profile: CpuProfile, root = rootOf(profile)): Map<Phase, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const stackOf = (id: number): string[] => {
    const frames: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const node = byId.get(at);
      if (node) frames.push(frameOf(node.callFrame, root));
    }
    return frames;
  };
  const stacks = new Map<number, string[]>();
  const stack = (id: number) => stacks.get(id) ?? (stacks.set(id, stackOf(id)), stackOf(id));
  const isWorker = profile.nodes.some((node) => node.callFrame.url.includes('/playwright/lib/worker/'));
  const rules = isWorker ? WORKER_RULES : RUNNER_RULES;

  // A worker's tests run between its first and last sample inside runTestGroup.
  const running = profile.samples.map((id) => stack(id).some((frame) => RUNS_TESTS.test(frame)));
  const first = running.indexOf(true);
  const last = running.lastIndexOf(true);

  const phases = new Map<Phase, number>();
  profile.samples.forEach((id, index) => {
    const phase = phaseOf(stack(id), index);
    if (phase) phases.set(phase, (phases.get(phase) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return phases;

  function phaseOf(frames: readonly string[], index: number): Phase | undefined {
    const leaf = frames[0] ?? '';
    if (leaf.startsWith('(idle)@')) return isWorker && index > first && index < last ? 'worker idle (waiting for the runner)' : undefined;
    if (leaf.startsWith('(garbage collector)@')) return 'garbage collection';
    const matched = rules.find(([, pattern]) => frames.some((frame) => pattern.test(frame)))?.[0];
    if (matched === 'config load') return matched;
    if (isWorker) {
      if (first < 0 || index < first) return 'worker start';
      if (index > last) return 'teardown';
      return matched ?? "Playwright's per-test machinery (steps, IPC)";
    }
    if (leaf.startsWith('(program)@')) return 'other';
    return matched ?? 'runner start and scheduling';
  }
}

/** Every profile in a folder (one per process and thread), their phases added up. */
export function runPhases(folder: string, root?: string): Map<Phase, number> {
  const total = new Map<Phase, number>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(folder, file), 'utf8')) as CpuProfile;
    for (const [phase, ms] of profilePhases(profile, root)) total.set(phase, (total.get(phase) ?? 0) + ms);
  }
  return total;
}

/** Each phase's median over several runs' phases: one run the machine slowed moves none. */
export function medianPhases(runs: readonly ReadonlyMap<Phase, number>[]): Map<Phase, number> {
  const middle = (values: number[]) => {
    const sorted = values.sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? (sorted[half] ?? 0) : ((sorted[half - 1] ?? 0) + (sorted[half] ?? 0)) / 2;
  };
  return new Map(PHASES.map((phase) => [phase, middle(runs.map((run) => run.get(phase) ?? 0))]));
}
