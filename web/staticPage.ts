import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import { newNonce, setSecurityHeaders, type PolicyOptions } from './securityHeaders';

/**
 * The chat page and its assets: web/public/*, and Web Chat's UMD bundle straight from node_modules (no CDN), at a
 * versioned URL so it can be cached for a year.
 */

// From source (tsx, ts-jest) this is web/public; from a `tsc` build in dist/web, the source folder is used.
export const PUBLIC_DIR = [path.join(__dirname, 'public'), path.resolve(__dirname, '..', '..', 'web', 'public')].find((dir) =>
  existsSync(path.join(dir, 'index.html')),
) ?? path.join(__dirname, 'public');

interface Asset {
  body: Buffer;
  gzipped?: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
  crossOrigin?: boolean;
}

/** The installed Web Chat package: its version and the path of its full UMD bundle (which renders markdown). */
export function webChatBundle(): { version: string; file: string } {
  // The package's "exports" hide package.json and dist/, so find them from its main entry (lib/index.js).
  const packageDir = path.resolve(path.dirname(require.resolve('botframework-webchat')), '..');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { version, file: path.join(packageDir, 'dist', 'webchat.js') };
}

function asset(body: Buffer, type: string, cacheControl: string, crossOrigin = false): Asset {
  return {
    body,
    type,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    cacheControl,
    crossOrigin,
  };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface StaticPageOptions {
  /** CSP parts that depend on configuration (Direct Line origin, embedding origins). */
  policy: Omit<PolicyOptions, 'nonce'>;
  quickExitUrl: string;
  publicDir?: string;
}

export function registerStaticPage(server: Server, options: StaticPageOptions): void {
  const publicDir = options.publicDir ?? PUBLIC_DIR;
  const bundle = webChatBundle();
  const webChatPath = `/webchat/${bundle.version}/webchat.js`;
  const template = readFileSync(path.join(publicDir, 'index.html'), 'utf8')
    .replace(/\{\{webchatSrc\}\}/g, webChatPath)
    .replace(/\{\{exitUrl\}\}/g, escapeAttribute(options.quickExitUrl));

  const revalidate = 'no-cache';
  const assets = new Map<string, () => Asset>();
  const lazy = (load: () => Asset) => {
    let cached: Asset | undefined;
    return () => (cached ??= load());
  };
  const file = (name: string, type: string, crossOrigin = false) =>
    lazy(() => asset(readFileSync(path.join(publicDir, name)), type, revalidate, crossOrigin));
  assets.set('/chat.js', file('chat.js', 'text/javascript; charset=utf-8'));
  assets.set('/chat.css', file('chat.css', 'text/css; charset=utf-8'));
  assets.set('/embed.js', file('embed.js', 'text/javascript; charset=utf-8', true));
  assets.set('/favicon.svg', file('favicon.svg', 'image/svg+xml'));
  assets.set(
    webChatPath,
    lazy(() => asset(readFileSync(bundle.file), 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable')),
  );

  server.get('/', async (_req: Request, res: Response) => {
    const nonce = newNonce();
    setSecurityHeaders(res, { ...options.policy, nonce });
    res.sendRaw(200, template.replace(/\{\{nonce\}\}/g, nonce), {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
  });

  const serveAsset = async (req: Request, res: Response) => {
    const load = assets.get(req.path());
    if (!load) {
      res.send(404, { error: 'NotFound' });
      return;
    }
    const item = load();
    setSecurityHeaders(res, { ...options.policy, crossOriginResource: item.crossOrigin });
    const headers: Record<string, string> = {
      'Content-Type': item.type,
      'Cache-Control': item.cacheControl,
      ETag: item.etag,
      Vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === item.etag) {
      res.sendRaw(304, '', headers);
      return;
    }
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (acceptsGzip && item.body.length > 1024) {
      item.gzipped ??= gzipSync(item.body);
      res.sendRaw(200, item.gzipped, { ...headers, 'Content-Encoding': 'gzip' });
      return;
    }
    res.sendRaw(200, item.body, headers);
  };
  for (const route of assets.keys()) server.get(route, serveAsset);
}
