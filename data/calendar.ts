// UK bank holidays per GOV.UK division, read from data/bank-holidays.json. Dates are UK calendar dates.
import { TZDate } from '@date-fns/tz';
import { format, isValid, parseISO } from 'date-fns';
import { z } from 'zod';
import type { BankHolidayDivision } from './types';
import { loadJson } from './loadJson';

export const UK_TIME_ZONE = 'Europe/London';
export const BANK_HOLIDAYS_FILE = 'bank-holidays.json';

const BANK_HOLIDAY_DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const satisfies readonly BankHolidayDivision[];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => isValid(parseISO(value)) && format(parseISO(value), 'yyyy-MM-dd') === value, 'is not a real calendar date');

const bankHolidaySchema = z.object({
  date: isoDate.refine((value) => {
    const weekday = parseISO(value).getDay();
    return weekday !== 0 && weekday !== 6;
  }, 'falls at a weekend; bank holidays (including substitute days) are Monday to Friday'),
  title: z.string().trim().min(1),
  /** GOV.UK writes "Substitute day" here when the holiday moved off a weekend. */
  notes: z.string().optional(),
});

const divisionListSchema = z.array(bankHolidaySchema).superRefine((holidays, ctx) => {
  holidays.forEach((holiday, index) => {
    if (index > 0 && holiday.date <= holidays[index - 1].date) {
      ctx.addIssue({ code: 'custom', path: [index, 'date'], message: 'must be later than the previous date (sorted, no duplicates)' });
    }
  });
});

export const bankHolidaysFileSchema = z.object({
  source: z.string().trim().min(1),
  verifiedOn: isoDate,
  confidence: z.enum(['sourced', 'third-party', 'general-knowledge', 'unverified']),
  divisions: z.object({
    'england-and-wales': divisionListSchema,
    scotland: divisionListSchema,
    'northern-ireland': divisionListSchema,
  }),
});

export type BankHolidaysFile = z.infer<typeof bankHolidaysFileSchema>;
export type BankHoliday = BankHolidaysFile['divisions'][BankHolidayDivision][number];

/** Reads and validates bank-holidays.json; `dir` lets tests point at a corrupted copy. */
export function loadBankHolidaysFile(dir?: string): BankHolidaysFile {
  return loadJson(BANK_HOLIDAYS_FILE, bankHolidaysFileSchema, dir);
}

const bankHolidays = loadBankHolidaysFile();

const byDivision = new Map<BankHolidayDivision, Map<string, BankHoliday>>(
  BANK_HOLIDAY_DIVISIONS.map((division) => [
    division,
    new Map(bankHolidays.divisions[division].map((holiday) => [holiday.date, holiday])),
  ]),
);

/** The UK calendar date (Europe/London) of an instant, as YYYY-MM-DD. */
export function ukDateKey(date: Date): string {
  return format(new TZDate(date.getTime(), UK_TIME_ZONE), 'yyyy-MM-dd');
}

/** The bank holiday on the UK calendar day containing `date`, or null. Substitute days say so in the title. */
export function bankHolidayOn(date: Date, division: BankHolidayDivision): { title: string } | null {
  const holiday = byDivision.get(division)?.get(ukDateKey(date));
  if (!holiday) return null;
  return { title: holiday.notes === 'Substitute day' ? `${holiday.title} (substitute day)` : holiday.title };
}

/** Years for which every division's bank holidays are in the data; outside these, bankHolidayOn knows nothing. */
export function bankHolidayYears(): number[] {
  const yearsPerDivision = BANK_HOLIDAY_DIVISIONS.map(
    (division) => new Set(bankHolidays.divisions[division].map((holiday) => Number(holiday.date.slice(0, 4)))),
  );
  const [first, ...rest] = yearsPerDivision;
  return [...first].filter((year) => rest.every((years) => years.has(year))).sort((a, b) => a - b);
}

/** All bank holidays of a division, in date order (for tests and summaries). */
export function bankHolidaysFor(division: BankHolidayDivision): readonly BankHoliday[] {
  return bankHolidays.divisions[division];
}

export const bankHolidaysProvenance = {
  source: bankHolidays.source,
  verifiedOn: bankHolidays.verifiedOn,
  confidence: bankHolidays.confidence,
};
