/** The trend page's styles: colours for the five outcomes, a grid whose test column stays put while the nights scroll. */
export const TREND_PAGE_STYLE = `
:root { font: 13px/1.4 system-ui, sans-serif; color: #1f2328; background: #fff; }
body { margin: 0 16px 32px; }
h1 { font-size: 20px; margin: 16px 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; } h3 { font-size: 13px; margin: 0; font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
.since { font-size: 15px; font-weight: 600; margin: 4px 0; }
.note { color: #59636e; margin: 4px 0 8px; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 12px; padding: 0; margin: 8px 0; }
.legend span { display: inline-block; min-width: 20px; text-align: center; border-radius: 3px; }
.scroll { overflow: auto; max-height: 75vh; border: 1px solid #d1d9e0; }
#grid { border-collapse: separate; border-spacing: 0; }
#grid th, #grid td { padding: 1px 3px; border-bottom: 1px solid #eef1f4; white-space: nowrap; }
#grid td { text-align: center; min-width: 20px; cursor: pointer; }
#grid thead th { position: sticky; top: 0; background: #f6f8fa; z-index: 2; font-weight: 600; }
#grid thead tr.run th, #grid thead tr.run td { top: 22px; position: sticky; background: #f6f8fa; z-index: 2; color: #59636e; font-weight: 400; text-align: left; }
#grid thead tr.run + tr.run th, #grid thead tr.run + tr.run td { top: 44px; }
#grid th.test { position: sticky; left: 0; background: #fff; z-index: 1; text-align: left; max-width: 420px; overflow: hidden; text-overflow: ellipsis; font-weight: 400; }
#grid thead th.test { z-index: 3; background: #f6f8fa; }
#grid tr.op th { text-align: left; background: #f6f8fa; font-family: ui-monospace, monospace; position: sticky; left: 0; }
#grid tr.op td { opacity: .55; }
#grid th.night { font-size: 11px; font-weight: 400; }
#grid th.night.stopped { background: #eceff1; text-decoration: underline dotted; }
#grid td.ff, #grid td.rs, #grid td.ls, #grid td.fl { font-size: 12px; cursor: default; }
.page { color: #59636e; font-weight: 400; font-family: system-ui, sans-serif; }
#grid tbody td, .p { background: #dafbe1; } #grid tbody td.ff, #grid tbody td.rs, #grid tbody td.ls, #grid tbody td.fl { background: #fff; } .f { background: #ffd8d3; } .e { background: #fff1c2; } .g { background: #e8dcff; } .n { background: #e6e9ec; }
.x { background: repeating-linear-gradient(45deg, #fff, #fff 3px, #f1f3f5 3px, #f1f3f5 6px); }
td.left { color: #b3261e; font-weight: 600; } td.wait { color: #8a5a00; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 12px; }
.card { border: 1px solid #d1d9e0; border-radius: 6px; padding: 8px 10px; }
figure { margin: 6px 0; } figcaption { color: #59636e; font-size: 12px; }
svg.chart { display: block; } svg.chart text { font-size: 9px; fill: #59636e; }
svg.chart polyline { fill: none; stroke-width: 1.5; } svg.chart .p50 { stroke: #0969da; } svg.chart .p95 { stroke: #bf8700; } svg.chart circle.p50 { fill: #0969da; } svg.chart circle.p95 { fill: #bf8700; }
svg.chart rect { fill: #8c959f; } svg.leftovers rect { fill: #cf222e; } svg.waits rect { fill: #bf8700; }
table.plain { border-collapse: collapse; } table.plain th, table.plain td { border: 1px solid #d1d9e0; padding: 2px 8px; text-align: left; }
.metadata { color: #8250df; }
sup.md { font-size: 9px; font-weight: 700; color: #8250df; margin-left: 1px; } sup.md.s { color: #fff; background: #8250df; border-radius: 2px; padding: 0 2px; }
sup.md.u { color: #fff; background: #6e7781; border-radius: 2px; padding: 0 2px; }
b.silent { color: #8250df; }
b.unknown { color: #6e7781; }
#detail { position: fixed; right: 16px; bottom: 16px; width: min(560px, 90vw); max-height: 60vh; overflow: auto; background: #fff; border: 1px solid #8c959f; border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.2); padding: 10px 14px; z-index: 5; }
#detail h3 { font-family: system-ui, sans-serif; font-size: 14px; } #detail ul { padding-left: 18px; } #detail code { font-size: 12px; }
#detail button { float: right; }
`;

/**
 * The page's one script: a click on a cell opens what that night said of that test (outcome, reason,
 * duration, exchanges) with links to the night's report and run. Everything else is static HTML.
 */
export const TREND_PAGE_SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('trend-data').textContent);
  const panel = document.getElementById('detail');
  const OUTCOMES = { p: 'pass', f: 'fail', e: 'expected divergence', g: 'divergence gone', n: 'not tested' };
  const add = (parent, tag, text) => parent.appendChild(Object.assign(document.createElement(tag), text === undefined ? {} : { textContent: text }));
  const link = (parent, href, text) => { if (href) Object.assign(add(add(parent, 'li'), 'a', text), { href }); };
  document.getElementById('grid').addEventListener('click', (event) => {
    const cell = event.target.closest('td');
    const row = cell && cell.parentElement.dataset.t;
    const column = cell ? cell.cellIndex - data.statColumns : -1;
    if (row === undefined || column < 0) return;
    const nightIndex = data.nights.length - 1 - column;
    const night = data.nights[nightIndex];
    const [operation, durations] = data.tests[row];
    const [reason, exchanges = []] = data.cells[row + ':' + nightIndex] || [];
    panel.replaceChildren();
    add(panel, 'button', 'close').addEventListener('click', () => { panel.hidden = true; });
    add(panel, 'h3', cell.parentElement.querySelector('th').textContent);
    add(panel, 'p', data.operations[operation] + ' · ' + night.label + ' (' + night.mode + ')');
    add(panel, 'p', cell.textContent ? cell.textContent + ' ' + ({ f: 'fail', e: 'expected divergence', g: 'divergence gone', n: 'not tested' }[cell.className] || 'pass') : 'not in that night\\'s run');
    if (reason !== undefined && data.reasons[reason]) add(panel, 'p', data.reasons[reason]);
    const tenths = durations[nightIndex];
    if (tenths !== null) add(panel, 'p', tenths === 0 ? 'took under 0.1 s' : 'took ' + (tenths / 10).toFixed(1) + ' s');
    const sent = add(panel, 'ul');
    for (const exchange of exchanges) add(add(sent, 'li'), 'code', exchange);
    const links = add(panel, 'ul');
    link(links, night.report, "that night's report");
    link(links, night.run, 'its run');
    panel.hidden = false;
  });
})();
`;
