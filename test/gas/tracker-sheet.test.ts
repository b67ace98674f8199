// The tracker sheet in the local runtime: set up, adopt, history from edits, check & repair, call budgets.
import { describe, expect, it } from 'vitest';
import type { LedgerSummary } from '../../scripts/runtime/ledger';
import type { SheetSnapshot } from '../../scripts/runtime/snapshot';
import { fields } from '../../src/domain/fields';
import { seedSpanishHeaders } from '../domain/builders';
import { adopt, dialogView } from '../support/adopt';
import {
  column,
  dateCell,
  letterOf,
  manager,
  runtimeWith,
  seller,
  sheetOf,
  storedValues,
  tab,
  textGrid,
} from '../support/tracker';

const englishHeaders = fields.map((f) => f.header.en);

/** The tracking sheet of seed 003, as a Spanish team keeps it: no ID, no stage column. */
const seedHeaders = [...seedSpanishHeaders, 'Notas internas'];

function seedRow(i: number) {
  return [
    `Renovación flota ${i}`,
    `Transportes ${i}`,
    dateCell('2026-09-01'),
    1000 * i,
    dateCell('2027-01-15'),
    dateCell('2026-12-20'),
    'Furgonetas',
    'Laura Gómez',
    'Director general',
    dateCell('2026-11-10'),
    dateCell('2026-11-25'),
    'Confirmar presupuesto',
    'Primera reunión muy positiva',
    { value: '', formula: `=B${i + 1}&" (nota)"` },
  ];
}

const seedSheet = (rows = 5) =>
  sheetOf('Seguimiento', [seedHeaders, ...Array.from({ length: rows }, (_, i) => seedRow(i + 1))]);

describe('Set up on an empty spreadsheet', () => {
  it('creates the Opportunities tab with every column, frozen and protected header, and the other tabs', async () => {
    const rt = await runtimeWith();
    rt.run('setUpTracker');
    // Every field, then the add-on's own activity log, hidden at the end.
    expect(textGrid(rt, 'Opportunities')[0]).toEqual([...englishHeaders, 'Activity log']);
    const sheet = tab(rt, 'Opportunities');
    expect(sheet.hiddenColumns).toEqual([englishHeaders.length + 1]);
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.protections).toEqual([
      expect.objectContaining({
        warningOnly: true,
        description: 'Opportunity Tracker: header row',
      }),
    ]);
    expect(rt.snapshot().sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Opportunities', 'Settings', 'Team', 'History']),
    );
    expect(rt.ui.alerts.at(-1)?.prompt ?? JSON.stringify(rt.ui.alerts.at(-1))).toContain(
      'The tracker is ready',
    );
  });

  it('validates whole columns: stage and lost reason dropdowns, checkboxes, dates, amounts, emails', async () => {
    const rt = await runtimeWith();
    rt.run('setUpTracker');
    const validations = tab(rt, 'Opportunities').validations;
    const at = (header: string) => {
      const letter = letterOf(englishHeaders.indexOf(header));
      return validations.find((v) => v.range.startsWith(`${letter}2:`));
    };
    expect(at('Stage')).toMatchObject({
      type: 'list',
      values: ['New', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'],
      allowInvalid: false,
    });
    expect(at('Lost reason')?.values).toContain('Other');
    expect(at('Budget confirmed')?.type).toBe('checkbox');
    expect(at('Expected close')?.type).toBe('date');
    expect(at('Amount')).toMatchObject({ type: 'numberGreaterThanOrEqualTo', values: [0] });
    expect(at('Probability')).toMatchObject({ type: 'numberBetween', values: [0, 100] });
    expect(at('Contact email')?.type).toBe('email');
    expect(at('Tier')?.values).toEqual(['A', 'B', 'C']);
    expect(at('Opportunity')).toBeUndefined();
  });

  it('colours overdue, due-today and missing next actions, stale deals and Won/Lost rows', async () => {
    const rt = await runtimeWith();
    rt.run('setUpTracker');
    const formulas = tab(rt, 'Opportunities').conditionalFormats.map((rule) => rule.formula);
    expect(formulas.some((f) => f.includes('<TODAY()') && f.includes('$M2'))).toBe(true);
    expect(formulas.some((f) => f.includes('$M2=TODAY()'))).toBe(true);
    expect(formulas.some((f) => f.includes('$M2=""'))).toBe(true);
    expect(formulas.some((f) => f.includes('$E2="Won"'))).toBe(true);
    expect(formulas.some((f) => f.includes('$E2="Lost"'))).toBe(true);
    expect(formulas.some((f) => f.includes('TODAY()-$K2>'))).toBe(true);
  });

  it('speaks Spanish in a Spanish spreadsheet', async () => {
    const rt = await runtimeWith([sheetOf('Hoja 1', [])], { locale: 'es_ES' });
    rt.run('setUpTracker');
    expect(textGrid(rt, 'Oportunidades')[0]?.slice(0, 5)).toEqual([
      'ID',
      'Oportunidad',
      'Cliente',
      'Responsable',
      'Etapa',
    ]);
    expect(rt.snapshot().sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Configuración', 'Equipo', 'Historial']),
    );
  });

  it('changes nothing when run again', async () => {
    const rt = await runtimeWith();
    rt.run('setUpTracker');
    const first = rt.snapshot();
    rt.run('setUpTracker');
    expect(rt.snapshot()).toEqual(first);
  });
});

describe('Adopting an existing tracker', () => {
  it('shows the mapping in a dialog and changes nothing until Apply', async () => {
    const rt = await runtimeWith([seedSheet()], { locale: 'es_ES' });
    const before = JSON.stringify(rt.snapshot());
    rt.run('setUpTracker');
    const view = dialogView(rt);
    const meaning = Object.fromEntries(view.columns.map((c) => [c.header, c.target]));
    expect(meaning['Nombre de la oportunidad']).toBe('name');
    expect(meaning['Notas internas']).toBe('keep');
    expect(rt.ui.alerts).toEqual([]);
    expect(JSON.stringify(rt.snapshot())).toBe(before);
  });

  it('adopts the seed 003 sheet without moving, overwriting or deleting a single value', async () => {
    const rt = await runtimeWith([seedSheet()], { locale: 'es_ES' });
    const before = storedValues(rt, 'Seguimiento');
    const formulasBefore = tab(rt, 'Seguimiento').rows.map((row) =>
      row.map((cell) => cell?.formula ?? ''),
    );
    adopt(rt);
    const after = storedValues(rt, 'Seguimiento', seedHeaders.length);
    expect(after.slice(0, before.length)).toEqual(
      before.map((row) => row.slice(0, seedHeaders.length)),
    );
    expect(
      tab(rt, 'Seguimiento')
        .rows.slice(0, formulasBefore.length)
        .map((row) => row.slice(0, seedHeaders.length).map((cell) => cell?.formula ?? '')),
    ).toEqual(formulasBefore.map((row) => row.slice(0, seedHeaders.length)));
    const header = textGrid(rt, 'Seguimiento')[0] ?? [];
    expect(header.slice(0, seedHeaders.length)).toEqual(seedHeaders);
    expect(header.slice(seedHeaders.length)).toContain('ID');
    expect(header.slice(seedHeaders.length)).toContain('Etapa');
    expect(column(rt, 'Seguimiento', 'ID')).toEqual([
      'OPP-000001',
      'OPP-000002',
      'OPP-000003',
      'OPP-000004',
      'OPP-000005',
    ]);
    expect(column(rt, 'Seguimiento', 'Etapa')).toEqual(Array(5).fill('Nuevo'));
  });

  it('is idempotent: a second run changes nothing', async () => {
    const rt = await runtimeWith([seedSheet()], { locale: 'es_ES' });
    adopt(rt);
    const first = rt.snapshot();
    rt.run('setUpTracker');
    expect(rt.snapshot()).toEqual(first);
  });

  it('finds columns by name when a team reordered them', async () => {
    const shuffled = [...englishHeaders].reverse();
    const row = shuffled.map((h) =>
      h === 'Opportunity'
        ? 'Big deal'
        : h === 'Customer'
          ? 'Acme'
          : h === 'Stage'
            ? 'Proposal'
            : '',
    );
    const rt = await runtimeWith([sheetOf('Deals', [shuffled, row])]);
    adopt(rt);
    expect(textGrid(rt, 'Deals')[0]).toEqual([...shuffled, 'Activity log']);
    expect(column(rt, 'Deals', 'ID')).toEqual(['OPP-000001']);
    expect(column(rt, 'Deals', 'Stage')).toEqual(['Proposal']);
  });
});

describe('History from edits in the grid', () => {
  async function trackerWithDeal() {
    const rt = await runtimeWith([
      sheetOf('Opportunities', [englishHeaders, ['OPP-000001', 'Fleet', 'Acme', seller, 'New']]),
    ]);
    adopt(rt);
    return rt;
  }

  it('records a stage typed in the grid and stamps "in stage since"', async () => {
    const rt = await trackerWithDeal();
    rt.edit('Opportunities', 'E2', 'Qualified');
    expect(textGrid(rt, 'History').at(-1)).toEqual([
      expect.stringMatching(/^2026-11-23 \d\d:\d\d/),
      seller,
      'OPP-000001',
      'stage',
      'New',
      'Qualified',
      '',
    ]);
    expect(column(rt, 'Opportunities', 'In stage since')).toEqual(['2026-11-23']);
  });

  it('records a stage typed back to an earlier one, and a won deal reopened', async () => {
    const rt = await trackerWithDeal();
    for (const stage of ['Proposal', 'Qualified', 'Won', 'Negotiation'])
      rt.edit('Opportunities', 'E2', stage);
    expect(textGrid(rt, 'History').map((line) => line.slice(3, 6))).toEqual([
      ['Field', 'Old value', 'New value'],
      ['stage', 'New', 'Proposal'],
      ['stage', 'Proposal', 'Qualified'],
      ['stage', 'Qualified', 'Won'],
      ['stage', 'Won', 'Negotiation'],
    ]);
  });

  it('does not run for script writes: a stage the sidebar writes is recorded once, by the sidebar', async () => {
    const rt = await trackerWithDeal();
    const onEditRuns = () => rt.executions.filter((run) => run.fn === 'onEdit').length;
    // A person's edit runs the trigger: the count below can see it.
    rt.edit('Opportunities', 'E2', 'Qualified');
    expect(onEditRuns()).toBe(1);
    const view = rt.run('rpc', 'getDeal', { id: 'OPP-000001' }) as { data: { version: string } };
    rt.run('rpc', 'moveStage', { id: 'OPP-000001', version: view.data.version, to: 'Proposal' });
    rt.run('checkAndRepair');
    expect(onEditRuns()).toBe(1);
    expect(textGrid(rt, 'History').map((line) => line.slice(3, 6))).toEqual([
      ['Field', 'Old value', 'New value'],
      ['stage', 'New', 'Qualified'],
      ['stage', 'Qualified', 'Proposal'],
    ]);
  });

  it('records each user under their own name when two people edit', async () => {
    const rt = await runtimeWith([
      sheetOf('Opportunities', [
        englishHeaders,
        ['OPP-000001', 'Fleet', 'Acme', seller, 'New'],
        ['OPP-000002', 'Vans', 'Beta', manager, 'New'],
      ]),
    ]);
    adopt(rt);
    rt.edit('Opportunities', 'E2', 'Qualified');
    rt.setUser(manager);
    rt.edit('Opportunities', 'E3', 'Proposal');
    const lines = textGrid(rt, 'History').slice(-2);
    expect(lines.map((line) => [line[1], line[2], line[5]])).toEqual([
      [seller, 'OPP-000001', 'Qualified'],
      [manager, 'OPP-000002', 'Proposal'],
    ]);
  });

  it('handles a pasted block of stages, with the old value each row remembers', async () => {
    const rt = await runtimeWith([
      sheetOf('Opportunities', [
        englishHeaders,
        ['OPP-000001', 'Fleet', 'Acme', seller, 'New'],
        ['OPP-000002', 'Vans', 'Beta', seller, 'New'],
      ]),
    ]);
    adopt(rt);
    rt.edit('Opportunities', 'E2', 'Qualified');
    rt.edit('Opportunities', 'E2:E3', [['Proposal'], ['Qualified']]);
    const lines = textGrid(rt, 'History').slice(-2);
    expect(lines.map((line) => line.slice(2))).toEqual([
      ['OPP-000001', 'stage', 'Qualified', 'Proposal', ''],
      ['OPP-000002', 'stage', 'New', 'Qualified', ''],
    ]);
  });

  it('flags a pasted block of bad values instead of crashing, and keeps them', async () => {
    const rt = await trackerWithDeal();
    const amount = letterOf(englishHeaders.indexOf('Amount'));
    const close = letterOf(englishHeaders.indexOf('Expected close'));
    rt.edit('Opportunities', `${amount}2`, 'lots');
    rt.edit('Opportunities', `${close}2`, 'next tuesday');
    expect(rt.executions.filter((e) => e.status === 'failed')).toEqual([]);
    expect(rt.ui.toasts.map((t) => t.message).join('\n')).toMatch(/not a (number|date)/);
    expect(column(rt, 'Opportunities', 'Amount')).toEqual(['lots']);
    expect(column(rt, 'Opportunities', 'Expected close')).toEqual(['next tuesday']);
  });
});

describe('Check & repair', () => {
  it('fills missing IDs, reports duplicates and bad values by row and column, and rewrites nothing', async () => {
    const rt = await runtimeWith([
      sheetOf('Opportunities', [
        englishHeaders,
        ['OPP-000001', 'Fleet', 'Acme', seller, 'New', 'lots'],
        ['OPP-000001', 'Copy', 'Acme', seller, 'Lost'],
        ['', 'No ID', 'Gamma', seller, 'Proposal'],
      ]),
    ]);
    adopt(rt);
    rt.run('checkAndRepair');
    expect(column(rt, 'Opportunities', 'ID')).toEqual(['OPP-000001', 'OPP-000001', 'OPP-000002']);
    expect(column(rt, 'Opportunities', 'Amount')).toEqual(['lots', '', '']);
    const report = textGrid(rt, 'Check report');
    expect(report[0]?.[0]).toContain('Generated by Opportunity Tracker');
    const lines = report.slice(2).map((line) => `${line[0]} ${line[2]}: ${line[3]}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        '2 Amount: is not a number',
        '3 Lost reason: Lost needs a lost reason',
        '3 ID: this ID is used by more than one row',
      ]),
    );
  });
});

describe('Budgets at 10 and 5,000 rows: costly calls, cells read and written, modeled time', () => {
  const bigSheet = (rows: number) =>
    sheetOf('Opportunities', [
      englishHeaders,
      ...Array.from({ length: rows }, (_, i) => [
        `OPP-${String(i + 1).padStart(6, '0')}`,
        `Deal ${i}`,
        `Customer ${i}`,
        seller,
        'New',
        1000,
      ]),
    ]);
  /** The tracker's width after adoption: every field and the hidden activity log. */
  const width = englishHeaders.length + 1;

  interface Cost extends LedgerSummary {
    /** Costly calls without progress toasts, which come only on big sheets, on purpose. */
    calls: number;
    rows: number;
    /** Rows the tab has (validation and formats cover them all, filled or not). */
    sheetRows: number;
  }

  /** Set up tracker and Apply in the dialog, Check & repair after that, or a stage typed on the last row. */
  async function cost(
    sheet: SheetSnapshot,
    action: 'adopt' | 'checkAndRepair' | 'edit',
  ): Promise<Cost> {
    const rt = await runtimeWith([sheet]);
    if (action !== 'adopt') adopt(rt);
    rt.ledger.reset();
    const rows = sheet.rows.length - 1;
    if (action === 'adopt') adopt(rt);
    else if (action === 'edit') rt.edit(sheet.name, `E${rows + 1}`, 'Qualified');
    else rt.run(action);
    expect(rt.executionSummary().failures).toEqual([]);
    const summary = rt.ledger.summary();
    return {
      ...summary,
      calls: summary.costlyCalls - (summary.costlyByMethod['Spreadsheet.toast'] ?? 0),
      rows,
      sheetRows: sheet.maxRows,
    };
  }

  it('adopting a sheet: the same costly calls, cells in proportion to its rows, 5,000 rows in under a minute', async () => {
    for (const make of [bigSheet, seedSheet]) {
      const [small, big] = [await cost(make(10), 'adopt'), await cost(make(5000), 'adopt')];
      const where = `${make === bigSheet ? 'own' : 'seed'} sheet: ${JSON.stringify(big.costlyByMethod)}`;
      expect(big.calls, where).toBe(small.calls);
      expect(big.calls, where).toBeLessThanOrEqual(80);
      for (const at of [small, big]) {
        // Values, formulas and validations of each cell read once; a row's worth of writes per row.
        expect(at.cellsRead, where).toBeLessThanOrEqual(3 * width * at.rows + 2_000);
        expect(at.cellsWritten, where).toBeLessThanOrEqual(25 * at.sheetRows + 1_000);
      }
      expect(big.modeledMs.pess, where).toBeLessThanOrEqual(60_000);
    }
  });

  it('Check & repair of a clean tracker: the same costly calls, each cell read once, nothing written', async () => {
    const [small, big] = [
      await cost(bigSheet(10), 'checkAndRepair'),
      await cost(bigSheet(5000), 'checkAndRepair'),
    ];
    const where = JSON.stringify(big.costlyByMethod);
    expect(big.calls, where).toBe(small.calls);
    expect(big.calls, where).toBeLessThanOrEqual(25);
    for (const at of [small, big]) {
      expect(at.cellsRead, where).toBeLessThanOrEqual(width * at.rows + 1_000);
      expect(at.cellsWritten, where).toBe(0);
    }
    expect(big.modeledMs.pess, where).toBeLessThanOrEqual(15_000);
  });

  it('a stage typed on the last row: the same small cost at 10 and 5,000 rows', async () => {
    const [small, big] = [await cost(bigSheet(10), 'edit'), await cost(bigSheet(5000), 'edit')];
    const where = JSON.stringify(big.costlyByMethod);
    expect([big.costlyCalls, big.cellsRead, big.cellsWritten], where).toEqual([
      small.costlyCalls,
      small.cellsRead,
      small.cellsWritten,
    ]);
    expect(big.costlyCalls, where).toBeLessThanOrEqual(8);
    // The row, its neighbours' anchors and, on this first edit after adopting, the Settings tab
    // once (its rows grow with each setting: the amount limit and the archive's added 4).
    expect(big.cellsRead + big.cellsWritten, where).toBeLessThanOrEqual(350);
    expect(big.modeledMs.pess, where).toBeLessThanOrEqual(2_000);
  });
});
