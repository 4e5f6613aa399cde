import { expect, test } from '@playwright/test';
import { createdAt, findSuiteId, generateUniqueId } from '../../harness/shared/unique-id.ts';

test('suite ids satisfy the strictest Graph id rule and carry their creation time', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  const id = generateUniqueId(now);
  expect(id).toMatch(/^gcs[0-9a-z]{13}$/);
  expect(createdAt(id)?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
  expect(generateUniqueId(now)).not.toBe(id);
});

test("ids that are not the suite's have no creation time", () => {
  expect(createdAt('contosohr')).toBeUndefined();
  expect(createdAt('gcsUPPERCASE12345')).toBeUndefined();
});

test('a display name carrying a suite id gives it back, so the sweep can find what the service named', () => {
  const id = generateUniqueId(Date.parse('2026-11-23T10:00:00Z'));
  expect(findSuiteId(`Contoso sign-up validation ${id}`)).toBe(id);
  expect(findSuiteId(`${id}: leftover`)).toBe(id);
  expect(findSuiteId('Contoso sign-up validation')).toBeUndefined();
  // Part of a longer word is not a suite id.
  expect(findSuiteId(`x${id}`)).toBeUndefined();
  expect(findSuiteId(`${id}9`)).toBeUndefined();
});
