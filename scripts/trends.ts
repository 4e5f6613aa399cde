/**
 * npm run trends -- --history <file.jsonl> [--out trends/index.html]
 * Renders the history into one self-contained HTML page (data inlined; opens from disk, from an
 * artifact's zip or from GitHub Pages, and asks for nothing over the network).
 */
import '../harness/config/supported-node.ts';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeSkipped, HistoryError, readHistory } from '../authoring/history/history-file.ts';
import { requiredOption, runHistoryCommand } from '../authoring/history/history-options.ts';
import { trendPage } from '../authoring/history/trend-page.ts';
import { displayPath } from '../harness/shared/display-path.ts';
import { writeAtomically } from '../harness/shared/write-atomically.ts';

const USAGE = 'npm run trends -- --history <file.jsonl> [--out trends/index.html]';

runHistoryCommand('trends', USAGE, () => {
  const { values } = parseArgs({ options: { history: { type: 'string' }, out: { type: 'string', default: 'trends/index.html' } } });
  const historyPath = requiredOption(values.history, '--history', 'name the history file npm run history:append keeps');
  if (!existsSync(historyPath))
    throw new HistoryError(`${displayPath(historyPath)} does not exist: give --history the file npm run history:append keeps.`);
  const history = readHistory(historyPath);
  for (const skipped of history.skipped) console.error(`trends: ${describeSkipped(skipped)}; the page leaves it out`);
  if (history.nights.length === 0)
    throw new HistoryError(`${displayPath(historyPath)} holds no night to render: npm run history:append adds one from a contract matrix.`);
  const html = trendPage(history.nights);
  writeAtomically(values.out, html);
  const tests = new Set(history.nights.flatMap((night) => night.operations.flatMap((o) => o.tests.map((t) => t.id)))).size;
  console.log(
    `trends: wrote ${displayPath(values.out)} (${history.nights.length} nights, ${tests} test ids, ${Math.round(Buffer.byteLength(html) / 1024)} KB).`,
  );
});
