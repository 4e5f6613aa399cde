import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { MetadataFacts } from './rules.ts';
import type { MetadataSlice } from '../../metadata/csdl-model.ts';
import { METADATA_DIRECTORY, readSlices, SLICE_FILES } from '../../metadata/listed-differences.ts';
import type { Version } from '../../metadata/schema-check.ts';

export const NAMESPACES_FILE = `${METADATA_DIRECTORY}namespaces.json`;

let slices: Record<Version, MetadataSlice> | undefined;
let namespaces: Record<Version, string[]> | undefined;

/** What the doc lint asks of the metadata of a Graph version: its namespaces (all of Graph's), and its types (the slice's). */
export function lintMetadata(version: string): MetadataFacts | undefined {
  if (version !== 'beta' && version !== 'v1.0') return undefined;
  slices ??= readSlices();
  namespaces ??= JSON.parse(readFileSync(NAMESPACES_FILE, 'utf8')) as Record<Version, string[]>;
  const slice = slices[version];
  return {
    file: relative(process.cwd(), SLICE_FILES[version]) || SLICE_FILES[version],
    namespaces: new Set(namespaces[version]),
    type(name) {
      const type = slice.types.get(name);
      if (!type) return undefined;
      if (type.kind === 'enum') return { abstract: false, computed: new Set() };
      return { abstract: type.abstract, computed: new Set(type.properties.filter((property) => property.computed).map((property) => property.name)) };
    },
  };
}
