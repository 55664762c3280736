/**
 * A message-shaped activity for the HTTP tests: the fields the endpoint requires, delivery mode "expectReplies"
 * (replies come back in the response), and a service URL nothing listens on.
 */
export function activity(conversationId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: conversationId },
    from: { id: 'user-1' },
    recipient: { id: 'bot-1' },
    deliveryMode: 'expectReplies',
    ...fields,
  };
}

/**
 * Posts a message activity to a running server's /api/messages (expectReplies) and gives back the bot's replies,
 * failing the test unless it is answered with 200. `Reply` is the shape the caller reads of each reply.
 */
export async function sendMessage<Reply>(baseUrl: string, conversationId: string, fields: Record<string, unknown>): Promise<Reply[]> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity(conversationId, { type: 'message', ...fields })),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { activities: Reply[] }).activities;
}

/** The text of the replies, one per line. */
export function textOf(replies: ReadonlyArray<{ text?: string }>): string {
  return replies.map((reply) => reply.text ?? '').join('\n');
}
