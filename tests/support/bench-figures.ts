import { PHASES, type Phase } from './cpu-profile-phases.ts';

/**
 * The arithmetic of `npm run bench` and the lines it prints, apart from the runs it times, so a
 * test can hold them to fake timings: what the bench measures is only ever asserted here, never
 * in a test.
 */

/** The issue's goals for a replay through the harness (issue 19, item 6), and the replay suite's against a bare run. */
export const GOALS = { fixedMs: 150, marginalMs: 10, suiteRatio: 1.25 } as const;

export function median(numbers: readonly number[]): number {
  if (numbers.length === 0) throw new Error('median: no numbers');
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * What keeps a timed run from counting, by its JUnit report: a run that exits 0 may still have run
 * fewer tests than it holds (none found, some skipped). Undefined when all `tests` ran and passed.
 */
export function junitShortfall(junit: string, tests: number): string | undefined {
  const totals = /<testsuites\b[^>]*>/.exec(junit)?.[0];
  if (totals === undefined) return `${tests} tests should pass; the run wrote no JUnit report`;
  const [ran, failures, skipped, errors] = ['tests', 'failures', 'skipped', 'errors'].map((name) =>
    Number(new RegExp(`\\b${name}="(\\d+)"`).exec(totals)?.[1] ?? Number.NaN),
  );
  return ran === tests && failures === 0 && skipped === 0 && errors === 0
    ? undefined
    : `${tests} tests should pass; the JUnit report says tests=${ran}, failures=${failures}, skipped=${skipped}, errors=${errors}`;
}

/** The least-squares line through (N, ms): its slope is the cost of one more test, its intercept what a run costs with none. */
export function fitLine(points: readonly { n: number; ms: number }[]): { slope: number; intercept: number } {
  const ns = new Set(points.map((point) => point.n));
  if (ns.size < 2) throw new Error('fitLine: a line needs at least two different N');
  const meanN = points.reduce((sum, point) => sum + point.n, 0) / points.length;
  const meanMs = points.reduce((sum, point) => sum + point.ms, 0) / points.length;
  const covariance = points.reduce((sum, point) => sum + (point.n - meanN) * (point.ms - meanMs), 0);
  const variance = points.reduce((sum, point) => sum + (point.n - meanN) ** 2, 0);
  const slope = covariance / variance;
  return { slope, intercept: meanMs - slope * meanN };
}

/** The timings of one round: each run's wall time in ms, by case. */
export interface Round {
  bare: number;
  suite: number;
  /** N → ms, through the harness. */
  harness: ReadonlyMap<number, number>;
  /** N → ms, the same tests written plainly with Playwright and nock. */
  plain: ReadonlyMap<number, number>;
  /** CPU (user + system) of the bare run and of each N through the harness, where the bench could read it. */
  cpu?: { bare: number; harness: ReadonlyMap<number, number> };
}

export interface ScaleFigures {
  rounds: number;
  sizes: number[];
  bare: number;
  suite: number;
  /** The replay suite against the bare run: the median of each round's ratio. */
  suiteRatio: number;
  harness: CaseFigures;
  plain: CaseFigures;
  /** The harness's figures in CPU rather than wall time, when every round has them. */
  harnessCpu?: CaseFigures;
}

export interface CaseFigures {
  /** N → the median of the rounds. */
  medians: Map<number, number>;
  /** A run of one test, less the bare one-test run of the same round: the median over the rounds. */
  fixedMs: number;
  /** The slope of the least-squares line through each N's median. */
  marginalMs: number;
}

/** The figures of the rounds: medians, so one run slowed by the machine's other work moves none of them. */
export function scaleFigures(rounds: readonly Round[]): ScaleFigures {
  const [first] = rounds;
  if (!first) throw new Error('scaleFigures: no rounds');
  const sizes = [...first.harness.keys()].sort((a, b) => a - b);
  const smallest = sizes[0] ?? 1;
  const caseOf = (runs: (round: Round) => ReadonlyMap<number, number>, bare = (round: Round) => round.bare): CaseFigures => {
    const at = (round: Round, n: number) => {
      const ms = runs(round).get(n);
      if (ms === undefined) throw new Error(`scaleFigures: a round has no run of N = ${n}`);
      return ms;
    };
    const medians = new Map(sizes.map((n) => [n, median(rounds.map((round) => at(round, n)))]));
    return {
      medians,
      fixedMs: median(rounds.map((round) => at(round, smallest) - bare(round))),
      marginalMs: fitLine([...medians].map(([n, ms]) => ({ n, ms }))).slope,
    };
  };
  return {
    rounds: rounds.length,
    sizes,
    bare: median(rounds.map((round) => round.bare)),
    suite: median(rounds.map((round) => round.suite)),
    suiteRatio: median(rounds.map((round) => round.suite / round.bare)),
    harness: caseOf((round) => round.harness),
    plain: caseOf((round) => round.plain),
    ...(rounds.every((round) => round.cpu)
      ? {
          harnessCpu: caseOf(
            (round) => round.cpu?.harness ?? new Map(),
            (round) => round.cpu?.bare ?? Number.NaN,
          ),
        }
      : {}),
  };
}

const verdict = (ok: boolean) => (ok ? 'meets the goal' : 'MISSES the goal');

/** What the bench prints of its rounds, and whether every goal was met. */
export function scaleReport(figures: ScaleFigures): { lines: string[]; met: boolean } {
  const { harness, plain, sizes } = figures;
  const largest = sizes[sizes.length - 1] ?? 0;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const perTest = (value: number) => `${value.toFixed(1)} ms`;
  const runs = (medians: ReadonlyMap<number, number>) => [...medians].map(([n, value]) => `N=${n} ${ms(value)}`).join(', ');
  const fixedOk = harness.fixedMs <= GOALS.fixedMs;
  const marginalOk = harness.marginalMs <= GOALS.marginalMs;
  const ratioOk = figures.suiteRatio <= GOALS.suiteRatio;
  const lines = [
    `medians of ${figures.rounds} round${figures.rounds === 1 ? '' : 's'}:`,
    `bare one-test Playwright run: ${ms(figures.bare)}`,
    `replay suite: ${ms(figures.suite)}; ratio to the bare run ${figures.suiteRatio.toFixed(2)} (goal ≤ ${GOALS.suiteRatio}) ${verdict(ratioOk)}`,
    `scale case, specs as new-spec writes them, through the harness: ${runs(harness.medians)}`,
    `  the whole run of ${largest} tests: ${ms(harness.medians.get(largest) ?? Number.NaN)}`,
    `  fixed cost per run (N=1 less the bare run): ${ms(harness.fixedMs)} (goal ≤ ${GOALS.fixedMs} ms) ${verdict(fixedOk)}`,
    `  marginal cost per test (slope over N=${sizes.join(', ')}): ${perTest(harness.marginalMs)} (goal ≤ ${GOALS.marginalMs} ms) ${verdict(marginalOk)}`,
    ...(figures.harnessCpu
      ? [
          `  CPU of the run, user + system of all its processes (read beside the wall times: the machine's other work moves it far less): ${runs(figures.harnessCpu.medians)}; fixed cost ${ms(figures.harnessCpu.fixedMs)}, marginal cost ${perTest(figures.harnessCpu.marginalMs)} per test`,
        ]
      : []),
    `the same tests written plainly (Playwright's request fixture and nock, no schema check): ${runs(plain.medians)}`,
    `  fixed cost ${ms(plain.fixedMs)}, marginal cost ${perTest(plain.marginalMs)} per test: the harness, schema check included, ${
      harness.marginalMs > plain.marginalMs ? 'adds' : 'saves'
    } ${perTest(Math.abs(harness.marginalMs - plain.marginalMs))} per test`,
  ];
  return { lines, met: fixedOk && marginalOk && ratioOk };
}

/** The profile table: each phase's CPU in a run of one test and of `largest`, and per added test; phases that cost nothing are left out. */
export function profileTable(one: ReadonlyMap<Phase, number>, many: ReadonlyMap<Phase, number>, largest: number): string[] {
  const rows = PHASES.filter((phase) => (one.get(phase) ?? 0) >= 0.5 || (many.get(phase) ?? 0) >= 0.5).map((phase) => {
    const [a, b] = [one.get(phase) ?? 0, many.get(phase) ?? 0];
    return [phase, a.toFixed(0), b.toFixed(0), ((b - a) / (largest - 1)).toFixed(2)];
  });
  const sum = (phases: ReadonlyMap<Phase, number>) =>
    [...phases].filter(([phase]) => phase !== 'worker idle (waiting for the runner)').reduce((total, [, ms]) => total + ms, 0);
  const [a, b] = [sum(one), sum(many)];
  rows.push(['CPU, all processes (idle left out)', a.toFixed(0), b.toFixed(0), ((b - a) / (largest - 1)).toFixed(2)]);
  const header = ['phase', 'N=1 (ms)', `N=${largest} (ms)`, 'per added test (ms)'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => `${'-'.repeat(width + 1)}${column === 0 ? '-' : ':'}`).join('|')}|`;
  return [line(header), rule, ...rows.map(line)];
}
