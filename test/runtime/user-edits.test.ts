// A user's edit: parsed as typed, checked against validation and protections, and it fires onEdit.
import { describe, expect, it } from 'vitest';
import { editor, owner, runtimeFor } from './script-runtime';

const script = `
function sheet() { return SpreadsheetApp.getActive().getSheetByName('Sheet1'); }
function setUp(allowInvalid) {
  sheet().getRange('A2:A10').setDataValidation(SpreadsheetApp.newDataValidation()
    .requireValueInList(['Lead', 'Won'], true).setAllowInvalid(allowInvalid).setHelpText('Pick a stage').build());
}
function scriptWrite(a1, value) { sheet().getRange(a1).setValue(value); }
function onEdit(e) {
  PropertiesService.getDocumentProperties().setProperty('lastEdit', JSON.stringify({
    a1: e.range.getA1Notation(), value: e.value, oldValue: e.oldValue, authMode: String(e.authMode),
    user: e.user.getEmail(), hasValue: 'value' in e }));
}
function protectHeader(warningOnly) {
  var p = sheet().getRange('A1:C1').protect().setDescription('headers');
  p.removeEditors(p.getEditors());
  p.setWarningOnly(warningOnly);
}
`;

const lastEdit = (rt: Awaited<ReturnType<typeof runtimeFor>>) =>
  JSON.parse(rt.properties.document().get('lastEdit') ?? 'null');

describe('user edits', () => {
  it('fires the simple onEdit with the range, value and old value, as the editing user in LIMITED mode', async () => {
    const rt = await runtimeFor(script);
    rt.edit('Sheet1', 'B2', 'first');
    rt.setUser(editor);
    const outcome = rt.edit('Sheet1', 'B2', '42');
    expect(outcome.accepted).toBe(true);
    expect(outcome.executions[0]).toMatchObject({
      fn: 'onEdit',
      status: 'completed',
      user: editor,
    });
    expect(lastEdit(rt)).toEqual({
      a1: 'B2',
      value: '42',
      oldValue: 'first',
      authMode: 'LIMITED',
      user: editor,
      hasValue: true,
    });
    expect(rt.read('Sheet1', 'B2')).toEqual([[42]]);
  });

  it('gives no value or old value for a multi-cell paste', async () => {
    const rt = await runtimeFor(script);
    rt.edit('Sheet1', 'B2:C2', [['x', 'y']]);
    expect(lastEdit(rt)).toMatchObject({ a1: 'B2:C2', hasValue: false });
  });

  it('never fires onEdit for a script’s write', async () => {
    const rt = await runtimeFor(script);
    rt.run('scriptWrite', 'B2', 'by script');
    expect(rt.executions.map((e) => e.fn)).toEqual(['scriptWrite']);
    expect(lastEdit(rt)).toBeNull();
  });

  it('rejects typed input the rule refuses when invalid data is not allowed', async () => {
    const rt = await runtimeFor(script);
    rt.run('setUp', false);
    const outcome = rt.edit('Sheet1', 'A2', 'Maybe');
    expect(outcome).toMatchObject({ accepted: false, reason: 'invalid', message: 'Pick a stage' });
    expect(rt.read('Sheet1', 'A2')).toEqual([['']]);
    expect(rt.edit('Sheet1', 'A2', 'Won').accepted).toBe(true);
  });

  it('stores refused input with a warning mark when invalid data is allowed', async () => {
    const rt = await runtimeFor(script);
    rt.run('setUp', true);
    const outcome = rt.edit('Sheet1', 'A3', 'Maybe');
    expect(outcome).toMatchObject({ accepted: true, invalidCells: ['A3'] });
  });

  it('lets a script write a value the rule refuses (validation is checked on typing only)', async () => {
    const rt = await runtimeFor(script);
    rt.run('setUp', false);
    rt.run('scriptWrite', 'A2', 'Maybe');
    expect(rt.read('Sheet1', 'A2')).toEqual([['Maybe']]);
  });

  it('keeps other editors out of a protected range, but not its owner', async () => {
    const rt = await runtimeFor(script);
    rt.run('protectHeader', false);
    rt.setUser(editor);
    expect(rt.edit('Sheet1', 'B1', 'x')).toMatchObject({ accepted: false, reason: 'protected' });
    expect(() => rt.run('scriptWrite', 'B1', 'x')).toThrow(/protected cell/);
    rt.setUser(owner);
    expect(rt.edit('Sheet1', 'B1', 'x').accepted).toBe(true);
  });

  it('only warns about a warning-only protection', async () => {
    const rt = await runtimeFor(script);
    rt.run('protectHeader', true);
    rt.setUser(editor);
    expect(rt.edit('Sheet1', 'B1', 'x')).toMatchObject({ accepted: true, warnings: ['headers'] });
  });
});
