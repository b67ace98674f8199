// Where the runtime was corrected to agree with Google (issue 21): each test names its reference.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGoogleApi } from '../../scripts/runtime/google-api-gen';
import { runtimeFor } from './script-runtime';

const script = `
function mailTo(count) {
  var to = []; for (var i = 0; i < count; i++) to.push('p' + i + '@example.com');
  MailApp.sendEmail({ to: to.join(','), subject: 'Hi', body: 'text' });
  return MailApp.getRemainingDailyQuota();
}
function quota() { return MailApp.getRemainingDailyQuota(); }
function missing() { return SpreadsheetApp.getActive().getSheets()[0].getRange('A1').mergeAcross(); }
function absent() { return typeof SpreadsheetApp.getActive().getSheets()[0].getRange('A1').noSuchMethod; }
function enums() { return [SpreadsheetApp.AutoFillSeries.ALTERNATE_SERIES, SpreadsheetApp.Dimension.ROWS, SpreadsheetApp.WrapStrategy.CLIP]; }
function pastGrid() {
  var range = SpreadsheetApp.getActive().getSheets()[0].getRange('AA1:AB2');
  var read = range.getValues();
  try { range.setValue('x'); return [read, 'written']; } catch (e) { return [read, e.message]; }
}
function colors() {
  var r = SpreadsheetApp.getActive().getSheets()[0].getRange('A1:C1');
  r.setBackgrounds([['LightCoral', '#ABC', '#FFEEDD']]);
  return r.getBackgrounds();
}
function printed() {
  var s = SpreadsheetApp.getActive().getSheets()[0];
  return [String(s.getRange('A1')), '' + SpreadsheetApp.newDataValidation(), String(s), String(Session.getActiveUser())];
}
`;

describe('the runtime agrees with Google', () => {
  it('counts the mail quota over the 24 hours from the first send, not from midnight (apps-script-rules.md; Apps Script quotas page)', async () => {
    // 10:00 in Los Angeles: the Pacific midnight comes 14 hours later.
    const rt = await runtimeFor(script, { mailQuota: 100, now: new Date('2026-03-02T18:00:00Z') });
    expect(rt.run('mailTo', 50)).toBe(50);
    rt.advanceBy(10 * 3_600_000);
    expect(rt.run('mailTo', 50)).toBe(0);
    // Past midnight Pacific (and UTC): still the same 24 hours.
    rt.advanceBy(8 * 3_600_000);
    expect(rt.run('quota')).toBe(0);
    expect(() => rt.run('mailTo', 1)).toThrow('Service invoked too many times for one day: email.');
    // 24 hours after the first send the whole quota is back, and a new window starts with the next send.
    rt.advanceBy(6 * 3_600_000);
    expect(rt.run('quota')).toBe(100);
    expect(rt.run('mailTo', 10)).toBe(90);
  });

  it('a method Google has and the runtime does not throws "not offered by this runtime", a name Google lacks is undefined', async () => {
    const rt = await runtimeFor(script);
    expect(() => rt.run('missing')).toThrow('not offered by this runtime: Range.mergeAcross');
    expect(rt.run('absent')).toBe('undefined');
  });

  it('offers the enums Google lists, AutoFillSeries among them (reference/spreadsheet/auto-fill-series)', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('enums')).toEqual(['ALTERNATE_SERIES', 'ROWS', 'CLIP']);
  });

  it('reads a range named past the grid as empty cells and refuses to write there (gas-fakes testsheets.js "RC1")', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('pastGrid')).toEqual([
      [
        ['', ''],
        ['', ''],
      ],
      'The coordinates of the range are outside the dimensions of the sheet.',
    ]);
  });

  it('keeps colors as Sheets does: names and short hex become lower-case #rrggbb (gas-fakes testsheetssets.js)', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('colors')).toEqual([['#f08080', '#aabbcc', '#ffeedd']]);
  });

  it('prints objects as their class, a user as the address', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('printed')).toEqual([
      'Range',
      'DataValidationBuilder',
      'Sheet',
      'owner@example.com',
    ]);
  });
});

describe('google-api.json', () => {
  it('lists what @types/google-apps-script says Google’s classes and enums have (regenerate with npx tsx scripts/runtime/google-api-gen.ts)', () => {
    const onDisk = JSON.parse(
      readFileSync(new URL('../../scripts/runtime/google-api.json', import.meta.url), 'utf8'),
    );
    expect(onDisk).toEqual(readGoogleApi());
  });
});
