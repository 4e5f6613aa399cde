import { expect, test } from '@playwright/test';
import { appendNight, HistoryError, historyText, parseHistory } from '../../authoring/history/history-file.ts';
import { describeChanges, nightChanges } from '../../authoring/history/night-changes.ts';
import { HISTORY_FORMAT, nightOf, type NightRecord } from '../../authoring/history/night-record.ts';
import { percentiles, trendModel } from '../../authoring/history/trend-model.ts';
import { trendPage } from '../../authoring/history/trend-page.ts';
import type { ContractMatrix, MatrixTest } from '../../harness/report/contract-matrix.ts';
import type { Outcome } from '../../harness/verdict/outcome.ts';
import { generatedHistory } from '../support/generated-history.ts';

const OPERATION = 'POST /beta/external/connections';

function matrixTest(id: string, title: string, outcome: Outcome, extra: Partial<MatrixTest> = {}): MatrixTest {
  return {
    id,
    operationId: OPERATION,
    case: `${title.slice(0, 3)} 0000000${id.slice(-1)}`,
    title,
    outcome,
    reason: outcome === 'pass' ? '' : `${outcome}: why`,
    status: outcome === 'pass' ? 'passed' : 'failed',
    expectedStatus: 'passed',
    divergences: [],
    answeredBy: 'the service (record)',
    undocumented: [],
    notes: [],
    durationMs: 1200,
    requests: [{ method: 'POST', path: '/beta/external/connections', status: 201, requestId: 'r-1' }],
    polls: [],
    throttled: [],
    ...extra,
  };
}

function matrix(generatedAt: string, tests: MatrixTest[], extra: Partial<ContractMatrix> = {}): ContractMatrix {
  return {
    generatedAt,
    mode: 'record',
    stoppedShards: [],
    totals: { fail: 0, 'divergence gone': 0, 'not tested': 0, 'expected divergence': 0, pass: tests.length },
    operations: [
      {
        operation: 'POST /external/connections',
        operationId: OPERATION,
        method: 'POST',
        path: '/external/connections',
        version: 'beta',
        pageName: 'create-connection',
        specFile: 'create-connection.spec.ts',
        docs: undefined,
        page: 'pages/create-connection.md',
        docFindings: undefined,
        outcome: 'pass',
        answeredBy: [],
        undocumented: [],
        tests,
      },
    ],
    leftovers: [],
    ...extra,
  };
}

const CREATE = '201 creates the connection in draft state';
const DUPLICATE = '409 for a second create with the same id';

/** Nights of two tests, the second's outcomes as given, one night a day from 2026-05-01. */
function nights(outcomes: Outcome[]): NightRecord[] {
  let history: NightRecord[] = [];
  outcomes.forEach((outcome, night) => {
    const at = `2026-05-0${night + 1}T03:17:00.000Z`;
    history = appendNight(
      history,
      matrix(at, [matrixTest('aaaaaaaaaaa1', CREATE, 'pass'), matrixTest('aaaaaaaaaaa2', DUPLICATE, outcome)]),
      {},
      90,
    ).nights;
  });
  return history;
}

test('a night keeps per test its outcome, reason, duration, requests (cleanup apart), polls and 429 waits; replayed ones say nothing of the service', () => {
  const night = nightOf(
    matrix('2026-05-01T03:17:00.000Z', [
      matrixTest('aaaaaaaaaaa1', CREATE, 'fail', {
        requests: [
          { method: 'POST', path: '/beta/external/connections', status: 400, requestId: 'r-1' },
          { method: 'DELETE', path: '/beta/external/connections/{id}', status: 404, cleanup: true },
        ],
        polls: [
          {
            method: 'GET',
            path: '/beta/external/connections/{id}',
            until: 200,
            status: 200,
            attempts: 3,
            waitedSeconds: 4,
            replayed: false,
          },
          {
            method: 'GET',
            path: '/beta/external/connections/{id}',
            until: 404,
            status: 404,
            attempts: 1,
            waitedSeconds: 0,
            replayed: true,
          },
        ],
        throttled: [
          { method: 'POST', path: '/beta/external/connections', retryAfter: '2', seconds: 2, waited: true },
          { method: 'POST', path: '/beta/external/connections', seconds: 1, waited: true },
        ],
      }),
    ]),
    {
      night: '2026-05-01',
      runUrl: 'https://github.com/o/r/actions/runs/1',
      reportUrl: 'https://github.com/o/r/actions/runs/1/artifacts/2',
    },
  );

  expect(night).toMatchObject({ format: HISTORY_FORMAT, night: '2026-05-01', runUrl: 'https://github.com/o/r/actions/runs/1' });
  expect(night.operations[0]).toMatchObject({ id: OPERATION, page: 'create-connection', version: 'beta', metadata: [] });
  expect(night.operations[0]?.tests[0]).toEqual({
    id: 'aaaaaaaaaaa1',
    title: CREATE,
    case: '201 00000001',
    outcome: 'fail',
    reason: 'fail: why',
    ms: 1200,
    requests: [['POST', '/beta/external/connections', 400, 'r-1']],
    cleanup: [['DELETE', '/beta/external/connections/{id}', 404, null]],
    polls: [{ path: '/beta/external/connections/{id}', until: 200, status: 200, attempts: 3, waited: 4 }],
    throttled: [
      { path: '/beta/external/connections', retryAfter: '2', seconds: 2 },
      { path: '/beta/external/connections', seconds: 1 },
    ],
  });
  expect(parseHistory(historyText([night]), 'h.jsonl')).toEqual({ nights: [night], skipped: [] });
});

test('a corrupt or foreign line is reported with its file, line and why, and skipped; the others are read', () => {
  const [first, second] = nights(['pass', 'fail']);
  const broken = JSON.stringify({ ...second, operations: [{ id: 'x' }] });
  const text = [
    JSON.stringify(first),
    '{"format": "graph-contracts history 1", "night": ',
    '{"format": "allure history 3", "uid": "x"}',
    '',
    broken,
    JSON.stringify(second),
  ].join('\n');

  const { nights: read, skipped } = parseHistory(text, 'history/nights.jsonl');

  expect(read).toEqual([first, second]);
  expect(skipped.map(({ file, line }) => `${file}:${line}`)).toEqual([
    'history/nights.jsonl:2',
    'history/nights.jsonl:3',
    'history/nights.jsonl:5',
  ]);
  expect(skipped[0]?.why).toMatch(/^not JSON \(/);
  expect(skipped[1]?.why).toBe('not a night of this history (its "format" is "allure history 3", not "graph-contracts history 1")');
  expect(skipped[2]?.why).toMatch(
    /^not a valid night: at \/operations\/0\/\w+ expected a value \(the property is required\), found \(missing\) \(and \d+ more\)$/,
  );
});

test('appending keeps the nights in order, replaces a run appended twice, and drops the oldest beyond the cap', () => {
  const history = nights(['pass', 'pass', 'fail']);
  const again = appendNight(history, matrix('2026-05-02T03:17:00.000Z', [matrixTest('aaaaaaaaaaa1', CREATE, 'fail')]), {}, 90);
  expect(again.replaced).toBe(true);
  expect(again.nights.map((n) => [n.night, n.operations[0]?.tests.length])).toEqual([
    ['2026-05-01', 2],
    ['2026-05-02', 1],
    ['2026-05-03', 2],
  ]);

  const capped = appendNight(history, matrix('2026-05-04T03:17:00.000Z', []), { night: '2026-05-04' }, 2);
  expect(capped.nights.map((n) => n.night)).toEqual(['2026-05-03', '2026-05-04']);
  expect(capped.dropped.map((n) => n.night)).toEqual(['2026-05-01', '2026-05-02']);
});

test('a test whose code changed under the same title continues its row: the new id is linked to the old', () => {
  const history = nights(['pass', 'fail']);
  const changed = appendNight(
    history,
    matrix('2026-05-03T03:17:00.000Z', [matrixTest('aaaaaaaaaaa1', CREATE, 'pass'), matrixTest('bbbbbbbbbbb2', DUPLICATE, 'pass')]),
    {},
    90,
  );
  expect(changed.night.operations[0]?.tests.map((t) => t.continues)).toEqual([undefined, 'aaaaaaaaaaa2']);

  const model = trendModel(changed.nights);
  const rows = model.operations[0]?.tests ?? [];
  expect(rows.map((t) => [t.id, t.cells.map((c) => c?.outcome)])).toEqual([
    ['aaaaaaaaaaa1', ['pass', 'pass', 'pass']],
    ['bbbbbbbbbbb2', ['pass', 'fail', 'pass']],
  ]);
  expect(describeChanges(nightChanges(changed.nights))).toBe(`Since 2026-05-02: 1 fixed (${OPERATION} › ${DUPLICATE}).`);
});

test('a matrix that makes a night the history could not read back is bad input: one message naming the matrix and the field, nothing appended', () => {
  const good = matrix('2026-05-01T03:17:00.000Z', [matrixTest('aaaaaaaaaaa1', CREATE, 'pass')]);
  // The matrix's own schema lets a metadata change through with any kind; the history's does not.
  const changes = [{ type: 'microsoft.graph.widget', change: 'property x removed', kind: 'bogus' as never }];
  const bad = { ...good, operations: good.operations.map((row) => ({ ...row, metadata: { checked: true, changes } })) };

  expect(() => appendNight([], bad, {}, 90, 'test-results/contract-matrix.json')).toThrow(HistoryError);
  expect(() => appendNight([], bad, {}, 90, 'test-results/contract-matrix.json')).toThrow(
    /^test-results\/contract-matrix\.json makes a night the history could not read back: at \/operations\/0\/metadata\/0\/kind expected .+, found "bogus"\. Run the suite \(or npm run report:merge\) again with this checkout; nothing was appended\.$/,
  );
});

test('per test: the night it first failed, the last switch, and its flips between nights it was tested', () => {
  const model = trendModel(nights(['pass', 'fail', 'not tested', 'fail', 'pass', 'expected divergence', 'divergence gone']));
  const [steady, flaky] = model.operations[0]?.tests ?? [];

  expect(flaky).toMatchObject({
    firstFailed: 1,
    lastSwitch: { night: 6, from: 'expected divergence', to: 'divergence gone' },
    flips: 4,
    tested: 6,
  });
  expect(steady).toMatchObject({ flips: 0, tested: 7 });
  expect(steady?.firstFailed).toBeUndefined();
  expect(steady?.lastSwitch).toBeUndefined();
  expect(model.operations[0]?.worst).toEqual(['pass', 'fail', 'not tested', 'fail', 'pass', 'expected divergence', 'divergence gone']);
});

test('per test: red since, the first night of the failing streak it is in tonight (a night that could not test it does not end it); the grid shows it beside first failed', () => {
  const redSince = (outcomes: Outcome[]) => trendModel(nights(outcomes)).operations[0]?.tests[1]?.redSince;
  expect(redSince(['pass', 'fail', 'not tested', 'fail'])).toBe(1);
  expect(redSince(['fail', 'pass', 'fail', 'fail'])).toBe(2);
  expect(redSince(['fail', 'fail', 'pass'])).toBeUndefined();
  expect(redSince(['fail', 'divergence gone'])).toBeUndefined();

  const html = trendPage(nights(['fail', 'pass', 'fail', 'fail']));
  expect(html).toContain('<th>first failed</th><th>red since</th><th>last switch</th><th>flips</th>');
  expect(html).toContain('<td class="ff">2026-05-01</td><td class="rs">2026-05-03</td>');
  // The steady test's row: never red.
  expect(html).toMatch(/<td class="ff">—<\/td><td class="rs">—<\/td>/);
});

test('the line since last night names new failures and counts what was fixed, what divergence went, and tonight’s leftovers', () => {
  expect(describeChanges(nightChanges(nights(['pass'])))).toBe('First night in the history (2026-05-01): 2 tests.');
  expect(describeChanges(nightChanges(nights(['pass', 'fail'])))).toBe(`Since 2026-05-01: 1 new failure (${OPERATION} › ${DUPLICATE}).`);
  expect(describeChanges(nightChanges(nights(['fail', 'fail'])))).toBe('Since 2026-05-01: no test changed its outcome (2 tests).');
  expect(describeChanges(nightChanges(nights(['expected divergence', 'divergence gone'])))).toBe(
    `Since 2026-05-01: 1 divergence gone (${OPERATION} › ${DUPLICATE}).`,
  );
  // Both nights were given a drift report: a night without one says nothing of the metadata.
  const withMetadata = nights(['pass', 'pass']).map((night) => ({ ...night, metadataDrift: { checked: true } }));
  withMetadata[1]?.operations[0]?.metadata.push({
    type: 'microsoft.graph.externalConnectors.externalConnection',
    change: 'property removed',
    member: 'state',
  });
  withMetadata[1]?.leftovers.push({ operationId: OPERATION, testId: 'aaaaaaaaaaa1', description: 'DELETE … refused' });
  expect(describeChanges(nightChanges(withMetadata))).toBe('Since 2026-05-01: 1 metadata change (1 silent). 1 leftover tonight.');
});

test('the line since last night compares each test with the last night it was tested: a night that could not test it is neither a failure nor a fix', () => {
  // Failing before and after a night that could not test it: nothing new.
  expect(describeChanges(nightChanges(nights(['fail', 'not tested', 'fail'])))).toBe(
    'Since 2026-05-02: no test changed its outcome (2 tests).',
  );
  expect(describeChanges(nightChanges(nights(['fail', 'not tested', 'pass'])))).toBe(
    `Since 2026-05-02: 1 fixed (${OPERATION} › ${DUPLICATE}).`,
  );
  expect(describeChanges(nightChanges(nights(['pass', 'not tested', 'not tested', 'fail'])))).toBe(
    `Since 2026-05-03: 1 new failure (${OPERATION} › ${DUPLICATE}).`,
  );
  // Not tested twice running is not news either; the first such night is.
  expect(describeChanges(nightChanges(nights(['pass', 'not tested'])))).toBe('Since 2026-05-01: 1 newly not tested.');
  expect(describeChanges(nightChanges(nights(['pass', 'not tested', 'not tested'])))).toBe(
    'Since 2026-05-02: no test changed its outcome (2 tests).',
  );
});

test('durations and time to consistency per operation: nearest-rank p50 and p95, per night and over the window', () => {
  expect(percentiles([])).toBeUndefined();
  expect(percentiles([4, 1, 3, 2])).toEqual({ p50: 2, p95: 4, count: 4 });
  expect(percentiles(Array.from({ length: 100 }, (_, i) => i + 1))).toEqual({ p50: 50, p95: 95, count: 100 });

  let history: NightRecord[] = [];
  for (const [night, waited] of [
    [1, [2, 4]],
    [2, [6]],
  ] as const) {
    const polled = waited.map((seconds, i) =>
      matrixTest(`aaaaaaaaaab${i}`, `404 once deleted ${i}`, 'pass', {
        durationMs: 1000 * (seconds + 1),
        polls: [
          {
            method: 'GET',
            path: '/beta/x/{id}',
            until: 200,
            status: 200,
            attempts: seconds / 2 + 1,
            waitedSeconds: seconds,
            replayed: false,
          },
          { method: 'GET', path: '/beta/x/{id}', until: 404, status: 200, attempts: 20, waitedSeconds: 60, replayed: false },
        ],
      }),
    );
    history = appendNight(history, matrix(`2026-05-0${night}T03:17:00.000Z`, polled), {}, 90).nights;
  }
  const [operation] = trendModel(history).operations;

  expect(operation?.readable.nights).toEqual([
    { p50: 2, p95: 4, count: 2 },
    { p50: 6, p95: 6, count: 1 },
  ]);
  expect(operation?.readable.window).toEqual({ p50: 4, p95: 6, count: 3 });
  expect(operation?.gone).toMatchObject({ window: undefined, unreached: 3 });
  expect(operation?.duration.window).toEqual({ p50: 5, p95: 7, count: 3 });
});

test('90 nights of 500 tests make a page under 2 MB, and the page asks for nothing over the network', () => {
  const history = generatedHistory({ nights: 90, tests: 500 });
  const html = trendPage(history);
  test.info().annotations.push({ type: 'page size', description: `${Math.round(Buffer.byteLength(html) / 1024)} KB` });

  expect(Buffer.byteLength(html)).toBeLessThan(2 * 1024 * 1024);
  expect(html.match(/<tr data-t=/g)).toHaveLength(500);
  // No script, style, image or frame from elsewhere: only links a reviewer follows.
  expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/);
  expect(html).not.toMatch(/url\(|@import/);
});

test('what a night says is text on the page, never markup: titles, reasons and links are escaped', () => {
  const hostile = '201 creates <img src=x onerror=alert(1)> & </script><script>alert(2)</script>';
  const history = appendNight(
    [],
    matrix('2026-05-01T03:17:00.000Z', [matrixTest('aaaaaaaaaaa1', hostile, 'fail', { reason: '</script><b>bold</b>' })]),
    {},
    90,
  ).nights;
  // A link the history's schema would refuse (a quote is no URI character): the page escapes whatever it is given.
  const html = trendPage(history.map((night) => ({ ...night, runUrl: 'https://github.com/o/r/actions/runs/1?a="b"' })));

  expect(html).toContain('201 creates &#60;img src=x onerror=alert(1)&#62; &#38; &#60;/script&#62;');
  expect(html).not.toContain('<img src=x');
  expect(html).not.toContain('</script><b>');
  expect(html).toContain('\\u003c/script>\\u003cb>bold\\u003c/b>');
  expect(html).toContain('href="https://github.com/o/r/actions/runs/1?a=&#34;b&#34;"');
});
