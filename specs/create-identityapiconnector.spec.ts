import { divergence, docPage, expect, test } from '../harness/test.ts';

/** A connector, its display name marked with the suite id (how `npm run sweep` finds one a killed run left behind). */
const apiConnector = (marker: string, authenticationConfiguration: Record<string, unknown>) => ({
  displayName: `Contoso sign-up validation ${marker}`,
  targetUrl: 'https://contoso.example/api/validate',
  authenticationConfiguration,
});

const basicConnector = (marker: string, password: string) =>
  apiConnector(marker, { '@odata.type': '#microsoft.graph.basicAuthentication', username: 'contract-suite', password });

test.use({ graphVersion: 'beta' });

test.describe('POST /identity/apiConnectors', { annotation: docPage('create-identityapiconnector') }, () => {
  test(
    '201 creates the API connector and never echoes its password',
    { annotation: divergence('identityApiConnector-type-name') },
    async ({ graph, uniqueId, uniqueSecret, cleanup, divergences }) => {
      const password = uniqueSecret('password');
      // The page's "@odata.type" in the request is a stub artefact, left out.
      const body = basicConnector(uniqueId('marker'), password);

      const response = await graph.post('/identity/apiConnectors', { data: body });
      cleanup.deleteCreated(response, (id) => `/identity/apiConnectors/${id}`);

      expect(response).toHaveStatus(201);
      const connector = await response.json();
      expect(connector).toMatchSchema('identityApiConnector');
      expect(connector).toMatchObject({
        displayName: body.displayName,
        targetUrl: body.targetUrl,
        authenticationConfiguration: { '@odata.type': '#microsoft.graph.basicAuthentication', username: 'contract-suite' },
      });
      // The password is write-only: masked or absent both pass; never the password in clear (nor printed if it is).
      expect(JSON.stringify(connector).includes(password), 'the response echoes the sent password in clear').toBe(false);
      divergences.claim('identityApiConnector-type-name', connector);
    },
  );

  test('201 answers a certificate upload with its thumbprint and validity, never the certificate or its password', async ({
    graph,
    uniqueId,
    uniqueCertificate,
    cleanup,
  }) => {
    const certificate = await uniqueCertificate('certificate');
    const body = apiConnector(uniqueId('marker'), {
      '@odata.type': '#microsoft.graph.pkcs12Certificate',
      pkcs12Value: certificate.pkcs12Value,
      password: certificate.password,
    });

    const response = await graph.post('/identity/apiConnectors', { data: body });
    cleanup.deleteCreated(response, (id) => `/identity/apiConnectors/${id}`);

    expect(response).toHaveStatus(201);
    const connector = await response.json();
    expect(connector).toMatchSchema('identityApiConnector');
    // pkcs12Certificate is request-only: the answer is the certificate's public information.
    expect(connector).toMatchObject({
      authenticationConfiguration: {
        '@odata.type': '#microsoft.graph.clientCertificateAuthentication',
        certificateList: [
          { thumbprint: certificate.thumbprint, notBefore: certificate.notBefore, notAfter: certificate.notAfter, isActive: true },
        ],
      },
    });
    const answer = JSON.stringify(connector);
    expect(answer.includes(certificate.pkcs12Value), 'the response echoes the uploaded certificate').toBe(false);
    expect(answer.includes(certificate.password), "the response echoes the certificate's password in clear").toBe(false);
  });

  // The page's headers table: "Authorization: Bearer {token}. Required." These send no real token at all.
  test('401 without a token', async ({ graph, uniqueId, uniqueSecret, cleanup }) => {
    const response = await graph
      .withoutToken()
      .post('/identity/apiConnectors', { data: basicConnector(uniqueId('marker'), uniqueSecret('password')) });
    cleanup.deleteCreated(response, (id) => `/identity/apiConnectors/${id}`);

    expect(response).toHaveStatus(401);
  });

  test('401 with a malformed token', async ({ graph, uniqueId, uniqueSecret, cleanup }) => {
    const response = await graph
      .withToken('not-a-token')
      .post('/identity/apiConnectors', { data: basicConnector(uniqueId('marker'), uniqueSecret('password')) });
    cleanup.deleteCreated(response, (id) => `/identity/apiConnectors/${id}`);

    expect(response).toHaveStatus(401);
  });

  test('404 once deleted: the API connector is read back (200), deleted (204), then gone', async ({
    graph,
    uniqueId,
    uniqueSecret,
    cleanup,
  }) => {
    const body = basicConnector(uniqueId('marker'), uniqueSecret('password'));
    const created = await graph.post('/identity/apiConnectors', { data: body });
    cleanup.deleteCreated(created, (id) => `/identity/apiConnectors/${id}`);
    expect(created).toHaveStatus(201);
    const { id } = (await created.json()) as { id: string };
    const path = `/identity/apiConnectors/${id}`;

    // Graph is eventually consistent: a read may lag the create.
    const read = await graph.poll('get', path, { until: 200, timeoutSeconds: 20, intervalSeconds: 2 });
    expect(read).toHaveStatus(200);
    expect(await read.json()).toMatchObject({ displayName: body.displayName, targetUrl: body.targetUrl });

    expect(await graph.delete(path)).toHaveStatus(204);

    const deleted = await graph.poll('get', path, { until: 404, timeoutSeconds: 20, intervalSeconds: 2 });
    expect(deleted).toHaveStatus(404);
  });
});
