// Add-on, bound and standalone projects each follow their own documented rules.
import { describe, expect, it } from 'vitest';
import { runtimeFor } from './script-runtime';

const script = `
function everyFive() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create(); }
function everyThree() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(3).create(); }
function hourly() { ScriptApp.newTrigger('tick').timeBased().everyHours(1).create(); }
function tick() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var seen = PropertiesService.getScriptProperties();
  seen.setProperty('ticks', String(Number(seen.getProperty('ticks') || 0) + 1));
  seen.setProperty('active', ss ? ss.getName() : 'none');
  seen.setProperty('docLock', String(LockService.getDocumentLock() !== null));
}
// In AuthMode.NONE a simple trigger may only build menus: the menu's caption tells the mode.
function onOpen(e) { SpreadsheetApp.getUi().createMenu('mode ' + e.authMode).addItem('Tick', 'tick').addToUi(); }
function onEdit() { PropertiesService.getDocumentProperties().setProperty('edited', 'yes'); }
function twoEditTriggers() {
  var id = SpreadsheetApp.getActive().getId();
  ScriptApp.newTrigger('onEditA').forSpreadsheet(id).onEdit().create();
  ScriptApp.newTrigger('onEditB').forSpreadsheet(id).onEdit().create();
}
function onEditA() {}
function onEditB() {}
function whereAmI() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var ui; try { SpreadsheetApp.getUi(); ui = 'available'; } catch (e) { ui = e.message; }
  return [ss ? ss.getName() : null, ui, PropertiesService.getDocumentProperties() !== null];
}
function openIt(id) { return SpreadsheetApp.openById(id).getName(); }
function watchOpen(id) { ScriptApp.newTrigger('opened').forSpreadsheet(id).onOpen().create(); }
function opened(e) { PropertiesService.getScriptProperties().setProperty('opened', e.source.getName()); }
`;

const fiveMinutes = 5 * 60_000;

describe('an editor add-on (the default kind)', () => {
  it('may not run time-driven triggers more often than hourly', async () => {
    const rt = await runtimeFor(script);
    expect(() => rt.run('everyFive')).toThrow(
      'Add-ons cannot create time-based triggers that run more frequently than once per hour.',
    );
  });

  it('has no active spreadsheet and no document lock in a time-driven run', async () => {
    const rt = await runtimeFor(script);
    rt.run('hourly');
    rt.advanceBy(3_600_000);
    expect(rt.properties.script.get('active')).toBe('none');
    expect(rt.properties.script.get('docLock')).toBe('false');
  });

  it('opens in AuthMode.NONE until used in the file, and allows one trigger of a type per document', async () => {
    const rt = await runtimeFor(script, { addOnEnabled: false });
    rt.open();
    expect(rt.ui.menus.map((m) => m.caption)).toEqual(['mode NONE']);
    expect(() => rt.run('twoEditTriggers')).toThrow(/only one trigger of type ON_EDIT/);
  });
});

describe('a script bound to the spreadsheet', () => {
  it('runs a trigger every 5 minutes, with its spreadsheet active and its document lock', async () => {
    const rt = await runtimeFor(script, { kind: 'bound' });
    rt.run('everyFive');
    rt.advanceBy(3 * fiveMinutes);
    expect(rt.properties.script.get('ticks')).toBe('3');
    expect(rt.properties.script.get('active')).toBe('Untitled spreadsheet');
    expect(rt.properties.script.get('docLock')).toBe('true');
  });

  it('accepts only the documented minute intervals (1, 5, 10, 15, 30)', async () => {
    const rt = await runtimeFor(script, { kind: 'bound' });
    expect(() => rt.run('everyThree')).toThrow('Invalid argument: minutes');
  });

  it('opens in AuthMode.LIMITED, and may install several triggers of one type', async () => {
    const rt = await runtimeFor(script, { kind: 'bound', addOnEnabled: false });
    rt.open();
    expect(rt.ui.menus.map((m) => m.caption)).toEqual(['mode LIMITED']);
    rt.run('twoEditTriggers');
    expect(rt.triggers.map((t) => t.handler)).toEqual(['onEditA', 'onEditB']);
  });
});

describe('a standalone script', () => {
  it('has no active spreadsheet, no Ui and no document properties', async () => {
    const rt = await runtimeFor(script, { kind: 'standalone' });
    expect(rt.run('whereAmI')).toEqual([
      null,
      'Cannot call SpreadsheetApp.getUi() from this context.',
      false,
    ]);
    expect(rt.run('openIt', rt.spreadsheet.id)).toBe('Untitled spreadsheet');
  });

  it('gets no simple triggers, but its installable triggers on a spreadsheet fire', async () => {
    const rt = await runtimeFor(script, { kind: 'standalone' });
    rt.open();
    rt.edit('Sheet1', 'A1', 'x');
    expect(rt.ui.menus).toEqual([]);
    expect(rt.properties.document().get('edited')).toBeUndefined();
    rt.run('watchOpen', rt.spreadsheet.id);
    rt.open();
    expect(rt.properties.script.get('opened')).toBe('Untitled spreadsheet');
  });
});
