import { divergence, docPage, expect, test } from '../harness/test.ts';

test.use({ graphVersion: 'beta' });

test.describe('POST /identity/apiConnectors', { annotation: docPage('create-identityapiconnector') }, () => {
  test(
    '201 creates the API connector and never echoes its password',
    { annotation: divergence('identityApiConnector-type-name') },
    async ({ graph, uniqueId, uniqueSecret, cleanup, divergences }) => {
      const password = uniqueSecret('password');
      // The page's "@odata.type" in the request is a stub artefact, left out. The suite id in the
      // display name is how `npm run sweep` finds a connector a killed run left behind.
      const body = {
        displayName: `Contoso sign-up validation ${uniqueId('marker')}`,
        targetUrl: 'https://contoso.example/api/validate',
        authenticationConfiguration: { '@odata.type': '#microsoft.graph.basicAuthentication', username: 'contract-suite', password },
      };

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

  test(
    '201 answers a certificate upload with its thumbprint and validity, never the certificate or its password',
    async ({ graph, uniqueId, uniqueCertificate, cleanup }) => {
      const certificate = await uniqueCertificate('certificate');
      const body = {
        displayName: `Contoso sign-up validation ${uniqueId('marker')}`,
        targetUrl: 'https://contoso.example/api/validate',
        authenticationConfiguration: { '@odata.type': '#microsoft.graph.pkcs12Certificate', pkcs12Value: certificate.pkcs12Value, password: certificate.password },
      };

      const response = await graph.post('/identity/apiConnectors', { data: body });
      cleanup.deleteCreated(response, (id) => `/identity/apiConnectors/${id}`);

      expect(response).toHaveStatus(201);
      const connector = await response.json();
      expect(connector).toMatchSchema('identityApiConnector');
      // pkcs12Certificate is request-only: the answer is the certificate's public information.
      expect(connector).toMatchObject({
        authenticationConfiguration: {
          '@odata.type': '#microsoft.graph.clientCertificateAuthentication',
          certificateList: [{ thumbprint: certificate.thumbprint, notBefore: certificate.notBefore, notAfter: certificate.notAfter, isActive: true }],
        },
      });
      const answer = JSON.stringify(connector);
      expect(answer.includes(certificate.pkcs12Value), 'the response echoes the uploaded certificate').toBe(false);
      expect(answer.includes(certificate.password), 'the response echoes the certificate\'s password in clear').toBe(false);
    },
  );
});
