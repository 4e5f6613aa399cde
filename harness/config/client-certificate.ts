import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Pkcs12Error, readPkcs12 } from '../certificate/read-pkcs12.ts';

/** The app's private key and certificate as @azure/identity takes them: one PEM, in memory, and the password its key needs, if any. */
export interface ClientCertificate {
  pem: string;
  /** Only for a PEM whose key is encrypted: a PKCS#12's key is handed over decrypted. */
  password?: string;
}

const PATH = 'AZURE_CLIENT_CERTIFICATE_PATH';
const PASSWORD = 'AZURE_CLIENT_CERTIFICATE_PASSWORD';
const KEY_BLOCK = /-----BEGIN ((?:RSA |EC |ENCRYPTED )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/;
const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/**
 * AZURE_CLIENT_CERTIFICATE_PATH read and checked before any request: a PEM holding the private key
 * and the certificate (its key opened with AZURE_CLIENT_CERTIFICATE_PASSWORD when encrypted), or
 * a PKCS#12 (PFX) file opened with it. Problems name the variable and the fix; neither the password
 * nor the key is ever part of one. The key is never written anywhere.
 */
export function readClientCertificate(path: string, password: string | undefined, problems: string[]): ClientCertificate | undefined {
  const named = `${PATH}=${JSON.stringify(path)}`;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(
      code === 'ENOENT'
        ? `${named} names no file: point it at the PEM (key and certificate) or PFX file.`
        : code === 'EISDIR'
          ? `${named} names a folder: point it at the PEM (key and certificate) or PFX file in it.`
          : `${named} cannot be read (${code ?? 'error'}): check the file's permissions.`,
    );
    return undefined;
  }
  const text = bytes.toString('utf8');
  if (text.includes('-----BEGIN ')) return readPem(text, named, password, problems);
  try {
    return { pem: readPkcs12(bytes, password) };
  } catch (error) {
    if (!(error instanceof Pkcs12Error)) throw error;
    problems.push(pkcs12Problem(error, named, password));
    return undefined;
  }
}

function readPem(text: string, named: string, password: string | undefined, problems: string[]): ClientCertificate | undefined {
  const keyBlock = KEY_BLOCK.exec(text)?.[0];
  const certificateBlock = CERTIFICATE_BLOCK.exec(text)?.[0];
  if (!keyBlock || !certificateBlock) {
    const missing =
      !keyBlock && !certificateBlock ? 'neither a private key nor a certificate' : !keyBlock ? 'no private key' : 'no certificate';
    problems.push(`${named} is a PEM file with ${missing}: put the app's private key and its certificate in one file (the key first).`);
    return undefined;
  }
  const encrypted = keyBlock.includes('ENCRYPTED');
  let key: KeyObject;
  try {
    key = createPrivateKey(password === undefined ? keyBlock : { key: keyBlock, passphrase: password });
  } catch {
    problems.push(
      encrypted && password === undefined
        ? `${named} holds an encrypted private key: set ${PASSWORD} to its password.`
        : encrypted
          ? `${PASSWORD} does not decrypt the private key in the PEM file that ${named} names: set it to the key's password.`
          : `${named} holds a private key Node cannot read: export it again as PKCS#8 (openssl pkcs8 -topk8).`,
    );
    return undefined;
  }
  // The first certificate is the one @azure/identity takes the thumbprint of.
  if (!new X509Certificate(certificateBlock).checkPrivateKey(key)) {
    problems.push(`${named} holds a first certificate that is not its private key's: put the app's own certificate first.`);
    return undefined;
  }
  return { pem: text, ...(encrypted && password !== undefined ? { password } : {}) };
}

function pkcs12Problem(error: Pkcs12Error, named: string, password: string | undefined): string {
  switch (error.reason) {
    case 'not-pkcs12':
      return `${named} is neither PEM nor PKCS#12 (PFX): point it at the app's private key and certificate, as one PEM file or a PFX file.`;
    case 'password':
      return password === undefined
        ? `${named} is a PKCS#12 (PFX) file protected by a password: set ${PASSWORD} to it.`
        : `${PASSWORD} does not open the PKCS#12 (PFX) file that ${named} names: set it to the password the file was exported with.`;
    case 'unsupported':
      return `${named} is a PKCS#12 (PFX) file the suite cannot open: ${error.message}. Export it again with AES (openssl pkcs12 -in app.pfx -legacy -nodes | openssl pkcs12 -export -out app-aes.pfx), or use a PEM file.`;
    case 'incomplete':
      return `${named} is a PKCS#12 (PFX) file without what the sign-in needs: ${error.message}. Export the app's certificate with its private key.`;
  }
}
