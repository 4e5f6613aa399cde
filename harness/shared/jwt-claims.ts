import { isJsonObject } from './json-object.ts';

/** The claims the suite reads from a token: never verified here (the service verifies it), only compared. */
export interface TokenClaims {
  tid?: unknown;
  aud?: unknown;
  exp?: unknown;
  nbf?: unknown;
  roles?: unknown;
  scp?: unknown;
}

/**
 * A JWT's claims, unverified, or undefined when the token is not a JWT. Decoded here rather than
 * with a JOSE library, which would be loaded by every run.
 */
export function jwtClaims(token: string): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    return isJsonObject(claims) ? claims : undefined;
  } catch {
    return undefined;
  }
}
