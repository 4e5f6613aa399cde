/**
 * The seconds a `Retry-After` header asks for: delay-seconds (Graph has sent fractional ones,
 * `2.128`) or an HTTP date (RFC 9110 §10.2.3). Undefined when the header is missing or unreadable.
 */
export function retryAfterSeconds(header: string | undefined, now: Date = new Date()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const date = Date.parse(value);
  if (Number.isNaN(date) || !/[a-z]/i.test(value)) return undefined;
  return Math.max(0, (date - now.getTime()) / 1000);
}
