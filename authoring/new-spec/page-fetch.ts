import { present, type Environment } from '../../harness/config/environment.ts';
import { SettingsError } from '../../harness/config/settings.ts';
import { reportProgress } from '../../harness/auth/wait-bounds.ts';
import { permissionsIncludeIn } from '../../harness/page/permissions-include.ts';
import { PAGE_BOUNDS } from '../../harness/page/page-bounds.ts';
import { displayUrl } from '../../harness/shared/display-url.ts';
import { download, DownloadError } from '../metadata/download.ts';
import { RAW_BASE, type PageAddress } from './page-address.ts';

/** Where pages are fetched from and how long a fetch may wait (env.example, "Doc pages"). */
export interface PageFetchSettings {
  /** raw.githubusercontent.com, or what serves its paths instead (a mirror, a test's stand-in). */
  rawBase: string;
  connectTimeoutMs: number;
  answerTimeoutMs: number;
}

const TIMEOUTS = { connect: 'GRAPH_DOCS_CONNECT_TIMEOUT_SECONDS', answer: 'GRAPH_DOCS_ANSWER_TIMEOUT_SECONDS' };

export function readPageFetchSettings(env: Environment): PageFetchSettings {
  const problems: string[] = [];
  const raw = present(env, 'GRAPH_DOCS_RAW_URL');
  let rawBase = RAW_BASE;
  if (raw !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (url?.protocol !== 'https:' || url.search || url.hash || url.username || url.password)
      problems.push(
        `GRAPH_DOCS_RAW_URL=${JSON.stringify(displayUrl(raw))} must be an https URL with no user, query or fragment, such as ${RAW_BASE}.`,
      );
    else rawBase = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  const settings = {
    rawBase,
    connectTimeoutMs: seconds(env, TIMEOUTS.connect, 30, 300, problems) * 1000,
    answerTimeoutMs: seconds(env, TIMEOUTS.answer, 60, 600, problems) * 1000,
  };
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

function seconds(env: Environment, name: string, fallback: number, max: number, problems: string[]): number {
  const value = present(env, name);
  if (value === undefined) return fallback;
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= max) return Number(value);
  problems.push(`${name}=${JSON.stringify(value)} must be a whole number of seconds from 1 to ${max} (default ${fallback}).`);
  return fallback;
}

/** A page fetched, and its permissions table fetched beside it when it includes one. */
export interface FetchedPage {
  markdown: string;
  /** The include as the page writes it, and its text; `unavailable` says why it is not at hand. */
  include: { path: string; text: string } | { path: string; unavailable: string } | undefined;
}

/** A page that could not be fetched, or what came is not a page: one message, and nothing is written. */
export class PageFetchError extends Error {
  override name = 'PageFetchError';
}

/** Fetches the page's markdown, then the permissions include it names, each announced and bounded. */
export async function fetchPage(address: PageAddress, settings: PageFetchSettings, log: (line: string) => void): Promise<FetchedPage> {
  const markdown = await fetchMarkdown(address.markdownUrl, settings, log, `the page ${address.path}`);
  const written = permissionsIncludeIn(markdown);
  if (written === undefined) return { markdown, include: undefined };
  const url = new URL(written, address.markdownUrl);
  const repository = address.markdownUrl.slice(0, address.markdownUrl.length - address.path.length);
  if (!url.href.startsWith(repository))
    return { markdown, include: { path: written, unavailable: `include ${written} points outside ${address.repository}` } };
  try {
    return {
      markdown,
      include: { path: written, text: await fetchMarkdown(url.href, settings, log, `its permissions include ${written}`) },
    };
  } catch (error) {
    // A page whose include is gone still makes a spec: the permission check says the table is not at hand.
    if (error instanceof PageFetchError && / answered 404\b/.test(error.message))
      return { markdown, include: { path: written, unavailable: `include ${written} answered 404 at ${displayUrl(url.href)}` } };
    throw error;
  }
}

async function fetchMarkdown(url: string, settings: PageFetchSettings, log: (line: string) => void, what: string): Promise<string> {
  const shown = displayUrl(url);
  log(`new-spec: fetching ${what} from ${shown}`);
  const since = Date.now();
  const { host, pathname } = new URL(url);
  const stop = reportProgress(
    () => ({ awaiting: `${host} to answer GET ${pathname}`, boundSeconds: Math.round(settings.answerTimeoutMs / 1000), since }),
    (line) => {
      log(`new-spec: ${line}`);
    },
  );
  let downloaded;
  try {
    downloaded = await download(url, {
      connectTimeoutMs: settings.connectTimeoutMs,
      answerTimeoutMs: settings.answerTimeoutMs,
      setting: 'the URL',
      timeoutSettings: TIMEOUTS,
      notFoundHint: `the repository has no such file: check the URL (a page renamed or moved answers 404; its published page names where it went), and GRAPH_DOCS_RAW_URL if it is set`,
      command: 'npm run new-spec',
      headers: { accept: 'text/plain, text/markdown' },
    });
  } catch (error) {
    if (error instanceof DownloadError)
      throw new PageFetchError(`new-spec: ${error.message.replace(/ Nothing was written\.$/, '')} Nothing was written.`);
    throw error;
  } finally {
    stop();
  }
  const text = downloaded.text.replace(/^\uFEFF/, '');
  const type = downloaded.headers.contentType?.split(';')[0]?.trim().toLowerCase();
  const notAPage = (why: string) =>
    new PageFetchError(
      `new-spec: ${shown} answered ${why}, not a page's markdown: pass the page's URL (learn.microsoft.com or its file on GitHub). Nothing was written.`,
    );
  if (type === 'text/html' || /^\s*<(!doctype html|html)\b/i.test(text)) throw notAPage(`an HTML page (${type ?? 'no Content-Type'})`);
  if (type !== undefined && !type.startsWith('text/') && type !== 'application/octet-stream') throw notAPage(type);
  if (text.includes('\u0000')) throw notAPage('binary data');
  if (text.trim() === '') throw notAPage('an empty file');
  if (Buffer.byteLength(text) > PAGE_BOUNDS.bytes)
    throw notAPage(`${Buffer.byteLength(text).toLocaleString('en-US')} bytes, more than a doc page has`);
  return text;
}
