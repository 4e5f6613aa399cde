import { existsSync } from 'node:fs';
import { present, type Environment } from '../config/environment.ts';

/**
 * Which credential live and record use, read from `@azure/identity`'s variable names, or a ready
 * token in GRAPH_ACCESS_TOKEN. Never part of Settings: Settings travel into Playwright's config,
 * and secrets must not.
 */
export type CredentialSource =
  | { kind: 'access-token'; token: string; tenantId: string }
  | { kind: 'client-secret'; tenantId: string; clientId: string; authorityHost: string; clientSecret: string }
  | { kind: 'client-certificate'; tenantId: string; clientId: string; authorityHost: string; certificatePath: string; certificatePassword?: string }
  | { kind: 'federated-token'; tenantId: string; clientId: string; authorityHost: string; tokenFilePath: string };

export const PUBLIC_AUTHORITY_HOST = 'https://login.microsoftonline.com';

const APP_CREDENTIALS = ['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_FEDERATED_TOKEN_FILE'] as const;

/** The credential, or the problems that stop a live or record run, each saying what to set. */
export function readCredentialSource(env: Environment): { source?: CredentialSource; problems: string[] } {
  const problems: string[] = [];
  const value = (name: string) => present(env, name);
  const given = APP_CREDENTIALS.filter((name) => value(name));
  const token = value('GRAPH_ACCESS_TOKEN');

  let source: CredentialSource | undefined;
  if (token) {
    if (given.length > 0) {
      problems.push(`GRAPH_ACCESS_TOKEN and ${given.join(', ')} are both set: use a ready token or an app credential, not both.`);
    }
    source = accessToken(token, problems);
  } else if (given.length !== 1) {
    problems.push(
      given.length === 0
        ? 'live and record need a credential: set AZURE_TENANT_ID and AZURE_CLIENT_ID with one of AZURE_CLIENT_SECRET, ' +
            'AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE; or set GRAPH_ACCESS_TOKEN to a ready bearer token.'
        : `${given.join(' and ')} are all set: keep exactly one app credential.`,
    );
  } else {
    source = appCredential(env, given[0] ?? 'AZURE_CLIENT_SECRET', problems);
  }
  if (value('AZURE_CLIENT_CERTIFICATE_PASSWORD') && source?.kind !== 'client-certificate') {
    problems.push('AZURE_CLIENT_CERTIFICATE_PASSWORD is set without AZURE_CLIENT_CERTIFICATE_PATH: set both, or neither.');
  }
  if (source) checkTestTenant(env, source.tenantId, source.kind === 'access-token' ? 'the tid claim of GRAPH_ACCESS_TOKEN' : 'AZURE_TENANT_ID', problems);
  return problems.length > 0 ? { problems } : { source, problems };
}

function accessToken(token: string, problems: string[]): CredentialSource | undefined {
  let claims: { tid?: unknown; exp?: unknown };
  try {
    claims = jwtClaims(token.replace(/^Bearer\s+/i, ''));
  } catch {
    problems.push('GRAPH_ACCESS_TOKEN is not a JWT access token: paste the token alone (for instance from `az account get-access-token --resource-type ms-graph`).');
    return undefined;
  }
  if (typeof claims.tid !== 'string') {
    problems.push('GRAPH_ACCESS_TOKEN has no tid claim, so its tenant cannot be checked: use a Microsoft Entra token for Graph.');
    return undefined;
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) {
    problems.push(`GRAPH_ACCESS_TOKEN expired at ${new Date(claims.exp * 1000).toISOString()}: get a fresh one.`);
  }
  return { kind: 'access-token', token: token.replace(/^Bearer\s+/i, ''), tenantId: claims.tid };
}

function appCredential(env: Environment, credential: (typeof APP_CREDENTIALS)[number], problems: string[]): CredentialSource | undefined {
  const value = (name: string) => present(env, name);
  const tenantId = value('AZURE_TENANT_ID');
  const clientId = value('AZURE_CLIENT_ID');
  if (!tenantId) problems.push(`AZURE_TENANT_ID is missing: ${credential} needs the test tenant's id.`);
  if (!clientId) problems.push(`AZURE_CLIENT_ID is missing: ${credential} needs the app registration's client id.`);
  const authorityHost = readAuthorityHost(value('AZURE_AUTHORITY_HOST'), problems);
  if (!tenantId || !clientId) return undefined;
  const common = { tenantId, clientId, authorityHost };
  switch (credential) {
    case 'AZURE_CLIENT_SECRET':
      return { kind: 'client-secret', ...common, clientSecret: value(credential) ?? '' };
    case 'AZURE_CLIENT_CERTIFICATE_PATH': {
      const certificatePath = value(credential) ?? '';
      if (!existsSync(certificatePath)) problems.push(`AZURE_CLIENT_CERTIFICATE_PATH=${JSON.stringify(certificatePath)} names no file: point it at the PEM (key and certificate) or PFX file.`);
      const certificatePassword = value('AZURE_CLIENT_CERTIFICATE_PASSWORD');
      return { kind: 'client-certificate', ...common, certificatePath, ...(certificatePassword ? { certificatePassword } : {}) };
    }
    case 'AZURE_FEDERATED_TOKEN_FILE': {
      const tokenFilePath = value(credential) ?? '';
      if (!existsSync(tokenFilePath)) problems.push(`AZURE_FEDERATED_TOKEN_FILE=${JSON.stringify(tokenFilePath)} names no file: write the OIDC token there first.`);
      return { kind: 'federated-token', ...common, tokenFilePath };
    }
  }
}

function readAuthorityHost(value: string | undefined, problems: string[]): string {
  if (!value) return PUBLIC_AUTHORITY_HOST;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return url.origin;
  } catch {
    /* reported below */
  }
  problems.push(`AZURE_AUTHORITY_HOST=${JSON.stringify(value)} must be an https URL, such as ${PUBLIC_AUTHORITY_HOST}.`);
  return PUBLIC_AUTHORITY_HOST;
}

/** The guard: live and record write to a tenant, so they run only against the one named as the test tenant. */
function checkTestTenant(env: Environment, tenantId: string, from: string, problems: string[]): void {
  const testTenant = env.GRAPH_TEST_TENANT_ID?.trim();
  if (!testTenant) {
    problems.push('GRAPH_TEST_TENANT_ID is missing: live and record write to a tenant, so name the test tenant they may touch.');
  } else if (testTenant.toLowerCase() !== tenantId.toLowerCase()) {
    problems.push(`The token is for another tenant than GRAPH_TEST_TENANT_ID (${from} differs): refusing to write to a tenant that is not the test tenant.`);
  }
}

/**
 * A JWT's claims, unverified: only to read which tenant the token says it is for (the service
 * verifies it). Decoded here rather than with a JOSE library, which would be loaded by every run.
 */
function jwtClaims(token: string): { tid?: unknown; exp?: unknown } {
  const [, payload] = token.split('.');
  if (!payload || token.split('.').length !== 3) throw new Error('not a JWT');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
  if (claims === null || typeof claims !== 'object') throw new Error('JWT claims are not an object');
  return claims;
}
