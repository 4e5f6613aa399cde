import { HISTORY_FORMAT, type MetadataChange, type NightRecord, type NightTest } from '../../authoring/history/night-record.ts';
import type { Outcome } from '../../harness/verdict/outcome.ts';

/** Made-up nights of two operations for the alerts: what each night's tests, leftovers and metadata were. */
export const CONNECTIONS = 'POST /beta/external/connections';
export const CONNECTORS = 'POST /beta/identity/apiConnectors';
export const SILENT: MetadataChange = {
  type: 'microsoft.graph.pkcs12CertificateInformation',
  change: 'property isActive removed',
  kind: 'property removed',
  member: 'isActive',
  direction: 'breaks a reader and a writer',
};
export const HARMLESS_SILENT: MetadataChange = {
  type: 'microsoft.graph.identityApiConnector',
  change: 'property notes added',
  direction: 'harmless',
};
export const ANNOUNCED: MetadataChange = {
  ...SILENT,
  type: 'microsoft.graph.identityApiConnector',
  change: 'property targetUrl removed',
  announced: { date: '2026-05-01', text: 'Removed.' },
};

export interface NightPlan {
  duplicate: Outcome;
  connector?: Outcome;
  leftover?: boolean;
  metadata?: MetadataChange[];
  drift?: { checked: boolean; why?: string };
  notTested?: string;
}

function testOf(id: string, title: string, outcome: Outcome, requestId: string): NightTest {
  return {
    id,
    title,
    case: `${title.slice(0, 3)} 0000000${id.slice(-1)}`,
    outcome,
    ...(outcome === 'pass' ? {} : { reason: `${outcome}: Expected 409, received 400 (request-id ${requestId})` }),
    ms: 1000,
    requests: [
      ['POST', '/beta/external/connections', 201, `${requestId}-1`],
      ['POST', '/beta/external/connections', outcome === 'fail' ? 400 : 409, requestId],
    ],
  };
}

/** A history of two operations, one night a day from 2026-05-01. */
export function alertNights(plans: NightPlan[]): NightRecord[] {
  return plans.map((plan, index) => {
    const night = `2026-05-0${index + 1}`;
    return {
      format: HISTORY_FORMAT,
      night,
      generatedAt: `${night}T03:17:00.000Z`,
      mode: 'record',
      runUrl: `https://github.com/contoso/graph-contracts/actions/runs/${100 + index}`,
      reportUrl: `https://github.com/contoso/graph-contracts/actions/runs/${100 + index}/artifacts/${200 + index}`,
      ...(plan.notTested ? { notTested: plan.notTested } : {}),
      ...(plan.drift ? { metadataDrift: plan.drift } : {}),
      stoppedShards: [],
      leftovers: plan.leftover
        ? [
            {
              operationId: CONNECTORS,
              testId: 'bbbbbbbbbbb1',
              description: 'DELETE /beta/identity/apiConnectors/{id} was refused three times (503): not proven deleted',
            },
          ]
        : [],
      operations: [
        {
          id: CONNECTIONS,
          method: 'POST',
          path: '/external/connections',
          version: 'beta',
          page: 'create-connection',
          metadata: [],
          tests: [
            testOf('aaaaaaaaaaa1', '201 creates the connection in draft state', plan.notTested ? 'not tested' : 'pass', `r${index}a`),
            testOf(
              'aaaaaaaaaaa2',
              '409 for a second create with the same id',
              plan.notTested ? 'not tested' : plan.duplicate,
              `r${index}b`,
            ),
          ],
        },
        {
          id: CONNECTORS,
          method: 'POST',
          path: '/identity/apiConnectors',
          version: 'beta',
          page: 'create-identityapiconnector',
          metadata: plan.metadata ?? [],
          tests: [
            testOf(
              'bbbbbbbbbbb1',
              '201 creates the API connector',
              plan.notTested ? 'not tested' : (plan.connector ?? 'pass'),
              `r${index}c`,
            ),
          ],
        },
      ],
    };
  });
}
