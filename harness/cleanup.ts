import type { GraphClient, GraphResponse } from './transport/graph-client.ts';

/**
 * What a test created and must delete. A spec registers each resource it names itself before the
 * request that creates it, so a create that fails half-way (the 503 that still creates) is
 * cleaned up too; a resource whose id the service assigns is registered with the create's response.
 */
export class Cleanup {
  private readonly entries: (string | (() => Promise<string | undefined>))[] = [];

  /** Deletes `path` after the test, whatever its outcome; 204 and 404 both count as gone. */
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

export const GONE = [204, 404];

/** Deletes in reverse order of registration; every path is tried, then failures are reported together. */
export async function deleteAll(graph: GraphClient, paths: readonly string[]): Promise<void> {
  const failures: string[] = [];
  for (const path of [...paths].reverse()) {
    try {
      const response = await graph.delete(path);
      if (!GONE.includes(response.status())) failures.push(`DELETE ${path} answered ${response.status()}`);
    } catch (error) {
      failures.push(`DELETE ${path} failed: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(
      `Cleanup could not delete what the test created; it may be left in the tenant (npm run sweep removes leftovers):\n  ${failures.join('\n  ')}`,
    );
  }
}
