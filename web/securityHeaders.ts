import { randomBytes } from 'node:crypto';
import type { Response } from 'restify';

export interface PolicyOptions {
  /** Per-response nonce for Web Chat's <style> elements; omitted on assets. */
  nonce?: string;
  /** Extra connect-src sources (the Direct Line service in production). */
  connectSources?: string[];
  /** Origins allowed to frame the page, besides 'self'. */
  frameAncestors?: string[];
  /** The page has forms (the triage's answers), which post to this origin only. */
  formAction?: boolean;
  /** Extra img-src origins: the force's logo (https) from the deployment settings. */
  imageSources?: string[];
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The page's Content-Security-Policy. Each source is there for a reason:
 * - default-src 'none': anything not listed below is refused (objects, media, workers, frames, manifests, fonts).
 * - script-src 'self': the page script and Web Chat's UMD bundle, both files served from here. No inline script,
 *   no eval.
 * - style-src 'self' 'nonce-…' 'sha256-47DEQ…': our stylesheet, plus the <style> elements that Web Chat's
 *   CSS-in-JS (emotion) inserts at run time. Web Chat puts the `nonce` we give it on its own, so 'unsafe-inline'
 *   is not needed. One exception: Web Chat 4.18.1's transcript mounts react-scroll-to-bottom without passing the
 *   nonce on, so that library's emotion cache inserts its <style> with none. Emotion inserts the element empty and
 *   adds rules through the CSSOM (insertRule), which CSP does not govern, so allowing the hash of the empty string
 *   lets exactly that empty element in and admits no CSS text. (React `style` props also go through the CSSOM.)
 * - img-src 'self' blob: data:: Web Chat ships its typing indicator and spinner GIFs inside its bundle and shows
 *   them through blob: URLs it creates itself; its markdown renderer marks links that open a new window with an
 *   icon drawn from data: URIs (an SVG and a 1×1 GIF). Images cannot run script; our favicon is a file. The
 *   force's logo (`brand.logoUrl`) adds its https origin, and only that.
 * - connect-src 'self' [+ Direct Line]: the token endpoint and the local Direct Line channel are on this origin;
 *   in production Web Chat talks to the Direct Line service over https and wss.
 * - frame-ancestors: who may frame the page (EMBED_ALLOWED_ORIGINS); base-uri 'none': nothing needs it, so an
 *   injected <base> gets nowhere.
 * - form-action: 'self' on the pages (the triage's answers are forms posting to this origin, and the redirect
 *   after each stays on it), 'none' everywhere else.
 */
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * A host source from configuration, or nothing: a value with a space, semicolon, comma or quote could end the
 * source list and write a directive of its own ("https://x.org;form-action 'none'" once stopped every form).
 */
function hostSources(sources: readonly string[] | undefined): string[] {
  return (sources ?? []).filter((source) => /^[a-z][a-z0-9+.-]*:\/\/[^\s;,'"\\]+$/i.test(source));
}

export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  const nonce = options.nonce && /^[A-Za-z0-9+/=]+$/.test(options.nonce) ? [`'nonce-${options.nonce}'`] : [];
  const styleSources = ["'self'", ...nonce, EMPTY_STYLE_HASH];
  const connectSources = ["'self'", ...hostSources(options.connectSources)];
  const frameAncestors = ["'self'", ...hostSources(options.frameAncestors)];
  const imageSources = ["'self'", 'blob:', 'data:', ...hostSources(options.imageSources)];
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src ${styleSources.join(' ')}`,
    `img-src ${imageSources.join(' ')}`,
    `connect-src ${connectSources.join(' ')}`,
    `frame-ancestors ${frameAncestors.join(' ')}`,
    "base-uri 'none'",
    `form-action ${options.formAction ? "'self'" : "'none'"}`,
  ].join('; ');
}

export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

/** Headers for every response of the web chat (page, assets, JSON). */
export function setSecurityHeaders(res: Response, options: PolicyOptions & { crossOriginResource?: boolean } = {}): void {
  res.header('Content-Security-Policy', contentSecurityPolicy(options));
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Referrer-Policy', 'no-referrer');
  res.header('Permissions-Policy', PERMISSIONS_POLICY);
  res.header('Cross-Origin-Opener-Policy', 'same-origin');
  // embed.js is loaded by the forces' own pages; everything else is for this origin only.
  res.header('Cross-Origin-Resource-Policy', options.crossOriginResource ? 'cross-origin' : 'same-origin');
  // Older browsers ignore frame-ancestors; X-Frame-Options can only say "same origin", so it is sent only when
  // no other site may embed the page.
  if (!options.frameAncestors?.length) res.header('X-Frame-Options', 'SAMEORIGIN');
}
