import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Request, Response, Server } from 'restify';

/**
 * Structured logs: one JSON object per line (pino), fields rather than interpolated strings, so nothing a client
 * sends can forge a line (JSON escapes newlines and quotes). What is never logged, whatever the caller passes:
 * request headers (a serialised request is reduced to its method and route template), error messages (they can
 * quote the input that caused them: an error is its type, code and status), and the user's text or ids. Client
 * values that name a kind of thing (activity type, channel) go through `knownOr`, so only values from fixed lists
 * appear.
 */

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggingOptions {
  /** A ready logger (wins over the rest). */
  logger?: Logger;
  /** Receives each log line (a JSON string, no newline): how tests capture the output. */
  log?: (line: string) => void;
  /** Where lines go otherwise (default: stdout). */
  destination?: DestinationStream;
  env?: NodeJS.ProcessEnv;
}

/** The level from LOG_LEVEL (default info); an unknown value is reported and ignored. */
export function logLevelFrom(env: NodeJS.ProcessEnv): { level: LogLevel; problem?: string } {
  const raw = env.LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return { level: 'info' };
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return { level: raw as LogLevel };
  return { level: 'info', problem: `LOG_LEVEL: ignored (expected one of ${LOG_LEVELS.join(', ')})` };
}

const SAFE_WORD = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** An error as a log field: its type, and its code and HTTP status when they are plain tokens. Never the message. */
export function errorFields(error: unknown): { type: string; code?: string; status?: number } {
  const { name, type, code, statusCode, status } = (error ?? {}) as { name?: unknown; type?: unknown; code?: unknown; statusCode?: unknown; status?: unknown };
  // `type` too, so that fields already reduced by this function pass through the `err` serializer unchanged.
  const typeName = typeof name === 'string' ? name : type;
  const fields: { type: string; code?: string; status?: number } = { type: typeof typeName === 'string' && SAFE_WORD.test(typeName) ? typeName : 'Error' };
  if (typeof code === 'string' && SAFE_WORD.test(code)) fields.code = code;
  const httpStatus = typeof statusCode === 'number' ? statusCode : status;
  if (typeof httpStatus === 'number' && Number.isInteger(httpStatus) && httpStatus >= 100 && httpStatus < 600) fields.status = httpStatus;
  return fields;
}

/** A request as a log field: method and route template only (never the URL, which can carry ids, nor headers). */
export function requestFields(req: unknown): { method?: string; route?: string } {
  const request = req as Partial<Request> | undefined;
  const method = typeof request?.method === 'string' && /^[A-Z]{1,16}$/.test(request.method) ? request.method : undefined;
  const route = routeOf(request);
  return { method, route };
}

function routeOf(req: Partial<Request> | undefined): string | undefined {
  try {
    const route = typeof req?.getRoute === 'function' ? req.getRoute() : undefined;
    return typeof route?.path === 'string' ? route.path : undefined;
  } catch {
    return undefined;
  }
}

/** `value` when it is one of `known`, else `fallback`: for client-supplied values that name a kind of thing. */
export function knownOr<T extends string>(value: unknown, known: readonly T[], fallback = 'other'): T | string {
  return typeof value === 'string' && (known as readonly string[]).includes(value) ? value : fallback;
}

/** Channels worth naming in a log line; any other channelId is logged as "other". */
export const KNOWN_CHANNELS = ['msteams', 'directline', 'webtriage', 'webchat', 'emulator', 'test', 'slack', 'facebook', 'telegram', 'sms', 'email'] as const;
/** Activity types of the Bot Framework schema; anything else is "other". */
export const KNOWN_ACTIVITY_TYPES = [
  'message', 'conversationUpdate', 'contactRelationUpdate', 'typing', 'endOfConversation', 'event', 'invoke', 'invokeResponse',
  'deleteUserData', 'messageUpdate', 'messageDelete', 'installationUpdate', 'messageReaction', 'suggestion', 'trace', 'handoff', 'command', 'commandResult',
] as const;

/** Whatever a caller (or restify, which logs `{ req, err }` on a formatter error) passes under these names. */
const SAFE_SERIALIZERS = { err: errorFields, error: errorFields, req: requestFields, res: () => undefined };

const BASE_OPTIONS: LoggerOptions = {
  base: { service: 'cyber-triage-bot' },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  serializers: SAFE_SERIALIZERS,
  // Belt and braces: header objects never reach a line, wherever they are nested.
  redact: { paths: ['headers', '*.headers', 'authorization', '*.authorization'], remove: true },
};

/** A line sink for the `log` option: pino writes whole lines; each is handed over without its newline. */
function lineDestination(log: (line: string) => void): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line) log(line);
    },
  };
}

export function createLogger(options: LoggingOptions = {}): Logger {
  // A logger from elsewhere gets the same serializers (requests reduced, errors without their message).
  if (options.logger) return options.logger.child({}, { serializers: SAFE_SERIALIZERS });
  const env = options.env ?? process.env;
  const { level, problem } = logLevelFrom(env);
  const destination = options.log ? lineDestination(options.log) : (options.destination ?? pino.destination({ dest: 1, sync: true }));
  const logger = pino({ ...BASE_OPTIONS, level }, destination);
  if (problem) logger.warn({ event: 'config', setting: 'LOG_LEVEL' }, problem);
  return logger;
}

declare module 'restify' {
  interface Request {
    /** Random per request; links a request's log lines. Not derived from anything the client sent. */
    requestId?: string;
  }
}

/**
 * One line per HTTP request, when its response has gone (or the client went away): request id, method, route
 * template (`/v3/directline/conversations/:conversationId/activities`, never the URL with its ids and tokens),
 * status and latency. Handlers put `reqId: req.requestId` on their own lines to link them.
 * Register before every other `pre` handler so that refusals in `pre` (multipart, shutting down) are logged too.
 */
export function logRequests(server: Server, logger: Logger): void {
  server.pre((req: Request, res: Response, next) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    req.requestId = requestId;
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const { method, route } = requestFields(req);
      logger.info(
        { event: 'http', reqId: requestId, method: method ?? 'other', route: route ?? null, status: res.statusCode, ms: Math.round(ms * 10) / 10, ...(res.writableFinished ? {} : { aborted: true }) },
        'request',
      );
    };
    res.once('finish', done);
    res.once('close', done);
    return next();
  });
}
