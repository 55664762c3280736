import type { BrowserContext, Page } from 'playwright-core';
import cy from '../../dialogs/content/cy.json';
import en from '../../dialogs/content/en.json';
import { startServer, type RunningServer } from '../../index';
import { axeScan } from './axe';
import { cspViolations, describeInBrowser, launchBrowser, newIsolatedContext, transcript, type LaunchedBrowser } from './browser';

/**
 * "Keep this advice" and "What happened?" in headless Chromium: the printable page with and without JavaScript (the
 * same advice either way; the script only adds a Print button), in English and Welsh, axe-clean; and in Web Chat, the
 * optional kind question as a card whose buttons work above "Your answers", then its first steps and the link to the
 * page. The no-JavaScript triage reaches the same page.
 */

jest.setTimeout(45_000);

const PHONE = { width: 390, height: 844 };
const ADVICE =
  '/advice?h=yes&a=organisation&at=YHROCU.west-yorkshire&k=ransomware&t=2026-11-18T10%3A30Z&lang=en';
const ADVICE_CY = '/advice?h=no&a=individual&at=TARIAN.south-wales&k=phishingIgnored&t=2026-11-21T19%3A00Z&lang=cy';

function asShown(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]"));
}

describeInBrowser('the printable advice page and the kind question, in a real browser', () => {
  let server: RunningServer;
  let launched: LaunchedBrowser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startServer({ port: 0, env: {}, log: () => undefined });
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
    context = await newIsolatedContext(launched.browser, { viewport: PHONE, ...options });
    return context.newPage();
  }

  async function pageText(page: Page): Promise<string> {
    return page.locator('main').innerText();
  }

  test('with and without JavaScript the page shows the same advice: the 24/7 line first, the first steps, who else to tell, the answers and the time', async () => {
    const withScript = await open();
    await withScript.goto(`${server.url}${ADVICE}`);
    await withScript.locator('#advice-print').waitFor({ state: 'visible' });
    const scripted = await pageText(withScript);
    expect(await withScript.getAttribute('html', 'lang')).toBe('en-GB');
    expect(await withScript.title()).toBe(en.advicePage.title);
    expect(await cspViolations(withScript)).toEqual([]);
    await context.close();

    const noScript = await open({ javaScriptEnabled: false });
    await noScript.goto(`${server.url}${ADVICE}`);
    expect(await noScript.locator('#advice-print').isVisible()).toBe(false);
    const plain = await pageText(noScript);
    // Only the Print button differs.
    const words = (text: string) => text.replace(en.advicePage.printButton, '').replace(/\s+/g, ' ').trim();
    expect(words(plain)).toBe(words(scripted));
    const lead = await noScript.locator('.advice__lead').innerText();
    expect(lead).toMatch(/^Call Report Fraud now on 0300 123 2040 and press 9/);
    expect(plain).toContain('First steps: ransomware');
    expect(plain).toContain(en.firstSteps.kinds.ransomware.organisation.disconnect);
    expect(plain).toContain('Who else to tell');
    expect(plain).toContain('18 November 2026, 10:30am UK time');
    expect(plain).toContain(en.states.kind.summary.ransomware);
    expect(await noScript.locator('a[href="tel:03001232040"]').count()).toBeGreaterThan(0);
    expect(await noScript.locator('a[href="https://www.ncsc.gov.uk/section/respond-recover/ml-ransomware-attack"]').count()).toBe(1);
    // Nothing kept: no cookie was set by the page.
    expect(await context.cookies()).toEqual([]);
  });

  test('axe-core finds no violations on the page, in English and in Welsh, and on the page for a wrong address', async () => {
    const page = await open({ bypassCSP: true });
    await page.goto(`${server.url}${ADVICE}`);
    expect((await axeScan(page, 'advice page')).violations).toEqual([]);
    await page.goto(`${server.url}${ADVICE_CY}`);
    expect(await page.getAttribute('html', 'lang')).toBe('cy');
    expect(await pageText(page)).toContain(cy.firstSteps.kinds.phishingIgnored.individual.forward.split('{')[0].trim());
    expect((await axeScan(page, 'advice page, Welsh')).violations).toEqual([]);
    const refused = await page.goto(`${server.url}/advice?h=maybe`);
    expect(refused?.status()).toBe(400);
    expect(await pageText(page)).toContain('0300 123 2040');
    expect((await axeScan(page, 'advice page, wrong address')).violations).toEqual([]);
  });

  test('Web Chat: "What happened?" is a card after the outcome (axe-clean); a kind chosen there adds its first steps; the advice link opens the page', async () => {
    const page = await open({ bypassCSP: true });
    await page.goto(`${server.url}/`);
    const toolbar = page.getByRole('toolbar', { name: 'Suggested actions' });
    await transcript(page).getByText(en.states.happeningNow.prompt).last().waitFor({ timeout: 15_000 });
    await toolbar.getByRole('button', { name: en.states.happeningNow.options.no, exact: true }).click();
    await transcript(page).getByText(en.states.audience.prompt).last().waitFor({ timeout: 15_000 });
    await toolbar.getByRole('button', { name: en.states.audience.options.individual, exact: true }).click();
    await transcript(page).getByText(en.states.location.prompt).last().waitFor({ timeout: 15_000 });
    const sendBox = page.getByRole('textbox').first();
    await sendBox.fill('LS1 4AP');
    await sendBox.press('Enter');
    const kindButton = transcript(page).getByRole('button', { name: en.states.kind.options.phishingIgnored, exact: true });
    await kindButton.waitFor({ timeout: 15_000 });
    // "Your answers" keeps Change and Start again as the suggested actions below it.
    await expect(toolbar.getByRole('button', { name: en.summary.startAgainButton, exact: true }).count()).resolves.toBe(1);
    expect((await axeScan(page, 'Web Chat with the kind card')).violations).toEqual([]);
    await kindButton.click();
    await transcript(page).getByText(asShown("First steps: a scam message that wasn't acted on")).last().waitFor({ timeout: 15_000 });
    const text = await transcript(page).innerText();
    expect(text).not.toMatch(/your bank straight away/i);
    // The page's script makes the path absolute (Web Chat drops relative links); found by where it goes.
    const link = transcript(page).locator(`a[href^="${server.url}/advice?"]`).last();
    const href = await link.getAttribute('href');
    expect(href!.slice(server.url.length)).toMatch(/^\/advice\?h=no&a=individual&at=YHROCU\.west-yorkshire&k=phishingIgnored&t=/);
    await page.goto(href!);
    expect(await pageText(page)).toContain(en.firstSteps.kinds.phishingIgnored.individual.dontEngage);
  });

  test('the no-JavaScript triage: the kind buttons are a form, and its page links the same advice', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(`${server.url}/triage`);
    await page.locator('#triage-step button', { hasText: en.states.happeningNow.options.yes }).first().click();
    await page.locator('#triage-step button', { hasText: en.states.audience.options.organisation }).first().click();
    await page.locator('#triage-step .message__lead').waitFor();
    await page.locator('#triage-step button', { hasText: en.states.kind.options.denialOfService }).first().click();
    await page.locator('#triage-step .message__lead').waitFor();
    expect(await page.locator('#triage-step .message__lead').innerText()).toMatch(/Call Report Fraud now on 0300 123 2040/);
    expect(await page.locator('#triage-step').innerText()).toContain('First steps: a website or service knocked offline');
    const href = await page.locator('#triage-step a', { hasText: en.links.keepAdvice }).getAttribute('href');
    expect(href).toMatch(/^\/advice\?h=yes&a=organisation&k=denialOfService&t=/);
    await page.goto(new URL(href!, server.url).href);
    expect(await page.locator('.advice__lead').innerText()).toMatch(/^Call Report Fraud now on 0300 123 2040 and press 9/);
    expect(await pageText(page)).toContain(en.firstSteps.kinds.denialOfService.organisation.providers);
  });
});
