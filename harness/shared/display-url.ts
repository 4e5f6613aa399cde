/**
 * A URL as a message may show it: scheme, host, port and path, never its userinfo (a password), its
 * query or its fragment (a signature, a token), which become `…`. Text that is no URL is cut at its
 * first `?` or `#` and loses anything before an `@`, for the same reason.
 */
export function displayUrl(value: string): string {
  try {
    const url = new URL(value);
    // `user:pass@host` parses as a URL of scheme `user:` with no host: it is read as text.
    if (url.host === '') throw new TypeError('no host');
    const hidden = url.username !== '' || url.password !== '' ? '…@' : '';
    // The root as written: `https://host` stays without the slash URL adds.
    const path = url.pathname === '/' && !value.replace(/[?#].*$/s, '').endsWith('/') ? '' : url.pathname;
    return `${url.protocol}//${hidden}${url.host}${path}${url.search ? '?…' : ''}${url.hash ? '#…' : ''}`;
  } catch {
    return value.replace(/^[^@/?#]*@/, '…@').replace(/[?#].*$/s, (rest) => `${rest[0] ?? ''}…`);
  }
}
