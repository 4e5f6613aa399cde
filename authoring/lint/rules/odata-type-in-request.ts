import { isJsonObject } from '../../../harness/shared/json-object.ts';
import type { LintRule } from './lint-rule.ts';
import { exampleLabel } from './page-parts.ts';

export const odataTypeInRequest: LintRule<'odata-type-in-request'> = {
  id: 'odata-type-in-request',
  checks: "a request example sends the entity's own @odata.type, which a create does not need",
  why: "readers copy it into every call, and a stub's type name that never shipped makes the request fail",
  check(context) {
    return context.page.examples.flatMap((example) => {
      const body = example.request?.body;
      if (body?.kind !== 'json' || !isJsonObject(body.value) || typeof body.value['@odata.type'] !== 'string') return [];
      return [
        {
          at: `${exampleLabel(context, example)}: request /@odata.type`,
          line: body.line,
          evidence: `the request sends "@odata.type": ${JSON.stringify(body.value['@odata.type'])}`,
        },
      ];
    });
  },
  examples: {
    failing: {
      markdown: `# Create widget

## HTTP request

~~~http
POST /widgets
~~~

## Example

<!-- { "blockType": "request", "name": "create_widget" } -->
~~~http
POST https://graph.microsoft.com/v1.0/widgets
Content-Type: application/json

{ "@odata.type": "#microsoft.graph.widget", "name": "Contoso HR" }
~~~
`,
      findings: ['line 16 example create_widget: request /@odata.type: the request sends "@odata.type": "#microsoft.graph.widget"'],
    },
    passing: {
      markdown: `# Create widget

## HTTP request

~~~http
POST /widgets
~~~

## Example

<!-- { "blockType": "request", "name": "create_widget" } -->
~~~http
POST https://graph.microsoft.com/v1.0/widgets
Content-Type: application/json

{ "name": "Contoso HR", "authentication": { "@odata.type": "#microsoft.graph.basicAuthentication", "username": "u" } }
~~~
`,
    },
  },
};
