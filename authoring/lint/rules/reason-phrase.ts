import { STATUS_CODES } from 'node:http';
import type { Hit, LintRule } from './lint-rule.ts';
import { exampleLabel } from './page-parts.ts';

/** A reason phrase that names another status than HTTP's for the code: written in any case and spacing (`No content`, `NoContent`), it is the same one. */
function wrong(code: number, reason: string): boolean {
  const standard = STATUS_CODES[code];
  const squeezed = (text: string) => text.replace(/[\s-]/g, '').toLowerCase();
  return standard !== undefined && reason !== '' && squeezed(reason) !== squeezed(standard);
}

export const reasonPhrase: LintRule<'reason-phrase'> = {
  id: 'reason-phrase',
  checks: "a status's reason phrase is not the one HTTP gives its code",
  why: '"200 Created" says two statuses at once: a reader cannot tell which one the service sends',
  check(context) {
    const fromProse: Hit[] = context.page.documentedStatuses
      .filter(({ code, reason }) => wrong(code, reason))
      .map(({ code, reason, line }) => ({
        at: `response prose: ${code}`,
        line,
        evidence: `"${code} ${reason}": ${code} is ${STATUS_CODES[code] ?? '?'}`,
      }));
    const fromExamples = context.page.examples.flatMap((example): Hit[] => {
      const response = example.response;
      if (!response || !wrong(response.status, response.reason)) return [];
      return [
        {
          at: `${exampleLabel(context, example)}: response status`,
          line: response.line,
          evidence: `"${response.status} ${response.reason}": ${response.status} is ${STATUS_CODES[response.status] ?? '?'}`,
        },
      ];
    });
    return [...fromProse, ...fromExamples];
  },
  examples: {
    failing: {
      markdown: `# Create widget

## HTTP request

~~~http
POST /widgets
~~~

## Response

If successful, this method returns a 201 OK response code.

## Example

<!-- { "blockType": "request", "name": "create_widget" } -->
~~~http
POST https://graph.microsoft.com/v1.0/widgets
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 201 Created
~~~
`,
      findings: ['line 11 response prose: 201: "201 OK": 201 is Created'],
    },
    passing: {
      markdown: `# Create widget

## HTTP request

~~~http
POST /widgets
~~~

## Response

If successful, this method returns a 201 Created response code, or \`204 NoContent\` when it exists.

## Example

<!-- { "blockType": "request", "name": "create_widget" } -->
~~~http
POST https://graph.microsoft.com/v1.0/widgets
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 201 created
~~~

<!-- { "blockType": "request", "name": "update_widget" } -->
~~~http
POST https://graph.microsoft.com/v1.0/widgets
~~~

<!-- { "blockType": "response" } -->
~~~http
HTTP/1.1 204 No-Content
~~~
`,
    },
  },
};
