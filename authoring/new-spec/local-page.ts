import { execFileSync } from 'node:child_process';
import { dirname, relative, resolve } from 'node:path';
import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import { DOCS_REPOSITORY, learnUrl } from './page-address.ts';

/**
 * What a page file's place says of it. In a docs checkout (`<checkout>/api-reference/v1.0/api/user-get.md`,
 * the layout of microsoftgraph/microsoft-graph-docs-contrib) its version and its published URL; in a
 * git checkout with a GitHub remote, the repository, its path there, and the commit when the file is
 * as committed. Whatever git cannot tell (no git, no GitHub remote) is left undefined for the flags.
 */
export interface LocalOrigin {
  version: GraphVersion | undefined;
  /** The published page (learn.microsoft.com) or the file on GitHub; undefined when neither can be told. */
  url: string | undefined;
  source: { repository: string; path: string; commit?: string; note?: string } | undefined;
  /** Why what is undefined could not be told, for the message that asks for the flag. */
  unknown: string | undefined;
}

const DOCS_PATH = /(?:^|\/)api-reference\/(v1\.0|beta)\/(api|resources)\/([^/]+)\.md$/;

export function localOrigin(file: string): LocalOrigin {
  const path = resolve(file).split('\\').join('/');
  const docs = DOCS_PATH.exec(path);
  const version = docs?.[1] as GraphVersion | undefined;
  const git = gitOrigin(path);
  if ('unknown' in git) return { version, url: undefined, source: undefined, unknown: git.unknown };
  const { repository, inRepository, commit, note } = git;
  const published = repository.toLowerCase() === DOCS_REPOSITORY && docs && inRepository === docs[0].replace(/^\//, '');
  const url =
    published && version
      ? learnUrl(docs[2] === 'resources' ? `resources/${docs[3] ?? ''}` : (docs[3] ?? ''), version)
      : commit === undefined
        ? undefined
        : `https://github.com/${repository}/blob/${commit}/${inRepository}`;
  return {
    version,
    url,
    source: { repository, path: inRepository, ...(commit === undefined ? {} : { commit }), ...(note === undefined ? {} : { note }) },
    unknown: url === undefined ? `${inRepository} has changes not committed, so no commit of ${repository} holds it as it is` : undefined,
  };
}

type GitOrigin = { repository: string; inRepository: string; commit: string | undefined; note: string | undefined } | { unknown: string };

function gitOrigin(path: string): GitOrigin {
  const folder = dirname(path);
  const git = (...args: string[]): string | undefined => {
    try {
      return execFileSync('git', ['-C', folder, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 10_000,
      }).trim();
    } catch {
      return undefined;
    }
  };
  const top = git('rev-parse', '--show-toplevel');
  if (top === undefined) return { unknown: `${folder} is not in a git checkout` };
  const remote = git('remote', 'get-url', 'origin');
  const repository = remote === undefined ? undefined : githubRepository(remote);
  if (repository === undefined)
    return {
      unknown: `the git checkout ${top} has ${remote === undefined ? 'no remote "origin"' : `origin ${remote}, which is not on GitHub`}`,
    };
  const inRepository = relative(top, path).split('\\').join('/');
  // Pathspecs from the checkout's top, wherever git runs.
  if (git('ls-files', '--error-unmatch', '--', `:(top)${inRepository}`) === undefined)
    return { unknown: `${path} is not tracked by the git checkout ${top}` };
  const head = git('rev-parse', 'HEAD');
  const changed = git('status', '--porcelain', '--', `:(top)${inRepository}`);
  if (head === undefined || changed === undefined || changed !== '')
    return { repository, inRepository, commit: undefined, note: 'Copied from a checkout where the file had changes not committed.' };
  return { repository, inRepository, commit: head, note: undefined };
}

/** `https://github.com/o/r.git`, `git@github.com:o/r.git`, `ssh://git@github.com/o/r` → `o/r`. */
export function githubRepository(remote: string): string | undefined {
  const match =
    /^(?:https:\/\/(?:[^@/]+@)?github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/i.exec(
      remote.trim(),
    );
  return match?.[1];
}
