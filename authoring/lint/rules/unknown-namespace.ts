import type { LintRule } from './lint-rule.ts';
import { namespaceOf } from './written-type.ts';
import { typeNames } from './page-parts.ts';

export const unknownNamespace: LintRule<'unknown-namespace'> = {
  id: 'unknown-namespace',
  checks: "a type name's namespace is not in Graph's metadata",
  why: "a namespace Graph does not have (a stub's internal Microsoft.Cpim.Api.DataModels) is a name no request or answer can carry",
  check(context) {
    const metadata = context.metadata;
    if (!metadata) return [];
    // A bare name (`Message`, a table's `String collection`) claims no namespace: only a qualified one can name a wrong one.
    return typeNames(context).flatMap(({ name, qualified, at, line }) => {
      const namespace = namespaceOf(name);
      return !qualified || metadata.hasNamespace(namespace)
        ? []
        : [{ at, line, evidence: `${name}: Graph's metadata has no namespace ${namespace} (${metadata.index})` }];
    });
  },
  examples: {
    failing: {
      markdown: `# Create widget

## HTTP request

~~~http
POST /identity/apiConnectors
~~~

## Example

<!-- { "blockType": "request", "name": "create_connector" } -->
~~~http
POST https://graph.microsoft.com/v1.0/identity/apiConnectors
Content-Type: application/json

{ "authenticationConfiguration": { "@odata.type": "#Microsoft.Cpim.Api.DataModels.basicAuthentication" } }
~~~
`,
      findings: [
        "line 16 example create_connector: request /authenticationConfiguration/@odata.type: Microsoft.Cpim.Api.DataModels.basicAuthentication: Graph's metadata has no namespace Microsoft.Cpim.Api.DataModels (metadata/type-names.json (v1.0))",
      ],
    },
    passing: {
      markdown: `# Create widget

Namespace: microsoft.graph

## HTTP request

~~~http
POST /identity/apiConnectors
~~~

## Request body

| Property | Type | Description |
|:--|:--|:--|
| displayName | String | A primitive has no namespace. |
| members | Collection(microsoft.graph.user) | A collection of a type of a namespace Graph has. |

## Example

<!-- { "blockType": "request", "name": "create_connector" } -->
~~~http
POST https://graph.microsoft.com/v1.0/identity/apiConnectors
Content-Type: application/json

{ "authenticationConfiguration": { "@odata.type": "#microsoft.graph.basicAuthentication" } }
~~~

<!-- { "blockType": "response", "@odata.type": "string", "isCollection": true } -->
~~~http
HTTP/1.1 200 OK
~~~

<!-- { "blockType": "request", "name": "list_users" } -->
~~~http
GET https://graph.microsoft.com/v1.0/users
~~~

<!-- { "blockType": "response", "@odata.type": "Collection(Microsoft.Graph.user)" } -->
~~~http
HTTP/1.1 200 OK
~~~
`,
    },
  },
};
