/** A JSON value on one line, shortened for a failure message. */
export function renderJson(value: unknown, maxLength: number): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 3)}...` : text;
}
