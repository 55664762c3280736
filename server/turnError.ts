import { catalog } from '../data/catalog';
import { contentFor, fill, languageOf, SUPPORTED_LANGUAGES } from '../dialogs/content';
import { contactFacts } from '../dialogs/facts';

/**
 * The message a user gets when a turn fails, in one language, worked out once at start-up so that sending it depends
 * on nothing that can fail at that moment (not a content lookup, not a placeholder): the worded reply from the
 * content with the numbers from data/national.json, or, if that content is missing or lacks a number, a plain
 * sentence built from the same data. Either way it carries 999, Report Fraud's number with its live-attack option,
 * and Police Scotland's 101.
 */
export function turnErrorMessage(language = 'en'): string {
  const { emergency, reportFraud, policeScotland } = catalog.national;
  const required = [emergency.phone.number, reportFraud.liveAttack.number, reportFraud.liveAttack.keypadOption, policeScotland.nonEmergency.number];
  try {
    const content = contentFor(language);
    const worded = fill(content.replies.turnError, contactFacts(content));
    if (required.every((fact) => worded.includes(fact))) return worded;
  } catch {
    // fall through to the plain sentence
  }
  return (
    `Sorry, something went wrong on our side. If anyone is in danger, call ${emergency.phone.number}. ` +
    `A business, charity or organisation under a live cyber attack: call ${reportFraud.liveAttack.number} and press ` +
    `${reportFraud.liveAttack.keypadOption}, 24 hours a day (in Scotland, Police Scotland on ${policeScotland.nonEmergency.number}).`
  );
}

/** The turn-error message in every language there is content for, built once at start-up. */
export function turnErrorMessages(): ReadonlyMap<string, string> {
  return new Map(SUPPORTED_LANGUAGES.map((language) => [language, turnErrorMessage(language)]));
}

/**
 * The message for a failed turn in the activity's language where there is one, English otherwise. The stored
 * conversation (with the user's own choice) is not read: storage may be what failed.
 */
export function turnErrorMessageFor(messages: ReadonlyMap<string, string>, locale: unknown): string {
  let language: string | null = null;
  try {
    language = languageOf(locale);
  } catch {
    // an odd locale is no reason to fail again
  }
  return (language !== null ? messages.get(language) : undefined) ?? messages.get('en') ?? turnErrorMessage();
}
