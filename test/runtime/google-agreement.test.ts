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
function named() {
  var ss = SpreadsheetApp.getActive(); var s = ss.getSheets()[0];
  ss.setNamedRange('deals', s.getRange('A1:B2'));
  var n = ss.getNamedRanges()[0];
  n.setName('deals2'); n.setRange(n.getRange().offset(0, 2));
  var out = [n.getName(), n.getRange().getA1Notation(), s.getNamedRanges().length];
  n.remove();
  return out.concat([ss.getNamedRanges().length]);
}
function nextData() {
  var s = SpreadsheetApp.getActive().getSheets()[0];
  s.getRange('B2').setValue('x'); s.getRange('B5').setValue('y'); s.getRange('D2:D4').setValues([[1], [2], [3]]);
  var D = SpreadsheetApp.Direction;
  return [s.getRange('B1').getNextDataCell(D.DOWN), s.getRange('B2').getNextDataCell(D.DOWN), s.getRange('D2').getNextDataCell(D.DOWN),
    s.getRange('B5').getNextDataCell(D.DOWN), s.getRange('D4').getNextDataCell(D.UP), s.getRange('A2').getNextDataCell(D.NEXT)].map(function (r) { return r.getA1Notation(); });
}
function chartInfo() {
  var s = SpreadsheetApp.getActive().getSheets()[0];
  var chart = s.newChart().addRange(s.getRange('A1:A5')).addRange(s.getRange('B:B')).setPosition(2, 3, 10, 20).build();
  s.insertChart(chart);
  var info = s.getCharts()[0].getContainerInfo();
  return [s.getCharts()[0].getRanges().map(function (r) { return r.getA1Notation(); }), String(info), info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()];
}
function holes() {
  var s = SpreadsheetApp.getActive().getSheets()[0];
  var p = s.protect().setUnprotectedRanges([s.getRange('A1:B1')]);
  return [p.getUnprotectedRanges()[0].getA1Notation(), p.getEditors().length];
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

describe('more of Google’s classes, as its reference describes them', () => {
  it('named ranges: listed, renamed, moved, removed (reference/spreadsheet/named-range)', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('named')).toEqual(['deals2', 'C1:D2', 1, 0]);
  });

  it('getNextDataCell goes as Ctrl+arrow does (reference/spreadsheet/range#getNextDataCell(Direction))', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('nextData')).toEqual(['B2', 'B5', 'D4', 'B1000', 'D2', 'B2']);
  });

  it('a chart gives back its ranges and where it sits (reference/spreadsheet/container-info)', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('chartInfo')).toEqual([['A1:A5', 'B:B'], 'ContainerInfo', 2, 3, 10, 20]);
  });

  it('a sheet protection keeps its unprotected ranges; the owner is not listed among editors', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('holes')).toEqual(['A1:B1', 0]);
    rt.setUser('ed@example.com');
    expect(rt.edit('Sheet1', 'B1', 'free').accepted).toBe(true);
    expect(rt.edit('Sheet1', 'B2', 'locked').reason).toBe('protected');
    expect(rt.edit('Sheet1', 'B1:B2', [['a'], ['b']]).reason).toBe('protected');
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
