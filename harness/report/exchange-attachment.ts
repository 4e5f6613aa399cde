import { writeFile } from 'node:fs/promises';
import type { TestInfo } from '@playwright/test';
import type { Redactor } from '../redaction/redact.ts';
import { pathOf, type Exchange } from '../transport/exchange.ts';

const MAX_INLINE_ATTACHMENT = 64 * 1024;

/** Exchange attachments are numbered in the order they happened: `2. POST /beta/external/connections → 409`. */
const EXCHANGE_NAME = /^\d+\. /;
/** What Microsoft support asks for about one request (Graph's best-practices page, "Reliability and support"). */
const SUPPORT_HEADERS = ['request-id', 'client-request-id', 'date', 'x-ms-ags-diagnostic'];

/** One request and its answer, redacted, as a JSON attachment of the test's report. */
export async function attachExchange(testInfo: TestInfo, redactor: Redactor, exchange: Exchange, role?: string): Promise<void> {
  const { request, response } = exchange;
  const number = testInfo.attachments.filter((attachment) => EXCHANGE_NAME.test(attachment.name)).length + 1;
  const path = redactor.text(pathOf(request));
  const responseHeaders = redactor.headers(response.headers);
  const support = Object.fromEntries(
    SUPPORT_HEADERS.flatMap((header) => (responseHeaders[header] === undefined ? [] : [[header, responseHeaders[header]]])),
  );
  const redacted = {
    // First, so a reviewer copying what support needs finds it without scrolling.
    ...(Object.keys(support).length > 0 ? { support } : {}),
    request: {
      ...request,
      url: redactor.text(request.url),
      headers: redactor.headers(request.headers),
      body: redactor.value(request.body),
    },
    response: { ...response, headers: responseHeaders, body: redactor.value(response.body) },
  };
  const name = `${number}. ${role ? `${role}: ` : ''}${request.method} ${path} → ${response.status}`;
  const json = JSON.stringify(redacted, null, 2);
  // Inline, the HTML report opens it in place; a large one goes by path so index.html stays small.
  // Pushed rather than attach()ed: attach() records a step with a captured stack, which cost more than the rest of a replayed test.
  if (json.length <= MAX_INLINE_ATTACHMENT) {
    testInfo.attachments.push({ name, contentType: 'application/json', body: Buffer.from(json) });
    return;
  }
  const file = testInfo.outputPath(`exchange-${number}.json`);
  await writeFile(file, json);
  testInfo.attachments.push({ name, contentType: 'application/json', path: file });
}
