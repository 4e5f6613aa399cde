import { expect, test } from '@playwright/test';
import { fitLine, junitShortfall, median, profileTable, scaleFigures, scaleReport, type Round } from '../support/bench-figures.ts';
import type { Phase } from '../support/cpu-profile-phases.ts';

// Fake timings only: the bench measures, its tests check its arithmetic and what it prints.

const sizes = [1, 250, 500];
const line = (base: number, { fixed, perTest }: { fixed: number; perTest: number }) =>
  new Map(sizes.map((n) => [n, base + fixed + (n - 1) * perTest]));

/** A round whose runs take `bare` ms, and `fixed + n × perTest` ms more through each case; CPU only when given. */
function round(
  bare: number,
  harness: { fixed: number; perTest: number },
  plain = { fixed: 100, perTest: 20 },
  suite = bare * 1.5,
  cpu?: { bare: number; harness: { fixed: number; perTest: number } },
): Round {
  return {
    bare,
    suite,
    harness: line(bare, harness),
    plain: line(bare, plain),
    ...(cpu ? { cpu: { bare: cpu.bare, harness: line(cpu.bare, cpu.harness) } } : {}),
  };
}

test('medians of an odd and an even count, and a line fitted through points', () => {
  expect(median([5, 1, 3])).toBe(3);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(() => median([])).toThrow('no numbers');

  const exact = fitLine([1, 250, 500].map((n) => ({ n, ms: 1200 + 8 * n })));
  expect(exact.slope).toBeCloseTo(8, 9);
  expect(exact.intercept).toBeCloseTo(1200, 9);
  const noisy = fitLine([
    { n: 1, ms: 1000 },
    { n: 250, ms: 3600 },
    { n: 500, ms: 6000 },
  ]);
  expect(noisy.slope).toBeCloseTo(10.02, 2);
  expect(() => fitLine([{ n: 1, ms: 1 }])).toThrow('two different N');
});

test('the fixed cost pairs each N=1 run with the bare run of its round; the marginal cost is the slope over the medians', () => {
  // The machine slows the third round as a whole: paired, it moves neither figure.
  const rounds = [
    round(1000, { fixed: 120, perTest: 9 }),
    round(1100, { fixed: 140, perTest: 9 }),
    round(3000, { fixed: 130, perTest: 9 }),
  ];

  const figures = scaleFigures(rounds);

  expect(figures.sizes).toEqual([1, 250, 500]);
  expect(figures.bare).toBe(1100);
  expect(figures.harness.fixedMs).toBe(130);
  expect(figures.harness.marginalMs).toBeCloseTo(9, 6);
  expect(figures.harness.medians.get(500)).toBe(1100 + 140 + 499 * 9);
  expect(figures.plain.fixedMs).toBe(100);
  expect(figures.plain.marginalMs).toBeCloseTo(20, 6);
  expect(figures.suiteRatio).toBe(1.5);
});

test('the report prints each figure against its goal and is met only when every goal is', () => {
  const meets = scaleReport(scaleFigures([round(1000, { fixed: 120, perTest: 8 }, { fixed: 100, perTest: 20 }, 1200)]));

  expect(meets.met).toBe(true);
  expect(meets.lines).toEqual([
    'medians of 1 round:',
    'bare one-test Playwright run: 1000 ms',
    'replay suite: 1200 ms; ratio to the bare run 1.20 (goal ≤ 1.25) meets the goal',
    'scale case, specs as new-spec writes them, through the harness: N=1 1120 ms, N=250 3112 ms, N=500 5112 ms',
    '  the whole run of 500 tests: 5112 ms',
    '  fixed cost per run (N=1 less the bare run): 120 ms (goal ≤ 150 ms) meets the goal',
    '  marginal cost per test (slope over N=1, 250, 500): 8.0 ms (goal ≤ 10 ms) meets the goal',
    "the same tests written plainly (Playwright's request fixture and nock, no schema check): N=1 1100 ms, N=250 6080 ms, N=500 11080 ms",
    '  fixed cost 100 ms, marginal cost 20.0 ms per test: the harness, schema check included, saves 12.0 ms per test',
  ]);

  const slow = scaleReport(scaleFigures([round(1000, { fixed: 120, perTest: 10.5 }, undefined, 1200)]));
  expect(slow.met).toBe(false);
  expect(slow.lines).toContain('  marginal cost per test (slope over N=1, 250, 500): 10.5 ms (goal ≤ 10 ms) MISSES the goal');

  // CPU, which the machine's other work moves far less than wall time, when the bench could read it.
  const cpu = scaleReport(
    scaleFigures([
      round(1000, { fixed: 120, perTest: 8 }, undefined, 1200, { bare: 900, harness: { fixed: 110, perTest: 7 } }),
      round(2000, { fixed: 300, perTest: 12 }, undefined, 2400, { bare: 950, harness: { fixed: 130, perTest: 7.5 } }),
      round(1100, { fixed: 130, perTest: 9 }, undefined, 1320, { bare: 920, harness: { fixed: 120, perTest: 7.2 } }),
    ]),
  );
  expect(cpu.lines.slice(7, 8)).toEqual([
    "  CPU of the run, user + system of all its processes (read beside the wall times: the machine's other work moves it far less): N=1 1040 ms, N=250 2833 ms, N=500 4633 ms; fixed cost 120 ms, marginal cost 7.2 ms per test",
  ]);
  expect(meets.lines.join('\n')).not.toContain('CPU');

  const heavy = scaleReport(scaleFigures([round(1000, { fixed: 151, perTest: 8 }, undefined, 1200)]));
  expect(heavy.met).toBe(false);
  expect(heavy.lines).toContain('  fixed cost per run (N=1 less the bare run): 151 ms (goal ≤ 150 ms) MISSES the goal');

  const suite = scaleReport(scaleFigures([round(1000, { fixed: 120, perTest: 8 }, undefined, 1300)]));
  expect(suite.met).toBe(false);
  expect(suite.lines).toContain('replay suite: 1300 ms; ratio to the bare run 1.30 (goal ≤ 1.25) MISSES the goal');
});

test('the profile table gives each phase at N=1, at N and per added test, idle apart from the CPU total', () => {
  const one = new Map<Phase, number>([
    ['config load', 70],
    ['request through nock', 6],
    ['worker idle (waiting for the runner)', 0],
  ]);
  const many = new Map<Phase, number>([
    ['config load', 74],
    ['request through nock', 1503],
    ['worker idle (waiting for the runner)', 999],
    ['schema validation', 0.2],
  ]);

  expect(profileTable(one, many, 500)).toEqual([
    '| phase                                | N=1 (ms) | N=500 (ms) | per added test (ms) |',
    '|--------------------------------------|---------:|-----------:|--------------------:|',
    '| config load                          |       70 |         74 |                0.01 |',
    '| request through nock                 |        6 |       1503 |                3.00 |',
    '| worker idle (waiting for the runner) |        0 |        999 |                2.00 |',
    '| CPU, all processes (idle left out)   |       76 |       1577 |                3.01 |',
  ]);
});

test('a timed run that exits 0 must still have passed each of its tests, by its JUnit report', () => {
  const junit = (totals: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites id="" name="" ${totals} time="1.2">\n</testsuites>\n`;
  expect(junitShortfall(junit('tests="500" failures="0" skipped="0" errors="0"'), 500)).toBeUndefined();
  expect(junitShortfall(junit('tests="499" failures="0" skipped="0" errors="0"'), 500)).toBe(
    '500 tests should pass; the JUnit report says tests=499, failures=0, skipped=0, errors=0',
  );
  expect(junitShortfall(junit('tests="500" failures="0" skipped="3" errors="0"'), 500)).toContain('skipped=3');
  expect(junitShortfall(junit('tests="500" failures="2" skipped="0" errors="0"'), 500)).toContain('failures=2');
  expect(junitShortfall('', 6)).toBe('6 tests should pass; the run wrote no JUnit report');
});
