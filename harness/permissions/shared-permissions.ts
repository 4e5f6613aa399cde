import type { PermissionCoverage } from './page-permissions.ts';

/**
 * What each page's permissions table makes of the run's token, which global setup worked out
 * (live and record), handed to the workers through their environment so that no worker parses a
 * page. Keyed by the page as specs name it (`pages/create-connection.md`). Never set by a user.
 */
export const PAGE_PERMISSIONS_VARIABLE = 'GRAPH_CONTRACTS_PAGE_PERMISSIONS';

export interface PagePermission {
  /** The page's title: `Create connection`. */
  title: string;
  coverage: PermissionCoverage;
  /** The coverage in words (see describePermissionCheck). */
  words: string;
  /** The operation(s) the table is for, as the page's HTTP request section writes them: `POST /external/connections`. */
  operations: string[];
}

export type PagePermissions = Readonly<Record<string, PagePermission>>;

export function sharePagePermissions(env: NodeJS.ProcessEnv, permissions: PagePermissions): void {
  env[PAGE_PERMISSIONS_VARIABLE] = JSON.stringify(permissions);
}

/** What global setup found of the pages' tables; none when it shared nothing (replay, or a run without global setup). */
export function sharedPagePermissions(env: Readonly<Record<string, string | undefined>>): PagePermissions {
  const value = env[PAGE_PERMISSIONS_VARIABLE];
  return value ? (JSON.parse(value) as PagePermissions) : {};
}
