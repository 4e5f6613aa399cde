import { DELETE_ACCEPTED } from './cleanup.ts';
import { NoAnswerError } from '../auth/wait-bounds.ts';
import type { GraphClient } from '../transport/graph-client.ts';
import { createdAt, findSuiteId } from '../shared/unique-id.ts';
import { describeAnswer } from '../verdict/not-tested.ts';

export interface SweepOptions {
  /** Only leftovers at least this old: a run in progress may still own younger ones. */
  minAgeMs: number;
  dryRun: boolean;
  now?: number;
  log: (line: string) => void;
}

export interface SweepResult {
  seen: number;
  leftovers: string[];
  deleted: string[];
  failed: string[];
  /** The request Graph did not answer within its bound: the sweep asked nothing more of a host that had stopped answering. */
  stopped?: NoAnswerError;
}

interface Item {
  id?: unknown;
  displayName?: unknown;
}

/** One kind of resource the suite creates: where it is listed, how the suite's own are told, what its DELETE answers. */
interface SweptKind {
  plural: string;
  list: string;
  /** The suite id that marks an item as the suite's, or undefined for anything else in the tenant. */
  suiteId(item: Item): string | undefined;
  path(id: string): string;
  /** The service says a deletion is already under way (an earlier DELETE of an external connection). */
  underway: number[];
}

/**
 * Every kind of resource the suite creates. Connections carry the suite id as their id; API
 * connectors get a service id, so the suite puts its id in their display name. Deleting a
 * connection is asynchronous (202, "Delete externalConnection"); a repeated DELETE while it runs
 * is reported with "an error saying this operation is already in progress" (docs-contrib issue
 * 2257; the status is undocumented, 409 assumed), and counts as deleted.
 */
const KINDS: SweptKind[] = [
  {
    plural: 'connection(s)',
    list: '/external/connections?$select=id',
    suiteId: (item) => (typeof item.id === 'string' && createdAt(item.id) ? item.id : undefined),
    path: (id) => `/external/connections/${id}`,
    underway: [409],
  },
  {
    plural: 'API connector(s)',
    list: '/identity/apiConnectors',
    suiteId: (item) => (typeof item.displayName === 'string' ? findSuiteId(item.displayName) : undefined),
    path: (id) => `/identity/apiConnectors/${id}`,
    underway: [],
  },
];

/**
 * Deletes what earlier runs left behind, recognised by the suite's id and its age, for every kind
 * the suite creates. A request that gets no answer within its bound (the client throws a
 * NoAnswerError) ends the sweep there, with what it did so far.
 */
export async function sweep(graph: GraphClient, options: SweepOptions): Promise<SweepResult> {
  const now = options.now ?? Date.now();
  const result: SweepResult = { seen: 0, leftovers: [], deleted: [], failed: [] };
  for (const kind of KINDS) {
    let items: Item[];
    try {
      items = await listAll(graph, kind.list);
    } catch (error) {
      if (error instanceof NoAnswerError) return { ...result, stopped: error };
      options.log(`could not list ${kind.plural}: ${(error as Error).message}`);
      result.failed.push(`GET ${kind.list}`);
      continue;
    }
    const leftovers = items.flatMap((item) => {
      const suiteId = kind.suiteId(item);
      const created = suiteId === undefined ? undefined : createdAt(suiteId);
      return created && now - created.getTime() >= options.minAgeMs && typeof item.id === 'string' ? [{ id: item.id, created }] : [];
    });
    options.log(
      `${items.length} ${kind.plural} in the tenant; ${leftovers.length} left by the suite at least ${Math.round(options.minAgeMs / 60000)} min ago.`,
    );
    result.seen += items.length;
    for (const [index, { id, created }] of leftovers.entries()) {
      const step = `[${index + 1}/${leftovers.length}]`;
      const age = `created ${created.toISOString()}`;
      result.leftovers.push(id);
      if (options.dryRun) {
        options.log(`${step} would delete ${id} (${age})`);
        continue;
      }
      let response;
      try {
        response = await graph.delete(kind.path(id));
      } catch (error) {
        if (error instanceof NoAnswerError) return { ...result, stopped: error };
        throw error;
      }
      const status = response.status();
      if (DELETE_ACCEPTED.includes(status) || status === 404 || kind.underway.includes(status)) {
        result.deleted.push(id);
        const done = DELETE_ACCEPTED.includes(status) ? 'deleted' : status === 404 ? 'already gone' : 'deletion already under way';
        options.log(`${step} ${done} ${id} (${age})`);
      } else {
        result.failed.push(id);
        options.log(`${step} could not delete ${id} (${age}): ${describeAnswer(status, response.headers(), await response.text())}`);
      }
    }
  }
  return result;
}

async function listAll(graph: GraphClient, first: string): Promise<Item[]> {
  const items: Item[] = [];
  let path: string | undefined = first;
  while (path) {
    const response = await graph.get(path);
    if (response.status() !== 200)
      throw new Error(`GET ${path} answered ${describeAnswer(response.status(), response.headers(), await response.text())}`);
    const page = (await response.json()) as { value?: Item[]; '@odata.nextLink'?: string };
    items.push(...(page.value ?? []));
    const next = page['@odata.nextLink'];
    path = next?.startsWith(graph.root) ? next.slice(graph.root.length) : undefined;
  }
  return items;
}
