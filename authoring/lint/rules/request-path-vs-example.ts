import { sameOperation } from './graph-path.ts';
import type { LintRule } from './lint-rule.ts';
import { exampleLabel } from './page-parts.ts';

export const requestPathVsExample: LintRule<'request-path-vs-example'> = {
  id: 'request-path-vs-example',
  checks: "an example request's method and path are none of the HTTP request section's, compared as Graph reads paths",
  why: 'the example then documents another operation than the page, and a reader cannot tell which one is real',
  check(context) {
    const documented = context.page.httpRequests;
    if (documented.length === 0) return [];
    return context.page.examples.flatMap((example) => {
      const request = example.request;
      // A request to a URL the service handed out (an upload or download URL) calls no documented path.
      if (!request || request.opaqueUrl) return [];
      const matches = documented.some(
        ({ method, path }) => method.toUpperCase() === request.method.toUpperCase() && sameOperation(path, request.path),
      );
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
GET /users/{id | userPrincipalName}/joinedTeams
POST /users/{id}/checkMemberGroups
GET /me/messages/{id}/attachments/{id}
GET /drives/{drive-id}/items/{item-id}/getActivitiesByInterval(startDateTime={startDateTime},endDateTime={endDateTime})
GET /me/drive/items/{id}/workbook/worksheets/{id|name}/range
GET /workbook/names/{name}/range/format
GET policies/claimsMappingPolicies
GET /drives/{drive-id}/items/{item-id}/content
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

<!-- { "blockType": "request", "name": "case" } -->
~~~http
GET https://graph.microsoft.com/v1.0/users/6f2c8a1e/joinedteams
~~~

<!-- { "blockType": "request", "name": "me_alias" } -->
~~~http
POST https://graph.microsoft.com/v1.0/me/checkMemberGroups
~~~

<!-- { "blockType": "request", "name": "keys_in_parentheses" } -->
~~~http
GET https://graph.microsoft.com/v1.0/me/messages('AAMkADA1M-zAAA=')/attachments('AAMkADA1M-CJKtzmnlcqVgqI=')/?$expand=microsoft.graph.itemattachment/item
~~~

<!-- { "blockType": "request", "name": "function_arguments" } -->
~~~http
GET https://graph.microsoft.com/v1.0/drives/b!x/items/01AB/getactivitiesbyinterval(startDateTime='2024-03-01',endDateTime='2024-03-31')
~~~

<!-- { "blockType": "request", "name": "optional_argument_and_item_path" } -->
~~~http
GET https://graph.microsoft.com/v1.0/me/drive/root:/Budgets/2024.xlsx:/workbook/worksheets/Summary/range(address='A1:B2')
~~~

<!-- { "blockType": "request", "name": "workbook_relative" } -->
~~~http
GET https://graph.microsoft.com/v1.0/me/drive/items/01AB/workbook/names/Totals/range/format
~~~

<!-- { "blockType": "request", "name": "leading_slash_and_trailing_slash" } -->
~~~http
GET https://graph.microsoft.com/v1.0/policies/claimsMappingPolicies/
~~~

<!-- { "blockType": "request", "name": "root_for_an_item" } -->
~~~http
GET /me/drive/root/content
~~~

<!-- { "blockType": "request", "opaqueUrl": true, "name": "download_url" } -->
~~~http
GET https://contoso-my.files.example.net/dl/7Tq2
~~~
`,
    },
  },
};
