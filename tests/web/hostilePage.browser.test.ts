import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../index';
import { bubbles, cspViolations, describeInBrowser, launchBrowser, newIsolatedContext, waitForBubble, type LaunchedBrowser } from './browser';
import { startStubServer, type StubServer } from './stubBot';

/**
 * The page against hostile links and hostile text (issue 18), in headless Chromium: a link cannot write in the page's
 * banner or title; an embedding site allowed by EMBED_ALLOWED_ORIGINS may choose a name, from the deployment's only;
 * the bot's text is rendered as markdown, never as HTML.
 */

const DEFAULT_NAME = 'Cyber incident help';
const DEFAULT_TITLE = 'Get help with a cyber incident';
const LISTED_NAME = 'Example Police cyber help';
const HOSTILE_NAME = 'Fraud line 07700 900123 call now';

jest.setTimeout(30_000);

/** A force's site on another origin (http://localhost:PORT, the chat being on 127.0.0.1), embedding the chat. */
async function startForceSite(chatUrl: () => string): Promise<{ origin: string; close(): Promise<void> }> {
  const site = http.createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://localhost').searchParams.get('name') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en-GB"><title>Example force</title>
      <iframe title="chat" src="${chatUrl()}/?embed=1&name=${encodeURIComponent(name)}&initials=EP" width="600" height="600"></iframe></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const { port } = site.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, close: () => new Promise<void>((resolve) => site.close(() => resolve())) };
}

describeInBrowser('the page against hostile links and text', () => {
  let server: RunningServer;
  let stub: StubServer;
  let forceSite: { origin: string; close(): Promise<void> };
  let launched: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    forceSite = await startForceSite(() => server.url);
    server = await startServer({
      port: 0,
      env: { EMBED_ALLOWED_ORIGINS: forceSite.origin },
      log: () => undefined,
      deployment: { languages: ['en'], teams: { fullName: LISTED_NAME } },
    });
    stub = await startStubServer();
    launched = await launchBrowser();
  });

  afterAll(async () => {
    await launched?.close();
    await Promise.all([server?.close(), stub?.close(), forceSite?.close()]);
  });

  beforeEach(async () => {
    context = await newIsolatedContext(launched.browser);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  test('a link to the page cannot write in its banner or title, not even a listed name', async () => {
    for (const name of [HOSTILE_NAME, LISTED_NAME]) {
      await page.goto(`${server.url}/?name=${encodeURIComponent(name)}&initials=ZZ`);
      await waitForBubble(page, 'Is the incident happening now?');
      expect(await page.locator('#bot-name').innerText()).toBe(DEFAULT_NAME);
      expect(await page.title()).toBe(DEFAULT_TITLE);
      expect(await page.locator('body').innerText()).not.toContain('07700');
    }
  });

  test('embedded by an allowed site: a name from the deployment is shown; any other is not', async () => {
    await page.goto(`${forceSite.origin}/?name=${encodeURIComponent(LISTED_NAME)}`);
    const listed = page.frameLocator('iframe[title="chat"]');
    await listed.locator('#bot-name', { hasText: LISTED_NAME }).waitFor();

    await page.goto(`${forceSite.origin}/?name=${encodeURIComponent(HOSTILE_NAME)}`);
    const hostile = page.frameLocator('iframe[title="chat"]');
    await hostile.locator('.webchat__bubble__content').filter({ hasText: 'Is the incident happening now?' }).last().waitFor();
    expect(await hostile.locator('#bot-name').innerText()).toBe(DEFAULT_NAME);
    expect(await hostile.locator('body').innerText()).not.toContain('07700');
  });

  test("raw HTML in the bot's text is shown as text, never made into elements", async () => {
    await page.goto(`${stub.url}/`);
    await waitForBubble(page, 'Welcome to the stub bot.');
    const sendBox = page.getByRole('textbox').first();
    // The stub bot says back what it was sent: HTML in a bot message.
    await sendBox.fill('<b id=made-bold>bold</b> <img id=made-image src=/nowhere onerror=document.title=1>');
    await sendBox.press('Enter');
    await waitForBubble(page, 'You said:');
    const reply = bubbles(page, 'You said:').last();
    expect(await reply.innerText()).toContain('<b id=made-bold>bold</b>');
    expect(await page.locator('#made-bold, #made-image').count()).toBe(0);
    expect(await page.title()).not.toBe('1');
    expect(await cspViolations(page)).toEqual([]);
  });
});
