/** The audience Entra ID expects of a federated assertion from GitHub Actions. */
export const ENTRA_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * A fresh OIDC token from GitHub Actions' ID-token endpoint (what `core.getIDToken()` asks for):
 * `ACTIONS_ID_TOKEN_REQUEST_URL` with an `audience`, authorized by `ACTIONS_ID_TOKEN_REQUEST_TOKEN`,
 * answered `{ "value": "<jwt>" }`. Asked for on every sign-in: the tokens live for minutes.
 */
export async function githubIdToken(requestUrl: string, requestToken: string, audience = ENTRA_AUDIENCE): Promise<string> {
  const url = new URL(requestUrl);
  url.searchParams.set('audience', audience);
  const response = await fetch(url, { headers: { Authorization: `Bearer ${requestToken}`, Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(
      `GitHub's ID-token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL) answered ${response.status}: does the job have \`permissions: id-token: write\`?`,
    );
  }
  const body = (await response.json()) as { value?: unknown };
  if (typeof body.value !== 'string' || body.value === '')
    throw new Error('GitHub\'s ID-token endpoint answered without a token (no "value").');
  return body.value;
}
