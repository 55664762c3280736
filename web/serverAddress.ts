import type { Server } from 'restify';

/**
 * The base URL at which this process can reach itself, read from the listening socket when asked (so it is right
 * for `port: 0` and for any PORT/HOST). A wildcard bind (0.0.0.0 / ::) is reached over loopback.
 */
export function selfBaseUrl(server: Server): string {
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('The server is not listening on a TCP port yet.');
  let host = address.address;
  if (host === '0.0.0.0' || host === '') host = '127.0.0.1';
  else if (host === '::') host = '::1';
  if (host.includes(':')) host = `[${host}]`;
  return `http://${host}:${address.port}`;
}
