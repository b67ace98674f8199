// Set up, adopt and Check & repair at 50,000 deals with 10 History rows each: within 120 s modeled.
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../scripts/runtime/index';
import type { SheetSnapshot } from '../../scripts/runtime/snapshot';
import { defaultSettings } from '../../src/domain/defaults';
import { fields } from '../../src/domain/fields';
import { settingsToRows, teamToRows } from '../../src/domain/settings-table';
import { adoptCall, dialogView, noChoices } from '../support/adopt';
import { loadExport, typedCell } from '../support/exports';
import {
  type CellInput,
  dateCell,
  now,
  type Runtime,
  seller,
  sheetOf,
  spreadsheetOf,
} from '../support/tracker';

const deals = 50_000;
const historyPerDeal = 10;
/** Issue 10: each of these finishes within 120 s modeled (pessimistic) on Google's servers. */
const budgetMs = 120_000;

const stages = ['New', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'];
const headers = fields.map((field) => field.header.en);
const at = (header: string) => headers.indexOf(header);

/** The add-on's own tracker, 50,000 deals, every 100th row missing its ID, every 10th a bad amount. */
function bigTracker(): SheetSnapshot {
  const close = dateCell('2027-01-15');
  const rows = Array.from({ length: deals }, (_, i) => {
    const row: CellInput[] = Array(headers.length).fill('');
    row[at('ID')] = i % 100 === 99 ? '' : `OPP-${String(i + 1).padStart(6, '0')}`;
    row[at('Opportunity')] = `Deal ${i + 1}`;
    row[at('Customer')] = `Customer ${i % 997}`;
    row[at('Owner')] = seller;
    const stage = stages[i % 4] ?? 'New';
    row[at('Stage')] = stage;
    row[at('Amount')] = i % 10 === 9 ? 'lots' : 1000 + (i % 50) * 100;
    row[at('Expected close')] = close;
    return row;
  });
  return { ...sheetOf('Opportunities', [headers, ...rows], 0), maxRows: deals + 1 };
}

function history(): SheetSnapshot {
  const rows: CellInput[][] = [['Time', 'User', 'Deal ID', 'Field', 'Old value', 'New value']];
  for (let i = 0; i < deals; i += 1) {
    const id = `OPP-${String(i + 1).padStart(6, '0')}`;
    for (let k = 0; k < historyPerDeal; k += 1) {
      rows.push(['2026-10-01 09:00:00', seller, id, 'stage', 'New', 'Qualified']);
    }
  }
  return sheetOf('History', rows, 3);
}

async function runtimeOn(sheets: SheetSnapshot[], ours: boolean): Promise<Runtime> {
  const settings = settingsToRows(defaultSettings('en'), 'en');
  const rt = await createRuntime({
    spreadsheet: spreadsheetOf([
      ...sheets,
      sheetOf('Settings', settings, 1),
      sheetOf('Team', teamToRows([], 'en'), 2),
      history(),
    ]),
    timeZone: 'Europe/Madrid',
    now,
    user: seller,
    costMode: 'pess',
  });
  if (ours) {
    const store = rt.properties.document();
    store.set('tracker.sheetId', '0');
    store.set('settings.sheetId', '1');
    store.set('team.sheetId', '2');
    store.set('history.sheetId', '3');
    store.set('tracker.nextId', String(deals + 1));
  }
  return rt;
}

interface Cost {
  /** Modeled time on Google's servers (pess) plus the script's own CPU time (rt.ledger.summary). */
  modeledMs: number;
  cpuMs: number;
  costlyCalls: number;
  cellsRead: number;
  cellsWritten: number;
}

/** One action's cost from the runtime's ledger: calls, cells, modeled server time and CPU. */
function measure(rt: Runtime, work: () => void): Cost {
  rt.ledger.reset();
  work();
  const summary = rt.ledger.summary();
  return {
    modeledMs: summary.modeledMs.pess,
    cpuMs: summary.cpuMs,
    costlyCalls: summary.costlyCalls,
    cellsRead: summary.cellsRead,
    cellsWritten: summary.cellsWritten,
  };
}

function report(name: string, cost: Cost): void {
  console.log(
    `${name}: ${(cost.modeledMs / 1000).toFixed(1)} s modeled (pess, ${(cost.cpuMs / 1000).toFixed(1)} s of it CPU), ${cost.costlyCalls} costly calls, ${cost.cellsRead} cells read, ${cost.cellsWritten} written`,
  );
}

describe(`at ${deals.toLocaleString('en')} deals with ${historyPerDeal} History rows each`, () => {
  it('sets up a big tracker, again, and checks and repairs it, each within the budget', async () => {
    const rt = await runtimeOn([bigTracker()], true);
    const first = measure(rt, () => rt.run('setUpTracker'));
    report('set up (first)', first);
    expect(first.modeledMs).toBeLessThanOrEqual(budgetMs);
    const again = measure(rt, () => rt.run('setUpTracker'));
    report('set up (again)', again);
    expect(again.cellsWritten).toBe(0);
    expect(again.modeledMs).toBeLessThanOrEqual(budgetMs);
    const repair = measure(rt, () => rt.run('checkAndRepair'));
    report('check & repair', repair);
    expect(rt.executions.at(-1)?.status).toBe('completed');
    expect(repair.modeledMs).toBeLessThanOrEqual(budgetMs);
    // Every 10th amount is bad: 5,000 lines, far past the 1,000 rows a new tab has, and only the
    // report is written (the 500 missing IDs were filled by set up, one cell each).
    const reportRows = rt.spreadsheet.sheets.find((s) => s.name === 'Check report')?.lastRow() ?? 0;
    expect(reportRows).toBe(5_002);
    // The report's cells, and its header row made bold.
    expect(repair.cellsWritten).toBe(5_002 * 5 + 5);
    expect(first.cellsWritten).toBeLessThan(deals * 30);
    expect(rt.ui.toasts.length).toBeGreaterThan(0);
  }, 600_000);

  it('adopts a 50,000-row CRM export within the budget: the dialog, then Apply', async () => {
    const hubspot = loadExport('hubspot-deals.en.csv');
    const rows = Array.from({ length: deals }, (_, i) =>
      (hubspot.rows[i % hubspot.rows.length] ?? []).map((text, c) =>
        c === 0 ? 17000000000 + i : typedCell(text, 'en'),
      ),
    );
    const sheet = { ...sheetOf('Deals', [hubspot.header, ...rows], 5), maxRows: deals + 1 };
    const rt = await runtimeOn([sheet], false);
    const shown = measure(rt, () => rt.run('setUpTracker'));
    report('adopt: dialog', shown);
    expect(shown.cellsWritten).toBe(0);
    expect(shown.modeledMs).toBeLessThanOrEqual(budgetMs);
    const view = dialogView(rt);
    const applied = measure(rt, () => {
      const answer = adoptCall<{ status: string }>(rt, 'apply', {
        sheetId: view.sheetId,
        choices: noChoices,
        fingerprint: view.fingerprint,
      });
      expect(answer.ok && answer.data.status).toBe('applied');
    });
    report('adopt: apply', applied);
    expect(applied.modeledMs).toBeLessThanOrEqual(budgetMs);
    expect(rt.ui.toasts.length).toBeGreaterThan(0);
  }, 600_000);
});
