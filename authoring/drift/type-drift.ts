import type { DriftDirection, DriftKind, MetadataChange } from '../../harness/report/metadata-drift-file.ts';
import type { EnumType, MetadataProperty, MetadataSlice, MetadataType, StructuredType } from '../metadata/csdl-model.ts';

/**
 * How the types a contract uses changed between the committed metadata and tonight's, each change
 * with the direction it breaks (docs: metadata/README.md, "Drift"):
 *
 * - a reader is a client that reads the type from answers (what the schemas check); a writer one
 *   that sends it in requests;
 * - removed (a property, a type): breaks a reader and a writer; a Computed property, a reader only;
 * - added property: harmless when nullable or Computed (Graph adds properties without a new
 *   version; readers must tolerate them); one that may not be null may break a writer, which may
 *   now have to send it;
 * - retyped: a widening (Int16 → Int32 → Int64, Byte → Int16, Single → Double) breaks a reader
 *   (larger values come), a narrowing breaks a writer, anything else both;
 * - now nullable breaks a reader, no longer nullable a writer; now Computed breaks a writer;
 * - enum member added: breaks a reader, unless the enum has unknownFutureValue and the member comes
 *   after it: Graph sends such members only to a client that asks (`Prefer:
 *   include-unknown-enum-members`, evolvable enums); member removed: breaks a writer;
 * - type renamed: breaks both (its `@odata.type` changes); base type changed: both; no longer an
 *   open type: a writer (that sent undeclared properties); now abstract: a writer.
 * - navigation properties are not compared: they are in a body only when expanded, and a slice
 *   keeps them without their targets.
 *
 * A type is renamed, not removed, when it is gone tonight and a type whose name the committed list
 * of type names does not hold has the same kind and the same member names (property names, or enum
 * member names); a namespace move keeps the simple name and is found first. An enum member removed
 * and one added with the same value is a renamed member. A property's metadata has no identity, so
 * a property removed and one added are reported as both.
 */
export interface DriftInput {
  /** The committed metadata: the whole file, or the slice where only a slice is committed. */
  committed: MetadataSlice;
  tonight: MetadataSlice;
  /** Every type name the committed metadata of this version has (metadata/type-names.json): a name not in it is new tonight. */
  committedNames: ReadonlySet<string>;
}

/** The changes of each type of `types` (committed names), in that order; renames found once for all. */
export function typesDrift(types: readonly string[], input: DriftInput): Map<string, MetadataChange[]> {
  const renames = findRenames(types, input);
  const result = new Map<string, MetadataChange[]>();
  for (const name of types) {
    const before = input.committed.types.get(name);
    if (!before) continue;
    const renamed = renames.get(name);
    const after = input.tonight.types.get(renamed ?? name);
    const changes: MetadataChange[] = [];
    if (renamed !== undefined) changes.push(change(name, 'type renamed', `renamed to ${renamed}`, 'breaks a reader and a writer'));
    if (!after) changes.push(change(name, 'type removed', 'type removed', 'breaks a reader and a writer'));
    else changes.push(...typeDrift(before, after, renames));
    result.set(name, changes);
  }
  return result;
}

/** Committed type → tonight's name, for the types of `types` gone tonight that a new type of the same members replaces. */
export function findRenames(types: readonly string[], input: DriftInput): Map<string, string> {
  const renames = new Map<string, string>();
  const gone = types.filter((name) => input.committed.types.has(name) && !input.tonight.types.has(name));
  if (gone.length === 0) return renames;
  const fresh = [...input.tonight.types.values()].filter(
    (type) => !input.committedNames.has(type.name) && !input.committed.types.has(type.name),
  );
  const taken = new Set<string>();
  for (const name of gone) {
    const before = input.committed.types.get(name);
    if (!before) continue;
    const matching = fresh.filter((candidate) => !taken.has(candidate.name) && sameMembers(before, candidate));
    const simple = simpleName(name);
    const chosen = matching.find((candidate) => simpleName(candidate.name) === simple) ?? (matching.length === 1 ? matching[0] : undefined);
    if (chosen) {
      renames.set(name, chosen.name);
      taken.add(chosen.name);
    }
  }
  return renames;
}

function sameMembers(before: MetadataType, after: MetadataType): boolean {
  if (before.kind !== after.kind) return false;
  const names = (type: MetadataType) =>
    (type.kind === 'enum' ? type.members.map((member) => member.name) : type.properties.filter((p) => !p.navigation).map((p) => p.name))
      .sort()
      .join('\n');
  const members = names(before);
  return members !== '' && members === names(after);
}

/** What changed in one type whose name stayed (or that was renamed to `after`). */
export function typeDrift(before: MetadataType, after: MetadataType, renames: ReadonlyMap<string, string> = new Map()): MetadataChange[] {
  const name = before.name;
  if (before.kind !== after.kind) {
    return [
      change(
        name,
        'type changed',
        `was ${article(before.kind)} ${before.kind} type, is ${article(after.kind)} ${after.kind} type`,
        'breaks a reader and a writer',
      ),
    ];
  }
  if (before.kind === 'enum' && after.kind === 'enum') return enumDrift(before, after);
  if (before.kind === 'enum' || after.kind === 'enum') return [];
  return structuredDrift(before, after, renames);
}

function structuredDrift(before: StructuredType, after: StructuredType, renames: ReadonlyMap<string, string>): MetadataChange[] {
  const name = before.name;
  const same = (was: string | undefined, is: string | undefined) => was === is || (was !== undefined && renames.get(was) === is);
  const changes: MetadataChange[] = [];
  if (!same(before.baseType, after.baseType)) {
    changes.push(
      change(name, 'type changed', `base type ${before.baseType ?? 'none'} → ${after.baseType ?? 'none'}`, 'breaks a reader and a writer'),
    );
  }
  if (before.abstract !== after.abstract) {
    changes.push(
      change(name, 'type changed', after.abstract ? 'now abstract' : 'no longer abstract', after.abstract ? 'breaks a writer' : 'harmless'),
    );
  }
  if (before.openType !== after.openType) {
    changes.push(
      change(
        name,
        'type changed',
        after.openType ? 'now an open type' : 'no longer an open type',
        // A reader never relied on undeclared properties; a writer that sent them is refused now.
        after.openType ? 'harmless' : 'breaks a writer',
      ),
    );
  }
  const structural = (type: StructuredType) =>
    new Map(type.properties.filter((property) => !property.navigation).map((property) => [property.name, property]));
  const was = structural(before);
  const is = structural(after);
  for (const [member, old] of was) {
    const now = is.get(member);
    if (!now) {
      changes.push(
        change(
          name,
          'property removed',
          `property ${member} removed`,
          old.computed ? 'breaks a reader' : 'breaks a reader and a writer',
          member,
        ),
      );
      continue;
    }
    changes.push(...propertyDrift(name, old, now, same));
  }
  for (const [member, added] of is)
    if (!was.has(member)) changes.push(change(name, 'property added', `property ${member} added`, addedDirection(added), member));
  return changes;
}

function propertyDrift(
  type: string,
  before: MetadataProperty,
  after: MetadataProperty,
  same: (was: string, is: string) => boolean,
): MetadataChange[] {
  const member = before.name;
  const changes: MetadataChange[] = [];
  if (!same(before.type, after.type) || before.collection !== after.collection) {
    changes.push(
      change(type, 'property retyped', `property ${member}: ${typeOf(before)} → ${typeOf(after)}`, retypeDirection(before, after), member),
    );
  }
  if (before.nullable !== after.nullable) {
    changes.push(
      change(
        type,
        'nullability changed',
        `property ${member}: ${after.nullable ? 'now nullable' : 'no longer nullable'}`,
        after.nullable ? 'breaks a reader' : 'breaks a writer',
        member,
      ),
    );
  }
  if (before.computed !== after.computed) {
    changes.push(
      change(
        type,
        'computed changed',
        `property ${member}: ${after.computed ? 'now computed (read-only)' : 'no longer computed'}`,
        after.computed ? 'breaks a writer' : 'harmless',
        member,
      ),
    );
  }
  return changes;
}

/**
 * An added property: harmless when it may be null or the service computes it; otherwise a writer
 * that sends the type may now have to send it (Nullable="false" says no more than that: it breaks
 * a writer at worst, and only where the type is sent whole).
 */
function addedDirection(property: MetadataProperty): DriftDirection {
  return property.nullable || property.computed || property.collection ? 'harmless' : 'breaks a writer';
}

/** Each Edm type, and the types whose every value it can hold. */
const WIDER: Readonly<Record<string, readonly string[]>> = {
  'Edm.Int16': ['Edm.Byte', 'Edm.SByte'],
  'Edm.Int32': ['Edm.Byte', 'Edm.SByte', 'Edm.Int16'],
  'Edm.Int64': ['Edm.Byte', 'Edm.SByte', 'Edm.Int16', 'Edm.Int32'],
  'Edm.Double': ['Edm.Single'],
};

function retypeDirection(before: MetadataProperty, after: MetadataProperty): DriftDirection {
  if (before.collection !== after.collection) return 'breaks a reader and a writer';
  if (WIDER[after.type]?.includes(before.type)) return 'breaks a reader';
  if (WIDER[before.type]?.includes(after.type)) return 'breaks a writer';
  return 'breaks a reader and a writer';
}

const UNKNOWN_FUTURE_VALUE = 'unknownFutureValue';

function enumDrift(before: EnumType, after: EnumType): MetadataChange[] {
  const name = before.name;
  const changes: MetadataChange[] = [];
  const wasNames = new Set(before.members.map((member) => member.name));
  const isNames = new Set(after.members.map((member) => member.name));
  const removed = before.members.filter((member) => !isNames.has(member.name));
  const added = after.members.filter((member) => !wasNames.has(member.name));
  const sentinel = after.members.find((member) => member.name === UNKNOWN_FUTURE_VALUE);
  for (const old of removed) {
    const renamed = added.find((candidate) => candidate.value === old.value);
    if (renamed) {
      added.splice(added.indexOf(renamed), 1);
      changes.push(
        change(name, 'enum member renamed', `member ${old.name} renamed to ${renamed.name}`, 'breaks a reader and a writer', old.name),
      );
    } else changes.push(change(name, 'enum member removed', `member ${old.name} removed`, 'breaks a writer', old.name));
  }
  for (const member of added) {
    const evolvable = sentinel !== undefined && member.value > sentinel.value;
    changes.push(
      change(
        name,
        'enum member added',
        `member ${member.name} added${evolvable ? ` after ${UNKNOWN_FUTURE_VALUE}` : ''}`,
        evolvable ? 'harmless' : 'breaks a reader',
        member.name,
      ),
    );
  }
  if (before.flags !== after.flags)
    changes.push(change(name, 'type changed', after.flags ? 'now flags' : 'no longer flags', 'breaks a reader and a writer'));
  return changes;
}

function change(type: string, kind: DriftKind, text: string, direction: DriftDirection, member?: string): MetadataChange {
  return { type, change: text, kind, ...(member === undefined ? {} : { member }), direction };
}

function typeOf(property: MetadataProperty): string {
  return property.collection ? `Collection(${property.type})` : property.type;
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? 'an' : 'a';
}

/** `externalConnection` of `microsoft.graph.externalConnectors.externalConnection`: what a changelog's Target says. */
export function simpleName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}
