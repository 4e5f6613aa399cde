import { createSecureContext, TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { PassThrough } from 'node:stream';

/** What Graph keeps of an uploaded certificate and answers in `certificateList` (docs/stand-ins.md, "pkcs12Certificate"). */
export interface UploadedCertificate {
  /** 40 upper-case hex digits, as the pages' examples show; SHA-1 of the DER is assumed (unverified). */
  thumbprint: string;
  /** Epoch seconds, integers, as the pages' examples and the CSDL (Int64) have them. */
  notBefore: number;
  notAfter: number;
}

/** Every certificate the stand-ins were sent, with its password: for the tests that search a run's output for them. */
export const receivedCertificates: { pkcs12Value: string; password: string }[] = [];

/** An upload Graph cannot read; the stand-in answers it 400 (code unverified). */
export class CertificateUploadError extends Error {}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The leaf certificate of a base64 PKCS#12 opened with its password, read with Node's own OpenSSL
 * (a TLS secure context on a socket that never connects), so no dependency is needed; the value and the password are kept only in `receivedCertificates`, for tests.
 */
export function readPkcs12(pkcs12Value: string, password: string): UploadedCertificate {
  receivedCertificates.push({ pkcs12Value, password });
  const compact = pkcs12Value.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw new CertificateUploadError('pkcs12Value is not base64.');
  let socket: TLSSocket | undefined;
  try {
    socket = new TLSSocket(new PassThrough(), {
      secureContext: createSecureContext({ pfx: Buffer.from(compact, 'base64'), passphrase: password }),
    });
    const raw = (socket.getCertificate() as { raw?: Buffer } | null)?.raw;
    if (!raw) throw new CertificateUploadError('pkcs12Value holds no certificate.');
    const certificate = new X509Certificate(raw);
    return {
      thumbprint: certificate.fingerprint.replaceAll(':', '').toUpperCase(),
      notBefore: Math.floor(Date.parse(certificate.validFrom) / 1000),
      notAfter: Math.floor(Date.parse(certificate.validTo) / 1000),
    };
  } catch (error) {
    if (error instanceof CertificateUploadError) throw error;
    // OpenSSL says "mac verify failure" for a wrong password, other things for a value that is no PKCS#12.
    throw new CertificateUploadError(`pkcs12Value could not be opened with the password given (${(error as Error).message}).`);
  } finally {
    socket?.destroy();
  }
}

/** The request-only `pkcs12Certificate` configuration, as a create or upload sends it. */
export function isPkcs12Certificate(
  value: unknown,
): value is { '@odata.type': '#microsoft.graph.pkcs12Certificate'; pkcs12Value: string; password: string } {
  const auth = value as Record<string, unknown> | null | undefined;
  return (
    auth?.['@odata.type'] === '#microsoft.graph.pkcs12Certificate' &&
    typeof auth.pkcs12Value === 'string' &&
    typeof auth.password === 'string'
  );
}

/** What Graph answers for an uploaded certificate: its list entry, never the value or the password. */
export function clientCertificateAuthentication(certificate: UploadedCertificate) {
  return { '@odata.type': '#microsoft.graph.clientCertificateAuthentication', certificateList: [{ ...certificate, isActive: true }] };
}
