import type { ContractMatrix, OperationMetadata } from './contract-matrix.ts';
import { changelogState, type DriftCheck, type MetadataDriftReport } from './metadata-drift-file.ts';

const NOT_IN_REPORT = 'the drift report has no entry for this operation (its version was not fetched, or its spec is newer)';

/**
 * The matrix with the night's drift (GRAPH_METADATA_DRIFT_FILE) as a column: each row the changes
 * the report lists for its operation id; the matrix, whether the drift was checked and when.
 */
export function addMetadataColumn(matrix: ContractMatrix, drift: MetadataDriftReport): ContractMatrix {
  const byOperation = new Map(drift.operations.map((operation) => [operation.operationId, operation]));
  const check: DriftCheck = {
    checked: drift.checked,
    ...(drift.why === undefined ? {} : { why: drift.why }),
    generatedAt: drift.generatedAt,
  };
  return {
    ...matrix,
    metadataDrift: check,
    operations: matrix.operations.map((row) => {
      const found = byOperation.get(row.operationId);
      const metadata: OperationMetadata = !drift.checked
        ? { checked: false, why: drift.why ?? 'not checked', changes: [] }
        : found
          ? { checked: true, changes: found.changes }
          : { checked: false, why: NOT_IN_REPORT, changes: [] };
      return { ...row, metadata };
    }),
  };
}

/** The row's metadata cell: `🔇 1 silent`, `❔ 1 unknown`, `📣 2 announced`, those that apply, `—`, or `⛔ not checked`. */
export function metadataCell(metadata: OperationMetadata | undefined): string {
  if (!metadata) return '—';
  if (!metadata.checked) return '⛔ not checked';
  const count = (state: string) => metadata.changes.filter((change) => changelogState(change) === state).length;
  const parts = (
    [
      ['🔇', 'silent'],
      ['❔', 'unknown'],
      ['📣', 'announced'],
    ] as const
  ).flatMap(([mark, state]) => (count(state) > 0 ? [`${mark} ${count(state)} ${state}`] : []));
  return parts.join(', ') || '—';
}

/** Under the matrix: each change with its operation, whom it breaks and the changelog's word, or why the drift was not checked. */
export function metadataLines(matrix: ContractMatrix, escape: (text: string) => string): string[] {
  const check = matrix.metadataDrift;
  if (!check) return [];
  if (!check.checked) return [`**Metadata drift**: not checked tonight: ${escape(check.why ?? 'no reason given')}`, ''];
  const listed = matrix.operations.flatMap((row) => (row.metadata?.changes ?? []).map((change) => ({ row, change })));
  if (listed.length === 0) return ['Metadata drift: none in the types the operations use.', ''];
  const silent = listed.filter(({ change }) => changelogState(change) === 'silent').length;
  const unknown = listed.filter(({ change }) => changelogState(change) === 'unknown').length;
  return [
    `**Metadata drift** (${listed.length} change${listed.length === 1 ? '' : 's'}, ${silent} silent${unknown > 0 ? `, ${unknown} unknown` : ''}): the types each operation uses, in Graph's metadata tonight against the committed metadata (npm run metadata:drift).`,
    ...listed.map(({ row, change }) => {
      const said =
        change.announced !== undefined
          ? `📣 announced ${change.announced.date}: ${change.announced.text}`
          : change.unknown === undefined
            ? '🔇 silent'
            : `❔ unknown: ${change.unknown}`;
      return `- \`${row.operation}\` › \`${change.type}\`: ${escape(change.change)} — ${change.direction ?? 'direction unknown'} — ${escape(said)}`;
    }),
    '',
  ];
}
