/**
 * npm run history:append -- --history <file.jsonl> [--matrix test-results/contract-matrix.json]
 *   [--night YYYY-MM-DD] [--run-url URL] [--report-url URL] [--keep 90]
 * Adds the night a merged contract matrix tells of to the history, one JSON line a night, keeping
 * the last --keep nights. A corrupt or foreign line is reported (file:line: why) and left out.
 */
import '../harness/config/supported-node.ts';
import { parseArgs } from 'node:util';
import { appendNight, describeSkipped, readHistory, readMatrix, writeHistory } from '../authoring/history/history-file.ts';
import { keepOption, nightOption, requiredOption, runHistoryCommand, urlOption } from '../authoring/history/history-options.ts';
import { HISTORY_NIGHTS, testsOfNight } from '../authoring/history/night-record.ts';
import { displayPath } from '../harness/shared/display-path.ts';

const USAGE =
  'npm run history:append -- --history <file.jsonl> [--matrix test-results/contract-matrix.json] [--night YYYY-MM-DD] [--run-url URL] [--report-url URL] [--keep 90]';

runHistoryCommand('history:append', USAGE, () => {
  const { values } = parseArgs({
    options: {
      history: { type: 'string' },
      matrix: { type: 'string', default: 'test-results/contract-matrix.json' },
      night: { type: 'string' },
      'run-url': { type: 'string' },
      'report-url': { type: 'string' },
      keep: { type: 'string' },
    },
  });
  const historyPath = requiredOption(
    values.history,
    '--history',
    'name the history file (one night a line), such as --history history/nights.jsonl',
  );
  const links = {
    night: nightOption(values.night),
    runUrl: urlOption(values['run-url'], '--run-url'),
    reportUrl: urlOption(values['report-url'], '--report-url'),
  };
  const keep = keepOption(values.keep, HISTORY_NIGHTS);
  // Everything is read and checked before the history is written.
  const matrix = readMatrix(values.matrix);
  const history = readHistory(historyPath);
  for (const skipped of history.skipped) console.error(`history:append: ${describeSkipped(skipped)}; left out of the history`);
  const appended = appendNight(history.nights, matrix, links, keep, displayPath(values.matrix));
  writeHistory(historyPath, appended.nights);
  const tests = testsOfNight(appended.night).length;
  console.log(
    `history:append: ${appended.replaced ? 'replaced' : 'appended'} the night of ${appended.night.night} (${tests} tests) in ${displayPath(historyPath)}: ` +
      `${appended.nights.length} night${appended.nights.length === 1 ? '' : 's'} kept, at most ${keep}` +
      (appended.dropped.length > 0 ? `; dropped the oldest: ${appended.dropped.map((night) => night.night).join(', ')}` : '') +
      '.',
  );
});
