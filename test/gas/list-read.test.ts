// One person's lists on a big tracker read the owner and stage columns, then only their open rows: same deals, same values, whichever way the rows are read.
import { beforeAll, describe, expect, it } from 'vitest';
import { bigTracker, ownerOf } from '../support/big-tracker';
import { rpc } from '../support/rpc';
import type { Runtime } from '../support/tracker';

const deals = 3_000;
const me = ownerOf(0, 50);
const closedStages = new Set(['Won', 'Lost']);

interface Line {
  id: string;
  name: string;
  amount: number | null;
  closeDate: string | null;
  nextActionDate: string | null;
  row: number;
}

/** The test's own reading of the sheet: every open deal of `owner`, by its cells. */
function expectedOpen(rt: Runtime, owner: string): Map<string, Line> {
  const grid = rt.read('Opportunities');
  const header = grid[0] as string[];
  const at = (name: string) => header.indexOf(name);
  const day = (value: unknown) =>
    value instanceof Date
      ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Madrid' }).format(value)
      : null;
  const lines = new Map<string, Line>();
  grid.slice(1).forEach((cells, i) => {
    if (String(cells[at('Owner')]).toLowerCase() !== owner) return;
    if (closedStages.has(String(cells[at('Stage')]))) return;
    const id = String(cells[at('ID')]);
    lines.set(id, {
      id,
      name: String(cells[at('Opportunity')]),
      amount: cells[at('Amount')] === '' ? null : Number(cells[at('Amount')]),
      closeDate: day(cells[at('Expected close')]),
      nextActionDate: day(cells[at('Next action date')]),
      row: i + 2,
    });
  });
  return lines;
}

function queueOf(rt: Runtime): Line[] {
  const answer = rpc(rt, 'reviewQueue', { mine: true });
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.data.queue.map((line) => ({
    id: line.id,
    name: line.name,
    amount: line.amount,
    closeDate: line.closeDate,
    nextActionDate: line.nextActionDate,
    row: line.row,
  }));
}

describe(`My day and the review queue at ${deals.toLocaleString('en-US')} deals`, () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await bigTracker(deals);
    rpc(rt, 'bootstrap', {});
    // Rows out of creation order, a deal with a time in its close date, one with an empty tail.
    rt.edit('Opportunities', 'G51', '2026-12-01 10:30');
  }, 60_000);

  it("reads the owner and stage columns, then the seller's open rows in one Sheets API request", () => {
    rt.ledger.reset();
    const lines = queueOf(rt);
    const cost = rt.ledger.summary();
    expect(cost.byMethod['Sheets.Spreadsheets.Values.batchGetByDataFilter']).toBe(1);
    expect(cost.cellsRead).toBeLessThan(deals * 2 + 100 * 45);
    const expected = expectedOpen(rt, me);
    expect(lines.length).toBe(expected.size);
    for (const line of lines) expect(line, line.id).toEqual(expected.get(line.id));
  });

  it('reads the same deals and values through SpreadsheetApp when the Sheets API fails', () => {
    const withApi = queueOf(rt);
    rt.failOn({ service: 'Sheets.Spreadsheets.Values', method: 'batchGetByDataFilter' });
    rt.ledger.reset();
    const without = queueOf(rt);
    expect(rt.ledger.summary().byMethod['Sheets.Spreadsheets.Values.batchGetByDataFilter']).toBe(1);
    expect(without).toEqual(withApi);
  });

  it('lists the same My day as before whatever the order of the rows (sorted by owner)', () => {
    const before = rpc(rt, 'myDay', {});
    const sheet = rt.spreadsheet.sheetByName('Opportunities');
    if (!sheet || !before.ok) throw new Error('no tracker');
    const ownerAt = (sheet.rows[0] ?? []).findIndex((cell) => cell?.value === 'Owner');
    const [head, ...body] = sheet.rows;
    body.sort((a, b) => String(a?.[ownerAt]?.value).localeCompare(String(b?.[ownerAt]?.value)));
    sheet.rows = [head ?? [], ...body];
    rt.ledger.reset();
    const after = rpc(rt, 'myDay', {});
    if (!after.ok) throw new Error(JSON.stringify(after.error));
    const ids = (day: typeof before) =>
      day.ok
        ? Object.fromEntries(
            Object.entries(day.data).map(([list, items]) => [
              list,
              (items as Array<{ id: string }>).map((item) => item.id).sort(),
            ]),
          )
        : {};
    expect(ids(after)).toEqual(ids(before));
    // The seller's rows are now one block: read with one getValues, no API request.
    expect(
      rt.ledger.summary().byMethod['Sheets.Spreadsheets.Values.batchGetByDataFilter'] ?? 0,
    ).toBe(0);
    const rows = (after.data.overdue as Array<{ id: string; row: number }>).map((d) => d.row);
    expect(Math.max(...rows) - Math.min(...rows)).toBeLessThan(deals / 50);
  });
});
