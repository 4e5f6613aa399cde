import type { Settings } from '../config/settings.ts';
import type { Mode, ModeDependencies } from './types.ts';

export type { Mode, ModeDependencies, TestSession } from './types.ts';

/** The mode, chosen once per worker. Each is loaded only when chosen: nock patches Node's http on import, @azure/identity is heavy. */
export async function startMode(dependencies: ModeDependencies): Promise<Mode> {
  const modes: Record<Settings['mode'], () => Promise<Mode>> = {
    replay: async () => (await import('./replay.ts')).startReplay(dependencies),
    record: async () => (await import('./record.ts')).startRecord(dependencies),
    live: async () => (await import('./live.ts')).startLive(dependencies),
  };
  return modes[dependencies.settings.mode]();
}
