import type { GraphClient } from './transport/graph-client.ts';
import { GONE } from './cleanup.ts';
import { createdAt } from './unique-id.ts';

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
}

/** Deletes the external connections earlier runs left behind, recognised by the suite's id prefix and age. */
export async function sweepConnections(graph: GraphClient, options: SweepOptions): Promise<SweepResult> {
  const now = options.now ?? Date.now();
  const ids = await listConnectionIds(graph);
  const leftovers = ids.filter((id) => {
    const created = createdAt(id);
    return created !== undefined && now - created.getTime() >= options.minAgeMs;
  });
  options.log(`${ids.length} connection(s) in the tenant; ${leftovers.length} left by the suite at least ${Math.round(options.minAgeMs / 60000)} min ago.`);
  const result: SweepResult = { seen: ids.length, leftovers, deleted: [], failed: [] };
  for (const [index, id] of leftovers.entries()) {
    const age = `created ${createdAt(id)?.toISOString() ?? '?'}`;
    if (options.dryRun) {
      options.log(`[${index + 1}/${leftovers.length}] would delete ${id} (${age})`);
      continue;
    }
    const response = await graph.delete(`/external/connections/${id}`);
    const ok = GONE.includes(response.status());
    (ok ? result.deleted : result.failed).push(id);
    options.log(`[${index + 1}/${leftovers.length}] ${ok ? 'deleted' : `could not delete (${response.status()})`} ${id} (${age})`);
  }
  return result;
}

async function listConnectionIds(graph: GraphClient): Promise<string[]> {
  const ids: string[] = [];
  let path: string | undefined = '/external/connections?$select=id';
  while (path) {
    const response = await graph.get(path);
    if (response.status() !== 200) throw new Error(`GET ${path} answered ${response.status()}: ${await response.text()}`);
    const page = (await response.json()) as { value?: { id?: unknown }[]; '@odata.nextLink'?: string };
    ids.push(...(page.value ?? []).map((item) => String(item.id)));
    const next = page['@odata.nextLink'];
    path = next?.startsWith(graph.root) ? next.slice(graph.root.length) : undefined;
  }
  return ids;
}
