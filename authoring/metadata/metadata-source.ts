import { readFileSync } from 'node:fs';
import { displayPath } from '../../harness/shared/display-path.ts';
import { GRAPH_VERSIONS, type GraphVersion } from '../../harness/shared/graph-version.ts';
import { isJsonObject, type JsonObject } from '../../harness/shared/json-object.ts';
import { writeAtomically } from '../../harness/shared/write-atomically.ts';

/**
 * Where one version's metadata in metadata/ came from (`metadata/{version}.source.json`): the CSDL,
 * whole or in excerpts, and the list of every type name. metadata:update writes it; schemas:check
 * and metadata/README.md say it.
 */
export interface VersionSource {
  version: GraphVersion;
  csdl: Origin & {
    /** The whole file in metadata/ (`v1.0-Prod.csdl`); absent when only excerpts were at hand. */
    file?: string;
    /** What was not at hand, or what was done to the file (`assembled from excerpts of…`). */
    note?: string;
    /** Of the file as committed. */
    bytes?: number;
    sha256?: string;
  };
  /** Where `type-names.json`'s list for this version came from; the CSDL's own file when it is whole. */
  typeNames: Origin;
}

/** A file at a commit of a repository, or what a URL answered, and when. */
export interface Origin {
  /** `microsoftgraph/msgraph-metadata`. */
  repository?: string;
  /** In the repository: `schemas/v1.0-Prod.csdl`. */
  path?: string;
  commit?: string;
  /** The URL it was downloaded from. */
  url?: string;
  /** The commit's date, or the day the URL answered (YYYY-MM-DD). */
  date: string;
  /** When it was downloaded (ISO 8601), when it was. */
  retrieved?: string;
}

export class SourceRecordError extends Error {
  override name = 'SourceRecordError';
}

export function readVersionSource(file: string, version: GraphVersion): VersionSource {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SourceRecordError(
      `${displayPath(file)}: cannot read where the ${version} metadata came from (${(error as Error).message}). Restore it from git, or run npm run metadata:update.`,
      { cause: error },
    );
  }
  const problem = (field: string, expected: string): never => {
    throw new SourceRecordError(`${displayPath(file)}: ${field} must be ${expected}. Restore the file from git, or run npm run metadata:update.`);
  };
  if (!isJsonObject(json)) return problem('the file', 'a JSON object');
  if (json.version !== version) problem('version', JSON.stringify(version));
  if (!isJsonObject(json.csdl)) problem('csdl', 'an object');
  if (!isJsonObject(json.typeNames)) problem('typeNames', 'an object');
  const csdl = json.csdl as JsonObject;
  checkOrigin(csdl, 'csdl', problem);
  checkOrigin(json.typeNames as JsonObject, 'typeNames', problem);
  for (const field of ['file', 'note', 'sha256'] as const) if (field in csdl && typeof csdl[field] !== 'string') problem(`csdl.${field}`, 'a string');
  if ('bytes' in csdl && !Number.isInteger(csdl.bytes)) problem('csdl.bytes', 'a whole number');
  return json as unknown as VersionSource;
}

function checkOrigin(origin: JsonObject, name: string, problem: (field: string, expected: string) => never): void {
  if (typeof origin.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(origin.date)) problem(`${name}.date`, 'a date, YYYY-MM-DD');
  for (const field of ['repository', 'path', 'commit', 'url', 'retrieved'] as const) {
    if (field in origin && typeof origin[field] !== 'string') problem(`${name}.${field}`, 'a string');
  }
  if (origin.url === undefined && (origin.repository === undefined || origin.path === undefined)) {
    problem(name, 'a URL, or a repository and a path');
  }
}

export function writeVersionSource(file: string, source: VersionSource): void {
  const comment =
    `Where the ${source.version} metadata in this folder came from: the CSDL (${source.csdl.file ?? 'not whole: see note'}), which the slice ${source.version}.csdl.xml is cut from, ` +
    `and the ${source.version} list of type-names.json. Written by npm run metadata:update; metadata/README.md and npm run schemas:check print it.`;
  writeAtomically(file, `${JSON.stringify({ $comment: comment, ...source }, null, 2)}\n`);
}

/** One line a person reads: `microsoftgraph/msgraph-metadata schemas/v1.0-Prod.csdl at 0564689b (2026-08-03), retrieved 2026-12-04`. */
export function describeOrigin(origin: Origin): string {
  const where =
    origin.repository !== undefined && origin.path !== undefined
      ? `${origin.repository} ${origin.path}${origin.commit === undefined ? '' : ` at ${origin.commit.slice(0, 8)}`} (${origin.date})`
      : `${origin.url ?? '?'} (${origin.date})`;
  const fetched = origin.retrieved === undefined ? '' : `, retrieved ${origin.retrieved.slice(0, 10)}${origin.url !== undefined && origin.repository !== undefined ? ` from ${origin.url}` : ''}`;
  return `${where}${fetched}`;
}

/** What schemas:check prints first: where each version's metadata came from. */
export function describeSources(sources: Partial<Record<GraphVersion, VersionSource>>): string[] {
  return GRAPH_VERSIONS.flatMap((version) => {
    const source = sources[version];
    if (!source) return [];
    const csdl = source.csdl.file === undefined ? `excerpts of ${describeOrigin(source.csdl)}` : `${source.csdl.file}: ${describeOrigin(source.csdl)}`;
    return [`metadata ${version}: ${csdl}${source.csdl.note === undefined ? '' : `; ${source.csdl.note}`}`];
  });
}
