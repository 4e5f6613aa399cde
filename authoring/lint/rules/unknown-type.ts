import type { LintRule } from './lint-rule.ts';
import { namespaceOf } from './written-type.ts';
import { typeNames } from './page-parts.ts';

export const unknownType: LintRule<'unknown-type'> = {
  id: 'unknown-type',
  checks: "a type name is not in Graph's metadata (metadata/type-names.json)",
  why: 'a reader looks the type up and finds nothing: a renamed or never-shipped type documents a contract no service keeps',
  check(context) {
    const metadata = context.metadata;
    if (!metadata) return [];
    // An unknown namespace is the other rule's; a type Graph has in any case (`Message`) is the type the page means.
    return typeNames(context).flatMap(({ written, name, candidates, qualified, at, line }) =>
      (qualified && !metadata.hasNamespace(namespaceOf(name))) || candidates.some((candidate) => metadata.resolve(candidate))
        ? []
        : [
            {
              at,
              line,
              evidence: `Graph's metadata has no type ${name}${written === name ? '' : ` (written "${written}")`} (${metadata.index})`,
            },
          ],
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

Namespace: microsoft.graph

## HTTP request

~~~http
POST /external/connections
~~~

## Request body

| Property | Type | Description |
|:--|:--|:--|
| tags | String collection | A primitive, written for a reader. |
| toRecipients | [recipient](../resources/recipient.md) collection | A link, then "collection". |
| message | [Message](../resources/message.md) | The type in display case. |
| status | alertStatus enum | An enum, said to be one. |
| members | Collection(microsoft.graph.user) | The metadata's own spelling of a collection. |
| id | String (identifier) | A note after the type. |
| size | Int64 | A primitive. |

## Example

<!-- { "blockType": "request", "name": "create_connection" } -->
~~~http
POST https://graph.microsoft.com/v1.0/external/connections
Content-Type: application/json

{ "id": "contosohr", "owner": { "@odata.type": "#microsoft.graph.user" } }
~~~

<!-- { "blockType": "response", "@odata.type": "Collection(microsoft.graph.User)" } -->
~~~http
HTTP/1.1 200 OK
~~~

<!-- { "blockType": "request", "name": "download" } -->
~~~http
GET https://graph.microsoft.com/v1.0/me/drive/items/01AB/content
~~~

<!-- { "blockType": "response", "@odata.type": "stream" } -->
~~~http
HTTP/1.1 302 Found
~~~
`,
    },
  },
};
