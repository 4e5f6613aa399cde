import type { DocPage, PermissionType } from '../docs/page-model.ts';
import type { TokenClaims } from './token-claims.ts';

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
  /** The token has `granted`, one of the permissions the page lists for its kind. */
  | { verdict: 'granted'; kind: PermissionType; granted: string; listed: string[] }
  /** The token has none of `listed`; `grant` is the least privileged, undefined when the table's header does not say which that is. */
  | { verdict: 'missing'; kind: PermissionType; listed: string[]; grant: string | undefined }
  /** The page says the operation does not support this kind of token. */
  | { verdict: 'not supported'; kind: PermissionType }
  /** The page lists nothing for this kind of token (no table, no row, a TODO), so nothing can be checked. */
  | { verdict: 'not documented'; kind: PermissionType | undefined; why: string }
  /** The token's claims cannot be read, so nothing can be checked. */
  | { verdict: 'not checked'; why: string };

export type PermissionVerdict = PermissionCheck['verdict'];

/** Compares a token with the page's permissions table, for the row of the token's kind. */
export function checkPagePermissions(page: Pick<DocPage, 'permissions' | 'permissionsOrder'>, token: TokenPermissions | undefined): PermissionCheck {
  if (!token) return { verdict: 'not checked', why: 'the token is not a JWT, so its permissions cannot be read' };
  const { kind } = token;
  if (!page.permissions) return { verdict: 'not documented', kind, why: 'the page has no permissions table' };
  const row = page.permissions.find((candidate) => candidate.type === kind);
  if (!row) return { verdict: 'not documented', kind, why: `the permissions table has no row for ${KIND_NAMES[kind]}` };
  if (row.notSupported) return { verdict: 'not supported', kind };
  if (row.todo || row.permissions.length === 0) return { verdict: 'not documented', kind, why: `the page lists no permission for ${KIND_NAMES[kind]} ("${row.text}")` };
  const held = new Set(token.permissions.map((name) => name.toLowerCase()));
  const granted = row.permissions.find((name) => held.has(name.toLowerCase()));
  if (granted) return { verdict: 'granted', kind, granted, listed: row.permissions };
  const grant = page.permissionsOrder === 'least-to-most' ? row.permissions[0] : page.permissionsOrder === 'most-to-least' ? row.permissions.at(-1) : undefined;
  return { verdict: 'missing', kind, listed: row.permissions, grant };
}

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
  switch (check.verdict) {
    case 'granted':
      return `the token (${SHORT_KIND[check.kind]}) has ${check.granted}, which the page lists`;
    case 'missing': {
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

/** The verdicts whose words say what to grant, which a 403's not-tested reason repeats. */
export const HINTED_VERDICTS: readonly PermissionVerdict[] = ['missing', 'not supported'];
