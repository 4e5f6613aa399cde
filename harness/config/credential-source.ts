import { readClientCertificate, type ClientCertificate } from './client-certificate.ts';
import { present, type Environment } from './environment.ts';
import { pathProblem } from './path-setting.ts';
import { jwtClaims } from '../shared/jwt-claims.ts';
import { displayUrl } from '../shared/display-url.ts';

/**
 * Which credential live and record use, read from `@azure/identity`'s variable names, GitHub
 * Actions' OIDC variables, or a ready token in GRAPH_ACCESS_TOKEN. Never part of Settings:
 * Settings travel into Playwright's config, and secrets must not.
 */
export type CredentialSource =
  | { kind: 'access-token'; token: string; tenantId: string; variables: string[] }
  | (AppRegistration & { kind: 'client-secret'; clientSecret: string })
  | (AppRegistration & {
      kind: 'client-certificate';
      certificatePath: string;
      /** The key and certificate read from the file (a PKCS#12 converted), held in memory only. */
      certificate: ClientCertificate;
    })
  | (AppRegistration & { kind: 'federated-token'; tokenFilePath: string })
  | (AppRegistration & { kind: 'github-oidc'; requestUrl: string; requestToken: string });

interface AppRegistration {
  /** A GUID, or a domain such as contoso.onmicrosoft.com (then the guard checks the token's tid instead). */
  tenantId: string;
  clientId: string;
  authorityHost: string;
  /** The variables this credential is made of, for messages that say what to fix. */
  variables: string[];
}

export const PUBLIC_AUTHORITY_HOST = 'https://login.microsoftonline.com';

const APP_CREDENTIALS = ['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_FEDERATED_TOKEN_FILE'] as const;
/** Set by GitHub Actions in a job with `id-token: write`; each use asks for a fresh assertion. */
const GITHUB_OIDC = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'] as const;

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The credential, or the problems that stop a live or record run, each saying what to set. */
/** For a worker or global setup, after playwright.config.ts has refused to start without a credential. */
export function validatedCredentialSource(env: Environment): CredentialSource {
  const { source } = readCredentialSource(env);
  if (!source) throw new Error('No Graph credential: see env.example.');
  return source;
}

export function readCredentialSource(env: Environment): { source?: CredentialSource; problems: string[] } {
  const problems: string[] = [];
  const value = (name: string) => present(env, name);
  const given = APP_CREDENTIALS.filter((name) => value(name));
  const token = value('GRAPH_ACCESS_TOKEN');
  const githubOidc = GITHUB_OIDC.every((name) => value(name));

  let source: CredentialSource | undefined;
  if (token) {
    if (given.length > 0) {
      problems.push(`GRAPH_ACCESS_TOKEN and ${given.join(', ')} are both set: use a ready token or an app credential, not both.`);
    }
    source = accessToken(token, problems);
  } else if (given.length > 1) {
    problems.push(`${given.join(' and ')} are all set: keep exactly one app credential.`);
  } else if (given.length === 1 || githubOidc) {
    source = appCredential(env, given[0] ?? 'ACTIONS_ID_TOKEN_REQUEST_URL', problems);
  } else {
    problems.push(
      'live and record need a credential: set AZURE_TENANT_ID and AZURE_CLIENT_ID with one of AZURE_CLIENT_SECRET, ' +
        'AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE (or run in GitHub Actions with `id-token: write`); ' +
        'or set GRAPH_ACCESS_TOKEN to a ready bearer token.',
    );
  }
  if (value('AZURE_CLIENT_CERTIFICATE_PASSWORD') && source?.kind !== 'client-certificate') {
    problems.push('AZURE_CLIENT_CERTIFICATE_PASSWORD is set without AZURE_CLIENT_CERTIFICATE_PATH: set both, or neither.');
  }
  checkTestTenant(env, source, problems);
  return problems.length > 0 ? { problems } : { source, problems };
}

function accessToken(token: string, problems: string[]): CredentialSource | undefined {
  const bare = token.replace(/^Bearer\s+/i, '');
  const claims = jwtClaims(bare);
  if (!claims) {
    problems.push(
      'GRAPH_ACCESS_TOKEN is not a JWT access token: paste the token alone (for instance from `az account get-access-token --resource-type ms-graph`).',
    );
    return undefined;
  }
  if (typeof claims.tid !== 'string') {
    problems.push('GRAPH_ACCESS_TOKEN has no tid claim, so its tenant cannot be checked: use a Microsoft Entra token for Graph.');
    return undefined;
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) {
    problems.push(`GRAPH_ACCESS_TOKEN expired at ${new Date(claims.exp * 1000).toISOString()}: get a fresh one.`);
  }
  return { kind: 'access-token', token: bare, tenantId: claims.tid, variables: ['GRAPH_ACCESS_TOKEN'] };
}

function appCredential(
  env: Environment,
  credential: (typeof APP_CREDENTIALS)[number] | 'ACTIONS_ID_TOKEN_REQUEST_URL',
  problems: string[],
): CredentialSource | undefined {
  const value = (name: string) => present(env, name);
  const tenantId = value('AZURE_TENANT_ID');
  const clientId = value('AZURE_CLIENT_ID');
  const what = credential === 'ACTIONS_ID_TOKEN_REQUEST_URL' ? "GitHub Actions' OIDC token" : credential;
  // The values are not printed: a mistyped tenant id is still close to a real one.
  if (!tenantId) problems.push(`AZURE_TENANT_ID is missing: ${what} needs the test tenant's id.`);
  else if (!GUID.test(tenantId) && !DOMAIN.test(tenantId)) {
    problems.push(
      'AZURE_TENANT_ID is not a tenant id: use the directory (tenant) id, a GUID, or its domain such as contoso.onmicrosoft.com.',
    );
  }
  if (!clientId) problems.push(`AZURE_CLIENT_ID is missing: ${what} needs the app registration's client id.`);
  else if (!GUID.test(clientId))
    problems.push("AZURE_CLIENT_ID is not a client id: use the app registration's Application (client) ID, a GUID.");
  const authorityHost = readAuthorityHost(value('AZURE_AUTHORITY_HOST'), problems);
  if (!tenantId || !clientId) return undefined;
  const common = { tenantId, clientId, authorityHost };
  const variables = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID'];
  switch (credential) {
    case 'AZURE_CLIENT_SECRET':
      return { kind: 'client-secret', ...common, variables: [...variables, credential], clientSecret: value(credential) ?? '' };
    case 'AZURE_CLIENT_CERTIFICATE_PATH': {
      const certificatePath = value(credential) ?? '';
      const pathIssue = pathProblem(credential, certificatePath, {
        kind: 'file',
        use: 'read',
        fix: 'point it at the PEM (key and certificate) or PFX file',
      });
      if (pathIssue) problems.push(pathIssue);
      const certificatePassword = value('AZURE_CLIENT_CERTIFICATE_PASSWORD');
      // A PEM or a PKCS#12 (PFX), opened now: a wrong password is a setting, not a failed sign-in.
      const certificate = (pathIssue ? undefined : readClientCertificate(certificatePath, certificatePassword, problems)) ?? { pem: '' };
      return {
        kind: 'client-certificate',
        ...common,
        variables: [...variables, credential, ...(certificatePassword ? ['AZURE_CLIENT_CERTIFICATE_PASSWORD'] : [])],
        certificatePath,
        certificate,
      };
    }
    case 'AZURE_FEDERATED_TOKEN_FILE': {
      const tokenFilePath = value(credential) ?? '';
      const pathIssue = pathProblem(credential, tokenFilePath, { kind: 'file', use: 'read', fix: 'write the OIDC token there first' });
      if (pathIssue) problems.push(pathIssue);
      return { kind: 'federated-token', ...common, variables: [...variables, credential], tokenFilePath };
    }
    case 'ACTIONS_ID_TOKEN_REQUEST_URL': {
      const requestUrl = value('ACTIONS_ID_TOKEN_REQUEST_URL') ?? '';
      if (!URL.canParse(requestUrl))
        problems.push('ACTIONS_ID_TOKEN_REQUEST_URL is not a URL: GitHub Actions sets it in a job with `permissions: id-token: write`.');
      return {
        kind: 'github-oidc',
        ...common,
        variables: [...variables, ...GITHUB_OIDC],
        requestUrl,
        requestToken: value('ACTIONS_ID_TOKEN_REQUEST_TOKEN') ?? '',
      };
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
  problems.push(`AZURE_AUTHORITY_HOST=${JSON.stringify(displayUrl(value))} must be an https URL, such as ${PUBLIC_AUTHORITY_HOST}.`);
  return PUBLIC_AUTHORITY_HOST;
}

/**
 * The guard: live and record write to a tenant, so they run only against the one named as the
 * test tenant. A tenant given as a domain cannot be compared here: the preflight compares the
 * token's tid instead, before any test runs.
 */
function checkTestTenant(env: Environment, source: CredentialSource | undefined, problems: string[]): void {
  const testTenant = present(env, 'GRAPH_TEST_TENANT_ID');
  if (!testTenant) {
    problems.push('GRAPH_TEST_TENANT_ID is missing: live and record write to a tenant, so name the test tenant they may touch.');
    return;
  }
  if (!GUID.test(testTenant)) {
    problems.push(
      "GRAPH_TEST_TENANT_ID is not a tenant id: use the test tenant's directory (tenant) id, a GUID (it is compared with the token's tid claim).",
    );
    return;
  }
  if (!source || (source.kind !== 'access-token' && !GUID.test(source.tenantId))) return;
  if (testTenant.toLowerCase() !== source.tenantId.toLowerCase()) {
    const from = source.kind === 'access-token' ? 'the tid claim of GRAPH_ACCESS_TOKEN' : 'AZURE_TENANT_ID';
    problems.push(
      `The token is for another tenant than GRAPH_TEST_TENANT_ID (${from} differs): refusing to write to a tenant that is not the test tenant.`,
    );
  }
}
