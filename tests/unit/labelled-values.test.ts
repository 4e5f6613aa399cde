import { expect, test } from '@playwright/test';
import { captureCallSite } from '../../harness/call-site.ts';
import { LabelledValues } from '../../harness/extend/session.ts';

test('a label names one value: asking again is an error naming both uses', () => {
  const kept = new Map<string, string>();
  const values = new LabelledValues({ value: (label, fresh, keptAs) => (kept.set(label, keptAs ?? fresh()), kept.get(label) ?? '') });

  const here = () => captureCallSite(here);
  expect(values.keep('uniqueId', 'connection', here(), () => 'gcs1')).toBe('gcs1');
  expect(values.keep('uniqueSecret', 'password', here(), () => 'pw', 'REDACTED')).toBe('REDACTED');
  expect(() => values.keep('uniqueSecret', 'connection', here(), () => 'gcs2')).toThrow(
    /^uniqueSecret\("connection"\) is asked for again at tests\/unit\/labelled-values\.test\.ts:\d+:\d+; the label was first used at tests\/unit\/labelled-values\.test\.ts:\d+:\d+ \(uniqueId\)\. A label names one value kept in the fixture: give the second value a label of its own\.$/,
  );
  expect([...kept]).toEqual([
    ['connection', 'gcs1'],
    ['password', 'REDACTED'],
  ]);
});
