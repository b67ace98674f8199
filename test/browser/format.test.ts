// Dates and amounts for people: string arithmetic agrees with the calendar, in English and Spanish.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, formatAmount, formatDate, parseDate, starsText } from '../../src/ui/format';

const aDate = fc
  .date({
    min: new Date(Date.UTC(1900, 0, 1)),
    max: new Date(Date.UTC(2199, 11, 31)),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

describe('sidebar formatting', () => {
  it("writes yyyy-mm-dd the file locale's short way: 11/23/2026 in en_US, 23/11/2026 in es_ES", () => {
    expect(formatDate('2026-11-23', 'en_US')).toBe('11/23/2026');
    expect(formatDate('2026-11-23', 'es_ES')).toBe('23/11/2026');
    expect(formatDate('2027-01-05', 'en_US')).toBe('1/5/2027');
  });

  it("reads a date typed the locale's way or as yyyy-mm-dd, and refuses an impossible one", () => {
    expect(parseDate('11/23/2026', 'en_US')).toEqual({ ok: true, date: '2026-11-23' });
    expect(parseDate('23/11/2026', 'es_ES')).toEqual({ ok: true, date: '2026-11-23' });
    expect(parseDate('23.11.26', 'es_ES')).toEqual({ ok: true, date: '2026-11-23' });
    expect(parseDate('2026-11-23', 'es_ES')).toEqual({ ok: true, date: '2026-11-23' });
    expect(parseDate('  ', 'en_US')).toEqual({ ok: true, date: null });
    expect(parseDate('23/11/2026', 'en_US')).toEqual({ ok: false });
    expect(parseDate('2/30/2026', 'en_US')).toEqual({ ok: false });
  });

  it('shows anything that is not a date as it came, and nothing for no date', () => {
    expect(formatDate('soon', 'en_US')).toBe('soon');
    expect(formatDate(null, 'en_US')).toBe('');
  });

  it('counts days like the calendar does, across months, leap days and centuries', () => {
    fc.assert(
      fc.property(aDate, aDate, (from, to) => {
        const calendar =
          (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
        expect(daysBetween(from, to)).toBe(calendar);
      }),
    );
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-11-23', '2026-11-20')).toBe(-3);
    expect(daysBetween('soon', '2026-11-20')).toBeNull();
  });

  it('writes amounts in the sheet currency, whole amounts without cents', () => {
    expect(formatAmount(48_000, 'EUR', 'en')).toBe('€48,000');
    expect(formatAmount(48_000, 'EUR', 'es').replace(/\s/g, ' ')).toBe('48.000 €');
    expect(formatAmount(12.5, 'USD', 'en')).toBe('$12.50');
    expect(formatAmount(null, 'EUR', 'en')).toBe('');
  });

  it('still shows the number when the currency code is unknown to the browser', () => {
    expect(formatAmount(1200, 'EURO', 'en')).toBe('1,200 EURO');
  });

  it('draws stars as filled and empty out of three', () => {
    expect(starsText(0)).toBe('☆☆☆');
    expect(starsText(2)).toBe('★★☆');
    expect(starsText(3)).toBe('★★★');
  });
});
