// Archive closed deals: old Won and Lost deals and their History lines move to an archive spreadsheet, a batch at a time, all or nothing.

import { archiveCutoff, isArchivable, summarize } from '../domain/archive';
import { dateOf, type LocalClock, type LocalDate } from '../domain/dates';
import type { Language } from '../domain/i18n';
import type { HistoryEvent, Opportunity, Settings } from '../domain/model';
import { parseRows } from '../domain/parse-row';
import {
  archiveFileKey,
  archiveTabs,
  batchesHeader,
  batchHeader,
  openArchive,
  type Phase,
  summaryHeader,
  tab,
  unfinishedBatch,
} from './archive-read';
import { cellInput, toDomainCell } from './cells';
import { withLock } from './context';
import { metricsFields } from './metrics-refresh';
import { resolveOwners } from './owners';
import { documentProperties } from './properties';
import { writeSettingCells } from './reminder-trigger';
import { cacheSettings } from './settings-cache';
import { findTab, historyHeader } from './tabs';
import { firstDataRow, readColumns } from './tracker';
import { relearnLayout, type TrackerLayout, trackerSheet } from './tracker-layout';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Deals per batch: 500 rows of ~45 cells and their ~5,000 History lines stay a few seconds' work. */
export const batchSize = 500;

export interface ArchiveRun {
  spreadsheet: Spreadsheet;
  timeZone: string;
  now: LocalClock;
  language: Language;
  settings: Settings;
  /** Date.now() by which the run stops starting batches (the rest continues in the next run). */
  deadlineMs: number;
  /** The lock that keeps sidebar saves out while rows are deleted (document lock, else user lock). */
  lock: () => GoogleAppsScript.Lock.Lock | null;
  progress?: (text: string) => void;
}

export interface ArchiveOutcome {
  archived: number;
  historyLines: number;
  /** Deals still to archive when the run stopped for time (0 when it finished). */
  left: number;
  batches: number;
  /** What recovery did with a batch an earlier execution left unfinished. */
  recovered: 'none' | 'rolledBack' | 'finished';
  fileUrl: string;
  /** Deals Won or Lost long ago that stay because their row has a problem. */
  withProblems: number;
}

// ---- The archive file --------------------------------------------------------------------------

/** Creates the archive file and links it from Settings (first use only); its tabs come next. */
function createArchive(run: ArchiveRun): Spreadsheet {
  const name = `${run.spreadsheet.getName()} - ${run.language === 'es' ? 'Archivo' : 'Archive'}`;
  const file = SpreadsheetApp.create(name);
  const id = file.getId();
  documentProperties()?.setProperty(archiveFileKey, id);
  const url = `https://docs.google.com/spreadsheets/d/${id}/edit`;
  const settingsTab = findTab(run.spreadsheet, 'settings');
  if (settingsTab) {
    const rows = settingsTab
      .getDataRange()
      .getValues()
      .map((row) => row.map((cell) => toDomainCell(cell, run.timeZone)));
    writeSettingCells(settingsTab, rows, run.language, { archiveFile: url });
  }
  run.settings = { ...run.settings, archiveFile: url };
  if (documentProperties()) cacheSettings(run.settings);
  return file;
}

/**
 * The archive's four tabs, each with its header (column A names the batch that wrote a row): made
 * when missing, so a creation cut short is completed by the next run. The deals' header follows
 * the tracker's: a column the tracker gained is added at the end.
 */
function ensureTabs(file: Spreadsheet, run: ArchiveRun, headers: readonly string[]): number[] {
  let placeOf: number[] = [];
  const tabs: Array<[string, string[]]> = [
    [archiveTabs.deals, [batchHeader, ...headers]],
    [archiveTabs.history, [batchHeader, ...historyHeader[run.language]]],
    [archiveTabs.summary, summaryHeader],
    [archiveTabs.batches, batchesHeader],
  ];
  const sheets = file.getSheets();
  tabs.forEach(([name, cells], i) => {
    let sheet = sheets.find((s) => s.getName() === name) ?? null;
    if (!sheet && i === 0 && sheets.length === 1 && sheets[0]?.getLastRow() === 0) {
      sheet = sheets[0] as Sheet;
      sheet.setName(name);
    }
    if (!sheet) sheet = file.insertSheet(name);
    const width = sheet.getLastColumn();
    const current =
      width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map(String) : [];
    if (i === 0 && current.length > 0) {
      // Rows already archived keep their columns: the tracker's columns are found by header, and
      // one the archive lacks (a column added to the tracker since) is added at the end.
      const placed = placeColumns(current, headers);
      placeOf = placed.placeOf;
      if (placed.added.length > 0) {
        const total = current.length + placed.added.length;
        if (total > sheet.getMaxColumns())
          sheet.insertColumnsAfter(sheet.getMaxColumns(), total - sheet.getMaxColumns());
        sheet
          .getRange(1, current.length + 1, 1, placed.added.length)
          .setValues([placed.added.map(cellInput)]);
      }
      return;
    }
    if (i === 0) placeOf = headers.map((_, c) => c + 1);
    if (current.length >= cells.length && cells.every((cell, c) => current[c] === cell)) return;
    if (cells.length > sheet.getMaxColumns())
      sheet.insertColumnsAfter(sheet.getMaxColumns(), cells.length - sheet.getMaxColumns());
    sheet.getRange(1, 1, 1, cells.length).setValues([cells.map(cellInput)]);
    sheet.setFrozenRows(1);
  });
  return placeOf;
}

/**
 * Where each tracker column goes in the archive's header (0 is the batch column): the same header
 * and occurrence ("Notes" twice: first to first), else a new column after the last.
 */
export function placeColumns(
  archive: readonly string[],
  tracker: readonly string[],
): { placeOf: number[]; added: string[] } {
  const key = (headers: readonly string[], at: number) =>
    `${headers[at]}#${headers.slice(0, at).filter((h) => h === headers[at]).length}`;
  const known = new Map<string, number>();
  archive.forEach((_, at) => {
    if (at > 0) known.set(key(archive, at), at);
  });
  const added: string[] = [];
  const placeOf = tracker.map((header, c) => {
    const found = known.get(key(tracker, c));
    if (found !== undefined) return found;
    added.push(header);
    return archive.length + added.length - 1;
  });
  return { placeOf, added };
}

/** Appends rows after the tab's last row (growing it first), in one write; returns the first row. */
function appendBlock(sheet: Sheet, rows: unknown[][], width: number): number {
  const first = sheet.getLastRow() + 1;
  if (rows.length === 0) return first;
  const last = first + rows.length - 1;
  if (last > sheet.getMaxRows())
    sheet.insertRowsAfter(sheet.getMaxRows(), last - sheet.getMaxRows());
  if (width > sheet.getMaxColumns())
    sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  sheet.getRange(first, 1, rows.length, width).setValues(rows.map((row) => padTo(row, width)));
  return first;
}

function padTo(row: readonly unknown[], width: number): unknown[] {
  return Array.from({ length: width }, (_, i) => {
    const value = row[i];
    return value === undefined || value === null ? '' : value;
  });
}

/** A cell as setValues should get it back: text through the injection rule, the rest as read. */
function asInput(value: unknown): unknown {
  return typeof value === 'string' ? cellInput(value) : value;
}

function sameCell(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === b;
}

function sameRows(a: readonly unknown[][], b: readonly unknown[][], width: number): boolean {
  if (a.length !== b.length) return false;
  return a.every((row, r) =>
    Array.from({ length: width }, (_, c) => sameCell(row[c] ?? '', b[r]?.[c] ?? '')).every(Boolean),
  );
}

// ---- The journal (the Batches tab) ---------------------------------------------------------------

function setPhase(batches: Sheet, row: number, phase: Phase): void {
  batches.getRange(row, 3).setValue(phase);
}

/** Rows of a tab written by `batch`: they are the tab's last rows (one batch at a time). */
function batchTail(sheet: Sheet, batch: string): { first: number; count: number } {
  const last = sheet.getLastRow();
  if (last < 2) return { first: last + 1, count: 0 };
  const tags = sheet.getRange(2, 1, last - 1, 1).getValues();
  let first = last + 1;
  while (first - 2 >= 0 && String(tags[first - 3]?.[0] ?? '') === batch) first -= 1;
  return { first, count: last - first + 1 };
}

function dropBatch(file: Spreadsheet, batch: string): void {
  for (const name of [archiveTabs.deals, archiveTabs.history, archiveTabs.summary]) {
    const sheet = tab(file, name);
    const { first, count } = batchTail(sheet, batch);
    if (count > 0) sheet.deleteRows(first, count);
  }
}

/**
 * Finishes what an earlier execution left: a batch still 'copying' may be partly in the archive,
 * so its rows there go (every deal is still in the tracker); a batch 'copied' is wholly and
 * verifiably in the archive, so its deals still in the tracker and their History lines go there.
 * Either way every deal ends in exactly one of the two files. Runs under the lock.
 */
function recover(
  run: ArchiveRun,
  file: Spreadsheet,
  layout: TrackerLayout,
): ArchiveOutcome['recovered'] {
  const batches = tab(file, archiveTabs.batches);
  const open = unfinishedBatch(batches);
  if (!open) return 'none';
  if (open.phase === 'copying') {
    dropBatch(file, open.batch);
    setPhase(batches, open.row, 'undone');
    return 'rolledBack';
  }
  removeFromTracker(run, layout, new Set(open.ids));
  setPhase(batches, open.row, 'done');
  return 'finished';
}

// ---- Leaving the tracker -------------------------------------------------------------------------

/**
 * Deletes the rows of these deals from the tracker (bottom up, one deleteRows per run of
 * neighbouring rows, each run checked against the ID column just read) and their History lines
 * (the History tab's lines up to the last one of these deals are written again without them, in
 * one setValues, and the freed rows at the end of that block deleted). Safe to run again: what
 * is already gone is not found.
 */
function removeFromTracker(
  run: ArchiveRun,
  layout: TrackerLayout,
  ids: ReadonlySet<string>,
  block: HistoryBlock | null = historyBlock(run, ids),
): void {
  const sheet = layout.sheet;
  const idColumn = layout.columns.byField.id;
  const last = sheet.getLastRow();
  if (idColumn !== undefined && last >= firstDataRow) {
    const column = sheet.getRange(firstDataRow, idColumn + 1, last - 1, 1).getValues();
    const rows: number[] = [];
    column.forEach((cell, i) => {
      if (ids.has(String(cell[0] ?? '').trim())) rows.push(firstDataRow + i);
    });
    for (const block of runsOf(rows).reverse()) sheet.deleteRows(block.start, block.count);
  }
  if (block) compactHistory(block, ids);
}

function runsOf(rows: readonly number[]): Array<{ start: number; count: number }> {
  const runs: Array<{ start: number; count: number }> = [];
  for (const row of [...rows].sort((a, b) => a - b)) {
    const lastRun = runs[runs.length - 1];
    if (lastRun && lastRun.start + lastRun.count === row) lastRun.count += 1;
    else runs.push({ start: row, count: 1 });
  }
  return runs;
}

const historyWidth = historyHeader.en.length;
const historyIdColumn = 2;

interface HistoryBlock {
  sheet: Sheet;
  /** Rows 2 to the last line of any of the deals, as read (7 columns). */
  lines: unknown[][];
}

const idOfLine = (line: readonly unknown[]) => String(line[historyIdColumn] ?? '').trim();

/**
 * The History lines from row 2 to the last line of any of `ids` (their deal IDs read first), or
 * null when none of them has a line. Blank rows an interrupted compaction left are in it too.
 */
function historyBlock(run: ArchiveRun, ids: ReadonlySet<string>): HistoryBlock | null {
  const sheet = findTab(run.spreadsheet, 'history');
  const last = sheet?.getLastRow() ?? 0;
  if (!sheet || last < 2) return null;
  const dealIds = sheet.getRange(2, historyIdColumn + 1, last - 1, 1).getValues();
  let end = -1;
  dealIds.forEach((cell, i) => {
    if (ids.has(String(cell[0] ?? '').trim())) end = i;
  });
  if (end < 0) {
    dropBlankHead(sheet, dealIds);
    return null;
  }
  return { sheet, lines: sheet.getRange(2, 1, end + 1, historyWidth).getValues() };
}

/**
 * Removes the History lines of `ids`: the block is written again with the other lines moved up
 * and blanks below (one setValues: all or nothing), then the blank rows are deleted. Appends go
 * after the last row, never into the block; a second run finds nothing more to remove.
 */
function compactHistory(block: HistoryBlock, ids: ReadonlySet<string>): void {
  const kept = block.lines.filter((line) => {
    const id = idOfLine(line);
    return id !== '' && !ids.has(id);
  });
  const freed = block.lines.length - kept.length;
  if (freed === 0) return;
  const rewritten = [
    ...kept.map((line) => line.map(asInput)),
    ...Array.from({ length: freed }, () => Array<string>(historyWidth).fill('')),
  ];
  block.sheet.getRange(2, 1, rewritten.length, historyWidth).setValues(rewritten);
  block.sheet.deleteRows(2 + kept.length, freed);
}

/** A run of blank lines at the top of History (an interrupted compaction's), deleted. */
function dropBlankHead(history: Sheet, dealIds: unknown[][]): void {
  let start = -1;
  let count = 0;
  dealIds.forEach((cell, i) => {
    if (String(cell[0] ?? '').trim() !== '') return;
    if (start < 0 || start + count !== i) {
      start = i;
      count = 0;
    }
    count += 1;
  });
  if (count > 0 && start + count < dealIds.length) history.deleteRows(2 + start, count);
}

// ---- The run --------------------------------------------------------------------------------------

interface Candidate {
  deal: Opportunity;
  row: number;
}

/** Each deal's last History day (time and deal ID columns only, one read). */
function lastActivityByDeal(run: ArchiveRun): Map<string, LocalDate> {
  const last = new Map<string, LocalDate>();
  const history = findTab(run.spreadsheet, 'history');
  const lastRow = history?.getLastRow() ?? 0;
  if (!history || lastRow < 2) return last;
  const values = history.getRange(2, 1, lastRow - 1, historyIdColumn + 1).getValues();
  for (const cells of values) {
    const dealId = String(cells[historyIdColumn] ?? '').trim();
    const at = dealId === '' ? null : historyTime(cells[0], run.timeZone);
    if (!at) continue;
    const day = dateOf(at);
    const seen = last.get(dealId);
    if (!seen || day > seen) last.set(dealId, day);
  }
  return last;
}

/** A History line's cells as the domain's event. */
function eventOf(cells: readonly unknown[], timeZone: string): HistoryEvent | null {
  const dealId = String(cells[historyIdColumn] ?? '').trim();
  const at = dealId === '' ? null : historyTime(cells[0], timeZone);
  if (!at) return null;
  return {
    at,
    user: String(cells[1] ?? ''),
    dealId,
    field: String(cells[3] ?? '') as HistoryEvent['field'],
    old: historyText(cells[4], timeZone),
    new: historyText(cells[5], timeZone),
  };
}

function historyTime(value: unknown, timeZone: string): HistoryEvent['at'] | null {
  const cell = toDomainCell(value, timeZone);
  if (typeof cell === 'object') return `${cell.date}T${cell.time}` as HistoryEvent['at'];
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)/.exec(String(cell).trim());
  if (!match) return null;
  const time = (match[2] as string).length === 5 ? `${match[2]}:00` : match[2];
  return `${match[1]}T${time}` as HistoryEvent['at'];
}

function historyText(value: unknown, timeZone: string): string {
  const cell = toDomainCell(value, timeZone);
  return typeof cell === 'object' ? cell.date : String(cell);
}

/**
 * Archives every closed deal past the cutoff, in batches of 500, until done or the deadline.
 * Each batch, under the lock: its rows read again (by ID), written to the archive with their
 * History lines and Summary lines, read back and compared, then marked 'copied' in the Batches
 * tab; only then deleted from the tracker and History, and marked 'done'. A failure or a kill at
 * any point leaves each deal in exactly one file, and the next run finishes the batch first.
 */
export function archiveClosedDeals(run: ArchiveRun): ArchiveOutcome {
  const outcome: ArchiveOutcome = {
    archived: 0,
    historyLines: 0,
    left: 0,
    batches: 0,
    recovered: 'none',
    fileUrl: run.settings.archiveFile,
    withProblems: 0,
  };
  // The header is read again (one call): columns moved by hand must not shift what is archived.
  const sheet = trackerSheet(run.spreadsheet);
  if (!sheet) throw new Error('There is no tracker yet: run Set up tracker first.');
  const layout = relearnLayout(sheet);
  let file = openArchive(run.settings);
  if (file) {
    ensureTabs(file, run, layout.headers);
    const recovered = locked(run, () => recover(run, file as Spreadsheet, layout));
    outcome.recovered = recovered;
  }

  const cutoff = archiveCutoff(run.now.date, run.settings.archiveMonths);
  const slice = readColumns(layout, metricsFields, run.timeZone);
  const parsed = parseRows(slice.rows, slice.columns, run.settings, firstDataRow);
  const problemRows = new Set(
    parsed.issues.flatMap((issue) => (issue.row === undefined ? [] : [issue.row])),
  );
  const duplicates = new Set(parsed.duplicateIds);
  const lastActivity = lastActivityByDeal(run);
  const candidates: Candidate[] = [];
  parsed.deals.forEach((deal, i) => {
    const row = parsed.rows[i] as number;
    if (!isArchivable(deal, run.settings, cutoff, lastActivity.get(deal.id) ?? null)) return;
    if (problemRows.has(row) || duplicates.has(deal.id)) {
      outcome.withProblems += 1;
      return;
    }
    candidates.push({ deal, row });
  });
  outcome.left = candidates.length;
  if (candidates.length === 0) return outcome;
  if (!file) file = createArchive(run);
  // Every column with data, a user's own without a header too: nothing of a row is left behind.
  const lastColumn = layout.sheet.getLastColumn();
  const headers = [
    ...layout.headers,
    ...Array<string>(Math.max(lastColumn - layout.headers.length, 0)).fill(''),
  ];
  const placeOf = ensureTabs(file, run, headers);
  outcome.fileUrl = run.settings.archiveFile || file.getUrl();

  const width = Math.max(headers.length, 1);
  for (let start = 0; start < candidates.length; start += batchSize) {
    if (Date.now() > run.deadlineMs) break;
    const batch = candidates.slice(start, start + batchSize);
    const moved = locked(run, () =>
      archiveBatch(run, file as Spreadsheet, layout, batch, width, placeOf),
    );
    outcome.archived += moved.deals;
    outcome.historyLines += moved.lines;
    outcome.batches += 1;
    outcome.left = candidates.length - start - batch.length;
    run.progress?.(
      run.language === 'es'
        ? `Archivadas ${outcome.archived} de ${candidates.length} oportunidades…`
        : `Archived ${outcome.archived} of ${candidates.length} deals…`,
    );
  }
  return outcome;
}

/** Runs `work` under the run's lock; a busy file stops the run (nothing of this batch was done). */
function locked<T>(run: ArchiveRun, work: () => T): T {
  // Its writes are flushed before the lock goes (releaseAfterFlush), as every lock the add-on holds.
  const done = withLock(run.lock(), 10_000, work);
  if (!done.ok) throw new Error('The file is busy (someone is saving): try again in a moment.');
  return done.value;
}

function archiveBatch(
  run: ArchiveRun,
  file: Spreadsheet,
  layout: TrackerLayout,
  batch: readonly Candidate[],
  width: number,
  /** The archive column (1-based past the batch column) of each tracker column. */
  placeOf: readonly number[],
): { deals: number; lines: number } {
  const sheet = layout.sheet;
  // The rows as they are now (a sort may have moved them since the selection was read).
  const idColumn = layout.columns.byField.id as number;
  const last = sheet.getLastRow();
  const ids = sheet.getRange(firstDataRow, idColumn + 1, Math.max(last - 1, 1), 1).getValues();
  const rowOf = new Map<string, number>();
  ids.forEach((cell, i) => {
    rowOf.set(String(cell[0] ?? '').trim(), firstDataRow + i);
  });
  const present = batch.filter((c) => rowOf.has(c.deal.id));
  if (present.length === 0) return { deals: 0, lines: 0 };
  const rowsNow = present.map((c) => rowOf.get(c.deal.id) as number);
  const values = new Map<number, unknown[]>();
  for (const block of runsOf(rowsNow)) {
    const read = sheet.getRange(block.start, 1, block.count, width).getValues();
    read.forEach((line, i) => {
      values.set(block.start + i, line);
    });
  }
  const dealRows = present.map((c) => values.get(rowOf.get(c.deal.id) as number) ?? []);
  const moving = new Set(present.map((c) => c.deal.id));
  const block = historyBlock(run, moving);
  const historyValues = block?.lines.filter((line) => moving.has(idOfLine(line))) ?? [];
  // Per-owner lines under the person the Team tab names (as the Metrics tab counts them).
  const summary = summarize(
    resolveOwners(
      present.map((c) => c.deal),
      run.spreadsheet,
    ),
    historyValues.flatMap((line) => {
      const event = eventOf(line, run.timeZone);
      return event ? [event] : [];
    }),
    run.settings,
    run.now.date,
  );

  const batchId = `${run.now.date.replace(/-/g, '')}-${Date.now().toString(36)}`;
  const batches = tab(file, archiveTabs.batches);
  const journalRow = appendBlock(
    batches,
    [
      [
        batchId,
        `${run.now.date} ${run.now.time}`,
        'copying',
        JSON.stringify(present.map((c) => c.deal.id)),
        present.length,
        historyValues.length,
      ],
    ],
    batchesHeader.length,
  );
  const dealsTab = tab(file, archiveTabs.deals);
  const historyTab = tab(file, archiveTabs.history);
  const summaryTab = tab(file, archiveTabs.summary);
  const archiveWidth = Math.max(width, ...placeOf) + 1;
  const dealLines = dealRows.map((row) => {
    const line: unknown[] = Array<unknown>(archiveWidth).fill('');
    line[0] = batchId;
    padTo(row, width).forEach((cell, c) => {
      line[placeOf[c] ?? c + 1] = asInput(cell);
    });
    return line;
  });
  const historyOut = historyValues.map((row) => [
    batchId,
    ...padTo(row, historyWidth).map(asInput),
  ]);
  const summaryOut = summary.map((line) =>
    [batchId, line.kind, line.a, line.b, line.c, line.count, line.amount, line.extra].map(asInput),
  );
  const written: Array<[Sheet, unknown[][], number]> = [
    [dealsTab, dealLines, archiveWidth],
    [historyTab, historyOut, historyWidth + 1],
    [summaryTab, summaryOut, summaryHeader.length],
  ];
  const at = written.map(([target, rows, w]) => appendBlock(target, rows, w));
  // Read back: the archive holds exactly what the tracker held before anything leaves it.
  written.forEach(([target, rows, w], i) => {
    if (rows.length === 0) return;
    const back = target.getRange(at[i] as number, 1, rows.length, w).getValues();
    const expected = rows.map((row) =>
      padTo(row, w).map((cell) =>
        typeof cell === 'string' && cell.startsWith("'") ? cell.slice(1) : cell,
      ),
    );
    if (!sameRows(back, expected, w)) {
      dropBatch(file, batchId);
      setPhase(batches, journalRow, 'undone');
      throw new Error(
        `The archive did not read back what was written (${target.getName()}): nothing was moved.`,
      );
    }
  });
  setPhase(batches, journalRow, 'copied');
  removeFromTracker(run, layout, moving, block);
  setPhase(batches, journalRow, 'done');
  return { deals: present.length, lines: historyValues.length };
}
