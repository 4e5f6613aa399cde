import type { Fixtures, PlaywrightTestArgs, PlaywrightTestOptions, PlaywrightWorkerArgs, PlaywrightWorkerOptions } from '@playwright/test';

type BuiltInOptions = Fixtures<object, object, PlaywrightTestOptions & PlaywrightTestArgs, PlaywrightWorkerArgs & PlaywrightWorkerOptions>;

// The types leave `option` out for built-in names, but without it a config's `use` could no longer set them.
const OPTION = { scope: 'test', box: 'self', option: true } as { scope: 'test'; box: 'self' };

/**
 * @playwright/test's per-test browser-context options, with Playwright's own values, declared
 * again as `box: 'self'`. Playwright records a step for each fixture it declares and captures a
 * source-mapped stack for it at setup and again at teardown: measured with `npm run bench` on
 * Node 24, replaying without these costs 11.9 ms a test, with them 8.1 ms. The harness opens no
 * browser; the values still reach request contexts, and a config's or a file's `use` still sets
 * them (tests/unit/browser-options.test.ts holds both to Playwright's).
 *
 * Upgrade-proof by type: the object must name exactly Playwright's own PlaywrightTestOptions, so
 * an option a newer Playwright adds or drops fails `npm run typecheck` here, naming it.
 */
export const browserOptions = {
  contextOptions: [{}, OPTION],
  acceptDownloads: [({ contextOptions }, use) => use(contextOptions.acceptDownloads ?? true), OPTION],
  bypassCSP: [({ contextOptions }, use) => use(contextOptions.bypassCSP ?? false), OPTION],
  colorScheme: [({ contextOptions }, use) => use(contextOptions.colorScheme === undefined ? 'light' : contextOptions.colorScheme), OPTION],
  contrast: [({ contextOptions }, use) => use(contextOptions.contrast === undefined ? 'no-preference' : contextOptions.contrast), OPTION],
  deviceScaleFactor: [({ contextOptions }, use) => use(contextOptions.deviceScaleFactor), OPTION],
  extraHTTPHeaders: [({ contextOptions }, use) => use(contextOptions.extraHTTPHeaders), OPTION],
  forcedColors: [
    ({ contextOptions }, use) => use(contextOptions.forcedColors === undefined ? 'none' : contextOptions.forcedColors),
    OPTION,
  ],
  geolocation: [({ contextOptions }, use) => use(contextOptions.geolocation), OPTION],
  hasTouch: [({ contextOptions }, use) => use(contextOptions.hasTouch ?? false), OPTION],
  httpCredentials: [({ contextOptions }, use) => use(contextOptions.httpCredentials), OPTION],
  ignoreHTTPSErrors: [({ contextOptions }, use) => use(contextOptions.ignoreHTTPSErrors ?? false), OPTION],
  isMobile: [({ contextOptions }, use) => use(contextOptions.isMobile ?? false), OPTION],
  javaScriptEnabled: [({ contextOptions }, use) => use(contextOptions.javaScriptEnabled ?? true), OPTION],
  locale: [({ contextOptions }, use) => use(contextOptions.locale ?? 'en-US'), OPTION],
  offline: [({ contextOptions }, use) => use(contextOptions.offline ?? false), OPTION],
  permissions: [({ contextOptions }, use) => use(contextOptions.permissions), OPTION],
  proxy: [({ contextOptions }, use) => use(contextOptions.proxy), OPTION],
  reducedMotion: [
    ({ contextOptions }, use) => use(contextOptions.reducedMotion === undefined ? 'no-preference' : contextOptions.reducedMotion),
    OPTION,
  ],
  screen: [({ contextOptions }, use) => use(contextOptions.screen), OPTION],
  serviceWorkers: [({ contextOptions }, use) => use(contextOptions.serviceWorkers ?? 'allow'), OPTION],
  storageState: [({ contextOptions }, use) => use(contextOptions.storageState), OPTION],
  clientCertificates: [({ contextOptions }, use) => use(contextOptions.clientCertificates), OPTION],
  timezoneId: [({ contextOptions }, use) => use(contextOptions.timezoneId), OPTION],
  userAgent: [({ contextOptions }, use) => use(contextOptions.userAgent), OPTION],
  viewport: [
    ({ contextOptions }, use) => use(contextOptions.viewport === undefined ? { width: 1280, height: 720 } : contextOptions.viewport),
    OPTION,
  ],
  actionTimeout: [0, OPTION],
  navigationTimeout: [0, OPTION],
  testIdAttribute: ['data-testid', OPTION],
  // No base URL unless a config sets one: the harness addresses Graph by full URL.
  baseURL: [undefined, OPTION],
} satisfies BuiltInOptions & Record<keyof PlaywrightTestOptions, unknown>;
