import { MemoryStorage } from 'botbuilder';
import { contentFor } from '../../dialogs/content';
import { startServer, type RunningServer } from '../../index';
import { sendMessage, textOf } from '../support/activity';
import { FormClient } from '../web/formClient';

/**
 * Questions at any point through every channel (issue 20): Web Chat's Direct Line shape and Teams through the real
 * /api/messages (deliveryMode "expectReplies"), and the no-JavaScript /triage pages. Each answers in the outcome's
 * own facts, keeps the turn's buttons on its last message, and names the force's live chat set by LIVE_CHAT_URL and
 * LIVE_CHAT_HOURS.
 */

jest.setTimeout(30_000);

const en = contentFor('en');
const cy = contentFor('cy');
let running: RunningServer;

beforeAll(async () => {
  running = await startServer({
    port: 0,
    env: { FORCE_NAME: 'Example Police', LIVE_CHAT_URL: 'https://www.example.police.uk/live-chat', LIVE_CHAT_HOURS: 'Mon-Fri 08:00-20:00' },
    storage: new MemoryStorage(),
    clock: () => new Date('2026-11-18T10:30:00Z'),
    log: () => {},
  });
});

afterAll(async () => {
  await running.close();
});

interface Reply {
  type: string;
  text?: string;
  locale?: string;
  suggestedActions?: { actions: Array<{ title: string; text: string; value: Record<string, unknown> }> };
  attachments?: Array<{ contentType: string; content: { body: Array<Record<string, any>> } }>;
}

let counter = 0;
const newId = () => `intents-http-${++counter}`;

function send(id: string, fields: Record<string, unknown>): Promise<Reply[]> {
  return sendMessage<Reply>(running.url, id, fields);
}


async function toLiveOutcome(id: string, fields: Record<string, unknown> = {}): Promise<void> {
  await send(id, { text: 'hi', ...fields });
  await send(id, { text: 'yes', ...fields });
  expect(JSON.stringify(await send(id, { text: 'we are a charity', ...fields }))).toMatch(/0300 123 2040 and press 9/);
}

test('Web Chat: "is this line free?" at the live-attack outcome answers with the 0300 rule, and the buttons stay on the last message', async () => {
  const id = newId();
  await toLiveOutcome(id);
  const replies = await send(id, { text: 'is this line free?' });
  expect(replies[0].text).toMatch(/Calls to 0300 123 2040 cost no more than a call to an ordinary 01 or 02 landline number/);
  expect(textOf(replies)).not.toMatch(/didn't understand/);
  expect(replies.slice(0, -1).every((reply) => !reply.suggestedActions)).toBe(true);
  const titles = replies.at(-1)!.suggestedActions!.actions.map((action) => action.title);
  expect(titles).toEqual(expect.arrayContaining([en.states.liveAttack.showRegionalTeamButton, en.summary.startAgainButton]));
  // The answers did not change: the regional team is still one tap away from the live-attack outcome.
  const team = titles.indexOf(en.states.liveAttack.showRegionalTeamButton);
  const action = replies.at(-1)!.suggestedActions!.actions[team];
  expect(textOf(await send(id, { text: action.text, value: action.value }))).toContain(en.states.location.prompt);
});

test('Web Chat: "can I speak to someone?" says it is automated and names the live line, 101 and the force\'s live chat with its hours', async () => {
  const id = newId();
  await toLiveOutcome(id);
  const said = (await send(id, { text: 'can I speak to someone?' }))[0].text ?? '';
  expect(said).toMatch(/This is an automated helper, not a person/);
  expect(said).toMatch(/0300 123 2040, then press 9 \(24 hours a day/);
  expect(said).toMatch(/Example Police's live chat: https:\/\/www\.example\.police\.uk\/live-chat \(Monday to Friday, 8am to 8pm\)/);
});

test('Web Chat in Welsh: "diolch, dw i\'n ffonio nawr" is answered in Welsh, and a question it has no answer for gets the number again', async () => {
  const id = newId();
  await send(id, { text: 'helo', locale: 'cy-GB' });
  await send(id, { text: 'ydy', locale: 'cy-GB' });
  await send(id, { text: 'elusen', locale: 'cy-GB' });
  const thanks = await send(id, { text: "diolch, dw i'n ffonio nawr", locale: 'cy-GB' });
  expect(thanks[0].text).toBe(cy.intents.acknowledgement.liveLine);
  expect(thanks.every((reply) => reply.locale === 'cy-GB')).toBe(true);
  for (const message of ['beth yw ROCU?', 'pam fi?']) {
    const fallback = await send(id, { text: message, locale: 'cy-GB' });
    expect(fallback[0].text).toMatch(/^Alla i ddim ateb hynny yma\.[\s\S]*\*\*Ffoniwch 0300 123 2040 a phwyswch 9\*\*/);
    expect(textOf(fallback)).not.toContain(cy.replies.didNotUnderstand);
  }
});

test('Teams: the answer is a message of its own and "Your answers" keeps its card and buttons', async () => {
  const id = newId();
  const teams = { channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/uk/', conversation: { id, conversationType: 'personal', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' } } };
  await toLiveOutcome(id, teams);
  const replies = await send(id, { text: 'what number was it again?', ...teams });
  expect(replies[0].text).toMatch(/\*\*Call 0300 123 2040 and press 9\*\*/);
  expect(replies[0].attachments ?? []).toHaveLength(0);
  const card = replies.at(-1)!.attachments![0];
  expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const actions = card.content.body.filter((block) => block.type === 'ActionSet').flatMap((block) => block.actions as Array<{ title: string }>);
  expect(actions.map((action) => action.title)).toEqual(expect.arrayContaining([en.summary.startAgainButton]));
});

test('the no-JavaScript /triage pages: a question typed at the outcome is answered on the page, with Change and Start again under it', async () => {
  const client = new FormClient(running.url);
  await client.get('/triage');
  await client.press(en.states.happeningNow.options.no);
  await client.press(en.states.audience.options.organisation);
  await client.type('BS1 4DJ');
  expect(client.stepText()).toMatch(/South West Regional Organised Crime Unit/);
  await client.type('when are they open?');
  const step = client.stepText();
  expect(step).toMatch(/we assume Monday to Friday, 9am to 5pm/);
  // (The page makes each number a link, so a space may follow it.)
  expect(step).toMatch(/Report Fraud's phone line for other reports, 0300 123 2040 ?, is open Monday to Friday, 8am to 8pm/);
  expect(step.indexOf('we assume Monday to Friday')).toBeLessThan(step.indexOf('Your answers'));
  expect(step).not.toMatch(/didn't understand/);
  expect(client.buttons().map((button) => button.label)).toEqual(expect.arrayContaining([en.summary.startAgainButton, en.states.location.changeButton]));
  // Before an outcome: the answer, then the question with its buttons.
  const fresh = new FormClient(running.url);
  await fresh.get('/triage');
  await fresh.type('is this a real person?');
  expect(fresh.stepText()).toMatch(/No, I'm an automated helper, not a person/);
  expect(fresh.stepText()).toContain(en.states.happeningNow.prompt);
  expect(fresh.buttons().map((button) => button.label)).toEqual(expect.arrayContaining([en.states.happeningNow.options.yes]));
});
