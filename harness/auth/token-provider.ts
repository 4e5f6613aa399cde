import { readFile } from 'node:fs/promises';
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { CredentialSource } from './credential-source.ts';

/** Renew this long before expiry, so no request leaves with a token about to lapse. */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

export interface TokenProvider {
  /** A valid token: the cached one, or a new one when it nears expiry. */
  token(): Promise<string>;
}

/** `scope` follows the Graph root: `${GRAPH_BASE_URL}/.default`, so a national cloud gets its own audience. */
export function createTokenProvider(source: CredentialSource, scope: string): TokenProvider {
  if (source.kind === 'access-token') return { token: () => Promise.resolve(source.token) };
  let credential: Promise<TokenCredential> | undefined;
  let current: AccessToken | undefined;
  return {
    async token() {
      if (current && current.expiresOnTimestamp - Date.now() > RENEW_BEFORE_MS) return current.token;
      credential ??= buildCredential(source);
      const next = await (await credential).getToken(scope);
      if (!next) throw new Error(`The ${source.kind} credential returned no token for ${scope}.`);
      current = next;
      return next.token;
    },
  };
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
        { certificatePath: source.certificatePath, ...(source.certificatePassword ? { certificatePassword: source.certificatePassword } : {}) },
        options,
      );
    case 'federated-token':
      // Read on every request for a token: the CI runner may rewrite the file with a fresh OIDC token.
      return new identity.ClientAssertionCredential(source.tenantId, source.clientId, async () => (await readFile(source.tokenFilePath, 'utf8')).trim(), options);
  }
}
