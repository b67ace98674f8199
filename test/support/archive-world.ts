// A tracker with deals closed long ago, and what a test checks after archiving: each deal and each History line in exactly one file.

import type { SpreadsheetModel } from '../../scripts/runtime/sheet-model';
import { bigTracker } from './big-tracker';
import type { Runtime } from './tracker';

/** A set-up tracker of `deals` deals, `share` of them Won or Lost more than a year ago. */
export async function oldTracker(deals: number, share = 0.8, historyPerDeal = 3): Promise<Runtime> {
  const rt = await bigTracker(deals, { closedLongAgo: share, historyPerDeal, owners: 5 });
  rt.run('rpc', 'bootstrap', {});
  return rt;
}

/**
 * The archive file the add-on created and wrote to. A run cut short right after creating a file
 * may leave an empty one behind (no deal in it); two files holding batches is a failure.
 */
export function archiveFile(rt: Runtime): SpreadsheetModel | null {
  const files = [...rt.files.values()].filter((file) => file.id !== rt.spreadsheet.id);
  const used = files.filter((file) => (file.sheetByName('Batches')?.lastRow() ?? 0) > 1);
  if (used.length > 1) throw new Error(`${used.length} archive files hold batches`);
  return used[0] ?? files[0] ?? null;
}

function column(file: SpreadsheetModel, tab: string, header: string): string[] {
  const sheet = file.sheetByName(tab);
  if (!sheet) return [];
  const head = (sheet.rows[0] ?? []).map((cell) => String(cell?.value ?? ''));
  const at = head.indexOf(header);
  if (at < 0) throw new Error(`${tab} has no ${header} column: ${head.join(', ')}`);
  return sheet.rows
    .slice(1, sheet.lastRow())
    .map((line) => String(line?.[at]?.value ?? '').trim())
    .filter((value) => value !== '');
}

/** A History line as text, whichever file holds it (the archive's has its batch first). */
function historyLines(file: SpreadsheetModel, tab: string, skip: number): string[] {
  const sheet = file.sheetByName(tab);
  if (!sheet) return [];
  return sheet.rows
    .slice(1, sheet.lastRow())
    .map((line) =>
      (line ?? [])
        .slice(skip, skip + 6)
        .map((cell) => {
          const value: unknown = cell?.value;
          return value instanceof Date ? value.toISOString() : String(value ?? '');
        })
        .join('|'),
    )
    .filter((line) => line.replace(/\|/g, '') !== '');
}

/** Batches the archive's journal says are finished (their rows count as archived). */
function finishedBatches(file: SpreadsheetModel): Set<string> {
  const sheet = file.sheetByName('Batches');
  const done = new Set<string>();
  for (const line of sheet?.rows.slice(1) ?? [])
    if (['done', 'copied'].includes(String(line?.[2]?.value ?? '')))
      done.add(String(line?.[0]?.value));
  return done;
}

export interface Placement {
  tracker: string[];
  archived: string[];
  trackerHistory: string[];
  archivedHistory: string[];
}

/**
 * Where every deal and History line is now. The archive's rows count when their batch is finished
 * (or copied); a batch still copying is in the tracker (the next run removes its rows).
 */
export function placement(rt: Runtime): Placement {
  const file = archiveFile(rt);
  // A batch 'copied' is wholly in the archive: its deals still in the tracker are on their way out.
  const pending = new Set<string>();
  for (const line of file?.sheetByName('Batches')?.rows.slice(1) ?? [])
    if (String(line?.[2]?.value ?? '') === 'copied')
      for (const id of JSON.parse(String(line?.[3]?.value ?? '[]')) as string[]) pending.add(id);
  const tracker = column(rt.spreadsheet, 'Opportunities', 'ID').filter((id) => !pending.has(id));
  const trackerHistory = historyLines(rt.spreadsheet, 'History', 0).filter(
    (line) => !pending.has(line.split('|')[2] ?? ''),
  );
  if (!file) return { tracker, archived: [], trackerHistory, archivedHistory: [] };
  const done = finishedBatches(file);
  const rowsOf = (tab: string) =>
    (file.sheetByName(tab)?.rows.slice(1, file.sheetByName(tab)?.lastRow()) ?? []).filter((line) =>
      done.has(String(line?.[0]?.value ?? '')),
    );
  const dealsHead = (file.sheetByName('Archived deals')?.rows[0] ?? []).map((c) =>
    String(c?.value ?? ''),
  );
  const idAt = dealsHead.indexOf('ID');
  const archived = rowsOf('Archived deals').map((line) => String(line?.[idAt]?.value ?? ''));
  const archivedHistory = rowsOf('History').map((line) =>
    (line ?? [])
      .slice(1, 7)
      .map((cell) => {
        const value: unknown = cell?.value;
        return value instanceof Date ? value.toISOString() : String(value ?? '');
      })
      .join('|'),
  );
  return { tracker, archived, trackerHistory, archivedHistory };
}

/** Each of `ids` exactly once across the two files, and nothing else; the same for History lines. */
export function exactlyOnce(now: Placement, before: Placement): string[] {
  const problems: string[] = [];
  const count = (list: string[]) => {
    const seen = new Map<string, number>();
    for (const item of list) seen.set(item, (seen.get(item) ?? 0) + 1);
    return seen;
  };
  const check = (what: string, original: string[], found: string[]) => {
    const want = count(original);
    const got = count(found);
    for (const [item, n] of want)
      if ((got.get(item) ?? 0) !== n)
        problems.push(`${what} ${item}: ${got.get(item) ?? 0} times, was ${n}`);
    for (const [item] of got)
      if (!want.has(item)) problems.push(`${what} ${item}: not there before`);
  };
  check('deal', before.tracker, [...now.tracker, ...now.archived]);
  check('History line', before.trackerHistory, [...now.trackerHistory, ...now.archivedHistory]);
  return problems;
}
