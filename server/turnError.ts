import { catalog } from '../data/catalog';
import { contentFor, fill } from '../dialogs/content';
import { contactFacts } from '../dialogs/facts';

/**
 * The message a user gets when a turn fails, worked out once at start-up so that sending it depends on nothing
 * that can fail at that moment (not the activity's locale, not a content lookup, not a placeholder): the worded
 * reply from the content with the numbers from data/national.json, or, if that content is missing or lacks a
 * number, a plain sentence built from the same data. Either way it carries 999, Report Fraud's number with its
 * live-attack option, and Police Scotland's 101.
 */
export function turnErrorMessage(): string {
  const { emergency, reportFraud, policeScotland } = catalog.national;
  const required = [emergency.phone.number, reportFraud.liveAttack.number, reportFraud.liveAttack.keypadOption, policeScotland.nonEmergency.number];
  try {
    const worded = fill(contentFor('en').replies.turnError, contactFacts());
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
