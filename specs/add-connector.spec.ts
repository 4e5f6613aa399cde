import { divergence, docPage, expect, test } from '../harness/test.ts';

const BODY_ON_204 = {
  type: 'documented quirk',
  description:
    'The page shows a JSON connector under "204 No Content"; HTTP forbids a body on 204 (RFC 9110 §15.3.5), so the spec asserts the status, which for a 204 includes an empty body.',
};

// The service serves no such path (known-divergences.json), so tests of its input rules, errors or lifecycle would test nothing.
test.use({ graphVersion: 'v1.0' });

test.describe('POST /applications/{applicationsId}/connectorGroup/members/$ref', { annotation: docPage('add-connector') }, () => {
  test(
    '204 adds the connector, with an empty body',
    { annotation: [divergence('application-connectorGroup-not-in-v1'), BODY_ON_204] },
    async ({ graph, uniqueId }) => {
      // The application need not exist while the path is not served; when it is, this needs a real application.
      const applicationsId = uniqueId('application');
      const body = { machineName: 'contoso-proxy-01', externalIp: '203.0.113.10', status: 'active' };

      const response = await graph.post(`/applications/${applicationsId}/connectorGroup/members/$ref`, { data: body });

      expect(response).toHaveStatus(204);
    },
  );
});
