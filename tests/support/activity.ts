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
