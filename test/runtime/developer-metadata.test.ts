// Developer metadata: kept in the file, so a time-driven run (no document properties) and any user see it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsx, writeXlsx } from '../../scripts/runtime/xlsx';
import { sheetOf, spreadsheetOf } from '../support/tracker';
import { editor, runtimeFor } from './script-runtime';

const script = `
function keep(value) {
  var file = SpreadsheetApp.getActiveSpreadsheet();
  var found = file.getDeveloperMetadata().filter(function (m) { return m.getKey() === 'layout'; });
  if (found.length) found[0].setValue(value);
  else file.addDeveloperMetadata('layout', value, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  return file.getDeveloperMetadata().length;
}
function later() { ScriptApp.newTrigger('read').timeBased().after(60000).create(); }
function read() {
  var file = SpreadsheetApp.openById('${'sheet-under-test'}');
  var seen = file.getDeveloperMetadata().map(function (m) {
    return [m.getKey(), m.getValue(), String(m.getVisibility())];
  });
  PropertiesService.getScriptProperties().setProperty('seen', JSON.stringify({
    seen: seen, docProps: PropertiesService.getDocumentProperties(),
    user: Session.getEffectiveUser().getEmail() }));
}
function dropAll() {
  SpreadsheetApp.getActiveSpreadsheet().getDeveloperMetadata().forEach(function (m) { m.remove(); });
  return SpreadsheetApp.getActiveSpreadsheet().getDeveloperMetadata().length;
}
function tooBig() { SpreadsheetApp.getActiveSpreadsheet().addDeveloperMetadata('big', new Array(30002).join('x')); }
`;

const file = spreadsheetOf([sheetOf('Deals', [['Owner']])]);

describe('developer metadata', () => {
  it('is written by one user and read by a time-driven run of another, without document properties', async () => {
    const rt = await runtimeFor(script, { spreadsheet: file });
    expect(rt.run('keep', '{"owner":"F"}')).toBe(1);
    expect(rt.run('keep', '{"owner":"G"}')).toBe(1);
    rt.setUser(editor);
    rt.run('later');
    rt.advanceBy(2 * 60_000);
    const seen = JSON.parse(rt.properties.script.get('seen') ?? '{}');
    expect(seen).toEqual({
      seen: [['layout', '{"owner":"G"}', 'PROJECT']],
      docProps: null,
      user: editor,
    });
    expect(rt.snapshot().developerMetadata).toEqual([
      { id: 1, key: 'layout', value: '{"owner":"G"}', visibility: 'PROJECT' },
    ]);
  });

  it('is priced as a server read and a write, and removed entries are gone', async () => {
    const rt = await runtimeFor(script, { spreadsheet: file });
    rt.ledger.reset();
    rt.run('keep', 'v');
    const cost = rt.ledger.summary();
    expect(cost.costlyByMethod).toMatchObject({
      'Spreadsheet.getDeveloperMetadata': 2,
      'Spreadsheet.addDeveloperMetadata': 1,
    });
    expect(rt.run('dropAll')).toBe(0);
    expect(rt.snapshot().developerMetadata).toBeUndefined();
  });

  it('refuses more than 30,000 characters in a spreadsheet', async () => {
    const rt = await runtimeFor(script, { spreadsheet: file });
    expect(() => rt.run('tooBig')).toThrow(/30000 characters/);
  });

  it('survives a save to .xlsx and a reopen', async () => {
    const rt = await runtimeFor(script, { spreadsheet: file });
    rt.run('keep', '{"owner":"F"}');
    const dir = await mkdtemp(path.join(tmpdir(), 'metadata-'));
    try {
      const saved = path.join(dir, 'pipeline.xlsx');
      await writeXlsx(rt.snapshot(), saved);
      const back = await readXlsx(saved, { timeZone: 'Europe/Madrid', locale: 'en_US' });
      expect(back.developerMetadata).toEqual(rt.snapshot().developerMetadata);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
