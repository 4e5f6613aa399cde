import { randomBytes, X509Certificate } from 'node:crypto';
import { decodeProtectedHeader, importX509, jwtVerify, SignJWT } from 'jose';
import { thumbprints, type TestPki } from './certificates.ts';
import { startHttpsServer, type LocalHttpsServer } from './https-server.ts';

export interface AppRegistration {
  tenantId: string;
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
  method: 'secret' | 'certificate' | 'federated';
}

/**
 * A local Entra ID: OpenID metadata and a v2.0 token endpoint for the client-credentials grant,
 * with a client secret, a certificate-signed assertion or a federated assertion. Tokens are JWTs
 * (tid, appid, aud) signed with a key only this process knows; the Graph stand-in checks them.
 */
export class EntraStandIn {
  readonly grants: TokenGrant[] = [];
  readonly issued: string[] = [];
  readonly signingKey = new Uint8Array(randomBytes(32));
  tokenLifetimeSeconds = 3600;
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
    this.server = await startHttpsServer(this.pki, (request, body, response) => {
      this.handle(request.method ?? 'GET', request.url ?? '/', body)
        .then(({ status, body: answer }) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(answer));
        })
        .catch((error: unknown) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: 'server_error', error_description: String(error) }));
        });
    });
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
  async mintToken(audience: string, tenantId = this.app.tenantId): Promise<string> {
    const token = await new SignJWT({ tid: tenantId, appid: this.app.clientId, roles: ['ExternalConnection.ReadWrite.OwnedBy'] })
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
    const refuse = (description: string) => ({ status: 401, body: { error: 'invalid_client', error_description: description } });
    if (tenant !== this.app.tenantId) return { status: 400, body: { error: 'invalid_tenant', error_description: `unknown tenant ${tenant}` } };
    if (form.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (form.get('client_id') !== this.app.clientId) return refuse('unknown client_id');
    const scope = form.get('scope') ?? '';
    if (!scope.endsWith('/.default')) return { status: 400, body: { error: 'invalid_scope', error_description: scope } };

    let grantMethod: TokenGrant['method'];
    const assertion = form.get('client_assertion');
    if (form.get('client_secret') !== null) {
      if (form.get('client_secret') !== this.app.clientSecret) return refuse('AADSTS7000215: invalid client secret');
      grantMethod = 'secret';
    } else if (assertion === this.app.federatedToken) {
      grantMethod = 'federated';
    } else if (assertion) {
      const header = decodeProtectedHeader(assertion);
      const thumbprint = header['x5t#S256'] ?? header.x5t;
      if (typeof thumbprint !== 'string' || !thumbprints(this.app.clientCert).includes(thumbprint)) return refuse('assertion signed by an unknown certificate');
      const key = await importX509(new X509Certificate(this.app.clientCert).toString(), header.alg ?? 'RS256');
      try {
        // Entra allows clock skew; MSAL stamps nbf with the current second.
        await jwtVerify(assertion, key, { issuer: this.app.clientId, subject: this.app.clientId, clockTolerance: 300 });
      } catch (error) {
        return refuse(`invalid client assertion: ${(error as Error).message}`);
      }
      grantMethod = 'certificate';
    } else {
      return refuse('no client credential');
    }

    const accessToken = await this.mintToken(scope.slice(0, -'/.default'.length), tenant);
    this.grants.push({ tenantId: tenant, clientId: this.app.clientId, scope, method: grantMethod });
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: this.tokenLifetimeSeconds, ext_expires_in: this.tokenLifetimeSeconds, access_token: accessToken },
    };
  }
}
