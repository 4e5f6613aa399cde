/**
 * A value Graph's stub pages put where a real value belongs: a type's name (`"String"`,
 * `"Boolean"`, `"String (identifier)"`) or a `<name>-value` (`"status-value"`). The doc lint
 * reports one; new-spec asks for a real value in its place.
 */
const PLACEHOLDER =
  /^(?:(?:String|string|Boolean|Int(?:16|32|64)?|Integer|Double|DateTimeOffset|Date|Guid|guid|Binary)(?:\s+\(.*\))?|[A-Za-z]+-value)$/;

export function isPlaceholderValue(value: unknown): boolean {
  return typeof value === 'string' && PLACEHOLDER.test(value);
}
