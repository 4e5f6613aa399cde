import { divergence, docPage, expect, test } from '../harness/test.ts';

const STATE_IS_COMPUTED = {
  type: 'documented quirk',
  description: 'The page sends state, which the service computes (read-only in the metadata): a new connection is draft whatever is sent.',
};

// The service is not known to serve this path (known-divergences.json), so tests of its input rules, errors or lifecycle would test nothing:
// Create connection's spec tests them on the documented path.
test.use({ graphVersion: 'beta' });

test.describe('POST /connections', { annotation: docPage('create-externalconnection') }, () => {
  test(
    '201 creates the externalConnection in draft state',
    { annotation: [divergence('connections-path-never-documented'), STATE_IS_COMPUTED] },
    async ({ graph, uniqueId, cleanup }) => {
      const body = {
        id: uniqueId('connection'),
        name: 'Contoso Wiki',
        description: 'Connection to index the Contoso wiki',
        configuration: { authorizedAppIds: [] },
        // Sent because the page sends it; the service computes state and ignores this.
        state: 'draft',
      };
      // Deleted at the documented path, which serves whatever this one created.
      cleanup.delete(`/external/connections/${body.id}`);

      const response = await graph.post('/connections', { data: body });

      expect(response).toHaveStatus(201);
      const connection = await response.json();
      expect(connection).toMatchSchema('externalConnection');
      expect(connection).toMatchObject({ id: body.id, name: body.name, description: body.description, state: 'draft' });
    },
  );
});
