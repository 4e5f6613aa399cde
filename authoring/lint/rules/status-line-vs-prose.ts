import type { LintRule } from './lint-rule.ts';
import { exampleLabel, successStatuses } from './page-parts.ts';

export const statusLineVsProse: LintRule<'status-line-vs-prose'> = {
  id: 'status-line-vs-prose',
  checks: "an example's status line is not the status the prose documents",
  why: 'a reader copies the example: an integration built on it handles the wrong status',
  check(context) {
    const documented = successStatuses(context.page);
    if (documented.length === 0) return [];
    const said = documented.map(({ code, reason, line }) => `${code} ${reason} (line ${line})`).join(' or ');
    return context.page.examples.flatMap((example) => {
      const response = example.response;
      // A request to a URL the service handed out (a download URL's 206) is answered by that URL, not by the operation.
      if (
        !response ||
        example.request?.opaqueUrl ||
        response.annotation?.expectError ||
        response.status >= 400 ||
        documented.some(({ code }) => code === response.status)
      )
        return [];
      return [
        {
          at: `${exampleLabel(context, example)}: response status`,
          line: response.line,
          evidence: `the prose says ${said}; the example answers ${response.status} ${response.reason}`,
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

## Response

If successful, this method returns a 201 Created response code and a widget object in the response body.

## Example

<!-- { "blockType": "request", "name": "create_widget" } -->
~~~http
POST https://graph.microsoft.com/v1.0/widgets
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 200 OK
~~~
`,
      findings: ['line 22 example create_widget: response status: the prose says 201 Created (line 11); the example answers 200 OK'],
    },
    passing: {
      markdown: `# Upsert widget

## HTTP request

~~~http
PATCH /widgets(uniqueName='{uniqueName}')
~~~

## Response

If the widget does not exist, this method returns 201 Created; if it exists, it returns a 204 No Content response code.

## Example

<!-- { "blockType": "request", "name": "upsert_widget" } -->
~~~http
PATCH https://graph.microsoft.com/v1.0/widgets(uniqueName='w1')
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 204 No Content
~~~

<!-- { "blockType": "request", "name": "upsert_widget_refused" } -->
~~~http
PATCH https://graph.microsoft.com/v1.0/widgets(uniqueName='w2')
~~~

<!-- { "blockType": "response", "expectError": true } -->
~~~http
HTTP/1.1 400 Bad Request
~~~

<!-- { "blockType": "request", "opaqueUrl": true, "name": "download_widget_part" } -->
~~~http
GET https://contoso-my.files.example.net/dl/7Tq2
Range: bytes=0-1023
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 206 Partial Content
~~~
`,
    },
  },
};
