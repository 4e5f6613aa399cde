import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { MetadataFacts } from './rules.ts';
import type { MetadataSlice } from '../../metadata/csdl-model.ts';
import { METADATA_DIRECTORY, readSlices, SLICE_FILES } from '../../metadata/listed-differences.ts';
import type { Version } from '../../metadata/schema-check.ts';

/** Every type name of Graph's metadata (scripts/metadata-type-names.ts): which types exist at all. */
export const TYPE_NAMES_FILE = `${METADATA_DIRECTORY}type-names.json`;

let slices: Record<Version, MetadataSlice> | undefined;
let typeNames: Record<Version, string[]> | undefined;
// Built once per version: every page of that version asks the same questions.
const facts = new Map<Version, MetadataFacts>();

/** What the doc lint asks of the metadata of a Graph version: which names exist (all of Graph's), and the slice's facts about them. */
export function lintMetadata(version: string): MetadataFacts | undefined {
  if (version !== 'beta' && version !== 'v1.0') return undefined;
  const known = facts.get(version);
  if (known) return known;
  slices ??= readSlices();
  typeNames ??= JSON.parse(readFileSync(TYPE_NAMES_FILE, 'utf8')) as Record<Version, string[]>;
  const slice = slices[version];
  const names = new Set(typeNames[version]);
  const built: MetadataFacts = {
    file: relative(process.cwd(), SLICE_FILES[version]) || SLICE_FILES[version],
    index: `${relative(process.cwd(), TYPE_NAMES_FILE) || TYPE_NAMES_FILE} (${version})`,
    namespaces: new Set([...names].map((name) => name.slice(0, name.lastIndexOf('.')))),
    exists: (name) => names.has(name) || slice.types.has(name),
    type(name) {
      const type = slice.types.get(name);
      if (!type) return undefined;
      if (type.kind === 'enum') return { abstract: false, computed: new Set() };
      return { abstract: type.abstract, computed: new Set(type.properties.filter((property) => property.computed).map((property) => property.name)) };
    },
  };
  facts.set(version, built);
  return built;
}
