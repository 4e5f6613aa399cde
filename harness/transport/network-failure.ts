/** Why a request got no answer at all: the network, an untrusted certificate, or time. */
export interface NetworkFailure {
  kind: 'network' | 'certificate' | 'timeout';
  /** `ECONNREFUSED`, `SELF_SIGNED_CERT_IN_CHAIN`, `Timeout 5000ms exceeded`: what a search starts from. */
  code: string;
}

const NETWORK = /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE)\b|socket hang up/;
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
