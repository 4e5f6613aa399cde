import type { LintRule } from './lint-rule.ts';
import { exampleLabel, headerNamed, parts } from './page-parts.ts';

const SYMBOLIC_BODY = /^\s*<[^<>\n]+>\s*$/;

export const contentLengthMismatch: LintRule<'content-length-mismatch'> = {
  id: 'content-length-mismatch',
  checks: "an example's Content-Length is not the length of its body (with LF or CRLF line breaks)",
  why: 'a client that sends the header as shown has its body cut short or waits for bytes that never come',
  check(context) {
    return context.page.examples.flatMap((example) =>
      parts(example).flatMap(({ part, message }) => {
        const header = headerNamed(message.headers, 'content-length');
        // A body written as what it stands for (`<bytes 0-25 of the file>`) has no length to compare.
        if (!header || (message.body.kind === 'text' && SYMBOLIC_BODY.test(message.body.text))) return [];
        const text = message.body.kind === 'none' ? '' : message.body.text;
        const length = Buffer.byteLength(text);
        // The Intune template's generator counts the body with CRLF line breaks, which the page shows as LF: the same body.
        const withCrlf = length + (text.match(/\n/g)?.length ?? 0);
        return Number(header.value) === length || Number(header.value) === withCrlf
          ? []
          : [
              {
                at: `${exampleLabel(context, example)}: ${part} Content-Length`,
                line: header.line,
                evidence: `Content-Length: ${header.value}; the body is ${length} bytes`,
              },
            ];
      }),
    );
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
POST https://graph.microsoft.com/v1.0/widgets
Content-Type: application/json
Content-Length: 3

{ "name": "Contoso HR" }
~~~
`,
      findings: ['line 15 example create_widget: request Content-Length: Content-Length: 3; the body is 24 bytes'],
    },
    passing: {
      markdown: `# Create widget

## HTTP request

~~~http
POST /widgets
~~~

## Example

<!-- { "blockType": "request", "name": "create_widget" } -->
~~~http
POST https://graph.microsoft.com/v1.0/widgets
Content-Type: application/json
Content-Length: 24

{ "name": "Contoso HR" }
~~~

<!-- { "blockType": "request", "opaqueUrl": true, "name": "upload_fragment" } -->
~~~http
PUT https://contoso.example.net/up/fe69874
Content-Length: 26
Content-Range: bytes 0-25/128

<bytes 0-25 of the file>
~~~

<!-- { "blockType": "request", "name": "counted_with_crlf" } -->
~~~http
POST https://graph.microsoft.com/v1.0/widgets
Content-Type: application/json
Content-Length: 28

{
  "name": "Contoso HR"
}
~~~
`,
    },
  },
};
