import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * Headless Chromium from Debian's `chromium` package, driven by playwright-core (which never downloads a browser).
 * Outside CI the browser tests skip, saying why, when /usr/bin/chromium is missing; in CI (CI set) they always run,
 * so a missing browser fails loudly.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const browserSkipReason: string | undefined =
  existsSync(CHROMIUM_PATH) || process.env.CI
    ? undefined
    : `browser tests skipped: ${CHROMIUM_PATH} is missing (install it with: apt-get install -y chromium). In CI they run.`;

/** `describe`, or `describe.skip` with a clear message when the browser is missing outside CI. */
export function describeInBrowser(name: string, body: () => void): void {
  if (browserSkipReason) {
    // eslint-disable-next-line no-console
    console.warn(browserSkipReason);
    describe.skip(`${name} (${browserSkipReason})`, body);
  } else {
    describe(name, body);
  }
}

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Launches Chromium; `chromium.launch` gives it a fresh temporary profile (user-data-dir) and deletes it on close. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
  return { browser, close: () => browser.close().catch(() => undefined) };
}

export const NEUTRAL_PAGE = 'https://www.bbc.co.uk/weather';

/**
 * A context that never leaves this machine: the neutral exit page is answered locally, anything else off-machine
 * is refused. Every page records CSP violations and script errors for the tests to assert on.
 */
export async function newIsolatedContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', ...options });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => {
    const url = route.request().url();
    if (url.startsWith(NEUTRAL_PAGE)) {
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><h1>Weather</h1>' });
    }
    return route.abort('blockedbyclient');
  });
  await context.addInitScript(() => {
    const record = window as unknown as { __cspViolations: string[]; __pageErrors: string[] };
    record.__cspViolations = [];
    record.__pageErrors = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      record.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return context;
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/** The visible transcript (not Web Chat's screen-reader-only live region copies). */
export function transcript(page: Page) {
  return page.locator('.webchat__basic-transcript__transcript');
}

/** The message bubbles in the visible transcript that contain `text`. */
export function bubbles(page: Page, text: string) {
  return transcript(page).locator('.webchat__bubble__content').filter({ hasText: text });
}

/** Waits for the latest bubble containing `text`. */
export async function waitForBubble(page: Page, text: string, timeout = 15_000): Promise<void> {
  await bubbles(page, text).last().waitFor({ timeout });
}

/** A suggested-action button of the current question. */
export function optionButton(page: Page, name: string) {
  return page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name, exact: true });
}

/** Polls `probe` until it returns `expected` (or throws after `timeout` with the last value). */
export async function until<T>(probe: () => Promise<T>, expected: T, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: T = await probe();
  while (last !== expected) {
    if (Date.now() > deadline) throw new Error(`Expected ${String(expected)}, still ${String(last)} after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await probe();
  }
}
