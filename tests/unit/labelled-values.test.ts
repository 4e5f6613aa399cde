import { expect, test } from '@playwright/test';
import { captureCallSite } from '../../harness/shared/call-site.ts';
import { LabelledValues } from '../../harness/extend/session.ts';

test('a label names one value: asking again is an error naming both uses', () => {
  const kept = new Map<string, string>();
  const values = new LabelledValues({
    value: (label, fresh, keptAs) => (kept.set(label, keptAs ?? fresh()), kept.get(label) ?? ''),
    valueAsync: () => Promise.reject(new Error('not asked')),
  });

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

test('values made together are kept per part, made once, and every part name is a label taken', async () => {
  const kept = new Map<string, string>();
  let made = 0;
  const values = new LabelledValues({
    value: (label, fresh, keptAs) => (kept.set(label, keptAs ?? fresh()), kept.get(label) ?? ''),
    valueAsync: async (label, fresh, keptAs) => (kept.set(label, keptAs ?? (await fresh())), kept.get(label) ?? ''),
  });
  const here = () => captureCallSite(here);

  const parts = await values.keepParts(
    'uniqueCertificate',
    'cert',
    here(),
    ['secret', 'thumbprint'],
    () => Promise.resolve({ secret: `s${++made}`, thumbprint: `T${made}` }),
    { secret: 'REDACTED' },
  );

  expect(parts).toEqual({ secret: 'REDACTED', thumbprint: 'T1' });
  expect(made).toBe(1);
  expect([...kept]).toEqual([
    ['cert.secret', 'REDACTED'],
    ['cert.thumbprint', 'T1'],
  ]);
  expect(() => values.keep('uniqueId', 'cert.thumbprint', here(), () => 'gcs1')).toThrow(
    /^uniqueId\("cert\.thumbprint"\) is asked for again .*\(uniqueCertificate\)/,
  );
  await expect(values.keepParts('uniqueCertificate', 'cert', here(), ['secret'], () => Promise.resolve({ secret: 'x' }))).rejects.toThrow(
    /^uniqueCertificate\("cert"\) is asked for again/,
  );
});
