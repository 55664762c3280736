import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../index';
import { axeScan, type AxeResult } from './axe';
import {
  cspViolations,
  describeInBrowser,
  launchBrowser,
  NEUTRAL_PAGE,
  newIsolatedContext,
  optionButton,
  transcript,
  waitForBubble,
  bubbles,
  until,
  type LaunchedBrowser,
} from './browser';

/**
 * The real Web Chat client in headless Chromium, talking to the real bot through the local Direct Line channel
 * and the server's own /api/messages.
 */

const WELCOME = 'I can help if a cyber attack has hit you';
const FIRST_QUESTION = 'Is the incident happening now?';
const AUDIENCE_QUESTION = 'Are you asking for a business, charity or other organisation, or for yourself?';
const LOCATION_QUESTION = 'Where are you (or your organisation) based?';
const STORAGE_KEY = 'cyberTriageChat.session';
/**
 * A stand-in for a police force's website: a tiny server on 127.0.0.1, reached as http://localhost:PORT so that it
 * is a different origin from the chat (http://127.0.0.1:PORT). (A page answered by page.route would count as a
 * public site, and Chromium's local network access rules would then refuse it the chat on loopback.)
 */
async function startForceSite(chatUrl: () => string): Promise<{ origin: string; close(): Promise<void> }> {
  const site = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en-GB"><title>Example force</title><h1>Report cyber crime</h1>
      <div data-cyber-triage-chat data-brand-colour="#1d70b8" data-bot-name="Example Police cyber help" data-avatar-initials="EP"></div>
      <script src="${chatUrl()}/embed.js" async></script></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const { port } = site.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, close: () => new Promise<void>((resolve) => site.close(() => resolve())) };
}

function seriousOrCritical(result: AxeResult) {
  return result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

jest.setTimeout(30_000);

describeInBrowser('web chat in a real browser', () => {
  let server: RunningServer;
  let forceSite: { origin: string; close(): Promise<void> };
  let launched: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    forceSite = await startForceSite(() => server.url);
    server = await startServer({ port: 0, env: { EMBED_ALLOWED_ORIGINS: forceSite.origin }, log: () => undefined });
    // In CI a missing browser must fail loudly: this throws, and every test below fails with the reason.
    launched = await launchBrowser();
  });

  afterAll(async () => {
    await launched?.close();
    await server?.close();
    await forceSite?.close();
  });

  beforeEach(async () => {
    context = await newIsolatedContext(launched.browser);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  async function openChat(): Promise<void> {
    await page.goto(`${server.url}/`);
    await waitForBubble(page, FIRST_QUESTION);
  }

  async function countInTranscript(text: string): Promise<number> {
    return bubbles(page, text).count();
  }

  test('a live attack on an organisation, by buttons: Yes → An organisation → Report Fraud, press 9', async () => {
    await openChat();
    expect(await countInTranscript(WELCOME)).toBe(1);

    await optionButton(page, 'Yes').click();
    await waitForBubble(page, AUDIENCE_QUESTION);
    // The answered question's buttons are gone: only the new question's are on offer.
    await expect(optionButton(page, 'Yes').count()).resolves.toBe(0);

    await optionButton(page, 'An organisation').click();
    await waitForBubble(page, '0300 123 2040');
    const text = await transcript(page).innerText();
    expect(text).toContain('0300 123 2040');
    expect(text).toMatch(/press 9/i);

    expect(await countInTranscript(WELCOME)).toBe(1);
    expect(await cspViolations(page)).toEqual([]);
  });

  test('the regional journey by typing a postcode, then Start again, and a reload keeps one welcome', async () => {
    await openChat();
    await optionButton(page, 'No').click();
    await waitForBubble(page, AUDIENCE_QUESTION);
    await optionButton(page, 'Myself').click();
    await waitForBubble(page, LOCATION_QUESTION);

    const sendBox = page.getByRole('textbox').first();
    await sendBox.fill('LS1 4AP');
    await sendBox.press('Enter');
    await waitForBubble(page, 'Yorkshire and Humber Regional Organised Crime Unit');

    // A reload within the same conversation replays it: the welcome is still there exactly once.
    await page.reload();
    await waitForBubble(page, 'Yorkshire and Humber Regional Organised Crime Unit');
    expect(await countInTranscript(WELCOME)).toBe(1);

    const questionsBefore = await countInTranscript(FIRST_QUESTION);
    // The page's own Start again control (the outcome also offers one as a button).
    await page.locator('#start-again').click();
    await until(() => countInTranscript(FIRST_QUESTION), questionsBefore + 1);
    await optionButton(page, 'Yes').waitFor();
    expect(await countInTranscript(WELCOME)).toBe(1);
    expect(await cspViolations(page)).toEqual([]);
  });

  test('"Exit this page" clears the chat and replaces the page with a neutral one', async () => {
    await openChat();
    expect(await page.evaluate((key) => sessionStorage.getItem(key), STORAGE_KEY)).not.toBeNull();
    const historyBefore = await page.evaluate(() => history.length);

    await page.getByRole('button', { name: /Exit this page/ }).click();
    await page.waitForURL(`${NEUTRAL_PAGE}**`);
    // location.replace: the chat's history entry was replaced, not added to.
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);

    // Back on the chat's origin in the same tab: nothing left in session storage, and a new chat starts afresh.
    await page.goto(`${server.url}/favicon.svg`);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await openChat();
    expect(await countInTranscript(WELCOME)).toBe(1);
    expect(await countInTranscript(AUDIENCE_QUESTION)).toBe(0);
  });

  test('Esc is left to Web Chat: pressed inside the chat it does not leave the page', async () => {
    await openChat();
    await page.getByRole('textbox').first().focus();
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(`${server.url}/`);
    expect(await page.evaluate((key) => sessionStorage.getItem(key), STORAGE_KEY)).not.toBeNull();
  });

  test('everything is reachable by keyboard, with a visible focus', async () => {
    await openChat();
    await page.locator('body').focus();
    // Tab from the top of the page to the first answer button, noting that each stop shows a focus indicator.
    const stops: string[] = [];
    for (let presses = 0; presses < 40; presses++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        const visible = style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
        return { label: (element.getAttribute('aria-label') || element.textContent || element.tagName).trim().slice(0, 40), visible, yes: element.closest('[role="toolbar"]') !== null && element.textContent?.trim() === 'Yes' };
      });
      if (!stop) continue;
      stops.push(`${stop.label}${stop.visible ? '' : ' (no outline)'}`);
      if (stop.yes) break;
    }
    const labels = stops.map((stop) => stop.replace(' (no outline)', ''));
    expect(labels.slice(0, 3)).toEqual(['Skip to the chat', 'Start again', 'Emergency: Exit this page']);
    expect(labels[labels.length - 1]).toBe('Yes');
    // Our own controls draw a focus outline; Web Chat's suggested actions draw their own (an inset border).
    expect(stops.slice(0, 3).every((stop) => !stop.includes('no outline'))).toBe(true);

    await page.keyboard.press('Enter');
    await waitForBubble(page, AUDIENCE_QUESTION);
  });

  test('axe-core finds no serious or critical accessibility problems (default and a light brand colour)', async () => {
    const scanContext = await newIsolatedContext(launched.browser, { bypassCSP: true }); // lets axe be injected
    try {
      const scanPage = await scanContext.newPage();
      await scanPage.goto(`${server.url}/`);
      await waitForBubble(scanPage, FIRST_QUESTION);
      await optionButton(scanPage, 'Yes').click();
      await waitForBubble(scanPage, AUDIENCE_QUESTION);
      await optionButton(scanPage, 'An organisation').click();
      await waitForBubble(scanPage, '0300 123 2040');
      expect(seriousOrCritical(await axeScan(scanPage, 'outcome, default colours'))).toEqual([]);

      // A force whose brand colour is too light for white text still gets a readable page.
      await scanPage.evaluate(() => sessionStorage.clear());
      await scanPage.goto(`${server.url}/?brand=%23ffdd00&name=Example%20Police%20cyber%20help&initials=EP`);
      await waitForBubble(scanPage, FIRST_QUESTION);
      await optionButton(scanPage, 'No').click();
      await waitForBubble(scanPage, AUDIENCE_QUESTION);
      // A link sets no display text (hostilePage.browser.test.ts); the brand colour, which is not text, it may.
      expect(await scanPage.locator('#bot-name').innerText()).toBe('Cyber incident help');
      expect(seriousOrCritical(await axeScan(scanPage, 'question, light brand colour'))).toEqual([]);
    } finally {
      await scanContext.close();
    }
  });

  test('embedded on a force site with embed.js: the chat works in the frame and quick exit leaves the host page', async () => {
    await page.goto(`${forceSite.origin}/report-cyber-crime`);
    const frame = page.frameLocator('iframe[title="Example Police cyber help"]');
    await frame.locator('.webchat__bubble__content').filter({ hasText: FIRST_QUESTION }).last().waitFor();
    await frame.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: 'Yes', exact: true }).click();
    await frame.locator('.webchat__bubble__content').filter({ hasText: AUDIENCE_QUESTION }).last().waitFor();

    await frame.getByRole('button', { name: /Exit this page/ }).click();
    await page.waitForURL(`${NEUTRAL_PAGE}**`);
  });
});
