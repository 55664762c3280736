/**
 * Web chat configuration, read once from the environment. Nothing here is secret except `directLineSecret`, which
 * only the token endpoint uses and which never leaves the server.
 */
import type { Nation } from '../data/types';
import type { ForceNameSetting } from '../dialogs/facts';
import type { PerLanguage, StatementSettings } from '../server/deployment';
import type { LiveChat } from '../dialogs/intents';

export type WebChatMode = 'local' | 'directline' | 'off';

export interface WebChatSettings {
  /** `local`: the in-process Direct Line channel; `directline`: Azure Direct Line with a secret; `off`: neither. */
  mode: WebChatMode;
  /** Why web chat cannot work as configured (answered as 503 by the token endpoint), or undefined. */
  problem?: string;
  directLineSecret?: string;
  /** Origin of the Direct Line service, e.g. https://directline.botframework.com (no trailing slash). */
  directLineEndpoint: string;
  /** Origins (CSP host sources) allowed to frame the page. 'self' is always allowed. */
  embedAllowedOrigins: string[];
  /** The neutral page the quick exit goes to: the settings file's `quickExitUrl`, else QUICK_EXIT_URL, else the default. */
  quickExitUrl: string;
  /**
   * From the deployment settings (server/deployment.ts), for the page: the force's name (header and title), its brand
   * colour ("#rrggbb") and logo (https). Undefined: the page's own defaults.
   */
  forceName?: ForceNameSetting;
  brandColour?: string;
  logoUrl?: string;
  /** Use the last X-Forwarded-For entry as the client address (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Token requests allowed per client address per minute. */
  tokenRequestsPerMinute: number;
  /** Local Direct Line token refreshes allowed per client address per minute. */
  tokenRefreshesPerMinute: number;
  /** New plain-HTML triage sessions (a first answer without a session) allowed per client address per minute. */
  triageSessionsPerMinute: number;
  /** Local channel limits. */
  maxConversations: number;
  conversationIdleMs: number;
  /** Activities and bytes a user may fill in one local conversation (the bot's replies get as much again). */
  maxActivitiesPerConversation: number;
  maxBytesPerConversation: number;
  /** Bytes of all local transcripts together; past it the least recently used conversations are dropped. */
  maxTotalBytes: number;
  /**
   * Signs the plain-HTML triage's session cookie. Every instance behind one address needs the same value; unset, each
   * process makes a random one (a restart then starts open triages afresh).
   */
  triageCookieSecret?: Buffer;
  /** Ignored settings and why (logged at start-up). */
  warnings: string[];
}

export const DEFAULT_DIRECT_LINE_ENDPOINT = 'https://directline.botframework.com';
export const DEFAULT_QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** An http(s) URL, https unless it points at this machine; or undefined. */
function parseServiceUrl(value: string): URL | undefined {
  // It goes into the page's CSP and HTML attributes: nothing that could end a source or an attribute.
  if (/[\s;,'"<>\\`]/.test(value)) return undefined;
  try {
    const url = new URL(value);
    if (url.username || url.password) return undefined;
    if (!isLoopbackHost(url.hostname) && !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(url.hostname)) return undefined;
    if (url.protocol === 'https:') return url;
    if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  } catch {
    // not a URL
  }
  return undefined;
}

/**
 * A CSP host source for frame-ancestors: scheme://host[:port], host may start with "*." (https only, or
 * http://localhost for development). No paths, no bare "*".
 */
export function isValidEmbedOrigin(origin: string): boolean {
  const match = /^(https?):\/\/(\*\.)?([a-z0-9-]+(\.[a-z0-9-]+)*)(:\d{1,5})?$/i.exec(origin);
  if (!match) return false;
  const [, scheme, wildcard, host] = match;
  if (scheme.toLowerCase() === 'http') return !wildcard && isLoopbackHost(host.toLowerCase());
  return true;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** What of the deployment settings the web chat takes (already validated at start-up). */
export interface WebChatDeployment {
  forceName?: ForceNameSetting;
  /** Leads the live-attack outcome while the user's location is not known (the plain-HTML pages' turns). */
  defaultNation?: Nation;
  brandColour?: string;
  logoUrl?: string;
  quickExitUrl?: string;
  /** Languages offered, the default first: the page's own language and its language links. */
  languages?: readonly string[];
  /** The bot's avatar in Web Chat: text per language (or one for all), or an image (https). */
  avatar?: { text?: PerLanguage; imageUrl?: string };
  /** Who the privacy and accessibility statements name (/privacy, /accessibility). */
  statements?: StatementSettings;
  /** The Teams app's names: with the force's name, the only names an embedding page may show (`?name=`). */
  teams?: { shortName?: string; fullName?: string };
  /** The force's own live chat (the plain-HTML pages' answer to "can I speak to someone?" names it). */
  liveChat?: LiveChat;
}

export function readWebChatSettings(env: NodeJS.ProcessEnv, deployment: WebChatDeployment = {}): WebChatSettings {
  const warnings: string[] = [];
  const secret = env.DIRECT_LINE_SECRET?.trim() || undefined;
  const localSwitch = env.LOCAL_DIRECT_LINE?.trim().toLowerCase();

  let directLineEndpoint = DEFAULT_DIRECT_LINE_ENDPOINT;
  let problem: string | undefined;
  if (env.DIRECT_LINE_ENDPOINT?.trim()) {
    const url = parseServiceUrl(env.DIRECT_LINE_ENDPOINT.trim());
    if (url && (url.pathname === '/' || url.pathname === '')) directLineEndpoint = url.origin;
    else problem = 'DIRECT_LINE_ENDPOINT must be an https origin such as https://europe.directline.botframework.com (no path).';
  }

  let mode: WebChatMode;
  if (secret) {
    mode = 'directline';
  } else if (localSwitch === 'off' || localSwitch === 'false' || localSwitch === '0') {
    mode = 'off';
    problem = 'Web chat is switched off: set DIRECT_LINE_SECRET to use Azure Direct Line, or unset LOCAL_DIRECT_LINE=off.';
  } else if (env.MicrosoftAppId?.trim()) {
    // The local channel cannot sign its requests, so a bot with authentication on would answer it 401.
    mode = 'off';
    problem = 'MicrosoftAppId is set but DIRECT_LINE_SECRET is not: set DIRECT_LINE_SECRET (production) or unset MicrosoftAppId (local use).';
  } else {
    mode = 'local';
    problem = undefined; // the endpoint setting only matters with a secret
  }

  const embedAllowedOrigins: string[] = [];
  for (const origin of (env.EMBED_ALLOWED_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (isValidEmbedOrigin(origin)) embedAllowedOrigins.push(origin.replace(/\/$/, ''));
    else warnings.push(`EMBED_ALLOWED_ORIGINS: ignored "${origin}" (expected https://host or https://*.host, no path)`);
  }

  let quickExitUrl = DEFAULT_QUICK_EXIT_URL;
  if (deployment.quickExitUrl) {
    quickExitUrl = new URL(deployment.quickExitUrl).href;
  } else if (env.QUICK_EXIT_URL?.trim()) {
    const url = parseServiceUrl(env.QUICK_EXIT_URL.trim());
    if (url && url.protocol === 'https:') quickExitUrl = url.href;
    else warnings.push('QUICK_EXIT_URL: ignored (must be an https URL)');
  }

  const trustProxy = /^(1|true|yes)$/i.test(env.TRUST_PROXY?.trim() ?? '');

  let triageCookieSecret: Buffer | undefined;
  const secretSetting = env.WEB_TRIAGE_SECRET?.trim();
  if (secretSetting) {
    if (secretSetting.length >= 32) triageCookieSecret = Buffer.from(secretSetting, 'utf8');
    else warnings.push('WEB_TRIAGE_SECRET: ignored (use at least 32 random characters); a random secret is used instead');
  }

  return {
    mode,
    problem,
    directLineSecret: secret,
    directLineEndpoint,
    embedAllowedOrigins,
    quickExitUrl,
    forceName: deployment.forceName,
    brandColour: deployment.brandColour,
    logoUrl: deployment.logoUrl,
    trustProxy,
    tokenRequestsPerMinute: positiveInt(env.WEBCHAT_TOKENS_PER_MINUTE, 10),
    tokenRefreshesPerMinute: positiveInt(env.WEBCHAT_TOKEN_REFRESHES_PER_MINUTE, 20),
    triageSessionsPerMinute: positiveInt(env.WEB_TRIAGE_SESSIONS_PER_MINUTE, 30),
    maxConversations: positiveInt(env.LOCAL_DIRECT_LINE_MAX_CONVERSATIONS, 1000),
    conversationIdleMs: positiveInt(env.LOCAL_DIRECT_LINE_IDLE_MINUTES, 30) * 60_000,
    maxActivitiesPerConversation: positiveInt(env.LOCAL_DIRECT_LINE_MAX_ACTIVITIES, 500),
    maxBytesPerConversation: positiveInt(env.LOCAL_DIRECT_LINE_MAX_CONVERSATION_KB, 256) * 1024,
    maxTotalBytes: positiveInt(env.LOCAL_DIRECT_LINE_MAX_TOTAL_MB, 64) * 1024 * 1024,
    triageCookieSecret,
    warnings,
  };
}
