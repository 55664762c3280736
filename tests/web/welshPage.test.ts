import { MemoryStorage } from 'botbuilder';
import * as restify from 'restify';
import { ConversationStore } from '../../bots/conversationStore';
import cy from '../../dialogs/content/cy.json';
import en from '../../dialogs/content/en.json';
import { registerWebChat } from '../../web/register';
import type { WebChatDeployment } from '../../web/settings';
import { FormClient, textOf } from './formClient';

/**
 * The pages in Welsh over HTTP, without JavaScript: `?locale=cy-GB` (what embed.js passes from data-locale), a
 * Welsh force's default, the language link and a typed "Cymraeg"; and the deployment's branding on the pages.
 */

const SECRET = 'a-secret-for-the-tests-of-at-least-32-characters';

async function startPages(deployment: WebChatDeployment = {}) {
  const store = new ConversationStore(new MemoryStorage());
  const server = restify.createServer({ name: 'welsh-pages', handleUncaughtExceptions: false });
  registerWebChat(server, { env: { WEB_TRIAGE_SECRET: SECRET }, log: () => undefined, conversations: store, clock: () => new Date('2026-11-18T10:30:00Z'), deployment });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const attribute = (html: string, pattern: RegExp) => pattern.exec(html)?.[1];
/** The page's words as read: tags dropped, no space before punctuation (a link ends before its full stop). */
const wordsOf = (html: string) => textOf(html.replace(/<style[\s\S]*?<\/style>/g, '')).replace(/\s+([.,;:!?])/g, '$1');

describe('the pages in Welsh', () => {
  let pages: Awaited<ReturnType<typeof startPages>>;
  beforeAll(async () => {
    pages = await startPages();
  });
  afterAll(() => pages.close());

  test.each(['/?locale=cy-GB', '/triage?locale=cy-GB', '/triage?lang=cy'])('GET %s: lang="cy", its own words in Welsh, the first question in Welsh', async (path) => {
    const client = new FormClient(pages.url);
    const response = await client.get(path);
    expect(response.status).toBe(200);
    expect(client.html).toMatch(/<html lang="cy">/);
    expect(response.headers.get('content-language')).toBe('cy');
    expect(attribute(client.html, /<title>([^<]*)<\/title>/)).toBe(cy.page.title);
    const words = wordsOf(client.html);
    expect(words).toContain('Oes rhywun mewn perygl? Ffoniwch 999.');
    expect(words).toContain('Ydy eich sefydliad yn dioddef ymosodiad seiber nawr? Ffoniwch Report Fraud: 0300 123 2040, pwyswch 9 (24/7).');
    expect(words).toContain(cy.page.exit);
    expect(words).toContain(cy.states.happeningNow.prompt);
    expect(words).toContain(cy.page.typedAnswerLabel);
    expect(client.html).toContain('href="tel:999"');
    expect(words).not.toContain(en.page.heading);
    expect(words).not.toContain(en.page.privacyShort);
    // Every form of the step carries the page's language, so the answer comes back in it.
    expect(client.step()).toContain('<input type="hidden" name="locale" value="cy-GB">');
    // The link to English, its name in English.
    expect(client.html).toMatch(/<a class="banner__language" href="\/triage\/language\?to=en[^"]*" hreflang="en-GB"[^>]*><span class="visually-hidden">Iaith: <\/span><span lang="en-GB">English<\/span><\/a>/);
  });

  test("Web Chat's strings in Welsh come as a versioned file after the first paint, not in the page", async () => {
    const client = new FormClient(pages.url);
    await client.get('/?locale=cy-GB');
    const url = attribute(client.html, /data-webchat-strings="([^"]+)"/)!;
    expect(url).toMatch(/^\/assets\/webchat-strings\.cy\.[\w-]{12}\.json$/);
    expect(client.html).not.toContain(cy.page.webChatStrings.TEXT_INPUT_PLACEHOLDER);
    const response = await fetch(`${pages.url}${url}`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toMatch(/immutable/);
    expect(await response.json()).toEqual(cy.page.webChatStrings);
    // English needs none: Web Chat has its own.
    await client.get('/');
    expect(client.html).toContain('data-webchat-strings=""');
  });

  test('an English page links to Welsh only where the deployment offers it', async () => {
    const client = new FormClient(pages.url);
    await client.get('/');
    expect(client.html).toMatch(/<html lang="en-GB">/);
    expect(client.html).not.toContain('class="banner__language"');
  });

  test('answering in Welsh without JavaScript: the answer, the redirect and the next page stay in Welsh', async () => {
    const client = new FormClient(pages.url);
    await client.get('/triage?locale=cy-GB');
    await client.press('Nac ydy');
    expect(client.urls.at(-1)).toBe('/triage?locale=cy-GB');
    expect(client.stepText()).toContain(cy.states.audience.prompt);
    await client.type('fi fy hun');
    await client.type('Abertawe');
    const outcome = client.stepText();
    expect(outcome).toContain('Yn ôl eich atebion, eich tîm Cyber PROTECT rhanbarthol yw TARIAN');
    expect(outcome).toContain('Heddlu De Cymru');
    expect(client.html).toMatch(/<html lang="cy">/);
    // No answer in any URL.
    expect(client.urls.join(' ')).not.toMatch(/abertawe|fi fy hun/i);
  });

  test('typing "English" on the Welsh page switches the conversation and the page; the answers are kept', async () => {
    const client = new FormClient(pages.url);
    await client.get('/triage?locale=cy-GB');
    await client.press('Ydy');
    await client.type('English');
    expect(client.urls.at(-1)).toBe('/triage');
    expect(client.html).toMatch(/<html lang="en-GB">/);
    expect(client.stepText()).toContain(en.language.switched);
    expect(client.stepText()).toContain(en.states.audience.prompt);
    await client.press('An organisation');
    expect(client.stepText()).toContain('Call Report Fraud now on 0300 123 2040 and press 9.');
  });
});

describe('a Welsh force offering both languages', () => {
  let pages: Awaited<ReturnType<typeof startPages>>;
  beforeAll(async () => {
    pages = await startPages({
      languages: ['cy', 'en'],
      forceName: 'Heddlu Dyfed-Powys',
      brandColour: '#1a4d2e',
      logoUrl: 'https://www.dyfed-powys.police.uk/logo.svg',
    });
  });
  afterAll(() => pages.close());

  test("starts in its default language, Welsh, with a link to English; the force's name is in the title", async () => {
    const client = new FormClient(pages.url);
    await client.get('/');
    expect(client.html).toMatch(/<html lang="cy">/);
    expect(attribute(client.html, /<title>([^<]*)<\/title>/)).toBe('Heddlu Dyfed-Powys: cael help gyda digwyddiad seiber');
    // The same setting names the force in English on the English page: its own English name, never "Heddlu Dyfed-Powys".
    const english = new FormClient(pages.url);
    await english.get('/?locale=en-GB');
    expect(attribute(english.html, /<title>([^<]*)<\/title>/)).toBe('Dyfed-Powys Police: get help with a cyber incident');
    expect(wordsOf(client.html)).toContain(en.language.offer);
    expect(client.html).toContain('<span lang="en-GB">English</span>');
    // The default language needs no locale in the forms.
    expect(client.step()).not.toContain('name="locale"');
  });

  test('the language link without JavaScript: the choice is kept for the conversation, then the page follows it', async () => {
    const client = new FormClient(pages.url);
    await client.get('/triage');
    await client.press('Ydy');
    expect(client.stepText()).toContain(cy.states.audience.prompt);
    const link = attribute(client.html, /<a class="banner__language" href="([^"]+)"/)!.replace(/&amp;/g, '&');
    await client.follow(link);
    expect(client.urls.at(-1)).toBe('/triage?locale=en-GB');
    expect(client.stepText()).toContain(en.language.switched);
    expect(client.stepText()).toContain(en.states.audience.prompt);
    // The choice is the conversation's: the page without a locale is still in English.
    await client.get('/triage');
    expect(client.html).toMatch(/<html lang="en-GB">/);
    expect(client.stepText()).toContain(en.states.audience.prompt);
  });

  test('the brand colour and the logo, with the logo allowed by the CSP (its origin only)', async () => {
    for (const path of ['/', '/triage']) {
      const client = new FormClient(pages.url);
      const response = await client.get(path);
      expect(client.html).toContain(':root{--brand:#1a4d2e;--on-brand:#ffffff;--accent:#1a4d2e}');
      expect(client.html).toContain('data-brand="#1a4d2e"');
      expect(client.html).toContain('<img class="banner__logo" src="https://www.dyfed-powys.police.uk/logo.svg" alt="Logo Heddlu Dyfed-Powys" height="32">');
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("img-src 'self' blob: data: https://www.dyfed-powys.police.uk;");
      expect(csp).not.toMatch(/img-src[^;]*\*/);
    }
  });

  test('a light brand colour gets dark text, and links in the default colour', async () => {
    const light = await startPages({ brandColour: '#ffdd00' });
    try {
      const client = new FormClient(light.url);
      await client.get('/');
      expect(client.html).toContain(':root{--brand:#ffdd00;--on-brand:#0b0c0c;--accent:#00205b}');
    } finally {
      await light.close();
    }
  });

  test('the language link refuses a language with no content, and another site', async () => {
    const client = new FormClient(pages.url);
    expect((await client.follow('/triage/language?to=xx')).status).toBe(400);
    const crossSite = await fetch(`${pages.url}/triage/language?to=en`, { headers: { 'Sec-Fetch-Site': 'cross-site' }, redirect: 'manual' });
    expect(crossSite.status).toBe(403);
  });
});

describe('the no-JavaScript pages: a message written in Welsh switches to Welsh and keeps every button', () => {
  let pages: Awaited<ReturnType<typeof startPages>>;
  beforeAll(async () => {
    pages = await startPages();
  });
  afterAll(() => pages.close());

  test('at the place question: the nations, Back and the text box stay; the offer of English is on the page', async () => {
    const client = new FormClient(pages.url);
    await client.get('/triage');
    await client.press('No');
    await client.press('Myself');
    await client.type('dw i ddim yn gwybod ble rydyn ni');
    expect(client.stepText()).toContain(cy.states.location.prompt);
    expect(client.stepText()).toContain(en.language.offer);
    const labels = client.buttons().map((button) => button.label);
    expect(labels).toEqual(expect.arrayContaining(['Lloegr', 'Cymru', 'Yr Alban', 'Gogledd Iwerddon', "Y tu allan i'r DU", 'Yn ôl', 'Dechrau eto', 'Help']));
    expect(client.step()).toContain('<form class="typed-answer"');
  });

  test('at an outcome: Change, Start again and "Was this helpful?" stay', async () => {
    const client = new FormClient(pages.url);
    await client.get('/triage');
    await client.press('No');
    await client.press('Myself');
    await client.type("rydw i'n byw yng Nghaerdydd");
    expect(client.stepText()).toContain('Yn ôl eich atebion, eich tîm Cyber PROTECT rhanbarthol yw TARIAN');
    const labels = client.buttons().map((button) => button.label);
    expect(labels).toEqual(expect.arrayContaining([cy.states.location.changeButton, cy.summary.startAgainButton, cy.feedback.yes, cy.feedback.no]));
    await client.press(cy.feedback.yes);
    expect(client.stepText()).toContain(cy.feedback.thanksYes);
  });
});
