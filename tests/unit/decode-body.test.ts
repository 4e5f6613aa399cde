import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { decodeRecorded, UndecodableBodyError } from '../../harness/record/decode-body.ts';

const BODY = JSON.stringify({ id: 'gcs1', refresh_token: 'planted' });
const recorded = (response: unknown, headers: Record<string, string>) => ({
  scope: 'https://graph.example',
  method: 'GET',
  path: '/v1.0/x',
  status: 200,
  response,
  rawHeaders: headers,
});
/** As nock's recorder keeps a content-encoded body: the hex of each chunk. */
const chunks = (bytes: Buffer) => [bytes.subarray(0, 10).toString('hex'), bytes.subarray(10).toString('hex')];

test('a gzip, deflate or br body recorded as hex chunks comes back as the text the test read, its coding noted and its header gone', () => {
  for (const [coding, compress] of [
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const) {
    const decoded = decodeRecorded(
      recorded(chunks(compress(BODY)), { 'Content-Encoding': coding, 'content-type': 'application/json', 'content-length': '99' }),
    );
    expect(decoded.response).toBe(BODY);
    expect(decoded.contentEncoding).toBe(coding);
    expect(decoded.rawHeaders).toEqual({ 'content-type': 'application/json' });
  }
});

test('codings applied one after the other are undone in reverse order; identity is no coding', () => {
  const twice = deflateSync(gzipSync(BODY));
  expect(decodeRecorded(recorded(chunks(twice), { 'content-encoding': 'gzip, deflate' })).response).toBe(BODY);
  const plain = recorded(JSON.parse(BODY), { 'content-encoding': 'identity' });
  expect(decodeRecorded(plain)).toBe(plain);
  expect(decodeRecorded(recorded('text', {}))).toEqual(recorded('text', {}));
});

test('a coding the recorder cannot decode, or a body that is not what its header says, is refused with the reason', () => {
  expect(() => decodeRecorded(recorded(['00ff'], { 'content-encoding': 'zstd' }))).toThrow(
    new UndecodableBodyError(
      'the answer is Content-Encoding: zstd, which the recorder cannot decode (it decodes gzip, x-gzip, deflate, br)',
    ),
  );
  expect(() => decodeRecorded(recorded(['00ff'], { 'content-encoding': 'gzip' }))).toThrow(/does not decode as gzip/);
});
