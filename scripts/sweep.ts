/**
 * npm run sweep [-- --dry-run] [-- --min-age-minutes N]
 * Deletes what earlier runs left in the test tenant (connections and API connectors), for a
 * nightly job to run first.
 */
import { fileURLToPath } from 'node:url';
import { request } from '@playwright/test';
import { readCredentialSource } from '../harness/config/credential-source.ts';
import { checkTokenClaims } from '../harness/auth/token-checks.ts';
import { createTokenProvider } from '../harness/auth/token-provider.ts';
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
  const token = await createTokenProvider(source, `${settings.baseUrl}/.default`).token();
  redactor.addSecret(token);
  // The guard a domain AZURE_TENANT_ID could not be checked by: the token's own tid, before any request.
  const problem = checkTokenClaims(token, settings.baseUrl, process.env.GRAPH_TEST_TENANT_ID ?? '');
  if (problem) throw new SettingsError([`${problem.cause} (${problem.error}): ${problem.hint}.`]);
  const context = await request.newContext();
  try {
    const graph = new GraphClient({
      context,
      root: `${settings.baseUrl}/beta`,
      defaultHeaders: { Authorization: `Bearer ${token}` },
      throttle: settings.throttle,
      hooks: {
        onThrottled: ({ seconds, basis }) => {
          log(`throttled (${basis}); waiting ${seconds} s`);
        },
        explainFailure: (_request, error) => redactor.error(error),
      },
    });
    log(`${values['dry-run'] ? 'dry run against' : 'sweeping'} ${settings.baseUrl}`);
    const result = await sweep(graph, { minAgeMs: minAgeMinutes * 60_000, dryRun: values['dry-run'], log });
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
    const message =
      error instanceof SettingsError
        ? error.message
        : `sweep failed: ${new Redactor().text(error instanceof Error ? error.message : String(error))}`;
    console.error(message);
    process.exitCode = error instanceof SettingsError ? BAD_SETTING_EXIT_CODE : 1;
  },
);
