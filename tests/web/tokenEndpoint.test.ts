import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startStubServer, type StubServer } from './stubBot';

/**
 * POST /api/directline/token in both modes, with production tested against a fake Direct Line token service on
 * 127.0.0.1; and the page's security headers.
 */

const SECRET = 'dl-secret-THAT-MUST-NEVER-LEAVE-THE-SERVER';

interface FakeDirectLine {
  endpoint: string;
  requests: { url?: string; authorization?: string; body: string }[];
  answer: { status: number; body: unknown };
  close(): Promise<void>;
}

async function startFakeDirectLine(): Promise<FakeDirectLine> {
  const fake: Omit<FakeDirectLine, 'endpoint' | 'close'> = {
    requests: [],
    answer: { status: 200, body: { conversationId: 'fakeConversation-eu', token: 'fake-conversation-token', expires_in: 3600 } },
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      fake.requests.push({ url: req.url, authorization: req.headers.authorization, body });
      res.writeHead(fake.answer.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(fake.answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

async function post(server: StubServer, path = '/api/directline/token', body: unknown = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
}

function everything(response: { headers: Headers; text: string }): string {
  const headers: string[] = [];
  response.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
  return `${headers.join('\n')}\n${response.text}`;
}

describe('token endpoint, local mode', () => {
  let server: StubServer;
  beforeAll(async () => {
    server = await startStubServer();
  });
  afterAll(async () => {
    await server.close();
  });

  test('answers a token for a new conversation on the local channel', async () => {
    const answer = await post(server, '/api/directline/token', { locale: 'en-GB' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      mode: 'local',
      token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
      conversationId: expect.any(String),
      userId: expect.stringMatching(/^dl_/),
      expiresIn: expect.any(Number),
      domain: '/v3/directline',
      webSocket: false,
    });
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('each answer is a different, unguessable token', async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 5; i++) tokens.add((await post(server)).body.token);
    expect(tokens.size).toBe(5);
  });
});

describe('token endpoint rate limit', () => {
  test('the 11th request in a minute from one address gets 429 with Retry-After, and the window slides', async () => {
    let now = Date.parse('2026-01-01T09:00:00Z');
    const server = await startStubServer({ now: () => now });
    try {
      for (let i = 0; i < 10; i++) expect((await post(server)).status).toBe(200);
      const refused = await post(server);
      expect(refused.status).toBe(429);
      expect(refused.body.error).toBe('TooManyRequests');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      now += retryAfter * 1000;
      expect((await post(server)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('token endpoint, production mode (DIRECT_LINE_SECRET)', () => {
  let directLine: FakeDirectLine;
  let server: StubServer;

  beforeAll(async () => {
    directLine = await startFakeDirectLine();
    server = await startStubServer({ env: { DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: directLine.endpoint } });
  });
  afterAll(async () => {
    await server.close();
    await directLine.close();
  });

  test('exchanges the secret for a conversation token at Direct Line; the secret stays on the server', async () => {
    directLine.answer = { status: 200, body: { conversationId: 'fakeConversation-eu', token: 'fake-conversation-token', expires_in: 3600 } };
    const answer = await post(server);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      mode: 'directline',
      token: 'fake-conversation-token',
      conversationId: 'fakeConversation-eu',
      userId: expect.stringMatching(/^dl_[A-Za-z0-9_-]+$/),
      expiresIn: 3600,
      domain: `${directLine.endpoint}/v3/directline`,
      webSocket: true,
    });
    const request = directLine.requests.at(-1)!;
    expect(request.url).toBe('/v3/directline/tokens/generate');
    expect(request.authorization).toBe(`Bearer ${SECRET}`);
    expect(JSON.parse(request.body)).toEqual({ user: { id: answer.body.userId } });
    expect(everything(answer)).not.toContain(SECRET);
  });

  test('the page allows Web Chat to reach Direct Line (connect-src) and never contains the secret', async () => {
    const page = await fetch(`${server.url}/`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain(`connect-src 'self' ${directLine.endpoint} wss://127.0.0.1:`);
    const html = await page.text();
    expect(html).not.toContain(SECRET);
    for (const asset of ['/chat.js', '/embed.js', '/chat.css']) {
      expect(await (await fetch(`${server.url}${asset}`)).text()).not.toContain(SECRET);
    }
  });

  test.each([
    [403, 'refused the secret'],
    [500, 'did not issue a token'],
  ])('Direct Line answering %i gives 503 with a reason (and no secret)', async (status, reason) => {
    directLine.answer = { status, body: { error: { code: 'Whatever', message: `echo ${SECRET}` } } };
    const answer = await post(server);
    expect(answer.status).toBe(503);
    expect(answer.body.error).toBe('DirectLineUnavailable');
    expect(answer.body.reason).toContain(reason);
    expect(everything(answer)).not.toContain(SECRET);
  });

  test('Direct Line unreachable gives 503', async () => {
    const closed = await startFakeDirectLine();
    await closed.close();
    const unreachable = await startStubServer({ env: { DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: closed.endpoint } });
    try {
      const answer = await post(unreachable);
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({ error: 'DirectLineUnavailable', reason: expect.stringContaining('could not be reached') });
      expect(everything(answer)).not.toContain(SECRET);
    } finally {
      await unreachable.close();
    }
  });
});

describe('token endpoint when web chat is misconfigured', () => {
  test.each([
    ['LOCAL_DIRECT_LINE=off and no secret', { LOCAL_DIRECT_LINE: 'off' }, 'DIRECT_LINE_SECRET'],
    ['a bot with authentication on but no secret', { MicrosoftAppId: '00000000-0000-0000-0000-000000000000' }, 'DIRECT_LINE_SECRET'],
    ['an http endpoint that is not this machine', { DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: 'http://directline.example.com' }, 'DIRECT_LINE_ENDPOINT'],
  ])('%s: 503 with a reason', async (_what, env, mentions) => {
    const server = await startStubServer({ env });
    try {
      const answer = await post(server);
      expect(answer.status).toBe(503);
      expect(answer.body.error).toBe('NotConfigured');
      expect(answer.body.reason).toContain(mentions);
      expect(everything(answer)).not.toContain(SECRET);
    } finally {
      await server.close();
    }
  });
});

describe('the page and its assets', () => {
  let server: StubServer;
  beforeAll(async () => {
    server = await startStubServer({ env: { EMBED_ALLOWED_ORIGINS: 'https://www.example.police.uk https://*.example.police.uk *' } });
  });
  afterAll(async () => {
    await server.close();
  });

  test('GET / has a strict CSP with a fresh nonce on each response, and the other security headers', async () => {
    const first = await fetch(`${server.url}/`);
    const second = await fetch(`${server.url}/`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = first.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get('content-security-policy')).not.toContain(nonce!);
    const html = await first.text();
    expect(html).toContain(`<script src="/chat.js" defer nonce="${nonce}"></script>`);
    expect(html).toMatch(/<html lang="en-GB">/);
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/https?:\/\/(?!www\.bbc\.co\.uk)/); // no CDN or other outside source

    const directives = Object.fromEntries(csp.split(/;\s*/).map((part) => [part.split(' ')[0], part.split(' ').slice(1).join(' ')]));
    expect(directives['default-src']).toBe("'none'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['style-src']).toContain(`'nonce-${nonce}'`);
    expect(directives['style-src']).not.toContain('unsafe-inline');
    expect(directives['connect-src']).toBe("'self'");
    expect(directives['frame-ancestors']).toBe("'self' https://www.example.police.uk https://*.example.police.uk");
    expect(directives['base-uri']).toBe("'none'");

    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    expect(first.headers.get('permissions-policy')).toContain('camera=()');
    expect(first.headers.get('cache-control')).toBe('no-store');
    // With embedding allowed, X-Frame-Options (which cannot list origins) is not sent.
    expect(first.headers.get('x-frame-options')).toBeNull();
  });

  test('Web Chat comes from the installed package, gzipped, at a versioned URL cached for a year', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const src = /<script src="(\/webchat\/[^"]+\/webchat\.js)"/.exec(html)?.[1];
    expect(src).toMatch(/^\/webchat\/\d+\.\d+\.\d+\/webchat\.js$/);
    const bundle = await fetch(`${server.url}${src}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(bundle.headers.get('content-encoding')).toBe('gzip');
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    expect(bundle.headers.get('x-content-type-options')).toBe('nosniff');
    expect(bundle.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
  });

  test('assets carry the security headers; embed.js may be loaded by other sites; unknown paths 404', async () => {
    for (const [path, type] of [
      ['/chat.js', 'text/javascript; charset=utf-8'],
      ['/chat.css', 'text/css; charset=utf-8'],
      ['/favicon.svg', 'image/svg+xml'],
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      const etag = response.headers.get('etag')!;
      expect((await fetch(`${server.url}${path}`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    }
    const embed = await fetch(`${server.url}/embed.js`);
    expect(embed.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await fetch(`${server.url}/nothing-here.js`)).status).toBe(404);
  });

  test('with no embedding origins, only this site may frame the page', async () => {
    const plain = await startStubServer();
    try {
      const page = await fetch(`${plain.url}/`);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'self';");
      expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    } finally {
      await plain.close();
    }
  });
});
