/** A tiny Direct Line 3.0 client over fetch, for tests of the local channel through HTTP. */
export interface DirectLineConversation {
  conversationId: string;
  token: string;
}

export interface ActivityPage {
  activities: Array<{ id: string; type: string; text?: string; from: { id: string; role?: string }; channelData?: { clientActivityID?: string }; locale?: string; value?: unknown }>;
  watermark: string;
}

export async function call(base: string, method: string, path: string, options: { token?: string; body?: unknown; raw?: string; contentType?: string } = {}) {
  const body = options.raw ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': options.contentType ?? 'application/json' } : {}),
    },
    body,
  });
  const text = await response.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, body: json, text };
}

export async function startConversation(base: string): Promise<DirectLineConversation> {
  const started = await call(base, 'POST', '/v3/directline/conversations', { body: {} });
  if (started.status !== 201) throw new Error(`could not start a conversation: ${started.status} ${started.text}`);
  return started.body as DirectLineConversation;
}

export function postActivity(base: string, conversation: DirectLineConversation, activity: unknown, raw?: string) {
  return call(base, 'POST', `/v3/directline/conversations/${conversation.conversationId}/activities`, { token: conversation.token, body: activity, raw });
}

export async function page(base: string, conversation: DirectLineConversation, watermark = ''): Promise<{ status: number; body: ActivityPage }> {
  const { status, body } = await call(base, 'GET', `/v3/directline/conversations/${conversation.conversationId}/activities?watermark=${watermark}`, {
    token: conversation.token,
  });
  return { status, body: body as ActivityPage };
}

/** The whole transcript, page by page as a Direct Line client polls it, and how many pages it took. */
export async function transcript(base: string, conversation: DirectLineConversation): Promise<{ activities: ActivityPage['activities']; pages: number }> {
  const activities: ActivityPage['activities'] = [];
  let watermark = '';
  for (let pages = 1; ; pages++) {
    const { status, body } = await page(base, conversation, watermark);
    if (status !== 200) throw new Error(`GET activities answered ${status}`);
    activities.push(...body.activities);
    if (!body.activities.length) return { activities, pages };
    watermark = body.watermark;
  }
}
