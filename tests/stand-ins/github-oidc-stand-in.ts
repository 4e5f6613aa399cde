import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { TestPki } from './certificates.ts';
import { startJsonServer, type LocalHttpsServer, type Stall, type StalledExchange, type Stalling } from './https-server.ts';

/**
 * A local GitHub Actions ID-token endpoint, as `core.getIDToken()` calls it (actions/toolkit
 * packages/core/src/oidc-utils.ts): GET `ACTIONS_ID_TOKEN_REQUEST_URL&audience=…` with
 * `Authorization: Bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN`, answered `{ "value": "<jwt>" }`. Its
 * tokens live `lifetimeSeconds` (GitHub documents no lifetime; its example token lives 300 s).
 */
export class GitHubOidcStandIn implements Stalling {
  readonly requestToken = `ghs-request-${randomBytes(16).toString('hex')}`;
  readonly signingKey = new Uint8Array(randomBytes(32));
  readonly issued: string[] = [];
  lifetimeSeconds = 300;
  /** Play a host that accepts the connection and never answers (docs/stand-ins.md, "A stalled connection"). */
  stall: Stall | undefined;
  readonly stalled: StalledExchange[] = [];
  private server: LocalHttpsServer | undefined;

  constructor(private readonly pki: TestPki) {}

  /** What the runner sets in ACTIONS_ID_TOKEN_REQUEST_URL: it already has a query, so the audience is appended with `&`. */
  get requestUrl(): string {
    return `${this.server?.origin ?? ''}/_apis/distributedtask/idtoken?api-version=2.0`;
  }

  async start(): Promise<void> {
    this.server = await startJsonServer(
      this.pki,
      (request) => this.answer(new URL(request.url ?? '/', 'https://127.0.0.1'), request.headers.authorization),
      this,
    );
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  private async answer(url: URL, authorization: string | undefined): Promise<{ status: number; body: unknown }> {
    if (authorization !== `Bearer ${this.requestToken}`) return { status: 401, body: { message: 'Bad credentials' } };
    const audience = url.searchParams.get('audience');
    if (!audience) return { status: 400, body: { message: 'audience is required' } };
    return { status: 200, body: { value: await this.mint(audience, this.lifetimeSeconds) } };
  }

  /** An ID token as the endpoint issues it; a negative lifetime gives one that has already expired. */
  async mint(audience: string, lifetimeSeconds: number): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ repository: 'contoso/graph-contracts', ref: 'refs/heads/main' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer('https://token.actions.githubusercontent.com')
      .setSubject('repo:contoso/graph-contracts:ref:refs/heads/main')
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt(Math.min(now, now + lifetimeSeconds - 60))
      .setExpirationTime(now + lifetimeSeconds)
      .sign(this.signingKey);
    this.issued.push(token);
    return token;
  }
}
