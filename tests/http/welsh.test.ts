import { MemoryStorage } from 'botbuilder';
import cy from '../../dialogs/content/cy.json';
import en from '../../dialogs/content/en.json';
import { startServer, type RunningServer } from '../../index';
import { activity, sendMessage, textOf } from '../support/activity';

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

function send(server: RunningServer, id: string, fields: Record<string, unknown>): Promise<Reply[]> {
  return sendMessage<Reply>(server.url, id, fields);
}

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
  expect(outcome).toContain('Dyma sut rydw i wedi deall eich ateb: yn ardal Caerdydd.');
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

describe('a message written in Welsh switches the chat to Welsh and keeps every button (the offer of English is sent last)', () => {
  const webChat = (id: string, fields: Record<string, unknown>) => send(running, id, { channelId: 'webchat', locale: 'en-GB', ...fields });
  /** Web Chat shows suggested actions on the last activity only: the buttons a user can press after this turn. */
  const lastTitles = (replies: Reply[]) => replies.at(-1)?.suggestedActions?.actions.map((action) => action.title) ?? [];

  test('Web Chat / Direct Line: at a question, the question\'s buttons ride on the offer, which says it is English', async () => {
    const id = newId();
    await webChat(id, { text: 'hello' });
    const replies = await webChat(id, { text: 'nac ydy, mae wedi dod i ben' });
    expect(replies.at(-1)?.text).toBe(en.language.offer);
    expect(replies.at(-1)?.locale).toBe('en-GB');
    expect(replies.slice(0, -1).every((reply) => reply.locale === 'cy-GB')).toBe(true);
    expect(lastTitles(replies)).toEqual(['Sefydliad', 'Fi fy hun', 'Yn ôl', 'Dechrau eto', 'Help']);
  });

  test('Web Chat / Direct Line: at the place question after a miss, the nations and Back; at an outcome, Change an answer and Start again, "Was this helpful?" on its card', async () => {
    const id = newId();
    await webChat(id, { text: 'hello' });
    await webChat(id, { text: 'no' });
    await webChat(id, { text: 'myself' });
    const missed = await webChat(id, { text: 'dw i ddim yn gwybod ble rydyn ni' });
    expect(textOf(missed)).toContain(cy.states.location.prompt);
    expect(lastTitles(missed)).toEqual(['Lloegr', 'Cymru', 'Yr Alban', 'Gogledd Iwerddon', "Y tu allan i'r DU", 'Yn ôl', 'Dechrau eto', 'Help']);

    const other = newId();
    await webChat(other, { text: 'hello' });
    await webChat(other, { text: 'no' });
    await webChat(other, { text: 'myself' });
    const outcome = await webChat(other, { text: "rydw i'n byw yng Nghaerdydd" });
    expect(textOf(outcome)).toContain('Yn ôl eich atebion, eich tîm Cyber PROTECT rhanbarthol yw **TARIAN');
    // "Was this helpful?" is a small card of its own (Yes and No on it); the answer buttons ride on the last message.
    const card = outcome
      .flatMap((reply) => (reply as { attachments?: Array<{ contentType?: string; content?: { text?: string; buttons?: Array<{ title: string }> } }> }).attachments ?? [])
      .find((attachment) => attachment.contentType === 'application/vnd.microsoft.card.hero')?.content;
    expect(card?.text).toBe(cy.feedback.prompt);
    expect(card?.buttons?.map((button) => button.title)).toEqual([cy.feedback.yes, cy.feedback.no]);
    expect(lastTitles(outcome)).toEqual([cy.buttons.changeAnswer, cy.summary.startAgainButton]);
  });

  test('Teams: every card keeps its buttons, "Was this helpful?" is still asked, and the offer is a plain line in English', async () => {
    const teams = (text: string) =>
      send(running, 'teams-switch', {
        channelId: 'msteams',
        serviceUrl: 'https://smba.trafficmanager.net/uk/',
        conversation: { id: 'teams-switch', conversationType: 'personal', tenantId: 'tenant-1' },
        channelData: { tenant: { id: 'tenant-1' } },
        locale: 'en-GB',
        text,
      });
    const actionsOf = (reply: Reply) =>
      (reply.attachments?.[0]?.content.body ?? []).filter((block) => block.type === 'ActionSet').flatMap((block) => (block.actions as Array<{ title: string }>).map((action) => action.title));
    await teams('hello');
    const question = await teams('nac ydy, mae wedi dod i ben');
    const card = question.find((reply) => reply.attachments?.length)!;
    expect(card.attachments![0].content.lang).toBe('cy');
    expect(actionsOf(card)).toEqual(expect.arrayContaining(['Sefydliad', 'Fi fy hun', 'Yn ôl', 'Dechrau eto', 'Help']));
    expect(question.at(-1)).toMatchObject({ text: en.language.offer, locale: 'en-GB' });

    // A new conversation for the outcome: the switch happens only where no language has been chosen.
    const outcomeOf = async (id: string) => {
      const post = (text: string) =>
        send(running, id, {
          channelId: 'msteams',
          serviceUrl: 'https://smba.trafficmanager.net/uk/',
          conversation: { id, conversationType: 'personal', tenantId: 'tenant-1' },
          channelData: { tenant: { id: 'tenant-1' } },
          locale: 'en-GB',
          text,
        });
      await post('hello');
      await post('no');
      await post('myself');
      return post("rydw i'n byw yng Nghaerdydd");
    };
    const outcome = await outcomeOf('teams-switch-outcome');
    const cards = outcome.filter((reply) => reply.attachments?.length);
    const feedback = cards.find((reply) => JSON.stringify(reply.attachments![0].content.body).includes(cy.feedback.prompt));
    expect(feedback && actionsOf(feedback)).toEqual([cy.feedback.yes, cy.feedback.no]);
    expect(cards.some((reply) => actionsOf(reply).includes(cy.states.location.changeButton))).toBe(true);
    expect(outcome.at(-1)).toMatchObject({ text: en.language.offer, locale: 'en-GB' });
  });
});
