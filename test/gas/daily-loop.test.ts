// The daily loop on the server, in the runtime: Mark done in one save, Won/Lost undone through the guarded save,
// My day once per deal, unusual amounts asked about, problems in words, a past close date typed in the grid.

import { describe, expect, it } from 'vitest';
import { fields } from '../../src/domain/fields';
import { adopt } from '../support/adopt';
import { rpc } from '../support/rpc';
import {
  type CellInput,
  dateCell,
  type Runtime,
  runtimeWith,
  seller,
  sheetOf,
  textGrid,
} from '../support/tracker';

const headers = fields.map((f) => f.header.en);
const at = (header: string) => headers.indexOf(header);

/** A row as a user typed it: only the named cells filled. */
function row(cells: Record<string, CellInput>): CellInput[] {
  const line: CellInput[] = Array(headers.length).fill('');
  for (const [header, value] of Object.entries(cells)) {
    if (at(header) < 0) throw new Error(`No column ${header}`);
    line[at(header)] = value;
  }
  return line;
}

/** Today is 2026-11-23 (Madrid). Five open deals of 40,000-60,000: the usual amount is 50,000. */
async function tracker(): Promise<Runtime> {
  const rt = await runtimeWith([
    sheetOf('Opportunities', [
      headers,
      row({
        ID: 'OPP-000001',
        Opportunity: 'Fleet renewal',
        Customer: 'Acme',
        Owner: seller,
        Stage: 'Negotiation',
        Amount: 48_000,
        'Expected close': dateCell('2026-12-15'),
        'In stage since': dateCell('2026-10-01'),
        'Next action': 'Meeting with the CFO',
        'Next action date': dateCell('2026-11-07'),
        'Next action goal': 'Budget range',
      }),
      row({
        ID: 'OPP-000002',
        Opportunity: 'Sensors',
        Customer: 'Norte',
        Owner: seller,
        Stage: 'Proposal',
        Amount: 40_000,
        'Expected close': dateCell('2026-11-10'),
        'Next action': 'Send the quote',
        'Next action date': dateCell('2026-11-23'),
      }),
      row({
        ID: 'OPP-000003',
        Opportunity: 'Pilot',
        Customer: 'Luna',
        Owner: seller,
        Stage: 'New',
        Amount: 50_000,
        'Expected close': dateCell('2026-10-30'),
      }),
      row({
        ID: 'OPP-000004',
        Opportunity: 'D4',
        Customer: 'C4',
        Owner: 'bob',
        Stage: 'New',
        Amount: 55_000,
        'Expected close': 'next spring',
      }),
      row({
        ID: 'OPP-000005',
        Opportunity: 'D5',
        Customer: 'C5',
        Owner: seller,
        Stage: 'Qualified',
        Amount: 60_000,
      }),
    ]),
  ]);
  adopt(rt);
  return rt;
}

function view(rt: Runtime, id: string) {
  const result = rpc(rt, 'getDeal', { id });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

function history(rt: Runtime): string[][] {
  return textGrid(rt, 'History').slice(1);
}

describe('Mark done + save next, on the server', () => {
  it('logs the action on file with the type given and saves the next one in one save and one History line', async () => {
    const rt = await tracker();
    const before = history(rt).length;
    const saved = rpc(rt, 'markDone', {
      id: 'OPP-000001',
      version: view(rt, 'OPP-000001').version,
      type: 'meeting',
      nextAction: 'Send the proposal',
      nextActionDate: '2026-11-25',
      nextActionGoal: 'Budget range',
    });
    expect(saved).toMatchObject({
      ok: true,
      data: {
        deal: {
          nextAction: 'Send the proposal',
          nextActionDate: '2026-11-25',
          nextActionGoal: '',
          lastContact: '2026-11-23',
          lastContactSummary: 'Meeting with the CFO',
          contactType: 'meeting',
        },
        followUp: { nextAction: 'upcoming' },
      },
    });
    const lines = history(rt).slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.slice(2, 6)).toEqual([
      'OPP-000001',
      'interaction',
      '',
      'meeting: Meeting with the CFO',
    ]);
    expect(lines[0]?.[6]).toBe(
      'nextAction: Meeting with the CFO → Send the proposal; nextActionDate: 2026-11-07 → 2026-11-25',
    );
  });

  it('refuses to save the same action again and writes nothing', async () => {
    const rt = await tracker();
    const grid = textGrid(rt, 'Opportunities');
    const refused = rpc(rt, 'markDone', {
      id: 'OPP-000001',
      version: view(rt, 'OPP-000001').version,
      type: 'call',
      nextAction: 'Meeting with the CFO',
      nextActionDate: '2026-11-07',
      nextActionGoal: 'Budget range',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'RULE',
        details: { code: 'nextActionUnchanged', params: { field: 'nextAction' } },
      },
    });
    expect(textGrid(rt, 'Opportunities')).toEqual(grid);
  });
});

describe('Undo of a Won or Lost move', () => {
  const tracked = [
    'Stage',
    'Amount',
    'Probability',
    'In stage since',
    'Closed on',
    'Lost reason',
    'Lost note',
    'Close date pushes',
    'Updated',
  ];

  it('sets back every cell the move changed, through a guarded save, with one History line', async () => {
    const rt = await tracker();
    const before = textGrid(rt, 'Opportunities')[1] ?? [];
    const was = view(rt, 'OPP-000001');
    const lost = rpc(rt, 'moveStage', {
      id: 'OPP-000001',
      version: was.version,
      to: 'Lost',
      lostReason: 'Price',
    });
    if (!lost.ok) throw new Error(lost.error.message);
    const moved = textGrid(rt, 'Opportunities')[1] ?? [];
    const changed = tracked.filter((header) => moved[at(header)] !== before[at(header)]);
    expect(changed).toEqual(expect.arrayContaining(['Stage', 'Lost reason', 'Closed on']));
    const undone = rpc(rt, 'undoMove', {
      id: 'OPP-000001',
      version: lost.data.version,
      restore: {
        stage: was.deal.stage,
        stageEntered: was.deal.stageEntered,
        probability: was.deal.probability,
        closedOn: was.deal.closedOn,
        lostReason: was.deal.lostReason,
        lostNote: was.deal.lostNote,
        closePushes: was.deal.closePushes,
        score: was.deal.score,
        stars: was.deal.stars,
        updated: was.deal.updated,
      },
    });
    expect(undone).toMatchObject({
      ok: true,
      data: { deal: { stage: 'Negotiation', lostReason: '' } },
    });
    const after = textGrid(rt, 'Opportunities')[1] ?? [];
    const activity = headers.length; // the hidden Activity log column, after the add-on's own
    expect(after.filter((_, i) => i !== activity)).toEqual(before.filter((_, i) => i !== activity));
    const line = history(rt).at(-1) ?? [];
    expect(line.slice(2, 6)).toEqual(['OPP-000001', 'undo', 'Lost', 'Negotiation']);
    expect(line[6]).toContain('lostReason: Price → ');
  });

  it('changes nothing and says so when someone saved the deal after the move', async () => {
    const rt = await tracker();
    const was = view(rt, 'OPP-000001');
    const won = rpc(rt, 'moveStage', { id: 'OPP-000001', version: was.version, to: 'Won' });
    if (!won.ok) throw new Error(won.error.message);
    rt.setUser('bob@example.com');
    const theirs = rpc(rt, 'updateDeal', {
      id: 'OPP-000001',
      version: won.data.version,
      patch: { name: 'Fleet renewal 2027' },
    });
    expect(theirs.ok).toBe(true);
    rt.setUser(seller);
    const grid = textGrid(rt, 'Opportunities');
    const lines = history(rt).length;
    const undone = rpc(rt, 'undoMove', {
      id: 'OPP-000001',
      version: won.data.version,
      restore: { stage: 'Negotiation', closedOn: null, probability: was.deal.probability },
    });
    expect(undone).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { deal: { stage: 'Won', name: 'Fleet renewal 2027' } } },
    });
    expect(textGrid(rt, 'Opportunities')).toEqual(grid);
    expect(history(rt)).toHaveLength(lines);
  });
});

describe('My day on the server', () => {
  it('lists each of my deals once, under its most urgent reason, with the others as tags', async () => {
    const rt = await tracker();
    const day = rpc(rt, 'myDay', {});
    if (!day.ok) throw new Error(day.error.message);
    const ids = (lines: Array<{ id: string; tags: string[] }>) =>
      lines.map((line) => [line.id, line.tags.join(',')]);
    expect(ids(day.data.overdue)).toEqual([['OPP-000001', 'stale']]);
    expect(ids(day.data.dueToday)).toEqual([['OPP-000002', 'closeDatePassed']]);
    expect(ids(day.data.closeDatePassed)).toEqual([['OPP-000003', 'noNextAction']]);
    expect(ids(day.data.noNextAction)).toEqual([['OPP-000005', '']]);
    expect(day.data.stale).toEqual([]);
  });
});

describe('amounts far above the usual', () => {
  it('asks once the usual amount is known from a list, and saves when confirmed', async () => {
    const rt = await tracker();
    const deal = view(rt, 'OPP-000002');
    const typo = { id: 'OPP-000002', version: deal.version, patch: { amount: 4_000_000 } };
    // Nothing has read every amount yet: no usual amount, no question.
    expect(rpc(rt, 'bootstrap', {})).toMatchObject({
      ok: true,
      data: { amountCheck: { usual: null, limit: 0 } },
    });
    rpc(rt, 'myDay', {});
    expect(rpc(rt, 'bootstrap', {})).toMatchObject({
      ok: true,
      data: { amountCheck: { usual: 50_000, limit: 0 } },
    });
    expect(rpc(rt, 'updateDeal', typo)).toMatchObject({
      ok: false,
      error: {
        code: 'RULE',
        details: {
          code: 'unusualAmount',
          params: { field: 'amount', amount: 4_000_000, above: 1_000_000, by: 'usual' },
        },
      },
    });
    expect(rpc(rt, 'updateDeal', { ...typo, patch: { amount: 999_000 } }).ok).toBe(true);
    const again = { id: 'OPP-000002', version: view(rt, 'OPP-000002').version };
    expect(
      rpc(rt, 'updateDeal', { ...again, patch: { amount: 4_000_000 }, confirmAmount: true }),
    ).toMatchObject({ ok: true, data: { deal: { amount: 4_000_000 } } });
  });

  it('asks above the limit typed in Settings, in either language', async () => {
    const rt = await tracker();
    const settings = rt.read('Settings');
    const limitRow = settings.findIndex((line) =>
      String(line[0]).startsWith('Confirm amounts above'),
    );
    expect(limitRow).toBeGreaterThan(0);
    rt.edit('Settings', `B${limitRow + 1}`, '45000');
    expect(rpc(rt, 'bootstrap', {})).toMatchObject({
      ok: true,
      data: { amountCheck: { limit: 45_000 } },
    });
    const deal = view(rt, 'OPP-000002');
    const moved = rpc(rt, 'moveStage', {
      id: 'OPP-000002',
      version: deal.version,
      to: 'Won',
      amount: 46_000,
    });
    expect(moved).toMatchObject({
      ok: false,
      error: { details: { code: 'unusualAmount', params: { by: 'limit' } } },
    });
  });
});

describe('row problems in the sidebar', () => {
  it('come in words from the one source, never as codes', async () => {
    const rt = await tracker();
    const problems = view(rt, 'OPP-000004').problems;
    expect(problems).toEqual(['Expected close: “next spring” is not a date.']);
  });
});

describe('a past close date typed in the grid', () => {
  it('gets a toast that says so, with the row and the date', async () => {
    const rt = await tracker();
    const cell = `${String.fromCharCode(65 + at('Expected close'))}2`;
    rt.ui.toasts.length = 0;
    rt.edit('Opportunities', cell, '2026-11-02');
    expect(rt.ui.toasts.map((toast) => toast.message)).toEqual([
      'Row 2: the close date 2026-11-02 has already passed. Set a new one, or keep it if it is right.',
    ]);
    rt.ui.toasts.length = 0;
    rt.edit('Opportunities', cell, '2026-12-20');
    expect(rt.ui.toasts).toEqual([]);
  });
});
