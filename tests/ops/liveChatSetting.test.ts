import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeploymentSettingsError, deploymentSummary, parseLiveChatHours, resolveDeploymentSettings } from '../../server/deployment';

/**
 * The force's own live chat (`liveChat` in the settings file, LIVE_CHAT_URL and LIVE_CHAT_HOURS): optional, checked
 * as the other settings are (an https address to a host; hours a person can read), and named by "can I speak to
 * someone?" when set (tests/dialogs/intents.test.ts, tests/http/intents.test.ts).
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'live-chat-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
function settingsFile(content: unknown): string {
  const file = path.join(dir, `settings-${count++}.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

test('unset: no live chat, and the start-up log says so', () => {
  const settings = resolveDeploymentSettings({});
  expect(settings.liveChat).toBeUndefined();
  expect(deploymentSummary(settings)).toMatchObject({ liveChat: 'unset' });
});

test('hours as a person writes them: a span of days, a list, one day, round the clock', () => {
  expect(parseLiveChatHours('Mon-Fri 08:00-20:00')).toEqual({ days: [1, 2, 3, 4, 5], opens: '08:00', closes: '20:00' });
  expect(parseLiveChatHours('mon,wed,fri 09:00-17:30')).toEqual({ days: [1, 3, 5], opens: '09:00', closes: '17:30' });
  expect(parseLiveChatHours('Sat 10:00-16:00')).toEqual({ days: [6], opens: '10:00', closes: '16:00' });
  expect(parseLiveChatHours('Mon-Fri 08:00-20:00, Sat 09:00-12:00')).toBeNull();
  expect(parseLiveChatHours('24/7')).toBe('always');
  for (const bad of ['weekdays 8-8', 'Mon-Fri 20:00-08:00', 'Fri-Mon 08:00-20:00', 'Mon-Fri 8:00-20:00', 'Mon-Fri 08:00-24:00', 'always']) {
    expect([bad, parseLiveChatHours(bad)]).toEqual([bad, null]);
  }
});

test('from the file (an object or words) and from the environment; the file wins', () => {
  const file = settingsFile({ liveChat: { url: 'https://www.example.police.uk/chat', hours: { days: [5, 1, 2, 3, 4], opens: '08:00', closes: '18:00' } } });
  expect(resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: file }).liveChat).toEqual({
    url: 'https://www.example.police.uk/chat',
    hours: { days: [1, 2, 3, 4, 5], opens: '08:00', closes: '18:00' },
  });
  const words = settingsFile({ liveChat: { url: 'https://www.example.police.uk/chat', hours: '24/7' } });
  expect(resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: words }).liveChat).toEqual({ url: 'https://www.example.police.uk/chat', hours: 'always' });
  const env = { LIVE_CHAT_URL: 'https://env.example.org/talk', LIVE_CHAT_HOURS: 'Mon-Sat 09:00-17:00' };
  const fromEnv = resolveDeploymentSettings(env);
  expect(fromEnv.liveChat).toEqual({ url: 'https://env.example.org/talk', hours: { days: [1, 2, 3, 4, 5, 6], opens: '09:00', closes: '17:00' } });
  expect(deploymentSummary(fromEnv)).toMatchObject({ liveChat: 'set, with hours' });
  expect(resolveDeploymentSettings({ LIVE_CHAT_URL: 'https://env.example.org/talk' }).liveChat).toEqual({ url: 'https://env.example.org/talk' });
  expect(resolveDeploymentSettings({ ...env, DEPLOYMENT_SETTINGS: words }).liveChat).toEqual({ url: 'https://www.example.police.uk/chat', hours: 'always' });
});

test.each<[string, unknown, RegExp]>([
  ['an http address', { liveChat: { url: 'http://www.example.police.uk/chat' } }, /field "liveChat\.url" must be an https URL/],
  ['an address that splits the page\'s policy', { liveChat: { url: "https://x.org;script-src 'unsafe-inline'" } }, /field "liveChat\.url" must be an https URL/],
  ['hours nobody can read', { liveChat: { url: 'https://www.example.police.uk/chat', hours: 'office hours' } }, /field "liveChat\.hours" must be "24\/7" or days and times/],
  ['closing before opening', { liveChat: { url: 'https://www.example.police.uk/chat', hours: { days: [1], opens: '18:00', closes: '09:00' } } }, /field "liveChat\.hours(\.closes)?" must close after it opens/],
  ['hours with no address', { liveChat: { hours: '24/7' } }, /field "liveChat\.url"/],
  ['a typo in a field', { liveChat: { url: 'https://www.example.police.uk/chat', hour: '24/7' } }, /field "liveChat\.hour" is not a setting/],
])('a bad file stops start-up naming the field: %s', (_name, content, message) => {
  const file = settingsFile(content);
  expect(() => resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: file })).toThrow(DeploymentSettingsError);
  expect(() => resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: file })).toThrow(message);
});

test.each([
  [{ LIVE_CHAT_URL: 'www.example.police.uk/chat' }, /^LIVE_CHAT_URL: must be an https URL/],
  [{ LIVE_CHAT_URL: 'https://www.example.police.uk/chat', LIVE_CHAT_HOURS: '9 to 5' }, /^LIVE_CHAT_HOURS: must be "24\/7" or days and times/],
])('a bad variable stops start-up naming it: %o', (env, message) => {
  expect(() => resolveDeploymentSettings(env)).toThrow(message);
});
