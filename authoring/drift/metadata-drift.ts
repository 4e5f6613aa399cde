import { existsSync, readFileSync } from 'node:fs';
import { GRAPH_VERSIONS, type GraphVersion } from '../../harness/shared/graph-version.ts';
import { displayUrl } from '../../harness/shared/display-url.ts';
import {
  METADATA_DRIFT_FORMAT,
  type MetadataChange,
  type MetadataDriftReport,
  type OperationDrift,
} from '../../harness/report/metadata-drift-file.ts';
import { download, DownloadError, type DownloadOptions } from '../metadata/download.ts';
import { fetchMetadata, type FetchedMetadata } from '../metadata/fetch-metadata.ts';
import { MetadataAtHand } from '../metadata/metadata-at-hand.ts';
import type { MetadataFiles } from '../metadata/metadata-files.ts';
import type { MetadataOrigin } from '../metadata/metadata-settings.ts';
import { describeOrigin } from '../metadata/metadata-source.ts';
import { readSchemaFiles } from '../metadata/schema-slices.ts';
import { changelogVerdict, parseChangelog, workloadsOf, type ChangelogEntry } from './changelog.ts';
import { changelogFileUrl, type DriftSettings } from './drift-settings.ts';
import { contractOperations, operationTypes } from './operation-types.ts';
import { findRenames, typesDrift } from './type-drift.ts';

/**
 * npm run metadata:drift: fetches each version's metadata as metadata:update does, takes the types
 * each operation under contract uses, compares them with the committed metadata, and joins each
 * change with the Graph changelog entry that announced it. Nothing is written here.
 */
export interface DriftOptions {
  files: MetadataFiles;
  schemasDirectory: string;
  specsDirectory: string;
  versions: readonly GraphVersion[];
  from: MetadataOrigin;
  settings: DriftSettings;
  onProgress?: (what: string, url: string, progress: Parameters<NonNullable<DownloadOptions['onProgress']>>[0]) => void;
  now?: () => Date;
}

export interface DriftResult {
  report: MetadataDriftReport;
  /** What was fetched, for --write to commit. */
  fetched: FetchedMetadata[];
}

/**
 * The drift of tonight's metadata; a metadata fetch that fails is a report that says why nothing was
 * checked; a changelog that cannot be read leaves the comparison standing, its changes unknown and the
 * failure in the report's changelogs.
 */
export async function checkDrift(options: DriftOptions): Promise<DriftResult> {
  const now = options.now ?? (() => new Date());
  const notChecked = (why: string): DriftResult => ({
    report: {
      format: METADATA_DRIFT_FORMAT,
      generatedAt: now().toISOString(),
      checked: false,
      why,
      versions: [],
      changelogs: [],
      operations: [],
    },
    fetched: [],
  });
  try {
    return await compare(options, now);
  } catch (error) {
    // The download's own words end with what metadata:update did not write; this command writes its report.
    if (error instanceof DownloadError) return notChecked(error.message.replace(/ Nothing was written\.$/, ''));
    throw error;
  }
}

async function compare(options: DriftOptions, now: () => Date): Promise<DriftResult> {
  const at = new MetadataAtHand(options.files);
  const schemas = readSchemaFiles(options.schemasDirectory);
  const operations = contractOperations(options.specsDirectory).filter((operation) => options.versions.includes(operation.version));
  const fetched: FetchedMetadata[] = [];
  for (const version of GRAPH_VERSIONS.filter((one) => options.versions.includes(one))) {
    fetched.push(
      await fetchMetadata(version, {
        settings: options.settings.metadata,
        from: options.from,
        name: `${version} metadata tonight`,
        ...(options.onProgress
          ? { onProgress: (progress) => options.onProgress?.(`${version} metadata`, urlOf(options, version), progress) }
          : {}),
        now,
      }),
    );
  }
  const names = committedTypeNames(options.files.typeNames);
  const versions: MetadataDriftReport['versions'] = [];
  const drifts: OperationDrift[] = [];
  const scopes = new Map<GraphVersion, { committedDate: string; renames: Map<string, string> }>();
  for (const tonight of fetched) {
    const { version } = tonight;
    const source = existsSync(at.files.source[version]) ? at.source(version) : undefined;
    const unchanged = source?.csdl.sha256 === tonight.sha256 && existsSync(at.files.whole[version]);
    // The same bytes as committed: tonight's reading is the committed one, and the whole file is not parsed again (0.85 s for v1.0).
    const committed = unchanged ? tonight.model : at.model(version);
    versions.push({
      version,
      url: displayUrl(tonight.origin.url ?? ''),
      committed:
        source === undefined
          ? at.name(at.files.slice[version])
          : source.csdl.file === undefined
            ? `${at.name(at.files.slice[version])}, excerpts of ${describeOrigin(source.csdl)}`
            : `${at.name(at.files.whole[version])}: ${describeOrigin(source.csdl)}`,
      unchanged,
    });
    const input = { committed, tonight: tonight.model, committedNames: names[version] ?? new Set(committed.types.keys()) };
    const allTypes = new Set<string>();
    for (const operation of operations.filter((one) => one.version === version)) {
      const { types, uncompared } = operationTypes(operation, schemas, committed);
      types.forEach((type) => allTypes.add(type));
      const byType = unchanged ? new Map<string, MetadataChange[]>() : typesDrift(types, input);
      drifts.push({
        operationId: operation.operationId,
        version,
        schemas: operation.schemas,
        types,
        uncompared,
        changes: types.flatMap((type) => byType.get(type) ?? []),
      });
    }
    scopes.set(version, {
      committedDate: source?.csdl.date ?? now().toISOString().slice(0, 10),
      renames: findRenames([...allTypes], input),
    });
  }

  const changes = drifts.flatMap((drift) => drift.changes.map((change) => ({ drift, change })));
  const workloads = [...new Set(changes.flatMap(({ change }) => workloadsOf(change.type)))].sort();
  const changelogs: MetadataDriftReport['changelogs'] = [];
  const entries = new Map<string, ChangelogEntry[]>();
  const failed = new Map<string, string>();
  for (const workload of workloads) {
    const url = changelogFileUrl(options.settings, workload);
    try {
      const read = await readChangelog(url, workload, options);
      entries.set(workload, read);
      changelogs.push({ workload, url: displayUrl(url), entries: read.length });
    } catch (error) {
      // The comparison stands without it: the changes it would speak of are unknown, and the command exits 1.
      if (!(error instanceof DownloadError)) throw error;
      failed.set(workload, new URL(url).host);
      changelogs.push({ workload, url: displayUrl(url), entries: 0, error: error.message.replace(/ Nothing was written\.$/, '') });
    }
  }
  for (const { drift, change } of changes) {
    const scope = scopes.get(drift.version as GraphVersion);
    const renamedTo = scope?.renames.get(change.type);
    Object.assign(
      change,
      changelogVerdict(
        change,
        { entries, failed },
        { version: drift.version, committedDate: scope?.committedDate ?? '', ...(renamedTo === undefined ? {} : { renamedTo }) },
      ),
    );
  }
  return {
    report: { format: METADATA_DRIFT_FORMAT, generatedAt: now().toISOString(), checked: true, versions, changelogs, operations: drifts },
    fetched,
  };
}

function urlOf(options: DriftOptions, version: GraphVersion): string {
  const { metadata } = options.settings;
  return options.from === 'graph' ? `${metadata.graphUrl}/${version}/$metadata` : `${metadata.repositoryUrl}/schemas/${version}-Prod.csdl`;
}

async function readChangelog(url: string, workload: string, options: DriftOptions): Promise<ChangelogEntry[]> {
  const { metadata } = options.settings;
  const downloaded = await download(url, {
    connectTimeoutMs: metadata.connectTimeoutMs,
    answerTimeoutMs: metadata.answerTimeoutMs,
    setting: 'GRAPH_CHANGELOG_URL',
    notFoundHint: 'it has no such file: check GRAPH_CHANGELOG_URL, and the workload table in authoring/drift/changelog.ts',
    headers: { accept: 'application/json' },
    ...(options.onProgress ? { onProgress: (progress) => options.onProgress?.(`changelog ${workload}`, url, progress) } : {}),
  });
  try {
    return parseChangelog(downloaded.text, workload);
  } catch (error) {
    throw new DownloadError(
      `${displayUrl(downloaded.url)} answered ${(error as Error).message}: check GRAPH_CHANGELOG_URL, and the workload table in authoring/drift/changelog.ts.`,
    );
  }
}

/** Every type name of each version's committed metadata (metadata/type-names.json): what a rename's new name must not be among. */
function committedTypeNames(file: string): Partial<Record<GraphVersion, Set<string>>> {
  if (!existsSync(file)) return {};
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const names: Partial<Record<GraphVersion, Set<string>>> = {};
  for (const version of GRAPH_VERSIONS) {
    const list = json[version];
    if (Array.isArray(list)) names[version] = new Set(list.filter((name): name is string => typeof name === 'string'));
  }
  return names;
}
