import { readFile } from 'node:fs/promises';
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { CredentialSource } from '../config/credential-source.ts';
import { entraWaitPolicy } from './entra-wait-policy.ts';
import { ENTRA_AUDIENCE, githubIdToken } from './github-oidc.ts';
import { explainTokenFailure, type TokenFailure } from './token-errors.ts';
import { DEFAULT_WAIT_BOUNDS, NoAnswerError, seconds, type WaitBounds } from './wait-bounds.ts';
import type { WatchOptions } from './watched-connection.ts';

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

/**
 * A host of the sign-in (Entra ID, or GitHub's ID-token endpoint) did not answer within its bound.
 * `tookMs` is the whole sign-in, every request of it: what proves no retry multiplied the bound.
 */
export class SignInStalledError extends Error {
  override name = 'SignInStalledError';
  constructor(
    readonly stall: NoAnswerError,
    readonly tookMs: number,
  ) {
    super(`no token from Entra ID: ${stall.message}; the sign-in took ${seconds(tookMs)} s in all.`);
  }
}

export interface SignInOptions {
  /** A token already held (the preflight's, handed to the workers): used until it nears expiry. */
  first?: AccessToken | undefined;
  /** Each request of a sign-in is bounded so; GRAPH_ANSWER_TIMEOUT_SECONDS' default when not given. */
  bounds?: WaitBounds;
  /** Where a long wait says what it waits for. */
  log?: (line: string) => void;
}

/** `scope` follows the Graph root: `${GRAPH_BASE_URL}/.default`, so a national cloud gets its own audience. */
export function createTokenProvider(
  source: CredentialSource,
  scope: string,
  { first, bounds = DEFAULT_WAIT_BOUNDS, log }: SignInOptions = {},
): TokenProvider & { accessToken(): Promise<AccessToken> } {
  if (source.kind === 'access-token') {
    const ready = { token: source.token, expiresOnTimestamp: Number.MAX_SAFE_INTEGER };
    return { token: () => Promise.resolve(source.token), accessToken: () => Promise.resolve(ready) };
  }
  let credential: Promise<TokenCredential> | undefined;
  let current: AccessToken | undefined = first;
  // The stalls of the sign-in under way: MSAL reports any network error as its own, without the cause.
  const stalls: NoAnswerError[] = [];
  const wait: WatchOptions = { bounds, ...(log ? { log } : {}), onStall: (stall) => stalls.push(stall) };
  const accessToken = async (): Promise<AccessToken> => {
    if (current && current.expiresOnTimestamp - Date.now() > RENEW_BEFORE_MS) return current;
    credential ??= buildCredential(source, wait);
    const built = await credential;
    stalls.length = 0;
    const startedAt = Date.now();
    let next: AccessToken | null;
    try {
      next = await built.getToken(scope);
    } catch (error) {
      const stall = stalls[0] ?? (error instanceof NoAnswerError ? error : undefined);
      if (stall) throw new SignInStalledError(stall, Date.now() - startedAt);
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
async function buildCredential(source: Exclude<CredentialSource, { kind: 'access-token' }>, wait: WatchOptions): Promise<TokenCredential> {
  // Loaded only here: replay never builds a credential.
  const identity = await import('@azure/identity');
  const options = { authorityHost: source.authorityHost, disableInstanceDiscovery: true, additionalPolicies: [entraWaitPolicy(wait)] };
  switch (source.kind) {
    case 'client-secret':
      return new identity.ClientSecretCredential(source.tenantId, source.clientId, source.clientSecret, options);
    case 'client-certificate':
      // The PEM in memory: a PKCS#12's key, decrypted, is never written to disk.
      return new identity.ClientCertificateCredential(
        source.tenantId,
        source.clientId,
        {
          certificate: source.certificate.pem,
          ...(source.certificate.password ? { certificatePassword: source.certificate.password } : {}),
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
        () => githubIdToken(source.requestUrl, source.requestToken, ENTRA_AUDIENCE, wait),
        options,
      );
  }
}
