// Every sidebar call costs the same at 100 and 50,000 deals: costly calls, cells, modeled time.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LedgerSummary } from '../../scripts/runtime/ledger';
import { bigTracker, idOf, ownerOf } from '../support/big-tracker';
import { rpc } from '../support/rpc';
import type { Runtime } from '../support/tracker';

const sizes = [100, 50_000] as const;
/** The budgets: per click, whatever the sheet's size. */
const readBudget = { costly: 3, pessMs: 1_500 };
/**
 * 6 calls, plus the SpreadsheetApp.flush Google's Lock page asks for before the lock is released
 * (issue 21: the guarantee is kept and its cost paid, 30 ms modeled after the row's read-back).
 */
const writeBudget = { costly: 7, pessMs: 1_500 };
/** A row is ~46 cells: a call may read or write a few rows' worth, never a column. */
const cellBudget = 200;

function measured(rt: Runtime, method: string, payload: unknown): LedgerSummary {
  rt.ledger.reset();
  const result = rpc(rt, method, payload);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return rt.ledger.summary();
}

function versionOf(rt: Runtime, id: string): string {
  const result = rpc(rt, 'getDeal', { id });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data.version as string;
}

const runtimes = new Map<number, Runtime>();
const costs = new Map<string, LedgerSummary>();

/** A deal near the end of the sheet, owned by the runtime's user, in an open stage. */
function lateDeal(deals: number): { id: string; row: number } {
  let i = deals - 1;
  while (i % 6 >= 4 || ownerOf(i, 50) !== ownerOf(0, 50)) i -= 1;
  return { id: idOf(i), row: i + 2 };
}

describe('sidebar calls at 100 and 50,000 deals (10 History lines each)', () => {
  beforeAll(async () => {
    for (const deals of sizes) {
      const rt = await bigTracker(deals);
      rpc(rt, 'bootstrap', {});
      runtimes.set(deals, rt);
    }
  }, 300_000);

  function each(
    name: string,
    budget: typeof readBudget,
    run: (rt: Runtime, deals: number) => LedgerSummary,
  ) {
    it(`${name}: at most ${budget.costly} costly calls and ${budget.pessMs} ms (pessimistic) at both sizes`, () => {
      for (const deals of sizes) {
        const rt = runtimes.get(deals) as Runtime;
        const cost = run(rt, deals);
        costs.set(`${name}@${deals}`, cost);
        const where = `${name} at ${deals} deals: ${JSON.stringify(cost.costlyByMethod)}`;
        expect(cost.costlyCalls, where).toBeLessThanOrEqual(budget.costly);
        expect(cost.cellsRead + cost.cellsWritten, where).toBeLessThanOrEqual(cellBudget);
        expect(cost.modeledMs.pess, where).toBeLessThanOrEqual(budget.pessMs);
      }
      const small = costs.get(`${name}@${sizes[0]}`) as LedgerSummary;
      const large = costs.get(`${name}@${sizes[1]}`) as LedgerSummary;
      expect(large.costlyCalls, name).toBe(small.costlyCalls);
      expect(large.cellsRead, name).toBe(small.cellsRead);
      expect(large.cellsWritten, name).toBe(small.cellsWritten);
    });
  }

  each('selection poll on a deal near the end', readBudget, (rt, deals) => {
    rt.select('Opportunities', `C${lateDeal(deals).row}`);
    return measured(rt, 'selection', {});
  });

  each('getDeal by ID alone (a TextFinder, then one row)', readBudget, (rt, deals) =>
    measured(rt, 'getDeal', { id: lateDeal(deals).id }),
  );

  each('getDeal with the row the sidebar saw', readBudget, (rt, deals) =>
    measured(rt, 'getDeal', lateDeal(deals)),
  );

  each('selectDeal', readBudget, (rt, deals) => measured(rt, 'selectDeal', lateDeal(deals)));

  each('moveStage', writeBudget, (rt, deals) => {
    const { id } = lateDeal(deals);
    const version = versionOf(rt, id);
    const to = rpc(rt, 'getDeal', { id }).ok ? 'Negotiation' : 'Proposal';
    return measured(rt, 'moveStage', { id, version, to });
  });

  each('setNextAction', writeBudget, (rt, deals) => {
    const { id } = lateDeal(deals);
    return measured(rt, 'setNextAction', {
      id,
      version: versionOf(rt, id),
      nextAction: 'Send the revised quote',
      nextActionDate: '2026-11-27',
      nextActionGoal: 'Agree the price',
    });
  });

  each('logInteraction', writeBudget, (rt, deals) => {
    const { id } = lateDeal(deals);
    return measured(rt, 'logInteraction', {
      id,
      version: versionOf(rt, id),
      type: 'call',
      date: '2026-11-23',
      summary: 'Talked budget',
    });
  });

  each('setChecklist', writeBudget, (rt, deals) => {
    const { id } = lateDeal(deals);
    return measured(rt, 'setChecklist', {
      id,
      version: versionOf(rt, id),
      checklist: { budget: true, authority: true, timeline: true, pain: false, fit: true },
      decisionMakerMet: true,
    });
  });

  each(
    'markDone (the action on file logged, the next one saved: one save)',
    writeBudget,
    (rt, deals) => {
      const { id } = lateDeal(deals);
      return measured(rt, 'markDone', {
        id,
        version: versionOf(rt, id),
        type: 'call',
        nextAction: `Follow up ${deals}`,
        nextActionDate: '2026-12-02',
        nextActionGoal: '',
      });
    },
  );

  each('undoMove (a Won move set back)', writeBudget, (rt, deals) => {
    const { id } = lateDeal(deals);
    const before = rpc(rt, 'getDeal', { id });
    if (!before.ok) throw new Error('no deal');
    const won = rpc(rt, 'moveStage', { id, version: before.data.version, to: 'Won' });
    if (!won.ok) throw new Error(JSON.stringify(won.error));
    const was = before.data.deal;
    return measured(rt, 'undoMove', {
      id,
      version: won.data.version,
      restore: {
        stage: was.stage,
        stageEntered: was.stageEntered,
        probability: was.probability,
        closedOn: was.closedOn,
        updated: was.updated,
      },
    });
  });

  each('reviewDeal', writeBudget, (rt, deals) => {
    const { id } = lateDeal(deals);
    return measured(rt, 'reviewDeal', {
      id,
      version: versionOf(rt, id),
      nextAction: 'Confirm the order',
      nextActionDate: '2026-11-30',
      nextActionGoal: 'Signed order',
      closeDate: '2026-12-15',
    });
  });

  each('createDeal', writeBudget, (rt) =>
    measured(rt, 'createDeal', {
      name: 'New fleet',
      customer: 'Acme',
      amount: 12_000,
      closeDate: '2026-12-31',
      nextAction: 'Discovery call',
      nextActionDate: '2026-11-25',
      nextActionGoal: 'Qualify',
    }),
  );
});

describe('lists over every deal at 50,000 deals', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await bigTracker(50_000);
    rpc(rt, 'bootstrap', {});
  }, 300_000);

  // Issue 22: one person's lists read the owner and stage columns, then only that person's open
  // rows (one Sheets API batch request): at most 3 s modeled, CPU included.
  for (const [method, payload] of [
    ['myDay', {}],
    ['reviewQueue', { mine: true }],
  ] as const) {
    it(`${method} ${JSON.stringify(payload)} reads two columns and the seller's open rows: at most 3 s modeled`, () => {
      const cost = measured(rt, method, payload);
      const where = JSON.stringify(cost.costlyByMethod);
      expect(cost.costlyCalls, where).toBeLessThanOrEqual(4);
      // Owner and stage of every row (100,000 cells), then ~670 rows of 44 columns.
      expect(cost.cellsRead, where).toBeLessThanOrEqual(50_000 * 2 + 1_000 * 44);
      expect(cost.cellsWritten).toBe(0);
      expect(cost.modeledMs.pess, where).toBeLessThanOrEqual(3_000);
    });
  }

  it("the whole team's review queue reads only its columns and finishes within 120 s modeled", () => {
    const cost = measured(rt, 'reviewQueue', { mine: false });
    const where = JSON.stringify(cost.costlyByMethod);
    // The last row, then a handful of column groups: never the whole tab, never History.
    expect(cost.costlyCalls, where).toBeLessThanOrEqual(8);
    expect(cost.cellsRead, where).toBeLessThanOrEqual(50_000 * 16 * 2);
    expect(cost.cellsWritten).toBe(0);
    expect(cost.modeledMs.pess, where).toBeLessThanOrEqual(120_000);
  });

  it('checks an amount against the kept usual amount without reading the amount column', () => {
    // The usual amount as the morning Metrics refresh keeps it (test/gas/metrics-budgets.test.ts).
    const rt = runtimes.get(50_000) as Runtime;
    rt.properties
      .document()
      .set('tracker.usualAmount', JSON.stringify({ usual: 26_000, on: '2026-11-23' }));
    const { id } = lateDeal(50_000);
    const version = versionOf(rt, id);
    rt.ledger.reset();
    const refused = rpc(rt, 'updateDeal', { id, version, patch: { amount: 90_000_000 } });
    const cost = rt.ledger.summary();
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'RULE', details: { code: 'unusualAmount', params: { field: 'amount' } } },
    });
    expect(cost.cellsRead).toBeLessThanOrEqual(cellBudget);
    expect(cost.costlyCalls).toBeLessThanOrEqual(writeBudget.costly);
  });
});

describe('lists after archiving a 50,000-deal tracker whose deals are 80 % closed more than a year ago', () => {
  let rt: Runtime;
  beforeAll(async () => {
    // What Archive closed deals leaves: the 10,000 recent deals across every stage (the first
    // 40,000, closed over a year ago, gone). test/gas/archive.test.ts moves deals for real; the
    // bench archives the whole 50,000 and measures the lists after it (scripts/bench/archive.ts).
    rt = await bigTracker(10_000, { historyPerDeal: 1 });
    rpc(rt, 'bootstrap', {});
  }, 300_000);

  for (const [method, payload] of [
    ['myDay', {}],
    ['reviewQueue', { mine: true }],
  ] as const) {
    it(`${method} ${JSON.stringify(payload)}: at most 1.5 s modeled`, () => {
      const cost = measured(rt, method, payload);
      const where = JSON.stringify(cost.costlyByMethod);
      expect(cost.costlyCalls, where).toBeLessThanOrEqual(4);
      expect(cost.modeledMs.pess, where).toBeLessThanOrEqual(1_500);
    });
  }
});
