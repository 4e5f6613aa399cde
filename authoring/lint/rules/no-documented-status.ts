import type { LintRule } from './lint-rule.ts';
import { successStatuses } from './page-parts.ts';

export const noDocumentedStatus: LintRule<'no-documented-status'> = {
  id: 'no-documented-status',
  checks: 'the Response section names no success status, so no example can be checked against it',
  why: 'the status is the first thing a caller branches on; a page that never says it leaves each reader to guess',
  check(context) {
    const { page } = context;
    if (successStatuses(page).length > 0 || !page.examples.some((example) => example.response)) return [];
    return [
      {
        at: 'response prose',
        // Without a Response section, the first example answer is where a reader meets the missing status.
        line: page.responseSection ?? page.examples.find((example) => example.response)?.response?.line,
        evidence: `${page.responseSection === undefined ? 'the page has no Response section to name a success status' : 'the Response section names no success status'} (pages say it as "returns a \`201 Created\` response code"), so the examples' statuses cannot be checked against it`,
      },
    ];
  },
  examples: {
    failing: {
      markdown: `# Delete widget

## HTTP request

~~~http
DELETE /widgets/{id}
~~~

## Response

If successful, this method returns nothing.

## Example

<!-- { "blockType": "request", "name": "delete_widget" } -->
~~~http
DELETE https://graph.microsoft.com/v1.0/widgets/w1
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 204 No Content
~~~
`,
      findings: [
        'line 9 response prose: the Response section names no success status (pages say it as "returns a `201 Created` response code"), so the examples\' statuses cannot be checked against it',
      ],
    },
    passing: {
      markdown: `# Delete widget

## HTTP request

~~~http
DELETE /widgets/{id}
~~~

## Response

If successful, this method returns a 204 No Content response code.

## Example

<!-- { "blockType": "request", "name": "delete_widget" } -->
~~~http
DELETE https://graph.microsoft.com/v1.0/widgets/w1
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 204 No Content
~~~
`,
    },
  },
};
