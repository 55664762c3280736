/**
 * `npm run screenshot`: starts the real server on a free port and saves, from headless Chromium:
 *   docs/web-chat.png                   a completed conversation in Web Chat on a desktop (No → Myself → LS1 4AP);
 *   docs/phone-first-screen.png         a 390×844 phone's first screen, as the page's own HTML paints it (no script
 *                                       has run: the urgent numbers and the first question);
 *   docs/phone-live-attack.png          the live-attack outcome after two taps (Yes → An organisation) on the page's
 *                                       own triage, as it arrives on a slow phone before Web Chat has loaded;
 *   docs/phone-live-attack-webchat.png  the same outcome once Web Chat has taken over;
 *   docs/phone-regional-webchat.png     a regional outcome in Web Chat on a phone (No → Myself → LS1 4AP);
 *   docs/welsh-page-360.png             a Welsh force's page in Welsh at 360×740 (Web Chat, the first question);
 *   docs/welsh-outcome-360.png          a Welsh outcome at 360×740 (Nac ydy → Fi fy hun → CF10 1EP: TARIAN).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startServer } from '../../index';
import { contentFor } from '../../dialogs/content';
import { launchBrowser, newIsolatedContext, optionButton, waitForBubble } from './browser';

const DOCS = path.resolve(__dirname, '..', '..', 'docs');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const SMALL_PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const cy = contentFor('cy');
/** Web Chat shows straight quotes as typographic ones. */
const asShown = (text: string) => text.replace(/'/g, '\u2019');

async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(800); // let the transcript finish scrolling
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function main(): Promise<void> {
  mkdirSync(DOCS, { recursive: true });
  const server = await startServer({ port: 0, env: {}, log: () => undefined });
  // A force in Wales: its page offers English and Welsh.
  const welshServer = await startServer({ port: 0, env: { DEFAULT_NATION: 'wales' }, log: () => undefined });
  const launched = await launchBrowser();
  const save = async (page: Page, name: string) => {
    const file = path.join(DOCS, name);
    await page.screenshot({ path: file });
    console.log(`saved ${path.relative(process.cwd(), file)}`);
  };
  try {
    const desktop = await (await newIsolatedContext(launched.browser, { viewport: { width: 1100, height: 1900 } })).newPage();
    await desktop.goto(`${server.url}/`);
    await waitForBubble(desktop, 'Is the incident happening now?');
    await optionButton(desktop, 'No').click();
    await waitForBubble(desktop, 'Are you asking for');
    await optionButton(desktop, 'Myself').click();
    await waitForBubble(desktop, 'Where are you');
    const sendBox = desktop.getByRole('textbox').first();
    await sendBox.fill('LS1 4AP');
    await sendBox.press('Enter');
    await waitForBubble(desktop, 'Yorkshire and Humber Regional Organised Crime Unit');
    await desktop.mouse.move(0, 0);
    await settle(desktop);
    await save(desktop, 'web-chat.png');

    // The phone before any script: hold the scripts, so the picture is the page's own HTML and CSS.
    const phone = await (await newIsolatedContext(launched.browser, PHONE)).newPage();
    await phone.route('**/*.js', () => undefined);
    await phone.goto(`${server.url}/`, { waitUntil: 'commit' });
    await phone.locator('#triage-step').waitFor();
    await save(phone, 'phone-first-screen.png');

    // Two taps on the page's own triage (Web Chat held back, as on a slow network).
    const slow = await (await newIsolatedContext(launched.browser, PHONE)).newPage();
    await slow.route('**/webchat/**', () => undefined);
    await slow.goto(`${server.url}/`);
    await slow.locator('#triage-step').getByRole('button', { name: 'Yes', exact: true }).tap();
    await slow.locator('#triage-step').getByRole('button', { name: 'An organisation', exact: true }).tap();
    await slow.locator('#triage-step .message--outcome').waitFor();
    await settle(slow);
    await save(slow, 'phone-live-attack.png');

    const chat = await (await newIsolatedContext(launched.browser, PHONE)).newPage();
    await chat.goto(`${server.url}/`);
    await waitForBubble(chat, 'Is the incident happening now?');
    await optionButton(chat, 'Yes').tap();
    await waitForBubble(chat, 'Are you asking for');
    await optionButton(chat, 'An organisation').tap();
    await waitForBubble(chat, 'Call Report Fraud now');
    await settle(chat);
    await save(chat, 'phone-live-attack-webchat.png');

    const regional = await (await newIsolatedContext(launched.browser, PHONE)).newPage();
    await regional.goto(`${server.url}/`);
    await waitForBubble(regional, 'Is the incident happening now?');
    await optionButton(regional, 'No').tap();
    await waitForBubble(regional, 'Are you asking for');
    await optionButton(regional, 'Myself').tap();
    await waitForBubble(regional, 'Where are you');
    const box = regional.getByRole('textbox').first();
    await box.fill('LS1 4AP');
    await box.press('Enter');
    await waitForBubble(regional, 'Yorkshire and Humber Regional Organised Crime Unit');
    await settle(regional);
    await save(regional, 'phone-regional-webchat.png');

    const welsh = await (await newIsolatedContext(launched.browser, SMALL_PHONE)).newPage();
    await welsh.goto(`${welshServer.url}/?locale=cy-GB`);
    await waitForBubble(welsh, asShown(cy.states.happeningNow.prompt));
    await settle(welsh);
    await save(welsh, 'welsh-page-360.png');
    // (Web Chat names its answer buttons' toolbar in Welsh too: found by their place, not that name.)
    const welshButton = (name: string) => welsh.locator('.webchat__suggested-actions').getByRole('button', { name, exact: true });
    await welshButton(cy.states.happeningNow.options.no).tap();
    await waitForBubble(welsh, asShown(cy.states.audience.prompt));
    await welshButton(cy.states.audience.options.individual).tap();
    await waitForBubble(welsh, asShown(cy.states.location.prompt));
    const welshBox = welsh.getByRole('textbox').first();
    await welshBox.fill('CF10 1EP');
    await welshBox.press('Enter');
    await waitForBubble(welsh, 'TARIAN');
    await settle(welsh);
    await save(welsh, 'welsh-outcome-360.png');
  } finally {
    await launched.close();
    await server.close();
    await welshServer.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
