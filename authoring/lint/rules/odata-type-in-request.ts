import { isJsonObject } from '../../../harness/shared/json-object.ts';
import type { LintRule } from './lint-rule.ts';
import { exampleLabel } from './page-parts.ts';
import { pointerLine } from './pointer-line.ts';

/** Base types a request's own type derives from without the request choosing among kinds. */
const ENTITY_ROOTS = new Set(['microsoft.graph.entity', 'microsoft.graph.directoryObject']);

export const odataTypeInRequest: LintRule<'odata-type-in-request'> = {
  id: 'odata-type-in-request',
  checks:
    'a request example sends a top-level @odata.type it does not need: a type Graph lacks, or one that derives from no base but the entity',
  why: "readers copy it into every call, and a stub's type name that never shipped makes the request fail",
  check(context) {
    const metadata = context.metadata;
    if (!metadata) return [];
    return context.page.examples.flatMap((example) => {
      const body = example.request?.body;
      if (body?.kind !== 'json' || !isJsonObject(body.value) || typeof body.value['@odata.type'] !== 'string') return [];
      // A derived type is how a request says which kind it creates (a fileAttachment among a message's attachments,
      // an Intune policy among deviceConfigurations): there the @odata.type is needed. Only a type whose base the
      // metadata slice knows to be the entity root is certainly not; a name Graph does not have at all never ships.
      const name = metadata.resolve(body.value['@odata.type'].replace(/^#/, ''));
      if (name !== undefined && !ENTITY_ROOTS.has(metadata.type(name)?.baseType ?? '')) return [];
      return [
        {
          at: `${exampleLabel(context, example)}: request /@odata.type`,
          line: pointerLine(body, '/@odata.type'),
          evidence: `the request sends "@odata.type": ${JSON.stringify(body.value['@odata.type'])}`,
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
POST https://graph.microsoft.com/v1.0/widgets
Content-Type: application/json

{ "@odata.type": "#microsoft.graph.widget", "name": "Contoso HR" }
~~~
`,
      findings: ['line 16 example create_widget: request /@odata.type: the request sends "@odata.type": "#microsoft.graph.widget"'],
    },
    passing: {
      markdown: `# Create widget

## HTTP request

~~~http
POST /widgets
POST /me/messages/{id}/attachments
~~~

## Example

<!-- { "blockType": "request", "name": "create_widget" } -->
~~~http
POST https://graph.microsoft.com/v1.0/widgets
Content-Type: application/json

{ "name": "Contoso HR", "authentication": { "@odata.type": "#microsoft.graph.basicAuthentication", "username": "u" } }
~~~

<!-- { "blockType": "request", "name": "add_file_attachment" } -->
~~~http
POST https://graph.microsoft.com/v1.0/me/messages/AAMk/attachments
Content-Type: application/json

{ "@odata.type": "#microsoft.graph.fileAttachment", "name": "notes.txt", "contentBytes": "SGVsbG8=" }
~~~
`,
    },
  },
};
