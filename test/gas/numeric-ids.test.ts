// A deal whose ID is a number shown through a number format is still found: TextFinder matches what a cell shows.
import { describe, expect, it } from 'vitest';
import { bigTracker } from '../support/big-tracker';
import { rpc } from '../support/rpc';

describe('numeric IDs with a number format', () => {
  it('finds 1042 shown as "1,042" (the finder misses it; the ID column is read once instead)', async () => {
    const rt = await bigTracker(5);
    rpc(rt, 'bootstrap', {});
    rt.edit('Opportunities', 'A3', '1042');
    const sheet = rt.spreadsheet.sheetByName('Opportunities');
    const cell = sheet?.cell(3, 1);
    if (!cell) throw new Error('no ID cell');
    cell.numberFormat = '#,##0';
    rt.ledger.reset();
    const view = rpc(rt, 'getDeal', { id: '1042' });
    expect(view.ok && view.data.deal.name).toBe('Deal 2');
    const calls = rt.ledger.entries.map((e) => `${e.service}.${e.method}`);
    expect(calls).toContain('TextFinder.findAll');
    expect(calls).toContain('Sheet.getLastRow');
    // Saving works too, and touches that row.
    const version = view.ok ? view.data.version : '';
    const saved = rpc(rt, 'setNextAction', {
      id: '1042',
      version,
      nextAction: 'Call',
      nextActionDate: '2026-11-30',
      nextActionGoal: 'Price',
    });
    expect(saved.ok).toBe(true);
    expect(rt.read('Opportunities', 'A3')).toEqual([[1042]]);
  });

  it('a text ID is still found by the finder alone, without reading the column', async () => {
    const rt = await bigTracker(5);
    rpc(rt, 'bootstrap', {});
    rt.ledger.reset();
    expect(rpc(rt, 'getDeal', { id: 'OPP-000003' }).ok).toBe(true);
    expect(rt.ledger.entries.map((e) => `${e.service}.${e.method}`)).not.toContain(
      'Sheet.getLastRow',
    );
  });
});
