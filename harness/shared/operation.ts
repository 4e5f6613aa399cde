/**
 * An operation as a page's HTTP request section writes it, `POST /external/connections/{id}`, as a
 * pattern over a request line, `POST /external/connections/abc`: each `{name}` is one path segment.
 */
export function operationPattern(operation: string): RegExp {
  const pattern = operation
    .split(/\{[^}]*\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${pattern}$`);
}
