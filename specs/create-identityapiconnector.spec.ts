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
});
