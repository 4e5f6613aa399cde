import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { validatedCredentialSource } from './config/credential-source.ts';
import { preflight, PreflightError } from './auth/preflight.ts';
import { shareRunStop } from './config/run-stop.ts';
import { shareRunToken } from './config/run-token.ts';
import { loadSettings } from './config/settings.ts';
import { Redactor } from './redaction/redact.ts';
import { THROTTLE_LEDGER_VARIABLE } from './transport/throttle.ts';

/**
 * Playwright's global setup. In live and record: the preflight, once for the whole run, so that
 * a run that can test nothing stops with one message instead of a red test per operation; and the
 * throttle ledger that the workers share. Replay needs neither. A stopped run prints its message
 * once and hands its reason to the workers, which skip each test as not tested (run-stop.ts).
 */
export default async function globalSetup(config: FullConfig): Promise<() => void> {
  const settings = loadSettings(process.env);
  if (settings.mode === 'replay') return () => undefined;
  const source = validatedCredentialSource(process.env);
  let token;
  try {
    token = await preflight(settings, source, process.env.GRAPH_TEST_TENANT_ID ?? '', Redactor.fromEnvironment(process.env), (line) => {
      console.log(line);
    });
  } catch (error) {
    if (!(error instanceof PreflightError)) throw error;
    const shard = config.shard ? `${config.shard.current}/${config.shard.total}` : undefined;
    console.error(shard ? `${error.message}\n  shard:      ${shard}: its tests are reported not tested; none was started.` : error.message);
    shareRunStop(process.env, { why: error.reason, ...(shard ? { shard } : {}) });
    return () => undefined;
  }
  shareRunToken(process.env, token);
  const ledgerDirectory = mkdtempSync(join(tmpdir(), 'graph-contracts-throttle-'));
  const ledger = join(ledgerDirectory, 'waits.log');
  writeFileSync(ledger, '');
  process.env[THROTTLE_LEDGER_VARIABLE] = ledger;
  return () => {
    rmSync(ledgerDirectory, { recursive: true, force: true });
  };
}
