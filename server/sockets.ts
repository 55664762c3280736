import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from './logging';

/**
 * Every socket the server accepts is answered or closed, within a bounded time, whatever state it is left in.
 *
 * - A request with `Upgrade:` (WebSocket, h2c) on any route: restify hands such sockets to an `upgrade` listener and
 *   nothing here speaks WebSocket, so they used to be held open for ever, outside every timeout (19,000 of them
 *   filled the open-file limit and took /healthz down). Now: 426, `Connection: close`, the socket ended, and
 *   destroyed after a grace period if the client does not close its side.
 * - CONNECT (a proxy request): 405, and closed the same way.
 * - Headers that never finish (slowloris): `headersTimeout`; a body that never finishes: `requestTimeout`; both
 *   checked every `connectionsCheckingInterval` (Node's default, 30 s, would let them live up to 30 s longer).
 * - A socket that goes silent at any other point (idle between keep-alive requests, a response the client never
 *   reads): `keepAliveTimeout` between requests, `timeout` (socket inactivity) at any time.
 * Each refusal is logged as one line (no header, no URL: only the kind) and counted (`onRefused`).
 */

export interface SocketLimits {
  /** Time to receive a request's headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long without a new request. */
  keepAliveTimeoutMs: number;
  /** A socket with no activity either way for this long is destroyed, whatever it was doing. */
  socketIdleTimeoutMs: number;
  /** How often the headers and request timeouts are checked. */
  checkIntervalMs: number;
  /** How long a refused socket may take to close its side after the refusal before it is destroyed. */
  refusalGraceMs: number;
  /** Headers read per request (Node's default is 2,000). */
  maxHeadersCount: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  socketIdleTimeoutMs: 30_000,
  checkIntervalMs: 1_000,
  refusalGraceMs: 1_000,
  maxHeadersCount: 100,
};

/** The limits, with any of HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS, HTTP_SOCKET_IDLE_TIMEOUT_MS set. */
export function readSocketLimits(env: NodeJS.ProcessEnv): SocketLimits {
  const ms = (name: string, fallback: number) => {
    const value = Number(env[name]?.trim() || NaN);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  const limits = {
    ...DEFAULT_SOCKET_LIMITS,
    headersTimeoutMs: ms('HTTP_HEADERS_TIMEOUT_MS', DEFAULT_SOCKET_LIMITS.headersTimeoutMs),
    requestTimeoutMs: ms('HTTP_REQUEST_TIMEOUT_MS', DEFAULT_SOCKET_LIMITS.requestTimeoutMs),
    keepAliveTimeoutMs: ms('HTTP_KEEP_ALIVE_TIMEOUT_MS', DEFAULT_SOCKET_LIMITS.keepAliveTimeoutMs),
    socketIdleTimeoutMs: ms('HTTP_SOCKET_IDLE_TIMEOUT_MS', DEFAULT_SOCKET_LIMITS.socketIdleTimeoutMs),
  };
  // Node requires the whole request's deadline to be at least the headers' one.
  limits.requestTimeoutMs = Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs);
  return limits;
}

export type SocketRefusal = 'upgrade' | 'connect';

function refusal(status: 405 | 426, message: string): string {
  const body = JSON.stringify({ error: status === 426 ? 'UpgradeRequired' : 'MethodNotAllowed', message });
  return [
    `HTTP/1.1 ${status} ${status === 426 ? 'Upgrade Required' : 'Method Not Allowed'}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

const UPGRADE_REFUSED = refusal(426, 'This server does not upgrade connections: use plain HTTPS requests.');
const CONNECT_REFUSED = refusal(405, 'CONNECT is not supported.');

/** Applies the limits to Node's HTTP server (before it listens) and refuses upgrades and CONNECT. */
export function guardSockets(
  server: Server,
  options: { logger: Logger; limits?: Partial<SocketLimits>; onRefused?: (kind: SocketRefusal) => void },
): SocketLimits {
  const limits = { ...DEFAULT_SOCKET_LIMITS, ...options.limits };
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxHeadersCount = limits.maxHeadersCount;
  server.setTimeout(limits.socketIdleTimeoutMs);
  // Read by Node when the server starts listening (an option of http.createServer, which restify calls for us).
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = limits.checkIntervalMs;

  const refuse = (kind: SocketRefusal, socket: Duplex, answer: string) => {
    options.logger.warn({ event: 'socketRefused', kind }, kind === 'upgrade' ? 'refused a connection upgrade' : 'refused a CONNECT request');
    try {
      options.onRefused?.(kind);
    } catch {
      // counting never breaks a refusal
    }
    socket.on('error', () => undefined);
    socket.end(answer);
    const grace = setTimeout(() => socket.destroy(), limits.refusalGraceMs);
    grace.unref();
    socket.once('close', () => clearTimeout(grace));
  };
  server.on('upgrade', (_req: IncomingMessage, socket: Duplex) => refuse('upgrade', socket, UPGRADE_REFUSED));
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => refuse('connect', socket, CONNECT_REFUSED));
  return limits;
}
