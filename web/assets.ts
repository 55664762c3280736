import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { Request, Response } from 'restify';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = 'br' | 'gzip';

/** One year: for URLs whose content never changes (a content hash or a package version in the path). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** For URLs that stay the same when the file changes (embed.js on forces' sites): always revalidate. */
export const REVALIDATE = 'no-cache';

const TEXT_TYPE = /^(text\/|application\/(javascript|json|xml)|image\/svg\+xml)/;

/** Bodies above this are compressed with brotli quality 9 (0.9 s for Web Chat's 3.9 MB) instead of 11 (9 s). */
const LARGE_BODY_BYTES = 256 * 1024;

export function isText(type: string): boolean {
  return TEXT_TYPE.test(type);
}

/** The encoding to send for an Accept-Encoding header: brotli, then gzip; never one the client gave q=0. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const offered = new Map<string, number>();
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    offered.set(name, q === undefined ? 1 : Number(q));
  }
  const accepts = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return undefined;
}

export function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body, { level: 9 });
  const quality = body.length > LARGE_BODY_BYTES ? 9 : 11;
  return brotliAsync(body, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: quality,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
    },
  });
}

export function contentHash(body: Buffer | string, length = 27): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, length);
}

/** A static file: its body, type, caching rule, and its compressed forms (made once, on first request). */
export class Asset {
  readonly etag: string;
  private readonly encoded = new Map<Encoding, Promise<Buffer>>();

  constructor(
    readonly body: Buffer,
    readonly type: string,
    readonly cacheControl: string,
    readonly crossOrigin = false,
  ) {
    this.etag = `"${contentHash(body)}"`;
  }

  encodedBody(encoding: Encoding): Promise<Buffer> {
    let body = this.encoded.get(encoding);
    if (!body) {
      body = compress(this.body, encoding);
      this.encoded.set(encoding, body);
    }
    return body;
  }
}

export interface SendOptions {
  /** Headers every response of this route carries (security headers are set by the caller). */
  headers?: Record<string, string>;
}

/**
 * Sends an asset for GET or HEAD (HEAD: the same status and headers, no body): ETag and If-None-Match (304),
 * Vary: Accept-Encoding, and brotli or gzip for every text type the client accepts.
 */
export async function sendAsset(req: Request, res: Response, asset: Asset): Promise<void> {
  const encoding = isText(asset.type) ? chooseEncoding(req.headers['accept-encoding'] as string | undefined) : undefined;
  const etag = encoding ? `${asset.etag.slice(0, -1)}-${encoding}"` : asset.etag;
  const headers: Record<string, string> = {
    'Content-Type': asset.type,
    'Cache-Control': asset.cacheControl,
    ETag: etag,
    Vary: 'Accept-Encoding',
  };
  const ifNoneMatch = String(req.headers['if-none-match'] ?? '');
  if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).some((tag) => tag === etag || tag === asset.etag || tag === `W/${etag}` || tag === '*')) {
    res.sendRaw(304, '', headers);
    return;
  }
  const body = encoding ? await asset.encodedBody(encoding) : asset.body;
  if (encoding) headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = String(body.length);
  res.sendRaw(200, req.method === 'HEAD' ? '' : body, headers);
}

/** A page made per request (it carries a fresh CSP nonce): compressed on the fly, quickly (brotli 5 or gzip 6). */
export async function sendPage(req: Request, res: Response, status: number, html: string, headers: Record<string, string>): Promise<void> {
  const body = Buffer.from(html, 'utf8');
  const encoding = chooseEncoding(req.headers['accept-encoding'] as string | undefined);
  const all: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8', Vary: 'Accept-Encoding', ...headers };
  let sent = body;
  if (encoding === 'br') {
    sent = await brotliAsync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT } });
  } else if (encoding === 'gzip') {
    sent = await gzipAsync(body);
  }
  if (encoding) all['Content-Encoding'] = encoding;
  all['Content-Length'] = String(sent.length);
  res.sendRaw(status, req.method === 'HEAD' ? '' : sent, all);
}
