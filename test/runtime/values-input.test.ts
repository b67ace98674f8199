// What a cell stores when a user types text into it, in English (US) and Spanish (Spain) spreadsheets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  displayValue,
  isDateFormat,
  parseUserInput,
  serialFromWallTime,
} from '../../scripts/runtime/values';

const typedInUs = (text: string) => parseUserInput(text, 'en_US', 'America/New_York');
const typedInSpain = (text: string) => parseUserInput(text, 'es_ES', 'Europe/Madrid');
const dayOf = (year: number, month: number, day: number) =>
  serialFromWallTime({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });

describe('parseUserInput', () => {
  it('keeps text after a leading apostrophe and drops the apostrophe', () => {
    expect(typedInUs("'=SUM(A1)")).toEqual({ value: '=SUM(A1)' });
    expect(typedInUs("'0123")).toEqual({ value: '0123' });
  });

  it('stores = text as a formula whose value waits to be computed', () => {
    expect(typedInUs('=A1+1')).toEqual({ value: '', formula: '=A1+1' });
  });

  it('stores an empty string as an empty cell', () => {
    expect(typedInUs('')).toEqual({ value: '' });
  });

  it('reads numbers with the locale separators and allows spaces around them', () => {
    expect(typedInUs(' 42 ')).toEqual({ value: 42 });
    expect(typedInUs('-0.5')).toEqual({ value: -0.5 });
    expect(typedInUs('1,234.5')).toEqual({ value: 1234.5, numberFormat: '#,##0.00' });
    expect(typedInSpain('1,5')).toEqual({ value: 1.5 });
    expect(typedInSpain('1.234,5')).toEqual({ value: 1234.5, numberFormat: '#,##0.00' });
    expect(typedInSpain('1.234')).toEqual({ value: 1234, numberFormat: '#,##0' });
  });

  it('leaves badly grouped numbers as text', () => {
    expect(typedInUs('1,2')).toEqual({ value: '1,2' });
    expect(typedInSpain('1.5')).toEqual({ value: '1.5' });
  });

  it('stores percents as fractions with a percent format', () => {
    expect(typedInUs('50%')).toEqual({ value: 0.5, numberFormat: '0%' });
    expect(typedInSpain('12,5%')).toEqual({ value: 0.125, numberFormat: '0.00%' });
  });

  it('stores currency amounts as numbers with a currency format', () => {
    expect(typedInUs('$1,234.56')).toEqual({ value: 1234.56, numberFormat: '"$"#,##0.00' });
    expect(typedInSpain('1.234,56 €')).toEqual({
      value: 1234.56,
      numberFormat: '#,##0.00 [$€-1]',
    });
  });

  it('reads TRUE and FALSE in any case as booleans', () => {
    expect(typedInUs('true')).toEqual({ value: true });
    expect(typedInSpain('FaLsE')).toEqual({ value: false });
  });

  it('reads ISO dates in every locale and keeps an ISO format', () => {
    for (const typed of [typedInUs, typedInSpain]) {
      expect(typed('2026-03-01')).toEqual({ value: dayOf(2026, 3, 1), numberFormat: 'yyyy-mm-dd' });
    }
  });

  it('reads short dates day first in Spain and month first in the US', () => {
    expect(typedInSpain('3/1/2026')).toEqual({
      value: dayOf(2026, 1, 3),
      numberFormat: 'd/m/yyyy',
    });
    expect(typedInUs('3/1/2026')).toEqual({ value: dayOf(2026, 3, 1), numberFormat: 'm/d/yyyy' });
    expect(typedInUs('2/29/2028')).toEqual({ value: dayOf(2028, 2, 29), numberFormat: 'm/d/yyyy' });
  });

  it('leaves impossible dates as text', () => {
    expect(typedInSpain('29/2/2026')).toEqual({ value: '29/2/2026' });
    expect(typedInUs('2026-02-30')).toEqual({ value: '2026-02-30' });
  });

  it('stores times as fractions of a day with a time format', () => {
    expect(typedInSpain('08:00')).toEqual({ value: 8 / 24, numberFormat: 'h:mm:ss' });
    const withSeconds = typedInUs('8:30:15');
    expect(withSeconds.value).toBeCloseTo((8 * 3600 + 30 * 60 + 15) / 86_400, 12);
    expect(withSeconds.numberFormat).toBe('h:mm:ss am/pm');
  });

  it('stores date-times as serials with a date-time format', () => {
    const typed = typedInSpain('2026-03-01 08:00');
    expect(typed.value).toBeCloseTo(dayOf(2026, 3, 1) + 8 / 24, 9);
    expect(typed.numberFormat).toBe('yyyy-mm-dd h:mm:ss');
    expect(typedInSpain('1/3/2026 14:05').numberFormat).toBe('d/m/yyyy h:mm:ss');
  });

  it('stores anything else as the text typed', () => {
    expect(typedInUs('Acme Corp')).toEqual({ value: 'Acme Corp' });
    expect(typedInUs('  padded  ')).toEqual({ value: '  padded  ' });
  });

  it('gives back the same number when a shown automatic number is typed again', () => {
    for (const locale of ['en_US', 'es_ES']) {
      fc.assert(
        fc.property(
          fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }),
          (number) => {
            const shown = displayValue({ value: number }, locale);
            const typed = parseUserInput(shown, locale, 'Etc/UTC');
            expect(typeof typed.value).toBe('number');
            // Automatic display keeps 10 significant digits, like Sheets.
            const tolerance = Math.max(Math.abs(number) * 1e-9, 1e-10);
            expect(Math.abs((typed.value as number) - number)).toBeLessThanOrEqual(tolerance);
          },
        ),
      );
    }
  });

  it('gives back the same number when a grouped two-decimal number is typed again', () => {
    for (const locale of ['en_US', 'es_ES']) {
      fc.assert(
        fc.property(fc.integer({ min: -1e11, max: 1e11 }), (cents) => {
          const cell = { value: cents / 100, numberFormat: '#,##0.00' };
          const typed = parseUserInput(displayValue(cell, locale), locale, 'Etc/UTC');
          expect(typed.value).toBeCloseTo(cents / 100, 6);
        }),
      );
    }
  });
});

describe('isDateFormat', () => {
  it('sees dates, times and durations', () => {
    for (const format of ['yyyy-mm-dd', 'd/m/yyyy', 'mmm d', 'hh:mm', 'h:mm:ss am/pm', '[h]:mm']) {
      expect(isDateFormat(format)).toBe(true);
    }
  });

  it('ignores letters inside quotes, currencies and plain number formats', () => {
    for (const format of [undefined, '', 'General', '0.00', '#,##0.00 [$€-1]', '0 "days"', '@']) {
      expect(isDateFormat(format)).toBe(false);
    }
  });
});
