import { isJsonObject } from '../../../harness/shared/json-object.ts';
import type { LintRule } from './lint-rule.ts';
import { bodyType, exampleLabel } from './page-parts.ts';
import { pointerLine } from './pointer-line.ts';

export const computedInRequest: LintRule<'computed-in-request'> = {
  id: 'computed-in-request',
  checks: 'a request example sends a property the metadata marks computed (read-only)',
  why: 'the service sets a computed property itself: sending it is refused or ignored, and teaches readers it can be set',
  check(context) {
    const metadata = context.metadata;
    if (!metadata) return [];
    return context.page.examples.flatMap((example) => {
      const request = example.request;
      const type = (example.response?.annotation?.odataType ?? bodyType(request?.body))?.replace(/^#/, '');
      if (!request || request.body.kind !== 'json' || !isJsonObject(request.body.value) || !type) return [];
      const computed = metadata.type(type)?.computed ?? new Set<string>();
      const body = request.body;
      return Object.keys(request.body.value)
        .filter((property) => computed.has(property))
        .map((property) => ({
          at: `${exampleLabel(context, example)}: request /${property}`,
          line: pointerLine(body, `/${property.replace(/~/g, '~0').replace(/\//g, '~1')}`),
          evidence: `${type}.${property} is computed (read-only) in ${metadata.file}; the service sets it`,
        }));
    });
  },
  examples: {
    failing: {
      markdown: `# Create connection

## HTTP request

~~~http
POST /external/connections
~~~

## Example

<!-- { "blockType": "request", "name": "create_connection" } -->
~~~http
POST https://graph.microsoft.com/v1.0/external/connections
Content-Type: application/json

{ "id": "contosohr", "name": "Contoso HR", "state": "draft" }
~~~

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.externalConnectors.externalConnection" } -->
~~~http
HTTP/1.1 201 Created
~~~
`,
      findings: [
        'line 16 example create_connection: request /state: microsoft.graph.externalConnectors.externalConnection.state is computed (read-only) in metadata/v1.0.csdl.xml; the service sets it',
      ],
    },
    passing: {
      markdown: `# Create connection

## HTTP request

~~~http
POST /external/connections
~~~

## Example

<!-- { "blockType": "request", "name": "create_connection" } -->
~~~http
POST https://graph.microsoft.com/v1.0/external/connections
Content-Type: application/json

{ "id": "contosohr", "name": "Contoso HR" }
~~~

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.externalConnectors.externalConnection" } -->
~~~http
HTTP/1.1 201 Created
~~~
`,
    },
  },
};
