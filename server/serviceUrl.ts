/**
 * Where the bot may send replies when authentication is off (local use).
 *
 * With authentication on, the SDK checks an activity's `serviceUrl` against the signed token. With it off nothing
 * vouches for it, and the bot would POST its replies to whatever URL an activity names (a blind SSRF: path and
 * query included). So with authentication off an activity that expects its replies over HTTP (normal delivery)
 * must name either the local Direct Line channel's own service URL or one listed in ALLOWED_SERVICE_URLS;
 * anything else is refused with 400 before the turn runs. `deliveryMode: "expectReplies"` makes no outbound call
 * (the replies come back in the HTTP response), so its `serviceUrl` is only type-checked.
 *
 * An entry is `http(s)://host[:port][/path]`; the port may be `*` (the Bot Framework Emulator listens on a new port
 * each time it starts: `http://localhost:*`). A service URL matches an entry when scheme, host and port match and its
 * path starts with the entry's path. A service URL with credentials, a query or a fragment never matches.
 */

export interface ServiceUrlRule {
  protocol: 'http:' | 'https:';
  hostname: string;
  /** '' for the scheme's default port, '*' for any. */
  port: string;
  /** Always ends with '/'. */
  pathPrefix: string;
}

export interface ServiceUrlPolicy {
  rules: ServiceUrlRule[];
  /** Entries that were ignored, for a start-up warning (operator configuration, not client input). */
  ignored: string[];
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

/** Parses ALLOWED_SERVICE_URLS (space- or comma-separated). */
export function readServiceUrlPolicy(env: NodeJS.ProcessEnv): ServiceUrlPolicy {
  const rules: ServiceUrlRule[] = [];
  const ignored: string[] = [];
  for (const entry of (env.ALLOWED_SERVICE_URLS ?? '').split(/[\s,]+/).filter(Boolean)) {
    const wildcard = /^(https?:\/\/[^/:?#]+):\*(\/[^?#]*)?$/i.exec(entry);
    let url: URL | undefined;
    try {
      url = new URL(wildcard ? `${wildcard[1]}${wildcard[2] ?? '/'}` : entry);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash || entry.includes('?') || entry.includes('#')) {
      ignored.push(entry);
      continue;
    }
    rules.push({ protocol: url.protocol, hostname: url.hostname, port: wildcard ? '*' : url.port, pathPrefix: withSlash(url.pathname) });
  }
  return { rules, ignored };
}

/** Whether replies may go to `serviceUrl`: the local channel's own URL (exactly) or a listed one. */
export function isAllowedServiceUrl(serviceUrl: string, policy: ServiceUrlPolicy, localServiceUrl?: string): boolean {
  if (serviceUrl.length > 2048) return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash || serviceUrl.includes('?') || serviceUrl.includes('#')) return false;
  if (localServiceUrl && withSlash(url.href) === withSlash(new URL(localServiceUrl).href)) return true;
  const path = withSlash(url.pathname);
  return policy.rules.some(
    (rule) => rule.protocol === url.protocol && rule.hostname === url.hostname && (rule.port === '*' || rule.port === url.port) && path.startsWith(rule.pathPrefix),
  );
}
