import { randomBytes } from 'node:crypto';

/**
 * Ids the suite creates start with this prefix and carry their creation time, so that
 * `npm run sweep` can tell the suite's leftovers, and their age, from anything else in a tenant.
 * Graph's strictest id rule (external connections) is 3–32 letters and digits: these are 16.
 * A resource whose id the service assigns carries one in its display name instead.
 */
export const SUITE_ID_PREFIX = 'gcs';
const TIME_DIGITS = 7;
const SUITE_ID = new RegExp(`${SUITE_ID_PREFIX}([0-9a-z]{${TIME_DIGITS}})[0-9a-z]{6}`);

export function generateUniqueId(now: number = Date.now()): string {
  const time = Math.floor(now / 1000)
    .toString(36)
    .padStart(TIME_DIGITS, '0');
  const random = [...randomBytes(6)].map((byte) => (byte % 36).toString(36)).join('');
  return `${SUITE_ID_PREFIX}${time}${random}`;
}

/** When a suite id was generated, or undefined if the id is not the suite's. */
export function createdAt(id: string): Date | undefined {
  const match = new RegExp(`^${SUITE_ID.source}$`).exec(id);
  return match?.[1] ? new Date(parseInt(match[1], 36) * 1000) : undefined;
}

/** The suite id a text (a display name) carries as a word of its own, if any. */
export function findSuiteId(text: string): string | undefined {
  return new RegExp(`(?<![0-9a-z])${SUITE_ID.source}(?![0-9a-z])`, 'i').exec(text)?.[0];
}
