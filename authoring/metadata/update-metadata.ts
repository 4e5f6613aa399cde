import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GRAPH_VERSIONS, type GraphVersion } from '../../harness/shared/graph-version.ts';
import { writeAtomically } from '../../harness/shared/write-atomically.ts';
import type { DownloadOptions } from './download.ts';
import { fetchMetadata, type FetchedMetadata } from './fetch-metadata.ts';
import { MetadataAtHand } from './metadata-at-hand.ts';
import { wholeFileName, type MetadataFiles } from './metadata-files.ts';
import { metadataUrl, type MetadataOrigin, type MetadataSettings } from './metadata-settings.ts';
import { describeSources, readVersionSource, writeVersionSource, type VersionSource } from './metadata-source.ts';
import { parseMetadata } from './read-metadata.ts';
import { cutSlice, readSchemaFiles, typesNamedBySchemas } from './schema-slices.ts';
import { sliceChanges, typesAddedAndRemoved } from './type-changes.ts';

/**
 * npm run metadata:update: fetches each version's whole metadata, and when it changed writes it
 * with where it came from, the version's list of type names, and the slice cut for the types
 * schemas/ name; then says what changed. Every version is fetched before anything is written, so
 * a failed fetch leaves metadata/ as it was.
 */
export interface UpdateOptions {
  files: MetadataFiles;
  schemasDirectory: string;
  versions: readonly GraphVersion[];
  from: MetadataOrigin;
  settings: MetadataSettings;
  onProgress?: (version: GraphVersion, url: string, progress: Parameters<NonNullable<DownloadOptions['onProgress']>>[0]) => void;
  onFetched?: (fetched: FetchedMetadata) => void;
  now?: () => Date;
}

export interface VersionUpdate {
  version: GraphVersion;
  url: string;
  /** The same bytes as committed: nothing was written. */
  unchanged: boolean;
  laidOut: boolean;
  types: { before: number | undefined; after: number; added: string[]; removed: string[] };
  bytes: { before: number | undefined; after: number };
  slice: { file: string; types: number; added: string[]; removed: string[]; changed: { type: string; changes: string[] }[] };
  /** Files written, as messages name them. */
  written: string[];
}

export async function updateMetadata(options: UpdateOptions): Promise<VersionUpdate[]> {
  const at = new MetadataAtHand(options.files);
  const fetched: FetchedMetadata[] = [];
  for (const version of options.versions) {
    const one = await fetchMetadata(version, {
      settings: options.settings,
      from: options.from,
      name: at.name(options.files.whole[version]),
      ...(options.onProgress ? { onProgress: (progress) => options.onProgress?.(version, metadataUrl(options.settings, options.from, version), progress) } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    options.onFetched?.(one);
    fetched.push(one);
  }
  return writeFetchedMetadata(fetched, { files: options.files, schemasDirectory: options.schemasDirectory });
}

/**
 * Writes each fetched version that differs from what is committed (the whole file, its type names,
 * the slice cut for the types schemas/ name, its source record, then metadata/README.md's block), as
 * metadata:update does after its fetches, and metadata:drift -- --write with the metadata it compared.
 */
export function writeFetchedMetadata(
  fetched: readonly FetchedMetadata[],
  options: Pick<UpdateOptions, 'files' | 'schemasDirectory'>,
): VersionUpdate[] {
  const at = new MetadataAtHand(options.files);
  const schemas = readSchemaFiles(options.schemasDirectory);
  const typeNames = readTypeNames(options.files.typeNames);
  const updates = fetched.map((one) => updateVersion(one, at, schemas, typeNames));
  const readme = join(options.files.directory, 'README.md');
  if (updates.some((update) => !update.unchanged) && existsSync(readme)) {
    writeAtomically(readme, readmeWithSources(readFileSync(readme, 'utf8'), sourcesOf(at)));
    for (const update of updates) if (!update.unchanged) update.written.push(at.name(readme));
  }
  return updates;
}

function updateVersion(fetched: FetchedMetadata, at: MetadataAtHand, schemas: ReturnType<typeof readSchemaFiles>, typeNames: TypeNames): VersionUpdate {
  const { version, model } = fetched;
  const { files } = at;
  const previous = existsSync(files.source[version]) ? readVersionSource(files.source[version], version) : undefined;
  const namesBefore = typeNames[version];
  const namesAfter = [...model.types.keys()].sort();
  const unchanged = previous?.csdl.sha256 === fetched.sha256 && existsSync(files.whole[version]);
  const sliceBefore = existsSync(files.slice[version]) ? at.slice(version) : undefined;
  const types = namesBefore === undefined ? { added: namesAfter, removed: [] } : typesAddedAndRemoved(namesBefore, namesAfter);
  const update: VersionUpdate = {
    version,
    url: fetched.origin.url ?? '',
    unchanged,
    laidOut: fetched.laidOut,
    types: { before: namesBefore?.length, after: namesAfter.length, ...types },
    bytes: { before: previous?.csdl.bytes, after: fetched.bytes },
    slice: { file: at.name(files.slice[version]), types: sliceBefore?.types.size ?? 0, added: [], removed: [], changed: [] },
    written: [],
  };
  if (unchanged) return update;

  const source: VersionSource = {
    version,
    csdl: {
      file: wholeFileName(version),
      ...fetched.origin,
      ...(fetched.laidOut ? { note: 'the answer came without line breaks: laid out one element a line, as the metadata repository publishes it; bytes and SHA-256 are of the file as committed' } : {}),
      bytes: fetched.bytes,
      sha256: fetched.sha256,
    },
    typeNames: fetched.origin,
  };
  const whole = { version, name: at.name(files.whole[version]), xml: fetched.xml, csdl: fetched.csdl, model };
  const slice = cutSlice(whole, source, typesNamedBySchemas(schemas, version, model));
  const sliceAfter = parseMetadata(slice.xml, update.slice.file);
  update.slice = { ...update.slice, types: sliceAfter.types.size, ...(sliceBefore ? sliceChanges(sliceBefore, sliceAfter) : { added: [...sliceAfter.types.keys()], removed: [], changed: [] }) };

  // The source record last: a run stopped half-way leaves the old checksum, and the next run writes all again.
  writeAtomically(files.whole[version], fetched.xml);
  writeAtomically(files.slice[version], slice.xml);
  typeNames[version] = namesAfter;
  writeTypeNames(files.typeNames, typeNames);
  writeVersionSource(files.source[version], source);
  at.forget(version);
  update.written.push(...[files.whole[version], files.slice[version], files.typeNames, files.source[version]].map((file) => at.name(file)));
  return update;
}

type TypeNames = Partial<Record<GraphVersion, string[]>>;

function readTypeNames(file: string): TypeNames {
  if (!existsSync(file)) return {};
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(GRAPH_VERSIONS.flatMap((version) => (Array.isArray(json[version]) ? [[version, json[version] as string[]]] : [])));
}

function writeTypeNames(file: string, names: TypeNames): void {
  const index = {
    $comment:
      "Every qualified type name (entity, complex and enum types) of Graph's metadata, per version: where each list came from is in {version}.source.json (typeNames). Written by npm run metadata:update.",
    'v1.0': names['v1.0'] ?? [],
    beta: names.beta ?? [],
  };
  // One name a line, so that an update diffs as the names that came and went.
  writeAtomically(file, `${JSON.stringify(index, null, 1)}\n`);
}

function sourcesOf(at: MetadataAtHand): Partial<Record<GraphVersion, VersionSource>> {
  return Object.fromEntries(GRAPH_VERSIONS.filter((version) => existsSync(at.files.source[version])).map((version) => [version, at.source(version)]));
}

const BLOCK = /(<!-- sources: [^\n]*-->)[\s\S]*?(<!-- \/sources -->)/;

/** metadata/README.md with its generated block (between `<!-- sources: … -->` and `<!-- /sources -->`) saying what the source records say. */
export function readmeWithSources(readme: string, sources: Partial<Record<GraphVersion, VersionSource>>): string {
  if (!BLOCK.test(readme)) return readme;
  return readme.replace(BLOCK, (_, open: string, close: string) => [open, ...describeSources(sources).map((line) => `- ${line}`), close].join('\n'));
}

