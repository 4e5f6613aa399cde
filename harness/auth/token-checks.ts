import { jwtClaims } from '../shared/jwt-claims.ts';

/** Why a token must not be used, worded for the preflight's and the sweep's messages. */
export interface ClaimProblem {
  cause: string;
  error: string;
  hint: string;
}

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * The guard and the checks that need no request: the token is for the test tenant, has not
 * expired, and is for this Graph. A token that is not a JWT passes (nothing to read); Graph judges it.
 * Every entry point that writes to a tenant calls this once it holds a token.
 */
export function checkTokenClaims(token: string, graphBaseUrl: string, testTenantId: string, now = Date.now()): ClaimProblem | undefined {
  const claims = jwtClaims(token);
  if (!claims) return undefined;
  if (typeof claims.tid === 'string' && claims.tid.toLowerCase() !== testTenantId.trim().toLowerCase()) {
    return {
      cause: 'the token is for another tenant than GRAPH_TEST_TENANT_ID',
      error: "the token's tid claim differs",
      hint: 'refusing to write to a tenant that is not the test tenant: check AZURE_TENANT_ID and GRAPH_TEST_TENANT_ID',
    };
  }
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= now) {
    return {
      cause: 'the token has expired',
      error: `its exp claim is ${new Date(claims.exp * 1000).toISOString()}`,
      hint: 'Graph would refuse it: check the clock of this machine, or get a fresh token',
    };
  }
  const audiences = Array.isArray(claims.aud) ? (claims.aud as unknown[]) : [claims.aud];
  const graphAudiences = [graphBaseUrl, `${graphBaseUrl}/`, GRAPH_APP_ID];
  if (claims.aud !== undefined && !audiences.some((audience) => graphAudiences.includes(String(audience)))) {
    return {
      cause: 'the token is not for this Graph',
      error: `its aud claim is ${JSON.stringify(claims.aud)}, not ${graphBaseUrl}`,
      hint: 'GRAPH_BASE_URL and the token must name the same cloud: for GRAPH_ACCESS_TOKEN use `az account get-access-token --resource-type ms-graph`',
    };
  }
  return undefined;
}
