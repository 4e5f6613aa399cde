import { X509Certificate } from 'node:crypto';

/** What the test sends (`pkcs12Value`, `password`) and what Graph reports back for it. */
export interface CertificateFacts {
  /** SHA-1 of the DER certificate in upper-case hex, as Graph's certificateList shows it. */
  thumbprint: string;
  /** Epoch seconds, as Graph's certificateList reports them. */
  notBefore: number;
  notAfter: number;
}

export interface GeneratedCertificate extends CertificateFacts {
  /** The PKCS#12 (key and certificate), base64, as `pkcs12Certificate.pkcs12Value` takes it. */
  pkcs12Value: string;
}

const ITERATIONS = 2048;

/** A fresh self-signed certificate and its key, packed as a password-protected PKCS#12 (PBES2, AES-256-CBC, SHA-256 MAC). */
export async function generatePkcs12(password: string, commonName = 'graph-contracts API connector'): Promise<GeneratedCertificate> {
  // Loaded when a certificate is made: a replay never makes one.
  const { default: selfsigned } = await import('selfsigned');
  // Whole seconds: a certificate's validity has no finer grain.
  const notBeforeDate = new Date(Math.floor(Date.now() / 1000) * 1000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    algorithm: 'sha256',
    keySize: 2048,
    notBeforeDate,
  });
  const pkcs12 = await packPkcs12({ certificate: pems.cert, privateKey: pems.private }, password);
  return { pkcs12Value: pkcs12.toString('base64'), ...factsOf(pems.cert) };
}

/** A certificate and its PKCS#8 key (both PEM), packed as a password-protected PKCS#12 (PBES2, AES-256-CBC, SHA-256 MAC). */
export async function packPkcs12(pems: { certificate: string; privateKey: string }, password: string): Promise<Buffer> {
  const pkijs = await import('pkijs');
  const certificate = pkijs.Certificate.fromBER(derOf(pems.certificate));
  const privateKey = pkijs.PrivateKeyInfo.fromBER(derOf(pems.privateKey));
  const secret = passwordBytes(password);

  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: privateKey });
  await keyBag.makeInternalValues({
    password: secret,
    contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 },
    hmacHashAlgorithm: 'SHA-256',
    iterationCount: ITERATIONS,
  });
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            {
              privacyMode: 0,
              value: new pkijs.SafeContents({ safeBags: [new pkijs.SafeBag({ bagId: '1.2.840.113549.1.12.10.1.2', bagValue: keyBag })] }),
            },
            {
              privacyMode: 0,
              value: new pkijs.SafeContents({
                safeBags: [
                  new pkijs.SafeBag({ bagId: '1.2.840.113549.1.12.10.1.3', bagValue: new pkijs.CertBag({ parsedValue: certificate }) }),
                ],
              }),
            },
          ],
        },
      }),
    },
  });
  await pfx.parsedValue?.authenticatedSafe?.makeInternalValues({ safeContents: [{}, {}] });
  await pfx.makeInternalValues({
    password: secret,
    iterations: ITERATIONS,
    pbkdf2HashAlgorithm: { name: 'SHA-256' },
    hmacHashAlgorithm: 'SHA-256',
  });
  return Buffer.from(pfx.toSchema().toBER());
}

function factsOf(certificate: string | Buffer): CertificateFacts {
  const x509 = new X509Certificate(certificate);
  return {
    thumbprint: x509.fingerprint.replace(/:/g, '').toUpperCase(),
    notBefore: Math.floor(new Date(x509.validFrom).getTime() / 1000),
    notAfter: Math.floor(new Date(x509.validTo).getTime() / 1000),
  };
}

function derOf(pem: string): ArrayBuffer {
  const bytes = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

/** UTF-8: pkijs turns it into PKCS#12's BMPString form (RFC 7292 B.1) for the MAC key itself. */
function passwordBytes(password: string): ArrayBuffer {
  const bytes = Buffer.from(password, 'utf8');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
