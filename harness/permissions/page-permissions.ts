import type { DocPage, PermissionRow, PermissionType } from '../page/page-model.ts';
import type { TokenClaims } from '../shared/jwt-claims.ts';

/**
 * Personal Microsoft accounts sign in under this tenant
 * (learn.microsoft.com/entra/identity-platform/id-token-claims-reference, `tid`).
 */
const CONSUMER_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';

/** What a token may do, as its claims say: app tokens carry `roles`, delegated ones `scp` (space separated). */
export interface TokenPermissions {
  kind: PermissionType;
  permissions: string[];
}

/**
 * The token's kind and permissions, or undefined when its claims cannot be read (not a JWT).
 * An app token with no application permission has no `roles` claim at all, so no `scp` means application.
 */
export function tokenPermissions(claims: TokenClaims | undefined): TokenPermissions | undefined {
  if (!claims) return undefined;
  if (typeof claims.scp === 'string') {
    const personal = typeof claims.tid === 'string' && claims.tid.toLowerCase() === CONSUMER_TENANT;
    return { kind: personal ? 'delegated-personal' : 'delegated-work-or-school', permissions: claims.scp.split(' ').filter(Boolean) };
  }
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
  return { kind: 'application', permissions: roles };
}

/** How a page's permissions table judges a token; advisory, since Graph's own permission data disagrees with the docs in places. */
export type PermissionCheck =
  /**
   * The token has `granted`, one of the permissions the page lists for its kind; for a table per resource, one for each
   * resource (`byResource`), and `granted` names them all, comma separated.
   */
  | { coverage: 'granted'; kind: PermissionType; granted: string; listed: string[]; byResource?: ResourcePermissions[] }
  /**
   * The token has none of `listed`; `grant` is the least privileged, undefined when the table's header does not say which
   * that is. For a table per resource, the token has none for any resource, and `byResource` says what each one lists.
   */
  | { coverage: 'missing'; kind: PermissionType; listed: string[]; grant: string | undefined; byResource?: ResourcePermissions[] }
  /** The page says the operation does not support this kind of token. */
  | { coverage: 'not supported'; kind: PermissionType }
  /** The page lists nothing for this kind of token (no table, no row, a TODO), so nothing can be checked. */
  | { coverage: 'not documented'; kind: PermissionType | undefined; why: string }
  /**
   * The token's claims cannot be read, the page's permissions table is an include that is not at
   * hand, or whether the token is enough depends on the resource the request touches: nothing is claimed.
   */
  | { coverage: 'not checked'; why: string };

/** One resource's row of a table laid out per resource, for the token's kind: what it lists, and which of those the token has. */
export interface ResourcePermissions {
  resource: string;
  listed: string[];
  held: string | undefined;
}

export type PermissionCoverage = PermissionCheck['coverage'];

/** Compares a token with the page's permissions table, for the row(s) of the token's kind. */
export function checkPagePermissions(
  page: Pick<DocPage, 'permissions' | 'permissionsOrder'> & Partial<Pick<DocPage, 'permissionsInclude' | 'permissionsUnread'>>,
  token: TokenPermissions | undefined,
): PermissionCheck {
  const check = checkReadPermissions(page, token);
  // A table per caller whose include is not at hand: the token may hold what that caller's table lists.
  const unavailable = page.permissionsInclude?.unavailable;
  if (check.coverage === 'missing' && unavailable !== undefined)
    return {
      coverage: 'not checked',
      why: `the token has none of the permissions the page's tables list (${check.listed.join(', ')}), and one more table is an include that is not at hand (${unavailable})`,
    };
  return check;
}

function checkReadPermissions(
  page: Pick<DocPage, 'permissions' | 'permissionsOrder'> & Partial<Pick<DocPage, 'permissionsInclude' | 'permissionsUnread'>>,
  token: TokenPermissions | undefined,
): PermissionCheck {
  if (!token) return { coverage: 'not checked', why: 'the token is not a JWT, so its permissions cannot be read' };
  if (!page.permissions && page.permissionsUnread !== undefined)
    return { coverage: 'not checked', why: `the page's permissions cannot be read: ${page.permissionsUnread}` };
  const { kind } = token;
  // The page does document its permissions, in a file it includes: that they cannot be read here says nothing of the page.
  const unavailable = page.permissionsInclude?.unavailable;
  if (!page.permissions && unavailable !== undefined)
    return { coverage: 'not checked', why: `the permissions table is an include that is not at hand (${unavailable})` };
  if (!page.permissions) return { coverage: 'not documented', kind, why: 'the page has no permissions table' };
  const rows = page.permissions.filter((candidate) => candidate.type === kind);
  const [row] = rows;
  if (!row) return { coverage: 'not documented', kind, why: `the permissions table has no row for ${KIND_NAMES[kind]}` };
  // A table per resource whose rows for this kind all say the same is one list for every resource.
  if (rows.some((other) => cellKey(other) !== cellKey(row))) return checkPerResource(kind, rows, heldBy(token));
  if (row.notSupported) return { coverage: 'not supported', kind };
  if (row.todo || row.permissions.length === 0)
    return { coverage: 'not documented', kind, why: `the page lists no permission for ${KIND_NAMES[kind]} ("${row.text}")` };
  const granted = grantedOf(row, heldBy(token));
  if (granted) return { coverage: 'granted', kind, granted, listed: row.permissions };
  const grant =
    page.permissionsOrder === 'least-to-most'
      ? row.permissions[0]
      : page.permissionsOrder === 'most-to-least'
        ? row.permissions.at(-1)
        : undefined;
  return { coverage: 'missing', kind, listed: row.permissions, grant };
}

/**
 * A table per resource whose rows for the token's kind differ. Which resource a test's request touches is not known
 * here (`GET /directory/deletedItems/{id}` may be any), so no one row stands for the operation. Granted only when the
 * token has a listed permission for every resource, and missing only when it has none for any while every resource
 * lists some: then either holds whichever resource the request touches. Anything between (enough for some resources,
 * or some not supported or not documented) depends on the resource, so nothing is claimed and the words say why.
 */
function checkPerResource(kind: PermissionType, rows: PermissionRow[], held: ReadonlySet<string>): PermissionCheck {
  const byResource = rows.map((row) => ({ resource: row.resource ?? '', listed: row.permissions, held: grantedOf(row, held) }));
  const listed = [...new Set(rows.flatMap((row) => row.permissions))];
  if (byResource.every((entry) => entry.held)) {
    return { coverage: 'granted', kind, granted: [...new Set(byResource.map((entry) => entry.held))].join(', '), listed, byResource };
  }
  const documented = rows.every((row) => !row.notSupported && !row.todo && row.permissions.length > 0);
  if (documented && byResource.every((entry) => !entry.held)) return { coverage: 'missing', kind, listed, grant: undefined, byResource };
  const words = rows.map((row, index) => {
    const entry = byResource[index];
    const resource = row.resource ?? '';
    if (row.notSupported) return `${resource}: not supported`;
    if (row.todo || row.permissions.length === 0) return `${resource}: none listed ("${row.text}")`;
    return `${resource}: ${row.permissions.join(', ')} (${entry?.held ? `the token has ${entry.held}` : 'the token has none'})`;
  });
  return {
    coverage: 'not checked',
    why: `whether the token is enough depends on the resource the request touches; the page lists, for ${KIND_NAMES[kind]}, ${words.join('; ')}`,
  };
}

const heldBy = (token: TokenPermissions): ReadonlySet<string> => new Set(token.permissions.map((name) => name.toLowerCase()));

/** The first listed permission the token holds; a set written `User.Read.All and GroupMember.Read.All` is held when each of it is. */
const grantedOf = (row: PermissionRow, held: ReadonlySet<string>): string | undefined =>
  row.permissions.find((name) =>
    name
      .split(/\s+and\s+/i)
      .map((part) => part.trim().toLowerCase())
      .every((part) => held.has(part)),
  );

/** What a cell says, for comparing rows: not supported, nothing (a TODO or an empty cell), or its permissions (any case). */
function cellKey(row: PermissionRow): string {
  if (row.notSupported) return 'not supported';
  if (row.todo || row.permissions.length === 0) return 'not documented';
  return row.permissions.map((name) => name.toLowerCase()).join(',');
}

const resourceList = (entries: ResourcePermissions[], words: (entry: ResourcePermissions) => string): string =>
  entries.map((entry) => `${entry.resource}: ${words(entry)}`).join('; ');

const KIND_NAMES: Record<PermissionType, string> = {
  application: 'an application token',
  'delegated-work-or-school': 'a delegated token (work or school account)',
  'delegated-personal': 'a delegated token (personal Microsoft account)',
};

const SHORT_KIND: Record<PermissionType, string> = {
  application: 'application',
  'delegated-work-or-school': 'delegated, work or school account',
  'delegated-personal': 'delegated, personal Microsoft account',
};

/**
 * A check in words, for the run's announcement and the test's `permissions` annotation. Where the
 * token lacks what the page asks for (missing, not supported), the words are also the hint a
 * 403's not-tested reason gains: what to grant.
 */
export function describePermissionCheck(check: PermissionCheck): string {
  switch (check.coverage) {
    case 'granted':
      return check.byResource
        ? `the token (${SHORT_KIND[check.kind]}) has a permission the page lists for every resource: ${resourceList(check.byResource, (entry) => entry.held ?? '')}`
        : `the token (${SHORT_KIND[check.kind]}) has ${check.granted}, which the page lists`;
    case 'missing': {
      if (check.byResource) {
        return `grant the permission the page lists for the resource the request touches: ${resourceList(check.byResource, (entry) => entry.listed.join(', '))} (for ${KIND_NAMES[check.kind]}; the token has none of them)`;
      }
      const listed = check.listed.join(', ');
      return check.grant
        ? `grant ${check.grant} (the page lists ${listed} for ${KIND_NAMES[check.kind]}; the token has none of them)`
        : `grant one of ${listed} (the page lists them for ${KIND_NAMES[check.kind]} and its header does not say which is least privileged; the token has none of them)`;
    }
    case 'not supported':
      return `the page says the operation does not support ${KIND_NAMES[check.kind]}: use another kind of token`;
    case 'not documented':
      return `${check.why}, so nothing is checked`;
    case 'not checked':
      return check.why;
  }
}

/** The coverages whose words say what to grant, which a 403's not-tested reason repeats. */
export const HINTED_COVERAGE: readonly PermissionCoverage[] = ['missing', 'not supported'];
