import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { generateTestPki, type TestPki } from '../stand-ins/certificates.ts';
import { EntraStandIn } from '../stand-ins/entra-stand-in.ts';
import { GitHubOidcStandIn } from '../stand-ins/github-oidc-stand-in.ts';
import { GraphStandIn } from '../stand-ins/graph-stand-in.ts';

export type CredentialKind = 'secret' | 'certificate' | 'federated' | 'github' | 'access-token';

export interface StandIns {
  entra: EntraStandIn;
  graph: GraphStandIn;
  github: GitHubOidcStandIn;
  pki: TestPki;
  /** What a user's nightly would set, pointed at the stand-ins, for one way of signing in. */
  env(kind: CredentialKind, mode?: 'live' | 'record'): Promise<Record<string, string>>;
}

/** End-to-end tests get a fresh Graph and Entra ID on loopback, with certificates made for this run. */
export const test = base.extend<{ standIns: StandIns }, { pki: TestPki }>({
  pki: [
    async ({}, use, workerInfo) => {
      // Under the project's output folder, removed after the worker: the client key never stays behind.
      const pki = await generateTestPki(join(workerInfo.project.outputDir, `worker-${workerInfo.workerIndex}`));
      await use(pki);
      rmSync(pki.directory, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  standIns: async ({ pki }, use) => {
    const app = {
      tenantId: randomUUID(),
      domain: `contoso-${randomBytes(3).toString('hex')}.onmicrosoft.com`,
      clientId: randomUUID(),
      clientSecret: `planted-secret-${randomBytes(12).toString('hex')}`,
      clientCert: pki.clientCert,
      federatedToken: `eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3Rva2VuLmFjdGlvbnMuZ2l0aHVidXNlcmNvbnRlbnQuY29tIn0.${randomBytes(24).toString('base64url')}`,
    };
    const entra = new EntraStandIn(pki, app);
    await entra.start();
    const graph = new GraphStandIn(pki, { signingKey: entra.signingKey, tenantId: app.tenantId });
    await graph.start();
    const github = new GitHubOidcStandIn(pki);
    await github.start();
    entra.trustedGitHubKey = github.signingKey;
    const federatedTokenFile = join(pki.directory, `federated-${app.clientId}.jwt`);
    writeFileSync(federatedTokenFile, app.federatedToken);

    await use({
      entra,
      graph,
      github,
      pki,
      async env(kind, mode = 'live') {
        const common = {
          GRAPH_MODE: mode,
          GRAPH_BASE_URL: graph.baseUrl,
          GRAPH_TEST_TENANT_ID: app.tenantId,
          NODE_EXTRA_CA_CERTS: pki.serverCertPath,
        };
        const app_ = { AZURE_TENANT_ID: app.tenantId, AZURE_CLIENT_ID: app.clientId, AZURE_AUTHORITY_HOST: entra.authorityHost };
        switch (kind) {
          case 'secret':
            return { ...common, ...app_, AZURE_CLIENT_SECRET: app.clientSecret };
          case 'certificate':
            return { ...common, ...app_, AZURE_CLIENT_CERTIFICATE_PATH: pki.clientPemPath };
          case 'federated':
            return { ...common, ...app_, AZURE_FEDERATED_TOKEN_FILE: federatedTokenFile };
          case 'github':
            return {
              ...common,
              ...app_,
              ACTIONS_ID_TOKEN_REQUEST_URL: github.requestUrl,
              ACTIONS_ID_TOKEN_REQUEST_TOKEN: github.requestToken,
            };
          case 'access-token':
            return { ...common, GRAPH_ACCESS_TOKEN: await entra.mintToken(graph.baseUrl) };
        }
      },
    });
    await github.stop();
    await graph.stop();
    await entra.stop();
  },
});

export { expect } from '@playwright/test';
