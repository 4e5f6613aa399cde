import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { GraphVersion } from '../../harness/shared/graph-version.ts';
import type { JsonObject } from '../../harness/shared/json-object.ts';
import type { MetadataSlice } from './csdl-model.ts';
import { METADATA_FILES, type MetadataFiles } from './metadata-files.ts';
import { readVersionSource, type VersionSource } from './metadata-source.ts';
import { modelOf, parseCsdl, readMetadata } from './read-metadata.ts';

/** A version's whole CSDL, read once: its text (the slicer copies from it), odata-csdl's JSON, and the model. */
export interface WholeMetadata {
  version: GraphVersion;
  /** As messages name it: `metadata/v1.0-Prod.csdl`. */
  name: string;
  xml: string;
  csdl: JsonObject;
  model: MetadataSlice;
}

/**
 * What a checkout knows of Graph's metadata, each file read when first asked for and then kept:
 * the whole CSDL of a version takes about a second to parse, and one command may draft many schemas.
 */
export class MetadataAtHand {
  private readonly wholes = new Map<GraphVersion, WholeMetadata | undefined>();
  private readonly slices = new Map<GraphVersion, MetadataSlice>();

  constructor(readonly files: MetadataFiles = METADATA_FILES) {}

  /** A file of metadata/ as messages name it: relative to the checkout. */
  name(file: string): string {
    return relative(dirname(this.files.directory), file) || file;
  }

  /** The version's whole CSDL; undefined when metadata/ holds none (beta's was not at hand). */
  whole(version: GraphVersion): WholeMetadata | undefined {
    if (this.wholes.has(version)) return this.wholes.get(version);
    const file = this.files.whole[version];
    let whole: WholeMetadata | undefined;
    if (existsSync(file)) {
      const name = this.name(file);
      const xml = readFileSync(file, 'utf8');
      const csdl = parseCsdl(xml, name);
      whole = { version, name, xml, csdl, model: modelOf(csdl, xml, name) };
    }
    this.wholes.set(version, whole);
    return whole;
  }

  /** The slice schemas:check compares with. */
  slice(version: GraphVersion): MetadataSlice {
    let slice = this.slices.get(version);
    if (!slice) {
      const file = this.files.slice[version];
      slice = readMetadata(file, this.name(file));
      this.slices.set(version, slice);
    }
    return slice;
  }

  /** The most there is of a version: the whole CSDL, else the slice. */
  model(version: GraphVersion): MetadataSlice {
    return this.whole(version)?.model ?? this.slice(version);
  }

  /** Drops what was read of a version, after its files were rewritten. */
  forget(version: GraphVersion): void {
    this.wholes.delete(version);
    this.slices.delete(version);
  }

  source(version: GraphVersion): VersionSource {
    return readVersionSource(this.files.source[version], version);
  }
}
