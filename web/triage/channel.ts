import { createLogger, errorFields, type Logger } from '../../server/logging';
import type { Request, Response, Server } from 'restify';
import type { ConversationStore } from '../../bots/conversationStore';
import { conversationKey, type DeploymentTurnSettings, type ObservedTurn } from '../../bots/triageBot';
import { contentFor, languageOf } from '../../dialogs/content';
import { noticeFromContent, type BotMessage } from '../../dialogs/render';
import { parseButtonValue } from '../../dialogs/buttons';
import { DEFAULT_IDLE_TIMEOUT_MS, renderCurrentState, runTurn, type ConversationRecord, type TurnInput, type TurnResult } from '../../dialogs/turn';
import { sendPage } from '../assets';
import { BodyError, readFormFields } from '../../server/body';
import { escapeHtml, GO_PATH, NAVIGATION_ACTIONS, renderStep, TRIAGE_PATH, type StepPage } from './renderStep';
import { headerValue, parseCookies, SESSION_HEADER, SessionCookies } from './session';
import { clientAddress, type RateLimiter } from '../rateLimit';

/**
 * The plain-HTML channel: the triage without JavaScript, GOV.UK smart-answer style, beside Web Chat and Teams. It is
 * a third renderer of the same turn step: each POST runs `runTurn` on the conversation's stored record (the same
 * ConversationStore, read–compute–write), then redirects (303) to GET /triage, which shows what the turn returned.
 * No answer ever goes in a URL. Scripts on our own page post the same forms with `X-Requested-With` and get the
 * step's HTML back directly (no redirect), and can hand the conversation over to Web Chat.
 */

export const START_AGAIN_PATH = `${TRIAGE_PATH}/start-again`;
export const HANDOFF_PATH = `${TRIAGE_PATH}/handoff`;
/** The page's language link: `?to=cy` records the choice for the conversation, then back to the page in it. */
export const LANGUAGE_PATH = `${TRIAGE_PATH}/language`;
/** Sent by our own page script: marks a request that wants the step's HTML back, and cannot come from a plain form. */
export const FRAGMENT_HEADER = 'x-requested-with';
export const FRAGMENT_HEADER_VALUE = 'cyber-triage';

const SESSION_KEY_PREFIX = 'webtriage/sessions/';
const TRIAGE_ID = /^[A-Za-z0-9_-]{1,32}$/;
const CONVERSATION_ID = /^[A-Za-z0-9_.|-]{1,200}$/;
/** Turns kept per process for the GET that follows a POST; beyond this the oldest are dropped (and re-derived). */
const MAX_KEPT_STEPS = 5000;

export interface TriageChannelOptions {
  store: ConversationStore;
  clock?: () => Date;
  idleTimeoutMs?: number;
  /** Signs the session cookie. Instances behind one address need the same secret (WEB_TRIAGE_SECRET). */
  cookieSecret?: Buffer;
  /** Behind a reverse proxy: the client address is the last X-Forwarded-For entry (for the new-session limit). */
  trustProxy?: boolean;
  /**
   * New sessions (a first answer with no session) per client address: each is a stored conversation kept for the
   * idle expiry, so a client without cookies must not make them without limit. Unset: no limit.
   */
  newSessions?: RateLimiter;
  /** The channel id under which Web Chat's conversations are stored ("directline"). */
  webChatChannelId?: string;
  /** Whether an Authorization header proves the caller holds a token for this Web Chat conversation (local mode). */
  verifyWebChatConversation?: (authorization: string | undefined, conversationId: string) => boolean;
  logger?: Logger;
  /** The deployment's settings every turn uses, as in the bot's channels: the force's name, default nation, languages. */
  deployment?: DeploymentTurnSettings;
  /**
   * Called after every answer's turn (its record written), like the bot's `onTurnResult`: the per-turn log line and
   * the metrics, channel "webtriage". Page views, which store nothing, are not turns. Must not throw (swallowed).
   */
  onTurnResult?: (turn: ObservedTurn) => void;
}

export interface PageRenderer {
  /** Sends a whole page around the step's HTML. */
  (req: Request, res: Response, page: { status: number; step: string; language?: string; headers?: Record<string, string> }): Promise<void>;
}

interface KeptStep {
  stamp: string;
  messages: BotMessage[];
  language: string;
  expiresAt: number;
}

function stampOf(record: ConversationRecord): string {
  return `${record.triageId}|${record.lastActiveAt}|${record.misses}`;
}

/** The page an answer came from (a form's hidden field, a link's query), which the browser returns to. */
function pageOf(value: string | null | undefined): StepPage {
  return value === 'chat' ? 'chat' : 'triage';
}

function pathOf(page: StepPage, locale?: string): string {
  const path = page === 'chat' ? '/' : TRIAGE_PATH;
  return locale ? `${path}?locale=${encodeURIComponent(locale)}` : path;
}

/** The language a request asks for: `?locale=cy-GB` (or `lang=cy`) on a page, a form's hidden `locale` field. */
function requestedLocale(req: Request, fields: Record<string, string> = {}): string | undefined {
  const query = new URL(req.url ?? '', 'http://localhost').searchParams;
  const locale = fields.locale ?? query.get('locale') ?? query.get('lang') ?? undefined;
  return locale && languageOf(locale) ? locale : undefined;
}

function isFragmentRequest(req: Request): boolean {
  return headerValue(req, FRAGMENT_HEADER) === FRAGMENT_HEADER_VALUE;
}

/**
 * Set by the chat page's script while Web Chat has the conversation (and cleared when it ends, or on Exit): a plain
 * marker, no id. A browser without script never has it.
 */
export const CHAT_COOKIE = 'triage_chat';

function hasChatInProgress(req: Request): boolean {
  return parseCookies(headerValue(req, 'cookie'))[CHAT_COOKIE] === '1';
}

/** The chat page's step while Web Chat's conversation is being restored: nothing to answer, and a way out. */
function restoringStep(content: ReturnType<typeof contentFor>, locale?: string): string {
  const words = content.page;
  const href = locale ? `${TRIAGE_PATH}?locale=${encodeURIComponent(locale)}` : TRIAGE_PATH;
  return (
    `<div class="step" id="triage-step" tabindex="-1" data-outcome="false" data-restoring="true" aria-busy="true">` +
    `<p class="step__restoring">${escapeHtml(words.restoring)}</p>` +
    `<p class="step__restoring-fallback"><a href="${escapeHtml(href)}">${escapeHtml(words.restoringFallback)}</a></p></div>`
  );
}

/**
 * A POST is refused when it names another origin: in Origin, or (the browser's own word) Sec-Fetch-Site. Forms on
 * our pages post with `Origin: null` (the pages send no referrer), which names no other origin. The session cookie
 * is SameSite=Strict, so a cross-site post carries no session anyway.
 */
export function crossOriginProblem(req: Request): string | undefined {
  const site = headerValue(req, 'sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return 'a cross-site request';
  const origin = headerValue(req, 'origin');
  if (!origin || origin === 'null') return undefined;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return 'a malformed Origin';
  }
  const forwarded = headerValue(req, 'x-forwarded-host');
  const own = [headerValue(req, 'host'), forwarded].filter(Boolean).map((value) => value!.toLowerCase());
  return own.includes(host.toLowerCase()) ? undefined : 'another origin';
}

export class TriageChannel {
  readonly cookies: SessionCookies;
  private readonly store: ConversationStore;
  private readonly clock: () => Date;
  private readonly idleTimeoutMs: number;
  private readonly trustProxy: boolean;
  private readonly newSessions?: RateLimiter;
  private readonly webChatChannelId: string;
  private readonly verifyWebChatConversation?: TriageChannelOptions['verifyWebChatConversation'];
  private readonly logger: Logger;
  private readonly kept = new Map<string, KeptStep>();
  private readonly deployment: DeploymentTurnSettings;
  private readonly onTurnResult?: (turn: ObservedTurn) => void;
  private readonly defaultLanguage: string;

  constructor(options: TriageChannelOptions) {
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.trustProxy = options.trustProxy ?? false;
    this.newSessions = options.newSessions;
    this.webChatChannelId = options.webChatChannelId ?? 'directline';
    this.verifyWebChatConversation = options.verifyWebChatConversation;
    this.logger = options.logger ?? createLogger();
    this.deployment = options.deployment ?? {};
    this.onTurnResult = options.onTurnResult;
    this.defaultLanguage = languageOf(this.deployment.languages?.[0]) ?? 'en';
    this.cookies = new SessionCookies(options.cookieSecret ?? SessionCookies.randomSecret(), Math.ceil(this.idleTimeoutMs / 1000));
  }

  private key(sessionId: string): string {
    return `${SESSION_KEY_PREFIX}${sessionId}`;
  }

  private environment(locale?: string) {
    const { defaultNation, forceName, languages, liveChat } = this.deployment;
    return {
      now: this.clock(),
      idleTimeoutMs: this.idleTimeoutMs,
      languages: languages ?? ['en'],
      ...(defaultNation ? { defaultNation } : {}),
      ...(forceName ? { forceName } : {}),
      ...(liveChat ? { liveChat } : {}),
      ...(locale ? { locale } : {}),
    };
  }

  /** The language a page request asks for, if it names one there is content for. */
  requestedLanguage(req: Request): string | undefined {
    return languageOf(requestedLocale(req)) ?? undefined;
  }

  /** Where the browser goes after a turn: the page, in the conversation's language when it is not the default. */
  private pageAfter(page: StepPage, language: string | undefined): string {
    return pathOf(page, language && language !== this.defaultLanguage ? contentFor(language).locale : undefined);
  }

  private keep(sessionId: string, record: ConversationRecord, messages: BotMessage[], language: string): void {
    const now = Date.now();
    this.kept.delete(sessionId);
    this.kept.set(sessionId, { stamp: stampOf(record), messages, language, expiresAt: now + this.idleTimeoutMs });
    for (const [id, step] of this.kept) {
      if (this.kept.size <= MAX_KEPT_STEPS && step.expiresAt > now) break;
      this.kept.delete(id);
    }
  }

  private async read(key: string): Promise<ConversationRecord | undefined> {
    let found: ConversationRecord | undefined;
    await this.store.update(key, (record) => {
      found = record;
      return { record: record as ConversationRecord, messages: [], changed: false };
    });
    return found;
  }

  /**
   * The messages to show for a session: those of its last turn when this process served it; otherwise (another
   * instance did, or the server restarted) the conversation's welcome turn, which shows where the triage has got to
   * (or starts it afresh, with the bot's own words, if it has gone idle).
   */
  async currentMessages(
    sessionId: string | undefined,
    locale?: string,
  ): Promise<{ messages: BotMessage[]; hasSession: boolean; language: string }> {
    const environment = this.environment(locale);
    if (sessionId) {
      const key = this.key(sessionId);
      const record = await this.read(key);
      if (record) {
        const kept = this.kept.get(sessionId);
        const language = languageOf(record.language) ?? languageOf(locale) ?? this.defaultLanguage;
        if (kept && kept.stamp === stampOf(record) && kept.language === language && kept.expiresAt > Date.now()) {
          return { messages: kept.messages, hasSession: true, language };
        }
        const result = await this.store.update(key, (latest): TurnResult => {
          if (!latest) return { ...runTurn(undefined, { kind: 'welcome' }, environment), record: latest as never, changed: false };
          const shown = runTurn({ ...latest, greeted: false }, { kind: 'welcome' }, environment);
          // A fresh start (idle, or a snapshot from another machine version) is stored, so the buttons shown match it.
          return shown.record.triageId !== latest.triageId ? shown : { ...shown, record: latest, changed: false };
        });
        const shownLanguage = result.language ?? language;
        if (result.record) this.keep(sessionId, result.record, result.messages, shownLanguage);
        return { messages: result.messages, hasSession: true, language: shownLanguage };
      }
    }
    // No conversation yet: the welcome turn of a new one, stored only once the first answer comes.
    const welcome = runTurn(undefined, { kind: 'welcome' }, environment);
    return { messages: welcome.messages, hasSession: false, language: welcome.language ?? this.defaultLanguage };
  }

  /**
   * The step for a page (GET / and GET /triage) and the language it is in. On the chat page, while Web Chat has the
   * conversation (the page's script says so with a cookie, and there are no answers here), the page's own first
   * question would be a new triage: a tap on it would start afresh and lose the chat. So the step says the chat is
   * coming back, and the script restores it (or, if it cannot, fetches the step itself).
   */
  async currentPage(req: Request, page: StepPage = 'triage', options: { restoring?: boolean } = {}): Promise<{ step: string; language: string }> {
    const { messages, hasSession, language } = await this.currentMessages(this.cookies.read(req), requestedLocale(req));
    if (page === 'chat' && !hasSession && (options.restoring ?? true) && hasChatInProgress(req)) {
      return { step: restoringStep(contentFor(language), this.stepWords(language).locale), language };
    }
    return { step: renderStep(messages, { hasSession, page, ...this.stepWords(language) }), language };
  }

  /** The step for a page (GET / and GET /triage). */
  async currentStep(req: Request, page: StepPage = 'triage'): Promise<string> {
    return (await this.currentPage(req, page)).step;
  }

  /** The channel's own words around a step (the text box's label, Send) and the language its forms carry. */
  private stepWords(language: string) {
    const content = contentFor(language);
    return {
      typedAnswerLabel: content.page.typedAnswerLabel,
      typedQuestionLabel: content.page.typedQuestionLabel,
      sendLabel: content.page.send,
      ...(language !== this.defaultLanguage ? { locale: content.locale } : {}),
    };
  }

  /** The numbers, whatever failed: the bot's own words for a turn that went wrong. */
  failureStep(language?: string): string {
    const content = contentFor(language);
    return renderStep([noticeFromContent(content.replies.turnError, content)], this.stepWords(languageOf(language) ?? 'en'));
  }

  /**
   * An answer: a button's value (JSON) or typed text. With no session yet, the page that was answered was a
   * welcome turn (the first question on / or /triage), so the new conversation starts from one, keeping the triage
   * id of the buttons shown when it is well-formed: the answer then counts. Returns the turn's messages.
   */
  async answer(sessionId: string, fields: Record<string, string>, requestId?: string): Promise<TurnResult> {
    const input: TurnInput = { kind: 'message', text: fields.text, value: fields.button };
    const shownTriage = parseButtonValue(fields.button)?.triage;
    const locale = fields.locale && languageOf(fields.locale) ? fields.locale : undefined;
    const environment = this.environment(locale);
    const started = performance.now();
    let before: ConversationRecord | undefined;
    const result = await this.store.update(this.key(sessionId), (record) => {
      before = record;
      const current =
        record ??
        runTurn(undefined, { kind: 'welcome' }, { ...environment, newTriageId: shownTriage && TRIAGE_ID.test(shownTriage) ? () => shownTriage : undefined }).record;
      return runTurn(current, input, environment);
    });
    this.observe(before, result, environment.now, performance.now() - started, requestId);
    const shown = { ...result, messages: this.pageMessages(result, environment) };
    this.keep(sessionId, shown.record, shown.messages, shown.language ?? this.defaultLanguage);
    return shown;
  }

  /**
   * What the page shows after a turn. A chat keeps the outcome above a short reply; a page shows only the last turn.
   * So when a turn at an outcome answers with "Your answers" alone (a "Was this helpful?" answer, an old button),
   * the page shows the turn's notes, then the outcome in full: the number to call never leaves the page.
   */
  private pageMessages(result: TurnResult, environment: ReturnType<TriageChannel['environment']>): BotMessage[] {
    const { messages } = result;
    if (messages.some((message) => message.kind === 'outcome') || !messages.some((message) => message.kind === 'summary')) return messages;
    const current = renderCurrentState(result.record, environment);
    if (!current.some((message) => message.kind === 'outcome')) return messages;
    return [...messages.filter((message) => message.kind !== 'summary'), ...current];
  }

  /** A first answer starts the triage: its welcome turn ran with it, unstored, since the page itself stores nothing. */
  private observe(before: ConversationRecord | undefined, result: TurnResult, startedAt: Date, latencyMs: number, requestId?: string): void {
    if (!this.onTurnResult) return;
    const observed = before ? result : { ...result, observation: { ...result.observation, startedTriage: true } };
    try {
      this.onTurnResult({ before, result: observed, input: 'message', channelId: 'webtriage', startedAt, latencyMs, ...(requestId ? { requestId } : {}) });
    } catch {
      // observing never breaks a turn
    }
  }

  async forget(sessionId: string): Promise<void> {
    this.kept.delete(sessionId);
    await this.store.delete(this.key(sessionId));
  }

  /**
   * Hands the conversation over to Web Chat: copies the record to the Web Chat conversation's key (only if that
   * conversation has no record yet), marked not yet greeted, so the bot's welcome there shows the greeting and
   * where the triage has got to. The plain-HTML copy is deleted once Web Chat has taken over (`forget`).
   */
  async handOver(sessionId: string, conversationId: string): Promise<'handedOver' | 'nothingToHandOver' | 'conversationInUse'> {
    const record = await this.read(this.key(sessionId));
    if (!record) return 'nothingToHandOver';
    const target = conversationKey({ channelId: this.webChatChannelId, conversation: { id: conversationId } as never });
    let inUse = false;
    await this.store.update(target, (existing) => {
      if (existing) {
        inUse = true;
        return { record: existing, messages: [], changed: false };
      }
      return { record: { ...record, greeted: false }, messages: [], changed: true };
    });
    return inUse ? 'conversationInUse' : 'handedOver';
  }

  register(server: Server, renderPage: PageRenderer): void {
    const refuse = async (req: Request, res: Response, status: number, why: string) => {
      // The reason may quote a request header: it goes to the client, never to the log.
      this.logger.info({ event: 'triageRefused', status }, 'refused a plain-HTML triage request');
      if (isFragmentRequest(req)) res.send(status, { error: why });
      else {
        const language = this.requestedLanguage(req) ?? this.defaultLanguage;
        await renderPage(req, res, { status, step: this.failureStep(language), language });
      }
    };

    /** The form's fields; a body refused (413, 415) is answered here and gives null. */
    const formFields = async (req: Request, res: Response): Promise<Record<string, string> | null> => {
      try {
        return await readFormFields(req);
      } catch (error) {
        if (!(error instanceof BodyError)) throw error;
        await refuse(req, res, error.status, error.message);
        return null;
      }
    };

    server.get(TRIAGE_PATH, async (req: Request, res: Response) => {
      let shown: { step: string; language: string };
      // The page's script asks for the step alone (`?page=chat`: for the chat page, whose chat could not come back).
      const fragment = isFragmentRequest(req);
      const page = fragment ? pageOf(new URL(req.url ?? '', 'http://localhost').searchParams.get('page')) : 'triage';
      try {
        shown = await this.currentPage(req, page, { restoring: false });
        if (fragment) {
          await sendPage(req, res, 200, shown.step, { 'Cache-Control': 'no-store', 'Content-Language': contentFor(shown.language).lang });
          return;
        }
      } catch (error) {
        this.logger.error({ event: 'triageReadFailed', err: errorFields(error) }, 'could not read the conversation');
        const language = this.requestedLanguage(req) ?? this.defaultLanguage;
        await renderPage(req, res, { status: 503, step: this.failureStep(language), language });
        return;
      }
      await renderPage(req, res, { status: 200, ...shown });
    });

    server.post(TRIAGE_PATH, async (req: Request, res: Response) => {
      const problem = crossOriginProblem(req);
      if (problem) return refuse(req, res, 403, `cross-origin form post (${problem})`);
      const fields = await formFields(req, res);
      if (!fields) return;
      const existing = this.cookies.read(req);
      if (!existing && this.newSessions) {
        const verdict = this.newSessions.hit(clientAddress(req, this.trustProxy));
        if (!verdict.allowed) {
          res.header('Retry-After', String(verdict.retryAfterSeconds));
          return refuse(req, res, 429, 'too many new sessions from this address');
        }
      }
      const sessionId = existing ?? this.cookies.newId();
      let result: TurnResult;
      try {
        result = await this.answer(sessionId, fields, req.requestId);
      } catch (error) {
        this.logger.error({ event: 'triageTurnFailed', err: errorFields(error) }, 'turn failed');
        const language = languageOf(fields.locale) ?? this.defaultLanguage;
        await renderPage(req, res, { status: 503, step: this.failureStep(language), language });
        return;
      }
      const cookie = this.cookies.setCookie(sessionId);
      const page = pageOf(fields.page);
      const language = result.language ?? this.defaultLanguage;
      if (isFragmentRequest(req)) {
        await sendPage(req, res, 200, renderStep(result.messages, { hasSession: true, page, ...this.stepWords(language) }), {
          'Set-Cookie': cookie,
          [SESSION_HEADER]: this.cookies.sign(sessionId),
          'Cache-Control': 'no-store',
        });
        return;
      }
      res.sendRaw(303, '', { Location: this.pageAfter(page, language), 'Set-Cookie': cookie, 'Cache-Control': 'no-store' });
    });

    // Back and Change are links (GOV.UK's smart answers): the button's value in the query, applied like a press of
    // the button, then the redirect. Only those actions (they move about the flow and carry no answer), only with a
    // session (SameSite=Strict: a link from another site carries none), never from another site.
    server.get(GO_PATH, async (req: Request, res: Response) => {
      const site = headerValue(req, 'sec-fetch-site');
      if (site && site !== 'same-origin' && site !== 'none') return refuse(req, res, 403, 'cross-site request');
      const query = new URL(req.url ?? '', 'http://localhost').searchParams;
      const raw = query.get('button') ?? '';
      const page = pageOf(query.get('page'));
      const button = parseButtonValue(raw);
      if (!button || !NAVIGATION_ACTIONS.has(button.action)) return refuse(req, res, 400, 'not a Back or Change link');
      const sessionId = this.cookies.read(req);
      let language = this.requestedLanguage(req);
      if (sessionId) {
        try {
          const locale = requestedLocale(req);
          language = (await this.answer(sessionId, { button: raw, ...(locale ? { locale } : {}) }, req.requestId)).language;
        } catch (error) {
          this.logger.error({ event: 'triageTurnFailed', err: errorFields(error) }, 'turn failed');
          const failed = language ?? this.defaultLanguage;
          await renderPage(req, res, { status: 503, step: this.failureStep(failed), language: failed });
          return;
        }
      }
      res.sendRaw(303, '', { Location: this.pageAfter(page, language), 'Cache-Control': 'no-store' });
    });

    // The page's language link ("Cymraeg", "English"): a choice for the whole conversation, like the typed "Cymraeg".
    // With a session it is a turn (the question on screen again, in that language); without one, the page in it.
    server.get(LANGUAGE_PATH, async (req: Request, res: Response) => {
      const site = headerValue(req, 'sec-fetch-site');
      if (site && site !== 'same-origin' && site !== 'none') return refuse(req, res, 403, 'cross-site request');
      const query = new URL(req.url ?? '', 'http://localhost').searchParams;
      const language = languageOf(query.get('to'));
      const page = pageOf(query.get('page'));
      if (!language) return refuse(req, res, 400, 'not a language with content');
      const sessionId = this.cookies.read(req);
      if (sessionId && (await this.read(this.key(sessionId)))) {
        try {
          // The button's value: a language choice is timeless, so the stamps only need to be well-formed.
          await this.answer(sessionId, { button: JSON.stringify({ action: 'language', language, triage: 'page', state: 'happeningNow' }) }, req.requestId);
        } catch (error) {
          this.logger.error({ event: 'triageTurnFailed', err: errorFields(error) }, 'turn failed');
          await renderPage(req, res, { status: 503, step: this.failureStep(language), language });
          return;
        }
      }
      res.sendRaw(303, '', { Location: pathOf(page, contentFor(language).locale), 'Cache-Control': 'no-store' });
    });

    // Start again from the page's header: the answers are deleted, and the next page is a new conversation's first.
    server.post(START_AGAIN_PATH, async (req: Request, res: Response) => {
      const problem = crossOriginProblem(req);
      if (problem) return refuse(req, res, 403, `cross-origin form post (${problem})`);
      const sessionId = this.cookies.read(req);
      try {
        if (sessionId) await this.forget(sessionId);
      } catch (error) {
        this.logger.error({ event: 'triageDeleteFailed', err: errorFields(error) }, 'could not delete a conversation');
      }
      const cookie = this.cookies.clearCookie();
      let page: StepPage = 'triage';
      let locale: string | undefined;
      try {
        const fields = await readFormFields(req);
        page = pageOf(fields.page);
        locale = requestedLocale(req, fields);
      } catch {
        // an empty or odd body (a beacon from the quick exit): the answers are gone all the same
      }
      if (isFragmentRequest(req)) {
        const { messages, language } = await this.currentMessages(undefined, locale);
        await sendPage(req, res, 200, renderStep(messages, { page, ...this.stepWords(language) }), { 'Set-Cookie': cookie, 'Cache-Control': 'no-store' });
        return;
      }
      res.sendRaw(303, '', { Location: this.pageAfter(page, languageOf(locale) ?? undefined), 'Set-Cookie': cookie, 'Cache-Control': 'no-store' });
    });

    // From our own page script only (a custom header, which no other site can send without CORS, and there is none).
    server.post(HANDOFF_PATH, async (req: Request, res: Response) => {
      const problem = crossOriginProblem(req) ?? (isFragmentRequest(req) ? undefined : 'not from the page script');
      if (problem) return refuse(req, res, 403, problem);
      const fields = await formFields(req, res);
      if (!fields) return;
      res.header('Cache-Control', 'no-store');
      const conversationId = fields.conversationId ?? '';
      if (!CONVERSATION_ID.test(conversationId)) return void res.send(400, { error: 'A conversationId is needed.' });
      if (this.verifyWebChatConversation && !this.verifyWebChatConversation(headerValue(req, 'authorization'), conversationId)) {
        return void res.send(403, { error: 'The token is not valid for this conversation.' });
      }
      const sessionId = this.cookies.read(req);
      if (!sessionId) return void res.send(200, { result: 'nothingToHandOver' });
      try {
        if (fields.finished === 'true') {
          await this.forget(sessionId);
          res.header('Set-Cookie', this.cookies.clearCookie());
          return void res.send(200, { result: 'forgotten' });
        }
        const result = await this.handOver(sessionId, conversationId);
        res.send(result === 'conversationInUse' ? 409 : 200, { result });
      } catch (error) {
        this.logger.error({ event: 'triageHandoverFailed', err: errorFields(error) }, 'hand-over failed');
        res.send(503, { error: 'The conversation could not be handed over.' });
      }
    });
  }
}
