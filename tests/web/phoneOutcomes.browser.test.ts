import type { Browser, BrowserContext, Page } from 'playwright-core';
import { contentFor, fill } from '../../dialogs/content';
import { contactFacts } from '../../dialogs/facts';
import { startServer, type RunningServer } from '../../index';
import { axeScan } from './axe';
import { bubbles, cspViolations, describeInBrowser, launchBrowser, newIsolatedContext, optionButton, transcript, until, waitForBubble, type LaunchedBrowser } from './browser';

/**
 * A page a force can publish, on a phone, in real headless Chromium:
 * - every kind of outcome in Web Chat at 390×844 and 360×740: its lead line in view when it arrives, at least twelve
 *   of its lines in view, the answer buttons at most a quarter of the chat's height, axe-core clean;
 * - a reload at every step, with a tap straight away: the chat comes back and the tap answers it, never a new triage;
 * - the pages in English and Welsh, with and without JavaScript, at 320, 360 and 390 px: nothing overlaps, nothing is
 *   squeezed, nothing scrolls sideways, and the line in the other language says so (`lang`);
 * - the privacy and accessibility statements, axe-core clean.
 * One browser and one server for the file; one page per screen size, Start again between journeys.
 */

const en = contentFor('en');
const cy = contentFor('cy');
const states = en.states;
const facts = contactFacts(en);
const PHONES = [
  { name: '390×844', width: 390, height: 844 },
  { name: '360×740', width: 360, height: 740 },
];

/** The first words of a template, before its first placeholder, without markdown. */
function opening(template: string): string {
  return template.split('{')[0].replace(/\*\*/g, '').trim();
}

interface Journey {
  name: string;
  /** Buttons to press (or text to type, when no button has that label), in order. */
  steps: string[];
  /** Words the outcome's lead paragraph starts with. */
  lead: string;
}

const JOURNEYS: Journey[] = [
  { name: 'a live attack on an organisation', steps: [states.happeningNow.options.yes, states.audience.options.organisation], lead: opening(fill(states.liveAttack.lead, facts)) },
  // A person under a live attack: what to do now first, then their regional team.
  { name: 'a person, live', steps: [states.happeningNow.options.yes, states.audience.options.individual, 'LS1 4AP'], lead: opening(states.regionalTeam.individualLiveHeading) },
  { name: 'the regional team', steps: [states.happeningNow.options.no, states.audience.options.individual, 'LS1 4AP'], lead: opening(states.regionalTeam.lead) },
  { name: 'Scotland', steps: [states.happeningNow.options.no, states.audience.options.organisation, states.location.options.scotland], lead: opening(states.regionalTeam.lead) },
  { name: 'an island (Jersey)', steps: [states.happeningNow.options.no, states.audience.options.organisation, 'Jersey'], lead: 'Jersey is outside the UK police network' },
  { name: 'abroad', steps: [states.happeningNow.options.no, states.audience.options.individual, states.location.options.outsideUk], lead: opening(states.outsideUk.abroad) },
];

interface OutcomeView {
  found: boolean;
  /** The lead line's top and bottom, and whether it is inside every scrolling box around it and the window. */
  leadInView: boolean;
  /** Lines of the outcome's message (text lines, a row of buttons counting once per line of its labels). */
  lines: number;
  visibleLines: number;
  chatHeight: number;
  buttonsHeight: number;
}

/** What of the latest outcome message can be seen, measured in the page. */
async function outcomeView(page: Page, lead: string): Promise<OutcomeView> {
  return page.evaluate(`(${((marker: string) => {
    const all = Array.from(document.querySelectorAll('.webchat__basic-transcript__transcript .webchat__bubble__content')).filter((bubble) =>
      (bubble.textContent || '').includes(marker),
    );
    const bubble = all[all.length - 1] as HTMLElement | undefined;
    const chat = (document.getElementById('webchat') as HTMLElement).getBoundingClientRect();
    const buttons = document.querySelector('#webchat .webchat__suggested-actions');
    const buttonsHeight = buttons ? buttons.getBoundingClientRect().height : 0;
    if (!bubble) return { found: false, leadInView: false, lines: 0, visibleLines: 0, chatHeight: chat.height, buttonsHeight };
    let top = 0;
    let bottom = window.innerHeight;
    for (let parent = bubble.parentElement; parent; parent = parent.parentElement) {
      if (/(auto|scroll|hidden)/.test(getComputedStyle(parent).overflowY)) {
        const rect = parent.getBoundingClientRect();
        top = Math.max(top, rect.top);
        bottom = Math.min(bottom, rect.bottom);
      }
    }
    const rects: Array<{ top: number; bottom: number }> = [];
    const walker = document.createTreeWalker(bubble, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(node.textContent || '').trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects())) if (rect.width > 0 && rect.height > 0) rects.push({ top: rect.top, bottom: rect.bottom });
    }
    rects.sort((a, b) => a.top - b.top);
    const lines: Array<{ top: number; bottom: number }> = [];
    for (const rect of rects) {
      const last = lines[lines.length - 1];
      if (last && rect.top < last.bottom - 4) last.bottom = Math.max(last.bottom, rect.bottom);
      else lines.push({ ...rect });
    }
    const inView = (line: { top: number; bottom: number }) => line.top >= top - 1 && line.bottom <= bottom + 1;
    const leadNode = Array.from(bubble.querySelectorAll('p')).find((paragraph) => (paragraph.textContent || '').includes(marker));
    const leadRect = leadNode ? leadNode.getBoundingClientRect() : null;
    const leadLine = leadRect ? { top: leadRect.top, bottom: leadRect.top + Math.min(leadRect.height, 24) } : null;
    return {
      found: true,
      leadInView: Boolean(leadLine && inView(leadLine)),
      lines: lines.length,
      visibleLines: lines.filter(inView).length,
      chatHeight: chat.height,
      buttonsHeight,
    };
  }).toString()})(${JSON.stringify(lead)})`);
}

/** The messages in the visible transcript, the user's and the bot's. */
function activities(page: Page) {
  return transcript(page).locator('.webchat__basic-transcript__activity');
}

/** Web Chat shows straight quotes as typographic ones ("Ydy'r" as "Ydy’r"): the words as it shows them. */
function asShown(text: string): string {
  return text.replace(/'/g, '\u2019');
}

/**
 * Presses the button with this label among the latest answer buttons (or types the words when there is none), then
 * waits for the bot's reply (the answer and at least one message after it) and its answer buttons.
 */
async function answer(page: Page, step: string): Promise<void> {
  const before = await activities(page).count();
  const button = optionButton(page, step);
  if (await button.count()) {
    await button.click();
  } else {
    const box = page.getByRole('textbox').first();
    await box.fill(step);
    await box.press('Enter');
  }
  await until(async () => (await activities(page).count()) >= before + 2, true, 15_000);
  await page.locator('#webchat .webchat__suggested-actions button').first().waitFor();
}

jest.setTimeout(180_000);

describeInBrowser('a page a force can publish, on a phone', () => {
  let server: RunningServer;
  let launched: LaunchedBrowser;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer({ port: 0, env: { LANGUAGES: 'en,cy' }, log: () => undefined });
    launched = await launchBrowser();
    browser = launched.browser;
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    await launched?.close();
    await server?.close();
  });

  async function open(viewport: { width: number; height: number }, options: { javaScript?: boolean; bypassCSP?: boolean } = {}): Promise<Page> {
    const context = await newIsolatedContext(browser, {
      viewport,
      isMobile: true,
      hasTouch: true,
      javaScriptEnabled: options.javaScript ?? true,
      bypassCSP: options.bypassCSP,
    });
    contexts.push(context);
    return context.newPage();
  }

  describe.each(PHONES)('every kind of outcome in Web Chat at $name', (phone) => {
    let page: Page;
    beforeAll(async () => {
      // axe-core is injected into the page, so this page's CSP is bypassed (the other tests keep it).
      page = await open(phone, { bypassCSP: true });
      await page.goto(`${server.url}/`);
      await waitForBubble(page, states.happeningNow.prompt);
    });

    test.each(JOURNEYS)('$name: the lead line in view when it arrives, 12 lines or more in view, buttons ≤ 25% of the chat, axe clean', async (journey) => {
      for (const step of journey.steps) await answer(page, step);
      const lead = asShown(journey.lead);
      await waitForBubble(page, lead);
      await optionButton(page, en.summary.startAgainButton).waitFor();
      await page.waitForTimeout(400); // Web Chat's scroll to the new messages settles
      const view = await outcomeView(page, lead);
      // The figures, for a person measuring the page (PHONE_REPORT=1); the tests assert on them.
      // eslint-disable-next-line no-console
      if (process.env.PHONE_REPORT) console.log(`${phone.name} ${journey.name}: ${view.visibleLines} of ${view.lines} lines in view; buttons ${Math.round(view.buttonsHeight)} of ${Math.round(view.chatHeight)} px (${Math.round((100 * view.buttonsHeight) / view.chatHeight)}%)`);
      expect(view.found).toBe(true);
      expect(view.leadInView).toBe(true);
      expect(view.visibleLines).toBeGreaterThanOrEqual(Math.min(12, view.lines));
      expect(view.buttonsHeight / view.chatHeight).toBeLessThanOrEqual(0.25);
      // One "Change an answer" for the Change buttons; "Was this helpful?" is not among the answer buttons.
      await expect(optionButton(page, en.buttons.changeAnswer).count()).resolves.toBe(1);
      await expect(optionButton(page, en.feedback.yes).count()).resolves.toBe(0);
      const scan = await axeScan(page, `Web Chat, ${journey.name}, ${phone.name}`);
      expect(scan.violations).toEqual([]);
      await answer(page, en.summary.startAgainButton);
    });

    test('the call buttons are tel: links after the lead; "Change an answer" lists the answers; feedback is a small card', async () => {
      await answer(page, states.happeningNow.options.yes);
      await answer(page, states.audience.options.organisation);
      const lead = opening(fill(states.liveAttack.lead, facts));
      await waitForBubble(page, lead);
      const outcome = bubbles(page, lead).last();
      const call = outcome.locator('.chat-actions a.chat-action--call').first();
      await expect(call.getAttribute('href')).resolves.toBe(`tel:${facts.reportFraudPhone.replace(/\s/g, '')}`);
      await expect(call.getAttribute('target')).resolves.toBeNull();
      // The row of buttons comes straight after the lead paragraph.
      await expect(outcome.locator('p').first().evaluate((lead) => lead.nextElementSibling?.classList.contains('chat-actions'))).resolves.toBe(true);
      const box = await call.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(24);

      // "Was this helpful?": its Yes and No side by side on one small card.
      const card = page.locator('.webchat__basic-transcript__transcript .ac-adaptiveCard').last();
      const [yes, no] = await Promise.all([card.getByRole('button', { name: en.feedback.yes }).boundingBox(), card.getByRole('button', { name: en.feedback.no }).boundingBox()]);
      expect(Math.abs(yes!.y - no!.y)).toBeLessThan(4);

      await answer(page, en.buttons.changeAnswer);
      await waitForBubble(page, en.summary.changeWhich);
      for (const name of [states.happeningNow.changeButton, states.audience.changeButton]) await optionButton(page, name).waitFor();
      await answer(page, states.audience.changeButton);
      await waitForBubble(page, states.audience.prompt);
      expect(await cspViolations(page)).toEqual([]);
      await answer(page, en.buttons.startAgain);
    });
  });

  test('a reload at every step, tapped at once, carries on the same chat: never a new triage, never a lost transcript', async () => {
    const page = await open(PHONES[1]);
    await page.goto(`${server.url}/`);
    await waitForBubble(page, states.happeningNow.prompt);
    const steps: Array<{ tap: string; next: string }> = [
      { tap: states.happeningNow.options.no, next: states.audience.prompt },
      { tap: states.audience.options.individual, next: states.location.prompt },
      { tap: states.location.options.scotland, next: opening(states.regionalTeam.lead) },
      { tap: en.summary.startAgainButton, next: en.replies.startingAgain.split('.')[0] },
    ];
    for (const [index, step] of steps.entries()) {
      await page.reload({ waitUntil: 'commit' });
      // Whatever answer button shows first, on the page's own step or in the restored chat, is tapped at once.
      const tappable = page.locator('#triage-step button[type="submit"], .webchat__suggested-actions button').filter({ hasText: new RegExp(`^${step.tap}$`) });
      const shownFirst = await Promise.race([
        page.locator('#triage-step[data-restoring="true"]').waitFor().then(() => 'restoring', () => 'none'),
        tappable.first().waitFor().then(() => 'button', () => 'none'),
      ]);
      // The page never offers its own first question while the chat is coming back.
      expect(shownFirst).toBe('restoring');
      await tappable.first().click();
      await waitForBubble(page, step.next);
      // The chat went on: one greeting, every earlier answer still in the transcript, the question before not asked again.
      await expect(bubbles(page, en.greeting.split('.')[0]).count()).resolves.toBe(1);
      for (const earlier of steps.slice(0, index + 1)) {
        await expect(transcript(page).getByText(earlier.tap, { exact: true }).count()).resolves.toBeGreaterThan(0);
      }
    }
    // Start again was the last tap: a new triage in the same chat, its first question asked once more.
    await expect(bubbles(page, states.happeningNow.prompt).count()).resolves.toBe(2);
    expect(await cspViolations(page)).toEqual([]);
  });

  describe.each([
    ['English', '/'],
    ['Welsh', '/?locale=cy-GB'],
    ['English, no JavaScript', '/triage'],
    ['Welsh, no JavaScript', '/triage?locale=cy-GB'],
  ])('the %s page at 320, 360 and 390 px', (_name, route) => {
    test.each([320, 360, 390])('%i px: nothing overlaps, nothing is squeezed, nothing scrolls sideways; other-language lines are marked', async (width) => {
      const page = await open({ width, height: 740 }, { javaScript: !route.startsWith('/triage') });
      await page.goto(`${server.url}${route}`);
      if (route.startsWith('/triage')) await page.locator('#triage-step').waitFor();
      else await waitForBubble(page, asShown(route.includes('cy') ? cy.states.happeningNow.prompt : states.happeningNow.prompt));
      const layout = await page.evaluate(`(${(() => {
        const boxes = ['.banner__title', '.banner__language', '#start-again', '#leave']
          .map((selector) => ({ selector, element: document.querySelector(selector) as HTMLElement | null }))
          .filter((item) => item.element)
          .map(({ selector, element }) => ({ selector, rect: element!.getBoundingClientRect(), element: element! }));
        const overlaps: string[] = [];
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i].rect;
            const b = boxes[j].rect;
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps.push(`${boxes[i].selector} × ${boxes[j].selector}`);
          }
        }
        // Squeezed: a box narrower than its longest word, text cut off, or off the screen.
        const squeezed = boxes
          .filter(({ element, rect }) => element.scrollWidth > element.clientWidth + 1 || rect.right > window.innerWidth + 1 || rect.left < -1)
          .map(({ selector }) => selector);
        const title = boxes.find((box) => box.selector === '.banner__title');
        const titleLines = title ? Math.round(title.rect.height / parseFloat(getComputedStyle(title.element).lineHeight)) : 0;
        return {
          overlaps,
          squeezed,
          titleWidth: title ? title.rect.width : 0,
          titleLines,
          sideways: document.documentElement.scrollWidth > window.innerWidth + 1,
        };
      }).toString()})()`) as { overlaps: string[]; squeezed: string[]; titleWidth: number; titleLines: number; sideways: boolean };
      expect(layout.overlaps).toEqual([]);
      expect(layout.squeezed).toEqual([]);
      expect(layout.titleWidth).toBeGreaterThanOrEqual(120);
      expect(layout.titleLines).toBeLessThanOrEqual(3);
      expect(layout.sideways).toBe(false);
      // The greeting's offer of the other language is marked as that language, on the page and in Web Chat.
      const other = route.includes('cy') ? en : cy;
      const offer = route.startsWith('/triage')
        ? page.locator('#triage-step p').filter({ hasText: other.language.offer }).first()
        : transcript(page).locator('p').filter({ hasText: asShown(other.language.offer) }).first();
      await expect(offer.getAttribute('lang')).resolves.toBe(other.lang);
      // And the language link names the other language in it.
      await expect(page.locator(`.banner__language span[lang="${other.lang}"]`).count()).resolves.toBe(1);
    });
  });

  test('the privacy and accessibility statements, in English and Welsh, on a phone: axe-core clean, nothing scrolls sideways', async () => {
    const page = await open(PHONES[1], { bypassCSP: true });
    for (const route of ['/privacy', '/accessibility', '/privacy?locale=cy-GB', '/accessibility?locale=cy-GB']) {
      await page.goto(`${server.url}${route}`);
      expect((await axeScan(page, `statement ${route}`)).violations).toEqual([]);
      await expect(page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).resolves.toBe(true);
    }
  });

  test('the chat page\'s footer links both statements, a scroll below the chat on a phone', async () => {
    const page = await open(PHONES[0], { javaScript: false });
    await page.goto(`${server.url}/`);
    const footer = page.locator('footer.footer');
    await expect(footer.getByRole('link', { name: en.statements.privacyLink }).getAttribute('href')).resolves.toBe('/privacy');
    await expect(footer.getByRole('link', { name: en.statements.accessibilityLink }).getAttribute('href')).resolves.toBe('/accessibility');
    // Below the screen (the chat keeps the whole screen), reachable by scrolling.
    const box = await footer.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(PHONES[0].height - 1);
    await footer.getByRole('link', { name: en.statements.accessibilityLink }).click();
    await page.locator('h1', { hasText: en.statements.accessibility.title }).waitFor();
  });
});
