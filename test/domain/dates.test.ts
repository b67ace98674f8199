// Proves the calendar arithmetic and the zone-aware clock, across leap days, year ends and DST.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareDates,
  dateOf,
  dayNumber,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  endOfMonth,
  endOfQuarter,
  fromDayNumber,
  isLocalDate,
  isoWeek,
  localDate,
  localDateTimeIn,
  maxDate,
  minDate,
  monthKey,
  parseLocalDate,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
  todayIn,
} from '../../src/domain/dates';
import { d, dt } from './builders';

const utc = (iso: string): number => Date.parse(iso);

const anyDate = fc
  .integer({ min: dayNumber(d('1900-01-01')), max: dayNumber(d('2200-12-31')) })
  .map(fromDayNumber);

describe('calendar dates', () => {
  it('recognises real dates only', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('26-1-1')).toBe(false);
    expect(isLocalDate(20260101)).toBe(false);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
  });

  it('counts day numbers from 1970-01-01', () => {
    expect(dayNumber(d('1970-01-01'))).toBe(0);
    expect(dayNumber(d('1969-12-31'))).toBe(-1);
    expect(dayNumber(d('2026-11-23'))).toBe(Date.UTC(2026, 10, 23) / 86_400_000);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });

  it('agrees with the proleptic calendar for any day number, both ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 200_000 }), (n) => {
        const date = fromDayNumber(n);
        expect(isLocalDate(date)).toBe(true);
        expect(dayNumber(date)).toBe(n);
        expect(date).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('adds days across a leap day and a year end', () => {
    expect(addDays(d('2028-02-28'), 1)).toBe('2028-02-29');
    expect(addDays(d('2028-02-29'), 1)).toBe('2028-03-01');
    expect(addDays(d('2026-02-28'), 1)).toBe('2026-03-01');
    expect(addDays(d('2026-12-31'), 1)).toBe('2027-01-01');
    expect(addDays(d('2027-01-01'), -1)).toBe('2026-12-31');
    expect(addDays(d('2026-03-29'), 0)).toBe('2026-03-29');
  });

  it('adds months clamping the day to the month: 31 Jan + 1 month is the end of February', () => {
    expect(addMonths(d('2026-01-31'), 1)).toBe('2026-02-28');
    expect(addMonths(d('2028-01-31'), 1)).toBe('2028-02-29');
    expect(addMonths(d('2028-02-29'), 12)).toBe('2029-02-28');
    expect(addMonths(d('2026-11-30'), 3)).toBe('2027-02-28');
    expect(addMonths(d('2026-03-31'), -1)).toBe('2026-02-28');
    expect(addMonths(d('2026-01-15'), -13)).toBe('2024-12-15');
  });

  it('counts days between dates, negative when the second is earlier', () => {
    expect(daysBetween(d('2026-03-28'), d('2026-03-30'))).toBe(2);
    expect(daysBetween(d('2026-12-31'), d('2027-01-01'))).toBe(1);
    expect(daysBetween(d('2028-03-01'), d('2028-02-28'))).toBe(-2);
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        expect(daysBetween(date, addDays(date, n))).toBe(n);
      }),
    );
  });

  it('compares dates, and picks the earlier and the later', () => {
    expect(compareDates(d('2026-01-02'), d('2026-01-10'))).toBe(-1);
    expect(compareDates(d('2026-01-10'), d('2026-01-02'))).toBe(1);
    expect(compareDates(d('2026-01-10'), d('2026-01-10'))).toBe(0);
    expect(minDate(d('2026-01-10'), d('2025-12-31'))).toBe('2025-12-31');
    expect(maxDate(d('2026-01-10'), d('2025-12-31'))).toBe('2026-01-10');
  });

  it('names ISO weekdays, Monday = 1 and Sunday = 7', () => {
    expect(dayOfWeek(d('1970-01-01'))).toBe(4);
    expect(dayOfWeek(d('2026-11-23'))).toBe(1);
    expect(dayOfWeek(d('2026-11-29'))).toBe(7);
    expect(dayOfWeek(d('1969-12-28'))).toBe(7);
  });

  it('finds the start of the week for any first weekday', () => {
    expect(startOfWeek(d('2026-11-26'), 1)).toBe('2026-11-23');
    expect(startOfWeek(d('2026-11-23'), 1)).toBe('2026-11-23');
    expect(startOfWeek(d('2026-11-22'), 1)).toBe('2026-11-16');
    expect(startOfWeek(d('2026-11-26'), 7)).toBe('2026-11-22');
    expect(startOfWeek(d('2027-01-01'), 1)).toBe('2026-12-28');
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 7 }), (date, first) => {
        const start = startOfWeek(date, first);
        expect(dayOfWeek(start)).toBe(first);
        expect(daysBetween(start, date)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(start, date)).toBeLessThan(7);
      }),
    );
  });

  it('finds month and quarter bounds, leap years included', () => {
    expect(startOfMonth(d('2028-02-17'))).toBe('2028-02-01');
    expect(endOfMonth(d('2028-02-17'))).toBe('2028-02-29');
    expect(endOfMonth(d('2026-02-17'))).toBe('2026-02-28');
    expect(endOfMonth(d('2026-12-05'))).toBe('2026-12-31');
    expect(startOfQuarter(d('2026-11-23'))).toBe('2026-10-01');
    expect(endOfQuarter(d('2026-11-23'))).toBe('2026-12-31');
    expect(startOfQuarter(d('2026-03-31'))).toBe('2026-01-01');
    expect(endOfQuarter(d('2026-01-01'))).toBe('2026-03-31');
    expect(endOfQuarter(d('2026-05-31'))).toBe('2026-06-30');
    expect(monthKey(d('2026-11-23'))).toBe('2026-11');
    expect(localDate(2026, 2, 31)).toBe('2026-02-28');
  });

  it('numbers ISO weeks, with the year-end weeks belonging to the right year', () => {
    expect(isoWeek(d('2026-11-23'))).toEqual({ year: 2026, week: 48 });
    expect(isoWeek(d('2027-01-01'))).toEqual({ year: 2026, week: 53 });
    expect(isoWeek(d('2024-12-30'))).toEqual({ year: 2025, week: 1 });
    expect(isoWeek(d('2026-01-01'))).toEqual({ year: 2026, week: 1 });
  });

  it('reads typed dates, and refuses impossible ones', () => {
    expect(parseLocalDate('2026-11-23')).toBe('2026-11-23');
    expect(parseLocalDate(' 2026/1/5 ')).toBe('2026-01-05');
    expect(parseLocalDate('2026-11-23T23:30:00')).toBe('2026-11-23');
    expect(parseLocalDate('2026-11-23T23:30:00.000Z')).toBe('2026-11-23');
    expect(parseLocalDate('2028-02-29')).toBe('2028-02-29');
    expect(parseLocalDate('2026-02-29')).toBeNull();
    expect(parseLocalDate('23/11/2026')).toBeNull();
    expect(parseLocalDate('')).toBeNull();
    expect(parseLocalDate('tomorrow')).toBeNull();
  });

  it('takes the calendar date of a wall-clock moment', () => {
    expect(dateOf(dt('2026-11-23T23:59:59'))).toBe('2026-11-23');
  });
});

describe('the clock in a time zone', () => {
  it('jumps from 02:00 to 03:00 in Madrid on 29 March 2026', () => {
    expect(localDateTimeIn(utc('2026-03-29T00:30:00Z'), 'Europe/Madrid').time).toBe('01:30:00');
    const after = localDateTimeIn(utc('2026-03-29T01:30:00Z'), 'Europe/Madrid');
    expect(after).toEqual({
      date: '2026-03-29',
      time: '03:30:00',
      hour: 3,
      dateTime: '2026-03-29T03:30:00',
    });
  });

  it('repeats 02:00-03:00 in Madrid on 25 October 2026', () => {
    expect(localDateTimeIn(utc('2026-10-25T00:30:00Z'), 'Europe/Madrid').time).toBe('02:30:00');
    expect(localDateTimeIn(utc('2026-10-25T01:30:00Z'), 'Europe/Madrid').time).toBe('02:30:00');
  });

  it('jumps from 02:00 to 03:00 in New York on 8 March 2026', () => {
    expect(localDateTimeIn(utc('2026-03-08T06:30:00Z'), 'America/New_York').time).toBe('01:30:00');
    expect(localDateTimeIn(utc('2026-03-08T07:30:00Z'), 'America/New_York').time).toBe('03:30:00');
  });

  it('repeats 01:00-02:00 in New York on 1 November 2026 (EDT, then EST)', () => {
    expect(localDateTimeIn(utc('2026-11-01T05:30:00Z'), 'America/New_York').time).toBe('01:30:00');
    expect(localDateTimeIn(utc('2026-11-01T06:30:00Z'), 'America/New_York').time).toBe('01:30:00');
    expect(localDateTimeIn(utc('2026-11-01T07:30:00Z'), 'America/New_York').time).toBe('02:30:00');
  });

  it('gives a different day west and east of Greenwich at the same instant', () => {
    const instant = utc('2026-11-01T03:30:00Z');
    expect(todayIn(instant, 'America/New_York')).toBe('2026-10-31');
    expect(todayIn(instant, 'Europe/Madrid')).toBe('2026-11-01');
    expect(todayIn(instant, 'UTC')).toBe('2026-11-01');
  });

  it('shows midnight as hour 0, not 24', () => {
    const midnight = localDateTimeIn(utc('2026-12-31T23:00:00Z'), 'Europe/Madrid');
    expect(midnight).toMatchObject({ date: '2027-01-01', time: '00:00:00', hour: 0 });
  });

  it('reads 29 February in the zone', () => {
    expect(todayIn(utc('2028-02-29T23:30:00Z'), 'Europe/Madrid')).toBe('2028-03-01');
    expect(todayIn(utc('2028-02-29T23:30:00Z'), 'America/New_York')).toBe('2028-02-29');
  });

  it('throws for a zone that does not exist (a bug in the caller)', () => {
    expect(() => localDateTimeIn(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
