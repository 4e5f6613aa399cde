import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import type { NightRecord } from '../../authoring/history/night-record.ts';
import type { ContractMatrix } from '../../harness/report/contract-matrix.ts';
import type { MetadataDriftReport } from '../../harness/report/metadata-drift-file.ts';
import type { Outcome } from '../../harness/verdict/outcome.ts';
import { GitHubApiStandIn } from '../stand-ins/github-api-stand-in.ts';
import { answering, type GraphStandIn } from '../stand-ins/graph-stand-in.ts';
import { MetadataStandIn } from '../stand-ins/metadata-stand-in.ts';
import { ANNOUNCED, CHANGELOGS, COMMITTED_BETA, COMMITTED_V1, driftedBeta, SILENT } from '../support/metadata-nights.ts';
import { mergeReports, runProject, runSuite, TSX } from '../support/run-suite.ts';
import { expect, test } from '../support/stand-in-test.ts';
import { SUITE_TEST_TITLES, WHOLE_TEST_DIVERGENCES } from '../support/suite-facts.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BROWSER_FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'];
const SYMBOL: Record<Outcome, string> = {
  fail: '❌',
  'divergence gone': '🔔',
  'not tested': '⛔',
  'expected divergence': '⚠️',
  pass: '✅',
};
const DUPLICATE = '409 for a second create with the same id';
const CONNECTOR = '201 creates an active connector with a server-generated id';

interface Night {
  date: string;
  what: string;
  /** Sets the Graph stand-in up for the night. */
  graph: (graph: GraphStandIn) => void;
  /** The beta metadata the metadata stand-in serves that night (the committed one unless said). */
  beta?: () => string;
  /** Runs as the nightly does, two shards merged into one matrix, rather than one run. */
  sharded?: boolean;
  /** Written to the history before the night's append: a line it must name, skip, and get past. */
  damage?: string;
}

const NIGHTS: Night[] = [
  { date: '2026-05-01', what: 'a pass: every test passes or diverges as known', graph: () => undefined, sharded: true },
  {
    date: '2026-05-02',
    what: 'a new failure: Graph answers a duplicate id 400, not 409',
    graph: (g) => (g.breaks = 'duplicate-answers-400'),
  },
  {
    date: '2026-05-03',
    what: 'a flip back: the duplicate is 409 again',
    graph: (g) => (g.breaks = undefined),
    damage: '{"format": "graph-contracts history 1", "night": "2026-05-0\n',
  },
  { date: '2026-05-04', what: 'divergences gone: the pages’ paths are served as documented', graph: (g) => (g.profile = 'documented') },
  {
    date: '2026-05-05',
    what: 'a silent metadata change (and an announced one), on a hard night: two 429s (Retry-After: 1), and a DELETE refused until cleanup gives up (a leftover)',
    beta: driftedBeta,
    graph: (g) => {
      g.profile = 'service';
      g.throttle = { remaining: 2, retryAfter: '1', only: (method, path) => method === 'POST' && path === '/beta/external/connections' };
      g.answerOverride = answering('DELETE', /^\/beta\/identity\/apiConnectors\/[^/]+$/, { status: 503, body: '' }, { times: 3 });
    },
  },
];

const runUrl = (night: number) => `https://github.com/contoso/graph-contracts/actions/runs/${1000 + night}`;
const reportUrl = (night: number) => `${runUrl(night)}/artifacts/${2000 + night}`;

/** A command of the project, as a user runs it. */
const command = (script: string, ...args: string[]) => runProject(() => [TSX, `scripts/${script}.ts`, ...args], {});
/** The same, with the variables a night's job sets (where the metadata, the changelog and GitHub are). */
const commandWith = (env: Record<string, string>, script: string, ...args: string[]) =>
  runProject(() => [TSX, `scripts/${script}.ts`, ...args], env);

const CONNECTIONS = 'POST /beta/external/connections';
const API_CONNECTORS = 'POST /beta/identity/apiConnectors';

test('five nights against the stand-ins, with the metadata drift and the alerts: the history, the grid, first failed and last switch in Chromium, the drift report and the issues', async ({
  standIns,
}, testInfo) => {
  test.setTimeout(600_000);
  const work = testInfo.outputPath('nights');
  const history = join(work, 'history', 'nights.jsonl');
  const matrices: ContractMatrix[] = [];
  const drifts: MetadataDriftReport[] = [];
  const alerted: string[] = [];
  const metadata = new MetadataStandIn(standIns.pki, { csdl: { 'v1.0': COMMITTED_V1, beta: COMMITTED_BETA }, changelogs: CHANGELOGS });
  const github = new GitHubApiStandIn(standIns.pki);
  await metadata.start();
  await github.start();
  try {
    for (const [index, night] of NIGHTS.entries()) {
      night.graph(standIns.graph);
      metadata.options.csdl.beta = night.beta?.() ?? COMMITTED_BETA;
      // The drift job: tonight's metadata and the changelog, beside the contract.
      const driftFolder = join(work, `drift-${index}`);
      const drift = await commandWith(
        {
          GRAPH_METADATA_REPOSITORY_URL: metadata.repositoryUrl(),
          GRAPH_CHANGELOG_URL: metadata.changelogUrl(),
          NODE_EXTRA_CA_CERTS: standIns.pki.serverCertPath,
        },
        'metadata-drift',
        ...['--out', driftFolder],
      );
      expect(drift.code, drift.output).toBe(0);
      drifts.push(JSON.parse(readFileSync(join(driftFolder, 'metadata-drift.json'), 'utf8')) as MetadataDriftReport);

      const env = { ...(await standIns.env('github', 'record')), GRAPH_FIXTURES_DIR: join(work, `recorded-${index}`) };
      const matrixFile = await runNight(night, env, join(work, `night-${index}`), join(driftFolder, 'metadata-drift.json'));
      matrices.push(JSON.parse(readFileSync(matrixFile, 'utf8')) as ContractMatrix);
      damage(history, night);
      const appended = await command(
        'history-append',
        ...['--history', history, '--matrix', matrixFile, '--night', night.date],
        ...['--run-url', runUrl(index), '--report-url', reportUrl(index)],
      );
      expect(appended.code, appended.output).toBe(0);
      expect(appended.output).toContain(`history:append: appended the night of ${night.date} (${SUITE_TEST_TITLES.length} tests)`);
      expect(appended.output.includes('nights.jsonl:3: skipped: not JSON'), appended.output).toBe(index === 2);

      // The alerts job: the history as appended, and GitHub's issues.
      const alerts = await commandWith(
        {
          GITHUB_API_URL: github.apiUrl,
          GITHUB_REPOSITORY: github.repository,
          GITHUB_TOKEN: github.token,
          NODE_EXTRA_CA_CERTS: standIns.pki.serverCertPath,
        },
        'alerts',
        ...['--history', history],
      );
      expect(alerts.code, alerts.output).toBe(0);
      alerted.push(alerts.output);
    }
  } finally {
    await github.stop();
    await metadata.stop();
  }

  // The drift: nothing the first four nights; on the fifth, one announced change and one silent one.
  expect(drifts.map((drift) => drift.checked)).toEqual([true, true, true, true, true]);
  expect(drifts.slice(0, 4).flatMap((drift) => drift.operations.flatMap((operation) => operation.changes))).toEqual([]);
  const tonight = Object.fromEntries((drifts[4]?.operations ?? []).map((operation) => [operation.operationId, operation.changes]));
  expect(tonight[API_CONNECTORS]).toEqual([
    expect.objectContaining({ type: SILENT.type, change: 'property isActive removed', direction: 'breaks a reader and a writer' }),
  ]);
  expect(tonight[API_CONNECTORS]?.[0]).not.toHaveProperty('announced');
  for (const operationId of [CONNECTIONS, 'POST /beta/connections'])
    expect(tonight[operationId]).toEqual([
      expect.objectContaining({
        type: ANNOUNCED.type,
        change: 'property complianceSettings removed',
        announced: expect.objectContaining({ date: ANNOUNCED.date }),
      }),
    ]);
  // The merged matrix carries the drift as its column; the history, in each night's metadata column.
  const column = (matrix: ContractMatrix | undefined, operationId: string) =>
    matrix?.operations.find((row) => row.operationId === operationId)?.metadata;
  expect(column(matrices[0], API_CONNECTORS)).toEqual({ checked: true, changes: [] });
  expect(column(matrices[4], API_CONNECTORS)?.changes).toEqual(tonight[API_CONNECTORS]);
  expect(readFileSync(join(work, 'night-4', 'matrix', 'contract-matrix.md'), 'utf8')).toContain('| 🔇 1 silent |');

  // The issues: opened the night an operation turned red, closed when green, updated when what is wrong changed.
  expect(alerted[0]).toContain('alerts: nothing to open, update or close.');
  // The duplicate answered 400 fails, and so does the known issue's retry, which the same rule answers.
  const fails = matrices[1]?.operations
    .find((row) => row.operationId === CONNECTIONS)
    ?.tests.filter((t) => t.outcome === 'fail')
    .map((t) => t.title);
  expect(fails).toEqual(['503 for a broken result-layout card, then 409 on retry: the connection was created', DUPLICATE]);
  expect(alerted[1]).toContain(`alerts: opened #1 Contract alert: ${CONNECTIONS} (2 fails)`);
  expect(alerted[2]).toContain(`alerts: closed #1 Contract alert: ${CONNECTIONS}: green again`);
  expect(alerted[3]?.match(/^alerts: opened #\d+ .*\(1 divergence gone\)/gm)).toHaveLength(4);
  expect(alerted[4]).toContain(`alerts: updated #5 Contract alert: ${API_CONNECTORS}: new: 🧹 left behind`);
  expect(github.issues.map((issue) => [issue.number, issue.title, issue.state])).toEqual([
    [1, `Contract alert: ${CONNECTIONS}`, 'closed'],
    [2, 'Contract alert: POST /v1.0/applications/{applicationsId}/connectorGroup/members/$ref', 'closed'],
    [3, 'Contract alert: POST /beta/connectors', 'closed'],
    [4, 'Contract alert: POST /beta/connections', 'closed'],
    [5, `Contract alert: ${API_CONNECTORS}`, 'open'],
  ]);
  const failing = matrices[1]?.operations.flatMap((row) => row.tests).find((t) => t.title === DUPLICATE);
  const atFault = failing?.requests.find((request) => request.status === 400)?.requestId ?? '?';
  expect(github.issues[0]?.comments).toEqual([expect.stringMatching(/^\*\*Night of 2026-05-03\*\* .*: green again/)]);
  const opened = github.requests.find((request) => request.method === 'POST' && request.path.endsWith('/issues'));
  expect(opened?.body).toMatchObject({ body: expect.stringContaining(`\`POST /beta/external/connections → 400, request-id ${atFault}\``) });
  expect(opened?.body).toMatchObject({ body: expect.stringContaining(`[its report](${reportUrl(1)}) · [its run](${runUrl(1)})`) });
  const update = github.issues[4]?.comments.at(-1) ?? '';
  expect(update).toMatch(/^\*\*Night of 2026-05-05\*\* .*: still red\./);
  expect(update).toContain(
    `- new: 🔇 silent metadata change: ${SILENT.type}: property isActive removed (breaks a reader and a writer; no changelog entry announced it)`,
  );
  expect(update).toContain('- no longer: 🔔 divergence gone: 201 creates the API connector and never echoes its password');
  // The announced change opened nothing: the connections stay green, and their issues closed.
  expect(github.issues.filter((issue) => issue.body.includes(ANNOUNCED.type))).toEqual([]);

  const outcomes = matrices.map((matrix) => Object.fromEntries(matrix.operations.flatMap((row) => row.tests.map((t) => [t.id, t]))));
  const byTitle = (matrix: ContractMatrix, title: string) => matrix.operations.flatMap((row) => row.tests).find((t) => t.title === title);
  // The nights are what they say: the failure, the flip back, the divergences gone, the 429s and the leftover.
  expect(matrices.map((matrix) => byTitle(matrix, DUPLICATE)?.outcome)).toEqual(['pass', 'fail', 'pass', 'pass', 'pass']);
  for (const title of WHOLE_TEST_DIVERGENCES)
    expect(matrices.map((matrix) => byTitle(matrix, title)?.outcome)).toEqual([
      'expected divergence',
      'expected divergence',
      'expected divergence',
      'divergence gone',
      'expected divergence',
    ]);
  // The page's documented @odata.type is served too: the claim-scoped divergence goes with the others.
  expect(matrices.map((matrix) => byTitle(matrix, '201 creates the API connector and never echoes its password')?.outcome)).toEqual([
    'pass',
    'pass',
    'pass',
    'divergence gone',
    'pass',
  ]);
  // The merged night of two shards keys every test as a night of one run does.
  expect(Object.keys(outcomes[0] ?? {}).sort()).toEqual(Object.keys(outcomes[2] ?? {}).sort());

  const lines = readFileSync(history, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(5);
  const kept = lines.map((line) => JSON.parse(line) as NightRecord);
  expect(kept.map((night) => [night.night, night.runUrl, night.reportUrl])).toEqual(
    NIGHTS.map((n, i) => [n.date, runUrl(i), reportUrl(i)]),
  );
  const hard = kept[4];
  const throttled = hard?.operations.flatMap((o) => o.tests).flatMap((t) => t.throttled ?? []);
  expect(throttled).toEqual([
    { path: '/beta/external/connections', retryAfter: '1', seconds: 1 },
    { path: '/beta/external/connections', retryAfter: '1', seconds: 1 },
  ]);
  expect(hard?.leftovers.map((l) => l.operationId)).toEqual(['POST /beta/identity/apiConnectors']);
  const lifecycle = hard?.operations.flatMap((o) => o.tests).find((t) => t.title.startsWith('404 once deleted: the connection'));
  expect(lifecycle?.polls?.map((p) => [p.until, p.status])).toEqual([
    [200, 200],
    [404, 404],
  ]);
  const failed = kept[1]?.operations.flatMap((o) => o.tests).find((t) => t.title === DUPLICATE);
  const requestId = failed?.requests[1]?.[3];
  expect(failed?.requests.map(([method, path, status]) => `${method} ${path} ${status}`)).toEqual([
    'POST /beta/external/connections 201',
    'POST /beta/external/connections 400',
  ]);
  // The request-id kept is the one the service gave the answer at fault.
  expect(standIns.graph.log.find((r) => r.requestId === requestId)).toMatchObject({ method: 'POST', status: 400 });

  const changes = await command('history-changes', '--history', history);
  expect(changes.code, changes.output).toBe(0);
  expect(changes.output.trim()).toBe('Since 2026-05-04: 3 metadata changes (1 silent), 4 other outcome changes. 1 leftover tonight.');

  const page = join(work, 'trends', 'index.html');
  const rendered = await command('trends', '--history', history, '--out', page);
  expect(rendered.code, rendered.output).toBe(0);
  expect(rendered.output).toMatch(
    new RegExp(`^trends: wrote .*index\\.html \\(5 nights, ${SUITE_TEST_TITLES.length} test ids, \\d+ KB\\)\\.$`, 'm'),
  );

  test.skip(!existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: install Debian's chromium package or set CHROMIUM_PATH to check the page`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_FLAGS });
  try {
    const tab = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    tab.setDefaultTimeout(15_000);
    const requested: string[] = [];
    tab.on('request', (request) => requested.push(request.url()));
    await tab.goto(pathToFileURL(page).href);
    // Opened from disk, it asks for nothing but itself.
    expect(requested).toEqual([pathToFileURL(page).href]);
    await expect(tab.locator('#since')).toHaveText(
      'Since 2026-05-04: 3 metadata changes (1 silent), 4 other outcome changes. 1 leftover tonight.',
    );

    const rows = await gridRows(tab);
    expect(rows).toHaveLength(SUITE_TEST_TITLES.length);
    // Every cell, newest night first, is the outcome that night's matrix gave the test.
    for (const row of rows) {
      const expected = [...outcomes].reverse().map((night) => {
        const found = night[row.id];
        return found ? SYMBOL[found.outcome] : '';
      });
      expect(row.nights, row.title).toEqual(expected);
    }
    const duplicate = rows.find((row) => row.title === DUPLICATE);
    // Green again since 2026-05-03: no longer red.
    expect(duplicate).toMatchObject({ firstFailed: '2026-05-02', redSince: '—', lastSwitch: '❌→✅ 2026-05-03', flips: '2' });
    expect(duplicate?.nights).toEqual(['✅', '✅', '✅', '❌', '✅']);
    const connector = rows.find((row) => row.title === CONNECTOR);
    expect(connector).toMatchObject({ firstFailed: '—', lastSwitch: '🔔→⚠️ 2026-05-05', flips: '2' });
    const steady = rows.find((row) => row.title === '201 creates the connection in draft state');
    expect(steady).toMatchObject({ firstFailed: '—', redSince: '—', lastSwitch: '—', flips: '0' });

    // A chart per operation; the throttling table and the leftovers say what night 5 did.
    const card = tab.locator('article.card[data-operation="POST /beta/external/connections"]');
    await expect(card.locator('svg.chart polyline')).not.toHaveCount(0);
    await expect(card.locator('figcaption').filter({ hasText: 'create → readable' })).toContainText(
      'p50 0 s · p95 0 s (5 over the window)',
    );
    await expect(tab.locator('#retry-after tbody td')).toHaveText(['1', '2', '1', '2026-05-05']);
    await expect(tab.locator('#leftovers li')).toHaveCount(1);
    await expect(tab.locator('#leftovers li')).toContainText(
      '2026-05-05 POST /beta/identity/apiConnectors › 201 creates the API connector',
    );

    // A cell opens that night's reason and request-ids, with links to its report and its run.
    await tab.locator(`#grid tr[data-id="${duplicate?.id ?? ''}"] td.f`).click();
    const detail = tab.locator('#detail');
    await expect(detail).toBeVisible();
    await expect(detail).toContainText(`${DUPLICATE}POST /beta/external/connections · 2026-05-02 (record)❌ fail`);
    await expect(detail.locator('code').nth(1)).toHaveText(`POST /beta/external/connections → 400, request-id ${requestId ?? '?'}`);
    await expect(detail.getByRole('link', { name: "that night's report" })).toHaveAttribute('href', reportUrl(1));
    await expect(detail.getByRole('link', { name: 'its run' })).toHaveAttribute('href', runUrl(1));
    await expect(tab.locator('#grid th.night').first().getByRole('link')).toHaveAttribute('href', runUrl(4));
    // The metadata: a mark on the operation's row the night it changed, silent apart, and the list of changes.
    const operationRow = (operationId: string) =>
      tab.locator('#grid tr.op').filter({ has: tab.locator('th', { hasText: `${operationId} ` }) });
    await expect(operationRow(API_CONNECTORS).locator('td').first().locator('sup.md.s')).toHaveAttribute(
      'title',
      `1 metadata change, 1 silent: ${SILENT.type}: property isActive removed (breaks a reader and a writer; silent)`,
    );
    await expect(operationRow(CONNECTIONS).locator('td').first().locator('sup.md:not(.s)')).toHaveCount(1);
    await expect(operationRow(CONNECTIONS).locator('td').nth(1).locator('sup.md')).toHaveCount(0);
    const listed = tab.locator('#drift-changes tbody tr');
    await expect(listed).toHaveCount(3);
    await expect(listed.first()).toHaveText(
      `${API_CONNECTORS}${SILENT.type}property isActive removedbreaks a reader and a writersilent2026-05-05`,
    );
    await expect(listed.filter({ hasText: CONNECTIONS })).toContainText(
      `announced ${ANNOUNCED.date}: Removed the complianceSettings property from the externalConnection resource. (changelog/Microsoft.Search.json)`,
    );

    const screenshot = testInfo.outputPath('trends-five-nights.png');
    await tab.screenshot({ path: screenshot, fullPage: true });
    await testInfo.attach('trend page of five nights', { path: screenshot, contentType: 'image/png' });
  } finally {
    await browser.close();
  }
});

function damage(history: string, night: Night): void {
  if (night.damage !== undefined) appendFileSync(history, night.damage);
}

/**
 * One night of the suite against the stand-ins, as the nightly runs it (two shards merged, the drift
 * given to the merge) or as one run given the drift; the path of its matrix.
 */
async function runNight(night: Night, env: Record<string, string>, directory: string, driftFile: string): Promise<string> {
  const matrixDirectory = join(directory, 'matrix');
  if (!night.sharded) {
    // One worker: the night's 429s and refused DELETEs meet the same tests every time.
    await runSuite({ ...env, GRAPH_MATRIX_DIR: matrixDirectory, GRAPH_METADATA_DRIFT_FILE: driftFile }, ['--workers=1']);
    return join(matrixDirectory, 'contract-matrix.json');
  }
  const blobs = join(directory, 'all-blob-reports');
  mkdirSync(blobs, { recursive: true });
  for (const shard of [1, 2]) {
    const run = await runSuite({ ...env, PLAYWRIGHT_BLOB_OUTPUT_DIR: join(directory, `blob-${shard}`) }, [`--shard=${shard}/2`]);
    expect(run.code, run.output).toBe(0);
    cpSync(join(directory, `blob-${shard}`), blobs, { recursive: true });
  }
  const merged = await mergeReports(blobs, { GRAPH_MATRIX_DIR: matrixDirectory, GRAPH_METADATA_DRIFT_FILE: driftFile });
  expect(merged.code, merged.output).toBe(0);
  return join(matrixDirectory, 'contract-matrix.json');
}

interface GridRow {
  id: string;
  title: string;
  firstFailed: string;
  redSince: string;
  lastSwitch: string;
  flips: string;
  nights: string[];
}

/** The grid's test rows as a reviewer reads them: the title, first failed, red since, last switch, flips, then each night, newest first. */
async function gridRows(page: Page): Promise<GridRow[]> {
  const rows: GridRow[] = [];
  for (const row of await page.locator('#grid tr[data-id]').all()) {
    const [title = '', firstFailed = '', redSince = '', lastSwitch = '', flips = '', ...nights] = await row
      .locator('th, td')
      .allTextContents();
    rows.push({ id: (await row.getAttribute('data-id')) ?? '', title, firstFailed, redSince, lastSwitch, flips, nights });
  }
  return rows;
}

test('bad input to the history commands is one line naming the file or option and the fix, exit status 2, nothing written', async ({}, testInfo) => {
  const history = testInfo.outputPath('nights.jsonl');
  const old = testInfo.outputPath('old-matrix.json');
  writeFileSync(
    old,
    JSON.stringify({
      generatedAt: '2026-05-01T03:17:00.000Z',
      mode: 'record',
      stoppedShards: [],
      leftovers: [],
      operations: [{ operation: 'POST /x', tests: [] }],
    }),
  );

  const runs = await Promise.all([
    command('history-append', '--history', history, '--matrix', testInfo.outputPath('missing.json')),
    command('history-append', '--history', history, '--matrix', old),
    command('history-append', '--history', history, '--matrix', old, '--night', '2026-02-30'),
    command('history-append', '--matrix', old),
    command('history-append', '--history', history, '--keep', 'ninety'),
    command('trends', '--history', history),
    command('history-changes', '--history', history, '--since', 'yesterday'),
  ]);

  expect(runs.map((run) => run.code)).toEqual([2, 2, 2, 2, 2, 2, 2]);
  expect(runs.map((run) => run.output.trim().split('\n'))).toEqual([
    [
      expect.stringMatching(
        /^history:append: .*missing\.json cannot be read as a contract matrix \(ENOENT.*\): give --matrix the test-results\/contract-matrix\.json a run \(or npm run report:merge\) wrote\.$/,
      ),
    ],
    [
      expect.stringMatching(
        /^history:append: .*old-matrix\.json is not a contract matrix the history can read: at \/operations\/0\/operationId expected a value \(the property is required\), found \(missing\)\. A matrix written before tests had ids lacks them: run the suite \(or npm run report:merge\) again with this checkout\.$/,
      ),
    ],
    ['history:append: --night "2026-02-30" is not a date: give it as YYYY-MM-DD (2026-05-01), or leave it out for the matrix\'s own date.'],
    ['history:append: --history is required: name the history file (one night a line), such as --history history/nights.jsonl.'],
    ['history:append: --keep "ninety" is not a number of nights: give a whole number from 1 to 1000 (default 90).'],
    [expect.stringMatching(/^trends: .*nights\.jsonl does not exist: give --history the file npm run history:append keeps\.$/)],
    [expect.stringMatching(/^history:changes: Unknown option '--since'.*\. Usage: npm run history:changes -- --history <file\.jsonl>$/)],
  ]);
  expect(existsSync(history)).toBe(false);
});
