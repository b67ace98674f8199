// The shapes Sheets converts that a name, a note or a next action can take: each must convert here too.
import { describe, expect, it } from 'vitest';
import { parseUserInput, serialFromWallTime } from '../../scripts/runtime/values';

// 2026-11-23 09:30 UTC: the year a date typed without one falls in.
const now = Date.UTC(2026, 10, 23, 9, 30);
const typedInUs = (text: string) => parseUserInput(text, 'en_US', 'America/New_York', now);
const typedInSpain = (text: string) => parseUserInput(text, 'es_ES', 'Europe/Madrid', now);
const dayOf = (year: number, month: number, day: number) =>
  serialFromWallTime({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });

describe('parseUserInput: shapes a company name or a note can take', () => {
  it('reads scientific notation as a number, in both notations of the decimal point', () => {
    expect(typedInUs('1e3')).toEqual({ value: 1000, numberFormat: '0.00E+00' });
    expect(typedInUs('2E6').value).toBe(2_000_000);
    expect(typedInSpain('1,5E3').value).toBe(1500);
    // An exponent needs its digits: "3E" is a name, not a number.
    expect(typedInUs('3E')).toEqual({ value: '3E' });
  });

  it('reads a fraction typed as 1/2 as a date in the current year, in the locale order', () => {
    expect(typedInUs('1/2')).toEqual({ value: dayOf(2026, 1, 2), numberFormat: 'm/d/yyyy' });
    expect(typedInSpain('1/2')).toEqual({ value: dayOf(2026, 2, 1), numberFormat: 'd/m/yyyy' });
    expect(typedInSpain('13-2').value).toBe(dayOf(2026, 2, 13));
    // No such month or day: text.
    expect(typedInUs('13/2')).toEqual({ value: '13/2' });
    expect(typedInSpain('2/31')).toEqual({ value: '2/31' });
  });

  it('reads dates with month names in English everywhere and in Spanish in a Spanish file', () => {
    for (const text of ['1 Mar 2026', '1-mar-26', 'March 1, 2026', 'Mar 1 2026', 'mar. 1, 2026']) {
      expect(typedInUs(text).value, text).toBe(dayOf(2026, 3, 1));
    }
    expect(typedInUs('Mar 1').value).toBe(dayOf(2026, 3, 1));
    expect(typedInUs('March 2026').value).toBe(dayOf(2026, 3, 1));
    expect(typedInSpain('1 ene 2026').value).toBe(dayOf(2026, 1, 1));
    expect(typedInSpain('marzo 2026').value).toBe(dayOf(2026, 3, 1));
    expect(typedInUs('1 ene 2026')).toEqual({ value: '1 ene 2026' });
    expect(typedInUs('May')).toEqual({ value: 'May' });
    expect(typedInUs('30 Feb 2026')).toEqual({ value: '30 Feb 2026' });
  });

  it('reads an hour with a meridiem as a time', () => {
    expect(typedInUs('10am').value).toBe(10 / 24);
    expect(typedInSpain('3 p.m.').value).toBe(15 / 24);
    expect(typedInUs('13pm')).toEqual({ value: '13pm' });
  });

  it('reads VERDADERO and FALSO as booleans in a Spanish file only', () => {
    expect(typedInSpain('VERDADERO')).toEqual({ value: true });
    expect(typedInSpain(' falso ')).toEqual({ value: false });
    expect(typedInSpain('TRUE')).toEqual({ value: true });
    expect(typedInUs('VERDADERO')).toEqual({ value: 'VERDADERO' });
  });

  it('reads a leading + or - that starts no number as a formula, so it shows an error', () => {
    expect(typedInUs('+34 600 123 456')).toEqual({ value: '', formula: '=+34 600 123 456' });
    expect(typedInSpain('- call back')).toEqual({ value: '', formula: '=- call back' });
    expect(typedInUs('-5')).toEqual({ value: -5 });
    expect(typedInUs('+5')).toEqual({ value: 5 });
    // A sign alone is text.
    expect(typedInUs('-')).toEqual({ value: '-' });
  });

  it('reads leading zeros, grouped numbers, percents and currency in the locale notation', () => {
    expect(typedInUs('007')).toEqual({ value: 7 });
    expect(typedInSpain('1.234,5').value).toBe(1234.5);
    expect(typedInUs('1.234,5')).toEqual({ value: '1.234,5' });
    expect(typedInSpain('12,5 %').value).toBe(0.125);
    expect(typedInSpain('1.000 €').value).toBe(1000);
  });
});

describe('a date typed without a year, through the runtime', () => {
  it("falls in the simulated clock's year, for typing, setValue, setValues and appendRow", async () => {
    const { runtimeFor } = await import('./script-runtime');
    const rt = await runtimeFor(
      `function write() {
        var sheet = SpreadsheetApp.getActiveSheet();
        sheet.getRange('B1').setValue('1/2');
        sheet.getRange('C1:C1').setValues([['1/2']]);
        sheet.appendRow(['1/2']);
      }`,
      { now: new Date(Date.UTC(2031, 5, 1, 12)) },
    );
    const sheet = rt.snapshot().sheets[0]?.name ?? 'Sheet1';
    rt.edit(sheet, 'A1', '1/2');
    rt.run('write');
    const years = [
      rt.read(sheet, 'A1'),
      rt.read(sheet, 'B1'),
      rt.read(sheet, 'C1'),
      rt.read(sheet, 'A2'),
    ].map((grid) => (grid[0]?.[0] as Date | undefined)?.getUTCFullYear());
    expect(years).toEqual([2031, 2031, 2031, 2031]);
  });
});
