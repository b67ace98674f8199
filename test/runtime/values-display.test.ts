// The text getDisplayValue shows for numbers, dates, booleans and errors, and A1 notation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnToLetters, lettersToColumn, rangeFromA1, rectToA1 } from '../../scripts/runtime/a1';
import type { CellSnapshot } from '../../scripts/runtime/snapshot';
import { displayValue, serialFromWallTime } from '../../scripts/runtime/values';

const aCell = (value: CellSnapshot['value'], numberFormat?: string): CellSnapshot =>
  numberFormat === undefined ? { value } : { value, numberFormat };
const shownInUs = (cell: CellSnapshot | null) => displayValue(cell, 'en_US');
const shownInSpain = (cell: CellSnapshot | null) => displayValue(cell, 'es_ES');
const at = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) =>
  serialFromWallTime({ year, month, day, hour, minute, second, millisecond: 0 });

describe('displayValue', () => {
  it('shows empty cells, text and errors as stored', () => {
    expect(shownInUs(null)).toBe('');
    expect(shownInUs(aCell(''))).toBe('');
    expect(shownInUs(aCell('Acme'))).toBe('Acme');
    expect(shownInUs(aCell('#N/A'))).toBe('#N/A');
  });

  it('shows booleans (and checkboxes) as TRUE and FALSE', () => {
    expect(shownInUs(aCell(true))).toBe('TRUE');
    expect(shownInSpain(aCell(false))).toBe('FALSE');
  });

  it('shows automatic numbers with up to 10 significant digits and the locale decimal mark', () => {
    expect(shownInUs(aCell(1 / 3))).toBe('0.3333333333');
    expect(shownInUs(aCell(Math.PI))).toBe('3.141592654');
    expect(shownInUs(aCell(0.1 + 0.2))).toBe('0.3');
    expect(shownInUs(aCell(1234567))).toBe('1234567');
    expect(shownInSpain(aCell(2.5))).toBe('2,5');
    expect(shownInUs(aCell(1e20))).toBe('1E+20');
  });

  it('applies digit, grouping and percent formats', () => {
    expect(shownInUs(aCell(1234.567, '0'))).toBe('1235');
    expect(shownInUs(aCell(1.005, '0.00'))).toBe('1.01');
    expect(shownInUs(aCell(1234567.891, '#,##0'))).toBe('1,234,568');
    expect(shownInSpain(aCell(1234567.891, '#,##0.00'))).toBe('1.234.567,89');
    expect(shownInUs(aCell(0.5, '0%'))).toBe('50%');
    expect(shownInSpain(aCell(0.125, '0.0%'))).toBe('12,5%');
    expect(shownInUs(aCell(-1234.5, '#,##0.00'))).toBe('-1,234.50');
    expect(shownInUs(aCell(-3, '#,##0;(#,##0)'))).toBe('(3)');
    expect(shownInUs(aCell(0, '#,##0;(#,##0);"-"'))).toBe('-');
    expect(shownInUs(aCell(1234567, '0.00E+00'))).toBe('1.23E+06');
  });

  it('applies currency formats with the symbol where the format puts it', () => {
    expect(shownInSpain(aCell(1234.5, '#,##0.00 [$€-1]'))).toBe('1.234,50 €');
    expect(shownInUs(aCell(1234.5, '"€"#,##0.00'))).toBe('€1,234.50');
    expect(shownInUs(aCell(-1234.5, '[$$]#,##0.00'))).toBe('-$1,234.50');
  });

  it('shows dates and times through their pattern', () => {
    const morning = at(2026, 3, 1, 8, 5, 9);
    expect(shownInUs(aCell(at(2028, 2, 29), 'yyyy-mm-dd'))).toBe('2028-02-29');
    expect(shownInSpain(aCell(at(2026, 1, 3), 'd/m/yyyy'))).toBe('3/1/2026');
    expect(shownInUs(aCell(at(2026, 1, 3), 'mm/dd/yy'))).toBe('01/03/26');
    expect(shownInUs(aCell(morning, 'yyyy-mm-dd hh:mm:ss'))).toBe('2026-03-01 08:05:09');
    expect(shownInUs(aCell(morning, 'h:mm am/pm'))).toBe('8:05 AM');
    expect(shownInUs(aCell(at(2026, 3, 1, 18), 'h:mm AM/PM'))).toBe('6:00 PM');
    expect(shownInUs(aCell(at(2026, 3, 1), 'mmm d, yyyy'))).toBe('Mar 1, 2026');
    expect(shownInSpain(aCell(at(2026, 3, 1), 'dddd, d "de" mmmm'))).toBe('domingo, 1 de marzo');
    expect(shownInUs(aCell(1.5, '[h]:mm'))).toBe('36:00');
  });

  it('reads mm after an hour as minutes and elsewhere as the month', () => {
    expect(shownInUs(aCell(at(2026, 7, 4, 9, 45), 'mm/dd hh:mm'))).toBe('07/04 09:45');
  });

  it('rounds a time to the second shown instead of cutting it', () => {
    expect(shownInUs(aCell(at(2026, 3, 1, 8) + 0.9999 / 86_400, 'hh:mm:ss'))).toBe('08:00:01');
  });

  it('shows a number in a text-formatted cell as an automatic number', () => {
    expect(shownInUs(aCell(12.5, '@'))).toBe('12.5');
  });
});

describe('A1 notation', () => {
  it('converts columns to letters and back', () => {
    expect(columnToLetters(1)).toBe('A');
    expect(columnToLetters(26)).toBe('Z');
    expect(columnToLetters(27)).toBe('AA');
    expect(columnToLetters(703)).toBe('AAA');
    expect(lettersToColumn('$ab')).toBe(28);
  });

  it('parses cells and ranges, absolute or not, in any corner order', () => {
    expect(rangeFromA1('B2')).toEqual({ row: 2, column: 2, numRows: 1, numColumns: 1 });
    expect(rangeFromA1('$B$2:D10')).toEqual({ row: 2, column: 2, numRows: 9, numColumns: 3 });
    expect(rangeFromA1('D10:B2')).toEqual({ row: 2, column: 2, numRows: 9, numColumns: 3 });
  });

  it('parses sheet names, quoted with doubled apostrophes', () => {
    expect(rangeFromA1("'Sheet 1'!A1")).toEqual({
      sheet: 'Sheet 1',
      row: 1,
      column: 1,
      numRows: 1,
      numColumns: 1,
    });
    expect(rangeFromA1("'Deals ''26'!B3").sheet).toBe("Deals '26");
    expect(rangeFromA1('Settings!A1:B2').sheet).toBe('Settings');
  });

  it('spans whole columns and rows with the size of the sheet', () => {
    expect(rangeFromA1('A:A', 1000, 26)).toEqual({
      row: 1,
      column: 1,
      numRows: 1000,
      numColumns: 1,
    });
    expect(rangeFromA1('2:2', 1000, 26)).toEqual({ row: 2, column: 1, numRows: 1, numColumns: 26 });
    expect(rangeFromA1('C2:E', 500, 26)).toEqual({
      row: 2,
      column: 3,
      numRows: 499,
      numColumns: 3,
    });
    expect(() => rangeFromA1('A:A')).toThrow(/size/);
  });

  it('refuses text that is not a range, like Apps Script', () => {
    for (const text of ['', 'A0', '1A', 'A1:B2:C3', 'hello world', 'A:A2']) {
      expect(() => rangeFromA1(text, 1000, 26)).toThrow('Range not found');
    }
  });

  it('writes ranges back in A1 notation', () => {
    expect(rectToA1({ row: 2, column: 3, numRows: 1, numColumns: 1 })).toBe('C2');
    expect(rectToA1({ row: 2, column: 3, numRows: 9, numColumns: 2 })).toBe('C2:D10');
  });

  it('round-trips any rectangle through rectToA1 and rangeFromA1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 18_278 - 50 }), // ZZZ is the last column Sheets has
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 50 }),
        (row, column, numRows, numColumns) => {
          expect(rangeFromA1(rectToA1({ row, column, numRows, numColumns }))).toEqual({
            row,
            column,
            numRows,
            numColumns,
          });
          expect(lettersToColumn(columnToLetters(column))).toBe(column);
        },
      ),
    );
  });
});
