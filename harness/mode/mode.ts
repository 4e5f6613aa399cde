import type { Settings } from '../config/settings.ts';
import { startLive } from './live.ts';
import { startRecord } from './record.ts';
import { startReplay } from './replay.ts';
import type { Mode, ModeDependencies } from './types.ts';

export type { Mode, ModeDependencies, TestSession } from './types.ts';

/**
 * The mode, chosen once per worker. The modules are imported statically: Playwright's transform
 * cache misses a TypeScript module imported dynamically from a worker (it was compiled again on
 * every run, ~120 ms). What must load only when chosen loads inside them: nock (it patches Node's
 * http on import) and @azure/identity.
 */
export function startMode(dependencies: ModeDependencies): Promise<Mode> {
  const modes: Record<Settings['mode'], () => Promise<Mode>> = {
    replay: () => startReplay(dependencies),
    record: () => startRecord(dependencies),
    live: () => startLive(dependencies),
  };
  return modes[dependencies.settings.mode]();
}
