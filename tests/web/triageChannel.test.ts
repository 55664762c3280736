import { MemoryStorage } from 'botbuilder';
import * as restify from 'restify';
import { ConversationStore } from '../../bots/conversationStore';
import { conversationKey } from '../../bots/triageBot';
import { catalog, unitById } from '../../data/catalog';
import { resolveLocation } from '../../data/location';
import { contentFor, fill } from '../../dialogs/content';
import { contactFacts } from '../../dialogs/facts';
import { runTurn, type ConversationRecord } from '../../dialogs/turn';
import { startServer, type RunningServer } from '../../index';
import { registerWebChat } from '../../web/register';
import { FormClient, textOf } from './formClient';

/**
 * The plain-HTML triage over HTTP, as a browser without JavaScript uses it: POST → 303 → GET, the session in a
 * signed cookie, the answers in the conversation store. The words expected come from the content file and the
 * facts from data/, so these tests follow the content as it changes.
 */

const content = contentFor('en-GB');
const facts = contactFacts();
const states = content.states;
const SECRET = 'a-secret-for-the-tests-of-at-least-32-characters';

interface TestServer {
  url: string;
  store: ConversationStore;
  storage: MemoryStorage;
  now: { value: Date };
  close(): Promise<void>;
}

/**
 * A server with the web chat and nothing else, and no global body parser (the routes read their own bodies), over a
 * store the test can look into.
 */
async function startBareServer(storage = new MemoryStorage(), env: Record<string, string> = {}): Promise<TestServer> {
  const store = new ConversationStore(storage);
  const now = { value: new Date('2026-11-18T10:30:00Z') };
  const server = restify.createServer({ name: 'bare', handleUncaughtExceptions: false });
  registerWebChat(server, { env: { WEB_TRIAGE_SECRET: SECRET, ...env }, log: () => undefined, conversations: store, clock: () => now.value });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    store,
    storage,
    now,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function storedRecords(storage: MemoryStorage, prefix: string): Promise<ConversationRecord[]> {
  const memory = (storage as unknown as { memory: Record<string, string | undefined> }).memory;
  // MemoryStorage keeps a deleted key, with no value.
  const keys = Object.keys(memory).filter((key) => key.startsWith(prefix) && memory[key] !== undefined);
  const items = await storage.read(keys);
  return keys.map((key) => (items[key] as { record: ConversationRecord }).record);
}

describe('the plain-HTML triage (no JavaScript)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startBareServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  test('GET / and GET /triage: the urgent numbers as tel: links and the first question, from a welcome turn', async () => {
    for (const path of ['/', '/triage']) {
      const client = new FormClient(server.url);
      await client.get(path);
      expect(client.status).toBe(200);
      const emergency = catalog.national.emergency.phone.number;
      expect(client.html).toContain(`href="tel:${emergency}"`);
      expect(client.html).toContain(`href="tel:${facts.reportFraudPhone.replace(/\s/g, '')}"`);
      expect(client.html).toContain(`href="tel:${facts.policeScotlandPhone}"`);
      expect(textOf(client.html)).toContain(`press ${facts.liveOption}`);
      // The first question and its answers, as the bot's welcome turn renders them.
      const welcome = runTurn(undefined, { kind: 'welcome' }, { now: new Date() }).messages;
      const question = welcome.find((message) => message.kind === 'question')!;
      expect(client.stepText()).toContain(states.happeningNow.prompt);
      expect(client.buttons().map((button) => button.label)).toEqual(question.buttons!.map((button) => button.label));
      // Nothing is stored until the first answer.
      expect(client.cookie).toBeUndefined();
    }
    const chat = await (await fetch(`${server.url}/`)).text();
    const triage = await (await fetch(`${server.url}/triage`)).text();
    expect(chat).toContain('/chat.js');
    expect(triage).not.toContain('/chat.js'); // the plain-HTML page has no chat script (exit.js only)
  });

  test('a live attack on an organisation: Yes → An organisation → Report Fraud first, then "Your answers" with Change', async () => {
    const client = new FormClient(server.url);
    await client.get('/');
    const post = await client.press(states.happeningNow.options.yes);
    expect(post.status).toBe(303);
    // Answered on the chat page, the browser comes back to the chat page (where Web Chat can take over).
    expect(post.headers.get('location')).toBe('/');
    expect(client.setCookies[0]).toMatch(/^__Host-triage_session=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+; Path=\/; Max-Age=1800; HttpOnly; SameSite=Strict; Secure$/);
    expect(client.stepText()).toContain(states.audience.prompt);

    await client.press(states.audience.options.organisation);
    const step = client.step();
    // The outcome's lead comes first in the step, with the number as a tel: link and a call button next to it.
    const lead = /<div class="message__lead"[^>]*>([\s\S]*?)<\/div>/.exec(step)?.[1] ?? '';
    expect(textOf(lead)).toContain(facts.reportFraudPhone);
    expect(lead).toContain(`href="tel:${facts.reportFraudPhone.replace(/\s/g, '')}"`);
    expect(step.indexOf('message__lead')).toBeLessThan(step.indexOf('summary-list'));
    expect(step).toMatch(/<a class="button button--call" href="tel:03001232040">/);
    // "Your answers": a summary list whose rows have their Change buttons.
    const rows = [...step.matchAll(/<div class="summary-list__row">([\s\S]*?)<\/div>/g)].map((row) => textOf(row[1]));
    expect(rows).toEqual([
      `${states.happeningNow.summaryLabel} ${states.happeningNow.summary.yes} ${states.happeningNow.changeButton}`,
      `${states.audience.summaryLabel} ${states.audience.summary.organisation} ${states.audience.changeButton}`,
    ]);
    expect(client.urls.every((url) => url === '/' || url === '/triage')).toBe(true);
  });

  test('a person: No → Myself → a typed postcode → the regional team; Back and Change on the way; nothing in any URL', async () => {
    const client = new FormClient(server.url);
    await client.get('/triage');
    await client.press(states.happeningNow.options.no);
    await client.press(states.audience.options.individual);
    expect(client.stepText()).toContain(states.location.prompt);

    // Back (the link at the top of the step, as on GOV.UK) returns to the previous question, and forward again.
    expect(client.step()).toMatch(/^<div class="step"[^>]*><div class="step__back"><a class="back-link" href="\/triage\/go\?button=/);
    await client.press(content.buttons.back);
    expect(client.stepText()).toContain(states.audience.prompt);
    await client.press(states.audience.options.individual);

    await client.type('ls1 4ap');
    const resolved = resolveLocation('LS1 4AP');
    if (resolved.kind !== 'unit') throw new Error('LS1 4AP should resolve to one unit');
    const unit = unitById(resolved.unitId);
    expect(client.stepText()).toContain(unit.name);
    expect(client.step()).toContain(`href="${unit.website.url}"`);

    // Change "where you are": back at the location question, the earlier answers kept.
    await client.press(states.location.changeButton);
    expect(client.stepText()).toContain(states.location.prompt);
    await client.type('Cardiff');
    expect(client.stepText()).toContain(unitById((resolveLocation('Cardiff') as { unitId: typeof resolved.unitId }).unitId).name);

    // No answer travels in a URL (the Back and Change links carry an action, never an answer), and the postcode is
    // stored only as its district.
    expect(client.urls.every((url) => url === '/triage' || url === '/triage/go')).toBe(true);
    const records = await storedRecords(server.storage, 'webtriage/');
    expect(JSON.stringify(records)).not.toMatch(/4AP/i);
  });

  test('"Was this helpful?" after "Your answers": Yes thanks in place and keeps the outcome on the page; asked once', async () => {
    const client = new FormClient(server.url);
    await client.get('/triage');
    await client.press(states.happeningNow.options.yes);
    await client.press(states.audience.options.organisation);
    const step = client.step();
    // After the outcome and its "Your answers", never above them: the lead still comes first.
    expect(step.indexOf('message__lead')).toBeLessThan(step.indexOf('summary-list'));
    expect(step.indexOf('summary-list')).toBeLessThan(step.indexOf('message--feedback'));
    const prompt = /<div class="message message--feedback"[\s\S]*?<\/form><\/div>/.exec(step)?.[0] ?? '';
    expect(textOf(prompt)).toContain(content.feedback.prompt);
    expect(client.button(content.feedback.yes).value).toMatch(/"action":"feedback","answer":"yes"/);
    expect(client.button(content.feedback.no).value).toMatch(/"action":"feedback","answer":"no"/);
    // Start again and Change stay where they were.
    expect(client.button(content.summary.startAgainButton)).toBeDefined();
    expect(client.button(states.audience.changeButton).href).toMatch(/^\/triage\/go\?button=/);

    const post = await client.press(content.feedback.yes);
    expect(post.status).toBe(303);
    const after = client.step();
    const text = client.stepText();
    // The thank-you first (in view after the redirect), then the outcome again with its number, and no prompt.
    expect(text.indexOf(content.feedback.thanksYes)).toBeGreaterThanOrEqual(0);
    expect(text.indexOf(content.feedback.thanksYes)).toBeLessThan(text.indexOf(facts.reportFraudPhone));
    expect(after).toMatch(/<a class="button button--call" href="tel:03001232040">/);
    expect(after).toContain('summary-list');
    expect(after).not.toContain('message--feedback');
    expect(client.button(content.summary.startAgainButton)).toBeDefined();
    // Reloading the page shows the same, and the record holds only that the outcome was answered.
    await client.get('/triage');
    expect(client.step()).not.toContain('message--feedback');
    const session = client.cookie!.split('=')[1].split('.')[0];
    const [record] = await storedRecords(server.storage, `webtriage/sessions/${session}`);
    expect(record.feedbackAnswered).toEqual(['liveAttack']);

    // Start again from "Your answers" still works.
    await client.press(content.summary.startAgainButton);
    expect(client.stepText()).toContain(states.happeningNow.prompt);
  });

  test('"Was this helpful?" No: thanked with the direct numbers, the outcome kept; a stale feedback button is refused like any other', async () => {
    const client = new FormClient(server.url);
    await client.get('/triage');
    await client.press(states.happeningNow.options.no);
    await client.press(states.audience.options.individual);
    await client.type('LS1 4AP');
    const oldNo = client.button(content.feedback.no);
    await client.press(content.feedback.no);
    expect(client.stepText()).toContain(content.feedback.thanksNo);
    expect(client.stepText()).toContain('Yorkshire and Humber');
    expect(client.step()).toContain('href="tel:999"');
    await client.press(content.summary.startAgainButton);
    await client.post('/triage', { button: oldNo.value });
    expect(client.stepText()).toContain(content.replies.stale);
    expect(client.stepText()).toContain(states.happeningNow.prompt);
    // From the page script (no redirect): the same step comes back in place.
    const script = new FormClient(server.url);
    await script.get('/triage');
    await script.press(states.happeningNow.options.yes);
    await script.press(states.audience.options.organisation);
    const yes = script.button(content.feedback.yes);
    await script.post('/triage', { button: yes.value }, { 'X-Requested-With': 'cyber-triage' });
    expect(script.status).toBe(200);
    expect(textOf(script.html)).toContain(content.feedback.thanksYes);
    expect(script.html).toContain('message__lead');
  });

  test('Start again (header) deletes the answers and clears the cookie', async () => {
    const client = new FormClient(server.url);
    await client.get('/triage');
    await client.press(states.happeningNow.options.yes);
    const session = client.cookie!.split('=')[1].split('.')[0];
    expect(await storedRecords(server.storage, `webtriage/sessions/${session}`)).toHaveLength(1);
    const response = await client.post('/triage/start-again', {});
    expect(response.status).toBe(303);
    expect(client.setCookies.at(-1)).toMatch(/^__Host-triage_session=; Path=\/; Max-Age=0/);
    expect(await storedRecords(server.storage, `webtriage/sessions/${session}`)).toHaveLength(0);
    expect(client.stepText()).toContain(states.happeningNow.prompt);
  });

  test('an answer from an earlier page (a stale button), an empty or unrecognised answer: the bot says so, the question stays', async () => {
    const client = new FormClient(server.url);
    await client.get('/triage');
    const firstQuestionYes = client.button(states.happeningNow.options.yes);
    await client.press(states.happeningNow.options.yes);
    await client.post('/triage', { button: firstQuestionYes.value });
    expect(client.stepText()).toContain(content.replies.stale);
    expect(client.stepText()).toContain(states.audience.prompt);
    await client.type('   ');
    expect(client.stepText()).toContain(content.replies.empty);
    await client.type('purple elephants');
    expect(client.stepText()).toContain(content.replies.didNotUnderstand);
    await client.post('/triage', { button: '{"action":"answerAudience","answer":"nonsense"}' });
    expect(client.status).toBe(200);
    expect(client.stepText()).toContain(states.audience.prompt);
  });

  test('a conversation idle past the expiry starts afresh, in the bot\'s words, and its old answers are gone', async () => {
    const client = new FormClient(server.url);
    await client.get('/triage');
    await client.press(states.happeningNow.options.no);
    server.now.value = new Date(server.now.value.getTime() + 31 * 60_000);
    try {
      await client.press(states.audience.options.individual);
      expect(client.stepText()).toContain(content.replies.expired);
      expect(client.stepText()).toContain(states.happeningNow.prompt);
      await client.press(states.happeningNow.options.yes);
      expect(client.stepText()).toContain(states.audience.prompt);
    } finally {
      server.now.value = new Date('2026-11-18T10:30:00Z');
    }
  });

  test('the page script gets the step back in place, and (in a frame that keeps no cookie) carries the session in a header', async () => {
    const client = new FormClient(server.url);
    await client.get('/');
    const yes = client.button(states.happeningNow.options.yes).value;
    const answer = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/triage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Requested-With': 'cyber-triage', ...headers },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      });
    const first = await answer({ button: yes, page: 'chat' });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const step = await first.text();
    expect(step).toMatch(/^<div class="step" id="triage-step"[^>]*data-session="true">/);
    expect(textOf(step)).toContain(states.audience.prompt);
    const session = first.headers.get('x-triage-session')!;
    expect(session).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    // No cookie, the header instead: the same conversation goes on.
    const second = await answer({ text: 'an organisation' }, { 'X-Triage-Session': session });
    expect(textOf(await second.text())).toContain(fill(states.liveAttack.lead, facts).replace(/\*\*/g, ''));
    // A forged header is no session: a new conversation, whose first question the typed answer does not skip.
    const forged = await answer({ text: 'an organisation' }, { 'X-Triage-Session': `${session.slice(0, -3)}abc` });
    expect(textOf(await forged.text())).toContain(states.happeningNow.prompt);
  });

  test('a forged or tampered cookie counts as no session', async () => {
    const client = new FormClient(server.url);
    await client.get('/triage');
    await client.press(states.happeningNow.options.yes);
    const [name, value] = client.cookie!.split('=');
    const [id, signature] = value.split('.');
    for (const forged of [`${id}.${signature.slice(0, -2)}xx`, `${'A'.repeat(22)}.${signature}`, id, 'garbage']) {
      const response = await fetch(`${server.url}/triage`, { headers: { Cookie: `${name}=${forged}` } });
      expect(textOf(await response.text())).toContain(states.happeningNow.prompt);
    }
  });

  test('refused: a post naming another origin (Origin or Sec-Fetch-Site), a body too large, a form of another type', async () => {
    const client = new FormClient(server.url);
    await client.get('/triage');
    const yes = client.button(states.happeningNow.options.yes).value;
    const post = (headers: Record<string, string>, body: string = new URLSearchParams({ button: yes }).toString()) =>
      fetch(`${server.url}/triage`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body, redirect: 'manual' });

    const foreign: Array<Record<string, string>> = [{ Origin: 'https://evil.example' }, { 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-site' }];
    for (const headers of foreign) {
      const response = await post(headers);
      expect(response.status).toBe(403);
      expect(response.headers.get('set-cookie')).toBeNull();
      // Still a page with the numbers on it.
      expect(await response.text()).toContain(`tel:${facts.emergencyPhone}`);
    }
    // Our own forms post with Origin: null (the pages send no referrer), or our own origin.
    expect((await post({ Origin: 'null', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(303);
    expect((await post({ Origin: server.url })).status).toBe(303);

    expect((await post({}, `text=${'a'.repeat(20_000)}`)).status).toBe(413);

    // The Back and Change links: only those actions, never from another site.
    await client.press(states.happeningNow.options.yes);
    const back = client.button(content.buttons.back);
    const link = (href: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${href}`, { headers: { Cookie: client.cookie!, ...headers }, redirect: 'manual' });
    expect((await link(back.href!, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await link(`/triage/go?button=${encodeURIComponent(yes)}`)).status).toBe(400);
    expect((await link('/triage/go?button=nonsense')).status).toBe(400);
    const went = await link(back.href!, { 'Sec-Fetch-Site': 'same-origin' });
    expect(went.status).toBe(303);
    expect(went.headers.get('location')).toBe('/triage');
    const json = await fetch(`${server.url}/triage`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":"yes"}' });
    expect(json.status).toBe(415);
  });

  test('another instance (same store and secret, none of this one\'s memory) shows the same step', async () => {
    const other = await startBareServer(server.storage);
    try {
      const client = new FormClient(server.url);
      await client.get('/triage');
      await client.press(states.happeningNow.options.yes);
      await client.press(states.audience.options.organisation);
      const elsewhere = new FormClient(other.url);
      elsewhere.cookie = client.cookie;
      await elsewhere.get('/triage');
      expect(elsewhere.stepText()).toContain(fill(states.liveAttack.lead, facts).replace(/\*\*/g, ''));
      expect(elsewhere.stepText()).toContain(states.audience.changeButton);
      // …and its buttons work there.
      await elsewhere.press(states.liveAttack.showRegionalTeamButton);
      expect(elsewhere.stepText()).toContain(states.location.prompt);
    } finally {
      await other.close();
    }
  });
});

describe('the page\'s assets', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startBareServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  async function assetUrls(): Promise<string[]> {
    const html = await (await fetch(`${server.url}/`)).text();
    const urls = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]);
    // The page's links to other pages (the no-JS triage, the statements in its footer) are not assets.
    return [...new Set(urls)].filter((url) => !url.startsWith('/triage') && !/^\/(privacy|accessibility)\b/.test(url));
  }

  test('every file the page names has a versioned URL, cached for a year as immutable; the plain names revalidate', async () => {
    const urls = await assetUrls();
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const url of urls.filter((url) => url !== '/chat.js')) {
      expect(url).toMatch(/^\/(assets\/[a-zA-Z]+\.[A-Za-z0-9_-]{12}\.(js|css|svg)|webchat\/\d+\.\d+\.\d+\/webchat\.js)$/);
      const response = await fetch(`${server.url}${url}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    for (const plain of ['/chat.js', '/chat.css', '/embed.js', '/exit.js', '/favicon.svg']) {
      const response = await fetch(`${server.url}${plain}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  test('HEAD is answered like GET (status and headers, no body); every text asset comes with brotli or gzip', async () => {
    const urls = [...(await assetUrls()), '/chat.js', '/embed.js', '/chat.css', '/'];
    for (const url of urls) {
      for (const encoding of ['br', 'gzip']) {
        const get = await fetch(`${server.url}${url}`, { headers: { 'Accept-Encoding': encoding } });
        const head = await fetch(`${server.url}${url}`, { method: 'HEAD', headers: { 'Accept-Encoding': encoding } });
        const body = Buffer.from(await get.arrayBuffer());
        expect(get.headers.get('content-encoding')).toBe(encoding);
        expect(get.headers.get('vary')).toBe('Accept-Encoding');
        expect(head.status).toBe(get.status);
        for (const header of ['content-type', 'content-encoding', 'cache-control', 'etag', 'vary', 'x-content-type-options']) {
          if (url !== '/' || header !== 'etag') expect(head.headers.get(header)).toBe(get.headers.get(header));
        }
        expect((await head.arrayBuffer()).byteLength).toBe(0);
        expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
        expect(body.byteLength).toBeGreaterThan(0);
      }
    }
    // Without Accept-Encoding, the file as it is; with its ETag, 304.
    const plain = await fetch(`${server.url}/chat.css`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const etag = plain.headers.get('etag')!;
    expect((await fetch(`${server.url}/chat.css`, { headers: { 'Accept-Encoding': 'identity', 'If-None-Match': etag } })).status).toBe(304);
  });
});

describe('handing the plain-HTML conversation over to Web Chat (the real bot and the local Direct Line channel)', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ port: 0, env: {}, log: () => undefined });
  });

  afterAll(async () => {
    await server?.close();
  });

  test('the answers given so far continue in Web Chat; only the page script may ask, with the conversation\'s token', async () => {
    // The global body parser of index.ts is in front of these routes: they take what it parsed.
    const client = new FormClient(server.url);
    await client.get('/');
    await client.press(states.happeningNow.options.yes);
    expect(client.stepText()).toContain(states.audience.prompt);

    const token = (await (await fetch(`${server.url}/api/directline/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
    const handOver = (headers: Record<string, string>, fields: Record<string, string> = { conversationId: token.conversationId }) =>
      fetch(`${server.url}/triage/handoff`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: client.cookie!, ...headers },
        body: new URLSearchParams(fields).toString(),
      });
    expect((await handOver({ Authorization: `Bearer ${token.token}` })).status).toBe(403); // not from the page script
    expect((await handOver({ 'X-Requested-With': 'cyber-triage', Authorization: 'Bearer wrong' })).status).toBe(403);
    const handed = await handOver({ 'X-Requested-With': 'cyber-triage', Authorization: `Bearer ${token.token}` });
    expect(handed.status).toBe(200);
    expect(await handed.json()).toEqual({ result: 'handedOver' });
    // A conversation that already has a record is never overwritten.
    expect((await handOver({ 'X-Requested-With': 'cyber-triage', Authorization: `Bearer ${token.token}` })).status).toBe(409);

    // Web Chat starts the conversation: the bot greets and asks the question the triage had got to.
    const domain = `${server.url}/v3/directline`;
    const auth = { Authorization: `Bearer ${token.token}` };
    expect((await fetch(`${domain}/conversations`, { method: 'POST', headers: auth })).status).toBeLessThan(300);
    let texts: string[] = [];
    for (let attempt = 0; attempt < 50 && !texts.some((text) => text.includes(states.audience.prompt)); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const activities = (await (await fetch(`${domain}/conversations/${token.conversationId}/activities`, { headers: auth })).json()) as {
        activities: Array<{ text?: string; from: { role?: string } }>;
      };
      texts = activities.activities.filter((activity) => activity.from.role === 'bot').map((activity) => activity.text ?? '');
    }
    expect(texts.some((text) => text.includes(states.audience.prompt))).toBe(true);
    expect(texts.some((text) => text.includes(states.happeningNow.prompt))).toBe(false);

    // Once Web Chat has it, the plain-HTML copy is deleted.
    const finished = await handOver({ 'X-Requested-With': 'cyber-triage', Authorization: `Bearer ${token.token}` }, {
      conversationId: token.conversationId,
      finished: 'true',
    });
    expect(await finished.json()).toEqual({ result: 'forgotten' });
    await client.get('/triage');
    expect(client.stepText()).toContain(states.happeningNow.prompt);
    expect(conversationKey({ channelId: 'directline', conversation: { id: token.conversationId } as never })).toBe(
      `directline/conversations/${token.conversationId}`,
    );
  });
});
