import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { announcementOf, changelogVerdict, parseChangelog, workloadsOf } from '../../authoring/drift/changelog.ts';
import { driftLines, driftMarkdown, driftSummary } from '../../authoring/drift/drift-report.ts';
import { contractOperations, operationsOfSpec, operationTypes } from '../../authoring/drift/operation-types.ts';
import { typesDrift } from '../../authoring/drift/type-drift.ts';
import type { MetadataSlice } from '../../authoring/metadata/csdl-model.ts';
import { parseMetadata, readMetadata } from '../../authoring/metadata/read-metadata.ts';
import { readSchemaFiles } from '../../authoring/metadata/schema-slices.ts';
import {
  changelogState,
  isSilentBreaking,
  type MetadataChange,
  type MetadataDriftReport,
} from '../../harness/report/metadata-drift-file.ts';
import { HAND_MODELLED_PAGES } from '../stand-ins/documented-answers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BETA = readMetadata(join(ROOT, 'metadata', 'beta.csdl.xml'), 'metadata/beta.csdl.xml');
const SCHEMAS = readSchemaFiles(join(ROOT, 'schemas'));

/** A CSDL document of the schemas given, each `[namespace, elements]`; microsoft.graph has the alias graph, as Graph's does. */
function csdl(...schemas: [string, string][]): MetadataSlice {
  const body = schemas
    .map(
      ([namespace, elements]) =>
        `<Schema Namespace="${namespace}"${namespace === 'microsoft.graph' ? ' Alias="graph"' : ''} xmlns="http://docs.oasis-open.org/odata/ns/edm">\n${elements}\n</Schema>`,
    )
    .join('\n');
  return parseMetadata(
    `<?xml version="1.0" encoding="utf-8"?>\n<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">\n<edmx:DataServices>\n${body}\n</edmx:DataServices>\n</edmx:Edmx>\n`,
    'test.csdl',
  );
}

/** The types of the suite's operation `operationId` in the committed beta slice. */
function typesOf(operationId: string): ReturnType<typeof operationTypes> {
  const operation = contractOperations(join(ROOT, 'specs')).find((one) => one.operationId === operationId);
  if (!operation) throw new Error(`no operation ${operationId} among the specs`);
  return operationTypes(operation, SCHEMAS, BETA);
}

function drift(types: string[], committed: MetadataSlice, tonight: MetadataSlice, names = [...committed.types.keys()]): MetadataChange[] {
  return [...typesDrift(types, { committed, tonight, committedNames: new Set(names) }).values()].flat();
}

test('the operations are the specs’ describes at their version, each with the schemas its tests check answers against', () => {
  // A copy of the project new-spec has added pages to holds more specs: the five pages modelled by hand are these.
  const operations = contractOperations(join(ROOT, 'specs'));
  expect(new Set(operations.map(({ specFile }) => specFile)).size).toBe(
    readdirSync(join(ROOT, 'specs')).filter((file) => file.endsWith('.spec.ts')).length,
  );
  expect(operations.filter(({ specFile }) => HAND_MODELLED_PAGES.includes(specFile.replace(/\.spec\.ts$/, '')))).toEqual([
    {
      operationId: 'POST /v1.0/applications/{applicationsId}/connectorGroup/members/$ref',
      version: 'v1.0',
      specFile: 'add-connector.spec.ts',
      schemas: [],
    },
    {
      operationId: 'POST /beta/external/connections',
      version: 'beta',
      specFile: 'create-connection.spec.ts',
      schemas: ['externalConnection', 'odataError'],
    },
    { operationId: 'POST /beta/connectors', version: 'beta', specFile: 'create-connector.spec.ts', schemas: ['connector'] },
    {
      operationId: 'POST /beta/connections',
      version: 'beta',
      specFile: 'create-externalconnection.spec.ts',
      schemas: ['externalConnection'],
    },
    {
      operationId: 'POST /beta/identity/apiConnectors',
      version: 'beta',
      specFile: 'create-identityapiconnector.spec.ts',
      schemas: ['identityApiConnector'],
    },
  ]);
  // Two describes in one spec: each keeps the schemas of its own tests, and the version the test.use before it sets.
  const source = [
    "test.use({ graphVersion: 'beta' });",
    "test.describe('GET /widgets', () => { test('200', () => expect(body).toMatchSchema('widget')); });",
    "test.use({ graphVersion: 'v1.0' });",
    'test.describe("DELETE /widgets/{id}", () => { test(\'204\', () => expect(error).toMatchSchema("odataError")); });',
  ].join('\n');
  expect(operationsOfSpec(source, 'widgets.spec.ts')).toEqual([
    { operationId: 'GET /beta/widgets', version: 'beta', specFile: 'widgets.spec.ts', schemas: ['widget'] },
    { operationId: 'DELETE /v1.0/widgets/{id}', version: 'v1.0', specFile: 'widgets.spec.ts', schemas: ['odataError'] },
  ]);
});

test("an operation's types: its schemas' types, their properties' complex and enum types, base types and derived complex types; what the committed metadata lacks is named, not compared", () => {
  expect(typesOf('POST /beta/identity/apiConnectors')).toEqual({
    types: [
      'microsoft.graph.apiAuthenticationConfigurationBase',
      'microsoft.graph.basicAuthentication',
      'microsoft.graph.clientCertificateAuthentication',
      'microsoft.graph.entity',
      'microsoft.graph.identityApiConnector',
      'microsoft.graph.pkcs12Certificate',
      'microsoft.graph.pkcs12CertificateInformation',
    ],
    uncompared: [],
  });
  expect(typesOf('POST /beta/connectors')).toEqual({
    types: ['microsoft.graph.connector', 'microsoft.graph.connectorStatus', 'microsoft.graph.entity'],
    uncompared: [],
  });
  const connection = typesOf('POST /beta/external/connections');
  expect(connection.types).toEqual(
    expect.arrayContaining([
      'microsoft.graph.externalConnectors.externalConnection',
      'microsoft.graph.externalConnectors.connectionState',
      'microsoft.graph.externalConnectors.urlToItemResolverBase',
      'microsoft.graph.externalConnectors.itemIdResolver',
      'microsoft.graph.entity',
    ]),
  );
  // The beta slice is cut from excerpts: the error type, the Json layout and the rules' operator are not in it.
  expect(connection.uncompared).toEqual(['microsoft.graph.Json', 'microsoft.graph.binaryOperator', 'microsoft.graph.publicErrorResponse']);
});

const WIDGET = `
<EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.String" Nullable="false" /></EntityType>
<EntityType Name="widget" BaseType="graph.entity">
  <Property Name="name" Type="Edm.String" />
  <Property Name="size" Type="Edm.Int32" Nullable="false" />
  <Property Name="weight" Type="Edm.Int64" />
  <Property Name="label" Type="Edm.String" Nullable="false" />
  <Property Name="state" Type="graph.widgetState" />
  <Property Name="createdBy" Type="Edm.String">
    <Annotation Term="Org.OData.Core.V1.Computed" Bool="true" />
  </Property>
  <Property Name="tags" Type="Collection(Edm.String)" />
  <NavigationProperty Name="owner" Type="graph.entity" />
</EntityType>
<EnumType Name="widgetState">
  <Member Name="draft" Value="0" />
  <Member Name="ready" Value="1" />
  <Member Name="unknownFutureValue" Value="2" />
</EnumType>
<EnumType Name="widgetColor">
  <Member Name="red" Value="0" />
  <Member Name="blue" Value="1" />
</EnumType>`;

test('each kind of change, with the direction it breaks: removed, added, retyped, nullability, computed, enum members', () => {
  const committed = csdl(['microsoft.graph', WIDGET]);
  const tonight = csdl([
    'microsoft.graph',
    WIDGET.replace('<Property Name="name" Type="Edm.String" />', '')
      .replace('Name="size" Type="Edm.Int32"', 'Name="size" Type="Edm.Int64"')
      .replace('Name="weight" Type="Edm.Int64"', 'Name="weight" Type="Edm.Int32"')
      .replace(
        '<Property Name="label" Type="Edm.String" Nullable="false" />',
        '<Property Name="label" Type="Edm.String" /><Property Name="notes" Type="Edm.String" />',
      )
      .replace('<Property Name="tags" Type="Collection(Edm.String)" />', '<Property Name="tags" Type="Edm.String" Nullable="false" />')
      .replace(
        '<Property Name="createdBy" Type="Edm.String">\n    <Annotation Term="Org.OData.Core.V1.Computed" Bool="true" />\n  </Property>',
        '',
      )
      .replace('<NavigationProperty Name="owner" Type="graph.entity" />', '')
      .replace(
        '<Member Name="unknownFutureValue" Value="2" />',
        '<Member Name="unknownFutureValue" Value="2" /><Member Name="retired" Value="4" />',
      )
      .replace('<Member Name="blue" Value="1" />', '<Member Name="azure" Value="1" /><Member Name="green" Value="2" />')
      .replace('<Member Name="red" Value="0" />', ''),
  ]);

  const changes = drift(['microsoft.graph.widget', 'microsoft.graph.widgetState', 'microsoft.graph.widgetColor'], committed, tonight);

  expect(changes.map(({ type, change, direction }) => `${type.replace('microsoft.graph.', '')}: ${change} — ${direction ?? '?'}`)).toEqual([
    'widget: property name removed — breaks a reader and a writer',
    'widget: property size: Edm.Int32 → Edm.Int64 — breaks a reader',
    'widget: property weight: Edm.Int64 → Edm.Int32 — breaks a writer',
    'widget: property label: now nullable — breaks a reader',
    'widget: property createdBy removed — breaks a reader',
    'widget: property tags: Collection(Edm.String) → Edm.String — breaks a reader and a writer',
    'widget: property notes added — harmless',
    // The navigation property's going is not a change of the body: it is there only when expanded.
    'widgetState: member retired added after unknownFutureValue — harmless',
    'widgetColor: member red removed — breaks a writer',
    'widgetColor: member blue renamed to azure — breaks a reader and a writer',
    'widgetColor: member green added — breaks a reader',
  ]);
  expect(changes.find((change) => change.member === 'tags' && change.kind === 'property retyped')).toBeDefined();
  // A collection is never null in OData: tags' nullability is not a second change.
  expect(changes.filter((change) => change.member === 'tags')).toHaveLength(1);
  expect(changes.find((change) => change.member === 'label')).toEqual({
    type: 'microsoft.graph.widget',
    change: 'property label: now nullable',
    kind: 'nullability changed',
    member: 'label',
    direction: 'breaks a reader',
  });
});

test('an added property breaks a writer when it may not be null (a writer that sends the type must now send it), not when nullable or computed; no longer an open type breaks a writer only', () => {
  const committed = csdl([
    'microsoft.graph',
    `<ComplexType Name="gadget" OpenType="true">
  <Property Name="id" Type="Edm.String" />
</ComplexType>`,
  ]);
  const tonight = csdl([
    'microsoft.graph',
    `<ComplexType Name="gadget">
  <Property Name="id" Type="Edm.String" />
  <Property Name="serial" Type="Edm.String" Nullable="false" />
  <Property Name="notes" Type="Edm.String" />
  <Property Name="createdAt" Type="Edm.DateTimeOffset" Nullable="false">
    <Annotation Term="Org.OData.Core.V1.Computed" Bool="true" />
  </Property>
  <NavigationProperty Name="owner" Type="graph.gadget" Nullable="false" />
</ComplexType>`,
  ]);

  const changes = drift(['microsoft.graph.gadget'], committed, tonight);

  expect(changes.map(({ change, direction }) => `${change} — ${direction ?? '?'}`)).toEqual([
    // A reader never relied on properties the type did not declare; a writer that sent them is refused now.
    'no longer an open type — breaks a writer',
    'property serial added — breaks a writer',
    'property notes added — harmless',
    // The service sets a computed property: a writer does not send it.
    'property createdAt added — harmless',
    // A navigation property is not compared: it is not in the body unless expanded.
  ]);
});

test('a type gone tonight is renamed when a new type has its members (a namespace move first), removed otherwise; properties of the renamed type are not retyped', () => {
  const committed = csdl([
    'microsoft.graph',
    `<ComplexType Name="gadget"><Property Name="part" Type="graph.part" /><Property Name="mode" Type="graph.mode" /></ComplexType>
     <ComplexType Name="part"><Property Name="serial" Type="Edm.String" /><Property Name="count" Type="Edm.Int32" /></ComplexType>
     <EnumType Name="mode"><Member Name="on" Value="0" /><Member Name="off" Value="1" /></EnumType>
     <ComplexType Name="spare"><Property Name="serial" Type="Edm.String" /></ComplexType>`,
  ]);
  const tonight = csdl(
    [
      'microsoft.graph',
      `<ComplexType Name="gadget"><Property Name="part" Type="microsoft.graph.gadgets.part" /><Property Name="mode" Type="Edm.String" /></ComplexType>
       <ComplexType Name="component"><Property Name="serial" Type="Edm.String" /><Property Name="count" Type="Edm.Int32" /></ComplexType>`,
    ],
    [
      'microsoft.graph.gadgets',
      `<ComplexType Name="part"><Property Name="serial" Type="Edm.String" /><Property Name="count" Type="Edm.Int64" /></ComplexType>`,
    ],
  );

  const changes = drift(
    ['microsoft.graph.gadget', 'microsoft.graph.part', 'microsoft.graph.mode', 'microsoft.graph.spare'],
    committed,
    tonight,
  );

  expect(changes.map(({ type, change, direction }) => `${type}: ${change} — ${direction ?? '?'}`)).toEqual([
    'microsoft.graph.gadget: property mode: microsoft.graph.mode → Edm.String — breaks a reader and a writer',
    // Two new types have part's members; the one that kept its simple name is the rename (a namespace move).
    'microsoft.graph.part: renamed to microsoft.graph.gadgets.part — breaks a reader and a writer',
    'microsoft.graph.part: property count: Edm.Int32 → Edm.Int64 — breaks a reader',
    'microsoft.graph.mode: type removed — breaks a reader and a writer',
    'microsoft.graph.spare: type removed — breaks a reader and a writer',
  ]);
  // A type the committed list of names already knew is no rename target: it was there all along.
  const known = drift(['microsoft.graph.part'], committed, tonight, [
    ...committed.types.keys(),
    'microsoft.graph.gadgets.part',
    'microsoft.graph.component',
  ]);
  expect(known.map((change) => change.change)).toEqual(['type removed']);
});

/** A changelog file in the docs repository's form (changelog/<Workload>.json): made up, not copied. */
const CHANGELOG = JSON.stringify({
  changelog: [
    {
      ChangeList: [
        {
          Id: '11111111-1111-4111-8111-111111111111',
          ApiChange: 'Property',
          ChangedApiName: 'size,weight',
          ChangeType: 'Change',
          Description:
            'Changed the type of the **size** property of the [widget](https://learn.microsoft.com/graph/api/resources/widget) resource.',
          Target: 'widget',
        },
        {
          Id: '11111111-1111-4111-8111-111111111111',
          ApiChange: 'Resource',
          ChangedApiName: 'gizmo',
          ChangeType: 'Addition',
          Description: 'Added the **gizmo** resource.',
          Target: 'gizmo,widget',
        },
      ],
      Id: '11111111-1111-4111-8111-111111111111',
      Cloud: 'Prod',
      Version: 'beta',
      CreatedDateTime: '2026-05-02T10:11:12.1234567Z',
      WorkloadArea: 'Widgets',
      SubArea: '',
    },
    {
      ChangeList: [
        {
          Id: '2',
          ApiChange: 'Property',
          ChangedApiName: 'name',
          ChangeType: 'Deletion',
          Description: 'Removed **name**.',
          Target: 'widget',
        },
      ],
      Id: '2',
      Cloud: 'prd',
      Version: 'v1.0',
      CreatedDateTime: '2026-05-03T00:00:00',
      WorkloadArea: 'Widgets',
      SubArea: '',
    },
    {
      ChangeList: [
        {
          Id: '3',
          ApiChange: 'Property',
          ChangedApiName: 'name',
          ChangeType: 'Deletion',
          Description: 'Removed **name**.',
          Target: 'widget',
        },
      ],
      Id: '3',
      Cloud: 'Fairfax',
      Version: 'beta',
      CreatedDateTime: '2026-05-03T00:00:00Z',
      WorkloadArea: 'Widgets',
      SubArea: '',
    },
    {
      ChangeList: [
        {
          Id: '4',
          ApiChange: 'Property',
          ChangedApiName: 'label',
          ChangeType: 'Change',
          Description: 'Old news about **label**.',
          Target: 'widget',
        },
      ],
      Id: '4',
      Cloud: 'prd',
      Version: 'beta',
      CreatedDateTime: '2019-11-01T00:00:00',
      WorkloadArea: 'Widgets',
      SubArea: '',
    },
  ],
});

test('a change is announced by an entry of its version and cloud whose Target is its type, that names its member and whose ChangeType fits the change; older than the lookback, never', () => {
  const entries = parseChangelog(CHANGELOG, 'Microsoft.Widgets');
  // The other cloud's entry is left out; Prod and prd are both the public cloud.
  expect(entries.map((entry) => [entry.version, entry.date, entry.targets, entry.changeType])).toEqual([
    ['beta', '2026-05-02', ['widget'], 'Change'],
    ['beta', '2026-05-02', ['gizmo', 'widget'], 'Addition'],
    ['v1.0', '2026-05-03', ['widget'], 'Deletion'],
    ['beta', '2019-11-01', ['widget'], 'Change'],
  ]);
  const scope = { version: 'beta', committedDate: '2026-04-01' };
  const size: MetadataChange = {
    type: 'microsoft.graph.widget',
    change: 'property size: Edm.Int32 → Edm.Int64',
    kind: 'property retyped',
    member: 'size',
  };
  expect(announcementOf(size, entries, scope)?.description).toContain('the **size** property');
  // The same type, a member no entry names: an entry of the type says nothing of it.
  const notes: MetadataChange = { type: 'microsoft.graph.widget', change: 'property notes added', kind: 'property added', member: 'notes' };
  expect(announcementOf(notes, entries, scope)).toBeUndefined();
  // A member an entry names, but the entry is of another kind of change (a Change, not an Addition).
  const weight: MetadataChange = {
    type: 'microsoft.graph.widget',
    change: 'property weight added',
    kind: 'property added',
    member: 'weight',
  };
  expect(announcementOf(weight, entries, scope)).toBeUndefined();
  // The v1.0 entry announces the removal of name in v1.0, not a change of its nullability, and nothing of beta.
  const name: MetadataChange = {
    type: 'microsoft.graph.widget',
    change: 'property name removed',
    kind: 'property removed',
    member: 'name',
  };
  const v1 = { version: 'v1.0', committedDate: '2026-04-01' };
  expect(announcementOf(name, entries, v1)?.description).toBe('Removed **name**.');
  expect(announcementOf({ ...name, change: 'property name: now nullable', kind: 'nullability changed' }, entries, v1)).toBeUndefined();
  expect(announcementOf(name, entries, scope)).toBeUndefined();
  // The 2019 entry names label with a Change: older than the lookback before the committed metadata, it announces nothing.
  const label: MetadataChange = {
    type: 'microsoft.graph.widget',
    change: 'property label: now nullable',
    kind: 'nullability changed',
    member: 'label',
  };
  expect(announcementOf(label, entries, scope)).toBeUndefined();
  expect(announcementOf(label, entries, { ...scope, committedDate: '2019-12-01' })?.description).toBe('Old news about **label**.');
  // A type-wide change is named by the type: a rename by an entry adding the new type.
  const other: MetadataChange = { type: 'microsoft.graph.gadget', change: 'renamed to microsoft.graph.gizmo', kind: 'type renamed' };
  expect(announcementOf(other, entries, scope)).toBeUndefined();
  expect(announcementOf(other, entries, { ...scope, renamedTo: 'microsoft.graph.gizmo' })?.description).toBe(
    'Added the **gizmo** resource.',
  );
  // A change without a kind (a report from before kinds) cannot be matched with a ChangeType.
  const { kind: _kind, ...kindless } = size;
  expect(announcementOf(kindless, entries, scope)).toBeUndefined();

  expect(() => parseChangelog('{"entries": []}', 'Microsoft.Widgets')).toThrow(
    'no "changelog" array at its top: not a Graph changelog file',
  );
  expect(() => parseChangelog('<html>', 'Microsoft.Widgets')).toThrow(/^not JSON/);
});

test('which changelog files speak of a type: by namespace, else by type; a type no row names has none', () => {
  expect(workloadsOf('microsoft.graph.externalConnectors.connectionState')).toEqual(['Microsoft.Search']);
  expect(workloadsOf('microsoft.graph.publicError')).toEqual(['Microsoft.Search']);
  expect(workloadsOf('microsoft.graph.pkcs12CertificateInformation')).toEqual(['Microsoft.CPIM']);
  expect(workloadsOf('microsoft.graph.connector')).toEqual([]);
});

test('the committed beta slice compared with itself has no change', () => {
  const again = readMetadata(join(ROOT, 'metadata', 'beta.csdl.xml'), 'again');
  const names = JSON.parse(readFileSync(join(ROOT, 'metadata', 'type-names.json'), 'utf8')) as { beta: string[] };
  const changes = [
    ...typesDrift([...BETA.types.keys()], { committed: BETA, tonight: again, committedNames: new Set(names.beta) }).values(),
  ].flat();
  expect(changes).toEqual([]);
});

test('a change is announced, silent, or unknown: unknown when no changelog file is known for its type, or the one that is could not be read', () => {
  const entries = new Map([['Microsoft.Widgets', parseChangelog(CHANGELOG, 'Microsoft.Widgets')]]);
  const table: Record<string, string[]> = { 'microsoft.graph.widget': ['Microsoft.Widgets'] };
  const workloads = (type: string) => table[type] ?? [];
  const scope = { version: 'beta', committedDate: '2026-04-01' };
  const size: MetadataChange = {
    type: 'microsoft.graph.widget',
    change: 'property size: Edm.Int32 → Edm.Int64',
    kind: 'property retyped',
    member: 'size',
  };
  const notes: MetadataChange = { type: 'microsoft.graph.widget', change: 'property notes added', kind: 'property added', member: 'notes' };
  const unmapped: MetadataChange = {
    type: 'microsoft.graph.connector',
    change: 'property state removed',
    kind: 'property removed',
    member: 'state',
  };
  const read = { entries, failed: new Map<string, string>(), workloadsOf: workloads };

  expect(changelogVerdict(size, read, scope)).toEqual({
    announced: {
      date: '2026-05-02',
      text: expect.stringMatching(/^Changed the type of the \*\*size\*\* .* \(changelog\/Microsoft\.Widgets\.json\)$/),
    },
  });
  expect(changelogVerdict(notes, read, scope)).toEqual({});
  expect(changelogVerdict(unmapped, read, scope)).toEqual({
    unknown: 'no changelog file is known for its type (add a row to the table in authoring/drift/changelog.ts)',
  });
  const failed = { entries: new Map(), failed: new Map([['Microsoft.Widgets', 'raw.githubusercontent.com']]), workloadsOf: workloads };
  expect(changelogVerdict(notes, failed, scope)).toEqual({
    unknown: 'changelog/Microsoft.Widgets.json could not be read from raw.githubusercontent.com',
  });
  expect([size, notes, unmapped].map((change) => changelogState({ ...change, ...changelogVerdict(change, read, scope) }))).toEqual([
    'announced',
    'silent',
    'unknown',
  ]);
});

test('the report counts and names unknown changes apart from silent ones', () => {
  const report: MetadataDriftReport = {
    format: 'graph-contracts metadata drift 1',
    generatedAt: '2026-05-05T03:10:00.000Z',
    checked: true,
    versions: [],
    changelogs: [],
    operations: [
      {
        operationId: 'POST /beta/connectors',
        version: 'beta',
        schemas: [],
        types: ['microsoft.graph.connector', 'microsoft.graph.widget'],
        uncompared: [],
        changes: [
          { type: 'microsoft.graph.widget', change: 'property notes removed', direction: 'breaks a reader and a writer' },
          {
            type: 'microsoft.graph.connector',
            change: 'property state removed',
            direction: 'breaks a reader and a writer',
            unknown: 'no changelog file is known for its type (add a row to the table in authoring/drift/changelog.ts)',
          },
        ],
      },
    ],
  };
  expect(driftSummary(report)).toBe('2 changes to types the contract uses (0 announced, 1 silent, 1 unknown)');
  expect(driftLines(report)).toContain(
    '  microsoft.graph.connector: property state removed (breaks a reader and a writer; unknown: no changelog file is known for its type (add a row to the table in authoring/drift/changelog.ts)) — POST /beta/connectors',
  );
  expect(driftMarkdown(report)).toContain(
    '| `microsoft.graph.connector` (beta) | property state removed | breaks a reader and a writer | ❔ unknown: no changelog file is known for its type (add a row to the table in authoring/drift/changelog.ts) | `POST /beta/connectors` |',
  );
  expect(report.operations.flatMap((operation) => operation.changes).map(isSilentBreaking)).toEqual([true, false]);
});
