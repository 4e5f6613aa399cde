import { isGraphVersion } from '../../harness/shared/graph-version.ts';

/** Where a page's Graph version was read from, for the reader of a finding about versions. */
export type VersionSource = 'record' | 'path' | 'front matter';

export interface PageVersion {
  version: string | undefined;
  from: VersionSource | undefined;
}

/** `api-reference/v1.0/api/x.md`, `api-reference/beta/includes/…`: the docs repository's layout names the version. */
const VERSION_FOLDER = /(?:^|[\\/])api-reference[\\/](v1\.0|beta)[\\/]/;
/** The view a learn.microsoft.com page is published under: `graph-rest-1.0`, `graph-rest-beta`. */
const VIEW = /^graph-rest-(1\.0|beta)$/;

/**
 * The version a page outside pages/ documents: its path's `api-reference/{v1.0,beta}/`, else a front
 * matter value naming the view (`monikerRange: graph-rest-beta`, `graph-version: v1.0`); unknown otherwise.
 */
export function versionOfFile(path: string, frontMatter: Record<string, unknown>): PageVersion {
  const folder = VERSION_FOLDER.exec(path)?.[1];
  if (folder) return { version: folder, from: 'path' };
  for (const [key, value] of Object.entries(frontMatter)) {
    if (typeof value !== 'string' || !/version|view|moniker/i.test(key)) continue;
    const text = value.trim();
    const view = VIEW.exec(text)?.[1];
    if (view) return { version: view === '1.0' ? 'v1.0' : 'beta', from: 'front matter' };
    if (isGraphVersion(text)) return { version: text, from: 'front matter' };
  }
  return { version: undefined, from: undefined };
}
