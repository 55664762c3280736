import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { normalise } from '../../dialogs/understand';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/make-teams-icons';
import {
  APP_PACKAGE_DIR,
  DEFAULT_PUBLIC_BASE_URL,
  TeamsPackageError,
  buildTeamsPackage,
  loadEnv,
  parseDotEnv,
  resolveConfig,
  schemaPath,
  validateManifest,
  type BuildResult,
  type TeamsManifest,
} from '../../scripts/teams-package';

const BOT_ID = '0b5f2c1e-8a4d-4c3b-9e6f-1a2b3c4d5e6f';
const TEAMS_APP_ID = '7d9e8f10-1234-4abc-8def-0123456789ab';
const BASE_URL = 'https://cyber.test-force.police.uk';

let outDir: string;

beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'teams-package-'));
});

afterEach(() => {
  rmSync(outDir, { recursive: true, force: true });
});

function build(env: Record<string, string>): Promise<BuildResult> {
  return buildTeamsPackage({ env, outDir });
}

const compiled = new Map<string, ReturnType<Ajv['compile']>>();

/** Compiles Microsoft's schema independently of the script under test. */
function schemaValidator(manifestVersion: string) {
  const cached = compiled.get(manifestVersion);
  if (cached) return cached;
  const schema = JSON.parse(readFileSync(schemaPath(manifestVersion), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  compiled.set(manifestVersion, validate);
  return validate;
}

describe('Teams manifest', () => {
  it("validates against Microsoft's published schema for its declared manifestVersion", async () => {
    const { manifest } = await build({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: BASE_URL });

    expect(manifest.manifestVersion).toMatch(/^1\.\d+$/);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    const validate = schemaValidator(manifest.manifestVersion);
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(manifest)).toBe(true);
    expect(validateManifest(manifest)).toEqual([]);
  });

  it('the schema check really rejects a bad manifest', async () => {
    const { manifest } = await build({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: BASE_URL });
    const validate = schemaValidator(manifest.manifestVersion);

    const wrongVersion = { ...manifest, manifestVersion: '1.0' };
    expect(validate(wrongVersion)).toBe(false);

    const badBot = { ...manifest, bots: [{ ...manifest.bots[0], botId: 'not-a-guid' }] };
    expect(validate(badBot)).toBe(false);
    expect(validateManifest(badBot as TeamsManifest).join('\n')).toMatch(/botId/);

    const longName = { ...manifest, name: { short: 'x'.repeat(31) } };
    expect(validate(longName)).toBe(false);
  });

  it('takes the bot id, app id and web addresses from configuration', async () => {
    const { manifest } = await build({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: `${BASE_URL}/` });
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual(['cyber.test-force.police.uk']);
    expect(manifest.developer).toMatchObject({
      websiteUrl: `${BASE_URL}/`,
      privacyUrl: `${BASE_URL}/privacy`,
      termsOfUseUrl: `${BASE_URL}/privacy#terms`,
    });
    const pkg = JSON.parse(readFileSync(join(APP_PACKAGE_DIR, '..', 'package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe(pkg.version);

    const custom = await build({
      MicrosoftAppId: BOT_ID,
      TEAMS_APP_ID,
      PUBLIC_BASE_URL: BASE_URL,
      VALID_DOMAINS: 'cyber.test-force.police.uk, bot.test-force.police.uk ,',
      TEAMS_DEVELOPER_NAME: 'Test Constabulary',
      TEAMS_PRIVACY_URL: 'https://www.test-force.police.uk/privacy-notice',
    });
    expect(custom.manifest.id).toBe(TEAMS_APP_ID);
    expect(custom.manifest.bots[0].botId).toBe(BOT_ID);
    expect(custom.manifest.validDomains).toEqual(['cyber.test-force.police.uk', 'bot.test-force.police.uk']);
    expect(custom.manifest.developer).toMatchObject({
      name: 'Test Constabulary',
      privacyUrl: 'https://www.test-force.police.uk/privacy-notice',
    });
    expect(custom.placeholders).toEqual([]);
    expect(validateManifest(custom.manifest)).toEqual([]);
  });

  it('uses schema-valid placeholders when only MicrosoftAppId is set, and says so', async () => {
    const result = await build({ MicrosoftAppId: BOT_ID });
    expect(result.manifest.validDomains).toEqual([new URL(DEFAULT_PUBLIC_BASE_URL).host]);
    expect(result.placeholders).toEqual(
      expect.arrayContaining(['PUBLIC_BASE_URL', 'TEAMS_DEVELOPER_NAME', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL']),
    );
    expect(validateManifest(result.manifest)).toEqual([]);
  });

  it('offers "start again" and "help" in every scope the bot is installed in', async () => {
    const { manifest } = await build({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: BASE_URL });
    const bot = manifest.bots[0];
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot).toMatchObject({ supportsFiles: false, isNotificationOnly: false });

    for (const scope of bot.scopes) {
      const commands = (bot.commandLists ?? []).filter((list) => list.scopes.includes(scope)).flatMap((list) => list.commands);
      const titles = commands.map((command) => command.title.toLowerCase());
      expect(titles).toEqual(expect.arrayContaining(['start again', 'help']));
      expect(commands.find((c) => c.title.toLowerCase() === 'start again')?.description).toBe('Start the triage again');
      expect(commands.find((c) => c.title.toLowerCase() === 'help')?.description).toBe('What this bot does and the 24/7 numbers');
    }
    // Teams sends the title as the message text (after an @mention in a team or group chat): it must reach the
    // bot's text matching unchanged.
    for (const list of bot.commandLists ?? []) {
      for (const command of list.commands) {
        expect(normalise(`<at>Cyber triage</at> ${command.title}`)).toBe(command.title);
      }
    }
  });

  it('describes the service with the numbers the bot gives', async () => {
    const { manifest } = await build({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: BASE_URL });
    const description = manifest.description as { short: string; full: string };
    expect(manifest.name).toEqual({ short: 'Cyber triage', full: 'Cyber incident triage (police)' });
    const national = JSON.parse(readFileSync(join(APP_PACKAGE_DIR, '..', 'data', 'national.json'), 'utf8'));
    const live = national.reportFraud.liveAttack;
    expect(description.full).toContain(`${live.number} and press ${live.keypadOption}`);
    expect(description.full).toContain(`Police Scotland on ${national.policeScotland.nonEmergency.number}`);
    expect(description.full).toContain('Cyber PROTECT');
    expect(description.full).toContain(national.emergency.phone.number);
  });

  it('has icons of the sizes Teams needs, with a white-only outline icon', () => {
    const sizeOf = (file: string) => {
      const data = readFileSync(join(APP_PACKAGE_DIR, file));
      expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(data.toString('latin1', 12, 16)).toBe('IHDR');
      return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
    };
    expect(sizeOf('color.png')).toEqual({ width: 192, height: 192 });
    expect(sizeOf('outline.png')).toEqual({ width: 32, height: 32 });

    const outline = PNG.sync.read(readFileSync(join(APP_PACKAGE_DIR, 'outline.png')));
    let visible = 0;
    const notWhite: string[] = [];
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) continue;
      visible += 1;
      if (r !== 255 || g !== 255 || b !== 255) notWhite.push(`pixel ${i / 4}: rgb(${r}, ${g}, ${b})`);
    }
    expect(notWhite).toEqual([]);
    expect(visible).toBeGreaterThan(100);
    expect(visible).toBeLessThan(32 * 32);

    const color = PNG.sync.read(readFileSync(join(APP_PACKAGE_DIR, 'color.png')));
    let seeThrough = 0;
    for (let i = 3; i < color.data.length; i += 4) if (color.data[i] !== 255) seeThrough += 1;
    expect(seeThrough).toBe(0);
    expect([...color.data.subarray(0, 3)]).toEqual([0x1d, 0x3b, 0x6f]);
  });

  it('has the icons that scripts/make-teams-icons.ts draws (regenerate them if this fails)', () => {
    for (const [file, draw] of [['color.png', drawColorIcon], ['outline.png', drawOutlineIcon]] as const) {
      const committed = PNG.sync.read(readFileSync(join(APP_PACKAGE_DIR, file)));
      const drawn = draw();
      expect([committed.width, committed.height]).toEqual([drawn.width, drawn.height]);
      expect(committed.data.equals(drawn.data)).toBe(true);
    }
  });

  it('writes a zip with exactly manifest.json, the Welsh language file, color.png and outline.png at its root', async () => {
    const result = await build({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: BASE_URL });
    expect(readdirSync(outDir).sort()).toEqual(['cy.json', 'cyber-triage-teams.zip', 'manifest.json']);

    const zip = await JSZip.loadAsync(readFileSync(result.zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'cy.json', 'manifest.json', 'outline.png']);
    expect(JSON.parse(await zip.file('cy.json')!.async('string'))).toEqual(result.languageFiles['cy.json']);
    expect(Object.values(zip.files).some((entry) => entry.dir)).toBe(false);

    const zipped = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(zipped).toEqual(result.manifest);
    expect(zipped).toEqual(JSON.parse(readFileSync(result.manifestPath, 'utf8')));
    for (const icon of ['color.png', 'outline.png']) {
      const bytes = await zip.file(icon)!.async('nodebuffer');
      expect(bytes.equals(readFileSync(join(APP_PACKAGE_DIR, icon)))).toBe(true);
    }
  });

  it('stops with a clear error when MicrosoftAppId is missing, and writes nothing', async () => {
    await expect(build({ PUBLIC_BASE_URL: BASE_URL })).rejects.toThrow(TeamsPackageError);
    await expect(build({ MicrosoftAppId: '  ', PUBLIC_BASE_URL: BASE_URL })).rejects.toThrow(/MicrosoftAppId is not set/);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('rejects a bot id that is not a GUID and a base URL that is not https', () => {
    expect(() => resolveConfig({ MicrosoftAppId: 'my-bot' }, '1.0.0')).toThrow(/MicrosoftAppId must be a GUID/);
    expect(() => resolveConfig({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: 'http://example.police.uk' }, '1.0.0')).toThrow(
      /PUBLIC_BASE_URL must be an https URL/,
    );
    expect(() => resolveConfig({ MicrosoftAppId: BOT_ID, VALID_DOMAINS: 'https://example.police.uk/' }, '1.0.0')).toThrow(
      /VALID_DOMAINS/,
    );
  });
});

describe('Teams in Welsh (localizationInfo)', () => {
  /** Microsoft's localization schema, compiled here independently of the script (its patterns need no u flag). */
  function localizationValidator(manifestVersion: string) {
    const path = schemaPath(manifestVersion).replace(/MicrosoftTeams\.schema\.json$/, 'MicrosoftTeams.Localization.schema.json');
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    return ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>);
  }

  it('names a Welsh language file in the manifest, and the file validates against Microsoft\'s localization schema', async () => {
    const { manifest, languageFiles } = await build({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: BASE_URL });
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'en-gb', additionalLanguages: [{ languageTag: 'cy-gb', file: 'cy.json' }] });
    const welsh = languageFiles['cy.json'];
    const validate = localizationValidator(manifest.manifestVersion);
    expect(validate(welsh)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(welsh.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.Localization.schema.json`);
    // The check really rejects a bad file: a short description over 80 characters, a key the schema does not know.
    expect(validate({ ...welsh, 'description.short': 'x'.repeat(81) })).toBe(false);
    expect(validate({ ...welsh, 'name.shortt': 'x' })).toBe(false);
  });

  it('has the description and the command menu in Welsh, with the numbers from data/', async () => {
    const { manifest, languageFiles } = await build({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: BASE_URL });
    const welsh = languageFiles['cy.json'];
    const national = JSON.parse(readFileSync(join(__dirname, '../../data/national.json'), 'utf8'));
    expect(welsh['name.short']).toBe('Brysbennu seiber');
    expect(welsh['description.full']).toContain(`${national.reportFraud.liveAttack.number} a phwyso ${national.reportFraud.liveAttack.keypadOption}`);
    expect(welsh['description.full']).toContain(`Heddlu'r Alban ar ${national.policeScotland.nonEmergency.number}`);
    expect(welsh['description.full']).not.toMatch(/\{[a-zA-Z]+\}/);
    // Every command of every scope has its Welsh title, and the Welsh titles are understood by the bot.
    (manifest.bots[0].commandLists ?? []).forEach((_list, index) => {
      expect(welsh[`bots[0].commandLists[${index}].commands[0].title`]).toBe('dechrau eto');
      expect(welsh[`bots[0].commandLists[${index}].commands[1].title`]).toBe('help');
    });
    const { readText } = await import('../../dialogs/understanding/read');
    const { initialContext } = await import('../../machines/triage');
    const at = { state: 'audience' as const, context: initialContext, onScreen: 'audience' as const, pending: null };
    expect(readText('dechrau eto', at)).toEqual({ kind: 'command', command: 'restart' });
    expect(readText('help', at)).toEqual({ kind: 'command', command: 'help' });
  });

  it("keeps a force's own app names in the Welsh file (names are not translated)", async () => {
    const { languageFiles } = await build({ MicrosoftAppId: BOT_ID, PUBLIC_BASE_URL: BASE_URL, TEAMS_APP_SHORT_NAME: 'Heddlu Gwent cyber' });
    expect(languageFiles['cy.json']['name.short']).toBe('Heddlu Gwent cyber');
  });
});

describe('.env handling', () => {
  it('parses KEY=VALUE lines with comments and quotes', () => {
    expect(
      parseDotEnv(
        [
          '# comment',
          'MicrosoftAppType=SingleTenant',
          `MicrosoftAppId="${BOT_ID}"`,
          "PUBLIC_BASE_URL='https://x.police.uk' ",
          'export VALID_DOMAINS=a.police.uk,b.police.uk # two hosts',
          'EMPTY=',
          'not a setting',
        ].join('\n'),
      ),
    ).toEqual({
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppId: BOT_ID,
      PUBLIC_BASE_URL: 'https://x.police.uk',
      VALID_DOMAINS: 'a.police.uk,b.police.uk',
      EMPTY: '',
    });
  });

  it('lets the environment override .env', () => {
    const dotEnv = join(outDir, '.env');
    writeFileSync(dotEnv, `MicrosoftAppId=${BOT_ID}\nPUBLIC_BASE_URL=https://file.police.uk\n`);
    const env = loadEnv(dotEnv, { PUBLIC_BASE_URL: BASE_URL, MicrosoftAppId: '' });
    expect(env.MicrosoftAppId).toBe(BOT_ID);
    expect(env.PUBLIC_BASE_URL).toBe(BASE_URL);
    expect(loadEnv(join(outDir, 'missing.env'), {})).toEqual({});
    expect(existsSync(dotEnv)).toBe(true);
  });
});
