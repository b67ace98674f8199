// The bench's scripts (the add-on and two baselines) and the sheets they run on, at any number of deals.

import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addDays } from '../../src/domain/dates';
import { bigNow, bigToday, bigTracker, idOf, ownerOf } from '../../test/support/big-tracker';
import { dateCell, sheetOf, spreadsheetOf } from '../../test/support/tracker';
import { buildAddon, projectRoot } from '../build';
import { createRuntime } from '../runtime/index';
import type { CellSnapshot, SheetSnapshot } from '../runtime/snapshot';

export type Runtime = Awaited<ReturnType<typeof createRuntime>>;

export const implementations = ['addon', 'fair', 'strawman'] as const;
export type Implementation = (typeof implementations)[number];

export const labels: Record<Implementation, string> = {
  addon: 'add-on',
  fair: 'fair baseline (Google samples style)',
  strawman: 'strawman (getValue per row)',
};

/** Where each implementation's Code.js, appsscript.json and Sidebar.html are. */
export type Dists = Record<Implementation, string>;

const sources: Record<Exclude<Implementation, 'addon'>, string> = {
  fair: 'scripts/bench/baseline-code.js',
  strawman: 'scripts/bench/naive-code.js',
};

/** Builds the add-on into dist/ and puts each baseline beside it with the same manifest. */
export async function prepareDists(outDir = path.join(projectRoot, 'dist')): Promise<Dists> {
  await buildAddon(outDir);
  return baselineDists(outDir, path.join(projectRoot, 'test-artifacts', 'bench'));
}

/** Each baseline's Code.js with the built add-on's manifest and sidebar, in its own folder. */
export async function baselineDists(addonDir: string, root: string): Promise<Dists> {
  const dists = { addon: addonDir } as Dists;
  for (const [name, source] of Object.entries(sources) as Array<
    [Exclude<Implementation, 'addon'>, string]
  >) {
    const dir = path.join(root, name);
    await mkdir(dir, { recursive: true });
    for (const file of ['appsscript.json', 'Sidebar.html'])
      await copyFile(path.join(addonDir, file), path.join(dir, file));
    await writeFile(path.join(dir, 'Code.js'), await readFile(path.join(projectRoot, source)));
    dists[name] = dir;
  }
  return dists;
}

/** The add-on's hidden per-deal activity column: the baselines' tracker does not have it. */
const trackerWidth = 44;

/**
 * A set-up tracker of `deals` deals with 10 History lines each (test/support/big-tracker.ts), for
 * one implementation. The baselines get the same tab without the add-on's activity column, and the
 * counter their own set-up would have stored.
 */
export async function trackerFor(
  implementation: Implementation,
  deals: number,
  dists: Dists,
): Promise<Runtime> {
  const rt = await bigTracker(deals, { distDir: dists[implementation] });
  if (implementation === 'addon') {
    rt.run('rpc', 'bootstrap', {});
    return rt;
  }
  const sheet = rt.spreadsheet.sheetByName('Opportunities');
  if (!sheet) throw new Error('bigTracker made no Opportunities tab');
  for (const line of sheet.rows) if (line && line.length > trackerWidth) line.length = trackerWidth;
  sheet.maxColumns = trackerWidth;
  sheet.hiddenColumns.clear();
  rt.properties.document().set('lastDealNumber', String(deals));
  return rt;
}

/** The columns a team's own pipeline sheet has before it adopts the tracker. */
export const teamColumns = [
  'ID',
  'Opportunity',
  'Customer',
  'Owner',
  'Stage',
  'Amount',
  'Expected close',
  'Created',
  'Next action',
  'Next action date',
];

const stages = ['New', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'];

/** Every 50th deal of the team's sheet was typed in by hand, without an ID. */
const withoutId = (i: number) => i % 50 === 25;

/** A team's "Pipeline" tab (10 columns, some IDs missing), the only tab of the file. */
export function teamSheet(deals: number): SheetSnapshot {
  const text = (value: string | number): CellSnapshot => ({ value });
  const rows: Array<Array<CellSnapshot | null>> = [teamColumns.map(text)];
  for (let i = 0; i < deals; i += 1) {
    const next = i % 7 === 0;
    rows.push([
      withoutId(i) ? null : text(idOf(i)),
      text(`Deal ${i + 1}`),
      text(`Customer ${i % 997}`),
      text(ownerOf(i, 50)),
      text(stages[i % 4] as string),
      text(1000 + ((i * 37) % 50_000)),
      dateCell(addDays(bigToday, (i % 90) - 20), 'yyyy-mm-dd'),
      dateCell(addDays(bigToday, -(30 + (i % 120))), 'yyyy-mm-dd'),
      next ? null : text(`Call about ${i}`),
      next ? null : dateCell(addDays(bigToday, (i % 15) - 5), 'yyyy-mm-dd'),
    ]);
  }
  return {
    ...sheetOf('Pipeline', [], 0),
    rows,
    maxRows: Math.max(1000, deals + 101),
    maxColumns: 26,
  };
}

export function teamRuntime(deals: number, implementation: Implementation, dists: Dists) {
  return createRuntime({
    spreadsheet: spreadsheetOf([teamSheet(deals)]),
    timeZone: 'Europe/Madrid',
    now: bigNow,
    user: ownerOf(0, 50),
    distDir: dists[implementation],
  });
}

/**
 * Problems typed into the tracker since set up, for Check & repair: IDs cleared (rows pasted in),
 * an unknown stage, text in a date column, a negative amount. Changed in the model directly.
 */
export function plantProblems(rt: Runtime, deals: number): number {
  const sheet = rt.spreadsheet.sheetByName('Opportunities');
  if (!sheet) throw new Error('no Opportunities tab');
  const column = (header: string) => {
    const at = (sheet.rows[0] ?? []).findIndex((cell) => cell?.value === header);
    if (at < 0) throw new Error(`no ${header} column`);
    return at;
  };
  const [id, stage, close, amount] = ['ID', 'Stage', 'Expected close', 'Amount'].map(column);
  let planted = 0;
  for (let i = 0; i < deals; i += 1) {
    const line = sheet.rows[i + 1];
    if (!line) continue;
    const set = (at: number | undefined, value: string | number | undefined) => {
      if (at === undefined) return;
      line[at] = value === undefined ? undefined : { value };
      planted += 1;
    };
    if (i % 50 === 25) set(id, undefined);
    if (i % 97 === 13) set(stage, 'Stalled');
    if (i % 113 === 7) set(close, 'soon');
    if (i % 131 === 3) set(amount, -5);
  }
  return planted;
}

/**
 * The k-th deal (k = 0 nearest the end) whose stage index is `stage` in bigTracker's rotation
 * (New, Qualified, Proposal, Negotiation, Won, Lost): late rows are the worst case for a scan.
 */
export function lateDeal(deals: number, stage: number, k: number): { id: string; row: number } {
  let i = deals - 1;
  while (i % 6 !== stage) i -= 1;
  i -= 6 * k;
  return { id: idOf(i), row: i + 2 };
}
