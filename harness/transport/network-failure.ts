/** Why a request got no answer at all: the network, an untrusted certificate, or time. */
export interface NetworkFailure {
  kind: 'network' | 'certificate' | 'timeout';
  /** `ECONNREFUSED`, `SELF_SIGNED_CERT_IN_CHAIN`, `Timeout 5000ms exceeded`: what a search starts from. */
  code: string;
}

const NETWORK =
  /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE)\b|socket hang up|(?<=^\S+: )(aborted)$/m;
const CERTIFICATE = /\b(CERT_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_[A-Z_]+|ERR_TLS_[A-Z_]+)\b/;
const TIMEOUT = /Timeout \d+ms exceeded|Request timed out/;

/**
 * The network failure an error message reports, or undefined when the error is something else (a
 * spec's own mistake, a bug): only a failure to reach the service means it could not be asked.
 */
export function networkFailure(message: string): NetworkFailure | undefined {
  const timeout = TIMEOUT.exec(message)?.[0];
  if (timeout) return { kind: 'timeout', code: timeout };
  const certificate = CERTIFICATE.exec(message)?.[1];
  if (certificate) return { kind: 'certificate', code: certificate };
  const network = NETWORK.exec(message);
  return network ? { kind: 'network', code: network[1] ?? network[0] } : undefined;
}

/** What was heard of an answer before the failure: its status line, and the request-id its headers carried. */
export interface HeardAnswer {
  status: number;
  /** The reason phrase as sent: `Created`. */
  reason: string;
  requestId: string | undefined;
}

// eslint-disable-next-line no-control-regex -- Playwright's call log is dimmed with terminal colours
const ANSI = /\u001b\[[0-9;]*m/g;
const STATUS_LINE = /^\s*- ← (\d{3})(?: (.*))?$/;
const HEADER_LINE = /^\s{3,}- ([^:]+): (.*)$/;

/**
 * The answer Playwright's call log shows (`← 201 Created`, then its headers) when the connection
 * failed after the status line: the service answered, and its body was cut off. Undefined when no
 * status line was heard.
 */
export function answerHeard(message: string): HeardAnswer | undefined {
  const lines = message.replace(ANSI, '').split('\n');
  const start = lines.findIndex((line) => STATUS_LINE.test(line));
  if (start < 0) return undefined;
  const [, status = '', reason = ''] = STATUS_LINE.exec(lines[start] ?? '') ?? [];
  let requestId: string | undefined;
  for (const line of lines.slice(start + 1)) {
    const header = HEADER_LINE.exec(line);
    if (!header) break;
    if (header[1]?.toLowerCase() === 'request-id') requestId = header[2]?.trim();
  }
  return { status: Number(status), reason: reason.trim(), requestId };
}
