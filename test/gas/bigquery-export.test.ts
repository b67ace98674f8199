// The company export: three team files into BigQuery (the runtime's), DuckDB loaded with what was sent, the views give each team's Metrics-tab figures and the company's sums; reruns, faults and kills add nothing twice.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SpreadsheetSnapshot } from '../../scripts/runtime/snapshot';
import { mapColumns } from '../../src/domain/columns';
import type { LocalDate } from '../../src/domain/dates';
import { defaultSettings } from '../../src/domain/defaults';
import { computeMetrics, type Metrics } from '../../src/domain/metrics';
import { forecastAccuracy } from '../../src/domain/metrics-snapshots';
import type { Cell } from '../../src/domain/model';
import { parseRows } from '../../src/domain/parse-row';
import {
  config,
  duckdbOf,
  exportRuntime,
  tableContents,
  teamSnapshots,
  teams,
} from '../support/export-world';
import { killBeforeCall } from '../support/kill';
import type { Runtime } from '../support/tracker';

/** The export of the morning of 2026-11-24 covers 2026-11-23: the Metrics tab as of that day. */
const day = '2026-11-23' as LocalDate;
const settings = defaultSettings('en');

/** A team file's deals as the Metrics tab reads them (the domain's parse of its cells). */
function metricsOf(
  snapshot: SpreadsheetSnapshot,
  owner: string | null = null,
): { metrics: Metrics; won: Map<string, number>; owners: string[] } {
  const sheet = snapshot.sheets.find((s) => s.name === 'Opportunities');
  const rows = (sheet?.rows ?? []).map((line) =>
    (line ?? []).map((cell): Cell => {
      const value: unknown = cell?.value;
      if (value instanceof Date) {
        const date = new Intl.DateTimeFormat('en-CA', { timeZone: snapshot.timeZone }).format(
          value,
        );
        return { kind: 'date', date: date as LocalDate, time: '00:00:00' };
      }
      return (value ?? '') as Cell;
    }),
  );
  const header = (rows[0] ?? []).map(String);
  const parsed = parseRows(rows.slice(1), mapColumns(header), settings, 2);
  const owners = [...new Set(parsed.deals.map((deal) => deal.owner.toLowerCase()))].sort();
  const deals =
    owner === null ? parsed.deals : parsed.deals.filter((d) => d.owner.toLowerCase() === owner);
  const input = { deals, history: [], settings, today: day };
  const won = new Map(forecastAccuracy(input, []).map((m) => [m.month, m.total.won]));
  return { metrics: computeMetrics(input), won, owners };
}

const close = (a: unknown, b: number) => expect(Number(a)).toBeCloseTo(b, 6);

describe('company export to BigQuery, read back in DuckDB', () => {
  let snapshots: SpreadsheetSnapshot[];
  let rt: Runtime;
  let duck: Awaited<ReturnType<typeof duckdbOf>>;

  beforeAll(async () => {
    snapshots = await teamSnapshots();
    rt = await exportRuntime(snapshots);
    rt.run('configureExport', config);
    rt.run('runExport');
    duck = await duckdbOf(rt);
  }, 120_000);

  it('creates the dataset, three tables and five views, and one daily trigger', () => {
    expect([...rt.bigQuery.tables.values()].map((t) => t.tableId).sort()).toEqual([
      'closed_deals',
      'forecast_accuracy',
      'history',
      'open_deals',
      'pipeline_by_stage',
      'sales_cycle',
      'weighted_forecast',
      'win_rate',
    ]);
    expect(rt.triggers.filter((t) => t.handler === 'runExport')).toHaveLength(1);
  });

  it("gives each team's Metrics-tab figures: pipeline by stage, forecast, win rate, cycle, won per month", async () => {
    for (const [i, team] of teams.entries()) {
      const { metrics: m, won } = metricsOf(snapshots[i] as SpreadsheetSnapshot);
      const where = `team = '${team.team}'`;
      const stages = await duck.rows(
        `SELECT stage, SUM(deals) AS deals, SUM(amount) AS amount, SUM(weighted) AS weighted FROM opportunities.pipeline_by_stage WHERE ${where} GROUP BY stage`,
      );
      for (const stage of m.pipeline.stages.filter((s) => s.count > 0)) {
        const row = stages.find((r) => r.stage === stage.stage);
        expect(row?.deals, `${team.team} ${stage.stage}`).toBe(stage.count);
        close(row?.amount, stage.amount);
        close(row?.weighted, stage.weighted);
      }
      expect(stages.reduce((n, r) => n + Number(r.deals), 0)).toBe(m.pipeline.total.count);

      const months = await duck.rows(
        `SELECT forecast_month, SUM(deals) AS deals, SUM(weighted) AS weighted, SUM(best_case) AS best FROM opportunities.weighted_forecast WHERE ${where} GROUP BY forecast_month`,
      );
      for (const month of m.forecast.months) {
        const row = months.find((r) => r.forecast_month === month.month);
        expect(Number(row?.deals ?? 0), `${team.team} ${month.month}`).toBe(month.count);
        close(row?.weighted ?? 0, month.weighted);
        close(row?.best ?? 0, month.bestCase);
      }

      const [rate] = await duck.rows(
        `SELECT SUM(won) AS won, SUM(lost) AS lost, SUM(won_amount) AS won_amount, SUM(lost_amount) AS lost_amount FROM opportunities.win_rate WHERE ${where}`,
      );
      expect(rate?.won).toBe(m.winRate.won);
      expect(rate?.lost).toBe(m.winRate.lost);
      close(rate?.won_amount, m.winRate.wonAmount);
      close(rate?.lost_amount, m.winRate.lostAmount);
      close(Number(rate?.won) / (Number(rate?.won) + Number(rate?.lost)), m.winRate.byCount ?? 0);

      const [cycle] = await duck.rows(
        `SELECT deals, average_days, median_days FROM opportunities.sales_cycle WHERE level = 'team' AND ${where}`,
      );
      expect(cycle?.deals).toBe(m.salesCycle.overall.count);
      close(cycle?.average_days, m.salesCycle.overall.averageDays ?? 0);
      close(cycle?.median_days, m.salesCycle.overall.medianDays ?? 0);

      // Each owner's cycle too: a median over a handful of deals shows a wrong middle at once.
      for (const owner of metricsOf(snapshots[i] as SpreadsheetSnapshot).owners) {
        const mine = metricsOf(snapshots[i] as SpreadsheetSnapshot, owner).metrics.salesCycle
          .overall;
        const [row] = await duck.rows(
          `SELECT deals, average_days, median_days FROM opportunities.sales_cycle WHERE level = 'owner' AND ${where} AND owner = '${owner}'`,
        );
        expect(Number(row?.deals ?? 0), `${team.team} ${owner}`).toBe(mine.count);
        if (mine.count > 0) close(row?.median_days, mine.medianDays ?? 0);
      }

      const accuracy = await duck.rows(
        `SELECT forecast_month, SUM(won) AS won FROM opportunities.forecast_accuracy WHERE ${where} GROUP BY forecast_month`,
      );
      for (const [month, amount] of won)
        close(accuracy.find((r) => r.forecast_month === month)?.won ?? 0, amount);
    }
  });

  it("adds up to the company's sums", async () => {
    const all = snapshots.map((s) => metricsOf(s).metrics);
    const sum = (f: (m: Metrics) => number) => all.reduce((n, m) => n + f(m), 0);
    const [pipeline] = await duck.rows(
      'SELECT SUM(deals) AS deals, SUM(amount) AS amount, SUM(weighted) AS weighted FROM opportunities.pipeline_by_stage',
    );
    expect(pipeline?.deals).toBe(sum((m) => m.pipeline.total.count));
    close(
      pipeline?.amount,
      sum((m) => m.pipeline.total.amount),
    );
    close(
      pipeline?.weighted,
      sum((m) => m.pipeline.total.weighted),
    );
    const [rate] = await duck.rows(
      'SELECT SUM(won) AS won, SUM(lost) AS lost FROM opportunities.win_rate',
    );
    expect(rate?.won).toBe(sum((m) => m.winRate.won));
    expect(rate?.lost).toBe(sum((m) => m.winRate.lost));
    // The company's win rate is the sum of wins over the sum of closed deals, not a mean of rates.
    close(
      Number(rate?.won) / (Number(rate?.won) + Number(rate?.lost)),
      sum((m) => m.winRate.won) / sum((m) => m.winRate.won + m.winRate.lost),
    );
  });

  it('a rerun, and a rerun that lost its checkpoint, add nothing', async () => {
    const before = tableContents(rt);
    expect(before.open_deals?.length).toBeGreaterThan(100);
    expect(before.history?.length).toBeGreaterThan(100);
    rt.run('runExport');
    expect(tableContents(rt)).toEqual(before);
    for (const team of teams) rt.properties.script.delete(`export.done.${team.id}`);
    rt.run('runExport');
    expect(tableContents(rt)).toEqual(before);
  });

  it("the next morning's export adds that day's lines and closed deals only, each deal and line once", () => {
    const teamFile = rt.files.get('team-iberia');
    const history = teamFile?.sheetByName('History');
    if (!history) throw new Error('no History tab');
    // A line written during the 24th, then the export of the 25th's morning.
    history.rows.push(
      ['2026-11-24 10:00:00', 'seller0@example.com', 'OPP-000002', 'interaction', '', 'call'].map(
        (value) => ({ value }),
      ),
    );
    rt.advanceTo(new Date('2026-11-25T01:30:00Z'));
    rt.run('runExport');
    const after = tableContents(rt);
    const lines = (after.history ?? []).map(
      (row) => JSON.parse(row) as { line_key: string; line_date: string },
    );
    expect(new Set(lines.map((l) => l.line_key)).size).toBe(lines.length);
    expect(lines.filter((l) => l.line_date === '2026-11-24')).toHaveLength(1);
    const closed = (after.closed_deals ?? []).map(
      (row) => JSON.parse(row) as { file_id: string; deal_id: string },
    );
    expect(new Set(closed.map((c) => `${c.file_id}|${c.deal_id}`)).size).toBe(closed.length);
    // A new snapshot of the open deals for the 24th, beside the 23rd's.
    const days = new Set(
      (after.open_deals ?? []).map(
        (row) => (JSON.parse(row) as { snapshot_date: string }).snapshot_date,
      ),
    );
    expect([...days].sort()).toEqual(['2026-11-23', '2026-11-24']);
  });
});

/** Every `step`-th call in `npm test`; every call in `npm run test:reliability`. */
const step = process.env.OT_RELIABILITY_SCALE === 'full' ? 1 : 15;

describe('company export: a failure at any call, or a kill between two calls, loses and duplicates nothing', () => {
  let snapshots: SpreadsheetSnapshot[];
  let expected: Record<string, string[]>;
  let calls: Array<{ service: string; method: string; nth: number }>;

  beforeAll(async () => {
    snapshots = await teamSnapshots();
    const clean = await exportRuntime(snapshots);
    clean.run('configureExport', config);
    clean.ledger.reset();
    clean.run('runExport');
    expected = tableContents(clean);
    const seen = new Map<string, number>();
    calls = clean.ledger.entries.map((entry) => {
      const key = `${entry.service}.${entry.method}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      return { service: entry.service, method: entry.method, nth: seen.get(key) as number };
    });
  }, 120_000);

  async function afterTrouble(trouble: (rt: Runtime) => void): Promise<Record<string, string[]>> {
    const rt = await exportRuntime(snapshots);
    rt.run('configureExport', config);
    trouble(rt);
    try {
      rt.run('runExport');
    } catch {
      // Failed or killed: the executions page shows it; the next run goes on.
    }
    rt.run('runExport');
    return tableContents(rt);
  }

  it('a fault at a call', async () => {
    expect(calls.length).toBeGreaterThan(30);
    for (let k = 0; k < calls.length; k += step) {
      const call = calls[k] as (typeof calls)[number];
      expect(
        await afterTrouble((rt) => rt.failOn(call)),
        `fault at call ${k + 1}: ${call.service}.${call.method}`,
      ).toEqual(expected);
    }
  }, 180_000);

  it('a kill before a call', async () => {
    for (let k = 2; k < calls.length; k += step) {
      expect(
        await afterTrouble((rt) => killBeforeCall(rt, k + 1)),
        `kill before call ${k + 1}: ${calls[k]?.service}.${calls[k]?.method}`,
      ).toEqual(expected);
    }
  }, 180_000);
});
