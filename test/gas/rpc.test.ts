// The sidebar's server calls in the local runtime: rules, conflicts, locks, bad input, call budgets.
import { describe, expect, it } from 'vitest';
import { fields } from '../../src/domain/fields';
import { adopt } from '../support/adopt';
import { rpc } from '../support/rpc';
import {
  type CellInput,
  column,
  letterOf,
  manager,
  runtimeWith,
  seller,
  sheetOf,
  tab,
  textGrid,
} from '../support/tracker';

const headers = fields.map((f) => f.header.en);

async function tracker(rows = 3) {
  const rt = await runtimeWith([
    sheetOf('Opportunities', [
      headers,
      ...Array.from({ length: rows }, (_, i) => [
        `OPP-${String(i + 1).padStart(6, '0')}`,
        `Deal ${i + 1}`,
        `Customer ${i + 1}`,
        i % 2 === 0 ? seller : manager,
        'New',
        1000 * (i + 1),
      ]),
    ]),
  ]);
  adopt(rt);
  return rt;
}

function deal(rt: Awaited<ReturnType<typeof tracker>>, id = 'OPP-000001') {
  const result = rpc(rt, 'getDeal', { id });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe('rpc: what counts as the tracker', () => {
  it('does not take a tab merely named Opportunities for the tracker before it is adopted', async () => {
    const rt = await runtimeWith([
      sheetOf('Opportunities', [headers, ['OPP-000001', 'Deal 1', 'Customer 1', seller, 'New']]),
    ]);
    const boot = rpc(rt, 'bootstrap', {});
    expect(boot).toMatchObject({ ok: true, data: { isSetUp: false } });
    const created = rpc(rt, 'createDeal', {
      name: 'Fleet',
      customer: 'Acme',
      amount: null,
      closeDate: null,
      nextAction: '',
      nextActionDate: null,
      nextActionGoal: '',
    });
    // Its IDs and counter are unknown until adopted: a new deal could reuse OPP-000001.
    expect(created).toMatchObject({ ok: false, error: { code: 'NOT_SET_UP' } });
    expect(column(rt, 'Opportunities', 'ID')).toEqual(['OPP-000001']);
  });
});

describe('rpc: IDs are never reused', () => {
  it('gives a new deal an ID above one a person typed in the grid', async () => {
    const rt = await tracker();
    rt.edit('Opportunities', 'A5:C5', [['OPP-000500', 'Typed by hand', 'Beta']]);
    const created = rpc(rt, 'createDeal', {
      name: 'Fleet',
      customer: 'Acme',
      amount: null,
      closeDate: null,
      nextAction: '',
      nextActionDate: null,
      nextActionGoal: '',
    });
    expect(created).toMatchObject({ ok: true, data: { deal: { id: 'OPP-000501' } } });
  });
});

describe('rpc: stage moves', () => {
  it('moves a deal to Proposal, writes the cells and History, and returns the new view', async () => {
    const rt = await tracker();
    const view = deal(rt);
    const moved = rpc(rt, 'moveStage', { id: 'OPP-000001', version: view.version, to: 'Proposal' });
    expect(moved.ok).toBe(true);
    expect(column(rt, 'Opportunities', 'Stage')[0]).toBe('Proposal');
    expect(column(rt, 'Opportunities', 'In stage since')[0]).toBe('2026-11-23');
    expect(textGrid(rt, 'History').at(-1)?.slice(1)).toEqual([
      seller,
      'OPP-000001',
      'stage',
      'New',
      'Proposal',
      '',
    ]);
  });

  it('refuses Lost without a reason, as a RULE the sidebar can show, and writes nothing', async () => {
    const rt = await tracker();
    const before = rt.snapshot();
    const result = rpc(rt, 'moveStage', {
      id: 'OPP-000001',
      version: deal(rt).version,
      to: 'Lost',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'RULE', details: { code: 'lostReasonRequired' } },
    });
    expect(rt.snapshot()).toEqual(before);
  });

  it('asks for a note when the reason is Other', async () => {
    const rt = await tracker();
    const result = rpc(rt, 'moveStage', {
      id: 'OPP-000001',
      version: deal(rt).version,
      to: 'Lost',
      lostReason: 'Other',
    });
    expect(result).toMatchObject({ ok: false, error: { details: { code: 'lostNoteRequired' } } });
    const done = rpc(rt, 'moveStage', {
      id: 'OPP-000001',
      version: deal(rt).version,
      to: 'Lost',
      lostReason: 'Other',
      lostNote: 'Went in-house',
    });
    expect(done.ok).toBe(true);
    expect(column(rt, 'Opportunities', 'Lost reason')[0]).toBe('Other');
    expect(column(rt, 'Opportunities', 'Closed on')[0]).toBe('2026-11-23');
  });
});

describe('rpc: concurrency', () => {
  it('refuses a stale version with a CONFLICT that carries the current row', async () => {
    const rt = await tracker();
    const seen = deal(rt);
    rt.setUser(manager);
    rt.edit('Opportunities', 'F2', 5000);
    rt.setUser(seller);
    const result = rpc(rt, 'setNextAction', {
      id: 'OPP-000001',
      version: seen.version,
      nextAction: 'Call',
      nextActionDate: '2026-11-25',
      nextActionGoal: 'Budget',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { deal: { amount: 5000 } } },
    });
    expect(column(rt, 'Opportunities', 'Next action')[0]).toBe('');
  });

  it('answers BUSY when another execution holds the document lock, and writes nothing', async () => {
    const rt = await tracker();
    const view = deal(rt);
    const before = rt.snapshot();
    rt.holdLock('document');
    const result = rpc(rt, 'moveStage', {
      id: 'OPP-000001',
      version: view.version,
      to: 'Qualified',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    expect(rt.snapshot()).toEqual(before);
  });

  it('finds the deal by ID after someone sorted the sheet', async () => {
    const rt = await tracker();
    const view = deal(rt, 'OPP-000003');
    rt.run('rpc', 'selectDeal', { id: 'OPP-000001' });
    // Reverse the rows as a user sort would.
    rt.edit('Opportunities', 'A2:C4', [
      ['OPP-000003', 'Deal 3', 'Customer 3'],
      ['OPP-000002', 'Deal 2', 'Customer 2'],
      ['OPP-000001', 'Deal 1', 'Customer 1'],
    ]);
    const moved = rpc(rt, 'moveStage', {
      id: 'OPP-000003',
      version: deal(rt, 'OPP-000003').version,
      to: 'Qualified',
    });
    expect(moved.ok).toBe(true);
    expect(view.row).toBe(4);
    expect(column(rt, 'Opportunities', 'Stage')[0]).toBe('Qualified');
  });
});

describe('rpc: bad input', () => {
  it('rejects an unknown method and a malformed payload with a clear message', async () => {
    const rt = await tracker();
    expect(rpc(rt, 'dropTables', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const bad = rpc(rt, 'setNextAction', {
      id: 'OPP-000001',
      version: 'x',
      nextAction: 1,
      nextActionDate: '2026-02-30',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/nextActionDate/);
  });

  it('stores a formula typed in the sidebar as text, never as a formula', async () => {
    const rt = await tracker();
    const result = rpc(rt, 'setNextAction', {
      id: 'OPP-000001',
      version: deal(rt).version,
      nextAction: '=IMPORTXML("http://evil","//a")',
      nextActionDate: null,
      nextActionGoal: '+1',
    });
    expect(result.ok).toBe(true);
    const sheet = rt.snapshot().sheets.find((s) => s.name === 'Opportunities');
    const columnIndex = headers.indexOf('Next action');
    const cell = sheet?.rows[1]?.[columnIndex];
    expect(cell?.formula).toBeUndefined();
    expect(cell?.value).toBe('=IMPORTXML("http://evil","//a")');
    expect(column(rt, 'Opportunities', 'Next action goal')[0]).toBe('+1');
  });

  it('reports NOT_FOUND for a deleted deal', async () => {
    const rt = await tracker();
    expect(rpc(rt, 'getDeal', { id: 'OPP-999999' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('rpc: create, my day and the weekly review', () => {
  it('creates a deal owned by the current user with a fresh ID', async () => {
    const rt = await tracker();
    const created = rpc(rt, 'createDeal', {
      name: 'New fleet',
      customer: 'Delta',
      amount: 12000,
      closeDate: '2027-01-31',
      nextAction: 'Intro call',
      nextActionDate: '2026-11-24',
      nextActionGoal: 'Needs',
    });
    expect(created).toMatchObject({
      ok: true,
      data: { deal: { id: 'OPP-000004', owner: seller, stage: 'New' }, row: 5 },
    });
    expect(column(rt, 'Opportunities', 'Opportunity').at(-1)).toBe('New fleet');
  });

  it("lists the current user's deals without a next action in My day", async () => {
    const rt = await tracker();
    const day = rpc(rt, 'myDay', {});
    expect(day.ok && day.data.noNextAction.map((d: { id: string }) => d.id)).toEqual([
      'OPP-000001',
      'OPP-000003',
    ]);
  });

  it('stamps Last reviewed and records the review', async () => {
    const rt = await tracker();
    const queue = rpc(rt, 'reviewQueue', { mine: true });
    expect(queue.ok && queue.data.queue.length).toBe(2);
    const reviewed = rpc(rt, 'reviewDeal', {
      id: 'OPP-000001',
      version: deal(rt).version,
      nextAction: 'Call back',
      nextActionDate: '2026-11-30',
      nextActionGoal: 'Decision date',
      closeDate: '2026-12-31',
    });
    expect(reviewed).toMatchObject({ ok: true, data: { changed: true, flagged: false } });
    expect(column(rt, 'Opportunities', 'Last reviewed')[0]).toBe('2026-11-23');
    // One line for the whole review: the close-date change heads it (pushes are counted from
    // such lines), the rest of what the review changed beside it.
    const line = textGrid(rt, 'History').at(-1) ?? [];
    expect(line.slice(3, 6)).toEqual(['closeDate', '', '2026-12-31']);
    expect(line[6]).toContain('review:  → updated');
    expect(line[6]).toContain('nextAction:');
  });
});

describe('rpc: writing a row', () => {
  it("keeps a user's formula in a column between the cells a save writes", async () => {
    // The team computes Amount from Monthly billing: F2 = Z2*12, between Stage and Probability.
    const rt = await runtimeWith([
      sheetOf('Opportunities', [
        headers,
        ...[1, 2].map((row) => {
          const cells: CellInput[] = Array(headers.length).fill('');
          cells[headers.indexOf('ID')] = `OPP-00000${row}`;
          cells[headers.indexOf('Opportunity')] = `Deal ${row}`;
          cells[headers.indexOf('Owner')] = seller;
          cells[headers.indexOf('Stage')] = 'New';
          cells[headers.indexOf('Monthly billing')] = 1000;
          cells[headers.indexOf('Amount')] = { value: 12_000, formula: `=Z${row + 1}*12` };
          return cells;
        }),
      ]),
    ]);
    adopt(rt);
    const moved = rpc(rt, 'moveStage', {
      id: 'OPP-000001',
      version: deal(rt).version,
      to: 'Proposal',
    });
    expect(moved.ok).toBe(true);
    const row = tab(rt, 'Opportunities').rows[1] ?? [];
    expect(row[headers.indexOf('Amount')]?.formula).toBe('=Z2*12');
    expect(column(rt, 'Opportunities', 'Stage')[0]).toBe('Proposal');
    expect(column(rt, 'Opportunities', 'Probability')[0]).not.toBe('');
  });

  it('undoes the first part of a save split by a formula column when the second part fails', async () => {
    const rt = await runtimeWith([
      sheetOf('Opportunities', [
        headers,
        (() => {
          const cells: CellInput[] = Array(headers.length).fill('');
          cells[headers.indexOf('ID')] = 'OPP-000001';
          cells[headers.indexOf('Opportunity')] = 'Deal 1';
          cells[headers.indexOf('Owner')] = seller;
          cells[headers.indexOf('Stage')] = 'New';
          cells[headers.indexOf('Monthly billing')] = 1000;
          cells[headers.indexOf('Amount')] = { value: 12_000, formula: '=Z2*12' };
          return cells;
        })(),
      ]),
    ]);
    adopt(rt);
    const version = deal(rt).version;
    const before = rt.read('Opportunities');
    const history = rt.read('History').length;
    // The stage move is two writes (Amount's formula sits between Stage and Probability): the
    // second one fails.
    rt.failOn({ service: 'Range', method: 'setValues', nth: 2 });
    const moved = rpc(rt, 'moveStage', { id: 'OPP-000001', version, to: 'Proposal' });
    expect(moved).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!moved.ok) expect(moved.error.message).toMatch(/nothing was saved/);
    expect(rt.read('Opportunities')).toEqual(before);
    expect(rt.read('History').length).toBe(history);
  });

  it("shows a copied row's deal only its own activity, not the activity of the row it was copied from", async () => {
    const rt = await tracker();
    rpc(rt, 'moveStage', { id: 'OPP-000001', version: deal(rt).version, to: 'Proposal' });
    // A seller copies row 2 over row 4 to start a similar deal, hidden activity log included,
    // then gives the copy an ID of its own.
    const [, copied = []] = rt.read('Opportunities');
    const last = letterOf(copied.length - 1);
    rt.edit('Opportunities', `A4:${last}4`, [copied]);
    rt.edit('Opportunities', `${letterOf(headers.indexOf('ID'))}4`, 'OPP-000009');
    expect(deal(rt, 'OPP-000009').history).toEqual([]);
    expect(deal(rt, 'OPP-000001').history).toEqual([
      expect.objectContaining({ field: 'stage', old: 'New', new: 'Proposal' }),
    ]);
    const moved = rpc(rt, 'moveStage', {
      id: 'OPP-000009',
      version: deal(rt, 'OPP-000009').version,
      to: 'Negotiation',
    });
    expect(moved.ok && moved.data.history).toEqual([
      expect.objectContaining({ field: 'stage', old: 'Proposal', new: 'Negotiation' }),
    ]);
  });

  it("shows a copied row's deal only its own activity when onEdit did not run for the paste", async () => {
    const rt = await tracker();
    rpc(rt, 'moveStage', { id: 'OPP-000001', version: deal(rt).version, to: 'Proposal' });
    // The copy arrives with its own ID in one paste, and the onEdit it fires fails before it can
    // give the copy an activity cell of its own (a trigger can always fail, or a script wrote it).
    const [, copied = []] = rt.read('Opportunities');
    const pasted = copied.map((value, i) => (i === headers.indexOf('ID') ? 'OPP-000009' : value));
    rt.failOn({ service: 'Properties', method: 'getProperties', nth: 1 });
    rt.edit('Opportunities', `A4:${letterOf(pasted.length - 1)}4`, [pasted]);
    expect(String(rt.read('Opportunities')[3]?.at(-1))).toContain('"i":"OPP-000001"');
    expect(deal(rt, 'OPP-000009').history).toEqual([]);
  });
});
