import { createHash } from 'node:crypto';
import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import { displayUrl } from '../../harness/shared/display-url.ts';
import type { JsonObject } from '../../harness/shared/json-object.ts';
import type { MetadataSlice } from './csdl-model.ts';
import { isLaidOut, layOut } from './csdl-layout.ts';
import { download, DownloadError, type DownloadOptions } from './download.ts';
import { metadataUrl, originOf, type MetadataOrigin, type MetadataSettings } from './metadata-settings.ts';
import type { Origin } from './metadata-source.ts';
import { modelOf, parseCsdl } from './read-metadata.ts';

/**
 * A version's whole metadata, fetched from Graph's `$metadata` or the metadata repository, checked
 * to be Graph's CSDL and laid out one element a line: what metadata:update commits, and what a
 * drift check compares with the committed slices. Nothing is written here.
 */
export interface FetchedMetadata {
  version: GraphVersion;
  /** Where and when: the URL, the day, the moment; the repository, path and commit when the URL names them. */
  origin: Origin;
  /** As it is committed: laid out one element a line. */
  xml: string;
  /** odata-csdl's reading of `xml`, and the model of it, for the caller to reuse. */
  csdl: JsonObject;
  model: MetadataSlice;
  /** UTF-8 bytes and SHA-256 of `xml`. */
  bytes: number;
  sha256: string;
  /** The answer came without line breaks and was laid out. */
  laidOut: boolean;
  /** Bytes over the wire (compressed, when it was). */
  received: number;
}

export interface FetchOptions {
  settings: MetadataSettings;
  from: MetadataOrigin;
  /** How messages and positions name the file it becomes: `metadata/v1.0-Prod.csdl`. */
  name: string;
  onProgress?: DownloadOptions['onProgress'];
  /** The moment it was fetched; now by default. */
  now?: () => Date;
}

export async function fetchMetadata(version: GraphVersion, options: FetchOptions): Promise<FetchedMetadata> {
  const url = metadataUrl(options.settings, options.from, version);
  const setting = options.from === 'graph' ? 'GRAPH_METADATA_URL' : 'GRAPH_METADATA_REPOSITORY_URL';
  const downloaded = await download(url, {
    connectTimeoutMs: options.settings.connectTimeoutMs,
    answerTimeoutMs: options.settings.answerTimeoutMs,
    setting,
    headers: { accept: 'application/xml' },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const retrieved = (options.now ?? (() => new Date()))();
  const shown = displayUrl(downloaded.url);
  const notMetadata = (why: string) => new DownloadError(`${shown} answered ${why}: that is not Graph's ${version} metadata; check ${setting}. Nothing was written.`);

  const text = downloaded.text.replace(/^\uFEFF/, '');
  if (!/^\s*<(\?xml|edmx:Edmx)/.test(text)) throw notMetadata(`something that is not CSDL XML (it starts ${JSON.stringify(text.trimStart().slice(0, 40))})`);
  let xml: string;
  let csdl: JsonObject;
  try {
    xml = layOut(text);
    csdl = parseCsdl(xml, options.name);
  } catch (error) {
    throw notMetadata(`XML that does not read as CSDL (${(error as Error).message.replace(/ Regenerate it .*$/, '')})`);
  }
  const model = modelOf(csdl, xml, options.name);
  if (model.types.get('microsoft.graph.entity')?.kind !== 'entity') throw notMetadata('a CSDL document without microsoft.graph.entity');
  return {
    version,
    origin: originOf(downloaded.url, options.settings, retrieved),
    xml,
    csdl,
    model,
    bytes: Buffer.byteLength(xml),
    sha256: createHash('sha256').update(xml).digest('hex'),
    laidOut: !isLaidOut(text),
    received: downloaded.received,
  };
}
