import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import type { DifferenceKind, ListedDifference } from './schema-check.ts';
import type { MetadataSlice } from './csdl-model.ts';
import { readMetadata } from './read-metadata.ts';

/** Where the slices and the list of known differences live. */
const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
export const METADATA_DIRECTORY = fileURLToPath(new URL('../../metadata/', import.meta.url));
export const DIFFERENCES_FILE = `${METADATA_DIRECTORY}schema-differences.json`;
export const SLICE_FILES: Record<GraphVersion, string> = { beta: `${METADATA_DIRECTORY}beta.csdl.xml`, 'v1.0': `${METADATA_DIRECTORY}v1.0.csdl.xml` };

const KINDS: readonly DifferenceKind[] = [
  'not-in-metadata',
  'dynamic-property',
  'not-in-schema',
  'type',
  'nullable',
  'required-nullable',
  'enum-members',
  'open-type',
  'odata-type',
  'type-not-in-metadata',
  'narrower-than-metadata',
];
const FIELDS = ['schema', 'pointer', 'kind', 'property', 'reason'] as const;

/** The differences listed with their reason; one message naming the file and entry for a bad one. */
export function readListedDifferences(file: string = DIFFERENCES_FILE): ListedDifference[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not readable JSON (${(error as Error).message}).`, { cause: error });
  }
  const list = typeof json === 'object' && json !== null && 'differences' in json ? json.differences : undefined;
  if (!Array.isArray(list)) throw new Error(`${file}: expected {"differences": [...]}.`);
  return list.map((entry: unknown, index) => {
    const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    for (const field of FIELDS) {
      if (typeof record[field] !== 'string' || (field !== 'pointer' && record[field] === '')) {
        throw new Error(`${file}: differences[${index}].${field} must be a ${field === 'pointer' ? '' : 'non-empty '}string (fields: ${FIELDS.join(', ')}).`);
      }
    }
    if (!KINDS.includes(record.kind as DifferenceKind)) {
      throw new Error(`${file}: differences[${index}].kind ${JSON.stringify(record.kind)} is not one of ${KINDS.join(', ')}.`);
    }
    if (record.kind === 'narrower-than-metadata' && !('value' in record)) {
      throw new Error(`${file}: differences[${index}] (narrower-than-metadata) needs "value": the keyword's value as the schema says it, so that a changed rule is not taken for the listed one.`);
    }
    return record as unknown as ListedDifference;
  });
}

/** Both slices, read. */
export function readSlices(files: Record<GraphVersion, string> = SLICE_FILES): Record<GraphVersion, MetadataSlice> {
  const name = (file: string): string => relative(REPOSITORY, file) || file;
  return { beta: readMetadata(files.beta, name(files.beta)), 'v1.0': readMetadata(files['v1.0'], name(files['v1.0'])) };
}
