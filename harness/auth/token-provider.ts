import { readFile } from 'node:fs/promises';
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { CredentialSource } from '../config/credential-source.ts';
import { githubIdToken } from './github-oidc.ts';
import { explainTokenFailure, type TokenFailure } from './token-errors.ts';

/** Renew this long before expiry, so no request leaves with a token about to lapse. */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

export interface TokenProvider {
  /** A valid token: the cached one, or a new one when it nears expiry. */
  token(): Promise<string>;
}

/** Entra ID gave no token; `failure` says why and what to change. */
export class TokenRequestError extends Error {
  constructor(
    readonly failure: TokenFailure,
    readonly source: CredentialSource,
  ) {
    super(`no token from Entra ID (${failure.code}): ${failure.detail} Hint: ${failure.hint}.`);
  }
}

/** `scope` follows the Graph root: `${GRAPH_BASE_URL}/.default`, so a national cloud gets its own audience. */
export function createTokenProvider(
  source: CredentialSource,
  scope: string,
  first?: AccessToken,
): TokenProvider & { accessToken(): Promise<AccessToken> } {
  if (source.kind === 'access-token') {
    const ready = { token: source.token, expiresOnTimestamp: Number.MAX_SAFE_INTEGER };
    return { token: () => Promise.resolve(source.token), accessToken: () => Promise.resolve(ready) };
  }
  let credential: Promise<TokenCredential> | undefined;
  let current: AccessToken | undefined = first;
  const accessToken = async (): Promise<AccessToken> => {
    if (current && current.expiresOnTimestamp - Date.now() > RENEW_BEFORE_MS) return current;
    credential ??= buildCredential(source);
    let next: AccessToken | null;
    try {
      next = await (await credential).getToken(scope);
    } catch (error) {
      throw new TokenRequestError(explainTokenFailure(error, source), source);
    }
    if (!next)
      throw new TokenRequestError(
        {
          code: 'no_token',
          detail: `The ${source.kind} credential returned no token for ${scope}.`,
          hint: `check ${source.variables.join(', ')}`,
        },
        source,
      );
    current = next;
    return next;
  };
  return { accessToken, token: async () => (await accessToken()).token };
}

/**
 * The specific credential rather than EnvironmentCredential: it takes `disableInstanceDiscovery`,
 * without which MSAL asks the public cloud to validate any other authority host.
 */
async function buildCredential(source: Exclude<CredentialSource, { kind: 'access-token' }>): Promise<TokenCredential> {
  // Loaded only here: replay never builds a credential.
  const identity = await import('@azure/identity');
  const options = { authorityHost: source.authorityHost, disableInstanceDiscovery: true };
  switch (source.kind) {
    case 'client-secret':
      return new identity.ClientSecretCredential(source.tenantId, source.clientId, source.clientSecret, options);
    case 'client-certificate':
      return new identity.ClientCertificateCredential(
        source.tenantId,
        source.clientId,
        {
          certificatePath: source.certificatePath,
          ...(source.certificatePassword ? { certificatePassword: source.certificatePassword } : {}),
        },
        options,
      );
    case 'federated-token':
      // Read on every request for a token: the CI runner may rewrite the file with a fresh OIDC token.
      return new identity.ClientAssertionCredential(
        source.tenantId,
        source.clientId,
        async () => (await readFile(source.tokenFilePath, 'utf8')).trim(),
        options,
      );
    case 'github-oidc':
      // A fresh assertion for every sign-in: GitHub's ID tokens expire within minutes.
      return new identity.ClientAssertionCredential(
        source.tenantId,
        source.clientId,
        () => githubIdToken(source.requestUrl, source.requestToken),
        options,
      );
  }
}
