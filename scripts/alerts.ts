/**
 * npm run alerts -- --history <file.jsonl> [--dry-run]
 * npm run alerts -- --could-not-test <why> [--run-url <url>] [--dry-run]
 * Opens, updates or closes one GitHub issue per operation from the history's last night: opened
 * the night it turns red (a new fail, a divergence gone, a new leftover, a silent metadata change
 * that breaks a reader or writer), updated when that changes, closed when it is green again; a
 * night that could not test is one run-level issue. GITHUB_TOKEN, GITHUB_REPOSITORY and
 * GITHUB_API_URL say where (the nightly's alerts job). --could-not-test is the night with no history
 * record (the report or history job failed): the run-level issue alone, keyed by GITHUB_RUN_ID so a
 * re-run changes nothing. Exit 1 when GitHub failed, 2 for bad input.
 */
import '../harness/config/supported-node.ts';
import { existsSync } from 'node:fs';
import { exitWithUsage, parseCommandLine } from '../authoring/command-line.ts';
import { alertIssues, planAlerts } from '../authoring/alerts/alert-plan.ts';
import { readAlertSettings } from '../authoring/alerts/alert-settings.ts';
import { GitHubApiError, GitHubIssues } from '../authoring/alerts/github-issues.ts';
import { alertStates } from '../authoring/alerts/operation-state.ts';
import { describeNight, runAlerts } from '../authoring/alerts/run-alerts.ts';
import { describeSkipped, HistoryError, readHistory } from '../authoring/history/history-file.ts';
import { nightWithoutMatrix } from '../authoring/alerts/night-without-matrix.ts';
import type { NightRecord } from '../authoring/history/night-record.ts';
import { SettingsError } from '../harness/config/settings.ts';
import { Redactor } from '../harness/redaction/redact.ts';
import { displayPath } from '../harness/shared/display-path.ts';

const COMMAND = {
  name: 'alerts',
  usage: 'npm run alerts -- --history <file.jsonl> [--dry-run], or -- --could-not-test <why> [--run-url <url>] [--dry-run]',
};

async function main(): Promise<number> {
  const { values } = parseCommandLine(COMMAND, {
    options: {
      history: { type: 'string' },
      'could-not-test': { type: 'string' },
      'run-url': { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
  });
  const couldNotTest = values['could-not-test'];
  if (couldNotTest !== undefined && couldNotTest.trim() === '')
    exitWithUsage(COMMAND, '--could-not-test needs the reason the night has no matrix, such as which job failed.');
  if (couldNotTest !== undefined && values.history !== undefined)
    exitWithUsage(COMMAND, '--history and --could-not-test are two kinds of night: give one.');
  if (couldNotTest === undefined && (values.history === undefined || values.history === ''))
    exitWithUsage(COMMAND, '--history is required: name the history file npm run history:append keeps.');
  const settings = readAlertSettings(process.env);
  let nights: NightRecord[];
  if (couldNotTest !== undefined) {
    nights = [nightWithoutMatrix(couldNotTest, values['run-url'], process.env.GITHUB_RUN_ID)];
  } else {
    const file = values.history ?? '';
    if (!existsSync(file)) {
      console.error(`alerts: ${displayPath(file)} does not exist: give --history the file npm run history:append keeps.`);
      return 2;
    }
    const history = readHistory(file);
    for (const skipped of history.skipped) console.error(`alerts: ${describeSkipped(skipped)}; left out`);
    if (history.nights.length === 0) {
      console.error(`alerts: ${displayPath(file)} holds no night: npm run history:append adds one from a contract matrix.`);
      return 2;
    }
    nights = history.nights;
  }
  const redactor = new Redactor({ secrets: [settings.token] });
  const log = (line: string) => {
    console.log(redactor.text(line));
  };
  const github = new GitHubIssues({ settings, redactor, log });
  const alerts = alertStates(nights);
  let issues;
  try {
    const found = alertIssues(await github.listOpen(), settings.author);
    for (const foreign of found.foreign)
      log(
        `alerts: #${foreign.number} carries an alert marker but was opened by ${foreign.author || 'an unknown user'}, not ${settings.author}: left alone (GRAPH_ALERTS_AUTHOR names whose issues the alerts keep).`,
      );
    issues = found.own;
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    console.error(`alerts: ${error.message} (nothing was opened, updated or closed).`);
    return 1;
  }
  log(`alerts: ${describeNight(alerts, issues.length)}`);
  if (alerts.couldNotTest !== undefined) log(`alerts: the night of ${alerts.night.night} could not test: ${alerts.couldNotTest}`);
  const done = await runAlerts(planAlerts(alerts, issues), issues, github, values['dry-run'] ?? false);
  for (const line of done.lines) log(line);
  if (done.failed !== undefined) {
    console.error(redactor.text(`alerts: ${done.failed}.`));
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SettingsError) {
      console.error(error.message);
      process.exitCode = 2;
    } else if (error instanceof HistoryError) {
      console.error(`alerts: ${error.message}`);
      process.exitCode = 2;
    } else throw error;
  },
);
