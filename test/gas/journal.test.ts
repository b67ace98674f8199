// History lines a save could not append are kept, said, and appended by the next execution of any kind.
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/domain/model';
import { journalPrefix } from '../../src/gas/properties';
import { historyRow } from '../../src/gas/tabs';
import { anEvent, dt } from '../domain/builders';
import { bigTracker, idOf } from '../support/big-tracker';
import { rpc } from '../support/rpc';
import { type Runtime, textGrid } from '../support/tracker';

const historyLength = (rt: Runtime) => rt.read('History').length;
const kept = (rt: Runtime) =>
  [...rt.properties.document().keys()].filter((key) => key.startsWith('journal.'));

/** A stage move whose History append Google refuses twice (the first try and its retry). */
async function savedWithoutHistory(): Promise<{ rt: Runtime; lines: number }> {
  const rt = await bigTracker(5, { owners: 1, historyPerDeal: 1 });
  const view = rpc(rt, 'getDeal', { id: idOf(0) });
  if (!view.ok) throw new Error('no deal');
  const lines = historyLength(rt);
  rt.failOn({ service: 'Sheet', method: 'appendRow', nth: 1 });
  rt.failOn({ service: 'Sheet', method: 'appendRow', nth: 1 });
  const answer = rpc(rt, 'moveStage', {
    id: idOf(0),
    version: view.data.version,
    to: 'Qualified',
  });
  expect(answer).toMatchObject({ ok: true, notice: expect.stringMatching(/^Saved\./) });
  expect(historyLength(rt)).toBe(lines);
  expect(kept(rt)).toHaveLength(1);
  return { rt, lines };
}

describe('History lines kept for later', () => {
  it('says the deal is saved and its History line will follow, and the next sidebar call appends it', async () => {
    const { rt, lines } = await savedWithoutHistory();
    rpc(rt, 'selection', {});
    expect(historyLength(rt)).toBe(lines + 1);
    expect(rt.read('History').at(-1)?.slice(2, 6)).toEqual([idOf(0), 'stage', 'New', 'Qualified']);
    expect(kept(rt)).toEqual([]);
  });

  it('is appended when someone opens the file', async () => {
    const { rt, lines } = await savedWithoutHistory();
    rt.open();
    expect(historyLength(rt)).toBe(lines + 1);
    expect(kept(rt)).toEqual([]);
  });

  it('is appended by an edit in the grid, before the edit is recorded', async () => {
    const { rt, lines } = await savedWithoutHistory();
    rt.edit('Opportunities', 'E3', 'Proposal');
    const history = rt.read('History');
    expect(history.length).toBe(lines + 2);
    expect(history.at(-2)?.[2]).toBe(idOf(0));
    expect(history.at(-1)?.slice(2, 6)).toEqual([idOf(1), 'stage', 'Qualified', 'Proposal']);
  });

  it('is appended once even when two executions find it (the lock decides)', async () => {
    const { rt, lines } = await savedWithoutHistory();
    rpc(rt, 'selection', {});
    rpc(rt, 'selection', {});
    rt.open();
    expect(historyLength(rt)).toBe(lines + 1);
  });
});

describe('recovering kept History lines', () => {
  /** An entry an earlier execution kept, as journal.ts keeps an action's lines (one key each). */
  function keptEarlier(rt: Runtime, key: string, events: HistoryEvent[]): void {
    const lines = events.map((event) => historyRow({ event, also: '' }));
    rt.properties.document().set(`${journalPrefix}${key}`, JSON.stringify(lines));
  }
  const event = (deal: number, field: HistoryEvent['field'], old: string, next: string) =>
    anEvent({ at: dt('2026-11-22T17:00:00'), dealId: idOf(deal), field, old, new: next });
  /** History's lines after the first `from`: deal, field, old and new value, as text. */
  const appended = (rt: Runtime, from: number) =>
    textGrid(rt, 'History')
      .slice(from)
      .map((row) => row.slice(2, 6));
  /** Google refuses the next `count` History appends (a busy minute). */
  const refuseAppends = (rt: Runtime, count: number) => {
    for (let i = 0; i < count; i += 1) rt.failOn({ service: 'Sheet', method: 'appendRow' });
  };

  it('appends every line of an entry, in order, and forgets the entry', async () => {
    const rt = await bigTracker(3, { owners: 1, historyPerDeal: 1 });
    const lines = historyLength(rt);
    keptEarlier(rt, 'a', [
      event(0, 'stage', 'New', 'Qualified'),
      event(0, 'closeDate', '2026-12-01', '2026-12-15'),
      event(1, 'stage', 'New', 'Lost'),
    ]);
    rpc(rt, 'selection', {});
    expect(appended(rt, lines)).toEqual([
      [idOf(0), 'stage', 'New', 'Qualified'],
      [idOf(0), 'closeDate', '2026-12-01', '2026-12-15'],
      [idOf(1), 'stage', 'New', 'Lost'],
    ]);
    expect(kept(rt)).toEqual([]);
  });

  it('appends saves kept while Google was busy, oldest first, in one execution', async () => {
    const rt = await bigTracker(5, { owners: 1, historyPerDeal: 1 });
    const lines = historyLength(rt);
    for (const [deal, to] of [
      [0, 'Qualified'],
      [1, 'Proposal'],
      [2, 'Negotiation'],
    ] as const) {
      // Once something is kept, each call first tries to append it (refused); a save then tries its
      // own line and retries it.
      const waiting = deal === 0 ? 0 : 1;
      refuseAppends(rt, waiting);
      const view = rpc(rt, 'getDeal', { id: idOf(deal) });
      if (!view.ok) throw new Error('no deal');
      refuseAppends(rt, waiting + 2);
      rpc(rt, 'moveStage', { id: idOf(deal), version: view.data.version, to });
    }
    expect(kept(rt)).toHaveLength(3);
    expect(historyLength(rt)).toBe(lines);
    rt.open();
    expect(appended(rt, lines).map(([id, , , to]) => [id, to])).toEqual([
      [idOf(0), 'Qualified'],
      [idOf(1), 'Proposal'],
      [idOf(2), 'Negotiation'],
    ]);
    expect(kept(rt)).toEqual([]);
  });

  it('appends the rest after a recovery that failed midway, and no line twice', async () => {
    const rt = await bigTracker(3, { owners: 1, historyPerDeal: 1 });
    const lines = historyLength(rt);
    keptEarlier(rt, 'a', [
      event(0, 'stage', 'New', 'Qualified'),
      event(1, 'stage', 'New', 'Proposal'),
      event(2, 'stage', 'New', 'Won'),
    ]);
    rt.failOn({ service: 'Sheet', method: 'appendRow', nth: 2 });
    rpc(rt, 'selection', {});
    expect(appended(rt, lines)).toHaveLength(1);
    rpc(rt, 'selection', {});
    expect(appended(rt, lines).map(([id]) => id)).toEqual([idOf(0), idOf(1), idOf(2)]);
    expect(kept(rt)).toEqual([]);
  });
});

describe('History of an edit in the grid', () => {
  it('is retried when Google refuses its append once, and kept for later when it refuses twice', async () => {
    const rt = await bigTracker(5);
    const lines = historyLength(rt);
    rt.failOn({ service: 'Sheet', method: 'appendRow', nth: 1 });
    rt.edit('Opportunities', 'E2', 'Proposal');
    expect(historyLength(rt)).toBe(lines + 1);
    rt.failOn({ service: 'Sheet', method: 'appendRow', nth: 1 });
    rt.failOn({ service: 'Sheet', method: 'appendRow', nth: 1 });
    rt.edit('Opportunities', 'E3', 'Proposal');
    expect(historyLength(rt)).toBe(lines + 1);
    expect(kept(rt)).toHaveLength(1);
    rt.open();
    expect(historyLength(rt)).toBe(lines + 2);
    expect(rt.read('History').at(-1)?.slice(2, 6)).toEqual([
      idOf(1),
      'stage',
      expect.any(String),
      'Proposal',
    ]);
  });
});
