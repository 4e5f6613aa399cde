import { join } from 'node:path';
import jsonMergePatch from 'json-merge-patch';
import { slug, testName, type FixtureFile, type Interaction } from '../../harness/replay/fixture-file.ts';
import { describedOperation } from './operation.ts';
import { PageError, type Body, type DocPage, type Example, type Header } from '../../harness/page/page-model.ts';
import type { FixtureDeclaration, PageRecord, RequestDeclaration, ResponseDeclaration } from '../../harness/page/page-record.ts';

export interface DerivedFixture {
  /** Relative to the fixtures folder: `create-connection/201-creates-the-connection-in-draft-state.json`. */
  file: string;
  fixture: FixtureFile;
}

/**
 * The documented-example fixtures of a page's spec: the page's examples, with what its record
 * declares the page does not give. The describe title is the line of the page's HTTP request section
 * the first declared request calls (operation.ts), as specs write it.
 */
export function fixturesFromPage(name: string, page: DocPage, record: PageRecord): DerivedFixture[] {
  const operation = describedOperation(
    page,
    record.fixtures.flatMap(({ interactions }) => interactions.map(({ request }) => request)),
  );
  if (!operation)
    throw new PageError(page.file, undefined, 'the page has no HTTP request section, so its tests have no operation to be named by.');
  const describe = `${operation.method} ${operation.path}`;
  return record.fixtures.map((declared) => ({
    file: join(name, `${slug(declared.test)}.json`),
    fixture: {
      test: testName([describe, declared.test]),
      provenance: { source: 'documented-example', page: record.url, note: declared.note },
      values: declared.values,
      interactions: declared.interactions.flatMap(({ request, responses }) => {
        const sent = requestOf(page, declared, request);
        return responses.map((response) => ({ ...sent, ...responseOf(page, declared, response) }));
      }),
    },
  }));
}

type Sent = Pick<Interaction, 'scope' | 'method' | 'path' | 'body'>;
type Answered = Pick<Interaction, 'status' | 'response' | 'rawHeaders'>;

function requestOf(page: DocPage, declared: FixtureDeclaration, request: RequestDeclaration): Sent {
  const example = request.example === undefined ? undefined : exampleNamed(page, declared, request.example);
  const written = example?.request;
  if (request.example !== undefined && !written) {
    throw new PageError(
      page.file,
      undefined,
      `the example "${request.example}" has no request, which test "${declared.test}" declares it sends.`,
    );
  }
  const reference = written ?? firstRequest(page);
  const url = new URL(reference.url);
  const path = request.path ?? written?.path ?? '';
  const query = request.path === undefined && written?.query ? `?${written.query}` : '';
  const version = written?.version ?? reference.version;
  let body = request.body ?? (written ? bodyValue(page, written.body, `the request of "${request.example}"`) : undefined);
  if (request.patch) body = jsonMergePatch.apply(structuredClone(body), request.patch);
  return {
    scope: url.origin,
    method: request.method ?? written?.method ?? 'GET',
    path: `${version ? `/${version}` : ''}${path}${query}`,
    ...(body === undefined ? {} : { body }),
  };
}

function responseOf(page: DocPage, declared: FixtureDeclaration, response: ResponseDeclaration): Answered {
  const example = response.example === undefined ? undefined : exampleNamed(page, declared, response.example);
  const written = example?.response;
  if (response.example !== undefined && !written) {
    throw new PageError(
      page.file,
      undefined,
      `the example "${response.example}" has no response, which test "${declared.test}" declares it is answered with.`,
    );
  }
  let body =
    'body' in response ? response.body : written ? bodyValue(page, written.body, `the response of "${response.example}"`) : undefined;
  if (response.patch) body = jsonMergePatch.apply(structuredClone(body), response.patch);
  return {
    status: response.status ?? written?.status ?? 0,
    response: body ?? '',
    rawHeaders: response.headers ?? headersOf(written?.headers ?? []),
  };
}

function exampleNamed(page: DocPage, declared: FixtureDeclaration, name: string): Example {
  const example = page.examples.find((candidate) => candidate.name === name);
  if (example) return example;
  const names = page.examples.map((candidate) => candidate.name).filter((candidate) => candidate !== undefined);
  throw new PageError(
    page.file,
    undefined,
    `test "${declared.test}" declares the example "${name}", which the page does not have (its examples: ${names.join(', ') || 'none'}).`,
  );
}

function firstRequest(page: DocPage) {
  const written = page.examples.find((example) => example.request)?.request;
  if (!written)
    throw new PageError(
      page.file,
      undefined,
      "a declared request needs the page's host and version, and the page has no example request to take them from.",
    );
  return written;
}

function bodyValue(page: DocPage, body: Body, what: string): unknown {
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'json':
      return structuredClone(body.value);
    case 'text':
      return body.text;
    case 'invalid-json':
      throw new PageError(
        page.file,
        body.line,
        `${what} is not valid JSON (${body.error}); fix the page, or declare the body in its record.`,
      );
  }
}

/** The headers nock answers with: names in lower case, as recordings store them; the page's Content-length is the stub's, not the body's. */
function headersOf(headers: readonly Header[]): Record<string, string> {
  return Object.fromEntries(
    headers.filter(({ name }) => name.toLowerCase() !== 'content-length').map(({ name, value }) => [name.toLowerCase(), value]),
  );
}
