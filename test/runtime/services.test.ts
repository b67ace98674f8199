// Utilities, Cache, HtmlService, builders and the ledger behave as the add-on expects.
import { describe, expect, it } from 'vitest';
import { runtimeFor } from './script-runtime';

const script = `
function fmt(iso, tz, pattern) { return Utilities.formatDate(new Date(iso), tz, pattern); }
function digest(text) { return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text).slice(0, 4); }
function b64(text) { return Utilities.base64Encode(text); }
function sprintf() { return Utilities.formatString('%s has %d deals worth %.2f', 'Ana', 3.7, 1234.5); }
function cachePut(ttl) { CacheService.getScriptCache().put('k', 'v', ttl); }
function cacheGet() { return CacheService.getScriptCache().get('k'); }
function template() {
  var t = HtmlService.createTemplateFromFile('Page'); t.name = '<Ana>'; t.raw = '<i>ok</i>';
  return t.evaluate().setTitle('Greeting').getContent();
}
function missingFile() { HtmlService.createHtmlOutputFromFile('Nope'); }
function validationRule() {
  var rule = SpreadsheetApp.newDataValidation().requireValueInList(['Lead', 'Won'], false).setAllowInvalid(false).setHelpText('Pick').build();
  SpreadsheetApp.getActive().getSheets()[0].getRange('A1:A3').setDataValidation(rule);
  var back = SpreadsheetApp.getActive().getSheets()[0].getRange('A2').getDataValidation();
  return [String(back.getCriteriaType()), back.getCriteriaValues(), back.getAllowInvalid(), back.getHelpText()];
}
function readTwice() { var r = SpreadsheetApp.getActive().getSheets()[0].getRange('A1:B10'); r.getValues(); r.getValues(); r.setValues(r.getValues()); }
function ask() { return String(SpreadsheetApp.getUi().alert('Sure?', 'Really?', SpreadsheetApp.getUi().ButtonSet.YES_NO)); }
function logSomething() { Logger.log('deals: %s', 3); console.warn('careful', { id: 1 }); }
function chart() {
  var s = SpreadsheetApp.getActive().getSheets()[0];
  s.insertChart(s.newChart().setChartType(Charts.ChartType.PIE).addRange(s.getRange('A1:B5')).setPosition(2, 4, 0, 0).setOption('title', 'Stages').build());
  return s.getCharts()[0].getChartId();
}
`;

describe('services', () => {
  it('formats dates with SimpleDateFormat patterns in any time zone', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('fmt', '2026-03-01T23:30:00Z', 'Europe/Madrid', 'yyyy-MM-dd')).toBe('2026-03-02');
    expect(
      rt.run('fmt', '2026-03-01T23:30:00Z', 'America/New_York', "EEE, d MMM yyyy 'at' h:mm a XXX"),
    ).toBe('Sun, 1 Mar 2026 at 6:30 PM -05:00');
    expect(rt.run('fmt', '2026-07-04T12:05:09Z', 'UTC', 'EEEE MMMM dd HH:mm:ss.SSS Z')).toBe(
      'Saturday July 04 12:05:09.000 +0000',
    );
  });

  it('computes digests as signed bytes, base64 and formatted strings', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('digest', 'abc')).toEqual([-70, 120, 22, -65]);
    expect(rt.run('b64', 'héllo')).toBe(Buffer.from('héllo').toString('base64'));
    expect(rt.run('sprintf')).toBe('Ana has 3 deals worth 1234.50');
  });

  it('expires cache entries on the simulated clock, at most after 6 hours', async () => {
    const rt = await runtimeFor(script);
    rt.run('cachePut', 60);
    expect(rt.run('cacheGet')).toBe('v');
    rt.advanceBy(61_000);
    expect(rt.run('cacheGet')).toBeNull();
    rt.run('cachePut', 100_000);
    rt.advanceBy(21_601_000);
    expect(rt.run('cacheGet')).toBeNull();
  });

  it('evaluates templates from dist files, escaping <?= ?> and not <?!= ?>', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('template')).toBe('<p>Hello &lt;Ana&gt;, <i>ok</i></p>');
    expect(() => rt.run('missingFile')).toThrow('No HTML file named Nope was found.');
  });

  it('gives a data validation rule back with its criteria', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('validationRule')).toEqual([
      'VALUE_IN_LIST',
      [['Lead', 'Won'], false],
      false,
      'Pick',
    ]);
    expect(rt.snapshot().sheets[0]?.validations).toEqual([
      {
        range: 'A1:A3',
        type: 'list',
        values: ['Lead', 'Won'],
        showDropdown: false,
        allowInvalid: false,
        helpText: 'Pick',
      },
    ]);
  });

  it('records every call in the ledger, with cells and modeled cost', async () => {
    const rt = await runtimeFor(script);
    rt.run('readTwice');
    expect(rt.ledger.byMethod()).toEqual({
      'SpreadsheetApp.getActive': 1,
      'Spreadsheet.getSheets': 1,
      'Sheet.getRange': 1,
      'Range.getValues': 3,
      'Range.setValues': 1,
    });
    expect(rt.ledger.count({ method: 'getValues' })).toBe(3);
    expect(rt.ledger.entries.find((e) => e.method === 'setValues')).toMatchObject({
      cellsWritten: 20,
      fn: 'readTwice',
    });
    // T0 150 + 2 + 2 + 2 + 3 x (100 + 20 x 0.009) + (100 + 20 x 0.025)
    expect(rt.ledger.modeledMs('opt')).toBeCloseTo(150 + 6 + 3 * 100.18 + 100.5, 5);
    rt.ledger.reset();
    expect(rt.ledger.count()).toBe(0);
  });

  it('answers alerts with the button the test scripted', async () => {
    const rt = await runtimeFor(script);
    rt.ui.answer('NO');
    expect(rt.run('ask')).toBe('NO');
    expect(rt.ui.alerts[0]).toMatchObject({
      title: 'Sure?',
      prompt: 'Really?',
      buttons: 'YES_NO',
      answer: 'NO',
    });
    expect(() => rt.run('ask')).toThrow(/No answer scripted/);
  });

  it('keeps charts as recorded specs', async () => {
    const rt = await runtimeFor(script);
    expect(rt.run('chart')).toBe(1);
    expect(rt.snapshot().sheets[0]?.charts).toEqual([
      {
        chartId: 1,
        type: 'PIE',
        ranges: ['Sheet1!A1:B5'],
        position: { row: 2, column: 4, offsetX: 0, offsetY: 0 },
        options: { title: 'Stages' },
      },
    ]);
  });

  it('captures Logger and console output per execution', async () => {
    const rt = await runtimeFor(script);
    rt.run('logSomething');
    expect(rt.logs.map((l) => [l.level, l.message])).toEqual([
      ['log', 'deals: 3'],
      ['warn', 'careful {"id":1}'],
    ]);
  });
});
