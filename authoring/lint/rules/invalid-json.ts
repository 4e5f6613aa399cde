import type { LintRule } from './lint-rule.ts';
import { exampleLabel, parts } from './page-parts.ts';

export const invalidJson: LintRule<'invalid-json'> = {
  id: 'invalid-json',
  checks: "an example's body is not valid JSON",
  why: 'a reader who pastes it gets a parse error instead of the example, and no tool can check it',
  check(context) {
    return context.page.examples.flatMap((example) =>
      parts(example).flatMap(({ part, message }) =>
        message.body.kind === 'invalid-json'
          ? [{ at: `${exampleLabel(context, example)}: ${part} body`, line: message.body.errorLine, evidence: message.body.error }]
          : [],
      ),
    );
  },
  examples: {
    failing: {
      markdown: `# Get widget

## HTTP request

~~~http
GET /widgets/{id}
~~~

## Response

If successful, this method returns a 200 OK response code.

## Example

<!-- { "blockType": "request", "name": "get_widget" } -->
~~~http
GET https://graph.microsoft.com/v1.0/widgets/w1
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 200 OK
Content-Type: application/json

{
  "id": "w1",
}
~~~
`,
      findings: [
        'line 27 example get_widget: response body: Expected double-quoted property name in JSON at position 16 (line 3 column 1)',
      ],
    },
    passing: {
      markdown: `# Get widget

## HTTP request

~~~http
GET /widgets/{id}
~~~

## Response

If successful, this method returns a 200 OK response code.

## Example

<!-- { "blockType": "request", "name": "get_widget" } -->
~~~http
GET https://graph.microsoft.com/v1.0/widgets/w1
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 200 OK
Content-Type: application/json

{
  "id": "w1"
}
~~~
`,
    },
  },
};
