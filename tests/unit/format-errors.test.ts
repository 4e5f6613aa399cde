import { expect, test } from '@playwright/test';
import { createAjv } from '../../harness/schema/ajv.ts';
import { describeErrors, formatViolations } from '../../harness/schema/format-errors.ts';

const schema = {
  type: 'object',
  required: ['id', 'state'],
  properties: {
    id: { type: 'string', pattern: '^[a-z]+$' },
    state: { enum: ['draft', 'ready'] },
    count: { type: 'integer' },
    kind: { const: 'connection' },
    nested: { type: 'object', properties: { when: { type: 'string', format: 'date-time' } }, additionalProperties: false },
  },
};

function violations(data: unknown) {
  const validate = createAjv().compile(schema);
  validate(data);
  return { errors: validate.errors ?? [], violations: describeErrors(validate.errors ?? [], data) };
}

test('each ajv error becomes one violation with path, expected and actual', () => {
  const { errors, violations: list } = violations({ id: 'A1', count: 1.5, kind: 'other', nested: { when: 'yesterday', extra: 1 } });
  expect(list).toHaveLength(errors.length);
  expect(list).toEqual(
    expect.arrayContaining([
      { path: '/state', expected: 'a value (the property is required)', actual: '(missing)' },
      { path: '/id', expected: 'a string matching /^[a-z]+$/', actual: '"A1"' },
      { path: '/count', expected: 'type integer', actual: 'number 1.5' },
      { path: '/kind', expected: '"connection"', actual: '"other"' },
      { path: '/nested/when', expected: 'a string in date-time format', actual: '"yesterday"' },
      { path: '/nested/extra', expected: 'no such property (the schema does not allow it)', actual: '1' },
    ]),
  );
});

test('an enum violation lists the allowed values', () => {
  expect(violations({ id: 'a', state: 'String' }).violations).toEqual([
    { path: '/state', expected: 'one of "draft", "ready"', actual: '"String"' },
  ]);
});

test('the root is named, and long values are shortened', () => {
  const [violation] = violations('x'.repeat(300)).violations;
  expect(violation?.path).toBe('(root)');
  expect(violation?.actual.length).toBeLessThanOrEqual(140);
});

test('the formatted list reads as path, expected, actual', () => {
  expect(formatViolations([{ path: '/state', expected: 'one of "draft"', actual: '"String"' }])).toBe(
    '  at /state\n    expected: one of "draft"\n    actual:   "String"',
  );
});
