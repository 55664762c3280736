import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Nation } from '../data/types';
import { SUPPORTED_LANGUAGES } from '../dialogs/content';
import type { ForceNameSetting } from '../dialogs/facts';
import type { LiveChat, LiveChatHours } from '../dialogs/intents';

/**
 * Per-deployment settings: what makes one force's bot its own (its name, colour and logo, its nation, the
 * languages it offers, where the quick exit goes, its Teams app names). One JSON file named by DEPLOYMENT_SETTINGS,
 * checked against a schema at start-up; each setting can also come from an environment variable, and where both
 * are set the file wins. A bad file or value stops start-up with a message naming the file and field (or the
 * variable). Nothing here is secret: the file can live in the deployment's repository.
 */

export const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const satisfies readonly Nation[];
// Fails to compile if a nation is added to data/types.ts and not here.
const everyNationListed: Exclude<Nation, (typeof NATIONS)[number]> extends never ? true : never = true;
void everyNationListed;

/** The resolved settings, as the bot, the web chat and the Teams package script use them. */
export interface DeploymentSettings {
  /**
   * The force or unit running the bot, e.g. "Police Scotland", or a name per language ({ "en": "Dyfed-Powys Police",
   * "cy": "Heddlu Dyfed-Powys" }): for the greeting and the page title. A force of data/forces.json is named in each
   * language by its own published name where the setting gives none for that language.
   */
  forceName?: ForceNameSetting;
  /** Leads the live-attack outcome while the user's location is not known (Scotland: Police Scotland 101 first). */
  defaultNation?: Nation;
  /** Languages offered, first the default; each must have a content file in dialogs/content. */
  languages: string[];
  /** Where "Leave this site" and Esc go (https). When unset, web/settings.ts reads QUICK_EXIT_URL as before. */
  quickExitUrl?: string;
  /** The page's brand colour, "#rrggbb". */
  brandColour?: string;
  /** The force's logo for the page (https). */
  logoUrl?: string;
  /** The bot's avatar in the web chat: its text (per language, or one for all) or an image (https). */
  avatar?: { text?: PerLanguage; imageUrl?: string };
  /** Who the privacy and accessibility statements (/privacy, /accessibility) name; unset parts are said to be unset. */
  statements?: StatementSettings;
  /**
   * The force's own live chat with a person (https) and its hours, where it has one: "can I speak to someone?" names
   * it beside the phone lines. Unset: not mentioned.
   */
  liveChat?: LiveChat;
  teams: {
    /** Teams app's short name (at most 30 characters). */
    shortName?: string;
    /** Teams app's full name (at most 100 characters). */
    fullName?: string;
    /** Publisher name shown in Teams (at most 32 characters). */
    developerName?: string;
  };
  /** The settings file read, if any (absolute path). */
  file?: string;
}

/** A setting in one language for all, or per language: `"Heddlu Gwent"` or `{ "en": "Gwent Police", "cy": "Heddlu Gwent" }`. */
export type PerLanguage = string | Partial<Record<string, string>>;

/** The value of a per-language setting in `language`, else its English, else any. */
export function inLanguage(value: PerLanguage | undefined, language: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return value[language] ?? value.en ?? Object.values(value).find((each) => typeof each === 'string');
}

export interface StatementSettings {
  /** The data controller: the body responsible for the personal data (e.g. "Chief Constable of Gwent Police"). */
  controller?: PerLanguage;
  /** How to contact the controller (or its data protection officer) about data: an e-mail address or an https page. */
  contact?: string;
  /** The force's own privacy notice (https), which the statement points to for the lawful basis and rights in full. */
  privacyNoticeUrl?: string;
  /** Where to report an accessibility problem: an e-mail address or an https page. */
  accessibilityContact?: string;
}

export class DeploymentSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeploymentSettingsError';
  }
}

/**
 * A name is plain text, shown as it is in the page, its title, the greeting (markdown) and Teams: letters (any
 * language), spaces, and ' ’ - – . , & only. No digits (a phone number in a banner), no markup or template
 * characters (< > { } [ ] * _ ` # | ~ \\), no address (: / @, or a full stop inside a word, as in a domain).
 */
export const PLAIN_NAME = /^\p{L}[\p{L}\p{M}\p{Zs}'’.,&\p{Pd}]*$/u;

const name = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(
      (value) => PLAIN_NAME.test(value) && !/\.\p{L}/u.test(value),
      "must be plain text: letters, spaces and ' - . , & only (no digits, markup, template braces or web addresses)",
    );

/** Characters that end or split a source in a Content-Security-Policy header, or an attribute in HTML. */
const CSP_METACHARACTERS = /[\s;,'"<>\\`]/;
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/**
 * An https URL to a named host, with nothing in it that could end a CSP source or an HTML attribute: a logo URL
 * "https://x.org;form-action 'none'" once wrote its own directive into the page's policy.
 */
export function isSafeHttpsUrl(value: string): boolean {
  if (CSP_METACHARACTERS.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !url.username && !url.password && HOST_NAME.test(url.hostname);
  } catch {
    return false;
  }
}

const httpsUrl = z.string().refine(isSafeHttpsUrl, 'must be an https URL to a host name, with no spaces, quotes, commas or semicolons');

const colour = z
  .string()
  .regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i, 'must be a hex colour such as #00205b')
  .transform((value) => (value.length === 4 ? `#${[...value.slice(1)].map((digit) => digit + digit).join('')}` : value).toLowerCase());

/** An e-mail address (plain: one @, a dot in the domain, no spaces or angle brackets) or an https page. */
const contact = z
  .string()
  .trim()
  .refine((value) => /^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/.test(value) || httpsUrl.safeParse(value).success, 'must be an e-mail address or an https URL');

/** What the web chat's avatar shows: up to four letters or digits (any alphabet), e.g. "Bot", "EP", "HG". */
const avatarText = z
  .string()
  .trim()
  .refine((value) => /^[\p{L}\p{N}]{1,4}$/u.test(value), 'must be 1 to 4 letters or digits, such as "Bot" or "EP"');

const language = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => SUPPORTED_LANGUAGES.includes(value), {
    message: `must be a language with content in dialogs/content (available: ${SUPPORTED_LANGUAGES.join(', ')})`,
  });

/** A text for every language, or per language: `{ "en": …, "cy": … }` (each a language with content). */
function perLanguage(text: z.ZodType<string>) {
  const byLanguage = z
    .strictObject(Object.fromEntries(SUPPORTED_LANGUAGES.map((code) => [code, text.optional()])))
    .refine((value) => Object.values(value).some((each) => each !== undefined), 'must name at least one language');
  return z.union([text, byLanguage]) as z.ZodType<PerLanguage>;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A live chat's hours, as a person writes them: "24/7", or days and times, "Mon-Fri 08:00-20:00", "Mon,Wed,Fri
 * 09:00-17:00", "Sat 10:00-16:00" (24-hour times, closing after opening); or in the file { "days": [1, 2, 3, 4, 5],
 * "opens": "08:00", "closes": "20:00" } (1 = Monday). Anything else is refused, naming the setting.
 */
export function parseLiveChatHours(value: string): LiveChatHours | null {
  const text = value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === '24/7') return 'always';
  const match = /^([a-z,-]+) (\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(text);
  if (!match || !TIME.test(match[2]) || !TIME.test(match[3]) || match[2] >= match[3]) return null;
  const days = new Set<number>();
  for (const part of match[1].split(',')) {
    const [first, last, extra] = part.split('-');
    if (extra !== undefined) return null;
    const from = DAY_NAMES.indexOf(first as (typeof DAY_NAMES)[number]);
    const to = last === undefined ? from : DAY_NAMES.indexOf(last as (typeof DAY_NAMES)[number]);
    if (from < 0 || to < from) return null;
    for (let day = from; day <= to; day++) days.add(day + 1);
  }
  return { days: [...days].sort((a, b) => a - b), opens: match[2], closes: match[3] };
}

const hoursObject = z
  .strictObject({
    days: z.array(z.number().int().min(1).max(7)).min(1, 'must list at least one day (1 = Monday)'),
    opens: z.string().regex(TIME, 'must be a 24-hour time HH:mm'),
    closes: z.string().regex(TIME, 'must be a 24-hour time HH:mm'),
  })
  .refine((hours) => hours.opens < hours.closes, { message: 'must close after it opens', path: ['closes'] });

/** The hours in words ("Mon-Fri 08:00-20:00", "24/7") or as an object; each fault said in words a person can act on. */
const liveChatHours = z.unknown().transform((value, ctx): LiveChatHours => {
  if (typeof value === 'string') {
    const hours = parseLiveChatHours(value);
    if (hours) return hours;
    ctx.addIssue({ code: 'custom', message: 'must be "24/7" or days and times such as "Mon-Fri 08:00-20:00" (24-hour times, closing after opening)' });
    return z.NEVER;
  }
  const parsed = hoursObject.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path as Array<string | number> });
    return z.NEVER;
  }
  return { ...parsed.data, days: [...new Set(parsed.data.days)].sort((a, b) => a - b) };
});

/** The settings file. Strict: an unknown field (a typo) is an error rather than a setting silently ignored. */
/** One name, or a name per language offered ({ "en": …, "cy": … }). */
const forceName = z.union([
  name(80),
  z
    .record(language, name(80))
    .refine((names) => Object.keys(names).length > 0, 'must give at least one language\'s name'),
]);

export const deploymentFileSchema = z.strictObject({
  forceName: forceName.optional(),
  defaultNation: z.enum(NATIONS, { error: `must be one of ${NATIONS.join(', ')}` }).optional(),
  languages: z
    .array(language)
    .min(1, 'must list at least one language')
    .refine((list) => new Set(list).size === list.length, 'must not list a language twice')
    .optional(),
  quickExitUrl: httpsUrl.optional(),
  brand: z
    .strictObject({ colour: colour.optional(), logoUrl: httpsUrl.optional(), avatarText: perLanguage(avatarText).optional(), avatarImageUrl: httpsUrl.optional() })
    .optional(),
  privacy: z.strictObject({ controller: perLanguage(name(120)).optional(), contact: contact.optional(), noticeUrl: httpsUrl.optional() }).optional(),
  accessibility: z.strictObject({ contact: contact.optional() }).optional(),
  liveChat: z.strictObject({ url: httpsUrl, hours: liveChatHours.optional() }).optional(),
  teams: z.strictObject({ shortName: name(30).optional(), fullName: name(100).optional(), developerName: name(32).optional() }).optional(),
});

export type DeploymentFile = z.infer<typeof deploymentFileSchema>;

/**
 * The environment variable for each field of the file. QUICK_EXIT_URL is not here: web/settings.ts keeps reading
 * it as it always has (an invalid value there is logged and ignored); the file's `quickExitUrl` wins over it.
 */
export const DEPLOYMENT_ENVIRONMENT = {
  forceName: 'FORCE_NAME',
  defaultNation: 'DEFAULT_NATION',
  languages: 'LANGUAGES',
  'brand.colour': 'BRAND_COLOUR',
  'brand.logoUrl': 'BRAND_LOGO_URL',
  'brand.avatarText': 'BRAND_AVATAR_TEXT',
  'brand.avatarImageUrl': 'BRAND_AVATAR_IMAGE_URL',
  'privacy.controller': 'PRIVACY_CONTROLLER',
  'privacy.contact': 'PRIVACY_CONTACT',
  'privacy.noticeUrl': 'PRIVACY_NOTICE_URL',
  'accessibility.contact': 'ACCESSIBILITY_CONTACT',
  'liveChat.url': 'LIVE_CHAT_URL',
  'liveChat.hours': 'LIVE_CHAT_HOURS',
  'teams.shortName': 'TEAMS_APP_SHORT_NAME',
  'teams.fullName': 'TEAMS_APP_FULL_NAME',
  'teams.developerName': 'TEAMS_DEVELOPER_NAME',
} as const;

type Path = keyof typeof DEPLOYMENT_ENVIRONMENT;

function issueField(issue: z.core.$ZodIssue): string {
  // An unknown key is reported on its parent object: name the key itself.
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...issue.path, ...(keys.length ? [keys[0]] : [])].map(String);
  return path.length ? path.join('.') : '(root)';
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `is not a setting (known: ${Object.keys(DEPLOYMENT_ENVIRONMENT).join(', ')}, quickExitUrl)`;
  return issue.message;
}

/** Reads and checks the file; throws DeploymentSettingsError naming the file and the field. */
export function readDeploymentFile(path: string): DeploymentFile {
  const file = resolve(path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `could not be read as JSON (${(error as Error).name})`;
    throw new DeploymentSettingsError(`DEPLOYMENT_SETTINGS file ${file} ${reason}`);
  }
  const parsed = deploymentFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeploymentSettingsError(`DEPLOYMENT_SETTINGS file ${file}: field "${issueField(issue)}" ${issueMessage(issue)}`);
  }
  return parsed.data;
}

/** The same fields from the environment, checked by the same schema; a bad value names its variable. */
export function readDeploymentEnvironment(env: NodeJS.ProcessEnv): DeploymentFile {
  const raw: Record<string, Record<string, unknown> | unknown> = {};
  for (const [path, variable] of Object.entries(DEPLOYMENT_ENVIRONMENT) as Array<[Path, string]>) {
    const value = env[variable]?.trim();
    if (!value) continue;
    const parsedValue = path === 'languages' ? value.split(/[\s,]+/).filter(Boolean) : value;
    const [head, tail] = path.split('.');
    if (tail) raw[head] = { ...((raw[head] as Record<string, unknown>) ?? {}), [tail]: parsedValue };
    else raw[head] = parsedValue;
  }
  const parsed = deploymentFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const twoParts = issue.path.slice(0, 2).join('.');
    const variable = DEPLOYMENT_ENVIRONMENT[twoParts as Path] ?? DEPLOYMENT_ENVIRONMENT[String(issue.path[0]) as Path];
    throw new DeploymentSettingsError(`${variable}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Languages offered when the settings name none: English, and for a force in Wales English and Welsh (the Welsh
 * Language Standards: a service offered in English is offered in Welsh), so its page and greeting start bilingual.
 */
export function defaultLanguages(nation: Nation | undefined): string[] {
  return nation === 'wales' && SUPPORTED_LANGUAGES.includes('cy') ? ['en', 'cy'] : ['en'];
}

/**
 * The deployment's settings: the file named by DEPLOYMENT_SETTINGS over the environment variables (the file wins
 * field by field). Throws DeploymentSettingsError on a missing or bad file or a bad variable: start-up stops.
 */
export function resolveDeploymentSettings(env: NodeJS.ProcessEnv): DeploymentSettings {
  const fromEnv = readDeploymentEnvironment(env);
  const filePath = env.DEPLOYMENT_SETTINGS?.trim();
  const fromFile: DeploymentFile = filePath ? readDeploymentFile(filePath) : {};
  const settings: DeploymentSettings = {
    forceName: fromFile.forceName ?? fromEnv.forceName,
    defaultNation: fromFile.defaultNation ?? fromEnv.defaultNation,
    languages: fromFile.languages ?? fromEnv.languages ?? defaultLanguages(fromFile.defaultNation ?? fromEnv.defaultNation),
    quickExitUrl: fromFile.quickExitUrl,
    brandColour: fromFile.brand?.colour ?? fromEnv.brand?.colour,
    logoUrl: fromFile.brand?.logoUrl ?? fromEnv.brand?.logoUrl,
    avatar: {
      text: fromFile.brand?.avatarText ?? fromEnv.brand?.avatarText,
      imageUrl: fromFile.brand?.avatarImageUrl ?? fromEnv.brand?.avatarImageUrl,
    },
    statements: {
      controller: fromFile.privacy?.controller ?? fromEnv.privacy?.controller,
      contact: fromFile.privacy?.contact ?? fromEnv.privacy?.contact,
      privacyNoticeUrl: fromFile.privacy?.noticeUrl ?? fromEnv.privacy?.noticeUrl,
      accessibilityContact: fromFile.accessibility?.contact ?? fromEnv.accessibility?.contact,
    },
    liveChat: liveChatOf(fromFile.liveChat, fromEnv.liveChat),
    teams: {
      shortName: fromFile.teams?.shortName ?? fromEnv.teams?.shortName,
      fullName: fromFile.teams?.fullName ?? fromEnv.teams?.fullName,
      developerName: fromFile.teams?.developerName ?? fromEnv.teams?.developerName,
    },
    ...(filePath ? { file: resolve(filePath) } : {}),
  };
  return settings;
}

/** The live chat: the file's over the environment's (its hours only with its address). */
function liveChatOf(fromFile: DeploymentFile['liveChat'], fromEnv: DeploymentFile['liveChat']): LiveChat | undefined {
  const chosen = fromFile ?? fromEnv;
  if (!chosen) return undefined;
  return chosen.hours ? { url: chosen.url, hours: chosen.hours } : { url: chosen.url };
}

/** What the start-up log says about the settings: which are set, never more than the public values themselves. */
export function deploymentSummary(settings: DeploymentSettings): Record<string, unknown> {
  return {
    file: settings.file ? 'set' : 'none',
    forceName: settings.forceName ? 'set' : 'unset',
    defaultNation: settings.defaultNation ?? 'none',
    languages: settings.languages,
    quickExitUrl: settings.quickExitUrl ? 'set' : 'unset',
    brandColour: settings.brandColour ?? 'default',
    logoUrl: settings.logoUrl ? 'set' : 'unset',
    avatar: settings.avatar?.imageUrl ? 'image' : settings.avatar?.text ? 'text' : 'default',
    privacyController: settings.statements?.controller ? 'set' : 'unset',
    privacyContact: settings.statements?.contact ? 'set' : 'unset',
    accessibilityContact: settings.statements?.accessibilityContact ? 'set' : 'unset',
    liveChat: settings.liveChat ? (settings.liveChat.hours ? 'set, with hours' : 'set') : 'unset',
  };
}
