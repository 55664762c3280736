import { catalog } from '../data/catalog';

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
  | 'cfcsPhone',
  string
>;

function clock(hhmm: string): string {
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

let cached: ContactFacts | undefined;

export function contactFacts(): ContactFacts {
  if (cached) return cached;
  const { emergency, nonEmergency, reportFraud, policeScotland, psni, cyberAndFraudCentreScotland } = catalog.national;
  cached = {
    emergencyPhone: emergency.phone.number,
    nonEmergencyPhone: nonEmergency.number,
    reportFraudName: reportFraud.name,
    reportFraudFormerName: reportFraud.formerName,
    reportFraudPhone: reportFraud.liveAttack.number,
    reportFraudWebsite: reportFraud.website.url,
    reportFraudPhoneHours: hoursInWords(reportFraud.phoneHours),
    liveOption: reportFraud.liveAttack.keypadOption,
    policeScotlandPhone: policeScotland.nonEmergency.number,
    policeScotlandWebsite: policeScotland.website.url,
    psniPhone: psni.nonEmergency.number,
    cfcsPhone: cyberAndFraudCentreScotland.incidentHelpline.number,
  };
  return cached;
}
