// Inserting, deleting, sorting and appending move values, notes, validation, conditional formats and protections.
import { describe, expect, it } from 'vitest';
import { runtimeFor } from './script-runtime';

const script = `
function sheet() { return SpreadsheetApp.getActive().getSheetByName('Sheet1'); }
function setUp() {
  var s = sheet();
  s.getRange('A1:B3').setValues([['Deal', 'Stage'], ['Acme', 'Lead'], ['Beta', 'Won']]);
  s.getRange('A2').setNote('key account');
  s.getRange('B2:B3').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['Lead', 'Won']).build());
  s.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied('=$B2="Won"').setBackground('#00ff00').setRanges([s.getRange('A2:B3')]).build()]);
  s.getRange('A3:B3').protect().setDescription('closed deals');
}
function insertRowsAt(row, count) { sheet().insertRows(row, count); }
function deleteRowAt(row) { sheet().deleteRow(row); }
function insertColumnBefore(column) { sheet().insertColumnsBefore(column, 1); }
function append(values) { sheet().appendRow(values); }
function sortBy(column, ascending) { sheet().sort(column, ascending); }
function deleteAll() { try { sheet().deleteRows(1, 1000); return 'deleted'; } catch (e) { return e.message; } }
`;

async function ready() {
  const rt = await runtimeFor(script);
  rt.run('setUp');
  return rt;
}

describe('structure changes', () => {
  it('moves values, notes, validation, conditional formats and protections down when rows are inserted above', async () => {
    const rt = await ready();
    rt.run('insertRowsAt', 2, 2);
    const sheet = rt.snapshot().sheets[0];
    expect(rt.read('Sheet1', 'A4:B5')).toEqual([
      ['Acme', 'Lead'],
      ['Beta', 'Won'],
    ]);
    expect(sheet?.rows[3]?.[0]?.note).toBe('key account');
    expect(sheet?.validations.map((v) => v.range)).toEqual(['B4:B5']);
    expect(sheet?.conditionalFormats[0]).toMatchObject({
      ranges: ['A4:B5'],
      formula: '=$B4="Won"',
    });
    expect(sheet?.protections[0]).toMatchObject({ range: 'A5:B5', description: 'closed deals' });
    expect(rt.conditionalFormatAt('Sheet1', 'A5')).toEqual({ background: '#00ff00' });
    expect(rt.conditionalFormatAt('Sheet1', 'A4')).toBeNull();
  });

  it('grows ranges when rows are inserted inside them, and new rows get the validation', async () => {
    const rt = await ready();
    rt.run('insertRowsAt', 3, 1);
    const sheet = rt.snapshot().sheets[0];
    expect(sheet?.validations.map((v) => v.range)).toEqual(['B2:B4']);
    expect(sheet?.conditionalFormats[0]?.ranges).toEqual(['A2:B4']);
    expect(rt.spreadsheet.sheets[0]?.maxRows).toBe(1001);
  });

  it('shrinks and drops ranges when rows are deleted', async () => {
    const rt = await ready();
    rt.run('deleteRowAt', 3);
    const sheet = rt.snapshot().sheets[0];
    expect(sheet?.validations.map((v) => v.range)).toEqual(['B2']);
    expect(sheet?.protections).toEqual([]);
    expect(sheet?.conditionalFormats[0]?.ranges).toEqual(['A2:B2']);
  });

  it('moves columns right when a column is inserted before them', async () => {
    const rt = await ready();
    rt.run('insertColumnBefore', 1);
    const sheet = rt.snapshot().sheets[0];
    expect(rt.read('Sheet1', 'A1:C1')).toEqual([['', 'Deal', 'Stage']]);
    expect(sheet?.validations.map((v) => v.range)).toEqual(['C2:C3']);
    expect(sheet?.conditionalFormats[0]).toMatchObject({
      ranges: ['B2:C3'],
      formula: '=$C2="Won"',
    });
  });

  it('appends after the last row with content', async () => {
    const rt = await ready();
    rt.run('append', ['Gamma', 'Lead']);
    expect(rt.read('Sheet1', 'A4:B4')).toEqual([['Gamma', 'Lead']]);
  });

  it('sorts the rows below the frozen rows, blanks last', async () => {
    const rt = await runtimeFor(`${script}
      function fill() { var s = sheet(); s.getRange('A1:A4').setValues([['Name'], ['b'], ['C'], ['a']]); s.setFrozenRows(1); }`);
    rt.run('fill');
    rt.run('sortBy', 1, true);
    expect(rt.read('Sheet1', 'A1:A4').flat()).toEqual(['Name', 'a', 'b', 'C']);
    rt.run('sortBy', 1, false);
    expect(rt.read('Sheet1', 'A1:A4').flat()).toEqual(['Name', 'C', 'b', 'a']);
  });

  it('refuses to delete every row', async () => {
    const rt = await ready();
    expect(rt.run('deleteAll')).toBe('Sorry, it is not possible to delete all non-frozen rows.');
  });
});
