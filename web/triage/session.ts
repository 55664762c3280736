import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';

/**
 * The plain-HTML triage's session: a random id (128 bits) in a signed cookie. The id only names the conversation
 * record in the conversation store; the cookie holds no answers. HttpOnly (no script reads it), SameSite=Strict
 * (a request from another site carries no session), and it lasts as long as an idle conversation does.
 *
 * Only the __Host- name is set or read: the browser takes it only with Secure, Path=/ and no Domain, from this host
 * itself, so no other host (a sibling subdomain, a plain-http page) can plant a session for a user to be fixed to.
 * A cookie under any other name is ignored. Browsers accept Secure cookies from https and from http://localhost
 * (development); on a plain-http address that is not loopback the page works without a session cookie only through
 * its script (the X-Triage-Session header).
 */

export const SECURE_SESSION_COOKIE = '__Host-triage_session';
/** Scripts on our own page send the signed id in this header when the browser keeps no cookie (a framed chat). */
export const SESSION_HEADER = 'x-triage-session';

const SESSION_ID = /^[A-Za-z0-9_-]{22}$/;

export class SessionCookies {
  constructor(
    private readonly secret: Buffer,
    private readonly maxAgeSeconds: number,
  ) {}

  static randomSecret(): Buffer {
    return randomBytes(32);
  }

  newId(): string {
    return randomBytes(16).toString('base64url');
  }

  sign(id: string): string {
    return `${id}.${createHmac('sha256', this.secret).update(id).digest('base64url')}`;
  }

  /** The session id in a signed value, or undefined when it is missing, malformed or not signed by us. */
  verify(value: string | undefined): string | undefined {
    if (!value || value.length > 200) return undefined;
    const dot = value.indexOf('.');
    if (dot < 0) return undefined;
    const id = value.slice(0, dot);
    if (!SESSION_ID.test(id)) return undefined;
    const expected = Buffer.from(this.sign(id));
    const given = Buffer.from(value);
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
  }

  /** The session of a request: its __Host- cookie, else (from our own scripts only) the header. */
  read(req: Request): string | undefined {
    const cookies = parseCookies(req.headers.cookie);
    return this.verify(cookies[SECURE_SESSION_COOKIE]) ?? this.verify(headerValue(req, SESSION_HEADER));
  }

  setCookie(id: string): string {
    return `${SECURE_SESSION_COOKIE}=${this.sign(id)}; Path=/; Max-Age=${this.maxAgeSeconds}; HttpOnly; SameSite=Strict; Secure`;
  }

  clearCookie(): string {
    return `${SECURE_SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure`;
  }
}

export function headerValue(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of String(header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !(name in cookies)) cookies[name] = part.slice(eq + 1).trim();
  }
  return cookies;
}
