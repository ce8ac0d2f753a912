import type { Browser, Locator, Page } from 'playwright-core';
import { signIn } from './api-session';

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface OpenedPage {
  page: Page;
  /** Script errors and console errors (a CSP refusal shows up there); a test expects none, or only those it caused. */
  problems: string[];
}

/** A new French page at the size of `viewport`, collecting its problems. */
export async function newPage(browser: Browser, viewport: ViewportName): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: VIEWPORTS[viewport], locale: 'fr-FR' });
  // Below Jest's own limit, so a step that never happens fails with its own message.
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { page, problems };
}

/** A page already signed in as `username` (through the API, so the test is about what comes after). */
export async function newSignedInPage(browser: Browser, baseUrl: string, viewport: ViewportName, username: string): Promise<OpenedPage> {
  const opened = await newPage(browser, viewport);
  const session = await signIn(baseUrl, username);
  await opened.page.context().addCookies(session.cookies.map((cookie) => ({ ...cookie, url: baseUrl })));
  return opened;
}

/** The page's main heading. */
export const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** Waits until a field shows `value` (a change arriving live), then checks it: a clear failure rather than a timeout. */
export async function waitForValue(field: Locator, value: string, timeoutMs = 8_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await field.inputValue()) !== value && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await field.inputValue()).toBe(value);
}

/** Live updates arrive within this; well under the step timeout, so a reload-free wait fails clearly. */
export const LIVE_TIMEOUT_MS = 8_000;

/** Resolves once the page's live updates are connected (its `LiveStatus` reads "live"). */
export const liveUpdatesOn = (page: Page) => page.locator('[data-live="live"]').waitFor();
