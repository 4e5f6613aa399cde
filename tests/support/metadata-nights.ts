import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './run-suite.ts';

/**
 * What the metadata stand-in serves on a drift night: Graph's metadata as committed, or a later
 * publication of beta with two changes to types under contract; and changelog files in the docs
 * repository's form (changelog/<Workload>.json, Changelog.Schema.json), made up here, one of which
 * announces one of the two changes.
 */
export const COMMITTED_V1 = readFileSync(join(PROJECT_ROOT, 'metadata', 'v1.0-Prod.csdl'), 'utf8');
/** The committed beta slice served as "the whole beta metadata": a CSDL document with microsoft.graph.entity, as fetchMetadata requires. */
export const COMMITTED_BETA = readFileSync(join(PROJECT_ROOT, 'metadata', 'beta.csdl.xml'), 'utf8');

export const ANNOUNCED = {
  type: 'microsoft.graph.externalConnectors.externalConnection',
  member: 'complianceSettings',
  date: '2026-08-20',
};
export const SILENT = { type: 'microsoft.graph.pkcs12CertificateInformation', member: 'isActive' };

/** Beta a night later: externalConnection loses complianceSettings (announced), pkcs12CertificateInformation loses isActive (silent). */
export function driftedBeta(): string {
  const edits: [string, string][] = [
    ['        <Property Name="complianceSettings" Type="microsoft.graph.externalConnectors.complianceSettings" />\n', ''],
    ['        <Property Name="isActive" Type="Edm.Boolean" Nullable="false" />\n', ''],
  ];
  return edits.reduce((text, [from, to]) => {
    if (text.split(from).length !== 2)
      throw new Error(`the committed beta slice no longer holds ${from.trim()}: update tests/support/metadata-nights.ts`);
    return text.replace(from, to);
  }, COMMITTED_BETA);
}

const ENTRY_DEFAULTS = { Cloud: 'Prod', WorkloadArea: 'Search', SubArea: '' };

/** Microsoft.Search.json: the announcement of complianceSettings' removal, and older news of the same type. */
export const SEARCH_CHANGELOG = JSON.stringify(
  {
    changelog: [
      {
        ChangeList: [
          {
            Id: '6f1d2c3a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
            ApiChange: 'Property',
            ChangedApiName: 'complianceSettings',
            ChangeType: 'Deletion',
            Description:
              'Removed the **complianceSettings** property from the [externalConnection](https://learn.microsoft.com/en-us/graph/api/resources/externalconnectors-externalconnection?view=graph-rest-beta) resource.',
            Target: 'externalConnection',
          },
        ],
        Id: '6f1d2c3a-1b2c-4d5e-8f90-a1b2c3d4e5f6',
        Version: 'beta',
        CreatedDateTime: `${ANNOUNCED.date}T00:00:00.0000000Z`,
        ...ENTRY_DEFAULTS,
      },
      {
        ChangeList: [
          {
            Id: '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
            ApiChange: 'Property',
            ChangedApiName: 'state',
            ChangeType: 'Addition',
            Description: 'Added the **state** property to the externalConnection resource.',
            Target: 'externalConnection',
          },
        ],
        Id: '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
        Version: 'beta',
        CreatedDateTime: '2020-09-01T00:00:00',
        ...ENTRY_DEFAULTS,
        Cloud: 'prd',
      },
    ],
  },
  null,
  2,
);

/** Microsoft.CPIM.json: read for the API connector's types, and silent on pkcs12CertificateInformation. */
export const CPIM_CHANGELOG = JSON.stringify(
  {
    changelog: [
      {
        ChangeList: [
          {
            Id: '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170',
            ApiChange: 'Resource',
            ChangedApiName: 'onWidgetStartListener',
            ChangeType: 'Addition',
            Description: 'Added the onWidgetStartListener resource.',
            Target: 'onWidgetStartListener',
          },
        ],
        Id: '5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170',
        Version: 'beta',
        CreatedDateTime: '2026-08-21T23:21:31.7921234Z',
        Cloud: 'Prod',
        WorkloadArea: 'Identity and access',
        SubArea: 'Identity and sign-in',
      },
    ],
  },
  null,
  2,
);

export const CHANGELOGS = { 'Microsoft.Search': SEARCH_CHANGELOG, 'Microsoft.CPIM': CPIM_CHANGELOG };
