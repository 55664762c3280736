import { addDays, format, getISODay, parseISO } from 'date-fns';
import { bankHolidayOn, bankHolidaysFor, bankHolidaysProvenance } from '../../data/calendar';
import type { BankHolidayDivision } from '../../data/types';

const DIVISIONS: BankHolidayDivision[] = ['england-and-wales', 'scotland', 'northern-ireland'];
/** Years with no one-off holiday (the last were 2022's jubilee and funeral and 2023's coronation). */
const STANDING_YEARS = Array.from({ length: 2045 - 2024 + 1 }, (_, index) => 2024 + index);

describe('bank holidays (date-holidays rules)', () => {
  it('has 8 holidays a year in England and Wales, 9 in Scotland and 10 in Northern Ireland, every year', () => {
    for (const year of STANDING_YEARS) {
      expect(bankHolidaysFor('england-and-wales', year)).toHaveLength(8);
      expect(bankHolidaysFor('scotland', year)).toHaveLength(9);
      expect(bankHolidaysFor('northern-ireland', year)).toHaveLength(10);
    }
  });

  it.each(DIVISIONS)('every %s bank holiday (substitute days included) falls Monday to Friday', (division) => {
    const atWeekends = STANDING_YEARS.flatMap((year) => bankHolidaysFor(division, year))
      .filter((holiday) => getISODay(parseISO(holiday.date)) > 5)
      .map((holiday) => holiday.date);
    expect(atWeekends).toEqual([]);
  });

  it('carries its provenance', () => {
    expect(bankHolidaysProvenance.source).toMatch(/date-holidays/);
    expect(bankHolidaysProvenance.source).toMatch(/gov\.uk\/bank-holidays/);
    expect(bankHolidaysProvenance.verifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  // An independent derivation from the standing rules (Easter, first/last Mondays, weekend substitution) for years
  // without one-off holidays: the library must agree with it date for date, for two decades.
  it.each(DIVISIONS)('matches the standing GOV.UK rules for %s, 2024–2045', (division) => {
    const expected = STANDING_YEARS.flatMap((year) => expectedHolidays(year, division));
    const actual = STANDING_YEARS.flatMap((year) => bankHolidaysFor(division, year)).map((holiday) => ({ date: holiday.date, title: holiday.title }));
    expect(actual).toEqual(expected);
  });

  it('pairs substitute days with the holidays they replace in order, as GOV.UK does (Scotland, January 2022)', () => {
    expect(bankHolidayOn(new Date('2022-01-03T12:00:00Z'), 'scotland')).toEqual({ title: 'New Year’s Day (substitute day)' });
    expect(bankHolidayOn(new Date('2022-01-04T12:00:00Z'), 'scotland')).toEqual({ title: '2nd January (substitute day)' });
    expect(bankHolidayOn(new Date('2022-12-27T12:00:00Z'), 'england-and-wales')).toEqual({ title: 'Christmas Day (substitute day)' });
  });

  it('knows the one-off bank holidays GOV.UK listed', () => {
    expect(bankHolidayOn(new Date('2022-06-03T12:00:00Z'), 'england-and-wales')).not.toBeNull(); // Platinum Jubilee
    expect(bankHolidayOn(new Date('2022-09-19T12:00:00Z'), 'scotland')).not.toBeNull(); // State Funeral of Queen Elizabeth II
    expect(bankHolidayOn(new Date('2023-05-08T12:00:00Z'), 'northern-ireland')).not.toBeNull(); // Coronation of King Charles III
  });
});

describe('bankHolidayOn', () => {
  it.each([
    ['2026-12-25T12:00:00Z', 'england-and-wales', 'Christmas Day'],
    ['2026-12-28T12:00:00Z', 'england-and-wales', 'Boxing Day (substitute day)'],
    ['2026-12-28T12:00:00Z', 'scotland', 'Boxing Day (substitute day)'],
    ['2026-01-02T12:00:00Z', 'scotland', '2nd January'],
    ['2026-03-17T12:00:00Z', 'northern-ireland', 'St Patrick’s Day'],
    ['2026-07-13T12:00:00Z', 'northern-ireland', 'Battle of the Boyne (Orangemen’s Day) (substitute day)'],
    ['2026-11-30T12:00:00Z', 'scotland', 'St Andrew’s Day'],
    ['2025-12-01T12:00:00Z', 'scotland', 'St Andrew’s Day (substitute day)'],
    ['2026-08-03T12:00:00Z', 'scotland', 'Summer bank holiday'],
    ['2026-08-31T12:00:00Z', 'england-and-wales', 'Summer bank holiday'],
    ['2027-12-27T12:00:00Z', 'england-and-wales', 'Christmas Day (substitute day)'],
    ['2027-12-28T12:00:00Z', 'northern-ireland', 'Boxing Day (substitute day)'],
    ['2027-01-04T12:00:00Z', 'scotland', '2nd January (substitute day)'],
  ] as const)('%s in %s is %s', (iso, division, title) => {
    expect(bankHolidayOn(new Date(iso), division)).toEqual({ title });
  });

  it.each([
    ['2026-01-02T12:00:00Z', 'england-and-wales'],
    ['2026-03-17T12:00:00Z', 'england-and-wales'],
    ['2026-04-06T12:00:00Z', 'scotland'],
    ['2026-08-03T12:00:00Z', 'england-and-wales'],
    ['2026-08-31T12:00:00Z', 'scotland'],
    ['2026-11-30T12:00:00Z', 'england-and-wales'],
    ['2026-07-13T12:00:00Z', 'scotland'],
    ['2026-12-26T12:00:00Z', 'england-and-wales'],
    ['2026-12-29T12:00:00Z', 'england-and-wales'],
  ] as const)('%s is not a bank holiday in %s', (iso, division) => {
    expect(bankHolidayOn(new Date(iso), division)).toBeNull();
  });

  it('reads the date in UK time, not UTC', () => {
    // 23:30 UTC on Sunday 30 August 2026 is 00:30 BST on Monday 31 August (the Summer bank holiday).
    expect(bankHolidayOn(new Date('2026-08-30T23:30:00Z'), 'england-and-wales')).toEqual({ title: 'Summer bank holiday' });
    // 23:30 UTC on 31 August is already 1 September in the UK.
    expect(bankHolidayOn(new Date('2026-08-31T23:30:00Z'), 'england-and-wales')).toBeNull();
    // In winter the UK is on UTC: 23:59 UTC on Christmas Eve is still Christmas Eve.
    expect(bankHolidayOn(new Date('2026-12-24T23:59:00Z'), 'england-and-wales')).toBeNull();
    expect(bankHolidayOn(new Date('2026-12-25T00:00:00Z'), 'england-and-wales')).toEqual({ title: 'Christmas Day' });
  });
});

// ---------------------------------------------------------------- rules for the independent derivation

function iso(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

function localDate(year: number, month: number, day: number): Date {
  return new Date(year, month - 1, day);
}

/** Easter Sunday (Gregorian), anonymous algorithm. */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return localDate(year, month, day);
}

function firstMonday(year: number, month: number): Date {
  let date = localDate(year, month, 1);
  while (getISODay(date) !== 1) date = addDays(date, 1);
  return date;
}

function lastMonday(year: number, month: number): Date {
  let date = localDate(year, month + 1, 0);
  while (getISODay(date) !== 1) date = addDays(date, -1);
  return date;
}

/** Fixed-date holidays that fall at a weekend move to the next weekday not already a holiday. */
function substitute(fixed: Array<{ date: Date; title: string }>): Array<{ date: Date; title: string }> {
  const taken = new Set(fixed.filter(({ date }) => getISODay(date) <= 5).map(({ date }) => iso(date)));
  return fixed.map(({ date, title }) => {
    if (getISODay(date) <= 5) return { date, title };
    let moved = date;
    while (getISODay(moved) > 5 || taken.has(iso(moved))) moved = addDays(moved, 1);
    taken.add(iso(moved));
    return { date: moved, title };
  });
}

function expectedHolidays(year: number, division: BankHolidayDivision): Array<{ date: string; title: string }> {
  const easter = easterSunday(year);
  const newYear = substitute(
    division === 'scotland'
      ? [{ date: localDate(year, 1, 1), title: 'New Year’s Day' }, { date: localDate(year, 1, 2), title: '2nd January' }]
      : [{ date: localDate(year, 1, 1), title: 'New Year’s Day' }],
  );
  const christmas = substitute([
    { date: localDate(year, 12, 25), title: 'Christmas Day' },
    { date: localDate(year, 12, 26), title: 'Boxing Day' },
  ]);
  const holidays = [
    ...newYear,
    { date: addDays(easter, -2), title: 'Good Friday' },
    { date: firstMonday(year, 5), title: 'Early May bank holiday' },
    { date: lastMonday(year, 5), title: 'Spring bank holiday' },
    ...christmas,
  ];
  if (division !== 'scotland') {
    holidays.push({ date: addDays(easter, 1), title: 'Easter Monday' });
    holidays.push({ date: lastMonday(year, 8), title: 'Summer bank holiday' });
  }
  if (division === 'scotland') {
    holidays.push({ date: firstMonday(year, 8), title: 'Summer bank holiday' });
    holidays.push(...substitute([{ date: localDate(year, 11, 30), title: 'St Andrew’s Day' }]));
  }
  if (division === 'northern-ireland') {
    holidays.push(...substitute([{ date: localDate(year, 3, 17), title: 'St Patrick’s Day' }]));
    holidays.push(...substitute([{ date: localDate(year, 7, 12), title: 'Battle of the Boyne (Orangemen’s Day)' }]));
  }
  return holidays
    .map(({ date, title }) => ({ date: iso(date), title }))
    .sort((a, b) => a.date.localeCompare(b.date));
}
