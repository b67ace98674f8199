// A metrics refresh costs the same reads at any size, and at 50,000 deals stays within 36 s modeled.
import { beforeAll, describe, expect, it } from 'vitest';
import { measureRun, type RefreshMeasure, readCalls } from '../../scripts/bench/metrics';
import { historyLineBudget } from '../../src/gas/history-read';
import { metricsFields } from '../../src/gas/metrics-refresh';
import { bigTracker } from '../support/big-tracker';

/** 10,000 and up: each column group is its own read (below, reading through a gap is cheaper). */
const sizes = [100, 10_000, 50_000] as const;
/** The budget: one refresh at 50,000 deals with 10 History lines each, pessimistic, CPU included. */
const budgetMs = 36_000;
/**
 * Reads per refresh, whatever the size: the tracker's last row and one read per group of the
 * columns the figures use (8 groups at most), History's size, header and two column groups,
 * Settings and Team (size and values each).
 */
const readBound = 1 + 8 + 4 + 2 + 2;
/** History columns read: time, deal, field, old and new (never User or "Also changed"). */
const historyColumns = 5;

const measured = new Map<number, RefreshMeasure>();
let usualAt50k: string | null = null;

describe('refresh metrics at 100, 10,000 and 50,000 deals (10 History lines each)', () => {
  beforeAll(async () => {
    for (const deals of sizes) {
      const rt = await bigTracker(deals);
      measured.set(deals, measureRun(rt, deals, 'refreshMetrics'));
      if (deals === 50_000)
        usualAt50k = rt.properties.document().get('tracker.usualAmount') ?? null;
    }
  }, 300_000);

  it("keeps the open deals' usual amount for the saves' amount check (the lists read only one seller's rows here)", () => {
    // bigTracker's open deals are those in its first four of six stages, amount 1000 + 37i mod 50,000.
    const open = Array.from({ length: 50_000 }, (_, i) => i)
      .filter((i) => i % 6 < 4)
      .map((i) => 1000 + ((i * 37) % 50_000))
      .sort((a, b) => a - b);
    const middle = ((open[open.length / 2 - 1] ?? 0) + (open[open.length / 2] ?? 0)) / 2;
    expect(JSON.parse(usualAt50k ?? '{}').usual).toBe(Number(middle.toPrecision(2)));
  });

  it('reads each tab a fixed number of times, whatever the size', () => {
    const at = (deals: number) => measured.get(deals) as RefreshMeasure;
    for (const deals of sizes)
      expect(readCalls(at(deals).summary), `${deals}`).toBeLessThanOrEqual(readBound);
    // Past the size where neighbouring columns are worth reading through, the reads stop changing.
    const reads = (deals: number) =>
      Object.fromEntries(
        Object.entries(at(deals).summary.byMethod).filter(([method]) =>
          /get(Values|DataRange|LastRow)/.test(method),
        ),
      );
    expect(reads(50_000)).toEqual(reads(10_000));
  });

  it('reads only the columns the figures use, and History up to its line budget', () => {
    const { summary } = measured.get(50_000) as RefreshMeasure;
    const tracker = 50_000 * metricsFields.length;
    const history = historyLineBudget * historyColumns;
    // The rest: the header rows, Settings and Team (a few hundred cells).
    expect(summary.cellsRead).toBeGreaterThanOrEqual(tracker + history);
    expect(summary.cellsRead).toBeLessThan(tracker + history + 1_000);
  });

  it(`stays within ${budgetMs / 1000} s modeled at 50,000 deals, pessimistic, the script's CPU included`, () => {
    const m = measured.get(50_000) as RefreshMeasure;
    const where = `server ${Math.round(m.summary.serverMs.pess)} ms + script ${Math.round(m.summary.cpuMs)} ms: ${JSON.stringify(m.summary.costlyByMethod)}`;
    expect(m.totalPessMs, where).toBeLessThanOrEqual(budgetMs);
  });

  it('writes the same few calls at every size (one setValues for the Metrics tab)', () => {
    for (const deals of sizes) {
      const { summary } = measured.get(deals) as RefreshMeasure;
      // Metrics tab and the first snapshot (a new Snapshots tab: banner, header and row in one write).
      expect(summary.byMethod['Range.setValues'], `${deals}`).toBe(2);
      expect(summary.cellsWritten, `${deals}`).toBeLessThan(10_000);
    }
  });

  it('costs less the second time in a week: the charts stay and no snapshot is added', async () => {
    const rt = await bigTracker(100);
    rt.run('refreshMetrics');
    const again = measureRun(rt, 100, 'refreshMetrics');
    expect(again.summary.byMethod['Sheet.insertChart']).toBeUndefined();
    expect(again.summary.byMethod['Range.setValues']).toBe(1);
    // 12 reads (tracker, History, Settings, Team, Snapshots, the tab's size), 3 writes, the tab's
    // grid size and charts (3), the document lock and the script lock the reminder run shares
    // (issue 21), properties, flush, and the menu's activate and toast.
    expect(again.summary.costlyCalls).toBeLessThanOrEqual(24);
  }, 60_000);
});
