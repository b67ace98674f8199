// History lines a save could not append are kept, said, and appended by the next execution of any kind.
import { describe, expect, it } from 'vitest';
import { bigTracker, idOf } from '../support/big-tracker';
import type { Runtime } from '../support/tracker';

type Envelope =
  | { ok: true; data: Record<string, unknown>; notice?: string }
  | { ok: false; error: { code: string; message: string } };

function rpc(rt: Runtime, method: string, payload: unknown): Envelope {
  return rt.run('rpc', method, payload) as Envelope;
}

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
