// Optional columns (scoring checklist, contact details) are added the first time a save needs them.
import { describe, expect, it } from 'vitest';
import { adopt } from '../support/adopt';
import { rpc } from '../support/rpc';
import { column, runtimeWith, seller, sheetOf, tab, textGrid } from '../support/tracker';

/** A team's own five-column tracker, adopted with only the columns the daily work needs. */
async function adoptedTracker() {
  const rt = await runtimeWith([
    sheetOf('Deals', [
      ['Deal', 'Customer', 'Owner', 'Stage', 'Value'],
      ['Fleet renewal', 'Acme', seller, 'New', 12_000],
      ['Vans', 'Beta', seller, 'Qualified', 8_000],
    ]),
  ]);
  adopt(rt);
  return rt;
}

function versionOf(rt: Awaited<ReturnType<typeof adoptedTracker>>, id: string): string {
  const view = rpc(rt, 'getDeal', { id });
  if (!view.ok) throw new Error(view.error.message);
  return view.data.version;
}

describe('optional columns', () => {
  it('adds the scoring checklist the first time a seller ticks it, and saves the ticks', async () => {
    const rt = await adoptedTracker();
    const header = textGrid(rt, 'Deals')[0] ?? [];
    expect(header).not.toContain('Budget confirmed');
    const saved = rpc(rt, 'setChecklist', {
      id: 'OPP-000001',
      version: versionOf(rt, 'OPP-000001'),
      checklist: { budget: true, authority: true, timeline: false, pain: false, fit: false },
      decisionMakerMet: true,
    });
    expect(saved).toMatchObject({ ok: true, data: { score: { score: 55, stars: 2 } } });
    expect(column(rt, 'Deals', 'Budget confirmed')[0]).toBe('TRUE');
    expect(column(rt, 'Deals', 'Budget confirmed')[1]).not.toBe('TRUE');
    expect(column(rt, 'Deals', 'DM met')[0]).toBe('TRUE');
    expect(column(rt, 'Deals', 'Score')[0]).toBe('55');
    // The team's own columns are where they were, untouched.
    expect((textGrid(rt, 'Deals')[0] ?? []).slice(0, 5)).toEqual([
      'Deal',
      'Customer',
      'Owner',
      'Stage',
      'Value',
    ]);
    const deals = tab(rt, 'Deals');
    const budget = (textGrid(rt, 'Deals')[0] ?? []).indexOf('Budget confirmed');
    expect(
      deals.validations.some(
        (v) => v.type === 'checkbox' && v.range.startsWith(`${String.fromCharCode(65 + budget)}2:`),
      ),
    ).toBe(true);
  });

  it('adds the contact columns the first time a call is logged, so its summary is kept', async () => {
    const rt = await adoptedTracker();
    const logged = rpc(rt, 'logInteraction', {
      id: 'OPP-000002',
      version: versionOf(rt, 'OPP-000002'),
      type: 'call',
      date: '2026-11-23',
      summary: 'Wants a second quote',
    });
    expect(logged.ok).toBe(true);
    expect(column(rt, 'Deals', 'Last contact summary')[1]).toBe('Wants a second quote');
    expect(column(rt, 'Deals', 'Contact type')[1]).toBe('call');
  });

  it('adds a group once: the next save writes into the columns already there', async () => {
    const rt = await adoptedTracker();
    const tick = (id: string, budget: boolean) =>
      rpc(rt, 'setChecklist', {
        id,
        version: versionOf(rt, id),
        checklist: { budget, authority: false, timeline: false, pain: false, fit: false },
        decisionMakerMet: false,
      });
    tick('OPP-000001', true);
    const width = (textGrid(rt, 'Deals')[0] ?? []).length;
    rt.ledger.reset();
    tick('OPP-000002', true);
    expect((textGrid(rt, 'Deals')[0] ?? []).length).toBe(width);
    expect(rt.ledger.summary().byMethod['Sheet.insertColumnsAfter'] ?? 0).toBe(0);
  });
});
