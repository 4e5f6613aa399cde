import type { GraphClient } from './transport/graph-client.ts';

/**
 * What a test created and must delete. A spec registers each resource before the request that
 * creates it, so a create that fails half-way (the 503 that still creates) is cleaned up too.
 */
export class Cleanup {
  private readonly paths: string[] = [];

  /** Deletes `path` after the test, whatever its outcome; 204 and 404 both count as gone. */
  delete(path: string): void {
    if (!this.paths.includes(path)) this.paths.push(path);
  }

  get registered(): readonly string[] {
    return this.paths;
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
