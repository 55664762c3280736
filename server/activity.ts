/** The checks every activity posted to /api/messages passes before anything else looks at it. */

/** A BCP 47-shaped language tag ("en", "en-GB", "cy", "zh-Hant-TW"); anything else is not a locale. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,4}$/i;

const MAX_SERVICE_URL_LENGTH = 2048;

/** Why an incoming body is not an activity we can process (answered 400), or null when it is. */
export function activityProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The body must be a JSON object (an activity).';
  const activity = body as Record<string, unknown>;
  const conversation = activity.conversation as Record<string, unknown> | undefined;
  const from = activity.from as Record<string, unknown> | undefined;
  if (typeof activity.type !== 'string' || !activity.type) return 'The activity has no "type".';
  if (typeof activity.channelId !== 'string' || !activity.channelId) return 'The activity has no "channelId".';
  if (typeof conversation?.id !== 'string' || !conversation.id) return 'The activity has no "conversation.id".';
  if (typeof from?.id !== 'string' || !from.id) return 'The activity has no "from.id".';
  // The SDK builds its connector client from serviceUrl before the turn: another type there was a 500.
  if (activity.serviceUrl !== undefined && typeof activity.serviceUrl !== 'string') return 'The activity\'s "serviceUrl" must be a string.';
  if (typeof activity.serviceUrl === 'string' && activity.serviceUrl.length > MAX_SERVICE_URL_LENGTH) return 'The activity\'s "serviceUrl" is too long.';
  if (activity.deliveryMode !== undefined && typeof activity.deliveryMode !== 'string') return 'The activity\'s "deliveryMode" must be a string.';
  return null;
}

/** Whether the activity's replies come back in the HTTP response (no outbound call is made). */
export function expectsReplies(body: Record<string, unknown>): boolean {
  return body.deliveryMode === 'expectReplies';
}
