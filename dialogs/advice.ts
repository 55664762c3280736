/**
 * "Keep this advice": the address of a printable page of an outcome, made from the answers alone (no name, no words
 * typed, no place as typed: ids from data/ only), and the answers read back from such an address. Nothing is stored:
 * the page (web/advice) replays the answers through the triage machine and renders the outcome they lead to, as the
 * chat did, at the time the advice was given.
 */
import { crownDependencyContact, catalog, forceById, unitById } from '../data/catalog';
import { isIncidentKind, type IncidentKind } from '../data/firstSteps';
import type { CrownDependency, ForceId, UnitId } from '../data/types';
import type { AudienceAnswer, HappeningAnswer, ResolvedLocation, TriageContext, TriageEvent } from '../machines/triage';

export const ADVICE_PATH = '/advice';

/** What an advice address holds: the answers, the moment the advice was given and the language. */
export interface AdviceAnswers {
  happening: HappeningAnswer;
  audience: AudienceAnswer;
  location: ResolvedLocation | null;
  wantsRegionalTeam: boolean;
  kind: IncidentKind | null;
  at: Date;
  language: string;
}

const HAPPENING: readonly string[] = ['yes', 'no', 'notSure'];
const AUDIENCE: readonly string[] = ['organisation', 'individual'];
const CROWN_DEPENDENCIES: readonly string[] = ['GY', 'JE', 'IM'];
/** An ISO moment to the minute, in UTC: "2026-11-18T10:30Z". */
const MOMENT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})Z$/;

function minuteOf(moment: Date): string {
  return `${moment.toISOString().slice(0, 16)}Z`;
}

/** The location answer as ids: a unit and its force ("YHROCU.west-yorkshire"), a unit ("MET"), an island ("JE"), "abroad". */
function locationParameter(context: TriageContext): string | null {
  if (context.outside?.kind === 'crown-dependency') return context.outside.territory;
  if (context.outside?.kind === 'abroad') return 'abroad';
  if (context.location) return [context.location.unitId, context.location.forceId].filter(Boolean).join('.');
  return null;
}

/**
 * The path and query of the advice page for the answers at an outcome (null before the answers lead to one). The
 * language is the content's ("en", "cy").
 */
export function advicePath(context: TriageContext, at: Date, language: string): string | null {
  if (!context.happening || !context.audience) return null;
  const query = new URLSearchParams({ h: context.happening, a: context.audience });
  const where = locationParameter(context);
  if (where) query.set('at', where);
  if (context.wantsRegionalTeam) query.set('r', '1');
  if (context.kind) query.set('k', context.kind);
  query.set('t', minuteOf(at));
  query.set('lang', language);
  return `${ADVICE_PATH}?${query.toString()}`;
}

/** The page's address: absolute when the deployment's public address is known (a Teams card needs one), else a path. */
export function adviceUrl(context: TriageContext, at: Date, language: string, baseUrl?: string): string | null {
  const path = advicePath(context, at, language);
  if (!path) return null;
  return baseUrl ? `${baseUrl.replace(/\/+$/, '')}${path}` : path;
}

function resolvedLocation(value: string): ResolvedLocation | null | undefined {
  if (value === 'abroad') return { kind: 'abroad', label: 'Outside the UK' };
  if (CROWN_DEPENDENCIES.includes(value)) {
    const territory = value as CrownDependency;
    return { kind: 'crown-dependency', territory, label: crownDependencyContact(territory).name };
  }
  const [first, second, ...rest] = value.split('.');
  if (rest.length) return undefined;
  if (Object.hasOwn(catalog.units, first)) {
    const unit = unitById(first as UnitId);
    if (second === undefined) return { kind: 'unit', unitId: unit.id, forceIds: [], label: unit.regionLabel };
    if (!Object.hasOwn(catalog.forces, second)) return undefined;
    const force = forceById(second as ForceId);
    if (force.unitId !== unit.id) return undefined;
    return { kind: 'unit', unitId: unit.id, forceIds: [force.id], label: force.name };
  }
  return undefined;
}

/** The answers in an advice address, or null when anything in it is missing, unknown or malformed (never guessed). */
export function readAdviceQuery(query: URLSearchParams, languages: readonly string[]): AdviceAnswers | null {
  // Each parameter at most once, and nothing else: an address is either exactly what the bot made, or refused.
  for (const name of new Set(query.keys())) {
    if (!['h', 'a', 'at', 'r', 'k', 't', 'lang'].includes(name) || query.getAll(name).length > 1) return null;
  }
  const one = (name: string): string | null => query.get(name);
  const happening = one('h');
  const audience = one('a');
  const moment = one('t');
  const language = one('lang') ?? 'en';
  if (!happening || !HAPPENING.includes(happening) || !audience || !AUDIENCE.includes(audience)) return null;
  if (!languages.includes(language)) return null;
  const parts = moment ? MOMENT.exec(moment) : null;
  if (!parts) return null;
  const at = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]), Number(parts[4]), Number(parts[5])));
  if (Number.isNaN(at.getTime()) || minuteOf(at) !== moment) return null;
  const where = one('at');
  const location = where === null ? null : resolvedLocation(where);
  if (location === undefined) return null;
  const regional = one('r');
  if (regional !== null && regional !== '1') return null;
  const kind = one('k');
  if (kind !== null && !isIncidentKind(kind)) return null;
  return {
    happening: happening as HappeningAnswer,
    audience: audience as AudienceAnswer,
    location,
    wantsRegionalTeam: regional === '1',
    kind,
    at,
    language,
  };
}

/** The answers as the machine events a user would have given (the location first, as the turn step applies it). */
export function adviceEvents(answers: AdviceAnswers): TriageEvent[] {
  const events: TriageEvent[] = [];
  if (answers.location) events.push({ type: 'ANSWER_LOCATION', location: answers.location });
  events.push({ type: 'ANSWER_HAPPENING', answer: answers.happening }, { type: 'ANSWER_AUDIENCE', answer: answers.audience });
  if (answers.wantsRegionalTeam) events.push({ type: 'SHOW_REGIONAL_TEAM' });
  if (answers.kind) events.push({ type: 'ANSWER_KIND', kind: answers.kind });
  return events;
}
