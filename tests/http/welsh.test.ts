import { MemoryStorage } from 'botbuilder';
import cy from '../../dialogs/content/cy.json';
import en from '../../dialogs/content/en.json';
import { startServer, type RunningServer } from '../../index';
import { activity } from '../support/activity';

/** Welsh through the real HTTP endpoint (deliveryMode "expectReplies"), as Web Chat and Teams send it. */

let running: RunningServer;
let bilingual: RunningServer;

beforeAll(async () => {
  const common = { port: 0, env: {}, clock: () => new Date('2026-11-18T10:30:00Z'), log: () => {} };
  running = await startServer({ ...common, storage: new MemoryStorage() });
  // A Welsh force's deployment that offers Welsh first (the `languages` setting).
  bilingual = await startServer({ ...common, storage: new MemoryStorage(), deployment: { languages: ['cy', 'en'], defaultNation: 'wales', teams: {} } });
});

afterAll(async () => {
  await running.close();
  await bilingual.close();
});

interface Reply {
  type: string;
  text?: string;
  locale?: string;
  suggestedActions?: { actions: Array<{ title: string; text: string; value: Record<string, unknown> }> };
  attachments?: Array<{ contentType: string; content: { lang?: string; body: Array<Record<string, any>> } }>;
}

let counter = 0;
const newId = () => `welsh-http-${++counter}`;

async function send(server: RunningServer, id: string, fields: Record<string, unknown>): Promise<Reply[]> {
  const response = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity(id, { type: 'message', ...fields })),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { activities: Reply[] }).activities;
}

const textOf = (replies: Reply[]) => replies.map((reply) => reply.text ?? '').join('\n');
const titles = (replies: Reply[]) => replies.flatMap((reply) => reply.suggestedActions?.actions ?? []).map((action) => action.title);

test('a Welsh conversation by typing Welsh answers only, to the live-attack line', async () => {
  const id = newId();
  const first = await send(running, id, { text: 'helo', locale: 'cy-GB' });
  expect(textOf(first)).toContain(cy.states.happeningNow.prompt);
  expect(titles(first)).toEqual(['Ydy', 'Nac ydy', 'Ddim yn siŵr', 'Help', 'English']);
  expect(first.every((reply) => reply.locale === 'cy-GB')).toBe(true);

  const audience = await send(running, id, { text: 'ydy', locale: 'cy-GB' });
  expect(textOf(audience)).toContain(cy.states.audience.prompt);
  const outcome = await send(running, id, { text: 'elusen', locale: 'cy-GB' });
  const words = textOf(outcome);
  expect(words.startsWith('**Ffoniwch Report Fraud nawr ar 0300 123 2040 a phwyswch 9.**')).toBe(true);
  expect(words).toContain("**Yn yr Alban, ffoniwch Heddlu'r Alban ar 101 yn lle hynny.**");
  expect(words).toContain('**Eich atebion**');
  expect(words).not.toContain('Call Report Fraud');
});

test('a Welsh conversation typed in Welsh to the regional team: nac ydy, fi fy hun, yng Nghaerdydd', async () => {
  const id = newId();
  await send(running, id, { text: 'shwmae', locale: 'cy-GB' });
  await send(running, id, { text: 'nac ydy', locale: 'cy-GB' });
  await send(running, id, { text: 'fi fy hun', locale: 'cy-GB' });
  const outcome = textOf(await send(running, id, { text: 'yng Nghaerdydd', locale: 'cy-GB' }));
  expect(outcome).toContain('Yn ôl eich atebion, eich tîm Cyber PROTECT rhanbarthol yw **TARIAN');
  expect(outcome).toContain('Heddlu De Cymru');
  expect(outcome).toContain("wedi'ch lleoli yn ardal Caerdydd");
});

test('switching language mid-conversation keeps the answers', async () => {
  const id = newId();
  const first = await send(running, id, { text: 'hello', locale: 'en-GB' });
  const yes = first.flatMap((reply) => reply.suggestedActions?.actions ?? []).find((action) => action.title === 'Yes')!;
  await send(running, id, { text: yes.text, value: yes.value, locale: 'en-GB' });
  const switched = await send(running, id, { text: 'Cymraeg', locale: 'en-GB' });
  expect(switched[0].text).toBe(cy.language.switched);
  expect(textOf(switched)).toContain(cy.states.audience.prompt);
  // Still an en-GB locale on the activities: the choice wins. The answer "yes" given in English is kept.
  const outcome = await send(running, id, { text: 'busnes', locale: 'en-GB' });
  expect(textOf(outcome).startsWith('**Ffoniwch Report Fraud nawr')).toBe(true);
  expect(textOf(outcome)).toContain('- Yn digwydd nawr: Ydy');
  const back = await send(running, id, { text: 'English', locale: 'en-GB' });
  expect(textOf(back)).toContain('**Call Report Fraud now on 0300 123 2040 and press 9.**');
  expect(textOf(back)).toContain('- Happening now: Yes');
});

test('a Welsh force offering Welsh first greets in Welsh with an English offer, whatever the locale says', async () => {
  const id = newId();
  const welcome = await fetch(`${bilingual.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity(id, { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] })),
  }).then((response) => response.json() as Promise<{ activities: Reply[] }>);
  const words = textOf(welcome.activities);
  expect(words).toContain(cy.greeting.split('\n')[0]);
  expect(words).toContain(en.language.offer);
  expect(titles(welcome.activities)).toContain('English');
  // A click of "English" (the button's value) switches.
  const english = welcome.activities.flatMap((reply) => reply.suggestedActions?.actions ?? []).find((action) => action.title === 'English')!;
  const switched = await send(bilingual, id, { text: english.text, value: english.value });
  expect(textOf(switched)).toContain(en.states.happeningNow.prompt);
  expect(switched.every((reply) => reply.locale === 'en-GB')).toBe(true);
});

test('Teams in Welsh: Adaptive Cards with lang "cy", Welsh words and buttons that work', async () => {
  const teams = async (fields: Record<string, unknown>) =>
    send(running, 'teams-welsh', {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      conversation: { id: 'teams-welsh', conversationType: 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
      locale: 'cy-GB',
      ...fields,
    });
  const first = await teams({ text: 'helo' });
  const card = first.find((reply) => reply.attachments?.length)!.attachments![0];
  expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(card.content.lang).toBe('cy');
  expect(JSON.stringify(card.content.body)).toContain(cy.states.happeningNow.prompt);
  const actions = card.content.body.filter((block) => block.type === 'ActionSet').flatMap((block) => block.actions as Array<Record<string, any>>);
  expect(actions.map((action) => action.title)).toEqual(['Ydy', 'Nac ydy', 'Ddim yn siŵr', 'Help', 'English']);
  const yes = actions.find((action) => action.title === 'Ydy')!;
  const next = await teams({ text: yes.data.msteams.text, value: yes.data.msteams.value });
  const nextCard = next.find((reply) => reply.attachments?.length)!.attachments![0];
  expect(nextCard.content.lang).toBe('cy');
  expect(JSON.stringify(nextCard.content.body)).toContain(cy.states.audience.prompt);
});
