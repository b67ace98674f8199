// Columns inserted or deleted by hand fire no event: the next edit or save notices (the row's
// activity cell no longer names its deal, or the cached header is wider than the sheet), learns
// the header again and writes where the columns are now.
import { describe, expect, it } from 'vitest';
import { bigTracker } from '../support/big-tracker';
import { rpc } from '../support/rpc';
import type { Runtime } from '../support/tracker';

const nextAction = { nextAction: 'Call', nextActionDate: '2026-11-30', nextActionGoal: 'Price' };

/** The row of `id` as header -> value, read as the test's truth (no ledger entries). */
function rowOf(rt: Runtime, id: string): Record<string, unknown> {
  const [header = [], ...rows] = rt.read('Opportunities');
  const row = rows.find((values) => values[0] === id) ?? [];
  return Object.fromEntries(header.map((name, i) => [String(name), row[i]]));
}

async function openedDeal(id: string) {
  const rt = await bigTracker(5);
  rpc(rt, 'bootstrap', {});
  const view = rpc(rt, 'getDeal', { id });
  if (!view.ok) throw new Error(view.error.message);
  return { rt, version: view.data.version };
}

describe('columns inserted or deleted by hand', () => {
  it('an edit in a column inserted left of Stage changes nothing else in the row, and records nothing', async () => {
    const { rt } = await openedDeal('OPP-000002');
    rt.spreadsheet.sheetByName('Opportunities')?.insert('columns', 5, 1);
    const before = rt.read('Opportunities');
    const history = rt.read('History').length;
    rt.edit('Opportunities', 'E3', 'keep me');
    const after = rt.read('Opportunities');
    expect(after[2]?.[4]).toBe('keep me');
    after[2]?.splice(4, 1, '');
    expect(after).toEqual(before);
    expect(rt.read('History').length).toBe(history);
  });

  it('a save after a column was inserted writes under the right headers and keeps the new column', async () => {
    const { rt, version } = await openedDeal('OPP-000002');
    rt.spreadsheet.sheetByName('Opportunities')?.insert('columns', 5, 1);
    rt.edit('Opportunities', 'E3', 'keep me');
    const before = rowOf(rt, 'OPP-000002');
    const answer = rpc(rt, 'setNextAction', { id: 'OPP-000002', version, ...nextAction });
    expect(answer.ok).toBe(true);
    const after = rowOf(rt, 'OPP-000002');
    expect(after['']).toBe('keep me');
    expect(after['Next action']).toBe('Call');
    expect(after['Next action goal']).toBe('Price');
    for (const header of ['Stage', 'Amount', 'Created', 'In stage since', 'Expected close'])
      expect(after[header]).toEqual(before[header]);
    expect(String(after['Activity log'])).toContain('"i":"OPP-000002"');
  });

  it('a save after a column was deleted finds the deal and writes under the right headers', async () => {
    const { rt, version } = await openedDeal('OPP-000002');
    rt.spreadsheet.sheetByName('Opportunities')?.delete('columns', 9, 1);
    const before = rowOf(rt, 'OPP-000002');
    const answer = rpc(rt, 'setNextAction', { id: 'OPP-000002', version, ...nextAction });
    expect(answer.ok).toBe(true);
    const after = rowOf(rt, 'OPP-000002');
    expect(after['Next action']).toBe('Call');
    for (const header of ['Stage', 'Amount', 'Created', 'In stage since', 'Expected close'])
      expect(after[header]).toEqual(before[header]);
  });

  it('an edit after a column was deleted is recorded against the column as it is now', async () => {
    const { rt } = await openedDeal('OPP-000002');
    rt.spreadsheet.sheetByName('Opportunities')?.delete('columns', 9, 1);
    const history = rt.read('History').length;
    rt.edit('Opportunities', 'E3', 'Proposal');
    expect(rowOf(rt, 'OPP-000002').Stage).toBe('Proposal');
    expect(rt.read('History').length).toBe(history + 1);
    expect(String(rowOf(rt, 'OPP-000002')['Activity log'])).toContain('Proposal');
  });

  it('a deal typed by hand gets its own activity cell, so later reads need no header read', async () => {
    const { rt } = await openedDeal('OPP-000002');
    rt.edit('Opportunities', 'A8:C8', [['OPP-000900', 'Typed by hand', 'Beta']]);
    expect(String(rowOf(rt, 'OPP-000900')['Activity log'])).toContain('"i":"OPP-000900"');
    rt.ledger.reset();
    expect(rpc(rt, 'getDeal', { id: 'OPP-000900' }).ok).toBe(true);
    expect(rt.ledger.summary().byMethod['Range.getValues']).toBe(1);
  });
});
