import type { Environment } from '../../harness/config/environment.ts';
import { SettingsError } from '../../harness/config/settings.ts';
import { readHttpsUrl, readMetadataSettings, type MetadataSettings } from '../metadata/metadata-settings.ts';

/**
 * What metadata:drift reads from the environment, validated together before any request: where
 * Graph's metadata comes from and how long a fetch may wait (metadata:update's settings), and where
 * the docs repository's changelog files are (GRAPH_CHANGELOG_URL, so a mirror or a stand-in can serve them).
 */
export interface DriftSettings {
  metadata: MetadataSettings;
  /** The docs repository's files at a branch or commit, before `changelog/<Workload>.json`. */
  changelogUrl: string;
}

export const DEFAULT_CHANGELOG_URL = 'https://raw.githubusercontent.com/microsoftgraph/microsoft-graph-docs-contrib/main';

export function readDriftSettings(env: Environment): DriftSettings {
  const problems: string[] = [];
  let metadata: MetadataSettings | undefined;
  try {
    metadata = readMetadataSettings(env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    problems.push(...error.problems);
  }
  const changelogUrl = readHttpsUrl(
    env,
    'GRAPH_CHANGELOG_URL',
    DEFAULT_CHANGELOG_URL,
    { root: false, added: 'changelog/<Workload>.json' },
    problems,
  );
  if (problems.length > 0 || !metadata) throw new SettingsError(problems);
  return { metadata, changelogUrl };
}

/** `…/changelog/Microsoft.Search.json`. */
export function changelogFileUrl(settings: DriftSettings, workload: string): string {
  return `${settings.changelogUrl}/changelog/${encodeURIComponent(workload)}.json`;
}
