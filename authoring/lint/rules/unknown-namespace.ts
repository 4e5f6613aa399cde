import type { LintRule } from './lint-rule.ts';
import { typeNames } from './page-parts.ts';

export const unknownNamespace: LintRule<'unknown-namespace'> = {
  id: 'unknown-namespace',
  checks: "a type name's namespace is not in Graph's metadata",
  why: "a namespace Graph does not have (a stub's internal Microsoft.Cpim.Api.DataModels) is a name no request or answer can carry",
  check(context) {
    const metadata = context.metadata;
    if (!metadata) return [];
    return typeNames(context).flatMap(({ name, at, line }) => {
      const namespace = name.slice(0, name.lastIndexOf('.'));
      return metadata.namespaces.has(namespace)
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

## HTTP request

~~~http
POST /identity/apiConnectors
~~~

## Example

<!-- { "blockType": "request", "name": "create_connector" } -->
~~~http
POST https://graph.microsoft.com/v1.0/identity/apiConnectors
Content-Type: application/json

{ "authenticationConfiguration": { "@odata.type": "#microsoft.graph.basicAuthentication" } }
~~~
`,
    },
  },
};
