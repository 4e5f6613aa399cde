import { divergence, docPage, expect, test } from '../harness/test.ts';

// The service serves no such path (known-divergences.json), so tests of its input rules, errors or lifecycle would test nothing.
test.use({ graphVersion: 'beta' });

test.describe('POST /connectors', { annotation: docPage('create-connector') }, () => {
  test(
    '201 creates an active connector with a server-generated id',
    { annotation: divergence('connectors-create-not-served') },
    async ({ graph, cleanup }) => {
      // The page's example also sends "@odata.type": a stub artefact, left out.
      const body = { machineName: 'contoso-proxy-01', externalIp: '203.0.113.10', status: 'active' };

      const response = await graph.post('/connectors', { data: body });
      cleanup.deleteCreated(response, (id) => `/connectors/${id}`);

      expect(response).toHaveStatus(201);
      const connector = await response.json();
      expect(connector).toMatchSchema('connector');
      expect(connector).toMatchObject(body);
    },
  );
});
