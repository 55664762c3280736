import type { BankHolidayDivision, OfficeHours } from '../../data/types';
import {
  describeUkDay,
  formatUkClockTime,
  formatUkDate,
  formatUkTime,
  unitAvailability,
  type Availability,
} from '../../data/officeHours';

const weekdayNineToFive: OfficeHours = {
  days: [1, 2, 3, 4, 5],
  opens: '09:00',
  closes: '17:00',
  isDefault: true,
  source: 'test fixture',
  verifiedOn: '2026-11-22',
  confidence: 'general-knowledge',
};

function availability(iso: string, division: BankHolidayDivision = 'england-and-wales', hours = weekdayNineToFive): Availability {
  return unitAvailability(new Date(iso), hours, division);
}

function summary(result: Availability): { open: boolean; reason: string; holidayTitle?: string; nextOpening: string } {
  const { open, reason, holidayTitle, nextOpening } = result;
  return { open, reason, ...(holidayTitle ? { holidayTitle } : {}), nextOpening: nextOpening.toISOString() };
}

describe('unitAvailability on an ordinary weekday', () => {
  it.each([
    // Wednesday 14 January 2026: GMT, so UK time equals UTC.
    ['2026-01-14T08:59:59Z', false, 'before-hours', '2026-01-14T09:00:00.000Z'],
    ['2026-01-14T09:00:00Z', true, 'open', '2026-01-14T09:00:00.000Z'],
    ['2026-01-14T16:59:59Z', true, 'open', '2026-01-14T16:59:59.000Z'],
    ['2026-01-14T17:00:00Z', false, 'after-hours', '2026-01-15T09:00:00.000Z'],
    // Wednesday 15 July 2026: BST, so 09:00 UK is 08:00 UTC.
    ['2026-07-15T07:59:59Z', false, 'before-hours', '2026-07-15T08:00:00.000Z'],
    ['2026-07-15T08:00:00Z', true, 'open', '2026-07-15T08:00:00.000Z'],
    ['2026-07-15T15:59:59Z', true, 'open', '2026-07-15T15:59:59.000Z'],
    ['2026-07-15T16:00:00Z', false, 'after-hours', '2026-07-16T08:00:00.000Z'],
  ])('%s → open %s (%s), next opening %s', (iso, open, reason, nextOpening) => {
    expect(summary(availability(iso))).toEqual({ open, reason, nextOpening });
  });

  it('says when an open unit closes', () => {
    expect(availability('2026-07-15T10:00:00Z').closesAt?.toISOString()).toBe('2026-07-15T16:00:00.000Z');
    expect(availability('2026-01-14T10:00:00Z').closesAt?.toISOString()).toBe('2026-01-14T17:00:00.000Z');
    expect(availability('2026-01-14T18:00:00Z').closesAt).toBeUndefined();
  });

  it('passes on whether the hours are an assumed default', () => {
    expect(availability('2026-01-14T10:00:00Z').hoursAreDefault).toBe(true);
    expect(availability('2026-01-14T10:00:00Z', 'england-and-wales', { ...weekdayNineToFive, isDefault: false }).hoursAreDefault).toBe(false);
  });
});

describe('unitAvailability at weekends', () => {
  it('Friday 18:00 UK → Monday 09:00 UK', () => {
    expect(summary(availability('2026-11-20T18:00:00Z'))).toEqual({
      open: false,
      reason: 'after-hours',
      nextOpening: '2026-11-23T09:00:00.000Z',
    });
  });

  it.each([
    ['Saturday morning', '2026-11-21T10:00:00Z'],
    ['Sunday evening', '2026-11-22T20:00:00Z'],
    ['Sunday, one minute before midnight', '2026-11-22T23:59:00Z'],
  ])('%s is a weekend, reopening Monday 09:00', (_label, iso) => {
    expect(summary(availability(iso))).toEqual({ open: false, reason: 'weekend', nextOpening: '2026-11-23T09:00:00.000Z' });
  });

  it('00:30 BST on a Saturday in July (23:30 UTC Friday) is already the weekend', () => {
    expect(summary(availability('2026-07-17T23:30:00Z'))).toEqual({ open: false, reason: 'weekend', nextOpening: '2026-07-20T08:00:00.000Z' });
  });
});

describe('unitAvailability on bank holidays of one division only', () => {
  it("St Patrick's Day (Tue 17 Mar 2026): closed in Northern Ireland, open in England and Wales and Scotland", () => {
    expect(summary(availability('2026-03-17T10:00:00Z', 'northern-ireland'))).toEqual({
      open: false,
      reason: 'bank-holiday',
      holidayTitle: 'St Patrick’s Day',
      nextOpening: '2026-03-18T09:00:00.000Z',
    });
    expect(availability('2026-03-17T10:00:00Z', 'england-and-wales').open).toBe(true);
    expect(availability('2026-03-17T10:00:00Z', 'scotland').open).toBe(true);
  });

  it("St Andrew's Day (Mon 30 Nov 2026): closed in Scotland only", () => {
    expect(summary(availability('2026-11-30T10:00:00Z', 'scotland'))).toEqual({
      open: false,
      reason: 'bank-holiday',
      holidayTitle: 'St Andrew’s Day',
      nextOpening: '2026-12-01T09:00:00.000Z',
    });
    expect(availability('2026-11-30T10:00:00Z', 'england-and-wales').open).toBe(true);
    expect(availability('2026-11-30T10:00:00Z', 'northern-ireland').open).toBe(true);
  });

  it('Easter Monday (6 Apr 2026, BST): closed in England and Wales and Northern Ireland, open in Scotland', () => {
    for (const division of ['england-and-wales', 'northern-ireland'] as const) {
      expect(summary(availability('2026-04-06T09:00:00Z', division))).toEqual({
        open: false,
        reason: 'bank-holiday',
        holidayTitle: 'Easter Monday',
        nextOpening: '2026-04-07T08:00:00.000Z',
      });
    }
    expect(availability('2026-04-06T09:00:00Z', 'scotland').open).toBe(true);
  });

  it('Good Friday (3 Apr 2026) closes every division; Scotland reopens on Easter Monday', () => {
    expect(availability('2026-04-03T10:00:00Z', 'scotland')).toMatchObject({ reason: 'bank-holiday', holidayTitle: 'Good Friday' });
    expect(availability('2026-04-03T10:00:00Z', 'scotland').nextOpening.toISOString()).toBe('2026-04-06T08:00:00.000Z');
    expect(availability('2026-04-03T10:00:00Z', 'england-and-wales').nextOpening.toISOString()).toBe('2026-04-07T08:00:00.000Z');
  });

  it('the Battle of the Boyne substitute day (Mon 13 Jul 2026) closes Northern Ireland only', () => {
    expect(availability('2026-07-13T10:00:00Z', 'northern-ireland')).toMatchObject({
      open: false,
      reason: 'bank-holiday',
      holidayTitle: 'Battle of the Boyne (Orangemen’s Day) (substitute day)',
    });
    expect(availability('2026-07-13T10:00:00Z', 'england-and-wales').open).toBe(true);
  });

  it('the Scottish summer bank holiday (Mon 3 Aug 2026) and the English one (Mon 31 Aug 2026) differ', () => {
    expect(availability('2026-08-03T10:00:00Z', 'scotland').reason).toBe('bank-holiday');
    expect(availability('2026-08-03T10:00:00Z', 'england-and-wales').reason).toBe('open');
    expect(availability('2026-08-31T10:00:00Z', 'england-and-wales').reason).toBe('bank-holiday');
    expect(availability('2026-08-31T10:00:00Z', 'scotland').reason).toBe('open');
  });
});

describe('unitAvailability over the clock changes', () => {
  it('spring forward (Sun 29 Mar 2026): Friday evening in GMT → Monday 09:00 BST (08:00 UTC)', () => {
    expect(summary(availability('2026-03-27T17:30:00Z'))).toEqual({ open: false, reason: 'after-hours', nextOpening: '2026-03-30T08:00:00.000Z' });
  });

  it.each(['2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', '2026-03-29T12:00:00Z'])('spring-forward Sunday %s is a weekend', (iso) => {
    expect(summary(availability(iso))).toEqual({ open: false, reason: 'weekend', nextOpening: '2026-03-30T08:00:00.000Z' });
  });

  it('the Monday after spring forward opens at 09:00 BST', () => {
    expect(availability('2026-03-30T07:59:00Z').reason).toBe('before-hours');
    expect(availability('2026-03-30T08:00:00Z').open).toBe(true);
  });

  it('fall back (Sun 25 Oct 2026): Friday evening in BST → Monday 09:00 GMT (09:00 UTC)', () => {
    expect(summary(availability('2026-10-23T17:00:00Z'))).toEqual({ open: false, reason: 'after-hours', nextOpening: '2026-10-26T09:00:00.000Z' });
  });

  it.each(['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'])('fall-back Sunday %s is a weekend', (iso) => {
    expect(summary(availability(iso))).toEqual({ open: false, reason: 'weekend', nextOpening: '2026-10-26T09:00:00.000Z' });
  });

  it('the Monday after fall back opens at 09:00 GMT', () => {
    expect(availability('2026-10-26T08:59:00Z').reason).toBe('before-hours');
    expect(availability('2026-10-26T09:00:00Z').open).toBe(true);
  });
});

describe('unitAvailability over Christmas and New Year', () => {
  it('Thursday 24 Dec 2026 after hours → Tuesday 29 Dec 2026 09:00 in England and Wales', () => {
    expect(summary(availability('2026-12-24T17:30:00Z'))).toEqual({ open: false, reason: 'after-hours', nextOpening: '2026-12-29T09:00:00.000Z' });
    expect(formatUkTime(availability('2026-12-24T17:30:00Z').nextOpening)).toBe('Tuesday 29 December 2026 at 9:00am');
  });

  it.each([
    ['2026-12-25T10:00:00Z', 'Christmas Day'],
    ['2026-12-28T10:00:00Z', 'Boxing Day (substitute day)'],
  ])('%s is %s, reopening 29 Dec', (iso, holidayTitle) => {
    expect(summary(availability(iso))).toEqual({ open: false, reason: 'bank-holiday', holidayTitle, nextOpening: '2026-12-29T09:00:00.000Z' });
  });

  it('Saturday 26 Dec 2026 is a weekend (Boxing Day moves to Monday)', () => {
    expect(availability('2026-12-26T10:00:00Z').reason).toBe('weekend');
  });

  it("New Year's Eve 2026 after hours: England and Wales reopen Mon 4 Jan 2027, Scotland Tue 5 Jan (2nd January substitute)", () => {
    expect(availability('2026-12-31T17:30:00Z', 'england-and-wales').nextOpening.toISOString()).toBe('2027-01-04T09:00:00.000Z');
    expect(availability('2026-12-31T17:30:00Z', 'scotland').nextOpening.toISOString()).toBe('2027-01-05T09:00:00.000Z');
  });

  it('Christmas 2027 (Sat): substitute days Mon 27 and Tue 28 Dec', () => {
    expect(availability('2027-12-24T17:30:00Z').nextOpening.toISOString()).toBe('2027-12-29T09:00:00.000Z');
  });
});

describe('unitAvailability with other hours', () => {
  it('honours a unit that also opens on Saturday mornings', () => {
    const hours: OfficeHours = { ...weekdayNineToFive, days: [1, 2, 3, 4, 5, 6], opens: '08:30', closes: '12:30' };
    expect(summary(availability('2026-11-20T13:00:00Z', 'england-and-wales', hours))).toEqual({
      open: false,
      reason: 'after-hours',
      nextOpening: '2026-11-21T08:30:00.000Z',
    });
    expect(availability('2026-11-21T09:00:00Z', 'england-and-wales', hours).open).toBe(true);
    expect(availability('2026-11-22T09:00:00Z', 'england-and-wales', hours).reason).toBe('weekend');
  });

  it.each([
    ['an hour that is not HH:mm', { opens: '9am' }],
    ['closing before opening', { opens: '17:00', closes: '09:00' }],
    ['no working days', { days: [] as number[] }],
  ])('rejects %s', (_label, change) => {
    expect(() => availability('2026-11-21T09:00:00Z', 'england-and-wales', { ...weekdayNineToFive, ...change })).toThrow();
  });
});

describe('UK time formatting', () => {
  it.each([
    ['2026-12-28T09:00:00Z', 'Monday 28 December 2026 at 9:00am'],
    ['2026-07-16T08:00:00Z', 'Thursday 16 July 2026 at 9:00am'],
    ['2026-07-16T13:30:00Z', 'Thursday 16 July 2026 at 2:30pm'],
    ['2026-10-25T00:30:00Z', 'Sunday 25 October 2026 at 1:30am'],
    ['2026-10-25T01:30:00Z', 'Sunday 25 October 2026 at 1:30am'],
    ['2026-12-31T23:59:00Z', 'Thursday 31 December 2026 at 11:59pm'],
    ['2026-06-30T23:30:00Z', 'Wednesday 1 July 2026 at 12:30am'],
  ])('formatUkTime(%s) is "%s"', (iso, expected) => {
    expect(formatUkTime(new Date(iso))).toBe(expected);
  });

  it('formats the date and the clock time on their own', () => {
    expect(formatUkDate(new Date('2026-06-30T23:30:00Z'))).toBe('Wednesday 1 July 2026');
    expect(formatUkClockTime(new Date('2026-06-30T23:30:00Z'))).toBe('12:30am');
  });

  it('describes the day relative to now in UK time', () => {
    const now = new Date('2026-07-15T20:00:00Z');
    expect(describeUkDay(new Date('2026-07-15T22:30:00Z'), now)).toBe('today');
    expect(describeUkDay(new Date('2026-07-15T23:30:00Z'), now)).toBe('tomorrow');
    expect(describeUkDay(new Date('2026-07-17T08:00:00Z'), now)).toBe('Friday 17 July 2026');
  });
});

describe('independence from the server time zone', () => {
  const originalTimeZone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTimeZone;
  });

  it.each(['America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Kiritimati'])('gives the same answers when the server runs in %s', (timeZone) => {
    process.env.TZ = timeZone;
    expect(summary(availability('2026-12-24T17:30:00Z'))).toEqual({ open: false, reason: 'after-hours', nextOpening: '2026-12-29T09:00:00.000Z' });
    expect(summary(availability('2026-07-15T08:00:00Z'))).toEqual({ open: true, reason: 'open', nextOpening: '2026-07-15T08:00:00.000Z' });
    expect(summary(availability('2026-03-17T10:00:00Z', 'northern-ireland'))).toMatchObject({ reason: 'bank-holiday' });
    expect(formatUkTime(new Date('2026-12-28T09:00:00Z'))).toBe('Monday 28 December 2026 at 9:00am');
  });
});
