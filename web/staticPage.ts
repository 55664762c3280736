import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { contentFor, fill, languageOf, SUPPORTED_LANGUAGES, type Content } from '../dialogs/content';
import { contactFacts, forceNameFor, type ForceNameSetting } from '../dialogs/facts';
import { Asset, contentHash, IMMUTABLE, REVALIDATE, sendAsset, sendPage } from './assets';
import { PUBLIC_DIR } from './publicDir';
import { newNonce, setSecurityHeaders, type PolicyOptions } from './securityHeaders';
import type { TriageChannel } from './triage/channel';
import { escapeHtml, TRIAGE_PATH, type StepPage } from './triage/renderStep';
import { LANGUAGE_PATH } from './triage/channel';
import { telUrl } from './triage/phoneLinks';
import { inLanguage, type PerLanguage, type StatementSettings } from '../server/deployment';
import { STATEMENT_PATHS, statementHtml, type StatementKind } from './statements';

/**
 * The pages and their assets. `/` is the chat page: the urgent numbers and the triage's current step in its own
 * HTML (so they show before any script), then Web Chat, loaded after the first paint, takes over. `/triage` is the
 * same page without Web Chat: the whole triage as plain HTML forms.
 *
 * Assets: web/public/* and Web Chat's UMD bundle straight from node_modules (no CDN). Every file has a versioned URL
 * (/assets/<name>.<content hash>.<ext>, and /webchat/<package version>/webchat.js) cached for a year as immutable;
 * the plain names (/chat.js, /embed.js…) stay, revalidated with an ETag. HEAD is answered like GET; text is sent
 * with brotli or gzip.
 */

export { PUBLIC_DIR };

/** The installed Web Chat package: its version and the path of its full UMD bundle (which renders markdown). */
export function webChatBundle(): { version: string; file: string } {
  // The package's "exports" hide package.json and dist/, so find them from its main entry (lib/index.js).
  const packageDir = path.resolve(path.dirname(require.resolve('botframework-webchat')), '..');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { version, file: path.join(packageDir, 'dist', 'webchat.js') };
}

export interface StaticPageOptions {
  /** CSP parts that depend on configuration (Direct Line origin, embedding origins). */
  policy: Omit<PolicyOptions, 'nonce'>;
  quickExitUrl: string;
  publicDir?: string;
  /** The plain-HTML triage, whose current step both pages show. */
  triage: TriageChannel;
  /** Minutes of silence after which answers are deleted (the privacy notice says so). */
  idleMinutes: number;
  /** From the deployment settings: the force's name (page title; one, or one per language), brand colour ("#rrggbb") and logo (https). */
  forceName?: ForceNameSetting;
  brandColour?: string;
  logoUrl?: string;
  /** Languages the deployment offers, its default first: each page links to the others. */
  languages?: readonly string[];
  /** The bot's avatar in Web Chat (the deployment's): its text per language, or an image. Default: content's. */
  avatar?: { text?: PerLanguage; imageUrl?: string };
  /** Who runs the service and its contacts, for the privacy and accessibility statements (unset parts say so). */
  statements?: StatementSettings;
  /** How the web chat reaches the bot (the privacy statement says who keeps the chat's messages). */
  channelMode?: 'local' | 'directline' | 'off';
  /**
   * Names a page embedded by an allowed site may show instead of the bot's own (`?name=`, embed.js's data-bot-name),
   * besides the bot's own and the force's in each language: the deployment's others (its Teams app's). Anything else
   * in the query string is ignored.
   */
  displayNames?: readonly string[];
}

export const DEFAULT_BRAND_COLOUR = '#00205b';

/** WCAG relative luminance of "#rrggbb" (the same rule as chat.js, so the page and the script agree). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((index) => {
    const channel = parseInt(hex.substr(index, 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

/**
 * The page's colours from a brand colour: the banner in it, its text white or dark (whichever reads at 4.5:1), and
 * links and borders in it only where it shows on white (else the default).
 */
export function brandColours(brand: string = DEFAULT_BRAND_COLOUR): { brand: string; onBrand: string; accent: string } {
  const readableOnWhite = contrast(brand, '#ffffff') >= 4.5;
  return { brand, onBrand: readableOnWhite ? '#ffffff' : '#0b0c0c', accent: readableOnWhite ? brand : DEFAULT_BRAND_COLOUR };
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface PageParts {
  /** The page's own files at their versioned URLs, by file name. */
  assetUrls: Record<string, string>;
  webChatPath: string;
}

function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([a-zA-Z:.-]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * The page is filled twice: once per language with the deployment's words, then per request (the step, the nonce).
 * Braces in what the first fill puts in are written as character references, so nothing it puts in (a setting, a
 * word) can become a placeholder of the second: "{{step}}" in a force's name once put the triage step in <title>.
 */
function inert(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value.replace(/[{}]/g, (brace) => (brace === '{' ? '&#123;' : '&#125;'))]));
}

export function registerStaticPage(server: Server, options: StaticPageOptions): PageParts {
  const publicDir = options.publicDir ?? PUBLIC_DIR;
  const bundle = webChatBundle();
  const webChatPath = `/webchat/${bundle.version}/webchat.js`;
  const assets = new Map<string, () => Asset>();
  const lazy = (load: () => Asset) => {
    let cached: Asset | undefined;
    return () => (cached ??= load());
  };

  // Each file of web/public at its plain name (revalidated) and at a content-hashed name (immutable).
  const assetUrls: Record<string, string> = {};
  for (const name of ['chat.js', 'chat.css', 'embed.js', 'exit.js', 'phoneLinks.js', 'favicon.svg']) {
    const body = readFileSync(path.join(publicDir, name));
    const type = TYPES[path.extname(name)];
    const crossOrigin = name === 'embed.js';
    const { name: base, ext } = path.parse(name);
    const versioned = `/assets/${base}.${contentHash(body, 12)}${ext}`;
    assetUrls[name] = versioned;
    assets.set(`/${name}`, lazy(() => new Asset(body, type, REVALIDATE, crossOrigin)));
    assets.set(versioned, lazy(() => new Asset(body, type, IMMUTABLE, crossOrigin)));
  }
  assets.set(webChatPath, lazy(() => new Asset(readFileSync(bundle.file), TYPES['.js'], IMMUTABLE)));

  // Web Chat's interface strings for a language Web Chat has none for (Welsh): a versioned file chat.js fetches with
  // the bundle, after the first paint, so they cost the first screen nothing.
  const webChatStringUrls = new Map<string, string>();
  for (const language of SUPPORTED_LANGUAGES) {
    const strings = contentFor(language).page.webChatStrings as Record<string, string>;
    if (!Object.keys(strings).length) continue;
    const body = Buffer.from(JSON.stringify(strings));
    const url = `/assets/webchat-strings.${language}.${contentHash(body, 12)}.json`;
    webChatStringUrls.set(language, url);
    assets.set(url, lazy(() => new Asset(body, 'application/json; charset=utf-8', IMMUTABLE)));
  }

  const source = readFileSync(path.join(publicDir, 'index.html'), 'utf8');
  const statementSource = readFileSync(path.join(publicDir, 'statement.html'), 'utf8');
  const colours = brandColours(options.brandColour);
  // The page in each language, built once: its own words from content/<language>.json (`page`), the facts from data/.
  const templates = new Map<string, string>();
  const templateFor = (language: string): string => {
    let built = templates.get(language);
    if (built === undefined) {
      built = fillTemplate(
        source,
        inert(pageValues(contentFor(language), { ...options, assetUrls, brand: colours.brand, webChatStringsUrl: webChatStringUrls.get(language) ?? '' })),
      );
      templates.set(language, built);
    }
    return built;
  };
  // No settings: English is what the deployment offers (server/deployment.ts's default).
  const offered = (options.languages ?? ['en']).map((each) => languageOf(each)).filter((each): each is string => each !== null);
  const defaultLanguage = offered[0] ?? 'en';
  // The stylesheet is inline (with the response's nonce): the first paint then waits for no other request, which on
  // a slow phone network is a whole round trip. It is a few KB compressed, and /chat.css still serves it.
  // Comments and indentation are left out of the inline copy (the file keeps them).
  const css = readFileSync(path.join(publicDir, 'chat.css'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  if (/<\/style/i.test(css)) throw new Error('chat.css must not contain "</style"');
  // The deployment's brand colour, in the page's own stylesheet (no inline style attribute: the CSP allows none).
  const brandCss = `:root{--brand:${colours.brand};--on-brand:${colours.onBrand};--accent:${colours.accent}}`;

  // The chat page's scripts: the phone-number finder and chat.js (which carries the nonce for Web Chat's styles);
  // Web Chat's bundle is named in a template, for chat.js to load once the page has been painted.
  const chatScripts = (nonce: string) =>
    [
      `<script src="${assetUrls['phoneLinks.js']}" defer></script>`,
      `<script src="/chat.js" defer nonce="${nonce}"></script>`,
      `<template id="webchat-bundle"><script src="${webChatPath}" defer></script></template>`,
    ].join('\n  ');

  const page = (kind: StepPage) => async (req: Request, res: Response, status: number, step: string, language: string) => {
    const nonce = newNonce();
    setSecurityHeaders(res, { ...options.policy, nonce, formAction: true });
    const html = fillTemplate(templateFor(language), {
      pageField: kind === 'chat' ? '<input type="hidden" name="page" value="chat">' : '',
      styles: `<style nonce="${nonce}">\n${css}\n${brandCss}\n</style>`,
      chatScripts: kind === 'chat' ? chatScripts(nonce) : '',
      page: kind,
      languageLinks: languageLinks(language, offered, kind),
      footerLinks: footerLinks(contentFor(language), language === defaultLanguage ? undefined : contentFor(language).locale),
      step,
    });
    await sendPage(req, res, status, html, { 'Cache-Control': 'no-store', 'Content-Language': contentFor(language).lang });
  };
  const chatPage = page('chat');
  const triagePage = page('triage');

  const showPage = (kind: StepPage) => async (req: Request, res: Response) => {
    let shown: { step: string; language: string };
    let status = 200;
    try {
      shown = await options.triage.currentPage(req, kind);
    } catch {
      status = 503;
      const language = options.triage.requestedLanguage(req) ?? defaultLanguage;
      shown = { step: options.triage.failureStep(language), language };
    }
    await (kind === 'chat' ? chatPage : triagePage)(req, res, status, shown.step, shown.language);
  };
  server.get('/', showPage('chat'));
  server.head('/', showPage('chat'));

  // The privacy and accessibility statements: plain pages, in the language asked for (?locale=cy-GB, or ?lang=cy as
  // /triage and /advice take it, so a shared link keeps its language) or the default.
  const statementPages = new Map<string, string>();
  const statementPage = (kind: StatementKind) => async (req: Request, res: Response) => {
    const query = new URL(req.url ?? '', 'http://localhost').searchParams;
    const asked = languageOf(query.get('locale') ?? query.get('lang') ?? undefined);
    const language = asked ?? defaultLanguage;
    const key = `${kind}/${language}`;
    let built = statementPages.get(key);
    if (built === undefined) {
      const content = contentFor(language);
      const locale = language === defaultLanguage ? undefined : content.locale;
      built = fillTemplate(statementSource, {
        ...pageValues(content, { ...options, assetUrls, brand: colours.brand, webChatStringsUrl: '' }),
        pageTitle: escapeHtml(`${content.statements[kind].title}: ${content.page.botName}`),
        skipLink: escapeHtml(content.statements.skipLink),
        exitHidden: escapeHtml(content.page.exitHidden),
        exit: escapeHtml(content.page.exit),
        languageNav: statementLanguageNav(kind, language, offered, defaultLanguage),
        statement: statementHtml(kind, content, {
          settings: options.statements,
          idleMinutes: options.idleMinutes,
          channelMode: options.channelMode ?? 'local',
          ...(locale ? { locale } : {}),
        }),
        footerLinks: footerLinks(content, locale, kind),
      });
      statementPages.set(key, built);
    }
    const nonce = newNonce();
    setSecurityHeaders(res, { ...options.policy, nonce });
    const html = built.replace('{{styles}}', `<style nonce="${nonce}">\n${css}\n${brandCss}\n</style>`);
    await sendPage(req, res, 200, html, { 'Cache-Control': 'no-store', 'Content-Language': contentFor(language).lang });
  };
  for (const kind of ['privacy', 'accessibility'] as const) {
    server.get(STATEMENT_PATHS[kind], statementPage(kind));
    server.head(STATEMENT_PATHS[kind], statementPage(kind));
  }
  options.triage.register(server, (req, res, { status, step, language }) => triagePage(req, res, status, step, language ?? defaultLanguage));
  server.head(TRIAGE_PATH, showPage('triage'));

  const serveAsset = async (req: Request, res: Response) => {
    const load = assets.get(req.path());
    if (!load) {
      res.send(404, { error: 'NotFound' });
      return;
    }
    const item = load();
    setSecurityHeaders(res, { ...options.policy, crossOriginResource: item.crossOrigin });
    await sendAsset(req, res, item);
  };
  for (const route of assets.keys()) {
    server.get(route, serveAsset);
    server.head(route, serveAsset);
  }
  return { assetUrls, webChatPath };
}

interface PageValueOptions extends StaticPageOptions {
  assetUrls: Record<string, string>;
  brand: string;
  /** Where chat.js fetches Web Chat's strings in this language ('' when Web Chat has its own). */
  webChatStringsUrl: string;
}

/** The page's words in one language, escaped, with the urgent numbers as tel: links: the template's fixed parts. */
function pageValues(content: Content, options: PageValueOptions): Record<string, string> {
  const words = content.page;
  const facts = contactFacts(content);
  const tel = (name: keyof typeof facts) => `<a class="tel-link" href="${escapeHtml(telUrl(facts[name]))}">${escapeHtml(facts[name])}</a>`;
  // A template's words are escaped, then its placeholders filled with HTML made here (links, <strong>, <kbd>).
  const html = (template: string, parts: Record<string, string>) =>
    fill(escapeHtml(template), Object.fromEntries(Object.entries(parts).map(([name, value]) => [name, value])));
  const botName = words.botName;
  const forceName = forceNameFor(options.forceName, content);
  const values: Record<string, string> = {
    lang: escapeHtml(content.lang),
    locale: escapeHtml(content.locale),
    brand: escapeHtml(options.brand),
    exitUrl: escapeHtml(options.quickExitUrl),
    pageTitle: escapeHtml(forceName ? fill(words.titleWithForce, { forceName }) : words.title),
    botName: escapeHtml(botName),
    logo: options.logoUrl
      ? `<img class="banner__logo" src="${escapeHtml(options.logoUrl)}" alt="${escapeHtml(fill(words.logoAlt, { forceName: forceName ?? botName }))}" height="32">`
      : '',
    urgentDanger: html(words.urgentDanger, { emergencyLink: tel('emergencyPhone') }),
    urgentLiveAction: html(words.urgentLiveAction, {
      reportFraudName: escapeHtml(facts.reportFraudName),
      reportFraudLink: tel('reportFraudPhone'),
      liveOption: escapeHtml(facts.liveOption),
      policeScotlandLink: tel('policeScotlandPhone'),
    }),
    privacyText: escapeHtml(fill(words.privacyText, { idleMinutes: String(options.idleMinutes), emergencyPhone: facts.emergencyPhone })),
    footer: html(words.footer, { exit: `<strong>${escapeHtml(words.exit)}</strong>`, shift: '<kbd>Shift</kbd>' }),
    // chat.js and exit.js read their words from here (a data attribute: no inline script under the CSP).
    scriptStrings: escapeHtml(JSON.stringify({ ...words.script, title: words.title, botSaid: fill(words.botSaid, { botName }), restoring: words.restoring })),
    // The avatar beside the bot's messages: what the bot is, in the page's language (the deployment's, else content's).
    avatar: escapeHtml(JSON.stringify({ text: inLanguage(options.avatar?.text, content.lang) ?? words.avatarText, image: options.avatar?.imageUrl ?? '' })),
    webChatStrings: escapeHtml(options.webChatStringsUrl),
    // The only names chat.js may show from the query string of a page embedded by an allowed site.
    displayNames: escapeHtml(JSON.stringify(displayNames(options.forceName, options.displayNames))),
  };
  for (const [name, value] of Object.entries(words)) if (typeof value === 'string') values[`t:${name}`] = escapeHtml(value);
  for (const [name, url] of Object.entries(options.assetUrls)) values[`asset:${name}`] = url;
  return values;
}

/**
 * The footer's links to the privacy and accessibility statements (and, on a statement, back to the service), in the
 * page's language: a locale that is not the deployment's default goes with them.
 */
function footerLinks(content: Content, locale: string | undefined, current?: StatementKind): string {
  const query = locale ? `?locale=${encodeURIComponent(locale)}` : '';
  const words = content.statements;
  const items = [
    ...(current ? [`<a href="/${query}">${escapeHtml(fill(words.backLink, { serviceName: content.page.botName }))}</a>`] : []),
    ...(['privacy', 'accessibility'] as const).map((kind) => {
      const label = escapeHtml(kind === 'privacy' ? words.privacyLink : words.accessibilityLink);
      return kind === current ? `<a href="${STATEMENT_PATHS[kind]}${query}" aria-current="page">${label}</a>` : `<a href="${STATEMENT_PATHS[kind]}${query}">${label}</a>`;
    }),
  ];
  return `<nav class="footer__links" aria-label="${escapeHtml(words.linksLabel)}"><ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul></nav>`;
}

/** A statement's links to itself in the other languages offered, each named in its own language ('' when none). */
function statementLanguageNav(kind: StatementKind, language: string, offered: readonly string[], defaultLanguage: string): string {
  const others = [...new Set([...offered, language])].filter((each) => each !== language);
  if (!others.length) return '';
  const label = contentFor(language).page.languageLabel;
  const links = others
    .map((other) => {
      const words = contentFor(other);
      const href = other === defaultLanguage ? STATEMENT_PATHS[kind] : `${STATEMENT_PATHS[kind]}?locale=${encodeURIComponent(words.locale)}`;
      return (
        `<a class="banner__language" href="${href}" hreflang="${escapeHtml(words.lang)}">` +
        `<span class="visually-hidden">${escapeHtml(label)}: </span><span lang="${escapeHtml(words.lang)}">${escapeHtml(words.language.name)}</span></a>`
      );
    })
    .join('');
  return `<nav class="banner__actions" aria-label="${escapeHtml(label)}">${links}</nav>`;
}

/**
 * The bot's own name and the force's (as the page shows it) in every language, then the deployment's other names
 * (its Teams app's): the only names `?name=` may choose from.
 */
function displayNames(forceName: ForceNameSetting | undefined, deploymentNames: readonly string[] = []): string[] {
  const own = SUPPORTED_LANGUAGES.flatMap((language) => {
    const content = contentFor(language);
    return [content.page.botName, forceNameFor(forceName, content) ?? ''];
  });
  return [...new Set([...own, ...deploymentNames].map((name) => name.trim()).filter(Boolean))];
}

/**
 * Links to the page in the other languages the deployment offers (English too when the page is in another), each
 * in its own language ("Cymraeg", "English"). Through /triage/language, which records the choice for the
 * conversation, then comes back to this page.
 */
function languageLinks(language: string, offered: readonly string[], kind: StepPage): string {
  const others = [...new Set([...offered, language])].filter((each) => each !== language);
  if (!others.length) return '';
  const label = contentFor(language).page.languageLabel;
  const links = others.map((other) => {
    const words = contentFor(other);
    const href = `${LANGUAGE_PATH}?to=${encodeURIComponent(other)}${kind === 'chat' ? '&amp;page=chat' : ''}`;
    // The name is in its own language (lang), the hidden "Language:" in the page's.
    return (
      `<a class="banner__language" href="${href}" hreflang="${escapeHtml(words.lang)}" data-language="${escapeHtml(other)}">` +
      `<span class="visually-hidden">${escapeHtml(label)}: </span><span lang="${escapeHtml(words.lang)}">${escapeHtml(words.language.name)}</span></a>`
    );
  });
  return links.join('');
}
