/**
 * npm run sweep [-- --dry-run] [-- --min-age-minutes N]
 * Deletes what earlier runs left in the test tenant (connections and API connectors), for a
 * nightly job to run first.
 */
import '../harness/config/supported-node.ts';
import { fileURLToPath } from 'node:url';
import { request } from '@playwright/test';
import { readCredentialSource } from '../harness/config/credential-source.ts';
import { checkTokenClaims } from '../harness/auth/token-checks.ts';
import { createTokenProvider, SignInStalledError } from '../harness/auth/token-provider.ts';
import { graphWaitHooks } from '../harness/auth/graph-wait-hooks.ts';
import { noAnswerHint, seconds, waitBounds } from '../harness/auth/wait-bounds.ts';
import { BAD_SETTING_EXIT_CODE, loadEnvironment } from '../harness/config/load-environment.ts';
import { SettingsError } from '../harness/config/settings.ts';
import { Redactor } from '../harness/redaction/redact.ts';
import { sweep } from '../harness/cleanup/sweep.ts';
import { GraphClient } from '../harness/transport/graph-client.ts';
import { exitWithUsage, parseCommandLine } from '../authoring/command-line.ts';

const COMMAND = { name: 'sweep', usage: 'npm run sweep [-- [--dry-run] [--min-age-minutes <minutes, default 60>]]' };

const log = (line: string) => {
  console.log(`sweep: ${line}`);
};

/** Why the sweep stopped, on stderr, redacted. */
const stop = (lines: string[]) => {
  const redactor = Redactor.fromEnvironment(process.env);
  for (const line of lines) console.error(redactor.text(`sweep: ${line}`));
};

async function main(): Promise<number> {
  const { values } = parseCommandLine(COMMAND, {
    options: { 'dry-run': { type: 'boolean', default: false }, 'min-age-minutes': { type: 'string', default: '60' } },
  });
  const minAgeMinutes = /^\d+$/.test(values['min-age-minutes']) ? Number(values['min-age-minutes']) : Number.NaN;
  if (!Number.isSafeInteger(minAgeMinutes))
    exitWithUsage(COMMAND, `--min-age-minutes=${JSON.stringify(values['min-age-minutes'])} must be a whole number of minutes.`);
  const settings = loadEnvironment(fileURLToPath(new URL('..', import.meta.url)));
  // The sweep always writes to the tenant, whatever GRAPH_MODE says: the same credential rules and guard as live.
  const { source, problems } = readCredentialSource(process.env);
  if (!source) throw new SettingsError(problems);

  const redactor = Redactor.fromEnvironment(process.env);
  const bounds = waitBounds(settings.answerTimeoutSeconds);
  const say = (line: string) => {
    log(redactor.text(line));
  };
  const token = await createTokenProvider(source, `${settings.baseUrl}/.default`, { bounds, log: say }).token();
  redactor.addSecret(token);
  // The guard a domain AZURE_TENANT_ID could not be checked by: the token's own tid, before any request.
  const problem = checkTokenClaims(token, settings.baseUrl, process.env.GRAPH_TEST_TENANT_ID ?? '');
  if (problem) throw new SettingsError([`${problem.cause} (${problem.error}): ${problem.hint}.`]);
  const context = await request.newContext();
  try {
    const answers = graphWaitHooks(new URL(settings.baseUrl), bounds, say);
    const graph = new GraphClient({
      context,
      root: `${settings.baseUrl}/beta`,
      defaultHeaders: { Authorization: `Bearer ${token}` },
      throttle: settings.throttle,
      hooks: {
        onThrottled: ({ seconds: wait, basis }) => {
          log(`throttled (${basis}); waiting ${wait} s`);
        },
        ...answers,
        explainFailure: (sent, error) => answers.explainFailure(sent, error) ?? redactor.error(error),
      },
    });
    log(`${values['dry-run'] ? 'dry run against' : 'sweeping'} ${settings.baseUrl}`);
    const result = await sweep(graph, { minAgeMs: minAgeMinutes * 60_000, dryRun: values['dry-run'], log });
    if (result.stopped) {
      const { stopped } = result;
      const done = result.deleted.length === 0 ? 'nothing was deleted' : `${result.deleted.length} deleted before it stopped`;
      stop([`stopped: ${stopped.headline} (${stopped.wait.request}); ${done}.`, `${stopped.detail}.`, `hint: ${noAnswerHint(stopped)}.`]);
      return 1;
    }
    log(`done: ${result.deleted.length} deleted, ${result.failed.length} failed, ${result.seen - result.leftovers.length} left alone.`);
    return result.failed.length > 0 ? 1 : 0;
  } finally {
    await context.dispose();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SignInStalledError) {
      const { stall } = error;
      stop([
        `stopped: ${stall.headline}; nothing was sent to Graph.`,
        `${stall.detail}; the sign-in took ${seconds(error.tookMs)} s in all.`,
        `hint: ${noAnswerHint(stall)}.`,
      ]);
      process.exitCode = 1;
      return;
    }
    const message =
      error instanceof SettingsError
        ? error.message
        : `sweep failed: ${new Redactor().text(error instanceof Error ? error.message : String(error))}`;
    console.error(message);
    process.exitCode = error instanceof SettingsError ? BAD_SETTING_EXIT_CODE : 1;
  },
);
