import type { LintRule } from './lint-rule.ts';
import { bodyLine, exampleLabel, headerNamed } from './page-parts.ts';

export const bodyUnder204: LintRule<'body-under-204'> = {
  id: 'body-under-204',
  checks: 'a 204 or 304 example carries a body, which HTTP forbids',
  why: 'a client that reads the body a 204 example shows reads nothing: HTTP ends a 204 at its headers (RFC 9110 §15.3.5)',
  check(context) {
    return context.page.examples.flatMap((example) => {
      const response = example.response;
      if (!response || (response.status !== 204 && response.status !== 304) || response.body.kind === 'none') return [];
      const type = headerNamed(response.headers, 'content-type');
      return [
        {
          at: `${exampleLabel(context, example)}: response body`,
          line: bodyLine(response.body) ?? response.line,
          evidence: `${response.status} ${response.reason} with a ${response.body.kind === 'json' ? 'JSON ' : ''}body${type ? ` and Content-Type ${type.value}` : ''} (RFC 9110 §15.3.5: a 204 has no content)`,
        },
      ];
    });
  },
  examples: {
    failing: {
      markdown: `# Add member

## HTTP request

~~~http
POST /groups/{id}/members/$ref
~~~

## Response

If successful, this method returns a 204 No Content response code.

## Example

<!-- { "blockType": "request", "name": "add_member" } -->
~~~http
POST https://graph.microsoft.com/v1.0/groups/g1/members/$ref
Content-Type: application/json

{ "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/u1" }
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 204 No Content
Content-Type: application/json

{ "id": "u1" }
~~~
`,
      findings: [
        'line 28 example add_member: response body: 204 No Content with a JSON body and Content-Type application/json (RFC 9110 §15.3.5: a 204 has no content)',
      ],
    },
    passing: {
      markdown: `# Add member

## HTTP request

~~~http
POST /groups/{id}/members/$ref
~~~

## Response

If successful, this method returns a 204 No Content response code.

## Example

<!-- { "blockType": "request", "name": "add_member" } -->
~~~http
POST https://graph.microsoft.com/v1.0/groups/g1/members/$ref
Content-Type: application/json

{ "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/u1" }
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 204 No Content
~~~
`,
    },
  },
};
