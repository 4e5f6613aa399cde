/**
 * npm run history:changes -- --history <file.jsonl>
 * Prints one line: what changed from the history's night before the last to its last (new
 * failures, fixed, divergences gone, newly not tested, metadata changes, tonight's leftovers).
 * The nightly puts it in the job summary beside the trend page's link.
 */
import '../harness/config/supported-node.ts';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeSkipped, HistoryError, readHistory } from '../authoring/history/history-file.ts';
import { requiredOption, runHistoryCommand } from '../authoring/history/history-options.ts';
import { describeChanges, nightChanges } from '../authoring/history/night-changes.ts';
import { displayPath } from '../harness/shared/display-path.ts';

const USAGE = 'npm run history:changes -- --history <file.jsonl>';

runHistoryCommand('history:changes', USAGE, () => {
  const { values } = parseArgs({ options: { history: { type: 'string' } } });
  const historyPath = requiredOption(values.history, '--history', 'name the history file npm run history:append keeps');
  if (!existsSync(historyPath))
    throw new HistoryError(`${displayPath(historyPath)} does not exist: give --history the file npm run history:append keeps.`);
  const history = readHistory(historyPath);
  for (const skipped of history.skipped) console.error(`history:changes: ${describeSkipped(skipped)}; left out`);
  console.log(describeChanges(nightChanges(history.nights)));
});
