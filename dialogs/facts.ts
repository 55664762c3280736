import { tz } from '@date-fns/tz';
import { differenceInCalendarDays, format } from 'date-fns';
import { catalog } from '../data/catalog';
import { UK_TIME_ZONE } from '../data/calendar';
import type { Confidence } from '../data/types';

/** The national numbers and links the content's placeholders refer to, taken from data/national.json. */
export type ContactFacts = Record<
  | 'emergencyPhone'
  | 'nonEmergencyPhone'
  | 'reportFraudName'
  | 'reportFraudFormerName'
  | 'reportFraudPhone'
  | 'reportFraudWebsite'
  | 'reportFraudPhoneHours'
  | 'liveOption'
  | 'policeScotlandPhone'
  | 'policeScotlandWebsite'
  | 'psniPhone'
  | 'cfcsPhone'
  | 'stopScamsPhone'
  | 'stopScamsName',
  string
>;

/** What users see after a fact the data marks `unverified`, wherever such a fact has to be shown at all. */
export const UNVERIFIED_MARK = '(not verified)';

/** A fact's words as shown: an unverified fact always carries the mark, so it is never shown as sure. */
export function shownFact(value: string, fact: { confidence: Confidence }): string {
  return fact.confidence === 'unverified' ? `${value} ${UNVERIFIED_MARK}` : value;
}

/** "9am", "5:30pm" from a 24-hour "HH:mm". */
export function clock(hhmm: string): string {
  const [hours, minutes] = hhmm.split(':').map(Number);
  const suffix = hours < 12 ? 'am' : 'pm';
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  return minutes ? `${twelve}:${String(minutes).padStart(2, '0')}${suffix}` : `${twelve}${suffix}`;
}

function weekdaysInWords(days: number[]): string {
  const names = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  const isRun = days.every((day, index) => index === 0 || day === days[index - 1] + 1);
  return isRun && days.length > 2 ? `${names[days[0] - 1]} to ${names[days[days.length - 1] - 1]}` : days.map((d) => names[d - 1]).join(', ');
}

/** "Monday to Friday, 9am to 5pm". */
export function hoursInWords(hours: { days: number[]; opens: string; closes: string }): string {
  return `${weekdaysInWords(hours.days)}, ${clock(hours.opens)} to ${clock(hours.closes)}`;
}

const inUkTime = tz(UK_TIME_ZONE);

/**
 * When something next happens, as a person would say it from where they are now, in UK time: "today at 9am",
 * "tomorrow at 9am", "on Monday at 9am" within the coming week, and the date beyond that ("on Monday 4 January
 * at 9am", with the year when it is not this year's).
 */
export function whenInWords(moment: Date, now: Date): string {
  const at = clock(format(moment, 'HH:mm', { in: inUkTime }));
  const days = differenceInCalendarDays(moment, now, { in: inUkTime });
  if (days <= 0) return `today at ${at}`;
  if (days === 1) return `tomorrow at ${at}`;
  if (days < 7) return `on ${format(moment, 'EEEE', { in: inUkTime })} at ${at}`;
  const sameYear = format(moment, 'yyyy', { in: inUkTime }) === format(now, 'yyyy', { in: inUkTime });
  return `on ${format(moment, sameYear ? 'EEEE d MMMM' : 'EEEE d MMMM yyyy', { in: inUkTime })} at ${at}`;
}

let cached: ContactFacts | undefined;

export function contactFacts(): ContactFacts {
  if (cached) return cached;
  const { emergency, nonEmergency, reportFraud, policeScotland, psni, cyberAndFraudCentreScotland, stopScamsUk } = catalog.national;
  cached = {
    emergencyPhone: shownFact(emergency.phone.number, emergency.phone),
    nonEmergencyPhone: shownFact(nonEmergency.number, nonEmergency),
    reportFraudName: reportFraud.name,
    reportFraudFormerName: reportFraud.formerName,
    reportFraudPhone: shownFact(reportFraud.liveAttack.number, reportFraud.liveAttack),
    reportFraudWebsite: shownFact(reportFraud.website.url, reportFraud.website),
    reportFraudPhoneHours: shownFact(hoursInWords(reportFraud.phoneHours), reportFraud.phoneHours),
    liveOption: reportFraud.liveAttack.keypadOption,
    policeScotlandPhone: shownFact(policeScotland.nonEmergency.number, policeScotland.nonEmergency),
    policeScotlandWebsite: shownFact(policeScotland.website.url, policeScotland.website),
    psniPhone: shownFact(psni.nonEmergency.number, psni.nonEmergency),
    cfcsPhone: shownFact(cyberAndFraudCentreScotland.incidentHelpline.number, cyberAndFraudCentreScotland.incidentHelpline),
    stopScamsPhone: shownFact(stopScamsUk.phone.number, stopScamsUk.phone),
    stopScamsName: stopScamsUk.name,
  };
  return cached;
}
