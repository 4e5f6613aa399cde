import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { HISTORY_FORMAT, nightOf } from '../../authoring/history/night-record.ts';
import { parseHistory } from '../../authoring/history/history-file.ts';
import { matrixMarkdown } from '../../harness/report/contract-matrix-reporter.ts';
import type { ContractMatrix, MatrixRow } from '../../harness/report/contract-matrix.ts';
import { addMetadataColumn, metadataCell } from '../../harness/report/metadata-column.ts';
import {
  METADATA_DRIFT_FORMAT,
  readMetadataDrift,
  type MetadataChange,
  type MetadataDriftReport,
} from '../../harness/report/metadata-drift-file.ts';

const SILENT: MetadataChange = {
  type: 'microsoft.graph.pkcs12CertificateInformation',
  change: 'property isActive removed',
  kind: 'property removed',
  member: 'isActive',
  direction: 'breaks a reader and a writer',
};
const ANNOUNCED: MetadataChange = {
  type: 'microsoft.graph.externalConnectors.externalConnection',
  change: 'property complianceSettings removed',
  kind: 'property removed',
  member: 'complianceSettings',
  direction: 'breaks a reader and a writer',
  announced: { date: '2026-08-20', text: 'Removed the **complianceSettings** property. (changelog/Microsoft.Search.json)' },
};

function row(operationId: string, operation: string): MatrixRow {
  return {
    operation,
    operationId,
    method: 'POST',
    path: operation.slice(5),
    version: 'beta',
    pageName: 'page',
    specFile: 'page.spec.ts',
    docs: undefined,
    page: undefined,
    docFindings: undefined,
    outcome: 'pass',
    answeredBy: [],
    undocumented: [],
    tests: [],
  };
}

function matrix(): ContractMatrix {
  return {
    generatedAt: '2026-05-05T03:17:00.000Z',
    mode: 'record',
    stoppedShards: [],
    totals: { fail: 0, 'divergence gone': 0, 'not tested': 0, 'expected divergence': 0, pass: 0 },
    operations: [
      row('POST /beta/external/connections', 'POST /external/connections'),
      row('POST /beta/identity/apiConnectors', 'POST /identity/apiConnectors'),
      row('POST /beta/widgets', 'POST /widgets'),
    ],
    leftovers: [],
  };
}

function drift(extra: Partial<MetadataDriftReport> = {}): MetadataDriftReport {
  const operation = (operationId: string, changes: MetadataChange[]) => ({
    operationId,
    version: 'beta',
    schemas: [],
    types: [],
    uncompared: [],
    changes,
  });
  return {
    format: METADATA_DRIFT_FORMAT,
    generatedAt: '2026-05-05T03:10:00.000Z',
    checked: true,
    versions: [],
    changelogs: [],
    operations: [operation('POST /beta/external/connections', [ANNOUNCED]), operation('POST /beta/identity/apiConnectors', [SILENT])],
    ...extra,
  };
}

test('the drift report becomes a column of the matrix: each operation its changes, one the report does not know is not checked', () => {
  const withColumn = addMetadataColumn(matrix(), drift());

  expect(withColumn.metadataDrift).toEqual({ checked: true, generatedAt: '2026-05-05T03:10:00.000Z' });
  expect(withColumn.operations.map((one) => one.metadata)).toEqual([
    { checked: true, changes: [ANNOUNCED] },
    { checked: true, changes: [SILENT] },
    {
      checked: false,
      why: 'the drift report has no entry for this operation (its version was not fetched, or its spec is newer)',
      changes: [],
    },
  ]);
  const markdown = matrixMarkdown(withColumn);
  expect(markdown).toContain(
    '| operation | outcome | tests | answered by | known divergences | undocumented | metadata | doc page | doc findings |',
  );
  expect(markdown).toContain('| `POST /identity/apiConnectors` | ✅ pass |  |  | — | — | 🔇 1 silent |');
  expect(markdown).toContain('| `POST /external/connections` | ✅ pass |  |  | — | — | 📣 1 announced |');
  expect(markdown).toContain('| `POST /widgets` | ✅ pass |  |  | — | — | ⛔ not checked |');
  expect(markdown).toContain(
    "**Metadata drift** (2 changes, 1 silent): the types each operation uses, in Graph's metadata tonight against the committed metadata (npm run metadata:drift).",
  );
  expect(markdown).toContain(
    '- `POST /identity/apiConnectors` › `microsoft.graph.pkcs12CertificateInformation`: property isActive removed — breaks a reader and a writer — 🔇 silent',
  );
  expect(markdown).toContain(
    '- `POST /external/connections` › `microsoft.graph.externalConnectors.externalConnection`: property complianceSettings removed — breaks a reader and a writer — 📣 announced 2026-08-20: Removed the **complianceSettings** property. (changelog/Microsoft.Search.json)',
  );
  // Without a drift report the matrix has no such column.
  expect(matrixMarkdown(matrix())).not.toContain('metadata');
});

test('a night the drift could not check says so for every operation, and in one line under the matrix', () => {
  const withColumn = addMetadataColumn(
    matrix(),
    drift({ checked: false, why: 'https://example.test/beta-Prod.csdl answered 503', operations: [] }),
  );

  expect(withColumn.metadataDrift).toEqual({
    checked: false,
    why: 'https://example.test/beta-Prod.csdl answered 503',
    generatedAt: '2026-05-05T03:10:00.000Z',
  });
  expect(withColumn.operations.every((one) => one.metadata?.checked === false)).toBe(true);
  expect(matrixMarkdown(withColumn)).toContain('**Metadata drift**: not checked tonight: https://example.test/beta-Prod.csdl answered 503');
});

test('the history keeps each operation’s changes in its metadata column, and whether the drift was checked that night', () => {
  const night = nightOf(addMetadataColumn(matrix(), drift()));
  expect(night.metadataDrift).toEqual({ checked: true });
  expect(night.operations.map((operation) => operation.metadata)).toEqual([[ANNOUNCED], [SILENT], []]);
  // A night with its metadata column is a valid line of the history.
  const read = parseHistory(`${JSON.stringify(night)}\n`, 'nights.jsonl');
  expect(read.skipped).toEqual([]);
  expect(read.nights[0]?.format).toBe(HISTORY_FORMAT);
  // A matrix without the column (no drift that night) keeps none.
  expect(nightOf(matrix())).not.toHaveProperty('metadataDrift');
});

test('a drift report that is not one is named with the field at fault', () => {
  const file = test.info().outputPath('metadata-drift.json');
  writeFileSync(file, JSON.stringify({ ...drift(), operations: [{ operationId: 'POST /x', changes: [{ type: 'x' }] }] }));
  expect(() => readMetadataDrift(file)).toThrow(
    /^GRAPH_METADATA_DRIFT_FILE=\S+metadata-drift\.json is not a metadata drift report: at \/operations\/0\/version expected/,
  );
  writeFileSync(file, '{"format": ');
  expect(() => readMetadataDrift(file)).toThrow(
    /^GRAPH_METADATA_DRIFT_FILE=\S+metadata-drift\.json cannot be read as a metadata drift report \(not JSON at line 1, column 12 .*\): point it at the metadata-drift\.json npm run metadata:drift wrote, or unset it\.$/,
  );
});

test('a change the changelog cannot speak of is unknown in the column and the list, not silent', () => {
  const unknown: MetadataChange = { ...SILENT, unknown: 'changelog/Microsoft.CPIM.json could not be read from raw.githubusercontent.com' };
  expect(metadataCell({ checked: true, changes: [unknown, SILENT, ANNOUNCED] })).toBe('🔇 1 silent, ❔ 1 unknown, 📣 1 announced');
  const withColumn = addMetadataColumn(matrix(), {
    ...drift(),
    operations: drift().operations.map((one) => ({ ...one, changes: one.changes.map((change) => (change === SILENT ? unknown : change)) })),
  });
  const markdown = matrixMarkdown(withColumn);
  expect(markdown).toContain('**Metadata drift** (2 changes, 0 silent, 1 unknown)');
  expect(markdown).toContain(
    '- `POST /identity/apiConnectors` › `microsoft.graph.pkcs12CertificateInformation`: property isActive removed — breaks a reader and a writer — ❔ unknown: changelog/Microsoft.CPIM.json could not be read from raw.githubusercontent.com',
  );
});
