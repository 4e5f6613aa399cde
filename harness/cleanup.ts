import type { Exchange } from './transport/exchange.ts';
import type { GraphClient, GraphResponse } from './transport/graph-client.ts';
import { describeAnswer } from './verdict/not-tested.ts';

/**
 * What a test created and must delete. A spec registers each resource it names itself before the
 * request that creates it, so a create that fails half-way (the 503 that still creates) is
 * cleaned up too; a resource whose id the service assigns is registered with the create's response.
 */
export class Cleanup {
  private readonly entries: (string | (() => Promise<string | undefined>))[] = [];

  /** Deletes `path` after the test, whatever its outcome. */
  delete(path: string): void {
    this.entries.push(path);
  }

  /** Deletes what `created` created, at `pathOf(id)` with the id from its body, if it succeeded. */
  deleteCreated(created: GraphResponse, pathOf: (id: string) => string): void {
    this.entries.push(async () => {
      if (!created.ok()) return undefined;
      const body = (await created.json().catch(() => undefined)) as { id?: unknown } | undefined;
      return typeof body?.id === 'string' ? pathOf(body.id) : undefined;
    });
  }

  /** The paths to delete, in the order they were registered, without repeats. */
  async paths(): Promise<string[]> {
    const paths: string[] = [];
    for (const entry of this.entries) {
      const path = typeof entry === 'string' ? entry : await entry();
      if (path !== undefined && !paths.includes(path)) paths.push(path);
    }
    return paths;
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
export async function deleteAll(graph: GraphClient, paths: readonly string[], testExchanges: readonly Exchange[]): Promise<CleanupReport> {
  const report: CleanupReport = { deleted: [], absent: [], leftovers: [] };
  for (const path of [...paths].reverse()) {
    const full = new URL(graph.url(path)).pathname;
    if (testExchanges.some((e) => e.request.method === 'DELETE' && pathOf(e) === full && DELETE_ACCEPTED.includes(e.response.status))) {
      report.deleted.push(path);
      continue;
    }
    let response: GraphResponse;
    try {
      response = await graph.delete(path);
    } catch (error) {
      report.leftovers.push({ path: full, why: `DELETE ${full} failed: ${(error as Error).message.split('\n')[0] ?? ''}` });
      continue;
    }
    const status = response.status();
    const answer = `DELETE ${full} answered ${describeAnswer(status, response.headers(), await response.text())}`;
    if (DELETE_ACCEPTED.includes(status)) {
      report.deleted.push(path);
      continue;
    }
    const seen = status === 404 ? evidenceOfExistence(full, testExchanges) : undefined;
    if (status === 404 && !seen) report.absent.push(path);
    else report.leftovers.push({ path: full, why: seen ? `${answer}, although ${seen}: it may still be in the tenant` : answer });
  }
  return report;
}

/** The exchange that shows the resource at `path` existed: its create answered 2xx, or a read of it answered 200. */
function evidenceOfExistence(path: string, exchanges: readonly Exchange[]): string | undefined {
  const id = decodeURIComponent(path.split('/').pop() ?? '');
  const collection = path.slice(0, path.lastIndexOf('/'));
  const proof = exchanges.find(({ request, response }) => {
    if (request.method === 'GET') return pathOf({ request }) === path && response.status === 200;
    const created = request.method === 'POST' && response.status >= 200 && response.status < 300;
    return created && (idOf(response.body) === id || (pathOf({ request }) === collection && idOf(request.body) === id));
  });
  return proof && `${proof.request.method} ${pathOf(proof)} answered ${proof.response.status}`;
}

function pathOf({ request }: Pick<Exchange, 'request'>): string {
  return new URL(request.url).pathname;
}

function idOf(body: unknown): string | undefined {
  return body !== null && typeof body === 'object' && typeof (body as { id?: unknown }).id === 'string' ? (body as { id: string }).id : undefined;
}
