import type { LintRule } from './lint-rule.ts';
import { exampleLabel, pathMatches } from './page-parts.ts';

export const requestPathVsExample: LintRule<'request-path-vs-example'> = {
  id: 'request-path-vs-example',
  checks: "an example request's method and path are not the HTTP request section's",
  why: 'the example then documents another operation than the page, and a reader cannot tell which one is real',
  check(context) {
    const documented = context.page.httpRequests;
    if (documented.length === 0) return [];
    return context.page.examples.flatMap((example) => {
      const request = example.request;
      if (!request) return [];
      const matches = documented.some(({ method, path }) => method === request.method && pathMatches(path, request.path));
      return matches
        ? []
        : [
            {
              at: `${exampleLabel(context, example)}: request line`,
              line: request.line,
              evidence: `the example sends ${request.method} ${request.path}; the HTTP request section documents ${documented.map(({ method, path }) => `${method} ${path}`).join(', ')}`,
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
POST https://graph.microsoft.com/v1.0/gadgets
~~~
`,
      findings: [
        'line 13 example create_widget: request line: the example sends POST /gadgets; the HTTP request section documents POST /widgets',
      ],
    },
    passing: {
      markdown: `# Upload file

## HTTP request

~~~http
PATCH /applications(uniqueName='{uniqueName}')
PUT /drives/{drive-id}/root:/{path}:/content
~~~

## Example

<!-- { "blockType": "request", "name": "upsert" } -->
~~~http
PATCH https://graph.microsoft.com/v1.0/applications(uniqueName='app-65278')
~~~

<!-- { "blockType": "request", "name": "upload" } -->
~~~http
PUT https://graph.microsoft.com/v1.0/drives/b!x/root:/folder/file.txt:/content
~~~
`,
    },
  },
};
