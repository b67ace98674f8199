// Archive closed deals: old Won and Lost deals and their History move to the archive file, all or nothing, with the same metrics.
import { describe, expect, it } from 'vitest';
import {
  archiveFile,
  exactlyOnce,
  oldTracker,
  type Placement,
  placement,
} from '../support/archive-world';
import { killBeforeCall } from '../support/kill';
import { rpc } from '../support/rpc';
import type { Runtime } from '../support/tracker';

const archive = (rt: Runtime) => rt.clickMenu('Archive closed deals');
const lastAlert = (rt: Runtime) => String(rt.ui.alerts.at(-1)?.prompt ?? '');

/** The Metrics tab's figures: labels, values and definitions (the ID column and the intro lines aside). */
function metricsFigures(rt: Runtime): string[][] {
  const grid = rt.read('Metrics');
  return grid
    .slice(3)
    .map((line) =>
      line.slice(0, 8).map((cell) => (cell instanceof Date ? cell.toISOString() : String(cell))),
    );
}

describe('Archive closed deals (menu)', () => {
  it('moves the deals closed over a year ago and their History lines, each exactly once, and links the file', async () => {
    const rt = await oldTracker(300);
    const before = placement(rt);
    rt.open();
    archive(rt);
    expect(lastAlert(rt)).toContain('240 closed deals and 720 History lines moved to the archive');
    const now = placement(rt);
    expect(now.tracker).toHaveLength(60);
    expect(now.archived).toHaveLength(240);
    expect(exactlyOnce(now, before)).toEqual([]);
    const settings = rt.read('Settings').find((line) => String(line[0]).startsWith('Archive file'));
    const file = archiveFile(rt);
    expect(settings?.[1]).toBe(`https://docs.google.com/spreadsheets/d/${file?.id}/edit`);
    // The archive keeps the tracker's columns (after its batch column) and a Run log line says it.
    const header = (file?.sheetByName('Archived deals')?.rows[0] ?? []).map((c) => c?.value);
    expect(header.slice(1, 6)).toEqual(['ID', 'Opportunity', 'Customer', 'Owner', 'Stage']);
    expect(rt.read('Run log').flat().join(' ')).toContain('240 closed deals');
    // Again: nothing left to move.
    archive(rt);
    expect(lastAlert(rt)).toContain('No closed deals to archive');
    expect(exactlyOnce(placement(rt), before)).toEqual([]);
  });

  it('leaves every Metrics tab figure as it was (the archive says which figures include its deals)', async () => {
    const rt = await oldTracker(300);
    rt.open();
    rt.clickMenu('Refresh metrics');
    const before = metricsFigures(rt);
    archive(rt);
    rt.clickMenu('Refresh metrics');
    expect(metricsFigures(rt)).toEqual(before);
    expect(rt.read('Metrics').flat().join(' ')).toContain('Includes 240 archived deals');
  });

  it('opens an archived deal read-only by its ID in the sidebar', async () => {
    const rt = await oldTracker(60);
    rt.open();
    archive(rt);
    const gone = rpc(rt, 'getDeal', { id: 'OPP-000001' });
    expect(gone.ok).toBe(false);
    const archived = rpc(rt, 'getArchivedDeal', { id: 'OPP-000001' });
    if (!archived.ok) throw new Error(JSON.stringify(archived.error));
    expect(archived.data).toMatchObject({
      deal: { id: 'OPP-000001', name: 'Deal 1', stage: 'Lost' },
      readOnly: true,
    });
    expect(archived.data.history.length).toBe(3);
    const unknown = rpc(rt, 'getArchivedDeal', { id: 'OPP-999999' });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
  });
});

describe('Archive closed deals: columns the tracker gains later', () => {
  it('keeps each value under its own header in the archive, a new column added at its end', async () => {
    const rt = await oldTracker(60);
    rt.open();
    archive(rt);
    // Someone inserts a Region column between Customer and Owner, by hand.
    const sheet = rt.spreadsheet.sheetByName('Opportunities');
    if (!sheet) throw new Error('no tracker');
    sheet.rows.forEach((line, r) => {
      line?.splice(3, 0, { value: r === 0 ? 'Region' : 'EMEA' });
    });
    sheet.maxColumns += 1;
    // Fourteen months on, the deals closed last month are old enough too.
    rt.advanceTo(new Date('2028-01-23T09:30:00Z'));
    archive(rt);
    expect(lastAlert(rt)).toMatch(/\d+ closed deals and \d+ History lines moved/);
    const archived = archiveFile(rt)?.sheetByName('Archived deals');
    const header = (archived?.rows[0] ?? []).map((cell) => String(cell?.value ?? ''));
    expect(header.at(-1)).toBe('Region');
    const at = (name: string) => header.indexOf(name);
    const rows = (archived?.rows.slice(1) ?? []).map((line) => (line ?? []).map((c) => c?.value));
    const later = rows.filter((line) => line[at('Region')] === 'EMEA');
    expect(later.length).toBeGreaterThan(0);
    for (const line of rows) expect(String(line[at('Owner')])).toMatch(/^seller\d@example\.com$/);
    expect(rows.filter((line) => line[at('Region')] !== 'EMEA')).toHaveLength(48);
  });
});

describe('Archive closed deals in the morning run (Settings switch)', () => {
  it('archives with the daily jobs when switched on, and says so in the Run log', async () => {
    const rt = await oldTracker(40);
    const before = placement(rt);
    rt.open();
    rt.clickMenu('Turn on reminders');
    const settings = rt.read('Settings');
    const row = settings.findIndex((line) =>
      String(line[0]).startsWith('Archive closed deals every morning'),
    );
    expect(row).toBeGreaterThan(0);
    rt.edit('Settings', `B${row + 1}`, 'TRUE');
    rt.advanceTo(new Date('2026-11-24T09:00:00Z'));
    expect(rt.executionSummary().failures).toEqual([]);
    const now = placement(rt);
    expect(now.archived).toHaveLength(32);
    expect(exactlyOnce(now, before)).toEqual([]);
    expect(rt.read('Run log').flat().join(' ')).toContain(
      '32 closed deals and 96 History lines moved',
    );
  });
});

/** The service calls of one archive run on a fresh 40-deal tracker, in order. */
async function callsOfOneRun(): Promise<Array<{ service: string; method: string; nth: number }>> {
  const rt = await oldTracker(40);
  rt.open();
  rt.ledger.reset();
  archive(rt);
  const seen = new Map<string, number>();
  return rt.ledger.entries.map((entry) => {
    const key = `${entry.service}.${entry.method}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    return { service: entry.service, method: entry.method, nth: seen.get(key) as number };
  });
}

/** Runs the archive with a fault (or a kill), then once more: every deal and line in exactly one file. */
async function afterTrouble(
  trouble: (rt: Runtime) => void,
): Promise<{ problems: string[]; now: Placement }> {
  const rt = await oldTracker(40);
  const before = placement(rt);
  rt.open();
  trouble(rt);
  try {
    archive(rt);
  } catch {
    // The execution failed (or was killed) where Apps Script shows it on the executions page.
  }
  const halfway = exactlyOnce(placement(rt), before);
  archive(rt);
  const now = placement(rt);
  return {
    problems: [...halfway.map((p) => `after the failed run: ${p}`), ...exactlyOnce(now, before)],
    now,
  };
}

/** Every `step`-th call in `npm test`; every call in `npm run test:reliability`. */
const step = process.env.OT_RELIABILITY_SCALE === 'full' ? 1 : 12;

describe('Archive: a failure at any service call, or a kill between two calls, loses and duplicates nothing', () => {
  it('a fault at a call: each deal and History line in exactly one file, and the next run finishes', async () => {
    const calls = await callsOfOneRun();
    expect(calls.length).toBeGreaterThan(40);
    let tried = 0;
    for (let k = 0; k < calls.length; k += step) {
      const call = calls[k] as (typeof calls)[number];
      const { problems, now } = await afterTrouble((rt) => rt.failOn(call));
      expect(problems, `fault at call ${k + 1}: ${call.service}.${call.method}`).toEqual([]);
      expect(now.archived.length, `fault at call ${k + 1}`).toBe(32);
      tried += 1;
    }
    expect(tried).toBeGreaterThan(5);
  }, 120_000);

  it('a kill before a call: each deal and History line in exactly one file, and the next run finishes', async () => {
    const calls = await callsOfOneRun();
    for (let k = 3; k < calls.length; k += step) {
      const { problems, now } = await afterTrouble((rt) => killBeforeCall(rt, k + 1));
      expect(
        problems,
        `kill before call ${k + 1}: ${calls[k]?.service}.${calls[k]?.method}`,
      ).toEqual([]);
      expect(now.archived.length, `kill before call ${k + 1}`).toBe(32);
    }
  }, 120_000);
});
