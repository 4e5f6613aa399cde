import type { LintRule } from './lint-rule.ts';

export const unreadableExample: LintRule<'unreadable-example'> = {
  id: 'unreadable-example',
  checks: 'an example the page annotates as a request or response cannot be read (its comment or its code block)',
  why: 'the example documents nothing a reader or a tool can check: its request or its answer is lost',
  check(context) {
    // The parser skips what it cannot read with a warning; only a lost example is the page's meaning.
    return context.page.warnings.flatMap(({ line, message, lostExample }) =>
      lostExample ? [{ at: `example ${lostExample.name ?? '(unnamed)'}: ${lostExample.part} annotation`, line, evidence: message }] : [],
    );
  },
  examples: {
    failing: {
      markdown: `# Reply to a message

## HTTP request

~~~http
POST /teams/{team-id}/channels/{channel-id}/messages/{message-id}/replies
~~~

## Example

<!-- { "blockType": "request", "name": "post_reply" } -->
~~~http
POST https://graph.microsoft.com/v1.0/teams/1/channels/2/messages/3/replies
~~~

<!-- { "blockType": "response", "truncated": true } -->
~~~http
POST https://graph.microsoft.com/v1.0/teams/1/channels/2/messages/3/replies
~~~

<!-- {
  "blockType": "request"
  "name": "post_reply_json"
} -->
~~~json
{ "body": { "content": "Noted." } }
~~~
`,
      findings: [
        'line 18 example post_reply: response annotation: the response annotation at line 16 is followed by a code block that is no response: its first line is no status line (like `HTTP/1.1 201 Created`): `POST https://graph.microsoft.com/v1.0/teams/1/channels/2/messages/3/replies`; the example is lost',
        'line 21 example post_reply_json: request annotation: the request annotation cannot be read (unexpected " at line 3 of the comment, column 3), and the code block after it is no request either (its first line is no request (`METHOD URL`, like `POST https://graph.microsoft.com/v1.0/users`): `{ "body": { "content": "Noted." } }`): the example is lost',
      ],
    },
    passing: {
      markdown: `# Reply to a message

## HTTP request

~~~http
POST /teams/{team-id}/channels/{channel-id}/messages/{message-id}/replies
~~~

## Example

<!-- { "blockType": "request", "name": "post_reply", } -->
~~~http
POST https://graph.microsoft.com/v1.0/teams/1/channels/2/messages/3/replies
~~~

<!-- {
  "blockType": "response"
  "truncated": true
} -->
~~~http
HTTP/1.1 201 Created
~~~

<!-- {
  "type": "#page.annotation",
  "description": "Reply to a message
    in a channel",
  "suppressions": [
    "Warning: a string that runs on
      across lines",
  ],
}
-->
`,
    },
  },
};
