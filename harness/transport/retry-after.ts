/**
 * How long to wait before retrying a throttled request, from its `Retry-After` header
 * (delay-seconds or an HTTP date, RFC 9110 §10.2.3), cut to `maxSeconds`.
 * A missing or unreadable header gets Graph's documented advice: wait, then retry; we wait 1 s.
 */
export function retryAfterSeconds(header: string | undefined, maxSeconds: number, now: Date = new Date()): number {
  const fallback = Math.min(1, maxSeconds);
  const value = header?.trim();
  if (!value) return fallback;
  if (/^\d+$/.test(value)) return Math.min(Number(value), maxSeconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return fallback;
  return Math.min(Math.max(0, Math.ceil((date - now.getTime()) / 1000)), maxSeconds);
}
