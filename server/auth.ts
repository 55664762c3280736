/**
 * Cheap checks on the Authorization header that refuse obviously invalid tokens before the Bot Framework SDK sees
 * them: no token, not a JWT, an algorithm Bot Framework never uses, or a token already expired (or not valid for
 * a long while yet). These need no key and no network, so an unsigned or stale request costs a few microseconds
 * and never makes the SDK fetch OpenID metadata. Everything that passes still goes through the SDK's full
 * validation (issuer, audience, signature against the published keys, service URL).
 */

/** The SDK's own clock tolerance (JwtTokenValidation uses 5 minutes). */
const CLOCK_TOLERANCE_SECONDS = 300;
const ALLOWED_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
const MAX_TOKEN_LENGTH = 8 * 1024;
const BEARER_JWT = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** Authentication is on when the bot has an app id: then every request must carry a valid Bot Framework token. */
export function isAuthRequired(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.MicrosoftAppId?.trim());
}

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** Why the header cannot hold a valid token (a short reason, safe to log), or null when the SDK should decide. */
export function obviousTokenProblem(header: string | undefined, nowMs: number = Date.now()): string | null {
  if (!header) return 'no token';
  if (header.length > MAX_TOKEN_LENGTH) return 'token too long';
  const match = BEARER_JWT.exec(header.trim());
  if (!match) return 'not a bearer JWT';
  const head = decodePart(match[1]);
  const claims = decodePart(match[2]);
  if (!head || !claims) return 'not a bearer JWT';
  if (typeof head.alg !== 'string' || !ALLOWED_ALGORITHMS.has(head.alg)) return 'algorithm not allowed';
  const now = nowMs / 1000;
  if (typeof claims.exp !== 'number') return 'no expiry';
  if (claims.exp + CLOCK_TOLERANCE_SECONDS < now) return 'expired';
  if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_TOLERANCE_SECONDS > now) return 'not yet valid';
  return null;
}
