/**
 * A slice of Graph's CSDL as `read-metadata.ts` reads it: per qualified type name, what a JSON
 * body of that type may hold. Every element keeps its line in the slice and its place in the
 * source file it was cut from, so a finding can point at both.
 */

export interface MetadataSlice {
  /** The slice's file, as given to the reader. */
  file: string;
  /** By qualified name with aliases resolved: `microsoft.graph.externalConnectors.externalConnection`. */
  types: Map<string, MetadataType>;
}

export type MetadataType = StructuredType | EnumType;

export interface Position {
  /** 1-based line in the slice. */
  line: number;
  /** Where it came from, as the slice's comment says: `v1.0-Prod.csdl line 28301`, `beta-Prod.csdl ~offset 3411000`. */
  source: string | undefined;
}

export interface StructuredType extends Position {
  kind: 'entity' | 'complex';
  name: string;
  /** Qualified, alias resolved. */
  baseType: string | undefined;
  abstract: boolean;
  openType: boolean;
  /** Declared on this type only; `allProperties` adds the inherited ones. */
  properties: MetadataProperty[];
}

export interface MetadataProperty extends Position {
  name: string;
  /** `Edm.String`, or a qualified type name with the alias resolved; for a collection, the item type. */
  type: string;
  collection: boolean;
  /** Whether the value may be null. A collection never is (in OData its Nullable facet is about its items). */
  nullable: boolean;
  /** Org.OData.Core.V1.Computed: set by the service, read-only. */
  computed: boolean;
  /** Navigation properties are not in a body unless expanded. */
  navigation: boolean;
}

export interface EnumType extends Position {
  kind: 'enum';
  name: string;
  /** IsFlags: a value is a comma-separated list of members. */
  flags: boolean;
  members: EnumMember[];
}

export interface EnumMember extends Position {
  name: string;
  value: number;
}
