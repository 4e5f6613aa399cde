import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { RecordedDefinition } from '../redaction/redact.ts';

/** The codings a recording can decode (RFC 9110 §8.4.1, and br, RFC 7932); `identity` is no coding. */
const DECODE: Readonly<Record<string, (bytes: Buffer) => Buffer>> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

export class UndecodableBodyError extends Error {
  override name = 'UndecodableBodyError';
}

/**
 * A recorded answer as the test read it: nock's recorder keeps a compressed body as the hex of its
 * chunks, which redaction and normalization cannot see inside and replay cannot serve without its
 * Content-Encoding. Decoded here, before redaction, the codings undone in reverse order of
 * application; the Content-Encoding header goes, and `contentEncoding` says what the service sent.
 */
export function decodeRecorded(recorded: RecordedDefinition): RecordedDefinition & { contentEncoding?: string } {
  const headers = headerEntries(recorded.rawHeaders);
  const header = headers.find(([name]) => name.toLowerCase() === 'content-encoding')?.[1];
  const codings = (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return recorded;
  let bytes = bodyBytes(recorded.response);
  for (const coding of [...codings].reverse()) {
    const decode = DECODE[coding];
    if (!decode)
      throw new UndecodableBodyError(
        `the answer is Content-Encoding: ${header ?? ''}, which the recorder cannot decode (it decodes ${Object.keys(DECODE).join(', ')})`,
      );
    try {
      bytes = decode(bytes);
    } catch (error) {
      throw new UndecodableBodyError(
        `the answer says Content-Encoding: ${header ?? ''}, and its body does not decode as ${coding} (${(error as Error).message})`,
      );
    }
  }
  const text = bytes.toString('utf8');
  const { responseIsBinary: _binary, ...rest } = recorded as RecordedDefinition & { responseIsBinary?: boolean };
  return {
    ...rest,
    response: text,
    rawHeaders: Object.fromEntries(headers.filter(([name]) => !['content-encoding', 'content-length'].includes(name.toLowerCase()))),
    contentEncoding: codings.join(', '),
  };
}

/** nock keeps a content-encoded body as hex strings, one a chunk (or one hex string for a binary body). */
function bodyBytes(response: unknown): Buffer {
  if (Array.isArray(response)) return Buffer.concat(response.map((chunk) => Buffer.from(String(chunk), 'hex')));
  if (typeof response === 'string' && /^(?:[0-9a-f]{2})+$/i.test(response)) return Buffer.from(response, 'hex');
  return Buffer.from(typeof response === 'string' ? response : JSON.stringify(response ?? ''));
}

function headerEntries(raw: RecordedDefinition['rawHeaders']): [string, string][] {
  if (!raw) return [];
  if (!Array.isArray(raw)) return Object.entries(raw);
  const entries: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) entries.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return entries;
}
