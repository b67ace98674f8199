// Refresh metrics in the local runtime: the figures of a small team worked out by hand, the tab, its charts, the snapshots.
import { describe, expect, it } from 'vitest';
import { columnToLetters } from '../../scripts/runtime/a1';
import { displayValue } from '../../scripts/runtime/values';
import { luis, metricsFixture, metricsRow } from '../support/metrics-fixture';
import { type Envelope, rpc } from '../support/rpc';
import {
  manager,
  type Runtime,
  seller,
  sheetOf,
  storedValues,
  tab,
  textGrid,
} from '../support/tracker';

const amountColumns = (row: unknown[]) => row.slice(1, 4);

function refresh(rt: Runtime): void {
  rt.run('refreshMetrics');
}

function idsOf(rt: Runtime, label: string): string {
  return String(metricsRow(rt, 'Metrics', label)[8]);
}

describe('Refresh metrics: the figures of a small team, worked out by hand', () => {
  it('counts the key figures from the six deals', async () => {
    const rt = await metricsFixture();
    refresh(rt);
    const row = (label: string) => amountColumns(metricsRow(rt, 'Metrics', label));
    // Open: OPP-1 40,000 + OPP-2 20,000 + OPP-4 10,000.
    expect(row('Open pipeline')).toEqual([3, 70_000, '']);
    // 40,000 x 60 % + 20,000 x 10 % + 10,000 x 80 %.
    expect(row('Weighted pipeline')).toEqual([3, 34_000, '']);
    // November 1-23: OPP-6. October 1 - November 23: OPP-3 and OPP-6.
    expect(row('Won this month')).toEqual([1, 5_000, '']);
    expect(row('Won this quarter')).toEqual([2, 35_000, '']);
    expect(row('Lost this month')).toEqual([1, 15_000, '']);
    // Closed in the last 90 days: 2 won, 1 lost; 35,000 won of 50,000 closed.
    expect(row('Win rate (by count)')).toEqual([3, '', 2 / 3]);
    expect(row('Win rate (by amount)')).toEqual([3, 50_000, 0.7]);
    // (30,000 + 5,000) / 2; cycles of 30 (09-15 -> 10-15) and 21 days (10-20 -> 11-10).
    expect(row('Average deal size (won)')).toEqual([2, 35_000, 17_500]);
    expect(row('Average sales cycle (days)')).toEqual([2, '', 25.5]);
    // No quota in Settings: the Team tab's 150,000; 35,000 won leaves 115,000; 50,000 closes by 12-31.
    expect(row('Pipeline coverage (this quarter)')).toEqual([2, 50_000, 50_000 / 115_000]);
    expect(row('Coverage needed')).toEqual(['', '', 1.5]);
    // OPP-3 is invoiced on 2026-12-01 (after today); OPP-6 on 2026-11-15.
    expect(row('Backlog (won, not invoiced)')).toEqual([1, 30_000, '']);
    expect(row('Backlog ÷ won amount')).toEqual(['', 35_000, 30_000 / 35_000]);
    // OPP-1 (Proposal) and OPP-4 (Negotiation); neither has met the decision maker.
    expect(row('Decision-maker coverage')).toEqual([2, '', 0]);
    // Two interactions logged for OPP-6, none for OPP-3.
    expect(row('Interactions per won deal')).toEqual([2, '', 1]);
    expect(row('Open deals with no next action')[0]).toBe(1);
    expect(row('Overdue next actions')[0]).toBe(1);
    // OPP-2: 22 days in New (target 2, red past 3).
    expect(row('Stale deals')[0]).toBe(1);
    expect(row('Slipping deals')[0]).toBe(1);
  });

  it('lists beside each figure the deals it counted', async () => {
    const rt = await metricsFixture();
    refresh(rt);
    expect(idsOf(rt, 'Open pipeline')).toBe('OPP-000002, OPP-000001, OPP-000004');
    expect(idsOf(rt, 'Won this quarter')).toBe('OPP-000003, OPP-000006');
    expect(idsOf(rt, 'Backlog (won, not invoiced)')).toBe('OPP-000003');
    expect(idsOf(rt, 'Stale deals')).toBe('OPP-000002');
    expect(idsOf(rt, 'Slipping deals')).toBe('OPP-000004');
    expect(String(metricsRow(rt, 'Metrics', 'Stale deals')[7])).toContain('0 amber, 1 red');
  });

  it('splits the pipeline by stage and the forecast by month', async () => {
    const rt = await metricsFixture();
    refresh(rt);
    const stage = (name: string) => metricsRow(rt, 'Metrics', name).slice(1, 5);
    expect(stage('New')).toEqual([1, 20_000, 2_000, 0.1]);
    expect(stage('Proposal')).toEqual([1, 40_000, 24_000, 0.6]);
    expect(stage('Negotiation')).toEqual([1, 10_000, 8_000, 0.8]);
    const month = (key: string) => metricsRow(rt, 'Metrics', key).slice(1, 5);
    expect(month('2026-11')).toEqual([0, 0, 0, 0]);
    expect(month('2026-12')).toEqual([2, 32_000, 50_000, 0]);
    expect(month('2027-02')).toEqual([1, 2_000, 20_000, 0]);
  });

  it('shows the team: each owner pipeline, coverage of their quota and what needs attention', async () => {
    const rt = await metricsFixture();
    refresh(rt);
    const lines = rt.read('Metrics').filter((line) => String(line[0]).startsWith('Ana García'));
    // Pipeline table: open 2, 60,000, weighted 26,000, quota 100,000, won 30,000, 40,000 / 70,000.
    expect(lines[0]?.slice(1, 7)).toEqual([2, 60_000, 26_000, 100_000, 30_000, 40_000 / 70_000]);
    // Attention table: OPP-1 overdue; OPP-2 stale and without a next action.
    expect(lines[1]?.slice(1, 6)).toEqual([1, 1, 1, 0, 2]);
    expect(lines[1]?.[8]).toBe('OPP-000001, OPP-000002');
    const luisLine = rt.read('Metrics').find((line) => line[0] === `Luis Pérez (${luis})`);
    expect(luisLine?.slice(1, 7)).toEqual([1, 10_000, 8_000, 50_000, 5_000, 10_000 / 45_000]);
  });
});

describe('Refresh metrics: the tab', () => {
  it('says in its first row that it is generated, when (in the file zone) and by whom', async () => {
    const rt = await metricsFixture();
    refresh(rt);
    expect(textGrid(rt, 'Metrics')[0]?.[0]).toBe(
      'Generated by Opportunity Tracker: do not edit (Refresh metrics rebuilds this tab). Refreshed 2026-11-23 10:30 (Europe/Madrid) by marta@example.com.',
    );
  });

  it('formats amounts in the currency of Settings, rates as percents', async () => {
    const rt = await metricsFixture();
    refresh(rt);
    const shown = textGrid(rt, 'Metrics').find((line) => line[0] === 'Win rate (by amount)');
    expect(shown?.slice(1, 4)).toEqual(['3', '€50,000', '70.0%']);
  });

  it('is the same tab with the same charts when refreshed twice, in one setValues each time', async () => {
    const rt = await metricsFixture();
    refresh(rt);
    const first = { values: storedValues(rt, 'Metrics'), charts: tab(rt, 'Metrics').charts };
    rt.ledger.reset();
    refresh(rt);
    expect(storedValues(rt, 'Metrics')).toEqual(first.values);
    expect(tab(rt, 'Metrics').charts).toEqual(first.charts);
    expect(first.charts).toHaveLength(6);
    const calls = rt.ledger.byMethod();
    expect(calls['Range.setValues']).toBe(1);
    expect(calls['Sheet.insertChart']).toBeUndefined();
    expect(calls['Sheet.removeChart']).toBeUndefined();
  });

  it('draws each chart from its table on the tab', async () => {
    const rt = await metricsFixture();
    refresh(rt);
    const [stages] = tab(rt, 'Metrics').charts;
    expect(stages?.type).toBe('COLUMN');
    expect(stages?.options.title).toBe('Open pipeline by stage');
    const [labels, series] = stages?.ranges ?? [];
    const header = Number(/A(\d+):/.exec(labels ?? '')?.[1]);
    expect(rt.read('Metrics')[header - 1]?.slice(0, 4)).toEqual([
      'Stage',
      'Deals',
      'Amount',
      'Weighted',
    ]);
    expect(series).toBe(`Metrics!C${header}:D${header + 4}`);
  });

  it('rebuilds the charts, never adding to them, when the layout changes', async () => {
    const rt = await metricsFixture();
    refresh(rt);
    const before = tab(rt, 'Metrics').charts;
    // A new lost reason adds a row to the lost reasons table: every table below it moves.
    rt.edit('Opportunities', 'C3', 'Nordic Foods');
    const stage = fieldsColumn(rt, 'Stage');
    rt.edit('Opportunities', `${stage}3`, 'Lost');
    rt.edit('Opportunities', `${fieldsColumn(rt, 'Lost reason')}3`, 'Competitor');
    refresh(rt);
    const after = tab(rt, 'Metrics').charts;
    expect(after).toHaveLength(6);
    expect(new Set(after.map((c) => c.chartId)).size).toBe(6);
    // The won-and-created chart follows its table one row down, and points at its header still.
    expect(after[3]?.ranges[0]).not.toBe(before[3]?.ranges[0]);
    const header = Number(/A(\d+):/.exec(after[3]?.ranges[0] ?? '')?.[1]);
    expect(rt.read('Metrics')[header - 1]?.slice(0, 2)).toEqual(['Month', 'Won']);
  });

  it('grows a Metrics tab someone shrank, and blanks what a longer earlier version left', async () => {
    // An earlier Metrics tab of the add-on's (its banner says so; a team's own tab is never taken).
    const banner = 'Generated by Opportunity Tracker: do not edit (an older refresh).';
    const small = { ...sheetOf('Metrics', [[banner, 'figures']], 9), maxRows: 40, maxColumns: 12 };
    small.rows.push(...Array.from({ length: 30 }, () => []), [
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      { value: 'stray' },
    ]);
    const rt = await metricsFixture({ more: [small] });
    refresh(rt);
    const grid = rt.read('Metrics');
    expect(tab(rt, 'Metrics').maxRows).toBeGreaterThan(100);
    expect(grid.flat()).not.toContain('stray');
    expect(grid.flat()).not.toContain('figures');
    expect(metricsRow(rt, 'Metrics', 'Open pipeline')[1]).toBe(3);
  });

  it('speaks Spanish in a Spanish file: tab names, words, the menu and the currency', async () => {
    const rt = await metricsFixture({ locale: 'es_ES' });
    rt.open();
    expect(JSON.stringify(rt.ui.addonMenu?.items)).toContain('Actualizar métricas');
    rt.run('refreshMetrics');
    const grid = textGrid(rt, 'Métricas');
    expect(grid[0]?.[0]).toMatch(
      /^Generado por Opportunity Tracker: no editar .* por marta@example.com\.$/,
    );
    const at = grid.findIndex((line) => line[0] === 'Cartera abierta');
    const amount = tab(rt, 'Métricas').rows[at]?.[2] ?? null;
    expect(amount?.numberFormat).toBe('#,##0 [$€]');
    expect(displayValue(amount, 'es_ES')).toBe('70.000 €');
    expect(textGrid(rt, 'Instantáneas')[1]?.[0]).toBe('Semana');
    expect(tab(rt, 'Métricas').charts[0]?.options.title).toBe('Cartera abierta por etapa');
  });
});

describe('Refresh metrics: the Snapshots tab', () => {
  it('adds one row per ISO week, never twice for a week, and never rewrites it', async () => {
    const rt = await metricsFixture();
    refresh(rt);
    refresh(rt);
    const first = storedValues(rt, 'Snapshots');
    expect(first).toHaveLength(3);
    expect(first[2]?.slice(0, 8)).toEqual([
      '2026-W48',
      expect.anything(),
      expect.anything(),
      '10:30',
      manager,
      3,
      70_000,
      34_000,
    ]);
    // Next Monday, 09:00 in Madrid, someone else refreshes.
    rt.advanceTo(new Date('2026-11-30T08:00:00Z'));
    rt.setUser(seller);
    refresh(rt);
    refresh(rt);
    const later = storedValues(rt, 'Snapshots');
    expect(later).toHaveLength(4);
    expect(later.slice(0, 3)).toEqual(first);
    expect(later[3]?.slice(0, 5)).toEqual([
      '2026-W49',
      expect.anything(),
      expect.anything(),
      '09:00',
      seller,
    ]);
    // The trend now shows both weeks.
    expect(rt.read('Metrics').filter((line) => /^2026-W4[89]$/.test(String(line[0])))).toHaveLength(
      2,
    );
  });

  it('records each owner and the month forecast, for the accuracy a month later', async () => {
    const rt = await metricsFixture();
    refresh(rt);
    const row = storedValues(rt, 'Snapshots')[2] ?? [];
    expect(row.at(-1)).toBe(
      'ana@example.com: 60000 / 26000 / 0; luis@example.com: 10000 / 8000 / 0',
    );
  });
});

describe('Refresh metrics: when it cannot', () => {
  it('says so when there is no tracker yet, and writes nothing', async () => {
    const { runtimeWith, sheetOf } = await import('../support/tracker');
    const rt = await runtimeWith([sheetOf('Sheet1', [])]);
    rt.ui.answer('OK');
    rt.run('refreshMetrics');
    expect(rt.ui.alerts.at(-1)?.prompt).toBe('There is no tracker yet: use Set up tracker first.');
    expect(rt.snapshot().sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  it('waits for someone else saving, then says busy without writing half a tab', async () => {
    const rt = await metricsFixture();
    rt.holdLock('document');
    rt.ui.answer('OK');
    rt.run('refreshMetrics');
    expect(rt.ui.alerts.at(-1)?.prompt).toBe(
      'Someone else is changing the tracker right now. Try again in a few seconds.',
    );
    expect(rt.snapshot().sheets.some((s) => s.name === 'Metrics')).toBe(false);
  });
});

describe('the team view in the sidebar', () => {
  const data = <T>(envelope: Envelope<T>): T => {
    if (!envelope.ok) throw new Error(envelope.error.code);
    return envelope.data;
  };

  it('tells the sidebar who is a manager', async () => {
    const rt = await metricsFixture();
    expect(rpc(rt, 'bootstrap', {})).toMatchObject({ ok: true, data: { manager: true } });
    rt.setUser(seller);
    expect(rpc(rt, 'bootstrap', {})).toMatchObject({ ok: true, data: { manager: false } });
  });

  it("lists the manager's people with their figures, and one person's deals that need attention", async () => {
    const rt = await metricsFixture();
    const view = data(rpc(rt, 'teamView', {}));
    expect(view.owners.map((o) => o.owner)).toEqual([seller, luis]);
    expect(view.owners[0]).toMatchObject({
      name: 'Ana García',
      openAmount: 60_000,
      weighted: 26_000,
      quota: 100_000,
      overdue: 1,
      stale: 1,
      noNextAction: 1,
      slipping: 0,
      attention: 2,
    });
    expect(view.total).toMatchObject({ openCount: 3, attention: 3 });
    const ana = data(rpc(rt, 'teamView', { owner: seller }));
    expect(ana.deals.map((d) => [d.id, d.reasons, d.row])).toEqual([
      ['OPP-000001', ['overdue'], 2],
      ['OPP-000002', ['stale', 'noNextAction'], 3],
    ]);
  });

  it('shows a seller no team', async () => {
    const rt = await metricsFixture({ user: seller });
    expect(rpc(rt, 'teamView', {})).toMatchObject({
      ok: true,
      data: { manager: false, owners: [] },
    });
  });

  it('refreshes the metrics from the sidebar too', async () => {
    const rt = await metricsFixture();
    const result = rpc(rt, 'refreshMetrics', {});
    expect(result).toMatchObject({
      ok: true,
      data: { tab: 'Metrics', deals: 6, charts: 6, snapshot: { week: '2026-W48', added: true } },
    });
  });
});

function fieldsColumn(rt: Runtime, header: string): string {
  return columnToLetters((rt.read('Opportunities')[0] ?? []).indexOf(header) + 1);
}
