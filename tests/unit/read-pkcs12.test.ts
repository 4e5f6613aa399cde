import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { packPkcs12 } from '../../harness/certificate/pkcs12.ts';
import { pkcs12Kdf, Pkcs12Error, readPkcs12 } from '../../harness/certificate/read-pkcs12.ts';

/**
 * PKCS#12 files as OpenSSL 3.0.19's `openssl pkcs12 -export` writes them, for a throwaway P-256 key
 * and certificate made for these tests (no value anywhere, valid for a century):
 * aes-256.p12 (the default: PBES2, AES-256-CBC, PBKDF2 with HMAC-SHA256, SHA-256 MAC; password
 * `fixture-pässwörd`), 3des-sha1.p12 (`-keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1`,
 * Windows' TripleDES-SHA1 export), legacy-rc2.p12 (`-legacy`: RC2-40 certificates), empty-password.p12
 * (`-passout pass:`), unencrypted.p12 (`-keypbe NONE -certpbe NONE`), chain.p12 (`-certfile ca.pem`,
 * the issuing CA after the app's certificate). The others' password is `fixture-password`.
 */
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`pkcs12/${name}`, import.meta.url)));
/** SHA-1 fingerprints of the fixtures' certificates, as `openssl x509 -fingerprint -sha1` printed them. */
const APP = '6D:51:82:D3:1F:FD:7A:A4:DF:66:60:26:40:C8:4C:5E:18:AD:9D:AD';
const CA = 'A1:36:F5:95:BE:17:99:DA:FF:12:B5:E0:51:FD:83:D4:8E:E2:BD:42';

/** The PEM's parts in order, as @azure/identity reads them: the key, then each certificate's fingerprint. */
function parts(pem: string): { key: string; fingerprints: string[] } {
  const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/g) ?? [];
  const key = pem.slice(0, pem.indexOf('-----BEGIN CERTIFICATE-----'));
  return { key, fingerprints: certificates.map((certificate) => new X509Certificate(certificate).fingerprint) };
}

test("PKCS#12's key derivation gives what OpenSSL 3.0's PKCS12KDF gives", () => {
  // `openssl kdf -keylen N -kdfopt digest:… -kdfopt hexpass:… -kdfopt hexsalt:… -kdfopt iter:… -kdfopt id:… PKCS12KDF`.
  const smeg = Buffer.from('0073006D006500670000', 'hex');
  const queeg = Buffer.from('007100750065006500670000', 'hex');
  const sha1 = { name: 'sha1', block: 64 };
  expect(pkcs12Kdf(sha1, smeg, Buffer.from('0A58CF64530D823F', 'hex'), 1, 1, 48).toString('hex').toUpperCase()).toBe(
    '8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA340830D0CE0D7879D3EFEDB33C8AE755C95B9DEFAF51CF797',
  );
  expect(pkcs12Kdf({ name: 'sha256', block: 64 }, queeg, Buffer.from('05DEC959ACFF72F7', 'hex'), 3, 1000, 32).toString('hex')).toBe(
    '64bd552bb4ecec8224b888d4fa1dc49c6ff894bfc59b10402d83ad46c0d8da4b',
  );
  expect(pkcs12Kdf({ name: 'sha512', block: 128 }, queeg, Buffer.from('05DEC959ACFF72F7', 'hex'), 2, 3, 100).toString('hex')).toBe(
    'fac9cb93a196211b99e9a9dec4de42550df541d001e9e8b8c96bcf988f82fc06fc200e7654af97c3a73818a5561263d9cacc566ee191d6f0dadccdd27b2cf1034c34472661d1702c50b5e2cdf30329cbbbf02d2b74b3ef95e170a9559ad3ada397a2e036',
  );
});

for (const [name, password] of [
  ['aes-256.p12', 'fixture-pässwörd'],
  ['3des-sha1.p12', 'fixture-password'],
  ['unencrypted.p12', 'fixture-password'],
  ['empty-password.p12', undefined],
] as const) {
  test(`${name}: the key, unencrypted, then the certificate it belongs to, as one PEM`, () => {
    const pem = readPkcs12(fixture(name), password);

    const { key, fingerprints } = parts(pem);
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n$/);
    expect(fingerprints).toEqual([APP]);
    expect(new X509Certificate(pem).checkPrivateKey(createPrivateKey(key))).toBe(true);
  });
}

test('a chain: the certificate of the key first (its thumbprint is what Entra ID matches), then the rest', () => {
  expect(parts(readPkcs12(fixture('chain.p12'), 'fixture-password')).fingerprints).toEqual([APP, CA]);
});

test('what the harness itself packs (pkijs: PBES2, SHA-256 MAC) reads back, with an RSA key', async () => {
  const { default: selfsigned } = await import('selfsigned');
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'read back' }], { algorithm: 'sha256' });
  const pkcs12 = await packPkcs12({ certificate: pems.cert, privateKey: pems.private }, 'Gc-pässwörd-1');

  const pem = readPkcs12(pkcs12, 'Gc-pässwörd-1');

  expect(parts(pem).fingerprints).toEqual([new X509Certificate(pems.cert).fingerprint]);
  expect(createPrivateKey(parts(pem).key).export({ format: 'pem', type: 'pkcs8' })).toBe(
    createPrivateKey(pems.private).export({ format: 'pem', type: 'pkcs8' }),
  );
});

test('a wrong password, or none for a file that has one, is told as such, before anything is decrypted', () => {
  for (const [name, password] of [
    ['aes-256.p12', 'fixture-passwörd'],
    ['aes-256.p12', undefined],
    ['3des-sha1.p12', 'Fixture-password'],
    ['empty-password.p12', 'fixture-password'],
  ] as const) {
    expect(() => readPkcs12(fixture(name), password), `${name} with ${String(password)}`).toThrow(
      expect.objectContaining({ name: 'Pkcs12Error', reason: 'password' }),
    );
  }
});

test('RC2-40 certificates (openssl pkcs12 -legacy, OpenSSL 1.x) are refused by name: Node has no RC2', () => {
  let error: unknown;
  try {
    readPkcs12(fixture('legacy-rc2.p12'), 'fixture-password');
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(Pkcs12Error);
  expect(error).toMatchObject({ reason: 'unsupported' });
  expect((error as Error).message).toBe("the file is encrypted with RC2-40, a legacy algorithm Node's OpenSSL 3 no longer offers");
});

test('a file that is no PKCS#12 says so', () => {
  for (const bytes of [Buffer.from('-----BEGIN CERTIFICATE-----\nnope\n'), Buffer.from([0x30, 0x03, 0x02, 0x01]), Buffer.alloc(0)]) {
    expect(() => readPkcs12(bytes, 'x')).toThrow(expect.objectContaining({ reason: 'not-pkcs12' }));
  }
});
