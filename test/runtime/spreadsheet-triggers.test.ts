// Installable spreadsheet triggers, selection, and files: what runs as whom, and what the script sees.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../scripts/runtime/index';
import { editor, owner, runtimeFor } from './script-runtime';

const script = `
function install() {
  ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create();
}
function onEditInstalled(e) {
  PropertiesService.getDocumentProperties().setProperty('installed', JSON.stringify({
    runsAs: Session.getEffectiveUser().getEmail(), editedBy: e.user.getEmail(),
    authMode: String(e.authMode), hasUid: !!e.triggerUid, a1: e.range.getA1Notation() }));
}
function selection() {
  var ss = SpreadsheetApp.getActive();
  return [ss.getActiveSheet().getName(), ss.getActiveRange().getA1Notation(), ss.getSelection().getCurrentCell().getA1Notation()];
}
function fillStore(kb) {
  var props = PropertiesService.getUserProperties();
  for (var i = 0; i < kb / 8; i++) props.setProperty('k' + i, new Array(8 * 1024 - 10).join('x'));
}
function sheets() {
  var ss = SpreadsheetApp.getActive();
  var settings = ss.insertSheet('Settings', 0);
  var dup; try { ss.insertSheet('Settings'); } catch (e) { dup = e.message; }
  ss.setNamedRange('Stages', settings.getRange('A1:A5'));
  var named = ss.getRangeByName('Stages').getA1Notation();
  ss.deleteSheet(ss.getSheetByName('Sheet1'));
  return [ss.getSheets().map(function (s) { return s.getName(); }), settings.getIndex(), dup, named,
    ss.getSheetByName('Sheet1'), settings.getMaxRows(), settings.getMaxColumns()];
}
function otherFile() { var f = SpreadsheetApp.create('Report'); f.getSheets()[0].getRange('A1').setValue('hello'); return SpreadsheetApp.openById(f.getId()).getSheets()[0].getRange('A1').getValue(); }
`;

describe('spreadsheet triggers and selection', () => {
  it('runs an installable onEdit as the trigger’s owner in FULL mode, whoever edits', async () => {
    const rt = await runtimeFor(script);
    rt.run('install');
    rt.setUser(editor);
    const { executions } = rt.edit('Sheet1', 'C3', 'x');
    expect(executions.map((e) => [e.fn, e.user, e.authMode])).toEqual([
      ['onEdit', editor, 'LIMITED'],
      ['onEditInstalled', owner, 'FULL'],
    ]);
    expect(JSON.parse(rt.properties.document().get('installed') ?? '{}')).toEqual({
      runsAs: owner,
      editedBy: editor,
      authMode: 'FULL',
      hasUid: true,
      a1: 'C3',
    });
  });

  it('gives each user their own active range', async () => {
    const rt = await runtimeFor(script);
    rt.select('Sheet1', 'B2:C4');
    expect(rt.run('selection')).toEqual(['Sheet1', 'B2:C4', 'B2']);
    rt.setUser(editor);
    expect(rt.run('selection')).toEqual(['Sheet1', 'A1', 'A1']);
  });

  it('refuses to fill a property store past 500 KB', async () => {
    const rt = await runtimeFor(script);
    expect(() => rt.run('fillStore', 496)).not.toThrow();
    expect(() => rt.run('fillStore', 512)).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
  });

  it('creates and opens other files', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('otherFile')).toBe('hello');
    expect(rt.files.size).toBe(2);
  });

  it('saves the spreadsheet to .xlsx and opens it again', async () => {
    const rt = await runtimeFor(script, { timeZone: 'Europe/Madrid' });
    rt.edit('Sheet1', 'A1:C1', [['Deal', '2026-03-02', '1500']]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'xlsx-')), 'saved.xlsx');
    await rt.saveXlsx(file);
    const again = await createRuntime({ spreadsheet: { xlsx: file }, timeZone: 'Europe/Madrid' });
    expect(again.read('Sheet1', 'A1:C1')).toEqual(rt.read('Sheet1', 'A1:C1'));
  });

  it('inserts, names and deletes sheets', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('sheets')).toEqual([
      ['Settings'],
      1,
      'A sheet with the name "Settings" already exists. Please enter another name.',
      'A1:A5',
      null,
      1000,
      26,
    ]);
  });
});
