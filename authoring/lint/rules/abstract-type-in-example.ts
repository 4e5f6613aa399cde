import type { LintRule } from './lint-rule.ts';
import { typeNames } from './page-parts.ts';

export const abstractTypeInExample: LintRule<'abstract-type-in-example'> = {
  id: 'abstract-type-in-example',
  checks: 'an example names an abstract type, which no body can be',
  why: 'the service refuses an abstract type in a body: the example must name the concrete type a reader sends',
  check(context) {
    const metadata = context.metadata;
    if (!metadata) return [];
    return typeNames(context).flatMap(({ name, at, line }) =>
      at.startsWith('example') && !at.endsWith('annotation') && metadata.type(name)?.abstract
        ? [{ at, line, evidence: `${name} is abstract in ${metadata.file}: a body names a concrete type derived from it` }]
        : [],
    );
  },
  examples: {
    failing: {
      markdown: `# Create identityApiConnector

## HTTP request

~~~http
POST /identity/apiConnectors
~~~

## Example

<!-- { "blockType": "request", "name": "create_connector" } -->
~~~http
POST https://graph.microsoft.com/v1.0/identity/apiConnectors
Content-Type: application/json

{ "authenticationConfiguration": { "@odata.type": "#microsoft.graph.apiAuthenticationConfigurationBase" } }
~~~
`,
      findings: [
        'line 16 example create_connector: request /authenticationConfiguration/@odata.type: microsoft.graph.apiAuthenticationConfigurationBase is abstract in metadata/v1.0.csdl.xml: a body names a concrete type derived from it',
      ],
    },
    passing: {
      markdown: `# Create identityApiConnector

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
