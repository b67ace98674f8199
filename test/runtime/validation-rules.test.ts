// Each data validation criterion accepts and rejects typed input as Sheets does.
import { describe, expect, it } from 'vitest';
import { runtimeFor } from './script-runtime';

const script = `
function rule(kind) {
  var b = SpreadsheetApp.newDataValidation().setAllowInvalid(false);
  var s = SpreadsheetApp.getActive().getSheets()[0];
  if (kind === 'checkbox') b.requireCheckbox();
  if (kind === 'date') b.requireDate();
  if (kind === 'between') b.requireNumberBetween(0, 100);
  if (kind === 'atLeast') b.requireNumberGreaterThanOrEqualTo(0);
  if (kind === 'email') b.requireTextIsEmail();
  if (kind === 'formula') b.requireFormulaSatisfied('=LEN(B2)<=5');
  if (kind === 'range') { s.getRange('Z1:Z2').setValues([['Lead'], ['Won']]); b.requireValueInRange(s.getRange('Z1:Z2')); }
  s.getRange('B2:B5').setDataValidation(b.build());
}
`;

const cases: Array<[string, unknown, unknown]> = [
  ['checkbox', 'TRUE', 'yes'],
  ['date', '2026-03-02', 'soon'],
  ['between', '42', '142'],
  ['atLeast', '0', '-1'],
  ['email', 'ana@example.com', 'ana at example'],
  ['formula', 'short', 'much too long'],
  ['range', 'Won', 'Lost'],
];

describe('data validation criteria on typed input', () => {
  it.each(cases)('%s accepts %s and rejects %s', async (kind, good, bad) => {
    const rt = await runtimeFor(script);
    rt.run('rule', kind);
    expect(rt.edit('Sheet1', 'B4', good).accepted).toBe(true);
    expect(rt.edit('Sheet1', 'B4', bad)).toMatchObject({ accepted: false, reason: 'invalid' });
  });

  it('judges a custom formula relative to each cell of the range', async () => {
    const rt = await runtimeFor(script);
    rt.run('rule', 'formula');
    expect(rt.edit('Sheet1', 'B5', 'short').accepted).toBe(true);
    expect(rt.edit('Sheet1', 'B5', 'too long').accepted).toBe(false);
  });
});
