import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import selfsigned from 'selfsigned';
import { packPkcs12 } from '../../harness/certificate/pkcs12.ts';

export interface TestPki {
  directory: string;
  /** The stand-ins' TLS certificate, self-signed: trust it with NODE_EXTRA_CA_CERTS. */
  serverCertPath: string;
  serverKey: string;
  serverCert: string;
  /** The app's client certificate (key and certificate in one PEM), as AZURE_CLIENT_CERTIFICATE_PATH takes it. */
  clientPemPath: string;
  /** The same key and certificate as a PKCS#12 (PFX) file, as Windows and Key Vault export them, and its password. */
  clientPfxPath: string;
  clientPfxPassword: string;
  clientCert: string;
}

/** Made fresh for each test run, under `parent` (the worker's output folder); no private key of any value is ever committed. */
export async function generateTestPki(parent: string): Promise<TestPki> {
  mkdirSync(parent, { recursive: true });
  const directory = mkdtempSync(join(parent, 'pki-'));
  const server = await selfsigned.generate([{ name: 'commonName', value: 'graph-contracts stand-in' }], {
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const client = await selfsigned.generate([{ name: 'commonName', value: 'graph-contracts test app' }], { algorithm: 'sha256' });
  const serverCertPath = join(directory, 'stand-in-ca.pem');
  const clientPemPath = join(directory, 'client.pem');
  const clientPfxPath = join(directory, 'client.pfx');
  const clientPfxPassword = `pfx-${randomBytes(12).toString('hex')}`;
  writeFileSync(serverCertPath, server.cert);
  writeFileSync(clientPemPath, `${client.private}${client.cert}`);
  writeFileSync(clientPfxPath, await packPkcs12({ certificate: client.cert, privateKey: client.private }, clientPfxPassword));
  return {
    directory,
    serverCertPath,
    serverKey: server.private,
    serverCert: server.cert,
    clientPemPath,
    clientPfxPath,
    clientPfxPassword,
    clientCert: client.cert,
  };
}

/** base64url SHA-256 and SHA-1 thumbprints, as MSAL puts them in an assertion's `x5t#S256` / `x5t`. */
export function thumbprints(certPem: string): string[] {
  const der = new X509Certificate(certPem).raw;
  return ['sha256', 'sha1'].map((algorithm) => createHash(algorithm).update(der).digest('base64url'));
}
