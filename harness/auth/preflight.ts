import type { AccessToken } from '@azure/identity';
import { request } from '@playwright/test';
import type { Settings } from '../config/settings.ts';
import type { Redactor } from '../redaction/redact.ts';
import { GraphClient } from '../transport/graph-client.ts';
import { describeAnswer, NOT_TESTED_PREFIX } from '../verdict/not-tested.ts';
import type { CredentialSource } from '../config/credential-source.ts';
import { checkTokenClaims } from './token-checks.ts';
import { createTokenProvider, SignInStalledError, TokenRequestError } from './token-provider.ts';
import { graphWaitHooks } from './graph-wait-hooks.ts';
import { NoAnswerError, noAnswerHint, seconds, waitBounds } from './wait-bounds.ts';

const CREDENTIAL_NAMES: Record<CredentialSource['kind'], string> = {
  'access-token': 'a ready token',
  'client-secret': 'a client secret',
  'client-certificate': 'a client certificate',
  'federated-token': 'a federated token file',
  'github-oidc': "GitHub Actions' OIDC token",
};

/** The one read the preflight sends: cheap, and any token with any permission gets an answer other than 401. */
export const PREFLIGHT_PATH = '/v1.0/external/connections';

/**
 * Stops a live or record run before its first test when nothing could be tested: no token, a
 * token Graph would refuse, or Graph unreachable. The message names the credential, the
 * authority, the error and a hint; a token failure sends nothing to Graph.
 */
export class PreflightError extends Error {
  /** The first line without its `Not tested: `: what each test of the stopped run is reported with. */
  readonly reason: string;

  constructor(lines: string[]) {
    super(lines.join('\n'));
    // One message, not a stack trace of the runner.
    this.stack = this.message;
    this.reason = (lines[0] ?? '').replace(NOT_TESTED_PREFIX, '');
  }
}

/**
 * Signs in, checks the token's claims where they can be read, then asks Graph one read to see the
 * token accepted. Returns the token for the workers to start from. Every request is bounded
 * (GRAPH_ANSWER_TIMEOUT_SECONDS); a host that does not answer stops the run at its bound, and a
 * wait of more than a few seconds says what it waits for.
 */
export async function preflight(
  settings: Settings,
  source: CredentialSource,
  testTenantId: string,
  redactor: Redactor,
  log: (line: string) => void,
): Promise<AccessToken> {
  const scope = `${settings.baseUrl}/.default`;
  const bounds = waitBounds(settings.answerTimeoutSeconds);
  const say = (line: string) => {
    log(redactor.text(`preflight: ${line}`));
  };
  const credential = `${CREDENTIAL_NAMES[source.kind]} (${source.variables.join(', ')})`;
  const authority = 'authorityHost' in source ? `AZURE_AUTHORITY_HOST=${source.authorityHost}` : 'none: a ready token';
  const stop = (cause: string, error: string, hint: string, sent: string) =>
    new PreflightError(
      [
        `${NOT_TESTED_PREFIX}${cause}; ${sent}.`,
        `  credential: ${credential}`,
        `  authority:  ${authority}`,
        `  error:      ${error}`,
        `  hint:       ${hint}`,
      ].map((line) => redactor.text(line)),
    );

  let token: AccessToken;
  try {
    token = await createTokenProvider(source, scope, { bounds, log: say }).accessToken();
  } catch (error) {
    if (error instanceof SignInStalledError) {
      const { stall } = error;
      throw stop(
        stall.headline,
        `${stall.detail}; the sign-in took ${seconds(error.tookMs)} s in all`,
        noAnswerHint(stall),
        'nothing was sent to Graph',
      );
    }
    if (!(error instanceof TokenRequestError)) throw error;
    const { code, detail, hint } = error.failure;
    // MSAL's code hides the cause; asking the metadata endpoint once more shows it.
    const cause = code === 'endpoints_resolution_error' ? ` (${await probeAuthority(source)})` : '';
    throw stop(
      'no token from Entra ID',
      `${detail.startsWith(code) ? detail : `${code}: ${detail}`}${cause}`,
      hint,
      'nothing was sent to Graph',
    );
  }
  redactor.addSecret(token.token);

  const problem = checkTokenClaims(token.token, settings.baseUrl, testTenantId);
  if (problem) throw stop(problem.cause, problem.error, problem.hint, 'nothing was sent to Graph');

  const context = await request.newContext();
  try {
    const graph = new GraphClient({
      context,
      root: settings.baseUrl,
      defaultHeaders: { Authorization: `Bearer ${token.token}` },
      throttle: { ...settings.throttle, maxRetries: 0 },
      hooks: graphWaitHooks(new URL(settings.baseUrl), bounds, say),
    });
    let response;
    try {
      response = await graph.get(PREFLIGHT_PATH);
    } catch (error) {
      if (error instanceof NoAnswerError)
        throw stop(error.headline, error.detail, noAnswerHint(error), `one read was tried (GET ${PREFLIGHT_PATH})`);
      const detail = redactor.text((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '');
      throw stop(
        `Graph could not be reached at GRAPH_BASE_URL=${settings.baseUrl}`,
        detail,
        'check GRAPH_BASE_URL and the network',
        `one read was tried (GET ${PREFLIGHT_PATH})`,
      );
    }
    const answer = describeAnswer(response.status(), response.headers(), await response.text());
    if (response.status() === 401) {
      throw stop(
        'Graph refused the token',
        `GET ${PREFLIGHT_PATH} answered ${answer}`,
        'the token was issued but Graph does not accept it: check that GRAPH_BASE_URL and AZURE_AUTHORITY_HOST are the same cloud, and that the app is enabled',
        'one read was sent to Graph',
      );
    }
    log(`preflight: signed in with ${CREDENTIAL_NAMES[source.kind]}; Graph accepts the token (GET ${PREFLIGHT_PATH} answered ${answer}).`);
  } finally {
    await context.dispose();
  }
  return token;
}

/** What the authority's OpenID metadata endpoint answers, in a few words: the cause MSAL's error code hides. */
async function probeAuthority(source: CredentialSource): Promise<string> {
  if (!('authorityHost' in source)) return 'no authority';
  const url = `${source.authorityHost}/${source.tenantId}/v2.0/.well-known/openid-configuration`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return `its OpenID metadata answered ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const why = [cause?.code, cause?.message, (error as Error).message].find(
      (candidate): candidate is string => typeof candidate === 'string',
    );
    return `its OpenID metadata could not be read: ${why ?? 'no answer'}`;
  }
}
