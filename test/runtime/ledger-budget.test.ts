// The ledger's budget summary: costly calls, cells read/written/searched, modeled time, flush pricing.
import { describe, expect, it } from 'vitest';
import { isCostly } from '../../scripts/runtime/ledger';
import { runtimeFor } from './script-runtime';

const script = `
function sheet() { return SpreadsheetApp.getActive().getSheetByName('Sheet1'); }
function cheapOnly() {
  var s = sheet();
  var r = s.getRange('A1');
  PropertiesService.getDocumentProperties();
  return [s.getName(), s.getSheetId(), r.getRow(), r.getColumn(), Session.getScriptTimeZone()];
}
function readAndWrite() {
  var s = sheet();
  s.getRange('A1:C10').getValues();          // 30 cells read
  s.getRange('B2').getValue();               // 1 cell read (the top-left cell only)
  s.getRange('A1:B2').setValues([[1, 2], [3, 4]]); // 4 written
  s.getRange('D1').setValue('x');            // 1 written: cheap in the cost model, but a write
  s.appendRow(['a', 'b', 'c']);              // 3 written
  PropertiesService.getDocumentProperties().getProperty('k'); // 32 ms: costly
}
function search() { sheet().getRange('A1:A500').createTextFinder('zzz').findNext(); }
function writeThenFlush(cells) {
  var s = sheet();
  var columns = Math.min(cells, 10);
  var grid = []; for (var r = 0; r < cells / columns; r++) grid.push(new Array(columns).fill(r));
  s.getRange(1, 1, grid.length, columns).setValues(grid);
  SpreadsheetApp.flush();
}
function writeReadFlush() {
  var s = sheet();
  s.getRange('A1:A100').setValues(Array.from({ length: 100 }, function (_, i) { return [i]; }));
  s.getRange('A1').getValue();
  SpreadsheetApp.flush();
}
`;

describe('ledger summary', () => {
  it('counts no costly call for cached getters and local calls', async () => {
    const rt = await runtimeFor(script);
    rt.run('cheapOnly');
    const summary = rt.ledger.summary();
    expect(summary.costlyCalls).toBe(0);
    expect(summary.byMethod['Range.getRow']).toBe(1);
    expect(rt.ledger.entries.every((e) => !isCostly(e))).toBe(true);
  });

  it('counts calls priced above 8 ms and every call that writes cells as costly', async () => {
    const rt = await runtimeFor(script);
    rt.run('readAndWrite');
    expect(rt.ledger.summary().costlyByMethod).toEqual({
      'Range.getValues': 1,
      'Range.getValue': 1,
      'Range.setValues': 1,
      'Range.setValue': 1,
      'Sheet.appendRow': 1,
      'Properties.getProperty': 1,
    });
    expect(rt.ledger.summary().costlyCalls).toBe(6);
  });

  it('counts cells read and written from the size of each range', async () => {
    const rt = await runtimeFor(script);
    rt.run('readAndWrite');
    expect(rt.ledger.summary()).toMatchObject({ cellsRead: 31, cellsWritten: 8, cellsSearched: 0 });
  });

  it('counts the cells a TextFinder searched apart from cells read', async () => {
    const rt = await runtimeFor(script);
    rt.run('search');
    expect(rt.ledger.summary()).toMatchObject({
      cellsRead: 0,
      cellsSearched: 500,
      costlyCalls: 1,
    });
  });

  it('selects executions by function, and modeled time is server time plus CPU time', async () => {
    const rt = await runtimeFor(script);
    rt.run('cheapOnly');
    rt.run('readAndWrite');
    const only = rt.ledger.summary({ fn: 'cheapOnly' });
    expect(only.cellsRead).toBe(0);
    const all = rt.ledger.summary();
    expect(all.serverMs.opt).toBeCloseTo(rt.ledger.modeledMs('opt'));
    expect(all.modeledMs.pess).toBeCloseTo(all.serverMs.pess + all.cpuMs);
  });
});

describe('flush price', () => {
  const flushCost = async (name: string, ...args: unknown[]) => {
    const rt = await runtimeFor(script);
    rt.run(name, ...args);
    return rt.ledger.filter({ method: 'flush' })[0]?.costMs;
  };

  it('costs 30 ms after a one-row write and 560 ms after a 4000-cell write (SO13)', async () => {
    expect((await flushCost('writeThenFlush', 1))?.pess).toBeCloseTo(30 + 530 / 4000);
    expect((await flushCost('writeThenFlush', 4000))?.pess).toBeCloseTo(560);
    expect((await flushCost('writeThenFlush', 2000))?.opt).toBeCloseTo(295);
  });

  it('costs only its base after a read forced the writes out', async () => {
    expect((await flushCost('writeReadFlush'))?.opt).toBeCloseTo(30);
  });
});
