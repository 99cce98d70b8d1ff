/**
 * Playwright's `test`, with browser contexts that a spec opened itself closed once the next spec
 * file starts in the same worker. Every spec imports `test` from here (a lint rule says so).
 *
 * Specs open contexts of their own for second and third users (`browser.newContext()`); a context
 * left open keeps its page alive for the rest of the worker's run: live-update sockets, polling
 * and the work page's countdown go on rendering, and on two cores a dozen such pages slowed the
 * later specs past their timeouts (and a failure's page snapshot showed one of them instead of
 * the failing page). They are closed at the file boundary, not after each test, because a serial
 * spec hands its pages from one test to the next, and a `beforeAll` makes pages for all its file's
 * tests.
 */
import { test as base, type BrowserContext } from '@playwright/test';

export { expect } from '@playwright/test';

/** The contexts open when this worker's last test ended, and that test's spec file. */
let openAfterLastTest: { file: string; contexts: BrowserContext[] } | undefined;

export const test = base.extend<{ closeEarlierSpecsContexts: void }>({
  closeEarlierSpecsContexts: [
    async ({ browser }, use, testInfo) => {
      if (openAfterLastTest && openAfterLastTest.file !== testInfo.file) {
        // Only those left by the earlier file: this file's beforeAll may have made some already.
        const stillOpen = new Set(browser.contexts());
        const left = openAfterLastTest.contexts.filter((context) => stillOpen.has(context));
        await Promise.all(left.map((context) => context.close()));
      }
      await use();
      openAfterLastTest = { file: testInfo.file, contexts: browser.contexts() };
    },
    { auto: true },
  ],
});
