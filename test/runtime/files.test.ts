// Several spreadsheets in one runtime, each with its own document properties and triggers; a user can lose access to one.
import { describe, expect, it } from 'vitest';
import { sheetOf } from '../support/tracker';
import { editor, owner, runtimeFor } from './script-runtime';

const script = `
function remember(value) { PropertiesService.getDocumentProperties().setProperty('v', value); }
function recall() { return PropertiesService.getDocumentProperties().getProperty('v'); }
function activeId() { return SpreadsheetApp.getActive().getId(); }
function install() {
  var id = SpreadsheetApp.getActive().getId();
  var t = ScriptApp.newTrigger('tick').timeBased().everyHours(1).create();
  PropertiesService.getUserProperties().setProperty(t.getUniqueId(), id);
}
function tick(e) {
  var id = PropertiesService.getUserProperties().getProperty(e.triggerUid);
  var file = SpreadsheetApp.openById(id);
  var sheet = file.getSheets()[0];
  sheet.getRange(1, 1).setValue((Number(sheet.getRange(1, 1).getValue()) || 0) + 1);
}
function openOther(id) { return SpreadsheetApp.openById(id).getName(); }
`;

const second = {
  id: 'second-file',
  name: 'Second',
  timeZone: 'America/New_York',
  locale: 'en_US',
  namedRanges: {},
  sheets: [sheetOf('Sheet1', [])],
};

describe('two files in one runtime', () => {
  it('keeps each file its own document properties, active spreadsheet and triggers', async () => {
    const rt = await runtimeFor(script);
    const first = rt.spreadsheet.id;
    rt.run('remember', 'first');
    rt.run('install');
    expect(rt.addFile(second)).toBe('second-file');
    rt.useFile('second-file');
    expect(rt.run('activeId')).toBe('second-file');
    expect(rt.run('recall')).toBeNull();
    rt.run('remember', 'second');
    rt.run('install');
    rt.useFile(first);
    expect(rt.run('recall')).toBe('first');
    expect(rt.triggers.map((t) => t.documentId)).toEqual([first, 'second-file']);
    rt.advanceBy(2 * 3_600_000 + 1);
    expect(rt.files.get(first)?.sheets[0]?.cell(1, 1)?.value).toBe(2);
    expect(rt.files.get('second-file')?.sheets[0]?.cell(1, 1)?.value).toBe(2);
    expect(() => rt.addFile(second)).toThrow(/already open/);
    expect(() => rt.useFile('nope')).toThrow(/No file/);
  });

  it('refuses to open a file for a user whose access was removed, as Google does', async () => {
    const rt = await runtimeFor(script);
    rt.addFile(second);
    rt.run('install');
    rt.removeAccess(owner);
    const [run] = rt.advanceBy(3_600_000 + 1);
    expect(run?.status).toBe('failed');
    expect(run?.error).toBe('You do not have permission to access the requested document.');
    expect(rt.run('openOther', 'second-file')).toBe('Second');
    rt.setUser(editor);
    expect(rt.run('openOther', rt.spreadsheet.id)).toBe('Untitled spreadsheet');
  });
});
