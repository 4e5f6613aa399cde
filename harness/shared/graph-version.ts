/** The Graph versions a page documents and a spec calls: `https://graph.microsoft.com/{version}`. */
export const GRAPH_VERSIONS = ['v1.0', 'beta'] as const;
export type GraphVersion = (typeof GRAPH_VERSIONS)[number];

export function isGraphVersion(value: unknown): value is GraphVersion {
  return (GRAPH_VERSIONS as readonly unknown[]).includes(value);
}
