/**
 * Makes an excerpt file (elements of a CSDL file under `<!-- ~offset N (…) -->` comments, no
 * Schema wrappers, `...` where lines were left out) into a CSDL document the slicer can cut, and
 * remembers each line's approximate offset. A section belongs to the namespace its comment names
 * (`Namespace="…"`), else to microsoft.graph (alias graph); an EntitySet line outside its
 * container is dropped, as the slice holds types only.
 */
export interface PreparedExcerpts {
  xml: string;
  /** `~offset N` of a 1-based line of `xml`. */
  placeOf: (line: number) => string;
}

const SECTION = /^<!-- ~offset (\d+).*-->$/;
const DEFAULT_NAMESPACE = 'microsoft.graph';
const ALIASES = new Map([[DEFAULT_NAMESPACE, 'graph']]);

export function prepareExcerpts(text: string, file: string): PreparedExcerpts {
  const buckets = new Map<string, { text: string; offset: string }[]>();
  let current: { text: string; offset: string }[] | undefined;
  let offset = '';
  text.split('\n').forEach((line, index) => {
    const trimmed = line.trim();
    const section = SECTION.exec(trimmed);
    if (section) {
      offset = section[1] ?? '';
      const namespace = /Namespace="([^"]+)"/.exec(trimmed)?.[1] ?? DEFAULT_NAMESPACE;
      current = buckets.get(namespace) ?? [];
      buckets.set(namespace, current);
      return;
    }
    if (trimmed === '' || trimmed === '...' || trimmed.startsWith('<EntitySet ') || (trimmed.startsWith('<!--') && current === undefined)) return;
    if (!current) throw new Error(`${file}:${index + 1}: an element before the first "<!-- ~offset N -->" comment; say where it comes from.`);
    current.push({ text: line, offset });
  });

  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    '  <edmx:DataServices>',
  ];
  const offsets: string[] = lines.map(() => '');
  for (const [namespace, bucket] of buckets) {
    const alias = ALIASES.get(namespace);
    lines.push(`    <Schema Namespace="${namespace}"${alias === undefined ? '' : ` Alias="${alias}"`} xmlns="http://docs.oasis-open.org/odata/ns/edm">`);
    offsets.push('');
    for (const line of bucket) {
      lines.push(line.text);
      offsets.push(line.offset);
    }
    lines.push('    </Schema>');
    offsets.push('');
  }
  lines.push('  </edmx:DataServices>', '</edmx:Edmx>', '');
  return { xml: lines.join('\n'), placeOf: (line) => `~offset ${offsets[line - 1] ?? '?'}` };
}
