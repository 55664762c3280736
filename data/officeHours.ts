// Whether a regional unit is answering now, and when it next opens. All reasoning is in UK time (Europe/London),
// so BST/GMT changes and the division's bank holidays are handled whatever the server's own time zone.
import { TZDate } from '@date-fns/tz';
import { addDays, format, getISODay, set, startOfDay } from 'date-fns';
import type { BankHolidayDivision, OfficeHours } from './types';
import { UK_TIME_ZONE, bankHolidayOn } from './calendar';

export interface Availability {
  open: boolean;
  reason: 'open' | 'weekend' | 'bank-holiday' | 'before-hours' | 'after-hours';
  /** Set when `reason` is 'bank-holiday', e.g. "Boxing Day (substitute day)". */
  holidayTitle?: string;
  /** The earliest moment at or after `now` when the unit is open: `now` itself while it is open. */
  nextOpening: Date;
  /** Set while open: when today's hours end. */
  closesAt?: Date;
  /** True where the unit publishes no hours and these are an assumed default: say so to the user. */
  hoursAreDefault: boolean;
}

interface ClockTime {
  hours: number;
  minutes: number;
}

/** Far enough to cross any run of weekends and bank holidays; reaching it means the hours have no working day. */
const MAX_DAYS_AHEAD = 30;

export function unitAvailability(now: Date, hours: OfficeHours, division: BankHolidayDivision): Availability {
  const opens = parseClockTime(hours.opens, 'opens');
  const closes = parseClockTime(hours.closes, 'closes');
  if (opens.hours * 60 + opens.minutes >= closes.hours * 60 + closes.minutes) {
    throw new Error(`Office hours must close after they open (opens ${hours.opens}, closes ${hours.closes})`);
  }
  const hoursAreDefault = hours.isDefault;
  const ukNow = new TZDate(now.getTime(), UK_TIME_ZONE);

  if (!hours.days.includes(getISODay(ukNow))) {
    return { open: false, reason: 'weekend', nextOpening: nextOpeningAfter(ukNow, hours, division), hoursAreDefault };
  }
  const holiday = bankHolidayOn(ukNow, division);
  if (holiday) {
    return {
      open: false,
      reason: 'bank-holiday',
      holidayTitle: holiday.title,
      nextOpening: nextOpeningAfter(ukNow, hours, division),
      hoursAreDefault,
    };
  }
  const openingToday = atClockTime(ukNow, opens);
  const closingToday = atClockTime(ukNow, closes);
  if (ukNow < openingToday) {
    return { open: false, reason: 'before-hours', nextOpening: toPlainDate(openingToday), hoursAreDefault };
  }
  if (ukNow >= closingToday) {
    return { open: false, reason: 'after-hours', nextOpening: nextOpeningAfter(ukNow, hours, division), hoursAreDefault };
  }
  return { open: true, reason: 'open', nextOpening: toPlainDate(ukNow), closesAt: toPlainDate(closingToday), hoursAreDefault };
}

/** The opening time on the first working day after the UK day of `ukNow`. */
function nextOpeningAfter(ukNow: TZDate, hours: OfficeHours, division: BankHolidayDivision): Date {
  const opens = parseClockTime(hours.opens, 'opens');
  const today = startOfDay(ukNow);
  for (let offset = 1; offset <= MAX_DAYS_AHEAD; offset++) {
    const day = addDays(today, offset);
    if (hours.days.includes(getISODay(day)) && !bankHolidayOn(day, division)) {
      return toPlainDate(atClockTime(day, opens));
    }
  }
  throw new Error(`No working day within ${MAX_DAYS_AHEAD} days for office hours on days [${hours.days.join(', ')}]`);
}

function parseClockTime(value: string, field: string): ClockTime {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new Error(`Office hours "${field}" must be 24-hour HH:mm, got "${value}"`);
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

function atClockTime(ukDay: TZDate, time: ClockTime): TZDate {
  return set(ukDay, { hours: time.hours, minutes: time.minutes, seconds: 0, milliseconds: 0 });
}

function toPlainDate(date: Date): Date {
  return new Date(date.getTime());
}

function inUkTime(date: Date): TZDate {
  return new TZDate(date.getTime(), UK_TIME_ZONE);
}

/** "Monday 28 December 2026 at 9:00am" (UK time). */
export function formatUkTime(date: Date): string {
  return format(inUkTime(date), "EEEE d MMMM yyyy 'at' h:mmaaa");
}

/** "Monday 28 December 2026" (UK date). */
export function formatUkDate(date: Date): string {
  return format(inUkTime(date), 'EEEE d MMMM yyyy');
}

/** "9:00am" (UK time). */
export function formatUkClockTime(date: Date): string {
  return format(inUkTime(date), 'h:mmaaa');
}

/** "today", "tomorrow" or the UK date, for messages such as "they open tomorrow at 9:00am". */
export function describeUkDay(date: Date, now: Date): string {
  const day = startOfDay(inUkTime(date));
  const today = startOfDay(inUkTime(now));
  if (day.getTime() === today.getTime()) return 'today';
  if (day.getTime() === addDays(today, 1).getTime()) return 'tomorrow';
  return formatUkDate(date);
}
