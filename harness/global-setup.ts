import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validatedCredentialSource } from './config/credential-source.ts';
import { preflight } from './auth/preflight.ts';
import { shareRunToken } from './config/run-token.ts';
import { loadSettings } from './config/settings.ts';
import { Redactor } from './redaction/redact.ts';
import { THROTTLE_LEDGER_VARIABLE } from './transport/throttle.ts';

/**
 * Playwright's global setup. In live and record: the preflight, once for the whole run, so that
 * a run that can test nothing stops with one message instead of a red test per operation; and the
 * throttle ledger that the workers share. Replay needs neither.
 */
export default async function globalSetup(): Promise<() => void> {
  const settings = loadSettings(process.env);
  if (settings.mode === 'replay') return () => undefined;
  const source = validatedCredentialSource(process.env);
  const token = await preflight(settings, source, process.env.GRAPH_TEST_TENANT_ID ?? '', Redactor.fromEnvironment(process.env), (line) => {
    console.log(line);
  });
  shareRunToken(process.env, token);
  const ledgerDirectory = mkdtempSync(join(tmpdir(), 'graph-contracts-throttle-'));
  const ledger = join(ledgerDirectory, 'waits.log');
  writeFileSync(ledger, '');
  process.env[THROTTLE_LEDGER_VARIABLE] = ledger;
  return () => {
    rmSync(ledgerDirectory, { recursive: true, force: true });
  };
}
