import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import * as restify from 'restify';
import { ConversationStore } from '../../bots/conversationStore';
import { statementFacts } from '../../data/statements';
import cy from '../../dialogs/content/cy.json';
import en from '../../dialogs/content/en.json';
import { registerWebChat } from '../../web/register';
import type { WebChatDeployment } from '../../web/settings';
import { textOf } from './formClient';

/**
 * The privacy statement (/privacy) and the accessibility statement (/accessibility) over HTTP, without JavaScript:
 * in English and in Welsh, linked from the footer of the service's pages, naming the controller and the contacts the
 * deployment sets and saying plainly when one is not set (never a made-up name).
 */

const SECRET = 'a-secret-for-the-tests-of-at-least-32-characters';

async function startPages(deployment: WebChatDeployment = {}, env: Record<string, string> = {}) {
  const store = new ConversationStore(new MemoryStorage());
  const server = restify.createServer({ name: 'statements', handleUncaughtExceptions: false });
  registerWebChat(server, { env: { WEB_TRIAGE_SECRET: SECRET, ...env }, log: () => undefined, conversations: store, deployment });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The page's words as read: markup, styles and scripts dropped, no space before punctuation. */
const wordsOf = (html: string) =>
  textOf(html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<script[\s\S]*?<\/script>/g, ''))
    .replace(/\s+([.,;:!?)])/g, '$1')
    .replace(/\(\s+/g, '(');

async function get(base: string, route: string): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await fetch(`${base}${route}`);
  return { status: response.status, html: await response.text(), headers: response.headers };
}

const SET: WebChatDeployment = {
  languages: ['en', 'cy'],
  statements: {
    controller: { en: 'Chief Constable of Example Police', cy: 'Prif Gwnstabl Heddlu Enghraifft' },
    contact: 'dpo@example.police.uk',
    privacyNoticeUrl: 'https://www.example.police.uk/privacy-notice',
    accessibilityContact: 'https://www.example.police.uk/accessibility-problem',
  },
};

describe('the statements with nothing set: each says plainly what is not set', () => {
  let pages: Awaited<ReturnType<typeof startPages>>;
  beforeAll(async () => {
    pages = await startPages({ languages: ['en', 'cy'] });
  });
  afterAll(() => pages.close());

  test.each([
    ['/privacy', en, en.statements.privacy],
    ['/privacy?locale=cy-GB', cy, cy.statements.privacy],
    // A shared link in the form /triage and /advice take (?lang=cy) keeps its Welsh.
    ['/privacy?lang=cy', cy, cy.statements.privacy],
    ['/accessibility', en, en.statements.accessibility],
    ['/accessibility?locale=cy-GB', cy, cy.statements.accessibility],
    ['/accessibility?lang=cy', cy, cy.statements.accessibility],
  ])('GET %s: a plain page in its language, every section, no script of its own but Exit this page', async (route, content, statement) => {
    const { status, html, headers } = await get(pages.url, route);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/html/);
    expect(headers.get('content-language')).toBe(content.lang);
    expect(headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(html).toContain(`<html lang="${content.lang}">`);
    expect(html).toContain(`<h1 class="statement__title">${statement.title}</h1>`);
    const words = wordsOf(html);
    for (const section of statement.sections) expect(words).toContain(section.heading);
    // Works without JavaScript: the only script is the quick exit's (which is a link without it).
    expect([...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((match) => match[1])).toEqual([expect.stringMatching(/^\/assets\/exit\.[A-Za-z0-9_-]{12}\.js$/)]);
    expect(html).toContain(`href="https://www.bbc.co.uk/weather"`);
    // Nothing unfilled, nothing invented.
    expect(words).not.toMatch(/\{[a-zA-Z]+\}/);
    expect(words).not.toMatch(/Chief Constable|Prif Gwnstabl/);
  });

  test('the privacy statement: no controller or contact set, said so; what is kept, for how long, what never', async () => {
    const words = wordsOf((await get(pages.url, '/privacy')).html);
    const privacy = en.statements.privacy;
    expect(words).toContain(privacy.controllerUnset);
    expect(words).toContain(privacy.contactUnset);
    expect(words).toContain(privacy.noticeUnset);
    expect(words).toContain('Your answers are deleted 30 minutes after your last answer.');
    expect(words).toContain('never a full postcode');
    expect(words).toContain('your IP address: it is used, in memory only');
    // Who keeps the chat's messages: this server's own channel here.
    expect(words).toContain(privacy.transcriptLocal.replace('{idleMinutes}', '30'));
    expect(words).toContain(`the answers to "${en.feedback.prompt}"`);
    const html = (await get(pages.url, '/privacy')).html;
    expect(html).toContain(`<a href="${statementFacts.links.ico.url}">${en.statements.names.ico}</a>`);
    // The terms of use the Teams package links to: the last section, with its anchor.
    expect(html).toMatch(/<section class="statement__section" aria-labelledby="terms"><h2 id="terms">Using this service<\/h2>/);
  });

  test('the accessibility statement: conformance as tested, known issues, no contact set (said so), the enforcement procedure', async () => {
    const html = (await get(pages.url, '/accessibility')).html;
    const words = wordsOf(html);
    const accessibility = en.statements.accessibility;
    expect(words).toContain('This service is partially compliant with the Web Content Accessibility Guidelines (WCAG) 2.2 AA standard');
    expect(words).toContain(`It was last tested on 6 December 2026 by its developers`);
    expect(words).toContain(`axe-core ${statementFacts.accessibility.axeVersion}`);
    expect(words).toContain(accessibility.runByUnset);
    expect(words).toContain(accessibility.contactUnset);
    expect(words).toContain('The Equality and Human Rights Commission (EHRC) is responsible for enforcing');
    expect(html).toContain(`<a href="${statementFacts.links.eass.url}">${en.statements.names.eass}</a>`);
    expect(html).toContain(`<a href="${statementFacts.links.ecni.url}">${en.statements.names.ecni}</a>`);
    expect(words).toContain('automated checks flag its groups of messages for review');
    expect(html).toContain('<a href="/triage">/triage</a>');
  });

  test('in Welsh: the unset controller said in Welsh, dates in Welsh, the Welsh names of the bodies; links keep the language', async () => {
    const privacy = wordsOf((await get(pages.url, '/privacy?locale=cy-GB')).html);
    expect(privacy).toContain(cy.statements.privacy.controllerUnset);
    expect(privacy).toContain('Swyddfa\'r Comisiynydd Gwybodaeth (ICO)');
    expect(privacy).not.toContain(en.statements.privacy.controllerUnset);
    const html = (await get(pages.url, '/accessibility?locale=cy-GB')).html;
    const words = wordsOf(html);
    expect(words).toContain('Cafodd ei brofi ddiwethaf ar 6 Rhagfyr 2026');
    expect(words).toContain('Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS)');
    expect(words).toContain(cy.statements.accessibility.contactUnset);
    expect(html).toContain('<a href="/triage?locale=cy-GB">/triage?locale=cy-GB</a>');
    // The footer's links and the language link: the other statement in Welsh, this one in English.
    expect(html).toContain(`<a href="/privacy?locale=cy-GB">${cy.statements.privacyLink}</a>`);
    expect(html).toContain('<a href="/accessibility?locale=cy-GB" aria-current="page">');
    expect(html).toMatch(/<a class="banner__language" href="\/accessibility" hreflang="en-GB"><span class="visually-hidden">Iaith: <\/span><span lang="en-GB">English<\/span><\/a>/);
  });

  test('HEAD is answered like GET; an unknown locale is the default language', async () => {
    const head = await fetch(`${pages.url}/privacy`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-language')).toBe(en.lang);
    expect(await head.text()).toBe('');
    expect((await get(pages.url, '/accessibility?locale=xx-XX')).html).toContain(`<html lang="${en.lang}">`);
  });

  test('the service\'s pages link both statements from their footer, in the page\'s language', async () => {
    for (const [route, content, query] of [
      ['/', en, ''],
      ['/triage', en, ''],
      ['/?locale=cy-GB', cy, '?locale=cy-GB'],
    ] as const) {
      const { html } = await get(pages.url, route);
      const footer = /<footer class="footer">([\s\S]*?)<\/footer>/.exec(html)?.[1] ?? '';
      expect(footer).toContain(`<a href="/privacy${query}">${content.statements.privacyLink}</a>`);
      expect(footer).toContain(`<a href="/accessibility${query}">${content.statements.accessibilityLink}</a>`);
    }
  });
});

describe('the statements with the deployment\'s controller and contacts', () => {
  let pages: Awaited<ReturnType<typeof startPages>>;
  beforeAll(async () => {
    pages = await startPages(SET, { DIRECT_LINE_SECRET: 'a-direct-line-secret' });
  });
  afterAll(() => pages.close());

  test('English: the controller, the contact as an e-mail link, the force\'s own notice; Azure keeps the chat\'s messages', async () => {
    const html = (await get(pages.url, '/privacy')).html;
    const words = wordsOf(html);
    expect(words).toContain('Chief Constable of Example Police is the data controller for this service');
    expect(html).toContain('<a href="mailto:dpo@example.police.uk">dpo@example.police.uk</a>');
    expect(html).toContain('<a href="https://www.example.police.uk/privacy-notice">www.example.police.uk/privacy-notice</a>');
    expect(words).toContain(en.statements.privacy.transcriptDirectLine);
    expect(words).not.toContain(en.statements.privacy.controllerUnset);
    const accessibility = (await get(pages.url, '/accessibility')).html;
    expect(wordsOf(accessibility)).toContain('This service is run by Chief Constable of Example Police.');
    expect(accessibility).toContain('<a href="https://www.example.police.uk/accessibility-problem">www.example.police.uk/accessibility-problem</a>');
  });

  test('Welsh: the controller\'s Welsh name', async () => {
    const words = wordsOf((await get(pages.url, '/privacy?locale=cy-GB')).html);
    expect(words).toContain("Prif Gwnstabl Heddlu Enghraifft yw rheolydd data'r gwasanaeth hwn");
    expect(words).not.toContain('Chief Constable');
  });

  test('a setting is text, never markup: a name with markdown and HTML in it is shown as written', async () => {
    const odd = await startPages({ statements: { controller: '<b>Odd</b> *Police* [x](https://evil.example)' } });
    try {
      const html = (await get(odd.url, '/privacy')).html;
      expect(html).toContain('&lt;b&gt;Odd&lt;/b&gt; *Police* [x](https://evil.example) is the data controller');
      expect(html).not.toContain('href="https://evil.example"');
      expect(html).not.toContain('<b>Odd</b>');
    } finally {
      await odd.close();
    }
  });
});

describe('the facts behind the statements', () => {
  test('the accessibility checks\' axe-core version is the installed one (a new axe means the statement\'s record is updated)', () => {
    const installed = path.join(__dirname, '../../node_modules/axe-core/package.json');
    if (!existsSync(installed)) return; // a production install has no test tools
    expect((JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version).toBe(statementFacts.accessibility.axeVersion);
  });

  test('the dates are real dates, the statement was not prepared before it was tested, and every link is https', () => {
    const { testedOn, preparedOn, reviewedOn } = statementFacts.accessibility;
    for (const date of [testedOn, preparedOn, reviewedOn]) expect(Number.isNaN(Date.parse(date))).toBe(false);
    expect(preparedOn >= testedOn).toBe(true);
    expect(reviewedOn >= preparedOn).toBe(true);
    for (const link of [statementFacts.accessibility.standardLink, ...Object.values(statementFacts.links)]) expect(link.url).toMatch(/^https:\/\//);
  });
});
