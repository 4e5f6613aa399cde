import type { LintRule } from './lint-rule.ts';
import { exampleLabel } from './page-parts.ts';

export const exampleVersionVsPage: LintRule<'example-version-vs-page'> = {
  id: 'example-version-vs-page',
  checks: "an example request's URL names another Graph version than the page documents",
  why: 'a v1.0 reader who copies a beta example builds on an API without support guarantees',
  check(context) {
    return context.page.examples.flatMap((example) => {
      const request = example.request;
      // A URL that names no version (`GET /me/drive/root`, a download URL) contradicts no version.
      if (!request || !context.version || request.version === undefined || request.version === context.version) return [];
      return [
        {
          at: `${exampleLabel(context, example)}: request version`,
          line: request.line,
          evidence: `the example calls ${request.version} (${request.url}); the page documents ${context.version}`,
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
POST https://graph.microsoft.com/beta/widgets
~~~
`,
      findings: [
        'line 13 example create_widget: request version: the example calls beta (https://graph.microsoft.com/beta/widgets); the page documents v1.0',
      ],
    },
    passing: {
      markdown: `# Download widget

## HTTP request

~~~http
GET /me/drive/items/{item-id}/content
~~~

## Example

<!-- { "blockType": "request", "name": "download_widget" } -->
~~~http
GET https://graph.microsoft.com/v1.0/me/drive/items/01AB/content
~~~

<!-- { "blockType": "request", "name": "no_version" } -->
~~~http
GET /me/drive/items/01AB/content
~~~

<!-- { "blockType": "request", "opaqueUrl": true, "name": "download_url" } -->
~~~http
GET https://contoso-my.files.example.net/dl/7Tq2
~~~
`,
    },
  },
};
