import type { PlaywrightTestOptions } from '@playwright/test';

export type Values = Partial<PlaywrightTestOptions>;

// Playwright reads a fixture's dependencies from its destructuring, so every name is spelt out.
export const readOptions = async (
  { contextOptions, acceptDownloads, bypassCSP, colorScheme, contrast, deviceScaleFactor, extraHTTPHeaders, forcedColors, geolocation, hasTouch, httpCredentials, ignoreHTTPSErrors, isMobile, javaScriptEnabled, locale, offline, permissions, proxy, reducedMotion, screen, serviceWorkers, storageState, clientCertificates, timezoneId, userAgent, viewport, actionTimeout, navigationTimeout, testIdAttribute, baseURL }: PlaywrightTestOptions,
  use: (values: Values) => Promise<void>,
) =>
  use({ contextOptions, acceptDownloads, bypassCSP, colorScheme, contrast, deviceScaleFactor, extraHTTPHeaders, forcedColors, geolocation, hasTouch, httpCredentials, ignoreHTTPSErrors, isMobile, javaScriptEnabled, locale, offline, permissions, proxy, reducedMotion, screen, serviceWorkers, storageState, clientCertificates, timezoneId, userAgent, viewport, actionTimeout, navigationTimeout, testIdAttribute, baseURL });
