import { test, type ExpectMatcherState } from '@playwright/test';
import { describeErrors, formatViolations, type SchemaViolation } from './format-errors.ts';
import { schemaValidator, undocumentedValidator } from './registry.ts';
import { noteUndocumented, undocumentedProperties } from './undocumented.ts';

/**
 * `expect(body).toMatchSchema('externalConnection')`: validates against `schemas/<name>.json`, and
 * notes the properties the schema declares nowhere as the test's `undocumented` annotation, pass
 * or fail: Graph adds properties without a new version, so they are news, not a broken contract.
 */
export const schemaMatchers = {
  toMatchSchema(this: ExpectMatcherState, received: unknown, name: string) {
    const validate = schemaValidator(name);
    const pass = validate(received);
    const collect = undocumentedValidator(name);
    if (collect) noteUndocumented(name, undocumentedProperties(collect, received));
    const violations = pass ? [] : describeErrors(validate.errors ?? [], received);
    const header = this.utils.matcherHint('toMatchSchema', 'received', JSON.stringify(name), { isNot: this.isNot });
    if (violations.length > 0) attachToReport(`schema errors: ${name}`, violations);
    return {
      name: 'toMatchSchema',
      pass,
      expected: name,
      actual: received,
      message: () =>
        pass
          ? `${header}\n\nThe value matches schema ${JSON.stringify(name)}, which it was expected not to.`
          : `${header}\n\n${violations.length} schema error${violations.length === 1 ? '' : 's'} against ${JSON.stringify(name)}:\n${formatViolations(violations)}`,
    };
  },
};

/** Schema errors as a report attachment, beside the failure's message. */
export function attachToReport(title: string, violations: readonly SchemaViolation[]): void {
  // Outside a running test (a unit test of the matcher, say) there is no report to attach to.
  try {
    test.info().attachments.push({ name: title, contentType: 'text/plain', body: Buffer.from(`${formatViolations(violations)}\n`) });
  } catch {
    /* no test in progress */
  }
}
