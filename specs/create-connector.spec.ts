import { divergence, expect, test } from '../harness/test.ts';

const DOC_PAGE = 'https://learn.microsoft.com/graph/api/connector-post?view=graph-rest-beta';

test.use({ graphVersion: 'beta' });

test.describe('POST /connectors', { annotation: { type: 'docs', description: DOC_PAGE } }, () => {
  test('201 creates an active connector with a server-generated id', { annotation: divergence('connectors-create-not-served') }, async ({ graph, cleanup }) => {
    // The page's example also sends "@odata.type": a stub artefact, left out.
    const body = { machineName: 'contoso-proxy-01', externalIp: '203.0.113.10', status: 'active' };

    const response = await graph.post('/connectors', { data: body });
    cleanup.deleteCreated(response, (id) => `/connectors/${id}`);

    expect(response).toHaveStatus(201);
    const connector = await response.json();
    expect(connector).toMatchSchema('connector');
    expect(connector).toMatchObject(body);
  });
});
