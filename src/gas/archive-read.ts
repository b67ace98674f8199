// The archive file as others read it: its tabs, the batch in flight, and the Summary the metrics add back.

import { type ArchiveSummary, type SummaryLine, summaryOf } from '../domain/archive';
import { mapColumns } from '../domain/columns';
import type { Opportunity, Settings } from '../domain/model';
import { parseRow } from '../domain/parse-row';
import { toDomainCell } from './cells';
import { documentProperties } from './properties';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The archive file's tabs; column A of the first three names the batch that wrote the row. */
export const archiveTabs = {
  deals: 'Archived deals',
  history: 'History',
  summary: 'Summary',
  batches: 'Batches',
} as const;
export const batchHeader = 'Archive batch';
export const summaryHeader = [batchHeader, 'Kind', 'A', 'B', 'C', 'Count', 'Amount', 'Extra'];
/** The Batches tab is the journal: a batch is 'copying', then 'copied', then 'done' (or 'undone'). */
export const batchesHeader = ['Batch', 'Started', 'Phase', 'Deal IDs', 'Deals', 'History lines'];
export type Phase = 'copying' | 'copied' | 'done' | 'undone';

/** Document property with the archive file's ID (the Settings row holds its URL for people). */
export const archiveFileKey = 'archive.fileId';

/** The archive file's ID from the Settings row (its URL) or the document property. */
export function archiveFileId(settings: Pick<Settings, 'archiveFile'>): string | null {
  const fromUrl = /\/d\/([A-Za-z0-9_-]+)/.exec(settings.archiveFile)?.[1];
  if (fromUrl) return fromUrl;
  if (/^[A-Za-z0-9_-]{10,}$/.test(settings.archiveFile)) return settings.archiveFile;
  return documentProperties()?.getProperty(archiveFileKey) ?? null;
}

export function openArchive(settings: Pick<Settings, 'archiveFile'>): Spreadsheet | null {
  const id = archiveFileId(settings);
  return id ? SpreadsheetApp.openById(id) : null;
}

export function tab(file: Spreadsheet, name: string): Sheet {
  const found = file.getSheetByName(name);
  if (!found) throw new Error(`The archive file has no "${name}" tab.`);
  return found;
}

export interface BatchRow {
  row: number;
  batch: string;
  phase: Phase;
  ids: string[];
}

/** The last batch the Batches tab records, if it is unfinished. */
export function unfinishedBatch(batches: Sheet): BatchRow | null {
  const last = batches.getLastRow();
  if (last < 2) return null;
  const [cells = []] = batches.getRange(last, 1, 1, batchesHeader.length).getValues();
  const phase = String(cells[2] ?? '') as Phase;
  if (phase !== 'copying' && phase !== 'copied') return null;
  let ids: string[] = [];
  try {
    ids = (JSON.parse(String(cells[3] ?? '[]')) as unknown[]).map(String);
  } catch {
    ids = [];
  }
  return { row: last, batch: String(cells[0] ?? ''), phase, ids };
}

// ---- Reading the archive -------------------------------------------------------------------------

/**
 * The archived deals' Summary for the metrics: every Summary line of a finished batch, or of a
 * batch 'copied' (wholly in the archive; its deals still in the tracker are left out of the
 * tracker's count by `pendingIds`). A batch still 'copying' does not count: its deals are in the
 * tracker. Null when there is no archive.
 */
export function readArchiveSummary(
  settings: Pick<Settings, 'archiveFile'>,
): { summary: ArchiveSummary; pendingIds: Set<string> } | null {
  const file = openArchive(settings);
  if (!file) return null;
  const batches = tab(file, archiveTabs.batches);
  const open = unfinishedBatch(batches);
  const summaryTab = tab(file, archiveTabs.summary);
  const last = summaryTab.getLastRow();
  const lines: SummaryLine[] = [];
  if (last >= 2) {
    for (const cells of summaryTab.getRange(2, 1, last - 1, summaryHeader.length).getValues()) {
      if (open && open.phase === 'copying' && String(cells[0]) === open.batch) continue;
      lines.push({
        kind: String(cells[1]) as SummaryLine['kind'],
        a: String(cells[2] ?? ''),
        b: dateText(cells[3]),
        c: String(cells[4] ?? ''),
        count: Number(cells[5]) || 0,
        amount: Number(cells[6]) || 0,
        extra: Number(cells[7]) || 0,
      });
    }
  }
  const pendingIds = new Set(open && open.phase === 'copied' ? open.ids : []);
  return { summary: summaryOf(lines), pendingIds };
}

/** A Summary key cell: Sheets may have read "2025-03" or "2025-03-01" as a date; the text it was. */
function dateText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value ?? '');
}

// ---- One archived deal, read-only (the sidebar) --------------------------------------------------

/**
 * An archived deal by its ID: a TextFinder on the archive's ID column, its row, and its History
 * lines (a TextFinder on their deal column, then one read of the rows between the first and last).
 * Null when the archive has no such deal (or there is no archive). Nothing is written.
 */
export function readArchivedDeal(
  settings: Settings,
  id: string,
  timeZone: string,
): {
  deal: Opportunity;
  readOnly: true;
  batch: string;
  file: string;
  history: Array<{ at: string; user: string; field: string; old: string; new: string }>;
} | null {
  const file = openArchive(settings);
  if (!file) return null;
  const deals = tab(file, archiveTabs.deals);
  const width = deals.getLastColumn();
  const header = (deals.getRange(1, 1, 1, width).getValues()[0] ?? []).map((cell) =>
    String(cell ?? ''),
  );
  const columns = mapColumns(header.slice(1));
  const idColumn = columns.byField.id;
  const last = deals.getLastRow();
  if (idColumn === undefined || last < 2) return null;
  const match = deals
    .getRange(2, idColumn + 2, last - 1, 1)
    .createTextFinder(id)
    .matchEntireCell(true)
    .findNext();
  if (!match) return null;
  const cells = deals.getRange(match.getRow(), 1, 1, width).getValues()[0] ?? [];
  const parsed = parseRow(
    cells.slice(1).map((cell) => toDomainCell(cell, timeZone)),
    columns,
    settings,
    match.getRow(),
  );
  if (!parsed.ok) return null;
  const history = tab(file, archiveTabs.history);
  const historyLast = history.getLastRow();
  const lines: Array<{ at: string; user: string; field: string; old: string; new: string }> = [];
  if (historyLast >= 2) {
    const found = history
      .getRange(2, 4, historyLast - 1, 1)
      .createTextFinder(id)
      .matchEntireCell(true)
      .findAll()
      .map((range) => range.getRow());
    if (found.length > 0) {
      const first = Math.min(...found);
      const block = history.getRange(first, 1, Math.max(...found) - first + 1, 8).getValues();
      for (const line of block) {
        if (String(line[3] ?? '').trim() !== id) continue;
        const at = toDomainCell(line[1], timeZone);
        lines.push({
          at: typeof at === 'object' ? `${at.date}T${at.time}` : String(at).replace(' ', 'T'),
          user: String(line[2] ?? ''),
          field: String(line[4] ?? ''),
          old: cellText(line[5], timeZone),
          new: cellText(line[6], timeZone),
        });
      }
    }
  }
  return {
    deal: parsed.value,
    readOnly: true,
    batch: String(cells[0] ?? ''),
    file: settings.archiveFile,
    history: lines.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)),
  };
}

function cellText(value: unknown, timeZone: string): string {
  const cell = toDomainCell(value, timeZone);
  return typeof cell === 'object' ? cell.date : String(cell);
}
