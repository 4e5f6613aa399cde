import { expect, test } from '@playwright/test';
import { fixtureSubstance } from '../../authoring/fixture-substance.ts';

function recording(id: string, recordedAt: string, serviceId: string, state = 'draft'): string {
  return JSON.stringify({
    provenance: { source: 'recording', recordedAt, baseUrl: 'https://graph.microsoft.com', outcome: 'passed' },
    values: { connection: id },
    interactions: [
      {
        scope: 'https://graph.microsoft.com',
        method: 'POST',
        path: '/beta/external/connections',
        body: { id },
        status: 201,
        response: { id, state, configuration: { authorizedAppIds: [serviceId] } },
      },
    ],
  });
}

test('a re-recording that differs only in time, generated ids and GUIDs has the same substance', () => {
  expect(fixtureSubstance(recording('gcs0toy94ikff9hy', '2026-11-22T03:17:00Z', 'd310d35d-72ec-47dd-92f2-fb9c40936555'))).toBe(
    fixtureSubstance(recording('gcs0toyabcdefghi', '2026-11-23T03:17:00Z', '0f0e0d0c-0b0a-4909-8807-060504030201')),
  );
});

test('a different answer is a change in substance', () => {
  expect(fixtureSubstance(recording('gcs0toy94ikff9hy', '2026-11-22T03:17:00Z', 'd310d35d-72ec-47dd-92f2-fb9c40936555'))).not.toBe(
    fixtureSubstance(recording('gcs0toy94ikff9hy', '2026-11-22T03:17:00Z', 'd310d35d-72ec-47dd-92f2-fb9c40936555', 'ready')),
  );
});
