import { pathOf, requestLine, type Exchange, type SentRequest } from '../transport/exchange.ts';
import { servedExchange, throttlingGivenUp, type GraphClient, type GraphResponse } from '../transport/graph-client.ts';
import { isJsonObject } from '../shared/json-object.ts';
import { findSuiteId } from '../shared/unique-id.ts';
import { describeAnswer } from '../verdict/not-tested.ts';

/** What cleanup must delete: the paths it knows, and what was created where no path can be known. */
export interface CleanupTargets {
  paths: string[];
  /** A create answered 2xx whose id could not be read: whatever it made stays, and says so. */
  unknown: string[];
}

/**
 * What a test created and must delete. A spec registers each resource it names itself before the
 * request that creates it, so a create that fails half-way (the 503 that still creates) is
 * cleaned up too; a resource whose id the service assigns is registered with the create's response.
 */
export class Cleanup {
  private readonly entries: (string | (() => Promise<string | { unknown: string } | undefined>))[] = [];

  /** Deletes `path` after the test, whatever its outcome. */
  delete(path: string): void {
    this.entries.push(path);
  }

  /** Deletes what `created` created, at `pathFor(id)` with the id from its body, if it succeeded. */
  deleteCreated(created: GraphResponse, pathFor: (id: string) => string): void {
    this.entries.push(async () => {
      if (!created.ok()) return undefined;
      const body = (await created.json().catch(() => undefined)) as { id?: unknown } | undefined;
      if (typeof body?.id === 'string') return pathFor(body.id);
      const request = servedExchange(created)?.request;
      return {
        unknown: `${request ? requestLine(request) : 'a create'} answered ${created.status()} but its body has no id to delete it by: what it created is still there`,
      };
    });
  }

  /** What to delete, in the order it was registered, without repeats. */
  async targets(): Promise<CleanupTargets> {
    const targets: CleanupTargets = { paths: [], unknown: [] };
    for (const entry of this.entries) {
      const target = typeof entry === 'string' ? entry : await entry();
      if (typeof target === 'object') targets.unknown.push(target.unknown);
      else if (target !== undefined && !targets.paths.includes(target)) targets.paths.push(target);
    }
    return targets;
  }
}

/**
 * Statuses that mean the service took the DELETE: 202 for an external connection, whose deletion
 * is asynchronous (published "Delete externalConnection" page, v1.0 and beta), 204 for the rest.
 */
export const DELETE_ACCEPTED = [202, 204];

/** One resource cleanup could not prove deleted, for the report's leftovers list. */
export interface Leftover {
  path: string;
  why: string;
}

export interface CleanupReport {
  /** Deleted now, or already deleted by the test itself. */
  deleted: string[];
  /** Never created (404, or a refused DELETE of what no create made): nothing to delete. */
  absent: string[];
  leftovers: Leftover[];
}

/** How often one DELETE is sent when the service could not take it (401, 429 given up, 5xx, no answer). */
export const DELETE_ATTEMPTS = 3;
/** Answers another attempt may change: a token refused (renewed for the next), throttling, the service failing. */
const RETRIED = (status: number) => status === 401 || status === 429 || status >= 500;

export interface DeleteOptions {
  /** No wait between attempts may end past this (epoch ms): cleanup's own time. */
  deadline?: number;
  sleep?: (milliseconds: number) => Promise<void>;
}

/**
 * Deletes in reverse order of registration and proves each gone: accepted (202/204), deleted by the
 * test already, or never created. What a create made (it answered 2xx, or a read found it) and
 * could not be deleted is a leftover; so is what a create may have made (it answered 5xx, or no
 * answer was heard), as a possible one. A DELETE the service could not take is tried again within
 * cleanup's own time; what no create made is never a leftover, whatever its DELETE answered.
 */
export async function deleteAll(
  graph: GraphClient,
  paths: readonly string[],
  testExchanges: readonly Exchange[],
  onSettled: (path: string, leftover: Leftover | undefined) => void = () => undefined,
  options: DeleteOptions = {},
): Promise<CleanupReport> {
  const report: CleanupReport = { deleted: [], absent: [], leftovers: [] };
  for (const path of [...paths].reverse()) {
    const leftover = await deleteOne(graph, path, testExchanges, report, options);
    if (leftover) report.leftovers.push(leftover);
    onSettled(path, leftover);
  }
  return report;
}

async function deleteOne(
  graph: GraphClient,
  path: string,
  testExchanges: readonly Exchange[],
  report: CleanupReport,
  options: DeleteOptions,
): Promise<Leftover | undefined> {
  const full = new URL(graph.url(path)).pathname;
  if (
    testExchanges.some((e) => e.request.method === 'DELETE' && pathOf(e.request) === full && DELETE_ACCEPTED.includes(e.response.status))
  ) {
    report.deleted.push(path);
    return undefined;
  }
  const { deadline = Number.POSITIVE_INFINITY, sleep = defaultSleep } = options;
  let outcome: { status: number; answer: string } | { failed: string } = { failed: 'not sent' };
  // What no create may have made is asked once: a refused DELETE of it leaves nothing behind.
  const limit = mayExist(full, testExchanges) ? DELETE_ATTEMPTS : 1;
  let attempts = 0;
  while (attempts < limit) {
    attempts++;
    outcome = await attemptDelete(graph, path);
    const retry = 'failed' in outcome || RETRIED(outcome.status);
    const wait = 1000 * 2 ** (attempts - 1);
    if (!retry || attempts === limit || Date.now() + wait > deadline) break;
    await sleep(wait);
  }
  if ('status' in outcome && DELETE_ACCEPTED.includes(outcome.status)) {
    report.deleted.push(path);
    return undefined;
  }
  const answered = 'failed' in outcome ? `DELETE ${full} failed: ${outcome.failed}` : `DELETE ${full} answered ${outcome.answer}`;
  const leftover = leftoverOf(
    full,
    `${answered}${attempts > 1 ? ` after ${attempts} attempts` : ''}`,
    testExchanges,
    'status' in outcome ? outcome.status : undefined,
  );
  if (!leftover) report.absent.push(path);
  return leftover;
}

/**
 * What a DELETE that did not prove `full` gone leaves: a leftover when a create made it (a 2xx, or a
 * read that found it), a possible one when a create may have (a 5xx), nothing when none did.
 */
export function leftoverOf(full: string, failure: string, testExchanges: readonly Exchange[], status?: number): Leftover | undefined {
  const made = evidenceOfExistence(full, testExchanges);
  if (made && status === 404) return { path: full, why: `${failure}, although ${made}: it may still be in the tenant` };
  if (made) return { path: full, why: `could not clean up: ${failure}, although ${made}: it is still in the tenant` };
  const maybe = evidenceOfAttempt(full, testExchanges);
  if (maybe && status !== 404)
    return { path: full, why: `possible leftover: ${failure}, and ${maybe}, which may have created it: run npm run sweep` };
  return undefined;
}

/** Whether what cleanup would delete at `full` may exist at all, by what the test's creates and reads answered. */
export function mayExist(full: string, testExchanges: readonly Exchange[]): boolean {
  return evidenceOfExistence(full, testExchanges) !== undefined || evidenceOfAttempt(full, testExchanges) !== undefined;
}

/**
 * A create the test sent and never heard answered (interrupted, timed out, cut off): what it made
 * is unknown unless cleanup knows its path; the suite id in its body is how the sweep finds it.
 */
export function unansweredCreate(request: SentRequest | undefined, knownPaths: readonly string[]): string | undefined {
  if (request?.method !== 'POST') return undefined;
  const id = idOf(request.body);
  if (id !== undefined && knownPaths.some((path) => decodeURIComponent(path.split('/').pop() ?? '') === id)) return undefined;
  const suiteId = findSuiteId(JSON.stringify(request.body ?? ''));
  const marker = suiteId
    ? `it carries the suite id ${suiteId}: run npm run sweep`
    : 'nothing in its body names the suite, so the sweep cannot find it: look for it in the tenant';
  return `possible leftover: ${requestLine(request)} got no answer before the test ended, so whatever it created is unknown; ${marker}`;
}

/** One DELETE: its status and the answer in words, or the transport failure. */
async function attemptDelete(graph: GraphClient, path: string): Promise<{ status: number; answer: string } | { failed: string }> {
  let response: GraphResponse;
  try {
    response = await graph.delete(path);
  } catch (error) {
    return { failed: (error as Error).message.split('\n')[0] ?? '' };
  }
  const status = response.status();
  const stoppedWaiting = throttlingGivenUp(response);
  const answer = `${describeAnswer(status, response.headers(), await response.text())}${stoppedWaiting ? `; the suite stopped waiting: ${stoppedWaiting}` : ''}`;
  return { status, answer };
}

/** A create of the resource at `path` that may have made it: answered 5xx (Graph's 503 that still creates). */
function evidenceOfAttempt(path: string, exchanges: readonly Exchange[]): string | undefined {
  const id = decodeURIComponent(path.split('/').pop() ?? '');
  const collection = path.slice(0, path.lastIndexOf('/'));
  const attempt = exchanges.find(
    ({ request, response }) =>
      request.method === 'POST' && response.status >= 500 && pathOf(request) === collection && idOf(request.body) === id,
  );
  return attempt && `${requestLine(attempt.request)} answered ${attempt.response.status}`;
}

function defaultSleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** The exchange that shows the resource at `path` existed: its create answered 2xx, or a read of it answered 200. */
function evidenceOfExistence(path: string, exchanges: readonly Exchange[]): string | undefined {
  const id = decodeURIComponent(path.split('/').pop() ?? '');
  const collection = path.slice(0, path.lastIndexOf('/'));
  const proof = exchanges.find(({ request, response }) => {
    if (request.method === 'GET') return pathOf(request) === path && response.status === 200;
    const created = request.method === 'POST' && response.status >= 200 && response.status < 300;
    return created && (idOf(response.body) === id || (pathOf(request) === collection && idOf(request.body) === id));
  });
  return proof && `${requestLine(proof.request)} answered ${proof.response.status}`;
}

function idOf(body: unknown): string | undefined {
  return isJsonObject(body) && typeof body.id === 'string' ? body.id : undefined;
}
