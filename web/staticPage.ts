import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { contactFacts } from '../dialogs/facts';
import { Asset, contentHash, IMMUTABLE, REVALIDATE, sendAsset, sendPage } from './assets';
import { PUBLIC_DIR } from './publicDir';
import { newNonce, setSecurityHeaders, type PolicyOptions } from './securityHeaders';
import type { TriageChannel } from './triage/channel';
import { escapeHtml, TRIAGE_PATH } from './triage/renderStep';
import { telUrl } from './triage/phoneLinks';

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

  const facts = contactFacts();
  const privacyText =
    "Don't type passwords, bank details or other personal details: the questions never need them. To point you to the " +
    `right help we keep only your answers to the questions, never your name or contact details, and delete them after ` +
    `${options.idleMinutes} minutes without a reply. This chat is not monitored by a person and cannot take a crime ` +
    `report. If someone is in danger now, call ${facts.emergencyPhone}. To leave this site quickly, use the "Exit this page" ` +
    'button or press Shift 3 times.';
  const values: Record<string, string> = { exitUrl: escapeHtml(options.quickExitUrl), privacyText: escapeHtml(privacyText) };
  for (const [name, value] of Object.entries(facts)) {
    values[name] = escapeHtml(value);
    values[`tel:${name}`] = escapeHtml(telUrl(value));
  }
  for (const [name, url] of Object.entries(assetUrls)) values[`asset:${name}`] = url;
  const template = fillTemplate(readFileSync(path.join(publicDir, 'index.html'), 'utf8'), values);
  // The stylesheet is inline (with the response's nonce): the first paint then waits for no other request, which on
  // a slow phone network is a whole round trip. It is a few KB compressed, and /chat.css still serves it.
  // Comments and indentation are left out of the inline copy (the file keeps them).
  const css = readFileSync(path.join(publicDir, 'chat.css'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  if (/<\/style/i.test(css)) throw new Error('chat.css must not contain "</style"');

  // The chat page's scripts: the phone-number finder and chat.js (which carries the nonce for Web Chat's styles);
  // Web Chat's bundle is named in a template, for chat.js to load once the page has been painted.
  const chatScripts = (nonce: string) =>
    [
      `<script src="${assetUrls['phoneLinks.js']}" defer></script>`,
      `<script src="/chat.js" defer nonce="${nonce}"></script>`,
      `<template id="webchat-bundle"><script src="${webChatPath}" defer></script></template>`,
    ].join('\n  ');

  const page = (kind: 'chat' | 'triage') => async (req: Request, res: Response, status: number, step: string) => {
    const nonce = newNonce();
    setSecurityHeaders(res, { ...options.policy, nonce, formAction: true });
    const html = fillTemplate(template, {
      pageField: kind === 'chat' ? '<input type="hidden" name="page" value="chat">' : '',
      styles: `<style nonce="${nonce}">\n${css}\n</style>`,
      chatScripts: kind === 'chat' ? chatScripts(nonce) : '',
      page: kind,
      step,
    });
    await sendPage(req, res, status, html, { 'Cache-Control': 'no-store' });
  };
  const chatPage = page('chat');
  const triagePage = page('triage');

  const showChatPage = async (req: Request, res: Response) => {
    let step: string;
    let status = 200;
    try {
      step = await options.triage.currentStep(req, 'chat');
    } catch {
      status = 503;
      step = options.triage.failureStep();
    }
    await chatPage(req, res, status, step);
  };
  server.get('/', showChatPage);
  server.head('/', showChatPage);
  options.triage.register(server, (req, res, { status, step }) => triagePage(req, res, status, step));
  server.head(TRIAGE_PATH, async (req: Request, res: Response) => {
    try {
      await triagePage(req, res, 200, await options.triage.currentStep(req));
    } catch {
      await triagePage(req, res, 503, options.triage.failureStep());
    }
  });

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
