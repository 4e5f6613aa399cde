/**
 * What never leaves the process in clear: credentials in headers, and any secret value the run
 * knows of (tokens, client secrets), wherever it appears in text bound for a report.
 */

export const REDACTED = 'REDACTED';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-ms-client-secret']);

export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value]),
  );
}

/** Replaces every occurrence of each secret (ignoring ones too short to be a secret) in `text`. */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 6) result = result.split(secret).join(REDACTED);
  }
  return result;
}
