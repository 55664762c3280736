import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { defaultRetryPolicy, redirectPolicyName, type Pipeline, type PipelinePolicy, type PipelineRequest } from '@azure/core-rest-pipeline';

/**
 * Bounds on the bot's outbound calls (its replies to a channel's service URL). The SDK's ConnectorClient comes with
 * no timeout at all (a service URL that accepts the connection and never answers held a request for minutes), 3
 * retries with exponential back-off from 1 s (a refused port took 9–12 s), Retry-After honoured however long it
 * says, and redirects followed to any host. Each cached ConnectorClient gets instead:
 *
 * - a connect timeout per attempt (`OUTBOUND_CONNECT_TIMEOUT_MS`, default 2000);
 * - a deadline for the whole call, retries and back-off included (`OUTBOUND_RESPONSE_TIMEOUT_MS`, default 5000):
 *   the response must have started by then;
 * - at most `OUTBOUND_RETRIES` retries (default 2), 200 ms then 400 ms apart (at most 1 s), for connection errors,
 *   408 and 5xx;
 * - no redirects: a reply goes to the service URL the activity named, nowhere else.
 */

export interface OutboundLimits {
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  maxRetries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
}

export const DEFAULT_OUTBOUND_LIMITS: OutboundLimits = {
  connectTimeoutMs: 2_000,
  responseTimeoutMs: 5_000,
  maxRetries: 2,
  retryDelayMs: 200,
  maxRetryDelayMs: 1_000,
};

export function readOutboundLimits(env: NodeJS.ProcessEnv): OutboundLimits {
  const number = (value: string | undefined, fallback: number, min: number, max: number) => {
    const n = Number(value?.trim() || NaN);
    return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
  };
  return {
    ...DEFAULT_OUTBOUND_LIMITS,
    connectTimeoutMs: number(env.OUTBOUND_CONNECT_TIMEOUT_MS, DEFAULT_OUTBOUND_LIMITS.connectTimeoutMs, 100, 60_000),
    responseTimeoutMs: number(env.OUTBOUND_RESPONSE_TIMEOUT_MS, DEFAULT_OUTBOUND_LIMITS.responseTimeoutMs, 100, 60_000),
    maxRetries: number(env.OUTBOUND_RETRIES, DEFAULT_OUTBOUND_LIMITS.maxRetries, 0, 5),
  };
}

/** Errors of outbound calls, so the turn-error handler knows not to send its reply the same failing way. */
const outboundFailures = new WeakSet<object>();

export function isOutboundFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && outboundFailures.has(error);
}

type CreateConnection = (options: unknown, callback?: (error: Error | null, socket: Duplex) => void) => Duplex;

/** An agent whose sockets are destroyed (ETIMEDOUT, which the retry policy treats as a connection error) if not connected in time. */
function connectTimeoutAgent<T extends http.Agent>(agent: T, timeoutMs: number): T {
  const create = (agent as unknown as { createConnection: CreateConnection }).createConnection.bind(agent);
  (agent as unknown as { createConnection: CreateConnection }).createConnection = (options, callback) => {
    const socket = create(options, callback);
    const timer = setTimeout(() => {
      socket.destroy(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    socket.once('connect', clear);
    socket.once('secureConnect', clear);
    socket.once('close', clear);
    return socket;
  };
  return agent;
}

/** Policies added to one pipeline; agents are shared by every client hardened with the same `OutboundHardening`. */
export class OutboundHardening {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(readonly limits: OutboundLimits = DEFAULT_OUTBOUND_LIMITS) {
    this.httpAgent = connectTimeoutAgent(new http.Agent({ keepAlive: true }), limits.connectTimeoutMs);
    this.httpsAgent = connectTimeoutAgent(new https.Agent({ keepAlive: true }), limits.connectTimeoutMs);
  }

  /** Applies the bounds to a ConnectorClient (or anything with an @azure/core-client `client.pipeline`). */
  harden<T>(connectorClient: T): T {
    const pipeline = (connectorClient as { client?: { pipeline?: Pipeline } })?.client?.pipeline;
    if (!pipeline || typeof pipeline.removePolicy !== 'function') {
      // A botbuilder upgrade changed the client's shape: fail loudly rather than send replies unbounded.
      throw new Error('OutboundHardening: the connector client has no @azure/core-client pipeline to bound');
    }
    const removed = pipeline.removePolicy({ name: 'defaultRetryPolicy' });
    if (!removed.length) throw new Error('OutboundHardening: the connector client has no default retry policy to replace');
    pipeline.removePolicy({ name: redirectPolicyName });
    const { maxRetries, retryDelayMs, maxRetryDelayMs } = this.limits;
    pipeline.addPolicy(defaultRetryPolicy({ maxRetries, retryDelayInMs: retryDelayMs, maxRetryDelayInMs: maxRetryDelayMs }), { phase: 'Retry' });
    pipeline.addPolicy(this.deadlinePolicy());
    pipeline.addPolicy(this.agentPolicy(), { phase: 'Sign' });
    return connectorClient;
  }

  /** Before the retry policy: one deadline for all the attempts, and failures marked as outbound. */
  private deadlinePolicy(): PipelinePolicy {
    const { responseTimeoutMs } = this.limits;
    return {
      name: 'triageOutboundDeadline',
      async sendRequest(request: PipelineRequest, next) {
        const deadline = AbortSignal.timeout(responseTimeoutMs);
        request.abortSignal = request.abortSignal ? AbortSignal.any([request.abortSignal as AbortSignal, deadline]) : deadline;
        try {
          return await next(request);
        } catch (error) {
          if (typeof error === 'object' && error !== null) outboundFailures.add(error);
          throw error;
        }
      },
    };
  }

  /** Per attempt: the connect-timeout agents, unless a proxy policy already chose an agent. */
  private agentPolicy(): PipelinePolicy {
    return {
      name: 'triageOutboundAgent',
      sendRequest: (request, next) => {
        request.agent ??= request.url.startsWith('https:') ? this.httpsAgent : this.httpAgent;
        return next(request);
      },
    };
  }

  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
