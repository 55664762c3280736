import { startServer, type RunningServer } from '../../index';
import { resolveDeploymentSettings, type DeploymentSettings } from '../../server/deployment';
import { contentFor } from '../../dialogs/content';
import { SessionCookies } from '../../web/triage/session';
import { activity, allText, post, type Reply } from '../production/support/serverProcess';
import { call, startConversation } from '../production/support/directLine';
import { FormClient, textOf } from './formClient';

/**
 * What a hostile link, a hostile client or a careless setting could do to the web pages (issue 18), over HTTP:
 * settings are data (validated as what each is, escaped where used, never a template), the session cookie is
 * __Host- only, new sessions and token refreshes are limited per address, and a live token is never evicted.
 */

const SECRET = 'hostile-settings-test-secret-0123456789abcdef';
const EN = contentFor('en');
const NUMBERS = ['999', '0300 123 2040', '101'];

const deployment = (settings: Partial<DeploymentSettings>): DeploymentSettings => ({ languages: ['en'], teams: {}, ...settings });

describe('deployment settings are validated as what each is', () => {
  test.each([
    ['FORCE_NAME', '{{step}}'],
    ['FORCE_NAME', 'Fraud line 07700 900123 call now'],
    ['FORCE_NAME', '[Example Police](https://evil.example)'],
    ['FORCE_NAME', '<img src=x onerror=alert(1)>'],
    ['FORCE_NAME', 'evil.example'],
    ['TEAMS_APP_SHORT_NAME', '**Urgent**'],
    ['BRAND_LOGO_URL', 'https://www.example.org;form-action/logo.svg'],
    ['BRAND_LOGO_URL', "https://www.example.org/logo.svg;form-action 'none'"],
    ['BRAND_LOGO_URL', 'https://www.example.org/logo.svg, https://evil.example'],
    ['BRAND_LOGO_URL', 'https://exa mple.org/logo.svg'],
    ['BRAND_LOGO_URL', 'https://x.org"onerror="alert(1)'],
  ])('%s=%j stops start-up, naming the variable', (variable, value) => {
    expect(() => resolveDeploymentSettings({ [variable]: value })).toThrow(new RegExp(`^${variable}: must be`));
  });

  test('real force names pass: letters, spaces, hyphens, apostrophes, ampersands, abbreviations', () => {
    for (const name of ['Police Scotland', 'Heddlu Dyfed-Powys', 'Devon & Cornwall Police', 'Police Service of Northern Ireland', 'St. Helens Police', 'Heddlu Gogledd Cymru']) {
      expect(resolveDeploymentSettings({ FORCE_NAME: name }).forceName).toBe(name);
    }
  });
});

describe('settings that got past validation are still only text where they are used', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({
      port: 0,
      env: {},
      log: () => undefined,
      // As if a setting had slipped past the schema: each place it is used must still treat it as text.
      deployment: deployment({ forceName: '{{step}} [Call 07700 900123](https://evil.example) <b>x</b>', logoUrl: 'https://www.example.org;form-action/logo.svg' }),
    });
  });
  afterAll(() => running.shutdown(1_000));

  test('a "{{step}}" in a name is never filled in: the title and the logo text say it as it is, and the step is where it belongs', async () => {
    const response = await fetch(`${running.url}/triage`);
    const html = await response.text();
    const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '';
    expect(title).not.toContain('<');
    expect(textOf(title.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))))).toContain('{{step}}');
    expect(title).not.toContain(EN.states.happeningNow.prompt);
    expect(html.split(EN.states.happeningNow.prompt)).toHaveLength(2);
  });

  test('a URL with a semicolon never writes a directive of its own into the CSP', async () => {
    const response = await fetch(`${running.url}/`);
    const policy = response.headers.get('content-security-policy') ?? '';
    const directives = policy.split(';').map((directive) => directive.trim().split(' ')[0]);
    expect(directives.filter((name) => name === 'form-action')).toHaveLength(1);
    expect(policy).toContain("form-action 'self'");
    // The logo's source is left out rather than let it split the policy.
    expect(policy).not.toContain('form-action/');
    expect(policy).toMatch(/img-src 'self' blob: data:;/);
  });

  test('markdown in the name is escaped in the greeting: no link is made of it', async () => {
    const { json } = await post(running.url, activity('markdown-name', { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] }));
    const greeting = allText(json.activities as Reply[]);
    expect(greeting).toContain('\\[Call 07700 900123\\]\\(https://evil.example\\)');
    expect(greeting).toContain('\\<b\\>');
  });
});

describe('the page takes no display text from a link', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({ port: 0, env: {}, log: () => undefined, deployment: deployment({ forceName: 'Example Police', teams: { fullName: 'Example Police cyber help' } }) });
  });
  afterAll(() => running.shutdown(1_000));

  test('the server never puts ?name= anywhere in the page; the script is given the only names it may show', async () => {
    const html = await (await fetch(`${running.url}/?name=Fraud%20line%2007700%20900123%20call%20now&initials=XX`)).text();
    expect(html).not.toContain('07700');
    expect(html).not.toContain('Fraud line');
    const names = JSON.parse(/data-display-names="([^"]*)"/.exec(html)![1].replace(/&quot;/g, '"')) as string[];
    expect(names).toEqual(expect.arrayContaining([EN.page.botName, 'Example Police', 'Example Police cyber help']));
    expect(names.join(' ')).not.toMatch(/\d/);
  });
});

describe('the session cookie is __Host- only', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer({ port: 0, env: { WEB_TRIAGE_SECRET: SECRET }, log: () => undefined });
  });
  afterAll(() => running.shutdown(1_000));

  test('a plain triage_session cookie, even one this server signed, is never read: the answer starts a session of its own', async () => {
    // The attacker's own session, planted under the unprefixed name (from a sibling host, or over plain http).
    const planted = new SessionCookies(Buffer.from(SECRET), 1800).sign('AAAAAAAAAAAAAAAAAAAAAA');
    const victim = new FormClient(running.url);
    victim.cookie = `triage_session=${planted}`;
    await victim.get('/triage');
    const button = JSON.stringify({ action: 'answerHappening', answer: 'no', triage: 'page', state: 'happeningNow' });
    await victim.post('/triage', { button });
    expect(victim.setCookies[0]).toMatch(/^__Host-triage_session=/);
    expect(victim.setCookies[0]).not.toContain('AAAAAAAAAAAAAAAAAAAAAA');
    expect(victim.setCookies.every((cookie) => /; Secure/.test(cookie))).toBe(true);
  });
});

describe('rate limits and the token table', () => {
  test('new plain-HTML sessions: WEB_TRIAGE_SESSIONS_PER_MINUTE per address, then 429 with the numbers; a session already open carries on', async () => {
    const running = await startServer({ port: 0, env: { WEB_TRIAGE_SESSIONS_PER_MINUTE: '5', TRUST_PROXY: 'true' }, log: () => undefined });
    try {
      const button = JSON.stringify({ action: 'answerHappening', answer: 'no', triage: 'page', state: 'happeningNow' });
      const from = (address: string) => ({ 'X-Forwarded-For': `10.0.0.1, ${address}` });
      const open = new FormClient(running.url);
      expect((await open.post('/triage', { button }, from('203.0.113.5'))).status).toBe(303);
      for (let n = 0; n < 4; n++) expect((await new FormClient(running.url).post('/triage', { button }, from('203.0.113.5'))).status).toBe(303);
      const refused = new FormClient(running.url);
      const response = await refused.post('/triage', { button }, from('203.0.113.5'));
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      for (const number of NUMBERS) expect(textOf(refused.html)).toContain(number);
      expect(response.headers.get('set-cookie')).toBeNull();
      // The session already open, and another address, are not affected.
      expect((await open.post('/triage', { button: JSON.stringify({ action: 'answerAudience', answer: 'individual', triage: 'page', state: 'audience' }) }, from('203.0.113.5'))).status).not.toBe(429);
      expect((await new FormClient(running.url).post('/triage', { button }, from('203.0.113.6'))).status).toBe(303);
    } finally {
      await running.shutdown(1_000);
    }
  });

  test('token refreshes: WEBCHAT_TOKEN_REFRESHES_PER_MINUTE per address, then 429', async () => {
    const running = await startServer({ port: 0, env: { WEBCHAT_TOKEN_REFRESHES_PER_MINUTE: '3' }, log: () => undefined });
    try {
      let { token } = await startConversation(running.url);
      for (let n = 0; n < 3; n++) {
        const refreshed = await call(running.url, 'POST', '/v3/directline/tokens/refresh', { token });
        expect(refreshed.status).toBe(200);
        token = refreshed.body.token;
      }
      const limited = await call(running.url, 'POST', '/v3/directline/tokens/refresh', { token });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await running.shutdown(1_000);
    }
  });

  test("4,000 refreshes of one token never evict another user's token: their chat carries on", async () => {
    const running = await startServer({
      port: 0,
      env: { WEBCHAT_TOKEN_REFRESHES_PER_MINUTE: '100000', LOCAL_DIRECT_LINE_MAX_CONVERSATIONS: '10' },
      log: () => undefined,
    });
    try {
      const user = await startConversation(running.url);
      const attacker = await startConversation(running.url);
      let token = attacker.token;
      for (let n = 0; n < 4_000; n++) {
        const refreshed = await call(running.url, 'POST', '/v3/directline/tokens/refresh', { token: n % 2 ? token : attacker.token });
        if (refreshed.status === 200) token = refreshed.body.token;
      }
      const page = await call(running.url, 'GET', `/v3/directline/conversations/${user.conversationId}/activities`, { token: user.token });
      expect(page.status).toBe(200);
      expect(running.bot).toBeDefined();
    } finally {
      await running.shutdown(1_000);
    }
  }, 60_000);
});
