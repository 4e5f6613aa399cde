import type { GraphVersion } from '../../harness/shared/graph-version.ts';

/**
 * Where a published Graph page's markdown is, from the URL a user has at hand. What was read to learn
 * the mapping (microsoftgraph/microsoft-graph-docs-contrib):
 * - `api-reference/docfx.json` builds the markdown below `v1.0/api/` into `api/` in the group whose moniker is
 *   `graph-rest-1.0` (its range `>= graph-rest-1.0`, so a URL with no `view` is the v1.0 page), and
 *   the markdown below `beta/api/` into `api/` as `graph-rest-beta`; the `resources/` pages go to `api/resources/`.
 *   `.openpublishing.publish.config.json` publishes that docset (`microsoft-graph-ref`) under
 *   learn.microsoft.com/graph/, so `/graph/api/user-get?view=graph-rest-beta` is
 *   `api-reference/beta/api/user-get.md`, and `/graph/api/resources/user` is `…/resources/user.md`.
 *   A locale before `/graph` (`/en-us/`) and other query parameters (`tabs=http`) change nothing.
 * - The same file names the branch open to public contributors, `main`: its markdown is what the
 *   "Edit" link of a published page opens, and what is fetched here (the published build may lag it).
 * - Pages name their permissions table `[!INCLUDE [permissions-table](../includes/permissions/<name>-permissions.md)]`,
 *   a path relative to the page (`api-reference/v1.0/includes/permissions/`), fetched beside it.
 * - A GitHub file is `github.com/<owner>/<repo>/blob/<ref>/<path>`, its bytes
 *   `raw.githubusercontent.com/<owner>/<repo>/<ref>/<path>` (the Raw button writes the ref as
 *   `refs/heads/<branch>` too). A ref is taken as one segment: a branch name with a slash is not told apart.
 */
export interface PageAddress {
  /** The markdown's raw URL, on `rawBase` (raw.githubusercontent.com unless a test or mirror says otherwise). */
  markdownUrl: string;
  /** What the record calls the page: its learn.microsoft.com URL when it is a published api page, else its GitHub page. */
  publicUrl: string;
  repository: string;
  /** Inside the repository: `api-reference/v1.0/api/user-get.md`. */
  path: string;
  /** The branch, tag or commit the markdown is fetched at. */
  ref: string;
  /** The version the page documents, when its path says it. */
  version: GraphVersion | undefined;
  /** The page's file name without `.md`: what the spec is named by default. */
  name: string;
}

/** A URL new-spec cannot fetch a page from: the message names what it takes. */
export class PageAddressError extends Error {
  override name = 'PageAddressError';
}

export const DOCS_REPOSITORY = 'microsoftgraph/microsoft-graph-docs-contrib';
export const DOCS_BRANCH = 'main';
export const RAW_BASE = 'https://raw.githubusercontent.com';

const LEARN_HOSTS = new Set(['learn.microsoft.com', 'docs.microsoft.com']);
/** `/graph/api/user-get`, `/en-us/graph/api/resources/user`. */
const LEARN_PATH = /^(?:\/[a-z]{2}-[a-z]{2,4})?\/graph\/api\/(resources\/)?([A-Za-z0-9._-]+?)\/?$/i;
const VIEWS: Record<string, GraphVersion> = { 'graph-rest-1.0': 'v1.0', 'graph-rest-beta': 'beta' };
const API_PAGE = /^api-reference\/(v1\.0|beta)\/(api|resources)\/([^/]+)\.md$/;
const TAKES =
  'new-spec takes a published page (https://learn.microsoft.com/graph/api/<name>?view=graph-rest-1.0 or graph-rest-beta), ' +
  'a file of the docs repository (https://github.com/microsoftgraph/microsoft-graph-docs-contrib/blob/main/api-reference/v1.0/api/<name>.md, ' +
  'or its raw.githubusercontent.com URL), a page file, or a page in a docs checkout';

/** Whether an argument is meant as a URL (rather than a file): it names a scheme. */
export function looksLikeUrl(argument: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(argument);
}

/** The page a URL names, or a PageAddressError saying why new-spec cannot take it. */
export function pageAddress(given: string, rawBase: string = RAW_BASE): PageAddress {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new PageAddressError(`new-spec: ${JSON.stringify(given)} is not a URL: ${TAKES}.`);
  }
  if (url.protocol !== 'https:') throw new PageAddressError(`new-spec: ${shown(url)} is not https: ${TAKES}.`);
  const host = url.hostname.toLowerCase();
  if (LEARN_HOSTS.has(host)) return learnPage(url, rawBase);
  if (host === 'github.com') return githubPage(url, rawBase);
  if (host === 'raw.githubusercontent.com' || url.origin === new URL(rawBase).origin) return rawPage(url, rawBase);
  throw new PageAddressError(`new-spec: ${shown(url)} is neither learn.microsoft.com nor GitHub: ${TAKES}.`);
}

function learnPage(url: URL, rawBase: string): PageAddress {
  const match = LEARN_PATH.exec(url.pathname);
  if (!match) throw new PageAddressError(`new-spec: ${shown(url)} is not a Graph reference page (/graph/api/<name>): ${TAKES}.`);
  const [, resources, page = ''] = match;
  const view = url.searchParams.get('view');
  // docfx.json: the v1.0 group's moniker range is ">= graph-rest-1.0", which a URL without a view is shown in.
  const version = view === null ? 'v1.0' : VIEWS[view.toLowerCase()];
  if (version === undefined)
    throw new PageAddressError(
      `new-spec: ${shown(url)} has view=${view ?? ''}: Graph's reference pages are graph-rest-1.0 or graph-rest-beta.`,
    );
  const name = page.toLowerCase();
  const path = `api-reference/${version}/${resources ? 'resources' : 'api'}/${name}.md`;
  return {
    markdownUrl: `${rawBase}/${DOCS_REPOSITORY}/${DOCS_BRANCH}/${path}`,
    publicUrl: learnUrl(resources ? `resources/${name}` : name, version),
    repository: DOCS_REPOSITORY,
    path,
    ref: DOCS_BRANCH,
    version,
    name,
  };
}

function githubPage(url: URL, rawBase: string): PageAddress {
  const [owner, repository, blob, ref, ...rest] = url.pathname.split('/').slice(1).map(decodeURIComponent);
  if (!owner || !repository || (blob !== 'blob' && blob !== 'raw') || !ref || rest.length === 0 || !rest.join('/').endsWith('.md'))
    throw new PageAddressError(
      `new-spec: ${shown(url)} is not a markdown file on GitHub (github.com/<owner>/<repo>/blob/<ref>/<path>.md): ${TAKES}.`,
    );
  return fromRepository(`${owner}/${repository}`, ref, rest.join('/'), rawBase);
}

function rawPage(url: URL, rawBase: string): PageAddress {
  const base = new URL(rawBase);
  const below = url.origin === base.origin ? url.pathname.slice(base.pathname.replace(/\/$/, '').length) : url.pathname;
  const [owner, repository, ...parts] = below.split('/').slice(1).map(decodeURIComponent);
  let rest = parts;
  // The Raw button's form: refs/heads/<branch> or refs/tags/<tag>.
  if (rest[0] === 'refs' && (rest[1] === 'heads' || rest[1] === 'tags')) rest = [rest[2] ?? '', ...rest.slice(3)];
  const [ref, ...path] = rest;
  if (!owner || !repository || !ref || path.length === 0 || !path.join('/').endsWith('.md'))
    throw new PageAddressError(
      `new-spec: ${shown(url)} is not a raw markdown file (raw.githubusercontent.com/<owner>/<repo>/<ref>/<path>.md): ${TAKES}.`,
    );
  return fromRepository(`${owner}/${repository}`, ref, path.join('/'), rawBase);
}

function fromRepository(repository: string, ref: string, path: string, rawBase: string): PageAddress {
  const api = API_PAGE.exec(path);
  const version = api?.[1] as GraphVersion | undefined;
  const published = repository.toLowerCase() === DOCS_REPOSITORY && api;
  const name = path.split('/').pop()?.replace(/\.md$/i, '') ?? path;
  return {
    markdownUrl: `${rawBase}/${repository}/${ref}/${path}`,
    publicUrl:
      published && version
        ? learnUrl(api[2] === 'resources' ? `resources/${api[3] ?? ''}` : (api[3] ?? ''), version)
        : `https://github.com/${repository}/blob/${ref}/${path}`,
    repository,
    path,
    ref,
    version,
    name,
  };
}

/** `https://learn.microsoft.com/graph/api/user-get?view=graph-rest-1.0`: how the records name a published page. */
export function learnUrl(page: string, version: GraphVersion): string {
  return `https://learn.microsoft.com/graph/api/${page}?view=graph-rest-${version === 'v1.0' ? '1.0' : 'beta'}`;
}

/** A URL as a message shows it: no user, no query beyond `view`, no fragment. */
function shown(url: URL): string {
  const view = url.searchParams.get('view');
  return `${url.origin}${url.pathname}${view === null ? '' : `?view=${view}`}`;
}
