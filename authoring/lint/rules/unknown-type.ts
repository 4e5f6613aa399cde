import type { LintRule } from './lint-rule.ts';
import { typeNames } from './page-parts.ts';

export const unknownType: LintRule<'unknown-type'> = {
  id: 'unknown-type',
  checks: "a type name is not in Graph's metadata (metadata/type-names.json)",
  why: 'a reader looks the type up and finds nothing: a renamed or never-shipped type documents a contract no service keeps',
  check(context) {
    const metadata = context.metadata;
    if (!metadata) return [];
    // An unknown namespace is the other rule's; a type Graph has but the slice leaves out is no defect of the page.
    return typeNames(context).flatMap(({ name, at, line }) =>
      !metadata.namespaces.has(name.slice(0, name.lastIndexOf('.'))) || metadata.exists(name)
        ? []
        : [{ at, line, evidence: `Graph's metadata has no type ${name} (${metadata.index})` }],
    );
  },
  examples: {
    failing: {
      markdown: `# Create widget

## HTTP request

~~~http
POST /external/connections
~~~

## Example

<!-- { "blockType": "request", "name": "create_connection" } -->
~~~http
POST https://graph.microsoft.com/v1.0/external/connections
Content-Type: application/json

{ "id": "contosohr", "configuration": { "@odata.type": "#microsoft.graph.externalConnectors.gadget" } }
~~~
`,
      findings: [
        "line 16 example create_connection: request /configuration/@odata.type: Graph's metadata has no type microsoft.graph.externalConnectors.gadget (metadata/type-names.json (v1.0))",
      ],
    },
    passing: {
      markdown: `# Create widget

## HTTP request

~~~http
POST /external/connections
~~~

## Example

<!-- { "blockType": "request", "name": "create_connection" } -->
~~~http
POST https://graph.microsoft.com/v1.0/external/connections
Content-Type: application/json

{ "id": "contosohr", "owner": { "@odata.type": "#microsoft.graph.user" } }
~~~
`,
    },
  },
};
