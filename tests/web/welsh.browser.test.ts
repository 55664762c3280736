import type { BrowserContext, Page } from 'playwright-core';
import cy from '../../dialogs/content/cy.json';
import en from '../../dialogs/content/en.json';
import { startServer, type RunningServer } from '../../index';
import { axeScan } from './axe';
import { cspViolations, describeInBrowser, launchBrowser, newIsolatedContext, transcript, type LaunchedBrowser } from './browser';

/**
 * The page in Welsh in headless Chromium: `?locale=cy-GB` (embed.js's data-locale), the page's own words, lang="cy",
 * Web Chat's interface strings in Welsh (Web Chat has none: the page's own override them), a Welsh conversation in
 * Web Chat, the language link, and axe-core over all of it.
 */

jest.setTimeout(45_000);

const PHONE = { width: 390, height: 844 };

/** Web Chat's markdown prints apostrophes as ’: a bubble is matched with either. */
function asShown(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]"));
}

function bubbles(page: Page, text: string) {
  return transcript(page).locator('.webchat__bubble__content').filter({ hasText: asShown(text) });
}

async function waitForBubble(page: Page, text: string): Promise<void> {
  await bubbles(page, text).last().waitFor({ timeout: 15_000 });
}

/** A suggested action of Web Chat's toolbar, its label in Welsh as the page set it. */
function welshOption(page: Page, name: string) {
  return page.getByRole('toolbar', { name: cy.page.webChatStrings.SUGGESTED_ACTIONS_LABEL_ALT }).getByRole('button', { name, exact: true });
}

describeInBrowser('the page in Welsh, in a real browser', () => {
  let server: RunningServer;
  let launched: LaunchedBrowser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startServer({
      port: 0,
      env: {},
      log: () => undefined,
      deployment: { languages: ['en', 'cy'], defaultNation: 'wales', forceName: 'Heddlu Gwent', brandColour: '#00205b', teams: {} },
    });
    launched = await launchBrowser();
  });

  afterAll(async () => {
    await launched?.close();
    await server?.close();
  });

  afterEach(async () => {
    await context?.close();
  });

  async function open(options: Parameters<typeof newIsolatedContext>[1] = {}): Promise<Page> {
    context = await newIsolatedContext(launched.browser, { viewport: PHONE, locale: 'cy-GB', ...options });
    return context.newPage();
  }

  test('Web Chat in Welsh: lang="cy", the page and Web Chat in Welsh, a Welsh conversation to the live-attack line', async () => {
    const page = await open();
    await page.goto(`${server.url}/?locale=cy-GB`);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await page.title()).toBe('Heddlu Gwent: cael help gyda digwyddiad seiber');
    await waitForBubble(page, cy.states.happeningNow.prompt);
    // Web Chat's own interface, in Welsh from the page's strings.
    await expect(page.getByRole('textbox').first().getAttribute('placeholder')).resolves.toBe(cy.page.webChatStrings.TEXT_INPUT_PLACEHOLDER);
    await expect(page.getByRole('button', { name: cy.page.webChatStrings.TEXT_INPUT_SEND_BUTTON_ALT }).count()).resolves.toBeGreaterThan(0);
    await welshOption(page, cy.states.happeningNow.options.yes).click();
    await waitForBubble(page, cy.states.audience.prompt);
    const sendBox = page.getByRole('textbox').first();
    await sendBox.fill('elusen');
    await sendBox.press('Enter');
    await waitForBubble(page, 'Ffoniwch Report Fraud nawr ar 0300 123 2040');
    const text = await transcript(page).innerText();
    expect(text).not.toContain('Call Report Fraud');
    expect(await page.locator('a[href="tel:03001232040"]').count()).toBeGreaterThan(0);
    expect(await cspViolations(page)).toEqual([]);
  });

  test('a message written in Welsh on the English page: Web Chat switches to Welsh and still shows the buttons', async () => {
    const page = await open({ locale: 'en-GB' });
    await page.goto(`${server.url}/?locale=en-GB`);
    await waitForBubble(page, en.states.happeningNow.prompt);
    const sendBox = page.getByRole('textbox').first();
    await sendBox.fill('nac ydy, mae wedi dod i ben');
    await sendBox.press('Enter');
    await waitForBubble(page, cy.states.audience.prompt);
    await waitForBubble(page, en.language.offer);
    // The offer of English comes last; the question's buttons are still there, under it.
    const toolbar = page.getByRole('toolbar', { name: 'Suggested actions' });
    for (const label of [cy.states.audience.options.organisation, cy.states.audience.options.individual, cy.buttons.back, cy.buttons.startAgain]) {
      await toolbar.getByRole('button', { name: label, exact: true }).waitFor({ timeout: 15_000 });
    }
    await toolbar.getByRole('button', { name: cy.states.audience.options.individual, exact: true }).click();
    await waitForBubble(page, cy.states.location.prompt);
  });

  test('the language link while Web Chat has the conversation: the bot switches, the page reloads in English, the answers stay', async () => {
    const page = await open();
    await page.goto(`${server.url}/?locale=cy-GB`);
    await waitForBubble(page, cy.states.happeningNow.prompt);
    await welshOption(page, cy.states.happeningNow.options.no).click();
    await waitForBubble(page, cy.states.audience.prompt);
    await page.locator('a.banner__language').click();
    await page.waitForURL(/\/\?locale=en-GB$/);
    expect(await page.getAttribute('html', 'lang')).toBe('en-GB');
    await waitForBubble(page, en.language.switched);
    await waitForBubble(page, en.states.audience.prompt);
    await page.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button', { name: en.states.audience.options.individual, exact: true }).click();
    await waitForBubble(page, en.states.location.prompt);
    expect(await bubbles(page, en.states.location.prompt).count()).toBeGreaterThan(0);
  });

  test('axe-core finds no violations in Welsh: the no-JS pages and Web Chat', async () => {
    const noScript = await open({ bypassCSP: true });
    await noScript.route('**/*.js', (route) => route.abort('blockedbyclient'));
    await noScript.goto(`${server.url}/triage?locale=cy-GB`);
    expect(await noScript.getAttribute('html', 'lang')).toBe('cy');
    expect((await axeScan(noScript, 'Welsh no-JS question')).violations).toEqual([]);
    await noScript.locator('#triage-step button', { hasText: cy.states.happeningNow.options.yes }).first().click();
    await noScript.locator('#triage-step button', { hasText: cy.states.audience.options.organisation }).first().click();
    await noScript.locator('#triage-step .message__lead').waitFor();
    expect(await noScript.locator('#triage-step .message__lead').innerText()).toContain('Ffoniwch Report Fraud nawr');
    expect(noScript.url()).toMatch(/\/triage\?locale=cy-GB$/);
    expect((await axeScan(noScript, 'Welsh no-JS live-attack outcome')).violations).toEqual([]);
    await context.close();

    const withScript = await open({ bypassCSP: true });
    await withScript.goto(`${server.url}/?locale=cy-GB`);
    await waitForBubble(withScript, cy.states.happeningNow.prompt);
    expect((await axeScan(withScript, 'Welsh Web Chat first question')).violations).toEqual([]);
    await welshOption(withScript, cy.states.happeningNow.options.yes).click();
    await waitForBubble(withScript, cy.states.audience.prompt);
    await welshOption(withScript, cy.states.audience.options.organisation).click();
    await waitForBubble(withScript, 'Ffoniwch Report Fraud nawr');
    expect((await axeScan(withScript, 'Welsh Web Chat live-attack outcome')).violations).toEqual([]);
  });
});
