import { MemoryStorage } from 'botbuilder';
import { startServer, type RunningServer } from '../../index';
import { unitById } from '../../data/catalog';
import { contentFor } from '../../dialogs/content';

const FEEDBACK = contentFor('en-GB').feedback;

/** Teams-shaped activities through the real HTTP endpoint (deliveryMode "expectReplies" returns the replies). */

const BOT = { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'Cyber triage' };
const USER = { id: '29:user-1', name: 'Sam', aadObjectId: '00000000-0000-0000-0000-00000000a11c' };
const MENTION = `<at>${BOT.name}</at>`;

let running: RunningServer;

beforeAll(async () => {
  running = await startServer({ port: 0, env: {}, storage: new MemoryStorage(), clock: () => new Date('2026-11-18T10:30:00Z'), log: () => {} });
});

afterAll(async () => {
  await running.close();
});

interface CardAction {
  type: string;
  title: string;
  url?: string;
  data?: Record<string, unknown> & { msteams?: { type: string; text: string; displayText: string; value: Record<string, unknown> } };
}
interface Reply {
  type: string;
  text?: string;
  suggestedActions?: unknown;
  attachments?: Array<{ contentType: string; content: { body: Array<Record<string, any>> } }>;
}

type ConversationType = 'personal' | 'groupChat' | 'channel';

function conversation(type: ConversationType, id: string) {
  return { id, conversationType: type, tenantId: 'tenant-1', isGroup: type !== 'personal' };
}

async function post(type: ConversationType, conversationId: string, fields: Record<string, unknown>): Promise<Reply[]> {
  const response = await fetch(`${running.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      from: USER,
      recipient: BOT,
      conversation: conversation(type, conversationId),
      channelData: { tenant: { id: 'tenant-1' } },
      locale: 'en-GB',
      deliveryMode: 'expectReplies',
      ...fields,
    }),
  });
  expect(response.status).toBe(200);
  const body = await response.text();
  return body ? ((JSON.parse(body).activities ?? []) as Reply[]) : [];
}

function say(type: ConversationType, id: string, text: string, mention = type !== 'personal'): Promise<Reply[]> {
  const entities = mention ? [{ type: 'mention', text: MENTION, mentioned: BOT }] : [];
  return post(type, id, { type: 'message', text: mention ? `${MENTION} ${text}` : text, entities });
}

function cardActions(replies: Reply[]): CardAction[] {
  return replies.flatMap((reply) =>
    (reply.attachments ?? []).flatMap((attachment) =>
      attachment.content.body.filter((element) => element.type === 'ActionSet').flatMap((set) => set.actions as CardAction[]),
    ),
  );
}

function cardText(replies: Reply[]): string {
  return replies
    .flatMap((reply) => [
      reply.text ?? '',
      ...(reply.attachments ?? []).flatMap((attachment) =>
        attachment.content.body.map((element) =>
          element.type === 'TextBlock' ? element.text : element.type === 'FactSet' ? JSON.stringify(element.facts) : '',
        ),
      ),
    ])
    .join('\n');
}

/** A card click as Teams sends it: messageBack with the visible words and the stamped value. */
function clickAsTeams(type: ConversationType, id: string, replies: Reply[], title: string): Promise<Reply[]> {
  const action = cardActions(replies).find((candidate) => candidate.title === title);
  if (!action?.data?.msteams) throw new Error(`no card button "${title}"`);
  const { text, value } = action.data.msteams;
  return post(type, id, { type: 'message', text, value: JSON.stringify(value) });
}

/** A card submit with no text, as Web Chat (and Teams without msteams) sends it. */
function submitData(type: ConversationType, id: string, replies: Reply[], title: string): Promise<Reply[]> {
  const action = cardActions(replies).find((candidate) => candidate.title === title);
  if (!action?.data) throw new Error(`no card button "${title}"`);
  const { msteams: _msteams, ...data } = action.data;
  return post(type, id, { type: 'message', value: data });
}

test('personal chat: install welcomes once, questions and outcomes are cards, no suggested actions', async () => {
  const id = 'a:personal-1';
  const installed = await post('personal', id, { type: 'installationUpdate', action: 'add' });
  expect(installed[0].text).toMatch(/immediate danger, call 999/);
  const question = installed[installed.length - 1];
  expect(question.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardActions(installed).map((action) => action.title)).toEqual(expect.arrayContaining(['Yes', 'No', 'Not sure']));
  expect(installed.every((reply) => !reply.suggestedActions)).toBe(true);

  const again = await post('personal', id, { type: 'conversationUpdate', membersAdded: [BOT] });
  expect(again).toHaveLength(0);

  let replies = await clickAsTeams('personal', id, installed, 'Yes');
  replies = await submitData('personal', id, replies, 'An organisation');
  const text = cardText(replies);
  expect(text).toMatch(/0300 123 2040 and press 9/);
  const links = cardActions(replies).filter((action) => action.type === 'Action.OpenUrl');
  expect(links.map((link) => link.url)).toContain('tel:03001232040');
  expect(text).toMatch(/Your answers/);
  expect(cardActions(replies).map((action) => action.title)).toEqual(
    expect.arrayContaining(['Show my regional team', 'Start again']),
  );
});

test('the regional outcome card opens the team website, and "Your answers" is a fact table', async () => {
  const id = 'a:personal-2';
  let replies = await say('personal', id, 'hello');
  replies = await clickAsTeams('personal', id, replies, 'No');
  replies = await clickAsTeams('personal', id, replies, 'Myself');
  replies = await say('personal', id, 'M1 1AE');
  const links = cardActions(replies).filter((action) => action.type === 'Action.OpenUrl').map((action) => action.url);
  expect(links).toContain(unitById('NWROCU').website.url);
  expect(links.every((url) => url?.startsWith('https://'))).toBe(true);
  const factSet = replies.flatMap((reply) => reply.attachments?.[0].content.body ?? []).find((element) => element.type === 'FactSet');
  expect(factSet?.facts).toEqual(expect.arrayContaining([expect.objectContaining({ title: 'Based in' })]));
});

test('group chat: silent unless mentioned; the mention is removed before understanding', async () => {
  const id = '19:group-1@thread.v2';
  expect(await say('groupChat', id, 'yes', false)).toHaveLength(0);
  const greeted = await say('groupChat', id, 'hi');
  expect(cardText(greeted)).toMatch(/Is the incident happening now\?/);
  const answered = await say('groupChat', id, 'not sure');
  expect(cardText(answered)).toMatch(/treat the attack as happening now/);
  // A card click carries no mention but is still for the bot.
  const clicked = await clickAsTeams('groupChat', id, answered, 'An organisation');
  expect(cardText(clicked)).toMatch(/0300 123 2040 and press 9/);
});

test('channel: each thread keeps its own triage', async () => {
  const threadA = '19:channel-1@thread.tacv2;messageid=1001';
  const threadB = '19:channel-1@thread.tacv2;messageid=1002';
  await say('channel', threadA, 'hi');
  await say('channel', threadB, 'hi');
  const inA = await say('channel', threadA, 'no');
  expect(cardText(inA)).toMatch(/Are you asking for a business/);
  const inB = await say('channel', threadB, 'yes');
  expect(cardText(inB)).toMatch(/Are you asking for a business/);
  expect(cardText(await say('channel', threadA, 'myself'))).toMatch(/Where are you/);
  expect(cardText(await say('channel', threadB, 'our company'))).toMatch(/0300 123 2040 and press 9/);
});

test('a click on an old card gets a clear reply, never a jump to a wrong state', async () => {
  const id = 'a:personal-3';
  const first = await say('personal', id, 'hi');
  await clickAsTeams('personal', id, first, 'No');
  const stale = await clickAsTeams('personal', id, first, 'Yes');
  expect(cardText(stale)).toMatch(/earlier question/);
  expect(cardText(stale)).toMatch(/Are you asking for a business/);

  const afterRestart = await say('personal', id, 'start again');
  expect(cardText(afterRestart)).toMatch(/Starting again/);
  const fromFinished = await submitData('personal', id, first, 'No');
  expect(cardText(fromFinished)).toMatch(/earlier question/);
  expect(cardText(fromFinished)).toMatch(/Is the incident happening now\?/);
});

test('"Was this helpful?" is its own card after "Your answers"; Yes and No are card actions; a click thanks, once; an old one is stale', async () => {
  const id = '19:group-feedback@thread.v2';
  await say('groupChat', id, 'hi');
  await say('groupChat', id, 'no');
  await say('groupChat', id, 'myself');
  const outcome = await say('groupChat', id, 'LS1 4AP');
  // Outcome card, the optional "What happened?" card, "Your answers" card, then the prompt's card: the outcome card
  // still opens with its lead.
  const cards = outcome.map((reply) => reply.attachments?.[0]?.content.body ?? []);
  expect(cards).toHaveLength(4);
  expect(cards[0][0].text).toMatch(/^Based on your answers, your regional police Cyber PROTECT team is/);
  expect(cards[2].some((element) => element.type === 'FactSet')).toBe(true);
  expect(cards[3][0]).toMatchObject({ type: 'TextBlock', text: FEEDBACK.prompt });
  const feedback = cardActions([outcome[3]]);
  expect(feedback.map((action) => [action.type, action.title])).toEqual([
    ['Action.Submit', FEEDBACK.yes],
    ['Action.Submit', FEEDBACK.no],
  ]);
  expect(feedback[0].data?.msteams).toMatchObject({ type: 'messageBack', displayText: FEEDBACK.yes, value: { action: 'feedback', answer: 'yes', state: 'regionalTeam' } });
  // "Your answers" keeps Change and Start again on its own card.
  expect(cardActions([outcome[2]]).map((action) => action.title)).toEqual(expect.arrayContaining(['Change: where you are', 'Start again']));

  // A card click needs no mention, even in a group chat.
  const thanks = await clickAsTeams('groupChat', id, outcome, FEEDBACK.yes);
  expect(thanks[0].text).toBe(FEEDBACK.thanksYes);
  expect(cardActions(thanks).map((action) => action.title)).toContain('Start again');
  const again = await clickAsTeams('groupChat', id, outcome, FEEDBACK.no);
  expect(cardText(again)).toMatch(/already told us/);

  await say('groupChat', id, 'start again');
  const old = await submitData('groupChat', id, outcome, FEEDBACK.no);
  expect(cardText(old)).toMatch(/earlier question/);
  expect(cardText(old)).toMatch(/Is the incident happening now\?/);
});
