import { test as playwrightTest, expect } from '@playwright/test';
import { browserOptions } from '../../harness/extend/browser-options.ts';
import { readOptions, type Values } from '../support/option-values.ts';

const withBrowserOptions = playwrightTest.extend(browserOptions);
const harnessTest = withBrowserOptions.extend<{ values: Values }>({ values: readOptions });

// As a spec file would set them.
harnessTest.use({ locale: 'fr-FR', contextOptions: { colorScheme: 'dark' } });

harnessTest("a file's test.use still sets the re-declared options, directly and through contextOptions", ({ values }) => {
  expect(values.locale).toBe('fr-FR');
  expect(values.colorScheme).toBe('dark');
});
