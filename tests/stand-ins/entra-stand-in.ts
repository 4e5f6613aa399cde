import { randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, importX509, jwtVerify, SignJWT } from 'jose';
import { thumbprints, type TestPki } from './certificates.ts';
import { startJsonServer, type LocalHttpsServer, type Stall, type StalledExchange, type Stalling } from './https-server.ts';

export interface AppRegistration {
  tenantId: string;
  /** The tenant's domain, which a sign-in may name instead of its id. */
  domain: string;
  clientId: string;
  clientSecret: string;
  /** PEM of the certificate whose key signs client assertions. */
  clientCert: string;
  /** The OIDC token a federated credential trusts (what GitHub Actions would write to AZURE_FEDERATED_TOKEN_FILE). */
  federatedToken: string;
}

export interface TokenGrant {
  tenantId: string;
  clientId: string;
  scope: string;
  method: 'secret' | 'certificate' | 'federated' | 'github';
  /** The federated assertion the grant was made for, to prove each sign-in used a fresh one. */
  assertion?: string;
}

/**
 * A local Entra ID: OpenID metadata and a v2.0 token endpoint for the client-credentials grant,
 * with a client secret, a certificate-signed assertion or a federated assertion. Tokens are JWTs
 * (tid, appid, aud) signed with a key only this process knows; the Graph stand-in checks them.
 */
export class EntraStandIn implements Stalling {
  readonly grants: TokenGrant[] = [];
  readonly issued: string[] = [];
  readonly signingKey = new Uint8Array(randomBytes(32));
  tokenLifetimeSeconds = 3600;
  /**
   * The application permissions granted to the app, as its tokens' `roles` claim says; `undefined`
   * leaves the claim out, as Entra does when an app has none (docs/stand-ins.md).
   */
  roles: string[] | undefined = ['ExternalConnection.ReadWrite.OwnedBy'];
  /** The key of a GitHub Actions OIDC issuer the app's federated credential trusts, if any. */
  trustedGitHubKey: Uint8Array | undefined;
  /** Play a host that accepts the connection and never answers (docs/stand-ins.md, "A stalled connection"). */
  stall: Stall | undefined;
  readonly stalled: StalledExchange[] = [];
  private server: LocalHttpsServer | undefined;
  private origin = '';

  constructor(
    private readonly pki: TestPki,
    readonly app: AppRegistration,
  ) {}

  get authorityHost(): string {
    return this.origin;
  }

  async start(): Promise<string> {
    this.server = await startJsonServer(this.pki, (request, body) => this.handle(request.method ?? 'GET', request.url ?? '/', body), this);
    this.origin = this.server.origin;
    return this.origin;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  private async handle(method: string, url: string, body: string): Promise<{ status: number; body: unknown }> {
    const [, tenant = '', rest = ''] = /^\/([^/]+)\/(.*)$/.exec(url.split('?')[0] ?? '') ?? [];
    if (method === 'GET' && rest === 'v2.0/.well-known/openid-configuration') return { status: 200, body: this.metadata(tenant) };
    if (method === 'POST' && rest === 'oauth2/v2.0/token') return this.token(tenant, new URLSearchParams(body));
    return { status: 404, body: { error: 'not_found', error_description: `${method} ${url}` } };
  }

  private metadata(tenant: string) {
    const base = `${this.origin}/${tenant}`;
    return {
      issuer: `${this.origin}/${tenant}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ['code', 'id_token', 'token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
      tenant_region_scope: 'WW',
    };
  }

  /** A token as the endpoint issues it; also what a user would paste into GRAPH_ACCESS_TOKEN. */
  async mintToken(audience: string): Promise<string> {
    const { tenantId } = this.app;
    const token = await new SignJWT({ tid: tenantId, appid: this.app.clientId, ...(this.roles ? { roles: this.roles } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setAudience(audience)
      .setIssuer(`${this.origin}/${tenantId}/v2.0`)
      .setIssuedAt()
      .setExpirationTime(`${this.tokenLifetimeSeconds}s`)
      .sign(this.signingKey);
    this.issued.push(token);
    return token;
  }

  private async token(tenant: string, form: URLSearchParams): Promise<{ status: number; body: unknown }> {
    const refuse = (code: number, description: string, error = 'invalid_client') =>
      entraError(code === 90002 ? 400 : 401, error, code, description);
    if (tenant !== this.app.tenantId && tenant !== this.app.domain)
      return refuse(90002, `Tenant '${tenant}' not found.`, 'invalid_request');
    if (form.get('grant_type') !== 'client_credentials')
      return entraError(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    if (form.get('client_id') !== this.app.clientId)
      return refuse(
        700016,
        `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory.`,
        'unauthorized_client',
      );
    const scope = form.get('scope') ?? '';
    if (!scope.endsWith('/.default'))
      return entraError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid.`);

    let grantMethod: TokenGrant['method'];
    const assertion = form.get('client_assertion') ?? undefined;
    if (form.get('client_secret') !== null) {
      if (form.get('client_secret') !== this.app.clientSecret) return refuse(7000215, 'Invalid client secret provided.');
      grantMethod = 'secret';
    } else if (assertion === this.app.federatedToken) {
      grantMethod = 'federated';
    } else if (assertion && this.trustedGitHubKey && decodeProtectedHeader(assertion).alg === 'HS256') {
      try {
        await jwtVerify(assertion, this.trustedGitHubKey, {
          issuer: 'https://token.actions.githubusercontent.com',
          audience: 'api://AzureADTokenExchange',
        });
      } catch (error) {
        const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
        return expired
          ? refuse(700024, 'Client assertion is not within its valid time range.')
          : refuse(70021, 'No matching federated identity record found for presented assertion.');
      }
      grantMethod = 'github';
    } else if (assertion) {
      const header = decodeProtectedHeader(assertion);
      const thumbprint = header['x5t#S256'] ?? header.x5t;
      if (typeof thumbprint !== 'string' || !thumbprints(this.app.clientCert).includes(thumbprint))
        return refuse(700027, 'Client assertion failed signature validation.');
      const key = await importX509(new X509Certificate(this.app.clientCert).toString(), header.alg ?? 'RS256');
      try {
        // Entra allows clock skew; MSAL stamps nbf with the current second.
        await jwtVerify(assertion, key, { issuer: this.app.clientId, subject: this.app.clientId, clockTolerance: 300 });
      } catch (error) {
        return refuse(700027, `Client assertion failed signature validation: ${(error as Error).message}`);
      }
      grantMethod = 'certificate';
    } else {
      return refuse(
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        'invalid_client',
      );
    }

    const accessToken = await this.mintToken(scope.slice(0, -'/.default'.length));
    this.grants.push({
      tenantId: this.app.tenantId,
      clientId: this.app.clientId,
      scope,
      method: grantMethod,
      ...(assertion ? { assertion } : {}),
    });
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: this.tokenLifetimeSeconds,
        ext_expires_in: this.tokenLifetimeSeconds,
        access_token: accessToken,
      },
    };
  }
}

/** An error as Entra's token endpoint writes it (entra-docs reference-error-codes: the sample error body). */
function entraError(status: number, error: string, code: number, message: string): { status: number; body: unknown } {
  const timestamp = new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z';
  const traceId = randomUUID();
  const correlationId = randomUUID();
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}
