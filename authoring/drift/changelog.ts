import type { DriftKind, MetadataChange } from '../../harness/report/metadata-drift-file.ts';
import { isJsonObject } from '../../harness/shared/json-object.ts';
import { simpleName } from './type-drift.ts';

/**
 * Graph's machine-readable changelog, as the docs repository keeps it
 * (microsoftgraph/microsoft-graph-docs-contrib, `changelog/<Workload>.json`): `{ "changelog": [ {
 * ChangeList: [ { Id, ApiChange, ChangedApiName, ChangeType, Description, Target } ], Id, Cloud,
 * Version, CreatedDateTime, WorkloadArea, SubArea } ] }` (its Changelog.Schema.json). `Target` names
 * an unqualified type (`externalConnection`), sometimes several separated by commas, sometimes
 * words (`more details here`); `ChangedApiName` the member, or several; `Cloud` is written `prd` or
 * `Prod`; the dates come with or without a zone and with up to seven decimals.
 */
export interface ChangelogEntry {
  workload: string;
  version: string;
  /** YYYY-MM-DD. */
  date: string;
  changeType: string;
  apiChange: string;
  /** Lower-cased, split on commas. */
  targets: string[];
  changedNames: string[];
  description: string;
}

/** Clouds whose entries describe the service the suite tests (the public cloud): `prd` and `Prod` occur. */
const PUBLIC_CLOUD = /^(prd|prod)$/i;

/**
 * The entries of one changelog file, flattened; an entry of another cloud, or one without a date
 * or a target, is left out. A file that is not of this form is an Error naming what is wrong.
 */
export function parseChangelog(text: string, workload: string): ChangelogEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`, { cause: error });
  }
  if (!isJsonObject(json) || !Array.isArray(json.changelog)) throw new Error('no "changelog" array at its top: not a Graph changelog file');
  const entries: ChangelogEntry[] = [];
  for (const group of json.changelog) {
    if (!isJsonObject(group) || !Array.isArray(group.ChangeList)) continue;
    const cloud = typeof group.Cloud === 'string' ? group.Cloud : '';
    const date = typeof group.CreatedDateTime === 'string' ? /^(\d{4}-\d{2}-\d{2})/.exec(group.CreatedDateTime)?.[1] : undefined;
    if (!PUBLIC_CLOUD.test(cloud) || date === undefined || typeof group.Version !== 'string') continue;
    for (const item of group.ChangeList) {
      if (!isJsonObject(item) || typeof item.Target !== 'string') continue;
      entries.push({
        workload,
        version: group.Version,
        date,
        changeType: typeof item.ChangeType === 'string' ? item.ChangeType : '',
        apiChange: typeof item.ApiChange === 'string' ? item.ApiChange : '',
        targets: names(item.Target),
        changedNames: names(item.ChangedApiName),
        description: typeof item.Description === 'string' ? item.Description : '',
      });
    }
  }
  return entries;
}

function names(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter(Boolean)
    : [];
}

/**
 * How far before the committed metadata's date an entry may be and still announce tonight's change:
 * the metadata repository publishes what the service already serves, days to weeks after an entry
 * (unverified: no published lag), so an entry may predate the file it describes.
 */
export const ANNOUNCEMENT_LOOKBACK_DAYS = 90;

export interface AnnouncementScope {
  version: string;
  /** The date of the committed metadata (YYYY-MM-DD): entries older than the lookback before it cannot announce tonight's change. */
  committedDate: string;
  /** Tonight's name of a renamed type: an entry may name the old or the new. */
  renamedTo?: string;
}

/**
 * The ChangeTypes (Addition, Change, Deletion, Deprecation: the docs repository's
 * Changelog.Schema.json) an entry announcing each kind of change may have. A removal may have been
 * announced as a deprecation first; a rename, as the new type's addition.
 */
const CHANGE_TYPES: Readonly<Record<DriftKind, readonly string[]>> = {
  'property removed': ['deletion', 'deprecation'],
  'property added': ['addition'],
  'property retyped': ['change'],
  'nullability changed': ['change'],
  'computed changed': ['change'],
  'enum member added': ['addition'],
  'enum member removed': ['deletion', 'deprecation'],
  'enum member renamed': ['change'],
  'type renamed': ['change', 'addition'],
  'type removed': ['deletion', 'deprecation'],
  'type changed': ['change'],
};

/**
 * The entry that announced a change: of the change's version, no older than the lookback, whose
 * Target is the type (by its simple name, or a renamed type's new one), whose ChangeType fits the
 * kind of change, and that names what changed (its ChangedApiName, or its description in bold or
 * code): the member, or the type for a change to the whole type. An entry of the type about another
 * member announces nothing of this one. Among several, the newest.
 */
export function announcementOf(
  change: MetadataChange,
  entries: readonly ChangelogEntry[],
  scope: AnnouncementScope,
): ChangelogEntry | undefined {
  if (change.kind === undefined) return undefined;
  const changeTypes = CHANGE_TYPES[change.kind];
  const from = new Date(Date.parse(`${scope.committedDate}T00:00:00Z`) - ANNOUNCEMENT_LOOKBACK_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const typeNames = [change.type, ...(scope.renamedTo === undefined ? [] : [scope.renamedTo])];
  const targets = typeNames.flatMap((name) => [name.toLowerCase(), simpleName(name).toLowerCase()]);
  const named = (change.member === undefined ? typeNames.map(simpleName) : [change.member]).map((name) => name.toLowerCase());
  const namesIt = (entry: ChangelogEntry) =>
    named.some((name) => entry.changedNames.includes(name) || new RegExp(`[*\`]${escapeRegExp(name)}[*\`]`, 'i').test(entry.description));
  return entries
    .filter(
      (entry) =>
        entry.version === scope.version &&
        entry.date >= from &&
        entry.targets.some((target) => targets.includes(target)) &&
        changeTypes.includes(entry.changeType.toLowerCase()) &&
        namesIt(entry),
    )
    .sort((a, b) => b.date.localeCompare(a.date))[0];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Which changelog files speak of a type: by namespace, else by type. Each row says where it was
 * seen; a type no row names has no changelog here, and its changes are silent as far as the suite
 * can tell (the report says so).
 */
const BY_NAMESPACE: Readonly<Record<string, readonly string[]>> = {
  // Microsoft.Search.json holds externalConnection, configuration, connectionState… and the 2021 move to this namespace.
  'microsoft.graph.externalConnectors': ['Microsoft.Search'],
};
const BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  // Microsoft.Search.json added publicError, publicErrorDetail and publicInnerError to v1.0 (entry 23e7d60a).
  'microsoft.graph.publicError': ['Microsoft.Search'],
  'microsoft.graph.publicErrorDetail': ['Microsoft.Search'],
  'microsoft.graph.publicInnerError': ['Microsoft.Search'],
  'microsoft.graph.publicErrorResponse': ['Microsoft.Search'],
  // Microsoft.CPIM.json is the identityContainer's workload (External Identities); that it lists API connectors is unverified.
  'microsoft.graph.identityApiConnector': ['Microsoft.CPIM'],
  'microsoft.graph.apiAuthenticationConfigurationBase': ['Microsoft.CPIM'],
  'microsoft.graph.basicAuthentication': ['Microsoft.CPIM'],
  'microsoft.graph.clientCertificateAuthentication': ['Microsoft.CPIM'],
  'microsoft.graph.pkcs12Certificate': ['Microsoft.CPIM'],
  'microsoft.graph.pkcs12CertificateInformation': ['Microsoft.CPIM'],
};

export function workloadsOf(type: string): readonly string[] {
  return BY_TYPE[type] ?? BY_NAMESPACE[type.slice(0, type.lastIndexOf('.'))] ?? [];
}

/** The changelog files read tonight: each workload's entries, and the workloads whose file could not be read (with the host asked). */
export interface ChangelogsRead {
  entries: ReadonlyMap<string, readonly ChangelogEntry[]>;
  /** Workload → the host that did not give its file. */
  failed: ReadonlyMap<string, string>;
  /** Which workloads speak of a type: the table above unless a test gives its own. */
  workloadsOf?: (type: string) => readonly string[];
}

/**
 * What the changelog says of a change: `announced` by an entry; `unknown` when no changelog file is
 * known for its type, or one that is could not be read and none of the others announced it; else
 * nothing (silent). Only a silent change is news a person should act on.
 */
export function changelogVerdict(
  change: MetadataChange,
  read: ChangelogsRead,
  scope: AnnouncementScope,
): Pick<MetadataChange, 'announced' | 'unknown'> {
  const workloads = (read.workloadsOf ?? workloadsOf)(change.type);
  if (workloads.length === 0)
    return { unknown: 'no changelog file is known for its type (add a row to the table in authoring/drift/changelog.ts)' };
  const entry = announcementOf(
    change,
    workloads.flatMap((workload) => read.entries.get(workload) ?? []),
    scope,
  );
  if (entry) return { announced: { date: entry.date, text: `${entry.description} (changelog/${entry.workload}.json)` } };
  const failed = workloads.find((workload) => read.failed.has(workload));
  return failed === undefined
    ? {}
    : { unknown: `changelog/${failed}.json could not be read from ${read.failed.get(failed) ?? 'its host'}` };
}
