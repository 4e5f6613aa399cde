import { isPlaceholderValue } from '../../placeholder.ts';
import type { LintRule } from './lint-rule.ts';
import { eachBody, exampleLabel, leaves } from './page-parts.ts';

/**
 * A property whose value is a type's name says it on purpose: an `@odata.type` (`"tags@odata.type":
 * "String"` types an open property) or a property about a type (`"dataType": "String"`).
 */
function namesAType(pointer: string, leaf: unknown): boolean {
  const key = pointer.slice(pointer.lastIndexOf('/') + 1);
  return key.endsWith('@odata.type') || (/type$/i.test(key) && typeof leaf === 'string' && !leaf.endsWith('-value'));
}

export const placeholderValue: LintRule<'placeholder-value'> = {
  id: 'placeholder-value',
  checks: 'an example holds a placeholder ("String", "guid", "status-value") where a value belongs',
  why: 'a request sent as shown is refused, and a reader cannot tell an enum\'s values from "String"',
  check(context) {
    return eachBody(context.page, (example, part, value, lineOf) =>
      leaves(value).flatMap(({ pointer, leaf }) =>
        isPlaceholderValue(leaf) && !namesAType(pointer, leaf)
          ? [
              {
                at: `${exampleLabel(context, example)}: ${part} ${pointer}`,
                line: lineOf(pointer),
                evidence: `${pointer} is ${JSON.stringify(leaf)}`,
              },
            ]
          : [],
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

## Response

If successful, this method returns a 201 Created response code.

## Example

<!-- { "blockType": "request", "name": "create_widget" } -->
~~~http
POST https://graph.microsoft.com/v1.0/widgets
Content-Type: application/json

{ "name": "String", "status": "status-value" }
~~~
`,
      findings: [
        'line 20 example create_widget: request /name: /name is "String"',
        'line 20 example create_widget: request /status: /status is "status-value"',
      ],
    },
    passing: {
      markdown: `# Create widget

## HTTP request

~~~http
POST /widgets
~~~

## Response

If successful, this method returns a 201 Created response code.

## Example

<!-- { "blockType": "request", "name": "create_widget" } -->
~~~http
POST https://graph.microsoft.com/v1.0/widgets
Content-Type: application/json

{ "name": "Contoso HR", "status": "active", "@odata.type": "#microsoft.graph.widget", "description": "A String of words" }
~~~

<!-- { "blockType": "request", "name": "create_extension_and_item" } -->
~~~http
POST https://graph.microsoft.com/v1.0/widgets
Content-Type: application/json

{ "name": "jobGroup", "dataType": "String", "properties": { "tags@odata.type": "Collection(String)", "title@odata.type": "String", "title": "Q3" } }
~~~
`,
    },
  },
};
