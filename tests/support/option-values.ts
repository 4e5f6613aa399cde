import type { PlaywrightTestOptions } from '@playwright/test';

export type Values = Partial<PlaywrightTestOptions>;

// Playwright reads a fixture's dependencies from its destructuring, so every name is spelt out;
// `satisfies` makes a name a newer Playwright adds or drops a typecheck error here.
export const readOptions = async (
  { contextOptions, acceptDownloads, bypassCSP, colorScheme, contrast, deviceScaleFactor, extraHTTPHeaders, forcedColors, geolocation, hasTouch, httpCredentials, ignoreHTTPSErrors, isMobile, javaScriptEnabled, locale, offline, permissions, proxy, reducedMotion, screen, serviceWorkers, storageState, clientCertificates, timezoneId, userAgent, viewport, actionTimeout, navigationTimeout, testIdAttribute, baseURL }: PlaywrightTestOptions,
  use: (values: Values) => Promise<void>,
) =>
  use({ contextOptions, acceptDownloads, bypassCSP, colorScheme, contrast, deviceScaleFactor, extraHTTPHeaders, forcedColors, geolocation, hasTouch, httpCredentials, ignoreHTTPSErrors, isMobile, javaScriptEnabled, locale, offline, permissions, proxy, reducedMotion, screen, serviceWorkers, storageState, clientCertificates, timezoneId, userAgent, viewport, actionTimeout, navigationTimeout, testIdAttribute, baseURL } satisfies Record<keyof PlaywrightTestOptions, unknown>);
