import type { LintRule } from './lint-rule.ts';
import { eachBody, exampleLabel, odataTypes } from './page-parts.ts';

export const odataTypeForm: LintRule<'odata-type-form'> = {
  id: 'odata-type-form',
  checks: 'an @odata.type value in a body lacks its leading "#"',
  why: 'OData JSON writes a type as "#namespace.name"; a reader who copies the bare name sends what the service may not read as a type',
  check(context) {
    return eachBody(context.page, (example, part, value, lineOf) =>
      odataTypes(value).flatMap(({ pointer, type }) =>
        type.startsWith('#')
          ? []
          : [
              {
                at: `${exampleLabel(context, example)}: ${part} ${pointer}`,
                line: lineOf(pointer),
                evidence: `${pointer} is ${JSON.stringify(type)}; OData JSON writes "#${type}"`,
              },
            ],
      ),
    );
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

{ "name": "Contoso HR", "authentication": { "@odata.type": "microsoft.graph.basicAuthentication", "username": "u" } }
~~~
`,
      findings: [
        'line 16 example create_widget: request /authentication/@odata.type: /authentication/@odata.type is "microsoft.graph.basicAuthentication"; OData JSON writes "#microsoft.graph.basicAuthentication"',
      ],
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
