import { readFileSync } from 'node:fs';
import { displayPath } from '../../harness/shared/display-path.ts';
import { isGraphVersion, type GraphVersion } from '../../harness/shared/graph-version.ts';
import type { MetadataSlice } from '../metadata/csdl-model.ts';
import { METADATA_DIRECTORY, readSlices, SLICE_FILES } from '../metadata/listed-differences.ts';
import type { MetadataFacts } from './rules/lint-rule.ts';

/** Every type name of Graph's metadata (scripts/metadata-type-names.ts): which types exist at all. */
export const TYPE_NAMES_FILE = `${METADATA_DIRECTORY}type-names.json`;

/**
 * What the doc lint asks of the metadata of a Graph version: which names exist (all of Graph's),
 * and the slice's facts about them. Each call is a reader of its own, which reads the files once
 * and builds each version's facts once: every page of a version asks the same questions.
 */
export function metadataFacts(): (version: string) => MetadataFacts | undefined {
  let slices: Record<GraphVersion, MetadataSlice> | undefined;
  let typeNames: Record<GraphVersion, string[]> | undefined;
  const facts = new Map<GraphVersion, MetadataFacts>();
  return (version) => {
    if (!isGraphVersion(version)) return undefined;
    const known = facts.get(version);
    if (known) return known;
    slices ??= readSlices();
    typeNames ??= JSON.parse(readFileSync(TYPE_NAMES_FILE, 'utf8')) as Record<GraphVersion, string[]>;
    const slice = slices[version];
    const names = new Set(typeNames[version]);
    const byLowerCase = new Map([...names, ...slice.types.keys()].map((name) => [name.toLowerCase(), name]));
    const namespaces = new Set([...names].map((name) => name.slice(0, name.lastIndexOf('.'))));
    const namespacesLowerCase = new Set([...namespaces].map((namespace) => namespace.toLowerCase()));
    const built: MetadataFacts = {
      file: displayPath(SLICE_FILES[version]),
      index: `${displayPath(TYPE_NAMES_FILE)} (${version})`,
      namespaces,
      exists: (name) => names.has(name) || slice.types.has(name),
      resolve: (name) => byLowerCase.get(name.toLowerCase()),
      hasNamespace: (namespace) => namespacesLowerCase.has(namespace.toLowerCase()),
      type(name) {
        const type = slice.types.get(name);
        if (!type) return undefined;
        if (type.kind === 'enum') return { abstract: false, baseType: undefined, computed: new Set() };
        return {
          abstract: type.abstract,
          baseType: type.baseType,
          computed: new Set(type.properties.filter((property) => property.computed).map((property) => property.name)),
        };
      },
    };
    facts.set(version, built);
    return built;
  };
}
