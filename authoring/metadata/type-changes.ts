import type { MetadataProperty, MetadataSlice, MetadataType } from './csdl-model.ts';

/** What changed between two readings of one type, a phrase each: `property notes added`, `property size: Edm.Int32 → Edm.Int64`. */
export function typeChanges(before: MetadataType, after: MetadataType): string[] {
  if (before.kind !== after.kind) return [`was ${article(before.kind)} ${before.kind} type, is ${article(after.kind)} ${after.kind} type`];
  if (before.kind === 'enum' && after.kind === 'enum') {
    const was = before.members.map((member) => member.name);
    const is = after.members.map((member) => member.name);
    return [
      ...is.filter((name) => !was.includes(name)).map((name) => `member ${name} added`),
      ...was.filter((name) => !is.includes(name)).map((name) => `member ${name} removed`),
      ...(before.flags === after.flags ? [] : [after.flags ? 'now flags' : 'no longer flags']),
    ];
  }
  if (before.kind === 'enum' || after.kind === 'enum') return [];
  const changes: string[] = [];
  if (before.baseType !== after.baseType) changes.push(`base type ${before.baseType ?? 'none'} → ${after.baseType ?? 'none'}`);
  if (before.abstract !== after.abstract) changes.push(after.abstract ? 'now abstract' : 'no longer abstract');
  if (before.openType !== after.openType) changes.push(after.openType ? 'now an open type' : 'no longer an open type');
  const was = new Map(before.properties.map((property) => [property.name, property]));
  const is = new Map(after.properties.map((property) => [property.name, property]));
  for (const [name, property] of is) {
    const old = was.get(name);
    if (!old) changes.push(`${kindOf(property)} ${name} added`);
    else changes.push(...propertyChanges(old, property));
  }
  for (const [name, property] of was) if (!is.has(name)) changes.push(`${kindOf(property)} ${name} removed`);
  return changes;
}

function propertyChanges(before: MetadataProperty, after: MetadataProperty): string[] {
  const at = `${kindOf(after)} ${after.name}`;
  const changes: string[] = [];
  if (before.type !== after.type || before.collection !== after.collection) changes.push(`${at}: ${typeOf(before)} → ${typeOf(after)}`);
  if (before.nullable !== after.nullable) changes.push(`${at}: ${after.nullable ? 'now nullable' : 'no longer nullable'}`);
  if (before.computed !== after.computed) changes.push(`${at}: ${after.computed ? 'now computed' : 'no longer computed'}`);
  if (before.navigation !== after.navigation) changes.push(`${at}: ${after.navigation ? 'now a navigation property' : 'now a structural property'}`);
  return changes;
}

/** Type names in one reading and not the other. */
export function typesAddedAndRemoved(before: Iterable<string>, after: Iterable<string>): { added: string[]; removed: string[] } {
  const was = new Set(before);
  const is = new Set(after);
  return { added: [...is].filter((name) => !was.has(name)).sort(), removed: [...was].filter((name) => !is.has(name)).sort() };
}

/** Per type of either slice: added, removed, or what changed in it. */
export function sliceChanges(before: MetadataSlice, after: MetadataSlice): { added: string[]; removed: string[]; changed: { type: string; changes: string[] }[] } {
  const { added, removed } = typesAddedAndRemoved(before.types.keys(), after.types.keys());
  const changed = [...after.types]
    .flatMap(([name, type]) => {
      const old = before.types.get(name);
      const changes = old === undefined ? [] : typeChanges(old, type);
      return changes.length > 0 ? [{ type: name, changes }] : [];
    })
    .sort((a, b) => a.type.localeCompare(b.type));
  return { added, removed, changed };
}

function kindOf(property: MetadataProperty): string {
  return property.navigation ? 'navigation property' : 'property';
}

function typeOf(property: MetadataProperty): string {
  return property.collection ? `Collection(${property.type})` : property.type;
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? 'an' : 'a';
}
