import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphVersion } from '../../harness/shared/graph-version.ts';

/**
 * Where a checkout keeps Graph's metadata (metadata/README.md): per version the whole CSDL as
 * published (when it was at hand), where it came from, and the slice cut from it for the types the
 * schemas need; for both versions, every type name and the differences kept on purpose.
 */
export interface MetadataFiles {
  directory: string;
  /** The whole CSDL: `v1.0-Prod.csdl`, as the metadata repository names it. */
  whole: Record<GraphVersion, string>;
  /** Where each version's metadata came from (`v1.0.source.json`). */
  source: Record<GraphVersion, string>;
  /** The slice schemas:check compares schemas/ with (`v1.0.csdl.xml`). */
  slice: Record<GraphVersion, string>;
  typeNames: string;
  differences: string;
}

export function metadataFiles(directory: string): MetadataFiles {
  const at = (name: string) => join(directory, name);
  return {
    directory,
    whole: { 'v1.0': at('v1.0-Prod.csdl'), beta: at('beta-Prod.csdl') },
    source: { 'v1.0': at('v1.0.source.json'), beta: at('beta.source.json') },
    slice: { 'v1.0': at('v1.0.csdl.xml'), beta: at('beta.csdl.xml') },
    typeNames: at('type-names.json'),
    differences: at('schema-differences.json'),
  };
}

/** The repository's own metadata/. */
export const METADATA_FILES = metadataFiles(fileURLToPath(new URL('../../metadata/', import.meta.url)));

/** The whole file's name as the metadata repository and the slices' comments call it: `v1.0-Prod.csdl`. */
export function wholeFileName(version: GraphVersion): string {
  return `${version}-Prod.csdl`;
}
