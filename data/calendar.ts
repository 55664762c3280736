// UK bank holidays per GOV.UK division, from the rules in `date-holidays` (GB: England and Wales, Scotland,
// Northern Ireland), so that no year runs out. Dates are UK calendar dates.
import { TZDate } from '@date-fns/tz';
import { format, getISODay, parseISO } from 'date-fns';
import Holidays from 'date-holidays';
import type { BankHolidayDivision } from './types';

export const UK_TIME_ZONE = 'Europe/London';

/** date-holidays' region for each GOV.UK division (Wales follows the same rules as England). */
const REGIONS: Record<BankHolidayDivision, string> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

export interface BankHoliday {
  /** UK calendar date, YYYY-MM-DD. */
  date: string;
  /** As GOV.UK writes it: "New Year’s Day", "2nd January", "Battle of the Boyne (Orangemen’s Day)". */
  title: string;
  /** "Substitute day" when the holiday moved off a weekend, as GOV.UK notes it. */
  notes?: string;
}

const SUBSTITUTE = / \(substitute day\)$/;

/** date-holidays' names, written as GOV.UK writes them. */
function govUkTitle(name: string): string {
  return name.replace(SUBSTITUTE, '').replace(/'/g, '’').replace(/^January 2nd$/, '2nd January');
}

const calendars = new Map<BankHolidayDivision, Holidays>();
const byYear = new Map<string, BankHoliday[]>();

/**
 * The bank holidays of a division in a year, in date order: the days that are public holidays, Monday to Friday
 * (a holiday falling at a weekend is replaced by its substitute day, as on GOV.UK).
 */
export function bankHolidaysFor(division: BankHolidayDivision, year: number): readonly BankHoliday[] {
  const key = `${division}:${year}`;
  const cached = byYear.get(key);
  if (cached) return cached;
  let calendar = calendars.get(division);
  if (!calendar) calendars.set(division, (calendar = new Holidays('GB', REGIONS[division])));
  const days = calendar
    .getHolidays(year)
    .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
    .map((holiday) => ({ date: holiday.date.slice(0, 10), title: govUkTitle(holiday.name), substitute: holiday.substitute === true }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // Substitute days are taken in the order of the holidays they replace, as GOV.UK lists them (Scotland, January
  // 2022: Monday 3rd for New Year's Day, Tuesday 4th for 2nd January); date-holidays may pair them the other way.
  const substitutes = days.filter((day) => day.substitute);
  const replaced = substitutes
    .map((day) => ({ title: day.title, original: days.find((each) => !each.substitute && each.title === day.title)?.date ?? day.date }))
    .sort((a, b) => (a.original < b.original ? -1 : a.original > b.original ? 1 : 0));
  substitutes.forEach((day, index) => (day.title = replaced[index].title));
  const holidays = days
    .filter(({ date }) => getISODay(parseISO(date)) <= 5)
    .map(({ date, title, substitute }): BankHoliday => (substitute ? { date, title, notes: 'Substitute day' } : { date, title }));
  byYear.set(key, holidays);
  return holidays;
}

/** The UK calendar date (Europe/London) of an instant, as YYYY-MM-DD. */
export function ukDateKey(date: Date): string {
  return format(new TZDate(date.getTime(), UK_TIME_ZONE), 'yyyy-MM-dd');
}

/** The bank holiday on the UK calendar day containing `date`, or null. Substitute days say so in the title. */
export function bankHolidayOn(date: Date, division: BankHolidayDivision): { title: string } | null {
  const day = ukDateKey(date);
  const holiday = bankHolidaysFor(division, Number(day.slice(0, 4))).find((each) => each.date === day);
  if (!holiday) return null;
  return { title: holiday.notes === 'Substitute day' ? `${holiday.title} (substitute day)` : holiday.title };
}

export const bankHolidaysProvenance = {
  source:
    'date-holidays 3.37.0 (npm), rules for GB-ENG, GB-SCT and GB-NIR; GOV.UK publishes the same dates at https://www.gov.uk/bank-holidays ' +
    '(the tests check the standing rules year by year and dates GOV.UK lists)',
  verifiedOn: '2026-12-01',
  confidence: 'third-party' as const,
};
