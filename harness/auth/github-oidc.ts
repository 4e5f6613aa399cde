import { DEFAULT_WAIT_BOUNDS } from './wait-bounds.ts';
import { hostOf, watchedRequest, type WatchOptions } from './watched-connection.ts';

/** The audience Entra ID expects of a federated assertion from GitHub Actions. */
export const ENTRA_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * A fresh OIDC token from GitHub Actions' ID-token endpoint (what `core.getIDToken()` asks for):
 * `ACTIONS_ID_TOKEN_REQUEST_URL` with an `audience`, authorized by `ACTIONS_ID_TOKEN_REQUEST_TOKEN`,
 * answered `{ "value": "<jwt>" }`. Asked for on every sign-in: the tokens live for minutes. The
 * request has a connect and an answer bound (Node's fetch would wait 300 s for headers, and as
 * long again for the body).
 */
export async function githubIdToken(
  requestUrl: string,
  requestToken: string,
  audience = ENTRA_AUDIENCE,
  wait: WatchOptions = { bounds: DEFAULT_WAIT_BOUNDS },
): Promise<string> {
  const url = new URL(requestUrl);
  url.searchParams.set('audience', audience);
  const response = await watchedRequest(
    url,
    { method: 'GET', headers: { Authorization: `Bearer ${requestToken}`, Accept: 'application/json' } },
    // The URL names the run's plan and job: the variable says enough.
    { service: "GitHub's ID-token endpoint", host: hostOf(url), request: 'GET ACTIONS_ID_TOKEN_REQUEST_URL' },
    wait,
  );
  if (response.status < 200 || response.status > 299) {
    throw new Error(
      `GitHub's ID-token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL) answered ${response.status}: does the job have \`permissions: id-token: write\`?`,
    );
  }
  let value: unknown;
  try {
    value = (JSON.parse(response.body) as { value?: unknown } | null)?.value;
  } catch {
    value = undefined;
  }
  if (typeof value !== 'string' || value === '') throw new Error('GitHub\'s ID-token endpoint answered without a token (no "value").');
  return value;
}
