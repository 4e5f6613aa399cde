import { changelogState, type ChangelogState } from '../../harness/report/metadata-drift-file.ts';
import type { Outcome } from '../../harness/verdict/outcome.ts';
import type { MetadataChange, NightRecord } from './night-record.ts';
import { describeChanges, nightChanges } from './night-changes.ts';
import { barChart, escapeHtml, formatNumber, lineChart } from './trend-charts.ts';
import { TREND_PAGE_SCRIPT, TREND_PAGE_STYLE } from './trend-page-assets.ts';
import {
  trendModel,
  type ConsistencySeries,
  type Percentiles,
  type TrendModel,
  type TrendOperation,
  type TrendTest,
} from './trend-model.ts';

/** Each outcome's symbol, as the contract matrix writes it, and the class that colours its cell. */
export const OUTCOME_SYMBOL: Record<Outcome, string> = {
  fail: '❌',
  'divergence gone': '🔔',
  'not tested': '⛔',
  'expected divergence': '⚠️',
  pass: '✅',
};
const OUTCOME_CLASS: Record<Outcome, string> = {
  fail: 'f',
  'divergence gone': 'g',
  'not tested': 'n',
  'expected divergence': 'e',
  pass: 'p',
};
const LEGEND: Outcome[] = ['pass', 'fail', 'expected divergence', 'divergence gone', 'not tested'];

/** The cells before the nights in a test's row: the test, first failed, red since, last switch, flips (the page's script counts on it). */
const STAT_COLUMNS = 5;

/**
 * The trend page: one self-contained HTML file (styles, data and its small script inlined; no
 * request of any kind), from the history's nights, oldest first. The grid shows the newest night
 * first; the charts run oldest to newest.
 */
export function trendPage(history: readonly NightRecord[], now = new Date()): string {
  const model = trendModel(history);
  const newestFirst = model.nights.map((_, index) => model.nights.length - 1 - index);
  const first = model.nights[0]?.night ?? '';
  const last = model.nights.at(-1)?.night ?? '';
  const title =
    model.nights.length === 0
      ? 'Contract trends: no night yet'
      : `Contract trends: ${plural(model.nights.length, 'night')}, ${first} to ${last}`;
  const tests = model.operations.flatMap((operation) => operation.tests.map((test) => ({ operation, test })));
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title><style>${TREND_PAGE_STYLE}</style></head><body>`,
    `<header><h1>${escapeHtml(title)}</h1>`,
    `<p id="since" class="since">${escapeHtml(describeChanges(nightChanges(history)))}</p>`,
    `<ul class="legend">${LEGEND.map((o) => `<li><span class="${OUTCOME_CLASS[o]}">${OUTCOME_SYMBOL[o]}</span> ${o}</li>`).join('')}<li><span class="x"></span> not in that night's run</li></ul>`,
    `<p class="note">${escapeHtml(`${plural(tests.length, 'test')} of ${plural(model.operations.length, 'operation')}. Newest night first. Click a cell for its reason, request-ids, and links to that night's report and run. Flips: how often a test's outcome changed between nights it was tested. Rendered ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC.`)}</p></header>`,
    '<main>',
    gridSection(model, newestFirst),
    operationsSection(model),
    driftSection(model, newestFirst),
    throttlingSection(model),
    leftoversSection(model, newestFirst),
    '</main>',
    '<aside id="detail" hidden></aside>',
    `<script type="application/json" id="trend-data">${scriptJson(pageData(model, tests))}</script>`,
    `<script>${TREND_PAGE_SCRIPT}</script>`,
    '</body></html>\n',
  ].join('\n');
}

/** A night whose run was given no drift report: it knows no more of the metadata than one whose check failed. */
const NO_DRIFT_REPORT = 'no drift report that night (the drift job left none)';

function gridSection(model: TrendModel, newestFirst: readonly number[]): string {
  // Once the window holds a drift check, a night without one is worth saying; before, every night is.
  const driftChecked = model.nights.some((night) => night.metadataDrift !== undefined);
  const nightHeads = newestFirst.map((index) => {
    const night = model.nights[index];
    if (!night) return '<th></th>';
    const trouble = night.notTested ?? night.stoppedShards.map((s) => `shard ${s.shard} stopped: ${s.why}`).join('; ');
    const label = night.label.slice(5);
    const text = night.runUrl ? `<a href="${escapeHtml(night.runUrl)}">${escapeHtml(label)}</a>` : escapeHtml(label);
    const drift = !night.metadataDrift
      ? driftChecked
        ? `; metadata not checked: ${NO_DRIFT_REPORT}`
        : ''
      : night.metadataDrift.checked
        ? ''
        : `; metadata not checked: ${night.metadataDrift.why ?? 'no reason given'}`;
    return `<th class="night${trouble ? ' stopped' : ''}" title="${escapeHtml(`${night.label} (${night.mode})${trouble ? `: ${trouble}` : ''}${drift}`)}">${text}</th>`;
  });
  const runRow = (label: string, values: number[], className: string) =>
    `<tr class="run"><th colspan="${STAT_COLUMNS}">${label}</th>${newestFirst.map((index) => (values[index] ? `<td class="${className}">${values[index]}</td>` : '<td></td>')).join('')}</tr>`;
  let row = 0;
  const body = model.operations.map((operation) => {
    const opCells = newestFirst
      .map((index) => {
        const worst = operation.worst[index];
        return `${worst ? cellHtml(worst) : '<td class=x>'}${metadataMarker(operation.metadata[index] ?? [])}`;
      })
      .join('');
    const head = `<tr class="op"><th colspan="${STAT_COLUMNS}" scope="rowgroup">${escapeHtml(operation.id)} <span class="page">${escapeHtml(operation.page)}</span></th>${opCells}</tr>`;
    return head + operation.tests.map((test) => testRow(test, model, newestFirst, row++)).join('');
  });
  return [
    '<section id="tests"><h2>Tests by night</h2><div class="scroll"><table id="grid">',
    `<thead><tr><th class="test">operation › test</th><th>first failed</th><th>red since</th><th>last switch</th><th>flips</th>${nightHeads.join('')}</tr>`,
    runRow(
      'leftovers',
      model.nights.map((n) => n.leftovers.length),
      'left',
    ),
    runRow(
      '429 waits',
      model.nights.map((n) => n.throttleWaits),
      'wait',
    ),
    `</thead><tbody>${body.join('')}</tbody></table></div></section>`,
  ].join('');
}

function testRow(test: TrendTest, model: TrendModel, newestFirst: readonly number[], row: number): string {
  const night = (index: number | undefined) => (index === undefined ? undefined : model.nights[index]?.label);
  const firstFailed = night(test.firstFailed);
  const redSince = night(test.redSince);
  const lastSwitch = test.lastSwitch;
  const cells = newestFirst
    .map((index) => {
      const cell = test.cells[index];
      return cell ? cellHtml(cell.outcome) : '<td class=x>';
    })
    .join('');
  return (
    `<tr data-t="${row}" data-id="${test.id}"><th class="test" title="${escapeHtml(`case ${test.case} · id ${test.id}`)}">${escapeHtml(test.title)}</th>` +
    `<td class="ff">${firstFailed ? escapeHtml(firstFailed) : '—'}</td>` +
    `<td class="rs">${redSince ? escapeHtml(redSince) : '—'}</td>` +
    `<td class="ls">${lastSwitch ? `${OUTCOME_SYMBOL[lastSwitch.from]}→${OUTCOME_SYMBOL[lastSwitch.to]} ${escapeHtml(night(lastSwitch.night) ?? '')}` : '—'}</td>` +
    `<td class="fl">${test.flips}</td>${cells}</tr>`
  );
}

/**
 * One night's cell: unquoted and unclosed, as HTML allows, and a pass (most cells) without a class,
 * the grid's default colour: at 45,000 cells each byte saved is 45 KB of the page.
 */
function cellHtml(outcome: Outcome): string {
  return outcome === 'pass' ? `<td>${OUTCOME_SYMBOL.pass}` : `<td class=${OUTCOME_CLASS[outcome]}>${OUTCOME_SYMBOL[outcome]}`;
}

function operationsSection(model: TrendModel): string {
  const labels = model.nights.map((n) => n.label);
  const cards = model.operations.map((operation) => {
    const duration = figure(
      `duration of its tests: ${overWindow(operation.duration.window, 's')}`,
      lineChart(series(operation.duration.nights), { title: `${operation.id}: duration per night, oldest to newest`, unit: 's' }),
    );
    const consistency = (name: string, what: string, data: ConsistencySeries) =>
      data.window === undefined && data.unreached === 0
        ? ''
        : figure(
            `${what}: ${overWindow(data.window, 's')}${data.unreached > 0 ? `; ${plural(data.unreached, 'poll')} never saw it within the poll's bound` : ''}`,
            lineChart(series(data.nights), { title: `${operation.id}: ${name} per night, oldest to newest`, unit: 's' }),
          );
    return (
      `<article class="card" data-operation="${escapeHtml(operation.id)}"><h3>${escapeHtml(operation.id)}</h3><p class="page">${escapeHtml(operation.page)}</p>` +
      duration +
      consistency('time to readable', 'create → readable', operation.readable) +
      consistency('time to gone', 'delete → gone', operation.gone) +
      metadataLine(operation, labels) +
      '</article>'
    );
  });
  return `<section id="operations"><h2>Per operation</h2><p class="note">Charts run oldest to newest: each night's p50 and p95, and over the window in the caption.</p><div class="cards">${cards.join('')}</div></section>`;
}

function series(nights: readonly (Percentiles | undefined)[]) {
  return [
    { className: 'p95', label: 'p95', values: nights.map((p) => p?.p95) },
    { className: 'p50', label: 'p50', values: nights.map((p) => p?.p50) },
  ];
}

function figure(caption: string, chart: string): string {
  return `<figure>${chart}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

function overWindow(p: Percentiles | undefined, unit: string): string {
  return p === undefined
    ? 'none yet'
    : `p50 ${formatNumber(p.p50)} ${unit} · p95 ${formatNumber(p.p95)} ${unit} (${p.count} over the window)`;
}

/** The nights the drift check reported changes for this operation, and how many. */
function metadataLine(operation: TrendOperation, labels: readonly string[]): string {
  const changed = operation.metadata.flatMap((changes, index) => (changes.length > 0 ? [`${labels[index] ?? ''}: ${changes.length}`] : []));
  return changed.length === 0 ? '' : `<p class="metadata">metadata changes: ${escapeHtml(changed.join(', '))}</p>`;
}

/** `property isActive removed (breaks a reader and a writer; silent)`: a change as a marker's title and the drift list say it. */
function changeText(change: MetadataChange): string {
  const said = change.announced === undefined ? changelogState(change) : `announced ${change.announced.date}`;
  return `${change.type}: ${change.change} (${change.direction ?? 'direction unknown'}; ${said})`;
}

/** A changelog entry's Markdown as the page shows it: a link's text without its address, no emphasis marks. */
function plainText(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1');
}

/** The operation row's mark for a night with metadata changes: `M`, set apart when one is silent (or, else, unknown), the changes in its title. */
function metadataMarker(changes: readonly MetadataChange[]): string {
  if (changes.length === 0) return '';
  const silent = changes.filter((change) => changelogState(change) === 'silent').length;
  const unknown = changes.filter((change) => changelogState(change) === 'unknown').length;
  const counts = `${silent > 0 ? `, ${silent} silent` : ''}${unknown > 0 ? `, ${unknown} unknown` : ''}`;
  const title = `${plural(changes.length, 'metadata change')}${counts}: ${changes.map(changeText).join('; ')}`;
  return `<sup class="md${silent > 0 ? ' s' : unknown > 0 ? ' u' : ''}" title="${escapeHtml(title)}">M</sup>`;
}

/** The drift section's order within a night: what a reviewer acts on first. */
const STATE_ORDER: readonly ChangelogState[] = ['silent', 'unknown', 'announced'];

/**
 * Each metadata change of the window once, per operation: the type, what changed, whom it breaks,
 * the changelog's word (or silent), and the first and last night the drift check reported it.
 */
function driftSection(model: TrendModel, newestFirst: readonly number[]): string {
  const seen = new Map<string, { operation: string; change: MetadataChange; nights: number[] }>();
  for (const index of [...newestFirst].reverse()) {
    for (const operation of model.operations) {
      for (const change of operation.metadata[index] ?? []) {
        const key = `${operation.id}\n${change.type}\n${change.change}`;
        const entry = seen.get(key) ?? { operation: operation.id, change, nights: [] };
        entry.nights.push(index);
        seen.set(key, entry);
      }
    }
  }
  const checked = model.nights.some((night) => night.metadataDrift !== undefined);
  const label = (index: number | undefined) => (index === undefined ? '' : (model.nights[index]?.label ?? ''));
  // Newest first, silent before unknown before announced: what a reviewer acts on leads.
  const rows = [...seen.values()]
    .sort(
      (a, b) =>
        (b.nights.at(-1) ?? 0) - (a.nights.at(-1) ?? 0) ||
        STATE_ORDER.indexOf(changelogState(a.change)) - STATE_ORDER.indexOf(changelogState(b.change)),
    )
    .map(({ operation, change, nights }) => {
      const first = label(nights[0]);
      const last = label(nights.at(-1));
      const when = nights.length === 1 ? first : `${first} → ${last} (${plural(nights.length, 'night')})`;
      const said =
        change.announced !== undefined
          ? escapeHtml(`announced ${change.announced.date}: ${plainText(change.announced.text)}`)
          : change.unknown === undefined
            ? '<b class="silent">silent</b>'
            : `<b class="unknown">unknown</b>: ${escapeHtml(change.unknown)}`;
      return `<tr><td>${escapeHtml(operation)}</td><td>${escapeHtml(change.type)}</td><td>${escapeHtml(change.change)}</td><td>${escapeHtml(change.direction ?? 'direction unknown')}</td><td>${said}</td><td>${escapeHtml(when)}</td></tr>`;
    });
  const body = !checked
    ? '<p>No night in the window checked the metadata (npm run metadata:drift).</p>'
    : rows.length === 0
      ? '<p>No metadata change in the window.</p>'
      : `<table class="plain" id="drift-changes"><thead><tr><th>operation</th><th>type</th><th>change</th><th>breaks</th><th>changelog</th><th>reported</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  return `<section id="drift"><h2>Metadata drift</h2><p class="note">Changes to the types each operation uses, in Graph's metadata against the committed metadata; silent: no changelog entry announced it; unknown: no changelog file is known for the type, or it could not be read. <sup class="md s">M</sup> marks an operation's night with a silent change, <sup class="md u">M</sup> one with unknown ones and none silent, <sup class="md">M</sup> one with announced changes only. Until the pull request updating the committed metadata is merged, each night reports the change again.</p>${body}</section>`;
}

function throttlingSection(model: TrendModel): string {
  const labels = model.nights.map((n) => n.label);
  const rows = model.retryAfter.map(
    (seen) =>
      `<tr><td>${escapeHtml(seen.value === 'none' ? 'none (backed off)' : seen.value)}</td><td>${seen.waits}</td><td>${seen.nights}</td><td>${escapeHtml(seen.lastNight)}</td></tr>`,
  );
  const table =
    rows.length === 0
      ? '<p>No 429 in the window.</p>'
      : `<table class="plain" id="retry-after"><thead><tr><th>Retry-After</th><th>waits</th><th>nights</th><th>last seen</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const chart = barChart(
    model.nights.map((n) => n.throttleWaits),
    labels,
    { title: '429 waits per night, oldest to newest', unit: 'waits', className: 'waits' },
  );
  return `<section id="throttling"><h2>Throttling</h2><p class="note">Retry-After values Graph sent, and the 429s waited out each night.</p>${figure('429 waits per night', chart)}${table}</section>`;
}

function leftoversSection(model: TrendModel, newestFirst: readonly number[]): string {
  const labels = model.nights.map((n) => n.label);
  const chart = barChart(
    model.nights.map((n) => n.leftovers.length),
    labels,
    { title: 'Leftovers per night, oldest to newest', unit: 'leftovers', className: 'leftovers' },
  );
  const titles = new Map(model.operations.flatMap((o) => o.tests.map((t) => [t.id, t.title])));
  const listed = newestFirst
    .flatMap((index) => {
      const night = model.nights[index];
      return (night?.leftovers ?? []).map(
        (leftover) =>
          `<li><b>${escapeHtml(night?.label ?? '')}</b> ${escapeHtml(leftover.operationId)} › ${escapeHtml(titles.get(leftover.testId) ?? leftover.testId)}: ${escapeHtml(leftover.description)}</li>`,
      );
    })
    .slice(0, 50);
  return `<section id="leftovers"><h2>Leftovers</h2><p class="note">What a test created and cleanup could not prove deleted; npm run sweep removes the suite's own after an hour.</p>${figure('leftovers per night', chart)}${listed.length === 0 ? '<p>None in the window.</p>' : `<ul>${listed.join('')}</ul>`}</section>`;
}

/** What the page's script needs beyond the grid's own text: per test its operation and durations, per cell that is not a pass its reason and exchanges. */
function pageData(model: TrendModel, tests: readonly { operation: TrendOperation; test: TrendTest }[]) {
  const reasons: string[] = [];
  const reasonIndex = new Map<string, number>();
  const intern = (reason: string) => {
    let index = reasonIndex.get(reason);
    if (index === undefined) {
      index = reasons.push(reason) - 1;
      reasonIndex.set(reason, index);
    }
    return index;
  };
  const cells: Record<string, [number, string[]] | [number]> = {};
  tests.forEach(({ test }, row) => {
    test.cells.forEach((cell, night) => {
      if (cell?.reason === undefined) return;
      // The exchanges of a red cell only: what support asks for; a known divergence's or an untested night's are not news.
      const exchanges = cell.outcome === 'fail' || cell.outcome === 'divergence gone' ? cell.exchanges : [];
      cells[`${row}:${night}`] = exchanges.length > 0 ? [intern(cell.reason), exchanges] : [intern(cell.reason)];
    });
  });
  const operations = model.operations.map((o) => o.id);
  return {
    nights: model.nights.map((n) => ({ label: n.label, mode: n.mode, run: n.runUrl ?? null, report: n.reportUrl ?? null })),
    operations,
    // Tenths of a second, as the page shows a duration.
    tests: tests.map(({ operation, test }) => [
      operations.indexOf(operation.id),
      test.cells.map((cell) => (cell ? Math.round(cell.ms / 100) : null)),
    ]),
    reasons,
    cells,
    statColumns: STAT_COLUMNS,
  };
}

/** JSON safe inside a script element: no `</script>` or `<!--` can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function plural(count: number, one: string): string {
  return `${count} ${count === 1 ? one : `${one}s`}`;
}
