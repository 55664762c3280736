import type { Next, Request, RequestHandler, Response } from 'restify';

/**
 * Request bodies, read per route (there is no global body parser): each route says what it accepts.
 *
 * - `jsonBody()` for the JSON routes (`/api/messages`, the Direct Line and Bot Connector routes, the token
 *   endpoint): `application/json` with any parameters, else 415; at most `maxBytes` (413); valid JSON (400); at most
 *   `maxDepth` levels of nesting (400). All checked before the handler runs, so nothing refused is ever stored.
 *   A request with no body (a bodyless POST such as the token request) passes with `req.body` undefined.
 * - `formBody()` for HTML form routes: `application/x-www-form-urlencoded`, else 415; `req.body` becomes a flat
 *   object of strings (first value of each name; no nesting; no prototype, so no key can reach Object.prototype).
 * - `readBody()` underneath both, for a route that needs another type: the raw bytes, size-capped.
 *
 * A compressed body (`Content-Encoding` other than identity) is refused with 415: restify's reader inflated gzip
 * without counting the inflated bytes. Multipart is refused on every route before routing (`refuseMultipart`).
 * A route that does not use one of these never reads its body: nothing is parsed for it.
 */

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** Deeper than any activity the Bot Framework or this bot produces (Adaptive Cards included: ours reach ~12). */
export const DEFAULT_MAX_JSON_DEPTH = 32;
/** An oversized body is read (and discarded) up to this much so the client sees the 413; past it, the connection is closed. */
const MAX_DISCARD_BYTES = 1024 * 1024;

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

export interface BodyLimits {
  maxBytes?: number;
  maxDepth?: number;
}

/** The media type of a Content-Type header, lower-cased, without parameters ("" when absent). */
export function mediaType(req: Pick<Request, 'headers'>): string {
  const header = req.headers['content-type'];
  return (typeof header === 'string' ? header : '').split(';')[0].trim().toLowerCase();
}

/** Whether the request carries a body: a non-zero Content-Length, or any Transfer-Encoding. */
export function hasBody(req: Pick<Request, 'headers'>): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return !Number.isFinite(length) || length > 0;
}

/** The raw body, at most `maxBytes` (413 past it); an empty buffer for a bodyless request. */
export async function readBody(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Buffer> {
  if (!hasBody(req)) return Buffer.alloc(0);
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && String(encoding).trim().toLowerCase() !== 'identity') {
    throw new BodyError(415, 'UnsupportedMediaType', 'Compressed request bodies are not accepted.');
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + MAX_DISCARD_BYTES) {
    throw new BodyError(413, 'PayloadTooLarge', `The body is over ${maxBytes} bytes.`);
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const tooLarge = () => new BodyError(413, 'PayloadTooLarge', `The body is over ${maxBytes} bytes.`);
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBytes) chunks.push(chunk);
      else if (received > maxBytes + MAX_DISCARD_BYTES) {
        cleanUp();
        req.pause();
        reject(tooLarge());
      }
    };
    const onEnd = () => {
      cleanUp();
      if (received > maxBytes) reject(tooLarge());
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received));
    };
    const onError = () => {
      cleanUp();
      reject(new BodyError(400, 'BadRequest', 'The body could not be read.'));
    };
    const cleanUp = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * How deeply a parsed JSON value nests (a scalar is 0, `[]` and `{}` are 1), counted without recursion and
 * stopping as soon as `limit` is passed, so a hostile value costs at most its own size.
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    const next = depth + 1;
    if (next > limit) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, next]);
  }
  return false;
}

/** Parses a JSON body under the limits. Never quotes the body in its error (it may hold what a user typed). */
export function parseJson(raw: Buffer | string, maxDepth = DEFAULT_MAX_JSON_DEPTH): unknown {
  let value: unknown;
  try {
    value = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw new BodyError(400, 'BadRequest', 'The body is not valid JSON.');
  }
  if (jsonDepthExceeds(value, maxDepth)) throw new BodyError(400, 'BadRequest', `The body nests deeper than ${maxDepth} levels.`);
  return value;
}

function refuse(res: Response, error: BodyError): void {
  // An unread or half-read body must not be taken for the next request on this connection.
  if (error.status !== 400) res.setHeader('Connection', 'close');
  if (error.status === 415) res.setHeader('Accept', 'application/json');
  res.send(error.status, { error: error.code, message: error.message });
}

type BodyReader = (req: Request) => Promise<unknown>;

function bodyHandler(read: BodyReader, onError?: (res: Response, error: BodyError) => void): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    read(req).then(
      (body) => {
        req.body = body;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof BodyError)) error = new BodyError(400, 'BadRequest', 'The body could not be read.');
        (onError ?? refuse)(res, error as BodyError);
        next(false);
      },
    );
  };
}

/** Whether `type` is JSON: application/json (any parameters). */
export function isJsonType(type: string): boolean {
  return type === 'application/json';
}

/** The body of a JSON route (see the module comment). `onError` lets a route answer in its own error shape. */
export function jsonBody(limits: BodyLimits = {}, onError?: (res: Response, error: BodyError) => void): RequestHandler {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
  return bodyHandler(async (req) => {
    if (!hasBody(req)) return undefined;
    if (!isJsonType(mediaType(req))) throw new BodyError(415, 'UnsupportedMediaType', 'Send the body as application/json.');
    // A server that still has a global body parser in front (some tests' stand-in servers) has read the stream.
    const already = (req as Request & { rawBody?: unknown }).rawBody;
    const raw = typeof already === 'string' || Buffer.isBuffer(already) ? already : await readBody(req, maxBytes);
    if (Buffer.byteLength(raw) > maxBytes) throw new BodyError(413, 'PayloadTooLarge', `The body is over ${maxBytes} bytes.`);
    if (Buffer.byteLength(raw) === 0) return undefined;
    return parseJson(raw, maxDepth);
  }, onError);
}

/**
 * The body of an HTML form route: `application/x-www-form-urlencoded` (415 otherwise), at most `maxBytes`
 * (default 16 KB). `req.body` is a prototype-less object of strings: the first value of each field name.
 */
/** The plain-HTML triage's forms carry a button value or a typed answer: far below this. */
export const DEFAULT_MAX_FORM_BYTES = 16 * 1024;

/**
 * The fields of an application/x-www-form-urlencoded body (each field's first value, own keys only), at most
 * `maxBytes` (413 past it); 415 for another type; `{}` for a bodyless request.
 */
export async function readFormFields(req: Request, maxBytes = DEFAULT_MAX_FORM_BYTES): Promise<Record<string, string>> {
  const fields: Record<string, string> = Object.create(null);
  if (!hasBody(req)) return fields;
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    throw new BodyError(415, 'UnsupportedMediaType', 'Send the form as application/x-www-form-urlencoded.');
  }
  const raw = await readBody(req, maxBytes);
  for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) if (!(name in fields)) fields[name] = value;
  return fields;
}

/** A form route's body parser: `req.body` becomes {@link readFormFields}'s fields, or the request is refused. */
export function formBody(limits: { maxBytes?: number } = {}): RequestHandler {
  return bodyHandler((req) => readFormFields(req, limits.maxBytes));
}

/**
 * restify's bodyParser hands multipart/form-data to formidable, which skips the body size limit and streams every
 * file part to the temp directory, where nothing ever deletes it. No route of this server takes multipart, so it is
 * refused (415) on every route before any of the body is read.
 */
export function refuseMultipart(req: Request, res: Response, next: Next): void {
  if (mediaType(req).startsWith('multipart/')) {
    res.setHeader('Connection', 'close');
    res.send(415, { error: 'UnsupportedMediaType', message: 'Multipart bodies are not accepted.' });
    return next(false);
  }
  return next();
}
