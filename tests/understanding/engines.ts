/**
 * The engines tried on the corpus, to choose the machinery by measurement (`npm run understanding`):
 * - rules: the shipped pipeline (dialogs/understanding/);
 * - recognizers: Microsoft's @microsoft/recognizers-text-choice, what Bot Framework's ConfirmPrompt uses (yes/no only);
 * - rules+recognizers: the shipped pipeline, with the recognizer's yes/no where the rules find no answer;
 * - compromise: the compromise NLP library's sentences, negation and tense, with the same lexicon's words and the same
 *   precedence (so the difference measured is compromise's reading against the shipped cue matcher).
 */
import { recognizeBoolean } from '@microsoft/recognizers-text-choice';
import nlp from 'compromise';
import { loadLexicons } from '../../data/lexicon';
import { QUESTIONS, rulesEngine, type At, type Engine, type Produced, type Question } from './corpus';

export interface EngineEntry {
  description: string;
  read: Engine;
  /** The questions it can answer at all (the others are not scored). */
  questions: readonly Question[];
}

function booleanOf(text: string): 'yes' | 'no' | null {
  const [first] = recognizeBoolean(text, 'en-us');
  if (!first) return null;
  return (first.resolution as { value: boolean }).value ? 'yes' : 'no';
}

const recognizersEngine: Engine = (text, at) => {
  if (at !== 'happeningNow') return {};
  const answer = booleanOf(text);
  return answer ? { happeningNow: answer } : {};
};

const mixEngine: Engine = (text, at) => {
  const rules = rulesEngine(text, at);
  if (at === 'happeningNow' && rules.happeningNow === undefined) {
    const answer = booleanOf(text);
    if (answer) return { ...rules, happeningNow: answer };
  }
  return rules;
};

// ---------------------------------------------------------------- compromise

const english = loadLexicons().filter((lexicon) => lexicon.language === 'en');
const list = (pick: (lexicon: (typeof english)[number]) => string[]) => english.flatMap(pick).map((phrase) => phrase.toLowerCase());
const happeningWords = {
  unsure: list((l) => l.happening.unsure),
  live: list((l) => [...l.happening.liveStrong, ...l.happening.restart]),
  liveWeak: list((l) => l.happening.liveWeak),
  impact: list((l) => l.happening.impact),
  over: list((l) => l.happening.over),
  past: list((l) => l.happening.past),
  started: list((l) => [...l.happening.started, ...l.happening.recent]),
  incident: list((l) => l.happening.incident),
};
const organisationWords = list((l) => [...l.audience.organisationTypes, ...l.audience.organisation, ...l.audience.soleTraders]);
const individualWords = list((l) => [...l.audience.individual, ...l.audience.possessions, ...l.audience.people, ...l.audience.personalThings]);
const replies = {
  yes: list((l) => [...l.replies.yes, ...l.wholeReplies.yes]),
  no: list((l) => [...l.replies.no, ...l.wholeReplies.no]),
  notSure: list((l) => [...l.replies.notSure, ...l.wholeReplies.notSure]),
};

type Sentence = ReturnType<typeof nlp>;

/** compromise's match syntax reads "(" "|" as syntax: phrases are matched one by one, as plain words. */
function hasAny(sentence: Sentence, phrases: readonly string[]): boolean {
  return phrases.some((phrase) => /^[a-z0-9' -]+$/.test(phrase) && sentence.has(phrase));
}

const compromiseEngine: Engine = (text: string, at: At): Produced => {
  const doc = nlp(text.slice(0, 4000));
  doc.contractions().expand();
  const out: Produced = {};
  const signals = new Set<string>();
  let organisation = false;
  let individual = false;
  for (const sentence of doc.sentences().json({ text: true }) as Array<{ text: string }>) {
    const s = nlp(sentence.text);
    // compromise's own reading of negation: a negative verb in the sentence flips what it says.
    const negative = s.verbs().isNegative().found || s.has('#Negative');
    const pastOnly = s.has('#PastTense') && !s.has('#PresentTense');
    if (hasAny(s, happeningWords.unsure)) signals.add('unsure');
    if (hasAny(s, happeningWords.live)) signals.add(negative ? 'over' : 'live');
    if (hasAny(s, happeningWords.over)) signals.add(negative ? 'live' : 'over');
    if (hasAny(s, happeningWords.impact)) signals.add(negative ? 'over' : pastOnly ? 'impact-past' : 'live');
    if (hasAny(s, happeningWords.liveWeak)) signals.add(negative ? 'over' : 'liveWeak');
    if (hasAny(s, happeningWords.past) || s.has('#Date') && pastOnly) signals.add('past');
    if (hasAny(s, happeningWords.started)) signals.add('started');
    if (hasAny(s, happeningWords.incident)) signals.add('incident');
    const org = hasAny(s, organisationWords) || s.has('#Organization');
    const person = hasAny(s, individualWords);
    if (org) negative ? (individual = true) : (organisation = true);
    if (person) negative ? (organisation = true) : (individual = true);
  }
  const whole = doc.text('normal').replace(/[.!?,]+/g, '').trim();
  const reply = at === 'happeningNow' ? (['yes', 'no', 'notSure'] as const).find((answer) => replies[answer].includes(whole)) : undefined;
  const has = (signal: string) => signals.has(signal);
  if (has('unsure')) out.happeningNow = 'notSure';
  else if (has('live')) out.happeningNow = has('over') ? 'notSure' : 'yes';
  else if (has('over')) out.happeningNow = 'no';
  else if (has('impact-past')) out.happeningNow = 'notSure';
  else if (has('liveWeak') && at === 'happeningNow') out.happeningNow = has('past') ? 'notSure' : 'yes';
  else if (reply) out.happeningNow = reply;
  else if (has('started')) out.happeningNow = 'notSure';
  else if (has('past')) out.happeningNow = 'no';
  else if (has('incident') && at !== 'audience') out.happeningNow = 'notSure';
  if (organisation) out.audience = individual ? 'clarify' : 'organisation';
  else if (individual) out.audience = 'individual';
  // Places and commands are not compromise's to find: they come from the same code as the shipped engine.
  const rest = rulesEngine(text, at);
  if (rest.location) out.location = rest.location;
  if (rest.command) return { command: rest.command };
  return out;
};

export const ENGINES: Record<string, EngineEntry> = {
  rules: { description: 'the shipped pipeline (dialogs/understanding/): lexicons, typo correction, cues with negation, precedence', read: rulesEngine, questions: QUESTIONS },
  recognizers: { description: "@microsoft/recognizers-text-choice recognizeBoolean (ConfirmPrompt's recogniser): yes/no only", read: recognizersEngine, questions: ['happeningNow'] },
  'rules+recognizers': { description: "the shipped pipeline, with the recognizer's yes/no where the rules find no answer", read: mixEngine, questions: QUESTIONS },
  compromise: { description: "compromise 14's sentences, negation and tense over the same lexicon's words and precedence (places and commands: shipped code)", read: compromiseEngine, questions: QUESTIONS },
};
