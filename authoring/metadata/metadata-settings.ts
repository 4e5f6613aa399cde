import { present, type Environment } from '../../harness/config/environment.ts';
import { SettingsError } from '../../harness/config/settings.ts';
import { displayUrl } from '../../harness/shared/display-url.ts';
import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import type { Origin } from './metadata-source.ts';
import { wholeFileName } from './metadata-files.ts';

/**
 * Where Graph's metadata is fetched from, and how long a fetch may wait: environment variables,
 * validated together before any request (metadata/README.md, env.example).
 */
export interface MetadataSettings {
  /** Graph's root, whose `/{version}/$metadata` the service answers without a token. */
  graphUrl: string;
  /** The metadata repository's files at a branch or commit, before `schemas/`. */
  repositoryUrl: string;
  /** Until the TLS connection is up. */
  connectTimeoutMs: number;
  /** Until the answer starts, and then between two parts of it. */
  answerTimeoutMs: number;
}

/** Where a version's metadata is fetched from: the service itself, or the repository that publishes it. */
export const METADATA_ORIGINS = ['repository', 'graph'] as const;
export type MetadataOrigin = (typeof METADATA_ORIGINS)[number];

export const DEFAULT_GRAPH_URL = 'https://graph.microsoft.com';
export const DEFAULT_REPOSITORY_URL = 'https://raw.githubusercontent.com/microsoftgraph/msgraph-metadata/master';
/** raw.githubusercontent.com's form, `/<owner>/<repository>/<branch or commit>` (a stand-in or a mirror may serve it from another host). */
const RAW_FILES = /^https:\/\/[^/]+\/([^/]+\/[^/]+)\/([^/]+)$/;
const COMMIT = /^[0-9a-f]{40}$/;

export function readMetadataSettings(env: Environment): MetadataSettings {
  const problems: string[] = [];
  const settings: MetadataSettings = {
    graphUrl: readHttpsUrl(env, 'GRAPH_METADATA_URL', DEFAULT_GRAPH_URL, { root: true }, problems),
    repositoryUrl: readHttpsUrl(env, 'GRAPH_METADATA_REPOSITORY_URL', DEFAULT_REPOSITORY_URL, { root: false }, problems),
    connectTimeoutMs: readSeconds(env, 'GRAPH_METADATA_CONNECT_TIMEOUT_SECONDS', 30, 300, problems) * 1000,
    answerTimeoutMs: readSeconds(env, 'GRAPH_METADATA_ANSWER_TIMEOUT_SECONDS', 60, 600, problems) * 1000,
  };
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

/** `https://graph.microsoft.com/v1.0/$metadata`, or `…/msgraph-metadata/master/schemas/v1.0-Prod.csdl`. */
export function metadataUrl(settings: MetadataSettings, origin: MetadataOrigin, version: GraphVersion): string {
  return origin === 'graph' ? `${settings.graphUrl}/${version}/$metadata` : `${settings.repositoryUrl}/schemas/${wholeFileName(version)}`;
}

/**
 * What a source record says of a download: the URL and the day; and, for the metadata repository's
 * raw files, the repository and path, with the commit when the URL names one.
 */
export function originOf(url: string, settings: MetadataSettings, retrieved: Date): Origin {
  const date = retrieved.toISOString().slice(0, 10);
  const origin: Origin = { url, date, retrieved: retrieved.toISOString() };
  const raw = RAW_FILES.exec(settings.repositoryUrl);
  const prefix = `${settings.repositoryUrl}/`;
  if (!raw || !url.startsWith(prefix)) return origin;
  const [, repository = '', ref = ''] = raw;
  return { repository, path: url.slice(prefix.length), ...(COMMIT.test(ref) ? { commit: ref } : {}), ...origin };
}

/** An https URL setting, `fallback` when unset; a problem (and the fallback) when it is not one of its shape. */
export function readHttpsUrl(env: Environment, name: string, fallback: string, shape: { root: boolean; added?: string }, problems: string[]): string {
  const value = present(env, name);
  if (value === undefined) return fallback;
  const example = `such as ${fallback}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name}=${JSON.stringify(displayUrl(value))} is not a URL: use an https URL ${example}.`);
    return fallback;
  }
  if (url.protocol !== 'https:') problems.push(`${name}=${JSON.stringify(displayUrl(value))} must use https, ${example}.`);
  if (url.search || url.hash || url.username || url.password || (shape.root && url.pathname !== '/')) {
    problems.push(
      `${name}=${JSON.stringify(displayUrl(value))} must be ${shape.root ? 'the root only' : 'a base URL'}, with no ${shape.root ? 'path, ' : ''}user, query or fragment, ${example}${shape.root ? ': the version and $metadata are added' : `: ${shape.added ?? 'schemas/<version>-Prod.csdl'} is added`}.`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function readSeconds(env: Environment, name: string, fallback: number, max: number, problems: string[]): number {
  const value = present(env, name);
  if (value === undefined) return fallback;
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isInteger(seconds) && seconds >= 1 && seconds <= max) return seconds;
  problems.push(`${name}=${JSON.stringify(value)} must be a whole number of seconds from 1 to ${max} (default ${fallback}).`);
  return fallback;
}
