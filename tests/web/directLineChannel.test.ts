import { startStubServer, type StubServer } from './stubBot';

/** The local Direct Line channel over HTTP, with a stand-in bot that records what it was sent. */

interface Started {
  conversationId: string;
  token: string;
  expires_in: number;
}

interface ActivitySet {
  activities: { id: string; type: string; text?: string; from: { id: string; role?: string }; channelData?: { clientActivityID?: string } }[];
  watermark: string;
}

async function call(server: StubServer, method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function startConversation(server: StubServer): Promise<Started> {
  const started = await call(server, 'POST', '/v3/directline/conversations', { body: {} });
  expect(started.status).toBe(201);
  return started.body as Started;
}

function activities(server: StubServer, conversation: Started, watermark = '') {
  return call(server, 'GET', `/v3/directline/conversations/${conversation.conversationId}/activities?watermark=${watermark}`, {
    token: conversation.token,
  }) as Promise<{ status: number; body: ActivitySet }>;
}

describe('local Direct Line channel', () => {
  let server: StubServer;

  beforeAll(async () => {
    server = await startStubServer({ env: { WEBCHAT_TOKENS_PER_MINUTE: '1000' } });
  });

  afterAll(async () => {
    await server.close();
  });

  test('starting a conversation tells the bot once, like Direct Line: conversationUpdate adding the bot and the user', async () => {
    const conversation = await startConversation(server);
    expect(conversation.conversationId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(conversation.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(conversation.expires_in).toBeGreaterThan(0);

    const updates = server.bot.received.filter((a) => a.conversation?.id === conversation.conversationId);
    expect(updates).toHaveLength(1);
    const [update] = updates;
    expect(update.type).toBe('conversationUpdate');
    expect(update.channelId).toBe('directline');
    expect(update.serviceUrl).toBe(server.url);
    expect(update.recipient?.id).toBe(server.channel!.botId);
    expect(update.membersAdded?.map((member) => member.id)).toEqual([server.channel!.botId, update.from!.id]);
    expect(update.id).toMatch(new RegExp(`^${conversation.conversationId}\\|\\d{7}$`));
    expect(Number.isNaN(Date.parse(String(update.timestamp)))).toBe(false);

    // Starting it again with its token (a second POST, or a reconnect after a reload) does not greet again.
    const again = await call(server, 'POST', '/v3/directline/conversations', { token: conversation.token, body: {} });
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(conversation.conversationId);
    const reconnect = await call(server, 'GET', `/v3/directline/conversations/${conversation.conversationId}?watermark=`, {
      token: conversation.token,
    });
    expect(reconnect.status).toBe(200);
    expect(server.bot.received.filter((a) => a.conversation?.id === conversation.conversationId)).toHaveLength(1);

    const { body } = await activities(server, conversation);
    expect(body.activities.filter((a) => a.text === 'Welcome to the stub bot.')).toHaveLength(1);
  });

  test('a token from the token endpoint starts its own conversation', async () => {
    const issued = await call(server, 'POST', '/api/directline/token', { body: { locale: 'cy-GB' } });
    expect(issued.status).toBe(200);
    const started = await call(server, 'POST', '/v3/directline/conversations', { token: issued.body.token, body: {} });
    expect(started.status).toBe(201);
    expect(started.body.conversationId).toBe(issued.body.conversationId);
    const update = server.bot.received.find((a) => a.conversation?.id === issued.body.conversationId);
    expect(update?.locale).toBe('cy-GB');
  });

  test('posted activities reach the bot through /api/messages and are echoed with clientActivityID and the id the bot saw', async () => {
    const conversation = await startConversation(server);
    const greeting = await activities(server, conversation);
    expect(greeting.body.watermark).toBe(String(greeting.body.activities.length));

    const posted = await call(server, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, {
      token: conversation.token,
      body: {
        type: 'message',
        text: 'yes',
        from: { id: 'someone-else', role: 'bot' },
        channelData: { clientActivityID: 'abc123' },
        serviceUrl: 'https://attacker.example',
        recipient: { id: 'not-the-bot' },
      },
    });
    expect(posted.status).toBe(200);
    const id = posted.body.id as string;

    const seenByBot = server.bot.received.find((a) => a.id === id);
    expect(seenByBot).toMatchObject({
      type: 'message',
      text: 'yes',
      channelId: 'directline',
      serviceUrl: server.url,
      recipient: { id: server.channel!.botId },
      conversation: { id: conversation.conversationId },
      channelData: { clientActivityID: 'abc123' },
    });
    // The channel, not the client, says who sent it.
    expect(seenByBot?.from).toEqual(expect.objectContaining({ role: 'user' }));
    expect(seenByBot?.from?.id).not.toBe('someone-else');

    const next = await activities(server, conversation, greeting.body.watermark);
    expect(Number(next.body.watermark)).toBeGreaterThan(Number(greeting.body.watermark));
    const [echo, reply] = next.body.activities;
    expect(echo).toMatchObject({ id, text: 'yes', channelData: { clientActivityID: 'abc123' }, from: { role: 'user' } });
    expect(reply).toMatchObject({ text: 'Are you asking for an organisation or for yourself?', from: { role: 'bot' } });
    expect(JSON.stringify(next.body)).not.toContain('serviceUrl');

    // Nothing new past the latest watermark.
    const none = await activities(server, conversation, next.body.watermark);
    expect(none.body).toEqual({ activities: [], watermark: next.body.watermark });
  });

  test("a conversation's activities are only readable with its own token", async () => {
    const mine = await startConversation(server);
    const theirs = await startConversation(server);
    const path = `/v3/directline/conversations/${mine.conversationId}/activities`;
    expect((await call(server, 'GET', path)).status).toBe(403);
    expect((await call(server, 'GET', path, { token: 'guess' })).status).toBe(403);
    const wrong = await call(server, 'GET', path, { token: theirs.token });
    expect(wrong.status).toBe(403);
    expect(JSON.stringify(wrong.body)).not.toContain('Welcome');
    expect((await call(server, 'POST', path, { token: theirs.token, body: { type: 'message', text: 'hi' } })).status).toBe(403);
    expect((await call(server, 'GET', path, { token: mine.token })).status).toBe(200);
  });

  test('a refreshed token works for the same conversation', async () => {
    const conversation = await startConversation(server);
    const refreshed = await call(server, 'POST', '/v3/directline/tokens/refresh', { token: conversation.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(conversation.conversationId);
    expect(refreshed.body.token).not.toBe(conversation.token);
    expect((await activities(server, { ...conversation, token: refreshed.body.token })).status).toBe(200);
    expect((await call(server, 'POST', '/v3/directline/tokens/refresh')).status).toBe(403);
  });

  test('malformed activities are refused with 400, and nothing reaches the bot', async () => {
    const conversation = await startConversation(server);
    const before = server.bot.received.length;
    const path = `/v3/directline/conversations/${conversation.conversationId}/activities`;
    for (const body of [[], { text: 'no type' }, { type: 'invoke', name: 'x' }]) {
      const answer = await call(server, 'POST', path, { token: conversation.token, body });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('BadArgument');
    }
    expect(server.bot.received.length).toBe(before);
  });

  test('the connector routes take replies only for known conversations', async () => {
    const unknown = await call(server, 'POST', '/v3/conversations/nope/activities', { body: { type: 'message', text: 'x' } });
    expect(unknown.status).toBe(404);
    const conversation = await startConversation(server);
    const reply = await call(server, 'POST', `/v3/conversations/${conversation.conversationId}/activities`, {
      body: { type: 'message', text: 'proactive hello', from: { id: 'bot' } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.id).toMatch(new RegExp(`^${conversation.conversationId}\\|`));
    const { body } = await activities(server, conversation);
    expect(body.activities.at(-1)).toMatchObject({ id: reply.body.id, text: 'proactive hello', from: { role: 'bot' } });
  });
});

describe('local Direct Line channel limits', () => {
  test('at most LOCAL_DIRECT_LINE_MAX_CONVERSATIONS conversations: the least recently used is dropped', async () => {
    const server = await startStubServer({ env: { LOCAL_DIRECT_LINE_MAX_CONVERSATIONS: '2', WEBCHAT_TOKENS_PER_MINUTE: '100' } });
    try {
      const first = await startConversation(server);
      const second = await startConversation(server);
      const third = await startConversation(server);
      expect(server.channel!.size).toBe(2);
      expect((await activities(server, first)).status).toBe(404);
      expect((await activities(server, second)).status).toBe(200);
      expect((await activities(server, third)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  test('a conversation idle for longer than LOCAL_DIRECT_LINE_IDLE_MINUTES has ended (404)', async () => {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const server = await startStubServer({ env: { LOCAL_DIRECT_LINE_IDLE_MINUTES: '30' }, now: () => now });
    try {
      const conversation = await startConversation(server);
      now += 29 * 60_000;
      expect((await activities(server, conversation)).status).toBe(200);
      // Web Chat refreshes its token every 15 minutes; neither that nor polling counts as activity.
      const refreshed = await call(server, 'POST', '/v3/directline/tokens/refresh', { token: conversation.token });
      now += 2 * 60_000; // 31 minutes since the last message
      const ended = await activities(server, { ...conversation, token: refreshed.body.token });
      expect(ended.status).toBe(404);
      expect((ended.body as unknown as { error: { code: string } }).error.code).toBe('ConversationEnded');
      expect(server.channel!.size).toBe(0);
    } finally {
      await server.close();
    }
  });

  test('starting conversations without a token is rate-limited per address like the token endpoint', async () => {
    const server = await startStubServer({ env: { WEBCHAT_TOKENS_PER_MINUTE: '2' } });
    try {
      await startConversation(server);
      await startConversation(server);
      const refused = await call(server, 'POST', '/v3/directline/conversations', { body: {} });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  test.each([
    ['DIRECT_LINE_SECRET is set', { DIRECT_LINE_SECRET: 'a-secret' }],
    ['LOCAL_DIRECT_LINE=off', { LOCAL_DIRECT_LINE: 'off' }],
  ])('the channel is off when %s', async (_why, env) => {
    const server = await startStubServer({ env });
    try {
      expect(server.channel).toBeUndefined();
      const answer = await call(server, 'POST', '/v3/directline/conversations', { body: {} });
      expect([404, 405]).toContain(answer.status);
      expect((await call(server, 'POST', '/v3/conversations/x/activities', { body: { type: 'message' } })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
