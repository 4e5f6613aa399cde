import { HISTORY_FORMAT, type NightRecord } from '../history/night-record.ts';

/**
 * The night the nightly produced no contract matrix (its report or history job failed): a night that
 * tested nothing, for the run-level issue alone. Keyed by the workflow run (GITHUB_RUN_ID), so that a
 * re-run of the alerts job finds its own marker and changes nothing; the next night that tests closes it.
 */
export function nightWithoutMatrix(why: string, runUrl: string | undefined, runId: string | undefined, now = new Date()): NightRecord {
  const date = now.toISOString().slice(0, 10);
  return {
    format: HISTORY_FORMAT,
    night: runId === undefined ? date : `${date} (run ${runId})`,
    generatedAt: runId === undefined ? now.toISOString() : `run ${runId}`,
    mode: 'none',
    ...(runUrl === undefined ? {} : { runUrl }),
    notTested: why.trim(),
    stoppedShards: [],
    leftovers: [],
    operations: [],
  };
}
