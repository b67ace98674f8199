// Range reads and writes behave as in Google Sheets: typed-input parsing, Dates, formulas, shapes, bounds.
import { describe, expect, it } from 'vitest';
import { runtimeFor } from './script-runtime';

const script = `
function sheet() { return SpreadsheetApp.getActive().getSheetByName('Sheet1'); }
function write(a1, values) { sheet().getRange(a1).setValues(values); }
function writeOne(a1, value) { sheet().getRange(a1).setValue(value); }
function read(a1) { return sheet().getRange(a1).getValues(); }
function readOne(a1) { return sheet().getRange(a1).getValue(); }
function display(a1) { return sheet().getRange(a1).getDisplayValues(); }
function formulas(a1) { return sheet().getRange(a1).getFormulas(); }
function isDateObject(a1) { return sheet().getRange(a1).getValue() instanceof Date; }
function writeToday(a1) { sheet().getRange(a1).setValue(new Date(2026, 2, 2)); }
function cell(row, column, rows, columns) { return sheet().getRange(row, column, rows, columns).getA1Notation(); }
function sizes() { var s = sheet(); return [s.getMaxRows(), s.getMaxColumns(), s.getLastRow(), s.getLastColumn()]; }
function dataRange() { return sheet().getDataRange().getA1Notation(); }
function catchMessage(fn) { try { fn(); return 'no error'; } catch (e) { return String(e); } }
function wrongShapeMessage() { return catchMessage(function () { sheet().getRange('A1:B2').setValues([[1, 2]]); }); }
function wrongWidthMessage() { return catchMessage(function () { sheet().getRange('A1:B2').setValues([[1, 2], [3]]); }); }
function outsideMessage() { return catchMessage(function () { sheet().getRange(1001, 1); }); }
`;

describe('Range values', () => {
  it("gives '' for empty cells and numbers, booleans and text as stored", async () => {
    const rt = await runtimeFor(script);
    rt.run('write', 'A1:C1', [[2.5, true, 'deal']]);
    expect(rt.run('read', 'A1:D1')).toEqual([[2.5, true, 'deal', '']]);
  });

  it('parses strings written by a script as if a user typed them', async () => {
    const rt = await runtimeFor(script);
    rt.run('write', 'A1:D1', [['2', 'false', '=1+2', "'=1+2"]]);
    expect(rt.run('read', 'A1:D1')).toEqual([[2, false, 3, '=1+2']]);
    expect(rt.run('formulas', 'A1:D1')).toEqual([['', '', '=1+2', '']]);
  });

  it('computes formula cells when read, so they follow the cells they refer to', async () => {
    const rt = await runtimeFor(script);
    rt.run('write', 'A1:B1', [[2, '=A1*10']]);
    rt.run('writeOne', 'A1', 7);
    expect(rt.run('readOne', 'B1')).toBe(70);
  });

  it('stores a Date as a serial in the spreadsheet zone, gives the cell a date format, and reads it back as a Date', async () => {
    const rt = await runtimeFor(script, { timeZone: 'America/New_York' });
    rt.run('writeOne', 'A1', new Date('2026-03-02T05:00:00Z'));
    const cell = rt.spreadsheet.sheets[0]?.cell(1, 1);
    expect(cell?.value).toBe(46083);
    expect(cell?.numberFormat).toBeDefined();
    expect(rt.run('isDateObject', 'A1')).toBe(true);
    expect(rt.run('readOne', 'A1')).toEqual(new Date('2026-03-02T05:00:00Z'));
  });

  it('gives formatted text from getDisplayValues', async () => {
    const rt = await runtimeFor(script);
    rt.run('write', 'A1:B1', [[true, 'x']]);
    expect(rt.run('display', 'A1:C1')).toEqual([['TRUE', 'x', '']]);
  });

  it('throws Google’s message when the data has the wrong number of rows or columns', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('wrongShapeMessage')).toBe(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(rt.run('wrongWidthMessage')).toBe(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  it('refuses a range outside the sheet, which has 1000 rows and 26 columns', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('sizes')).toEqual([1000, 26, 0, 0]);
    expect(rt.run('outsideMessage')).toBe(
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(rt.run('cell', 1000, 26, 1, 1)).toBe('Z1000');
  });

  it('counts the last row and column with content, not the sheet size', async () => {
    const rt = await runtimeFor(script);
    rt.run('write', 'B3:C3', [['a', '']]);
    expect(rt.run('sizes')).toEqual([1000, 26, 3, 2]);
    expect(rt.run('dataRange')).toBe('A1:B3');
  });

  it('hands the script Dates and arrays of its own realm', async () => {
    const rt = await runtimeFor(`${script}
      function realm() { var v = sheet().getRange('A1:A2').getValues(); return [v instanceof Array, v[0] instanceof Array]; }`);
    expect(rt.run('realm')).toEqual([true, true]);
  });

  it('shows the script only what Apps Script has: no runtime internals', async () => {
    const rt = await runtimeFor(`${script}
      function peek() { var r = sheet().getRange('A1'); return [typeof r.getValues, typeof r.grid, typeof r.rect, typeof r.env, typeof sheet().live]; }`);
    expect(rt.run('peek')).toEqual([
      'function',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
  });
});
