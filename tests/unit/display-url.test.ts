import { expect, test } from '@playwright/test';
import { displayUrl } from '../../harness/shared/display-url.ts';

test('a URL is shown without its userinfo, query or fragment, which may carry a secret', () => {
  expect(displayUrl('https://graph.microsoft.com')).toBe('https://graph.microsoft.com');
  expect(displayUrl('https://graph.microsoft.com/')).toBe('https://graph.microsoft.com/');
  expect(displayUrl('https://user:pass@graph.example:8443/v1.0/me?sig=abc#frag')).toBe('https://…@graph.example:8443/v1.0/me?…#…');
  expect(displayUrl('http://login')).toBe('http://login');
});

test('text that is no URL is cut at its query and loses what stands before an @', () => {
  expect(displayUrl('graph example?token=abc')).toBe('graph example?…');
  expect(displayUrl('user:pass@host')).toBe('…@host');
});
