import { networkFailure } from '../transport/network-failure.ts';
import type { CredentialSource } from '../config/credential-source.ts';

/** Why Entra ID gave no token, worded for the person who must fix it. */
export interface TokenFailure {
  /** `AADSTS7000215`, `endpoints_resolution_error`, `ECONNREFUSED`: what a search or a support case starts from. */
  code: string;
  /** What Entra ID or the network said, first line only. */
  detail: string;
  hint: string;
}

/** AADSTS codes a suite's sign-in meets, with what to change (https://learn.microsoft.com/entra/identity-platform/reference-error-codes). */
const AADSTS_HINTS: Record<string, string> = {
  '7000215': "the client secret is wrong: set AZURE_CLIENT_SECRET to the secret's Value (not its Secret ID)",
  '7000222': 'the client secret has expired: create a new one (Certificates & secrets) and set AZURE_CLIENT_SECRET',
  '700016': 'the tenant has no app with this client id: check AZURE_CLIENT_ID and AZURE_TENANT_ID',
  '90002': 'no tenant by that id or domain: check AZURE_TENANT_ID (and AZURE_AUTHORITY_HOST for a national cloud)',
  '900023': 'AZURE_TENANT_ID is not a valid tenant id or domain',
  '700024':
    'the federated assertion has expired: it lives for minutes, so use a fresh one for each sign-in (in GitHub Actions leave AZURE_FEDERATED_TOKEN_FILE unset: the suite then asks the runner for a fresh token each time)',
  '70021':
    "no federated credential of the app matches the OIDC token: check the app's Federated credentials (organization, repository, branch or environment)",
  '700027': 'the app does not know the certificate that signed the assertion: upload its public part (Certificates & secrets)',
  '7000112': 'the app is disabled in the tenant',
  '500011': 'the Graph service principal is not in the tenant, or GRAPH_BASE_URL names another cloud than AZURE_AUTHORITY_HOST',
};

export function explainTokenFailure(error: unknown, source: CredentialSource): TokenFailure {
  const message = error instanceof Error ? error.message : String(error);
  const detail = firstLine(message);
  const aadsts = /AADSTS(\d+)/.exec(message)?.[1];
  if (aadsts) {
    // MSAL wraps Entra's answer: `invalid_client: Error(s): 7000215 - Timestamp: … - Description: AADSTS7000215: … Trace ID: …`.
    const description =
      /Description: (AADSTS\d+:.*?)(?:\s+-\s+(?:Correlation|Trace) ID|\r?\n|$)/.exec(message)?.[1] ??
      /AADSTS\d+:.*/.exec(detail)?.[0] ??
      detail;
    const oauthError = /^(?:\w+: )?([a-z]+(?:_[a-z]+)+):/.exec(message)?.[1];
    return {
      code: `AADSTS${aadsts}`,
      detail: `${description.trim()}${oauthError ? ` (${oauthError})` : ''}`,
      hint: AADSTS_HINTS[aadsts] ?? `see https://login.microsoftonline.com/error?code=${aadsts}`,
    };
  }
  const network = networkFailure(message);
  const authority = 'authorityHost' in source ? `AZURE_AUTHORITY_HOST (${source.authorityHost})` : 'the authority';
  if (network) {
    return {
      code: network.code,
      detail,
      hint:
        network.kind === 'certificate'
          ? `${authority} presented a certificate Node does not trust: for a private CA, point NODE_EXTRA_CA_CERTS at it`
          : `${authority} could not be reached: check the host name and the network`,
    };
  }
  if (/endpoints_resolution_error/.test(message)) {
    return {
      code: 'endpoints_resolution_error',
      detail,
      hint: `MSAL could not read the tenant's OpenID metadata from ${authority}: the host is unreachable or untrusted (NODE_EXTRA_CA_CERTS for a private CA), or AZURE_TENANT_ID names no tenant there`,
    };
  }
  const msal = /\b([a-z]+(?:_[a-z]+)+)\b/.exec(message)?.[1];
  return { code: msal ?? (error instanceof Error ? error.name : 'error'), detail, hint: `check ${source.variables.join(', ')}` };
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '') ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line.trim();
}
