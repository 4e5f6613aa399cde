import type { DocPage, Line } from '../../../harness/page/page-model.ts';

/** What the metadata tells the lint about a type: enough to judge a name, and what a request may send. */
export interface TypeFacts {
  abstract: boolean;
  /** The type it derives from, qualified (`microsoft.graph.attachment` for fileAttachment); undefined for none. */
  baseType: string | undefined;
  /** Property names the metadata marks computed (Org.OData.Core.V1.Computed). */
  computed: ReadonlySet<string>;
}

export interface MetadataFacts {
  /** Where the facts come from, for evidence: `metadata/beta.csdl.xml`. */
  file: string;
  /** Where the names of every type come from, for evidence: `metadata/type-names.json (beta)`. */
  index: string;
  /** Every namespace of Graph's metadata for the version, not only the slice's. */
  namespaces: ReadonlySet<string>;
  /** Whether Graph's metadata has the type at all, by its exact name. */
  exists(qualifiedName: string): boolean;
  /**
   * The metadata's own name for a type named in any case (`microsoft.graph.Message` →
   * `microsoft.graph.message`); undefined when Graph has no such type. Pages write names in display
   * case, and Graph reads a type name in any case.
   */
  resolve(qualifiedName: string): string | undefined;
  /** Whether Graph's metadata has the namespace, in any case (`Microsoft.Graph`). */
  hasNamespace(namespace: string): boolean;
  /** What the slice says of a type; undefined for a type the slice leaves out. */
  type(qualifiedName: string): TypeFacts | undefined;
}

export interface SchemaCheck {
  /** The schema that covers a type, by its qualified name; undefined when none does. */
  schemaFor(
    qualifiedName: string,
  ): { name: string; violations(body: unknown): { path: string; expected: string; actual: string; keyword: string }[] } | undefined;
}

export interface LintContext {
  page: DocPage;
  /** `create-connector.md`. */
  pageName: string;
  /** The Graph version the page documents (its public URL's view). */
  version: string | undefined;
  metadata: MetadataFacts | undefined;
  schemas: SchemaCheck;
}

/** What a check reports; the lint adds the rule's id and the page, so no check can speak for another rule. */
export interface Hit {
  /** Where on the page, stable across edits elsewhere on it: `example create_connector: request /status`. */
  at: string;
  line: Line | undefined;
  /** What the page says there, and what it should. */
  evidence: string;
}

/** A page a rule's own test lints: `~~~` fences keep it free of backticks; `version` is the page's (v1.0 unless said). */
export interface ExamplePage {
  markdown: string;
  version?: 'v1.0' | 'beta';
}

/**
 * One rule of the doc lint, whole: its id, what it checks and why a page owner should care, the
 * check, and a page it fires on (with every finding it gives there, as docs:lint prints them:
 * `line 12 example x: response status: …`) beside one it stays silent on.
 */
export interface LintRule<Id extends string = string> {
  id: Id;
  /** What it checks, in one line: what `npm run docs:lint` prints beside a new finding. */
  checks: string;
  /** Why a page owner should care, in one line. */
  why: string;
  check(context: LintContext): Hit[];
  examples: { failing: ExamplePage & { findings: string[] }; passing: ExamplePage };
}

/** A finding as docs:lint prints it, and as a rule's failing example lists it. */
export function describeHit({ line, at, evidence }: Hit): string {
  return `line ${line ?? '?'} ${at}: ${evidence}`;
}
