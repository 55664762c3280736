import { resolveLocation, resolveNation } from '../data/location';
import type { LocationResolution } from '../data/types';
import type {
  AudienceAnswer,
  HappeningAnswer,
  ResolvedLocation,
  TriageContext,
  TriageEvent,
  TriageStateId,
} from '../machines/triage';
import { isTimeless, parseButtonValue, type ButtonAction } from './buttons';

/** What the user said or clicked, as the turn step needs it. */
export type Understood =
  | { kind: 'event'; event: TriageEvent }
  | { kind: 'restart' }
  | { kind: 'back' }
  | { kind: 'help' }
  /** A button from an earlier question or an earlier triage. */
  | { kind: 'stale' }
  | { kind: 'empty' }
  /** Nothing matched; `unknownPlace` when the user was asked where they are, `tooLong` for an essay. */
  | { kind: 'unrecognised'; unknownPlace?: boolean; tooLong?: boolean };

export interface UserInput {
  text?: string;
  value?: unknown;
}

export interface Position {
  state: TriageStateId;
  triageId: string;
  context: TriageContext;
}

/** Longer messages are not worth matching word by word: nobody answers these questions in an essay. */
export const MAX_UNDERSTOOD_LENGTH = 500;

/** Removes Teams `<at>…</at>` mentions, folds case, quotes and spacing, and drops punctuation. */
export function normalise(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[^\p{L}\p{N}'?&\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const RESTART = /^(start again|start over|restart|reset|begin again|new triage|start from the beginning|\/?start|\/restart)$/;
const BACK = /^(back|go back|previous|previous question|undo|\/back)$/;
const HELP = /^(help|\?|help me|what can you do|\/help|how does this work|options)$/;

const NOT_SURE =
  /\b(not sure|unsure|don'?t know|do not know|dunno|no idea|maybe|possibly|perhaps|idk|not certain|can'?t tell|cannot tell|unclear|i think so|might be|could be|no clue)\b/;
const NOT_HAPPENING =
  /^(no|n|nope|nah|no it'?s not|not really|not now|negative|no it isn'?t|it isn'?t|it'?s not|not any more|not anymore)$|\b(it'?s over|it is over|all over|finished|stopped|ended|in the past|happened (yesterday|earlier|before|last)|not (happening|ongoing|live|going on|active)|no longer|already happened|over now|last (week|month|year|night)|yesterday|a while ago|days ago|weeks ago|months ago)\b/;
const HAPPENING =
  /^(yes|y|yep|yeah|yeh|yea|yup|ya|aye|yes please|correct|it is|definitely|absolutely|sure|right now|now|ongoing|live|happening)$|\b(still going on|still going|going on now|happening (right )?now|in progress|ongoing|under attack|being attacked|being hacked|still (happening|in|active|locked|encrypted|ongoing|there)|right now|at the moment|currently|as we speak|live attack|they'?re (still )?in|it'?s live|it is live|still affecting)\b/;

const ORGANISATION =
  /\b(business(es)?|compan(y|ies)|firm|charit(y|ies)|organi[sz]ations?|org|sole trader|self[ -]employed|freelancer?|school|academy|college|university|council|club|society|church|mosque|temple|trust|nhs|practice|surgery|shop|employer|employees|staff|at work|work|workplace|office|partnership|ltd|limited|plc|llp|cic|non ?profit|non-profit|ngo|public sector|hospital|agency|startup|enterprise|corporate|our (company|business|office|systems|network|servers?|website|staff|organi[sz]ation)|both)\b/;
const INDIVIDUAL =
  /\b(myself|me|my own|personal|personally|individual|just me|private|home|family|a person|member of the public|citizen|i am|i'?m|my (account|phone|email|e-mail|laptop|computer|pc|bank|facebook|instagram|identity|details|savings))\b/;

const SHOW_REGIONAL_TEAM =
  /^(yes|y|yeah|yep|ok|okay|next|continue|show (me )?(my )?(regional|local) team|(regional|local) team|show team|regional contact|show my regional team)$/;

function answerHappening(text: string): HappeningAnswer | null {
  if (NOT_SURE.test(text)) return 'notSure';
  if (NOT_HAPPENING.test(text)) return 'no';
  if (HAPPENING.test(text)) return 'yes';
  return null;
}

function answerAudience(text: string): AudienceAnswer | null {
  if (ORGANISATION.test(text)) return 'organisation';
  if (INDIVIDUAL.test(text)) return 'individual';
  return null;
}

function toLocationEvent(resolution: LocationResolution): TriageEvent | null {
  // A "Did you mean …?" suggestion is not an answer until the user confirms it: treated as an unknown place here.
  if (resolution.kind === 'unknown' || resolution.kind === 'suggestion') return null;
  return { type: 'ANSWER_LOCATION', location: resolution as ResolvedLocation };
}

/** A typed number or a label picks one of the offered candidates. */
function chooseCandidate(text: string, context: TriageContext): number | null {
  const candidates = context.pendingChoice?.candidates ?? [];
  const number = /^(\d{1,2})$/.exec(text);
  if (number) {
    const index = Number(number[1]) - 1;
    return index >= 0 && index < candidates.length ? index : null;
  }
  const labels = candidates.map((candidate) => normalise(candidate.label));
  const exact = labels.indexOf(text);
  if (exact >= 0) return exact;
  if (text.length < 4) return null;
  const partial = labels.flatMap((label, index) => (label.includes(text) ? [index] : []));
  return partial.length === 1 ? partial[0] : null;
}

function fromButton(action: ButtonAction): Understood {
  switch (action.action) {
    case 'restart':
      return { kind: 'restart' };
    case 'help':
      return { kind: 'help' };
    case 'back':
      return { kind: 'back' };
    case 'answerHappening':
      return { kind: 'event', event: { type: 'ANSWER_HAPPENING', answer: action.answer } };
    case 'answerAudience':
      return { kind: 'event', event: { type: 'ANSWER_AUDIENCE', answer: action.answer } };
    case 'chooseNation': {
      const event = toLocationEvent(resolveNation(action.nation));
      return event ? { kind: 'event', event } : { kind: 'unrecognised' };
    }
    case 'chooseCandidate':
      return { kind: 'event', event: { type: 'CHOOSE_CANDIDATE', index: action.index } };
    case 'showRegionalTeam':
      return { kind: 'event', event: { type: 'SHOW_REGIONAL_TEAM' } };
    case 'change':
      return { kind: 'event', event: { type: 'CHANGE', question: action.question } };
  }
}

function fromText(text: string, position: Position): Understood {
  if (RESTART.test(text)) return { kind: 'restart' };
  if (BACK.test(text)) return { kind: 'back' };
  if (HELP.test(text)) return { kind: 'help' };

  switch (position.state) {
    case 'happeningNow': {
      const answer = answerHappening(text);
      return answer ? { kind: 'event', event: { type: 'ANSWER_HAPPENING', answer } } : { kind: 'unrecognised' };
    }
    case 'audience': {
      const answer = answerAudience(text);
      return answer ? { kind: 'event', event: { type: 'ANSWER_AUDIENCE', answer } } : { kind: 'unrecognised' };
    }
    case 'location': {
      const event = toLocationEvent(resolveLocation(text));
      return event ? { kind: 'event', event } : { kind: 'unrecognised', unknownPlace: true };
    }
    case 'locationChoice': {
      const index = chooseCandidate(text, position.context);
      if (index !== null) return { kind: 'event', event: { type: 'CHOOSE_CANDIDATE', index } };
      const event = toLocationEvent(resolveLocation(text));
      return event ? { kind: 'event', event } : { kind: 'unrecognised', unknownPlace: true };
    }
    case 'liveAttack':
      return SHOW_REGIONAL_TEAM.test(text)
        ? { kind: 'event', event: { type: 'SHOW_REGIONAL_TEAM' } }
        : { kind: 'unrecognised' };
    case 'regionalTeam':
    case 'outsideUk':
      return { kind: 'unrecognised' };
  }
}

/**
 * Turns a message into what the turn step acts on. A valid button value wins over text (Web Chat's messageBack
 * sends both); a button shown with another question or triage is stale; otherwise the text is read.
 */
export function understand(input: UserInput, position: Position): Understood {
  const button = parseButtonValue(input.value);
  if (button) {
    if (isTimeless(button)) return fromButton(button);
    if (button.triage !== position.triageId || button.state !== position.state) return { kind: 'stale' };
    return fromButton(button);
  }
  const raw = typeof input.text === 'string' ? input.text : '';
  // Checked before normalising, so a huge message costs nothing to refuse.
  if (raw.length > MAX_UNDERSTOOD_LENGTH * 4) return { kind: 'unrecognised', tooLong: true };
  const text = normalise(raw);
  if (!text) return input.value !== undefined && input.value !== null ? { kind: 'stale' } : { kind: 'empty' };
  if (text.length > MAX_UNDERSTOOD_LENGTH) return { kind: 'unrecognised', tooLong: true };
  return fromText(text, position);
}
