import { test as playwrightTest, expect } from '@playwright/test';
import { browserOptions } from '../../harness/extend/browser-options.ts';
import { readOptions, type Values } from '../support/option-values.ts';

const withPlaywrightOptions = playwrightTest.extend<{ values: Values }>({ values: readOptions });
const harnessTest = playwrightTest.extend(browserOptions);
const withHarnessOptions = harnessTest.extend<{ values: Values }>({ values: readOptions });

// Serial: the second test compares with what the first one read.
playwrightTest.describe.configure({ mode: 'serial' });

let playwrightValues: Values = {};

withPlaywrightOptions("Playwright's own option values", ({ values }) => {
  playwrightValues = values;
  // Both lists are held to PlaywrightTestOptions by type; this holds them to each other at run time.
  expect(Object.keys(values).sort()).toEqual(Object.keys(browserOptions).sort());
  // tests/playwright.config.ts sets it in `use`; the next test holds the re-declared options to these values, this one included.
  expect(values.locale).toBe('de-CH');
});

withHarnessOptions('the re-declared options have the same values, the config included', ({ values }) => {
  expect(values).toEqual(playwrightValues);
});
