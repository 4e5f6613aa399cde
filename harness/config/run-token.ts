import type { AccessToken } from '@azure/identity';

/**
 * The run's first token, which the preflight got in global setup, handed to the workers through
 * their environment so that a run signs in once whatever its worker count; each worker renews it
 * on its own when it nears expiry. Never set by a user.
 */
export const RUN_TOKEN_VARIABLE = 'GRAPH_CONTRACTS_RUN_TOKEN';

export function shareRunToken(env: NodeJS.ProcessEnv, token: AccessToken): void {
  env[RUN_TOKEN_VARIABLE] = JSON.stringify({ token: token.token, expiresOnTimestamp: token.expiresOnTimestamp });
}

export function sharedRunToken(env: Readonly<Record<string, string | undefined>>): AccessToken | undefined {
  const value = env[RUN_TOKEN_VARIABLE];
  if (!value) return undefined;
  const parsed = JSON.parse(value) as Partial<AccessToken>;
  return typeof parsed.token === 'string' && typeof parsed.expiresOnTimestamp === 'number'
    ? { token: parsed.token, expiresOnTimestamp: parsed.expiresOnTimestamp }
    : undefined;
}
