import { randomUUID } from 'node:crypto';
import { openPkcs12 } from '../../harness/certificate/pkcs12.ts';

/**
 * What Graph answers for an identityApiConnector's `pkcs12Certificate`: the certificate it holds,
 * opened with its password, as a `clientCertificateAuthentication` (never the value or the password).
 * Undefined when the configuration is no `pkcs12Certificate`; a string is the reason it is refused.
 */
/** Every certificate a stand-in was sent, in this process: the end-to-end tests look for them in what a run wrote. */
export const receivedCertificates: { pkcs12Value: string; password: string }[] = [];

export async function clientCertificateAuthentication(configuration: unknown): Promise<Record<string, unknown> | string | undefined> {
  const auth = (configuration ?? {}) as Record<string, unknown>;
  if (auth['@odata.type'] !== '#microsoft.graph.pkcs12Certificate') return undefined;
  if (typeof auth.pkcs12Value !== 'string' || typeof auth.password !== 'string') return 'A pkcs12Certificate needs pkcs12Value and password.';
  receivedCertificates.push({ pkcs12Value: auth.pkcs12Value, password: auth.password });
  try {
    const { thumbprint, notBefore, notAfter } = await openPkcs12(auth.pkcs12Value, auth.password);
    return { '@odata.type': '#microsoft.graph.clientCertificateAuthentication', certificateList: [{ thumbprint, notAfter, notBefore, isActive: true }] };
  } catch (error) {
    return `The pkcs12Value does not open with the password given (${(error as Error).message}).`;
  }
}

/**
 * The stand-in's create of an identityApiConnector with a certificate, or undefined when the request
 * carries none (the basic-auth create answers it). `keep` stores the connector for get, delete and leftovers.
 */
export async function createCertificateConnector(text: string, context: string, keep: (connector: Record<string, unknown> & { id: string }) => void): Promise<{ status: number; body: unknown } | undefined> {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const authenticationConfiguration = await clientCertificateAuthentication(body.authenticationConfiguration);
  if (authenticationConfiguration === undefined) return undefined;
  if (typeof authenticationConfiguration === 'string') {
    return { status: 400, body: { error: { code: 'BadRequest', message: authenticationConfiguration, innerError: { 'request-id': randomUUID(), date: new Date().toISOString() } } } };
  }
  const connector = { id: randomUUID(), displayName: body.displayName, targetUrl: body.targetUrl, authenticationConfiguration };
  keep(connector);
  return { status: 201, body: { '@odata.context': `${context}/$entity`, ...connector } };
}
