import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as turn from '../../dialogs/turn';
import { startServer } from '../../index';
import { buildTeamsPackage, validateManifest } from '../../scripts/teams-package';
import { DeploymentSettingsError, resolveDeploymentSettings } from '../../server/deployment';
import { readWebChatSettings } from '../../web/settings';
import { activity, allText, post, type Reply } from '../production/support/serverProcess';

/** Per-deployment settings: one JSON file named by DEPLOYMENT_SETTINGS, over the environment, checked at start-up. */

const ROOT = path.join(__dirname, '../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'deployment-settings-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function settingsFile(content: unknown): string {
  const file = path.join(dir, `settings-${fileCount++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const SCOTLAND = {
  forceName: 'Police Scotland',
  defaultNation: 'scotland',
  languages: ['en'],
  quickExitUrl: 'https://www.example.org/neutral',
  brand: { colour: '#0A5', logoUrl: 'https://www.example.org/logo.svg' },
  teams: { shortName: 'Cyber help', fullName: 'Police Scotland cyber incident help', developerName: 'Police Scotland' },
};

describe('resolveDeploymentSettings', () => {
  test('nothing set: English only, no default nation, nothing else', () => {
    expect(resolveDeploymentSettings({})).toEqual({ languages: ['en'], teams: {}, avatar: {}, statements: {} });
  });

  test('from the file: every field, the colour normalised', () => {
    const file = settingsFile(SCOTLAND);
    expect(resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: file })).toEqual({
      forceName: 'Police Scotland',
      defaultNation: 'scotland',
      languages: ['en'],
      quickExitUrl: 'https://www.example.org/neutral',
      brandColour: '#00aa55',
      logoUrl: 'https://www.example.org/logo.svg',
      teams: SCOTLAND.teams,
      avatar: {},
      statements: {},
      file,
    });
  });

  test('the avatar and the statements\' controller and contacts: one text for every language, or one per language', () => {
    const file = settingsFile({
      brand: { avatarText: { en: 'GP', cy: 'HG' }, avatarImageUrl: 'https://www.example.org/crest.png' },
      privacy: { controller: { en: 'Chief Constable of Gwent Police', cy: 'Prif Gwnstabl Heddlu Gwent' }, contact: 'dpo@example.police.uk', noticeUrl: 'https://www.example.org/privacy' },
      accessibility: { contact: 'https://www.example.org/accessibility-problem' },
    });
    expect(resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: file })).toMatchObject({
      avatar: { text: { en: 'GP', cy: 'HG' }, imageUrl: 'https://www.example.org/crest.png' },
      statements: {
        controller: { en: 'Chief Constable of Gwent Police', cy: 'Prif Gwnstabl Heddlu Gwent' },
        contact: 'dpo@example.police.uk',
        privacyNoticeUrl: 'https://www.example.org/privacy',
        accessibilityContact: 'https://www.example.org/accessibility-problem',
      },
    });
    expect(
      resolveDeploymentSettings({ BRAND_AVATAR_TEXT: 'Bot', PRIVACY_CONTROLLER: 'Example Police', PRIVACY_CONTACT: 'https://www.example.org/contact', ACCESSIBILITY_CONTACT: 'help@example.org' }),
    ).toMatchObject({
      avatar: { text: 'Bot' },
      statements: { controller: 'Example Police', contact: 'https://www.example.org/contact', accessibilityContact: 'help@example.org' },
    });
  });

  test('from the environment, and the file wins field by field where both are set', () => {
    const env = {
      FORCE_NAME: 'Env Constabulary',
      DEFAULT_NATION: 'wales',
      LANGUAGES: 'en',
      BRAND_COLOUR: '#123456',
      BRAND_LOGO_URL: 'https://env.example.org/logo.png',
      TEAMS_APP_SHORT_NAME: 'Env short',
      TEAMS_APP_FULL_NAME: 'Env full name',
      TEAMS_DEVELOPER_NAME: 'Env developer',
    };
    expect(resolveDeploymentSettings(env)).toEqual({
      forceName: 'Env Constabulary',
      defaultNation: 'wales',
      languages: ['en'],
      brandColour: '#123456',
      logoUrl: 'https://env.example.org/logo.png',
      teams: { shortName: 'Env short', fullName: 'Env full name', developerName: 'Env developer' },
      avatar: {},
      statements: {},
    });
    const partial = settingsFile({ defaultNation: 'scotland', brand: { colour: '#000000' }, teams: { shortName: 'File short' } });
    expect(resolveDeploymentSettings({ ...env, DEPLOYMENT_SETTINGS: partial })).toMatchObject({
      forceName: 'Env Constabulary',
      defaultNation: 'scotland',
      brandColour: '#000000',
      logoUrl: 'https://env.example.org/logo.png',
      teams: { shortName: 'File short', fullName: 'Env full name', developerName: 'Env developer' },
    });
  });

  test.each<[string, unknown, RegExp]>([
    ['a typo in a field name', { defualtNation: 'scotland' }, /field "defualtNation" is not a setting/],
    ['a typo inside brand', { brand: { color: '#000000' } }, /field "brand\.color" is not a setting/],
    ['a nation that is not one', { defaultNation: 'Scotland' }, /field "defaultNation" must be one of england, wales, scotland, northern-ireland/],
    ['a colour that is not hex', { brand: { colour: 'navy' } }, /field "brand\.colour" must be a hex colour/],
    ['an http logo', { brand: { logoUrl: 'http://www.example.org/logo.png' } }, /field "brand\.logoUrl" must be an https URL/],
    ['a quick exit that is not a URL', { quickExitUrl: 'javascript:alert(1)' }, /field "quickExitUrl" must be an https URL/],
    ['a language without content', { languages: ['en', 'xx'] }, /field "languages\.1" must be a language with content in dialogs\/content \(available: en, cy\)/],
    ['the same language twice', { languages: ['en', 'en'] }, /field "languages" must not list a language twice/],
    ['no languages', { languages: [] }, /field "languages" must list at least one language/],
    ['a Teams short name too long', { teams: { shortName: 'x'.repeat(31) } }, /field "teams\.shortName" must be at most 30 characters/],
    ['an empty force name', { forceName: '  ' }, /field "forceName" must not be empty/],
    ['not an object', ['scotland'], /field "\(root\)"/],
    ['an avatar of a whole word', { brand: { avatarText: 'Cyber help' } }, /field "brand\.avatarText" must be 1 to 4 letters or digits/],
    ['an avatar in a language without content', { brand: { avatarText: { xx: 'AB' } } }, /field "brand\.avatarText(\.xx)?" /],
    ['a contact that is neither an address nor an https page', { privacy: { contact: 'call us' } }, /field "privacy\.contact" must be an e-mail address or an https URL/],
    ['an http privacy notice', { privacy: { noticeUrl: 'http://www.example.org/privacy' } }, /field "privacy\.noticeUrl" must be an https URL/],
    ['an empty controller', { privacy: { controller: '' } }, /field "privacy\.controller"/],
  ])('a bad file stops with its name and the field: %s', (_name, content, message) => {
    const file = settingsFile(content);
    let error: unknown;
    try {
      resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: file });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DeploymentSettingsError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(message);
  });

  test('a missing file, or one that is not JSON, is named', () => {
    expect(() => resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: path.join(dir, 'nope.json') })).toThrow(/DEPLOYMENT_SETTINGS file .*nope\.json does not exist/);
    const broken = settingsFile('{ "forceName": ');
    expect(() => resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: broken })).toThrow(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} could not be read as JSON`));
  });

  test.each([
    [{ DEFAULT_NATION: 'narnia' }, /^DEFAULT_NATION: must be one of/],
    [{ BRAND_COLOUR: 'blue' }, /^BRAND_COLOUR: must be a hex colour/],
    [{ LANGUAGES: 'en, cy-GB' }, /^LANGUAGES: must be a language with content/],
    [{ TEAMS_APP_FULL_NAME: 'x'.repeat(101) }, /^TEAMS_APP_FULL_NAME: must be at most 100 characters/],
    [{ PRIVACY_CONTACT: 'mailto:' }, /^PRIVACY_CONTACT: must be an e-mail address or an https URL/],
    [{ BRAND_AVATAR_TEXT: '<b>' }, /^BRAND_AVATAR_TEXT: must be 1 to 4 letters or digits/],
  ])('a bad variable stops with its name: %o', (env, message) => {
    expect(() => resolveDeploymentSettings(env)).toThrow(message);
  });
});

describe('start-up', () => {
  test('a bad settings file stops start-up (createServer throws) and the process exits 1 naming the file and field', async () => {
    const file = settingsFile({ defaultNation: 'alba' });
    await expect(startServer({ port: 0, env: { DEPLOYMENT_SETTINGS: file }, log: () => undefined })).rejects.toThrow(/field "defaultNation"/);
    const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', 'index.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', DEPLOYMENT_SETTINGS: file, NODE_NO_WARNINGS: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toContain(`Cannot start: DEPLOYMENT_SETTINGS file ${file}: field "defaultNation" must be one of`);
  });
});

async function liveAttackText(env: NodeJS.ProcessEnv): Promise<string> {
  const running = await startServer({ port: 0, env, log: () => undefined });
  try {
    await post(running.url, activity('live', { type: 'message', text: 'hi' }));
    await post(running.url, activity('live', { type: 'message', text: 'yes' }));
    const { json } = await post(running.url, activity('live', { type: 'message', text: 'a business' }));
    return allText(json.activities as Reply[]);
  } finally {
    await running.shutdown(1_000);
  }
}

describe('the settings reach the conversation, the page and the Teams package', () => {
  test('a Police Scotland settings file leads the live-attack outcome with Police Scotland 101 (through HTTP)', async () => {
    const scottish = await liveAttackText({ DEPLOYMENT_SETTINGS: settingsFile(SCOTLAND) });
    const everyone = await liveAttackText({});
    const first = (text: string) => text.indexOf('Police Scotland') < text.indexOf('0300 123 2040');
    expect(scottish).toMatch(/Police Scotland now on 101/);
    expect(first(scottish)).toBe(true);
    expect(first(everyone)).toBe(false);
    // The file wins over the variable.
    expect(first(await liveAttackText({ DEFAULT_NATION: 'england', DEPLOYMENT_SETTINGS: settingsFile({ defaultNation: 'scotland' }) }))).toBe(true);
    expect(first(await liveAttackText({ DEFAULT_NATION: 'scotland' }))).toBe(true);
  });

  test("a settings file with the force's name changes the greeting (through HTTP); without one, the plain greeting", async () => {
    const greeting = async (env: NodeJS.ProcessEnv, channelId = 'test') => {
      const running = await startServer({ port: 0, env, log: () => undefined });
      try {
        const { json } = await post(running.url, { ...activity('greeting', { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] }), channelId });
        return (json.activities as Reply[])[0].text ?? '';
      } finally {
        await running.shutdown(1_000);
      }
    };
    const named = await greeting({ DEPLOYMENT_SETTINGS: settingsFile({ forceName: 'Example Police' }) });
    expect(named).toMatch(/^Hello\. This is Example Police's cyber incident help\. I can help/);
    expect(named).toMatch(/immediate danger, call 999/);
    expect(await greeting({ DEPLOYMENT_SETTINGS: settingsFile({ forceName: 'Example Police' }) }, 'msteams')).toMatch(/^Hello\. This is Example Police's/);
    // The file wins over FORCE_NAME; FORCE_NAME alone works too; neither: the plain greeting.
    expect(await greeting({ FORCE_NAME: 'Env Constabulary', DEPLOYMENT_SETTINGS: settingsFile({ forceName: 'Example Police' }) })).toMatch(/This is Example Police's/);
    expect(await greeting({ FORCE_NAME: 'Env Constabulary' })).toMatch(/^Hello\. This is Env Constabulary's/);
    const plain = await greeting({});
    expect(plain).toMatch(/^Hello\. I can help/);
    expect(plain).not.toMatch(/This is/);
  });

  test("every turn gets the deployment's nation, force name and languages in its environment", async () => {
    const spy = jest.spyOn(turn, 'runTurn');
    try {
      const running = await startServer({ port: 0, env: { DEPLOYMENT_SETTINGS: settingsFile(SCOTLAND) }, log: () => undefined });
      try {
        await post(running.url, activity('environment', { type: 'message', text: 'hi' }));
      } finally {
        await running.shutdown(1_000);
      }
      expect(spy).toHaveBeenCalled();
      expect(spy.mock.calls[0][2]).toMatchObject({ defaultNation: 'scotland', forceName: 'Police Scotland', languages: ['en'] });
    } finally {
      spy.mockRestore();
    }
  });

  test('the quick-exit URL from the file goes on the page (over QUICK_EXIT_URL); colour, name and logo reach the web chat settings', async () => {
    const running = await startServer({
      port: 0,
      env: { DEPLOYMENT_SETTINGS: settingsFile(SCOTLAND), QUICK_EXIT_URL: 'https://www.example.com/other' },
      log: () => undefined,
    });
    try {
      const page = await (await fetch(`${running.url}/`)).text();
      expect(page).toContain('data-exit-url="https://www.example.org/neutral"');
      expect(page).not.toContain('example.com/other');
    } finally {
      await running.shutdown(1_000);
    }
    const settings = readWebChatSettings({ QUICK_EXIT_URL: 'https://www.example.com/other' }, resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: settingsFile(SCOTLAND) }));
    expect(settings).toMatchObject({ quickExitUrl: 'https://www.example.org/neutral', forceName: 'Police Scotland', brandColour: '#00aa55', logoUrl: 'https://www.example.org/logo.svg' });
    // Without the file, the variable as before.
    expect(readWebChatSettings({ QUICK_EXIT_URL: 'https://www.example.com/other' }).quickExitUrl).toBe('https://www.example.com/other');
  });

  test('the Teams package takes its names and accent colour from the file, over the variables', async () => {
    const outDir = mkdtempSync(path.join(dir, 'teams-'));
    const { manifest } = await buildTeamsPackage({
      outDir,
      env: {
        MicrosoftAppId: '0b5f2c1e-8a4d-4c3b-9e6f-1a2b3c4d5e6f',
        PUBLIC_BASE_URL: 'https://cyber.example.police.uk',
        TEAMS_DEVELOPER_NAME: 'Overridden',
        TEAMS_APP_SHORT_NAME: 'Overridden too',
        DEPLOYMENT_SETTINGS: settingsFile(SCOTLAND),
      },
    });
    expect(manifest.name).toEqual({ short: 'Cyber help', full: 'Police Scotland cyber incident help' });
    expect((manifest.developer as { name: string }).name).toBe('Police Scotland');
    expect(manifest.accentColor).toBe('#00aa55');
    expect(validateManifest(manifest)).toEqual([]);
    await expect(
      buildTeamsPackage({ outDir, env: { MicrosoftAppId: '0b5f2c1e-8a4d-4c3b-9e6f-1a2b3c4d5e6f', DEPLOYMENT_SETTINGS: settingsFile({ teams: { fullName: '' } }) } }),
    ).rejects.toThrow(/field "teams\.fullName" must not be empty/);
  });
});
