/**
 * Why the preflight stopped the run (live and record), which global setup hands to the workers and
 * reporters through their environment: each test of the run is then not tested with this reason,
 * skipped before anything is set up, so that the matrix lists every test and nothing goes missing.
 * Never set by a user.
 */
export const RUN_STOP_VARIABLE = 'GRAPH_CONTRACTS_RUN_STOPPED';

export interface RunStop {
  /** The preflight's cause, without the `Not tested: ` prefix: `no token from Entra ID; nothing was sent to Graph.` */
  why: string;
  /** `2/2` when the run is one shard of several. */
  shard?: string;
}

export function shareRunStop(env: NodeJS.ProcessEnv, stop: RunStop): void {
  env[RUN_STOP_VARIABLE] = JSON.stringify(stop);
}

export function sharedRunStop(env: Readonly<Record<string, string | undefined>>): RunStop | undefined {
  const value = env[RUN_STOP_VARIABLE];
  if (!value) return undefined;
  const parsed = JSON.parse(value) as Partial<RunStop>;
  return typeof parsed.why === 'string'
    ? { why: parsed.why, ...(typeof parsed.shard === 'string' ? { shard: parsed.shard } : {}) }
    : undefined;
}

/** How a test the stopped run never started reads in the matrix. */
export function runStopReason(stop: RunStop): string {
  return `the run stopped before any test: ${stop.why}`;
}
