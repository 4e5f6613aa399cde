import { pathOf, requestLine, type Exchange } from '../transport/exchange.ts';
import { servedExchange, throttlingGivenUp, type GraphClient, type GraphResponse } from '../transport/graph-client.ts';
import { isJsonObject } from '../shared/json-object.ts';
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
  /** Answered 404 and never seen created: nothing to delete (a create the service refused). */
  absent: string[];
  leftovers: Leftover[];
}

/**
 * Deletes in reverse order of registration and proves each gone: accepted (202/204), deleted by
 * the test already, or 404 for a resource the test never saw created. A 404 for one whose create
 * was answered 2xx, or any other answer, is a leftover: it may still be in the tenant.
 */
export async function deleteAll(
  graph: GraphClient,
  paths: readonly string[],
  testExchanges: readonly Exchange[],
  onSettled: (path: string, leftover: Leftover | undefined) => void = () => undefined,
): Promise<CleanupReport> {
  const report: CleanupReport = { deleted: [], absent: [], leftovers: [] };
  for (const path of [...paths].reverse()) {
    const leftover = await deleteOne(graph, path, testExchanges, report);
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
): Promise<Leftover | undefined> {
  const full = new URL(graph.url(path)).pathname;
  if (
    testExchanges.some((e) => e.request.method === 'DELETE' && pathOf(e.request) === full && DELETE_ACCEPTED.includes(e.response.status))
  ) {
    report.deleted.push(path);
    return undefined;
  }
  let response: GraphResponse;
  try {
    response = await graph.delete(path);
  } catch (error) {
    return { path: full, why: `DELETE ${full} failed: ${(error as Error).message.split('\n')[0] ?? ''}` };
  }
  const status = response.status();
  if (DELETE_ACCEPTED.includes(status)) {
    report.deleted.push(path);
    return undefined;
  }
  const stoppedWaiting = throttlingGivenUp(response);
  const answer = `DELETE ${full} answered ${describeAnswer(status, response.headers(), await response.text())}${stoppedWaiting ? `; the suite stopped waiting: ${stoppedWaiting}` : ''}`;
  const seen = status === 404 ? evidenceOfExistence(full, testExchanges) : undefined;
  if (status === 404 && !seen) {
    report.absent.push(path);
    return undefined;
  }
  return { path: full, why: seen ? `${answer}, although ${seen}: it may still be in the tenant` : answer };
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
