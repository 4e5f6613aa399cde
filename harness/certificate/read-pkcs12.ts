import {
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  pbkdf2Sync,
  timingSafeEqual,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Pkijs from 'pkijs';

/** Why a PKCS#12 file gave no key and certificate; `reason` picks the message its setting gets. */
export class Pkcs12Error extends Error {
  override name = 'Pkcs12Error';
  constructor(
    readonly reason: 'not-pkcs12' | 'password' | 'unsupported' | 'incomplete',
    message: string,
  ) {
    super(message);
  }
}

/** Past this many iterations a file is refused rather than computed: a corrupt count would hold the run (real files use 2,000 to 600,000). */
const MAX_ITERATIONS = 1_000_000;

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbeSha1TripleDes: '1.2.840.113549.1.12.1.3',
};

/** The digests a MAC or a PBKDF2 PRF may name, as Node calls them, with their block size in bytes (RFC 7292 B.2's v). */
const DIGESTS: Record<string, { name: string; block: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', block: 64 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', block: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', block: 128 },
};
const HMAC_PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const PBES2_CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};
/** Legacy algorithms Node's OpenSSL 3 no longer offers without its legacy provider, by name, for the message. */
const LEGACY: Record<string, string> = {
  '1.2.840.113549.1.12.1.1': 'RC4-128',
  '1.2.840.113549.1.12.1.2': 'RC4-40',
  '1.2.840.113549.1.12.1.4': 'two-key 3DES',
  '1.2.840.113549.1.12.1.5': 'RC2-128',
  '1.2.840.113549.1.12.1.6': 'RC2-40',
};

/** The parts of an asn1js value this module reads. */
interface Asn1Value {
  idBlock: { isConstructed: boolean };
  valueBlock: { value?: Asn1Value[]; valueHexView?: Uint8Array; valueDec?: number };
}

/**
 * A PKCS#12 (PFX) file's private key and certificate, as one PEM held in memory (the key
 * unencrypted, PKCS#8, then the certificate that matches it, then the rest of the chain): what
 * @azure/identity's ClientCertificateCredential takes as `certificate`. Nothing is written to
 * disk. Reads what OpenSSL 3 and Windows write: PBES2 (AES or 3DES, PBKDF2 with SHA-1 or SHA-2),
 * PKCS#12's own SHA-1 and 3DES, or no encryption, under a SHA-1 or SHA-2 MAC. RC2 and RC4 (what
 * `openssl pkcs12 -legacy` and OpenSSL 1.x write for certificates) are refused by name: Node's
 * OpenSSL 3 has no RC2. Synchronous, so that the settings can check a file before any request.
 */
export function readPkcs12(file: Uint8Array, password: string | undefined): string {
  const pkijs = loadPkijs();
  let pfx: Pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(arrayBufferOf(file));
  } catch {
    throw new Pkcs12Error('not-pkcs12', 'the file is not PKCS#12');
  }
  if (pfx.authSafe.contentType !== OID.data)
    throw new Pkcs12Error('unsupported', 'the file is protected by a public key (PKCS#12 public-key integrity mode), not a password');
  const authenticated = octets(pfx.authSafe.content as Asn1Value);
  const passwords = candidatePasswords(password);
  const macPassword = pfx.macData ? verifyMac(pfx.macData, authenticated, passwords) : undefined;

  const safe = pkijs.AuthenticatedSafe.fromBER(arrayBufferOf(authenticated));
  const keys: KeyObject[] = [];
  const certificates: X509Certificate[] = [];
  for (const contentInfo of safe.safeContents) {
    let contents: Uint8Array;
    if (contentInfo.contentType === OID.data) contents = octets(contentInfo.content as Asn1Value);
    else if (contentInfo.contentType === OID.encryptedData) {
      const encrypted = new pkijs.EncryptedData({ schema: contentInfo.content }).encryptedContentInfo;
      if (!encrypted.encryptedContent) throw new Pkcs12Error('incomplete', 'an encrypted part of the file is empty');
      contents = decrypt(encrypted.contentEncryptionAlgorithm, octets(encrypted.encryptedContent as Asn1Value), macPassword, passwords);
    } else {
      throw new Pkcs12Error('unsupported', `a part of the file is protected by a public key (content type ${contentInfo.contentType})`);
    }
    for (const bag of pkijs.SafeContents.fromBER(arrayBufferOf(contents)).safeBags) {
      if (bag.bagId === OID.keyBag) keys.push(privateKey((bag.bagValue as Pkijs.PrivateKeyInfo).toSchema().toBER()));
      if (bag.bagId === OID.shroudedKeyBag) {
        const shrouded = bag.bagValue as Pkijs.PKCS8ShroudedKeyBag;
        keys.push(privateKey(decrypt(shrouded.encryptionAlgorithm, octets(shrouded.encryptedData as Asn1Value), macPassword, passwords)));
      }
      if (bag.bagId === OID.certBag) {
        const certificate = bag.bagValue as Pkijs.CertBag;
        if (certificate.certId === OID.x509Certificate) certificates.push(new X509Certificate(octets(certificate.certValue as Asn1Value)));
      }
    }
  }
  const [key, ...more] = keys;
  if (!key) throw new Pkcs12Error('incomplete', 'the file holds no private key');
  if (more.length > 0)
    throw new Pkcs12Error('incomplete', `the file holds ${keys.length} private keys: export the app's certificate alone`);
  const leaf = certificates.find((certificate) => certificate.checkPrivateKey(key));
  if (!leaf) throw new Pkcs12Error('incomplete', 'the file holds no certificate for its private key');
  const chain = [leaf, ...certificates.filter((certificate) => certificate !== leaf)];
  return [key.export({ format: 'pem', type: 'pkcs8' }) as string, ...chain.map((certificate) => certificate.toString())].join('');
}

/** pkijs, loaded synchronously and only when a PKCS#12 file is met: the settings are checked synchronously, and a replay never needs it. */
function loadPkijs(): typeof Pkijs {
  return createRequire(import.meta.url)('pkijs') as typeof Pkijs;
}

/**
 * A password as PKCS#12's own algorithms take it (a BMPString, UTF-16 big-endian, with two zero
 * bytes at the end) and as PBES2 takes it (its UTF-8 bytes). With no password given, both the empty
 * password and none at all, as OpenSSL tries them.
 */
interface Password {
  bmp: Buffer;
  utf8: Buffer;
}

function candidatePasswords(password: string | undefined): Password[] {
  const bmp = (text: string) => Buffer.concat([Buffer.from(text, 'utf16le').swap16(), Buffer.alloc(2)]);
  if (password !== undefined) return [{ bmp: bmp(password), utf8: Buffer.from(password, 'utf8') }];
  return [
    { bmp: bmp(''), utf8: Buffer.alloc(0) },
    { bmp: Buffer.alloc(0), utf8: Buffer.alloc(0) },
  ];
}

/** The password whose MAC matches (RFC 7292 5.2): a wrong password is told here, before anything is decrypted. */
function verifyMac(macData: Pkijs.MacData, authenticated: Uint8Array, passwords: Password[]): Password {
  const algorithm = macData.mac.digestAlgorithm.algorithmId;
  const digest = DIGESTS[algorithm];
  if (!digest) throw new Pkcs12Error('unsupported', `the file's integrity check uses an algorithm the suite does not know (${algorithm})`);
  const iterations = checkedIterations(macData.iterations ?? 1);
  const salt = octets(macData.macSalt as Asn1Value);
  const expected = octets(macData.mac.digest as Asn1Value);
  const length = createHash(digest.name).digest().length;
  for (const password of passwords) {
    const key = pkcs12Kdf(digest, password.bmp, salt, 3, iterations, length);
    const actual = createHmac(digest.name, key).update(authenticated).digest();
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) return password;
  }
  throw new Pkcs12Error('password', 'the password does not open the file (its integrity check fails)');
}

/** A part of the file decrypted with the password that passed the MAC (or, with no MAC, the only one tried). */
function decrypt(
  algorithm: Pkijs.AlgorithmIdentifier,
  data: Uint8Array,
  macPassword: Password | undefined,
  passwords: Password[],
): Uint8Array {
  const password = macPassword ?? passwords[0] ?? { bmp: Buffer.alloc(2), utf8: Buffer.alloc(0) };
  const params = algorithm.algorithmParams as Asn1Value;
  let cipher: { name: string; key: Uint8Array; iv: Uint8Array };
  if (algorithm.algorithmId === OID.pbeSha1TripleDes) {
    const [salt, count] = params.valueBlock.value ?? [];
    if (!salt || !count) throw new Pkcs12Error('not-pkcs12', 'an encryption of the file has no salt or iteration count');
    const iterations = checkedIterations(count.valueBlock.valueDec ?? 0);
    const sha1 = { name: 'sha1', block: 64 };
    cipher = {
      name: 'des-ede3-cbc',
      key: pkcs12Kdf(sha1, password.bmp, octets(salt), 1, iterations, 24),
      iv: pkcs12Kdf(sha1, password.bmp, octets(salt), 2, iterations, 8),
    };
  } else if (algorithm.algorithmId === OID.pbes2) {
    cipher = pbes2Cipher(params, password.utf8);
  } else {
    const legacy = LEGACY[algorithm.algorithmId];
    throw new Pkcs12Error(
      'unsupported',
      legacy
        ? `the file is encrypted with ${legacy}, a legacy algorithm Node's OpenSSL 3 no longer offers`
        : `the file is encrypted with an algorithm the suite does not know (${algorithm.algorithmId})`,
    );
  }
  try {
    const decipher = createDecipheriv(cipher.name, cipher.key, cipher.iv);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    // A bad pad is what a wrong password gives when the file has no MAC to tell it first.
    throw new Pkcs12Error('password', 'the password does not open the file (a part of it does not decrypt)');
  }
}

/** PBES2 (RFC 8018 6.2): PBKDF2 for the key, then a block cipher with the IV its parameters give. */
function pbes2Cipher(params: Asn1Value, password: Buffer): { name: string; key: Uint8Array; iv: Uint8Array } {
  const pkijs = loadPkijs();
  const pbes2 = new pkijs.PBES2Params({ schema: params });
  if (pbes2.keyDerivationFunc.algorithmId !== OID.pbkdf2)
    throw new Pkcs12Error(
      'unsupported',
      `the file derives its keys with an algorithm the suite does not know (${pbes2.keyDerivationFunc.algorithmId})`,
    );
  const kdf = new pkijs.PBKDF2Params({ schema: pbes2.keyDerivationFunc.algorithmParams });
  const cipher = PBES2_CIPHERS[pbes2.encryptionScheme.algorithmId];
  if (!cipher)
    throw new Pkcs12Error(
      'unsupported',
      `the file is encrypted with an algorithm the suite does not know (${pbes2.encryptionScheme.algorithmId})`,
    );
  const prf = kdf.prf ? HMAC_PRFS[kdf.prf.algorithmId] : 'sha1';
  if (!prf)
    throw new Pkcs12Error('unsupported', `the file derives its keys with a PRF the suite does not know (${kdf.prf?.algorithmId ?? '?'})`);
  const salt = octets(kdf.salt as Asn1Value);
  const key = pbkdf2Sync(password, salt, checkedIterations(kdf.iterationCount), kdf.keyLength ?? cipher.keyLength, prf);
  return { name: cipher.name, key, iv: octets(pbes2.encryptionScheme.algorithmParams as Asn1Value) };
}

/**
 * PKCS#12's own key derivation (RFC 7292 appendix B.2): `id` 1 for a key, 2 for an IV, 3 for the
 * MAC key. Exported for its test vectors.
 */
export function pkcs12Kdf(
  digest: { name: string; block: number },
  password: Uint8Array,
  salt: Uint8Array,
  id: 1 | 2 | 3,
  iterations: number,
  length: number,
): Buffer {
  const v = digest.block;
  const fill = (source: Uint8Array) => {
    const out = Buffer.alloc(source.length === 0 ? 0 : v * Math.ceil(source.length / v));
    for (let index = 0; index < out.length; index++) out[index] = source[index % source.length] ?? 0;
    return out;
  };
  const diversifier = Buffer.alloc(v, id);
  const input = Buffer.concat([fill(salt), fill(password)]);
  const output: Buffer[] = [];
  let produced = 0;
  while (produced < length) {
    let a = createHash(digest.name).update(diversifier).update(input).digest();
    for (let round = 1; round < iterations; round++) a = createHash(digest.name).update(a).digest();
    output.push(a);
    produced += a.length;
    // Each v-byte block of the input becomes (block + B + 1) mod 2^(8v), B being `a` repeated to v bytes.
    const b = fill(a).subarray(0, v);
    for (let start = 0; start < input.length; start += v) {
      let carry = 1;
      for (let index = v - 1; index >= 0; index--) {
        const sum = (input[start + index] ?? 0) + (b[index] ?? 0) + carry;
        input[start + index] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(output).subarray(0, length);
}

function checkedIterations(count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new Pkcs12Error('not-pkcs12', `an iteration count of the file is ${count}`);
  if (count > MAX_ITERATIONS)
    throw new Pkcs12Error('unsupported', `an iteration count of the file is ${count}, more than the ${MAX_ITERATIONS} the suite computes`);
  return count;
}

function privateKey(der: ArrayBuffer | Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Pkcs12Error('password', 'the password does not open the file (its private key does not decrypt to a key)');
  }
}

/** An OCTET STRING's bytes, whether primitive or, as BER allows (and Windows writes), constructed of pieces. */
function octets(value: Asn1Value): Uint8Array {
  if (!value.idBlock.isConstructed) return value.valueBlock.valueHexView ?? new Uint8Array();
  return Buffer.concat((value.valueBlock.value ?? []).map(octets));
}

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}
