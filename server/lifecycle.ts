import type { Server } from 'restify';

/**
 * In-flight request tracking and a graceful stop: on shutdown the server stops accepting connections, answers
 * requests that still arrive on open keep-alive connections with 503, lets the requests in flight finish (their
 * turns written and their replies sent), then closes every connection.
 */
export class Lifecycle {
  private inFlight = 0;
  private draining = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly server: Server) {
    server.pre((req, res, next) => {
      if (this.draining) {
        res.setHeader('Connection', 'close');
        res.send(503, { error: 'ShuttingDown', message: 'The server is restarting. Try again in a moment.' });
        return next(false);
      }
      this.inFlight++;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        this.inFlight--;
        if (this.draining) setImmediate(() => server.server.closeIdleConnections());
        if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      };
      res.once('finish', finish);
      res.once('close', finish);
      return next();
    });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /**
   * Stops accepting, waits up to `timeoutMs` for the requests in flight, then closes all connections. Resolves true
   * when every request in flight finished in time.
   */
  async shutdown(timeoutMs = 10_000): Promise<boolean> {
    if (!this.draining) {
      this.draining = true;
      this.server.server.close();
      this.server.server.closeIdleConnections();
    }
    const drained = await new Promise<boolean>((resolve) => {
      if (this.inFlight === 0) return resolve(true);
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    this.server.server.closeAllConnections();
    return drained;
  }
}
