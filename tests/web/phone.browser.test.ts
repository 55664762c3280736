import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { unitById } from '../../data/catalog';
import { resolveLocation } from '../../data/location';
import { contentFor, fill } from '../../dialogs/content';
import { contactFacts } from '../../dialogs/facts';
import { startServer, type RunningServer } from '../../index';
import { axeScan } from './axe';
import {
  bubbles,
  cspViolations,
  describeInBrowser,
  launchBrowser,
  NEUTRAL_PAGE,
  newIsolatedContext,
  optionButton,
  transcript,
  waitForBubble,
  type LaunchedBrowser,
} from './browser';

/**
 * The page on a phone, in real headless Chromium: what shows before any script, the whole triage with JavaScript
 * off, the outcome's lead line in view when it arrives (in the plain-HTML step and in Web Chat), Web Chat taking
 * over from an answer already given, the quick exit, and accessibility in both modes. The words looked for come
 * from the content file and the numbers from data/.
 */

const content = contentFor('en-GB');
const states = content.states;
const facts = contactFacts();
const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 320, height: 568 };
const DESKTOP = { width: 1366, height: 768 };
const STORAGE_KEY = 'cyberTriageChat.session';

/** The first words of a template, before its first placeholder, without markdown: "Call Report Fraud now on". */
function opening(template: string): string {
  return template.split('{')[0].replace(/\*\*/g, '').trim();
}

const LIVE_LEAD = opening(states.liveAttack.lead);
const REGIONAL_LEAD = opening(states.regionalTeam.lead);

function leedsUnitName(): string {
  const resolved = resolveLocation('LS1 4AP');
  if (resolved.kind !== 'unit') throw new Error('LS1 4AP should resolve to one unit');
  return unitById(resolved.unitId).name;
}

/**
 * Whether the first line of `element` can be seen: inside the window and inside every scrolling box around it
 * (the step's own scroll area, Web Chat's transcript).
 */
async function firstLineInView(element: Locator): Promise<{ inView: boolean; detail: string }> {
  return element.evaluate((node) => {
    const line = Math.min(node.getBoundingClientRect().height, 24);
    const box = node.getBoundingClientRect();
    const boxes: Array<{ top: number; bottom: number; what: string }> = [{ top: 0, bottom: window.innerHeight, what: 'window' }];
    for (let parent = node.parentElement; parent; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (/(auto|scroll|hidden)/.test(style.overflowY)) {
        const rect = parent.getBoundingClientRect();
        boxes.push({ top: rect.top, bottom: rect.bottom, what: parent.className.toString().slice(0, 60) });
      }
    }
    const outside = boxes.filter((area) => box.top < area.top - 1 || box.top + line > area.bottom + 1);
    return {
      inView: box.height > 0 && outside.length === 0,
      detail: `line at ${Math.round(box.top)}–${Math.round(box.top + line)}; outside ${outside.map((area) => `${area.what} ${Math.round(area.top)}–${Math.round(area.bottom)}`).join(', ')}`,
    };
  });
}

async function expectFirstLineInView(element: Locator, timeout = 5_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = { inView: false, detail: 'not checked' };
  while (Date.now() < deadline) {
    last = await firstLineInView(element);
    if (last.inView) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The lead line is not in view: ${last.detail}`);
}

/** The outcome's lead in the plain-HTML step. */
function stepLead(page: Page): Locator {
  return page.locator('#triage-step .message--outcome .message__lead');
}

/** The outcome's lead in Web Chat: the first paragraph of the latest bubble that says it. */
function chatLead(page: Page, text: string): Locator {
  return bubbles(page, text).last().locator('p').filter({ hasText: text }).first();
}

function stepButton(page: Page, name: string): Locator {
  return page.locator('#triage-step').getByRole('button', { name, exact: true });
}

/** Back and Change are links, as in GOV.UK's smart answers. */
function stepLink(page: Page, name: string): Locator {
  return page.locator('#triage-step').getByRole('link', { name, exact: true });
}

jest.setTimeout(60_000);

describeInBrowser('the phone page in a real browser', () => {
  let server: RunningServer;
  let launched: LaunchedBrowser;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer({ port: 0, env: {}, log: () => undefined });
    launched = await launchBrowser();
    browser = launched.browser;
  });

  afterAll(async () => {
    await launched?.close();
    await server?.close();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  async function open(options: { viewport: { width: number; height: number }; javaScript?: boolean; bypassCSP?: boolean }): Promise<Page> {
    const context = await newIsolatedContext(browser, {
      viewport: options.viewport,
      javaScriptEnabled: options.javaScript ?? true,
      bypassCSP: options.bypassCSP,
      hasTouch: options.viewport.width < 500,
      isMobile: options.viewport.width < 500,
    });
    contexts.push(context);
    return context.newPage();
  }

  test('before any script runs: the urgent numbers as tel: links and the first question with its answers, in view', async () => {
    for (const viewport of [PHONE, SMALL_PHONE]) {
      const page = await open({ viewport });
      // Hold every script: what shows is the page's own HTML and CSS.
      await page.route('**/*.js', () => undefined);
      // (The deferred scripts hold DOMContentLoaded back, so wait for the page to arrive, not for that.)
      await page.goto(`${server.url}/`, { waitUntil: 'commit' });
      const urgent = page.locator('#urgent');
      await urgent.waitFor();
      for (const number of [facts.emergencyPhone, facts.reportFraudPhone, facts.policeScotlandPhone]) {
        const link = urgent.getByRole('link', { name: number, exact: true });
        await expect(link.getAttribute('href')).resolves.toBe(`tel:${number.replace(/\s/g, '')}`);
        await expectFirstLineInView(link);
      }
      await expect(urgent.innerText()).resolves.toContain(`press ${facts.liveOption}`);
      await expectFirstLineInView(page.locator('#triage-step .message--question .message__heading'));
      for (const option of Object.values(states.happeningNow.options)) await expect(stepButton(page, option).count()).resolves.toBe(1);
      if (viewport === PHONE) await expectFirstLineInView(stepButton(page, states.happeningNow.options.yes));
    }
  });

  test('without JavaScript: a live attack on an organisation, with Back and Change; the lead line in view (390×844, 320×568, 1366×768)', async () => {
    for (const viewport of [PHONE, SMALL_PHONE, DESKTOP]) {
      const page = await open({ viewport, javaScript: false });
      await page.goto(`${server.url}/`);
      await stepButton(page, states.happeningNow.options.yes).click();
      await page.locator('#triage-step h2', { hasText: states.audience.prompt }).waitFor();
      // A plain form post, then back to the same page (POST → 303 → GET).
      expect(page.url()).toBe(`${server.url}/`);

      // Back, then forward again.
      await stepLink(page, content.buttons.back).click();
      await expect(page.locator('#triage-step h2').first().innerText()).resolves.toBe(states.happeningNow.prompt);
      await stepButton(page, states.happeningNow.options.yes).click();
      await stepButton(page, states.audience.options.organisation).click();

      await expectFirstLineInView(stepLead(page));
      await expect(stepLead(page).innerText()).resolves.toContain(fill(states.liveAttack.lead, facts).replace(/\*\*/g, '').split('.')[0]);
      await expect(page.locator('#triage-step a.button--call').first().getAttribute('href')).resolves.toBe(`tel:${facts.reportFraudPhone.replace(/\s/g, '')}`);

      // Change "happening now" from Your answers: the question again; a different answer leads elsewhere, and the
      // other answer ("An organisation") still stands, so it is not asked again.
      await stepLink(page, states.happeningNow.changeButton).click();
      await expect(page.locator('#triage-step h2').first().innerText()).resolves.toBe(states.happeningNow.prompt);
      await stepButton(page, states.happeningNow.options.no).click();
      await expect(page.locator('#triage-step h2').first().innerText()).resolves.toBe(states.location.prompt);
      // No answer in any URL.
      expect(page.url()).toBe(`${server.url}/`);
    }
  });

  test('without JavaScript: a person → a typed postcode → the regional team, with Back and Change; lead line in view', async () => {
    const unitName = leedsUnitName();
    for (const viewport of [PHONE, SMALL_PHONE]) {
      const page = await open({ viewport, javaScript: false });
      await page.goto(`${server.url}/triage`);
      await stepButton(page, states.happeningNow.options.no).click();
      await stepButton(page, states.audience.options.individual).click();
      await stepLink(page, content.buttons.back).click();
      await expect(page.locator('#triage-step h2').first().innerText()).resolves.toBe(states.audience.prompt);
      await stepButton(page, states.audience.options.individual).click();

      const box = page.locator('#triage-step').getByLabel('Or type your answer');
      await box.fill('LS1 4AP');
      await box.press('Enter');
      await expectFirstLineInView(stepLead(page));
      await expect(stepLead(page).innerText()).resolves.toContain(REGIONAL_LEAD);
      await expect(page.locator('#triage-step').innerText()).resolves.toContain(unitName);

      await stepLink(page, states.location.changeButton).click();
      await expect(page.locator('#triage-step h2').first().innerText()).resolves.toBe(states.location.prompt);
      await stepButton(page, states.location.options.scotland).click();
      await expectFirstLineInView(stepLead(page));
      // Start again (the page's header) deletes the answers: the first question, with nothing kept.
      await page.locator('#start-again').click();
      await expect(page.locator('#triage-step h2').first().innerText()).resolves.toBe(states.happeningNow.prompt);
      expect(page.url()).toBe(`${server.url}/triage`);
    }
  });

  test('"Was this helpful?" on a phone: without JavaScript Yes thanks and keeps the outcome; in Web Chat, Yes and No on a small card, Start again below', async () => {
    const plain = await open({ viewport: PHONE, javaScript: false });
    await plain.goto(`${server.url}/triage`);
    await stepButton(plain, states.happeningNow.options.yes).click();
    await stepButton(plain, states.audience.options.organisation).click();
    await expect(plain.locator('#triage-step .message--feedback').innerText()).resolves.toContain(content.feedback.prompt);
    await stepButton(plain, content.feedback.yes).click();
    await plain.locator('#triage-step', { hasText: content.feedback.thanksYes }).waitFor();
    await expectFirstLineInView(plain.locator('#triage-step .message--notice').first());
    await expect(stepLead(plain).innerText()).resolves.toContain(LIVE_LEAD);
    await expect(plain.locator('#triage-step .message--feedback').count()).resolves.toBe(0);
    await expect(stepButton(plain, content.summary.startAgainButton).count()).resolves.toBe(1);

    const chat = await open({ viewport: PHONE });
    await chat.goto(`${server.url}/`);
    await waitForBubble(chat, states.happeningNow.prompt);
    await optionButton(chat, states.happeningNow.options.no).click();
    await waitForBubble(chat, states.audience.prompt);
    await optionButton(chat, states.audience.options.individual).click();
    await waitForBubble(chat, states.location.prompt);
    const sendBox = chat.getByRole('textbox').first();
    await sendBox.fill('LS1 4AP');
    await sendBox.press('Enter');
    await waitForBubble(chat, content.feedback.prompt);
    // The outcome's lead is still where it arrived, the prompt below "Your answers".
    await expectFirstLineInView(chatLead(chat, REGIONAL_LEAD));
    for (const name of [content.summary.startAgainButton, content.buttons.changeAnswer]) {
      await expect(optionButton(chat, name).count()).resolves.toBe(1);
    }
    const card = transcript(chat).locator('.ac-adaptiveCard').last();
    await expect(card.getByRole('button', { name: content.feedback.yes }).count()).resolves.toBe(1);
    await card.getByRole('button', { name: content.feedback.no }).click();
    await waitForBubble(chat, content.feedback.thanksNo.split('.')[0]);
    await optionButton(chat, content.summary.startAgainButton).waitFor();
    expect(await cspViolations(chat)).toEqual([]);
  });

  test('in Web Chat, each outcome\'s lead line is at the top of the chat when it arrives (390×844, 320×568, 1366×768)', async () => {
    for (const viewport of [PHONE, SMALL_PHONE, DESKTOP]) {
      const page = await open({ viewport });
      await page.goto(`${server.url}/`);
      await waitForBubble(page, states.happeningNow.prompt);
      await optionButton(page, states.happeningNow.options.yes).click();
      await waitForBubble(page, states.audience.prompt);
      await optionButton(page, states.audience.options.organisation).click();
      await waitForBubble(page, LIVE_LEAD);
      await expectFirstLineInView(chatLead(page, LIVE_LEAD));

      await optionButton(page, states.liveAttack.showRegionalTeamButton).click();
      await waitForBubble(page, states.location.prompt);
      const sendBox = page.getByRole('textbox').first();
      await sendBox.fill('LS1 4AP');
      await sendBox.press('Enter');
      await waitForBubble(page, leedsUnitName());
      // A live organisation's regional outcome leads with the reminder to call first.
      await expectFirstLineInView(chatLead(page, opening(states.regionalTeam.liveReminder)));
      expect(await cspViolations(page)).toEqual([]);
    }
  });

  test('phone numbers in Web Chat are tap-to-call links', async () => {
    const page = await open({ viewport: PHONE });
    await page.goto(`${server.url}/`);
    await waitForBubble(page, states.happeningNow.prompt);
    const greeting = bubbles(page, content.greeting.split('.')[0]).last();
    await expect(greeting.locator(`a[href="tel:${facts.emergencyPhone}"]`).count()).resolves.toBe(1);
    await optionButton(page, states.happeningNow.options.yes).click();
    await waitForBubble(page, states.audience.prompt);
    await optionButton(page, states.audience.options.organisation).click();
    await waitForBubble(page, LIVE_LEAD);
    const outcome = bubbles(page, LIVE_LEAD).last();
    await expect(outcome.locator(`a[href="tel:${facts.reportFraudPhone.replace(/\s/g, '')}"]`).first().innerText()).resolves.toBe(facts.reportFraudPhone);
    // 101 in the text, and its call button after the lead.
    await expect(outcome.locator(`a[href="tel:${facts.policeScotlandPhone}"]:not(.chat-action)`).count()).resolves.toBe(1);
    await expect(outcome.locator(`a.chat-action--call[href="tel:${facts.policeScotlandPhone}"]`).count()).resolves.toBe(1);
    // A plain link: no new window for a phone call.
    await expect(outcome.locator('a[href^="tel:"][target]').count()).resolves.toBe(0);
  });

  test('Web Chat takes over from an answer already given on the page, and the conversation continues there', async () => {
    const page = await open({ viewport: PHONE });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/webchat/**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}/`);
    await stepButton(page, states.happeningNow.options.yes).click();
    await expect(page.locator('#triage-step h2').first()).toBeDefined();
    await page.locator('#triage-step h2', { hasText: states.audience.prompt }).waitFor();
    expect(page.url()).toBe(`${server.url}/`); // answered in place, no reload
    release();

    await waitForBubble(page, states.audience.prompt);
    // Web Chat continues: the question already answered is not asked again, and the step has gone.
    await expect(bubbles(page, states.happeningNow.prompt).count()).resolves.toBe(0);
    await expect(page.locator('#triage').isHidden()).resolves.toBe(true);
    await optionButton(page, states.audience.options.organisation).click();
    await waitForBubble(page, LIVE_LEAD);
    await expectFirstLineInView(chatLead(page, LIVE_LEAD));
    const summary = bubbles(page, content.summary.heading.split('{')[0].replace(/\*\*/g, '').trim()).last();
    await expect(summary.innerText()).resolves.toContain(states.happeningNow.summary.yes);
  });

  test('when Web Chat cannot load, the page\'s own triage carries on to the outcome', async () => {
    const page = await open({ viewport: SMALL_PHONE });
    await page.route('**/webchat/**', (route) => route.abort('failed'));
    await page.goto(`${server.url}/`);
    await stepButton(page, states.happeningNow.options.yes).click();
    await page.locator('#triage-step h2', { hasText: states.audience.prompt }).waitFor();
    await stepButton(page, states.audience.options.organisation).click();
    await stepLead(page).waitFor();
    await expectFirstLineInView(stepLead(page));
    // Change works in place too (the link is answered by the page's script, no reload).
    await stepLink(page, states.happeningNow.changeButton).click();
    await page.locator('#triage-step h2', { hasText: states.happeningNow.prompt }).waitFor();
    // "Not sure" counts as happening now, and "An organisation" still stands: the live-attack outcome again.
    await stepButton(page, states.happeningNow.options.notSure).click();
    await page.locator('#triage-step h2', { hasText: states.happeningNow.prompt }).waitFor({ state: 'detached' });
    await stepLead(page).waitFor();
    await expectFirstLineInView(stepLead(page));
    expect(page.url()).toBe(`${server.url}/`);
    await expect(page.locator('#webchat').isHidden()).resolves.toBe(true);
    expect(await cspViolations(page)).toEqual([]);
  });

  test('the chat fills at least 70% of a 390×844 screen; the privacy notice is one line with "More"', async () => {
    const page = await open({ viewport: PHONE });
    await page.goto(`${server.url}/`);
    await waitForBubble(page, states.happeningNow.prompt);
    const chat = await page.locator('#webchat').boundingBox();
    expect(chat!.height / PHONE.height).toBeGreaterThanOrEqual(0.7);
    const summary = page.locator('.notice--short summary');
    const box = await summary.boundingBox();
    expect(box!.height).toBeLessThanOrEqual(48);
    await expect(summary.innerText()).resolves.toMatch(/More$/);
    await expect(page.locator('.notice--short .notice__text').isVisible()).resolves.toBe(false);
    await summary.click();
    await expect(page.locator('.notice--short .notice__text').isVisible()).resolves.toBe(true);
    await expect(page.locator('.notice--full').isVisible()).resolves.toBe(false);

    const desktop = await open({ viewport: { width: 1366, height: 1000 } });
    await desktop.goto(`${server.url}/`);
    await expect(desktop.locator('.notice--full .notice__text').isVisible()).resolves.toBe(true);
  });

  test('Exit this page: Shift pressed 3 times leaves (page replaced, session storage cleared); capitals and Esc do not', async () => {
    const page = await open({ viewport: PHONE });
    await page.goto(`${server.url}/`);
    await waitForBubble(page, states.happeningNow.prompt);
    expect(await page.evaluate((key) => sessionStorage.getItem(key), STORAGE_KEY)).not.toBeNull();

    // Esc belongs to Web Chat: in the send box and in the transcript it does not leave.
    const sendBox = page.getByRole('textbox').first();
    await sendBox.focus();
    await page.keyboard.press('Escape');
    await page.locator('.webchat__basic-transcript').first().focus();
    await page.keyboard.press('Escape');
    // Shift as part of capitals (typing "LS1") is not the shortcut.
    await sendBox.focus();
    await page.keyboard.type('LS1 LS1 LS1');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(`${server.url}/`);

    const historyBefore = await page.evaluate(() => history.length);
    await sendBox.fill('');
    for (let press = 0; press < 3; press++) await page.keyboard.press('Shift');
    await page.waitForURL(`${NEUTRAL_PAGE}**`);
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
    await page.goto(`${server.url}/favicon.svg`);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  test('Exit this page on the plain-HTML triage: by the button without JavaScript, by Shift×3 with it', async () => {
    const plain = await open({ viewport: PHONE, javaScript: false });
    await plain.goto(`${server.url}/triage`);
    await plain.getByRole('button', { name: /Exit this page/ }).click();
    await plain.waitForURL(`${NEUTRAL_PAGE}**`);

    const page = await open({ viewport: PHONE });
    await page.goto(`${server.url}/triage`);
    await stepButton(page, states.happeningNow.options.yes).click();
    await page.locator('#triage-step h2', { hasText: states.audience.prompt }).waitFor();
    for (let press = 0; press < 3; press++) await page.keyboard.press('Shift');
    await page.waitForURL(`${NEUTRAL_PAGE}**`);
    // The answers on the server went too: coming back starts afresh.
    await page.goto(`${server.url}/triage`);
    await expect(page.locator('#triage-step h2').first().innerText()).resolves.toBe(states.happeningNow.prompt);
  });

  test('axe-core finds no violations: without JavaScript (question, outcome) and with it (the step, Web Chat\'s outcome)', async () => {
    const noScript = await open({ viewport: PHONE, bypassCSP: true });
    // The plain-HTML pages with no script of ours running: everything the no-JS user gets.
    await noScript.route('**/*.js', (route) => route.abort('blockedbyclient'));
    await noScript.goto(`${server.url}/triage`);
    expect((await axeScan(noScript, 'no-JS question')).violations).toEqual([]);
    await stepButton(noScript, states.happeningNow.options.yes).click();
    await stepButton(noScript, states.audience.options.organisation).click();
    await stepLead(noScript).waitFor();
    expect((await axeScan(noScript, 'no-JS live-attack outcome')).violations).toEqual([]);
    await stepButton(noScript, states.liveAttack.showRegionalTeamButton).click();
    const box = noScript.locator('#triage-step').getByLabel('Or type your answer');
    await box.fill('LS1 4AP');
    await box.press('Enter');
    await stepLead(noScript).waitFor();
    expect((await axeScan(noScript, 'no-JS regional outcome')).violations).toEqual([]);

    // With script, before Web Chat has loaded: the step answered in place.
    const early = await open({ viewport: PHONE, bypassCSP: true });
    await early.route('**/webchat/**', () => undefined);
    await early.goto(`${server.url}/`);
    await stepButton(early, states.happeningNow.options.no).click();
    await early.locator('#triage-step h2', { hasText: states.audience.prompt }).waitFor();
    expect((await axeScan(early, 'the step answered in place, before Web Chat')).violations).toEqual([]);

    const withScript = await open({ viewport: PHONE, bypassCSP: true });
    await withScript.goto(`${server.url}/`);
    await waitForBubble(withScript, states.happeningNow.prompt);
    await optionButton(withScript, states.happeningNow.options.yes).click();
    await waitForBubble(withScript, states.audience.prompt);
    await optionButton(withScript, states.audience.options.organisation).click();
    await waitForBubble(withScript, LIVE_LEAD);
    expect((await axeScan(withScript, 'Web Chat live-attack outcome, phone')).violations).toEqual([]);
  });
});
