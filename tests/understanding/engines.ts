import { QUESTIONS, rulesEngine, type Engine, type Question } from './corpus';

export interface EngineEntry {
  description: string;
  read: Engine;
  /** The questions it can answer at all (the others are not scored). */
  questions: readonly Question[];
}

export const ENGINES: Record<string, EngineEntry> = {
  rules: { description: 'the shipped pipeline (dialogs/understanding/): lexicons, typo correction, cues with negation, precedence', read: rulesEngine, questions: QUESTIONS },
};
