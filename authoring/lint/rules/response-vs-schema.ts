import type { LintRule } from './lint-rule.ts';
import { exampleLabel } from './page-parts.ts';
import { pointerLine } from './pointer-line.ts';

export const responseVsSchema: LintRule<'response-vs-schema'> = {
  id: 'response-vs-schema',
  checks: 'a response example does not match the schema of its type',
  why: 'the example and the contract the suite holds the service to disagree: one of them is wrong',
  check(context) {
    return context.page.examples.flatMap((example) => {
      const response = example.response;
      const type = response?.annotation?.odataType?.replace(/^#/, '');
      if (!response || !type || response.body.kind !== 'json') return [];
      const schema = context.schemas.schemaFor(type);
      if (!schema) return [];
      // A truncated example leaves properties out on purpose: only what it shows is judged.
      const violations = schema
        .violations(response.body.value)
        .filter(({ keyword }) => !(response.annotation?.truncated && keyword === 'required'));
      const body = response.body;
      return violations.map(({ path, expected, actual }) => ({
        at: `${exampleLabel(context, example)}: response ${path}`,
        line: pointerLine(body, path),
        evidence: `${path} is ${actual}; schemas/${schema.name}.json expects ${expected}`,
      }));
    });
  },
  examples: {
    failing: {
      version: 'beta',
      markdown: `# Get connector

## HTTP request

~~~http
GET /connectors/{id}
~~~

## Response

If successful, this method returns a 200 OK response code.

## Example

<!-- { "blockType": "request", "name": "get_connector" } -->
~~~http
GET https://graph.microsoft.com/beta/connectors/1
~~~

<!-- { "blockType": "response", "@odata.type": "microsoft.graph.connector" } -->
~~~http
HTTP/1.1 200 OK
Content-Type: application/json

{ "id": "1", "machineName": "m", "externalIp": "203.0.113.1", "status": "paused" }
~~~
`,
      findings: [
        'line 25 example get_connector: response /status: /status is "paused"; schemas/connector.json expects one of "active", "inactive"',
      ],
    },
    passing: {
      version: 'beta',
      markdown: `# Get connector

## HTTP request

~~~http
GET /connectors/{id}
~~~

## Response

If successful, this method returns a 200 OK response code.

## Example

<!-- { "blockType": "request", "name": "get_connector" } -->
~~~http
GET https://graph.microsoft.com/beta/connectors/1
~~~

<!-- { "blockType": "response", "truncated": true, "@odata.type": "microsoft.graph.connector" } -->
~~~http
HTTP/1.1 200 OK
Content-Type: application/json

{ "id": "1", "status": "active" }
~~~
`,
    },
  },
};
