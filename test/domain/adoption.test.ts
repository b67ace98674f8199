// Planning set up, adoption and repair: what is read, what is added, what is written, and what is left alone.
import { describe, expect, it } from 'vitest';
import { planTracker, rowsWithProblems, type TrackerInput } from '../../src/domain/adoption';
import { dailyFields, groupFields } from '../../src/domain/column-groups';
import type { LocalDate } from '../../src/domain/dates';
import { defaultSettings } from '../../src/domain/defaults';
import { fieldKeys, fields } from '../../src/domain/fields';
import { type Cell, cellDate } from '../../src/domain/model';
import { parseRows } from '../../src/domain/parse-row';

const english = defaultSettings('en');

/** A plan as the adoption dialog makes it (the team confirms new stages and lost reasons). */
function plan(header: Cell[], rows: Cell[][], more: Partial<TrackerInput> = {}) {
  return planTracker({
    header,
    rows,
    settings: english,
    language: 'en',
    nextId: 1,
    adopting: true,
    today: '2026-11-23' as LocalDate,
    ...more,
  });
}

const fillOf = (p: ReturnType<typeof plan>, field: string) =>
  p.fills.find((fill) => fill.field === field)?.cells ?? [];

describe('planTracker', () => {
  it('makes an empty sheet a whole tracker: every column', () => {
    const p = plan([], [], { newSheet: true });
    expect(p.add.map((c) => c.field)).toEqual([...fieldKeys]);
    expect(p.fills).toEqual([]);
  });

  it('adds only the daily columns a sheet lacks, and an optional group only when ticked', () => {
    const header = ['Opportunity', 'Customer', 'Owner', 'Stage', 'Amount', 'Expected close'];
    const base = plan(header, []);
    const present = ['name', 'customer', 'owner', 'stage', 'amount', 'closeDate'];
    expect(base.add.map((c) => c.field).sort()).toEqual(
      dailyFields.filter((f) => !present.includes(f)).sort(),
    );
    const scoring = plan(header, [], { choices: { groups: ['scoring'] } });
    expect(scoring.add.length).toBe(base.add.length + groupFields.scoring.length);
    expect(base.groups.map((g) => g.group)).toEqual(['scoring', 'contact', 'billing', 'details']);
  });

  it('adds a Stage column to a sheet with none, each deal in the first stage unless its status says', () => {
    const p = plan(
      ['Deal', 'Company', 'Status'],
      [
        ['A', 'Acme', 'open'],
        ['B', 'Beta', 'won'],
        ['C', 'Gamma', 'lost'],
      ],
    );
    expect(p.stageColumn).toBe('added');
    expect(fillOf(p, 'stage')).toEqual([
      [0, 'New'],
      [1, 'Won'],
      [2, 'Lost'],
    ]);
  });

  it('makes the team’s stage values the stages of Settings, kept as written, Won by meaning', () => {
    const p = planTracker({
      header: ['Oportunidad', 'Cliente', 'Etapa'],
      rows: [
        ['A', 'Acme', 'Nuevo'],
        ['B', 'Beta', 'Ganado'],
        ['C', 'Gamma', 'Fase nueva'],
      ],
      settings: defaultSettings('es'),
      language: 'es',
      nextId: 1,
      adopting: true,
      today: '2026-11-23' as LocalDate,
    });
    expect(p.stageColumn).toBe('existing');
    expect(p.add.map((c) => c.field)).not.toContain('stage');
    expect(p.settings.stages.map((s) => [s.name, s.kind])).toEqual([
      ['Nuevo', 'open'],
      ['Fase nueva', 'open'],
      ['Ganado', 'won'],
      ['Perdido', 'lost'],
    ]);
    expect(p.newStages).toEqual(['Nuevo', 'Fase nueva', 'Ganado', 'Perdido']);
  });

  it('keeps the team’s stage column as the Stage column: a status says which deals closed, no second column', () => {
    const p = plan(
      ['Deal - Title', 'Deal - Organization', 'Deal - Stage', 'Deal - Status'],
      [
        ['A', 'Acme', 'Proposal Made', 'open'],
        ['B', 'Beta', 'Proposal Made', 'won'],
        ['C', 'Gamma', 'Contact Made', 'lost'],
      ],
    );
    expect(p.stageColumn).toBe('existing');
    expect(p.add.map((c) => c.field)).not.toContain('stage');
    expect(fillOf(p, 'stage')).toEqual([]);
    expect(p.after.headers[p.after.byField.stage ?? -1]).toBe('Deal - Stage');
    expect(p.settings.stages.map((s) => s.name)).toEqual([
      'Contact Made',
      'Proposal Made',
      'Won',
      'Lost',
    ]);
    // Read as every feature reads it: the status closes B and C, their stage cells unchanged.
    const read = parseRows(p.rows, p.after, p.settings, 2).deals.map((d) => d.stage);
    expect(read).toEqual(['Proposal Made', 'Won', 'Lost']);
  });

  it('reads a "Stage" of "Closed Won" as a won stage of the team: nothing added, nothing rewritten', () => {
    const p = plan(
      ['Opportunity Name', 'Account Name', 'Stage'],
      [
        ['A', 'Acme', 'Closed Won'],
        ['B', 'Beta', 'Prospecting'],
      ],
    );
    expect(p.add.map((c) => c.field)).not.toContain('stage');
    expect(p.stored).toEqual({});
    expect(p.settings.stages.map((s) => [s.name, s.kind])).toEqual([
      ['Prospecting', 'open'],
      ['Closed Won', 'won'],
      ['Lost', 'lost'],
    ]);
  });

  it('fills missing IDs above every ID in the sheet and the stored counter, and never an ID cell with a value', () => {
    const p = plan(
      ['ID', 'Opportunity', 'Customer'],
      [
        ['OPP-000007', 'A', 'Acme'],
        ['', 'B', 'Beta'],
        ['', '', ''],
        ['', 'C', 'Gamma'],
      ],
      { nextId: 3 },
    );
    expect(fillOf(p, 'id')).toEqual([
      [1, 'OPP-000008'],
      [3, 'OPP-000009'],
    ]);
    expect(p.nextId).toBe(10);
    expect(p.missingIds).toBe(2);
    expect(p.issues.filter((issue) => issue.field === 'id')).toEqual([]);
  });

  it('fills empty probabilities of open deals with their stage’s, never a typed one', () => {
    const p = plan(
      ['Opportunity', 'Customer', 'Stage', 'Probability'],
      [
        ['A', 'Acme', 'Qualified', ''],
        ['B', 'Beta', 'Proposal', 45],
        ['C', 'Gamma', 'Won', ''],
      ],
    );
    expect(fillOf(p, 'probability')).toEqual([[0, 30]]);
  });

  it('gives closed deals without a closed-on date their close date', () => {
    const p = plan(
      ['Opportunity', 'Customer', 'Stage', 'Close date'],
      [
        ['A', 'Acme', 'Won', cellDate('2026-11-10' as LocalDate)],
        ['B', 'Beta', 'New', cellDate('2026-12-10' as LocalDate)],
      ],
    );
    expect(fillOf(p, 'closedOn')).toEqual([[0, '2026-11-10']]);
  });

  it('adds lost reasons the sheet uses to Settings', () => {
    const p = plan(
      ['Opportunity', 'Customer', 'Stage', 'Lost reason'],
      [['A', 'Acme', 'Lost', 'Chose a competitor']],
    );
    expect(p.newLostReasons).toEqual(['Chose a competitor']);
    expect(p.settings.lostReasons.map((r) => r.name)).toContain('Chose a competitor');
    expect(p.issues).toEqual([]);
  });

  it('outside adoption changes no setting: an unknown stage or lost reason stays, as a problem', () => {
    const p = plan(
      ['ID', 'Opportunity', 'Customer', 'Stage', 'Lost reason'],
      [['OPP-000001', 'A', 'Acme', 'Stalled', 'Budget cut']],
      { adopting: false },
    );
    expect(p.settings).toBe(english);
    expect(p.newStages).toEqual([]);
    expect(p.stageColumn).toBe('existing');
    expect(p.fills).toEqual([]);
    expect(p.issues.map((i) => i.problem)).toEqual(['unknownStage', 'unknownLostReason']);
  });

  it('reads a "Status" of stage names as the stage column', () => {
    const p = plan(
      ['Opportunity', 'Customer', 'Estado'],
      [
        ['A', 'Acme', 'Qualified'],
        ['B', 'Beta', 'Proposal'],
        ['C', 'Gamma', 'Qualified'],
      ],
    );
    expect(p.before.byField.stage).toBe(2);
    expect(p.stageColumn).toBe('existing');
  });

  it('counts the problems the rows will have once written, as Check & repair will', () => {
    const p = plan(
      ['Opportunity', 'Customer', 'Amount'],
      [
        ['A', 'Acme', 'lots'],
        ['B', 'Beta', 5],
      ],
    );
    expect(p.issues.map((i) => [i.row, i.field, i.problem])).toEqual([[2, 'amount', 'notANumber']]);
    expect(rowsWithProblems(p.issues)).toBe(1);
  });

  it('changes its fingerprint when the sheet gets a row or a column', () => {
    const header = ['Opportunity', 'Customer'];
    const a = plan(header, [['A', 'Acme']]);
    expect(plan(header, [['A', 'Acme']]).fingerprint).toBe(a.fingerprint);
    expect(
      plan(header, [
        ['A', 'Acme'],
        ['B', 'Beta'],
      ]).fingerprint,
    ).not.toBe(a.fingerprint);
    expect(plan([...header, 'Notes'], [['A', 'Acme']]).fingerprint).not.toBe(a.fingerprint);
  });

  it('plans nothing to add and nothing to write on a tracker it made', () => {
    const header = fields.map((f) => f.header.en);
    const row = header.map((_, i) =>
      i === 0 ? 'OPP-000001' : i === 1 ? 'A' : i === 2 ? 'Acme' : i === 4 ? 'Won' : '',
    );
    const p = plan(header, [row]);
    expect(p.add).toEqual([]);
    expect(p.fills.map((f) => f.field)).toEqual([]);
    expect(p.stored).toEqual({});
  });
});

describe('planTracker: owners, in stage since, folding, cents (issue 24)', () => {
  const header = ['Deal', 'Company', 'Rep', 'Stage', 'Amount'];
  const rows: Cell[][] = [
    ['A', 'Acme Inc', 'Jane Doe', 'Discovery', 100],
    ['B', 'Beta LLC', 'John Roe', 'Demo', 200],
    ['C', 'Gamma Ltd', 'Jane Doe', 'Discovery', 300],
    ['D', 'Delta Co', 'Jane Doe', 'Closed Won', 400],
    ['E', 'Epsilon Inc', 'Mary Poe', 'Closed Lost', 500],
  ];

  it('lists each owner once with its deals, e-mails from the Team tab, and never flags a name on each row', () => {
    const p = plan(header, rows, {
      team: [{ email: 'john@x.com', name: 'John Roe', managerEmail: '' }],
      choices: { owners: { 'Jane Doe': 'JANE@x.com ' } },
    });
    expect(p.owners).toEqual([
      { name: 'Jane Doe', deals: 3, email: 'jane@x.com', emailFrom: 'chosen' },
      { name: 'John Roe', deals: 1, email: 'john@x.com', emailFrom: 'team' },
      { name: 'Mary Poe', deals: 1, email: '', emailFrom: 'none' },
    ]);
    // Only the e-mail the Team tab lacks is added; the cells keep the names (no fill in Rep).
    expect(p.team).toEqual([{ email: 'jane@x.com', name: 'Jane Doe', managerEmail: '' }]);
    expect(p.fills.every((fill) => fill.column !== 2)).toBe(true);
    expect(p.issues.filter((issue) => issue.field === 'owner')).toEqual([]);
  });

  it('takes e-mails from an owner e-mail column beside the names', () => {
    const p = plan(
      ['Deal', 'Company', 'Owner', 'Owner email'],
      [
        ['A', 'Acme Inc', 'Jane Doe', 'jane@x.com'],
        ['B', 'Beta LLC', 'Jane Doe', 'jane@x.com'],
      ],
    );
    expect(p.owners).toEqual([
      { name: 'Jane Doe', deals: 2, email: 'jane@x.com', emailFrom: 'column' },
    ]);
  });

  it('counts open deals from the adoption day when the sheet says nothing of when they entered their stage', () => {
    const p = plan(header, rows);
    expect(p.stageSince).toEqual({ from: 'today', deals: 3 });
    expect(fillOf(p, 'stageEntered')).toEqual([
      [0, '2026-11-23'],
      [1, '2026-11-23'],
      [2, '2026-11-23'],
    ]);
  });

  it('counts them from the row’s last change when the sheet keeps one (never after today)', () => {
    const p = plan(
      [...header, 'Last modified'],
      rows.map((row, i) => [
        ...row,
        cellDate((i === 1 ? '2026-12-30' : `2026-11-0${i + 1}`) as LocalDate),
      ]),
    );
    expect(p.stageSince).toEqual({ from: 'modified', header: 'Last modified', deals: 3 });
    expect(fillOf(p, 'stageEntered')).toEqual([
      [0, '2026-11-01'],
      [1, '2026-11-23'],
      [2, '2026-11-03'],
    ]);
  });

  it('folds a stage into another only when the team says so, rewriting just those cells', () => {
    expect(fillOf(plan(header, rows), 'stage')).toEqual([]);
    const p = plan(header, rows, {
      choices: { stages: { Demo: { kind: 'fold', into: 'Discovery' } } },
    });
    expect(fillOf(p, 'stage')).toEqual([[1, 'Discovery']]);
    expect(p.settings.stages.map((s) => s.name)).toEqual([
      'Discovery',
      'Closed Won',
      'Closed Lost',
    ]);
  });

  it('reads an amount column kept in cents divided by 100, as every reader does', () => {
    const p = plan(
      ['Deal', 'Company', 'Value (cents)'],
      [
        ['A', 'Acme Inc', 1250000],
        ['B', 'Beta LLC', 99],
      ],
    );
    expect(p.after.scale).toEqual({ amount: 0.01 });
    expect(parseRows(p.rows, p.after, p.settings, 2).deals.map((deal) => deal.amount)).toEqual([
      12500, 0.99,
    ]);
  });

  it('reads a "Won time" only for won deals, and dates lost deals’ stage by their close date', () => {
    const p = plan(
      ['Deal', 'Company', 'Stage', 'Close date', 'Won time'],
      [
        [
          'A',
          'Acme Inc',
          'Won',
          cellDate('2026-11-02' as LocalDate),
          cellDate('2026-11-02' as LocalDate),
        ],
        [
          'B',
          'Beta LLC',
          'Lost',
          cellDate('2026-11-05' as LocalDate),
          cellDate('2026-10-01' as LocalDate),
        ],
        ['C', 'Gamma Ltd', 'Qualified', cellDate('2026-12-20' as LocalDate), ''],
      ],
    );
    const deals = parseRows(p.rows, p.after, p.settings, 2).deals;
    expect(deals.map((deal) => [deal.stage, deal.closedOn, deal.stageEntered])).toEqual([
      ['Won', '2026-11-02', null],
      ['Lost', null, '2026-11-05'],
      ['Qualified', null, '2026-11-23'],
    ]);
  });
});
