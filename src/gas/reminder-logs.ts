// The Sent log and Run log tabs: found or created, read in one call, appended in one write, trimmed.

import type { Language } from '../domain/i18n';
import {
  type LogTab,
  logFirstDataRow,
  logPreamble,
  logTabNames,
  parseRunReport,
  parseSentEntries,
  type RunReport,
  runLogRow,
  runLogWidth,
  type SentEntry,
  sentLogReadWidth,
  sentLogRow,
  sentLogWidth,
} from '../domain/reminder-log';
import { cellInputs, toDomainRow } from './cells';
import { sheetByIdOrName } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A log tab by the sheet ID remembered at turn-on, else by its name in either language. */
export function findLogTab(
  sheets: readonly Sheet[],
  tab: LogTab,
  knownId: number | null = null,
): Sheet | null {
  return sheetByIdOrName(sheets, knownId, Object.values(logTabNames[tab]));
}

/** The log tab, created with its notice and header (one write) when it is missing. */
export function ensureLogTab(
  spreadsheet: Spreadsheet,
  sheets: readonly Sheet[],
  tab: LogTab,
  language: Language,
  knownId: number | null = null,
): Sheet {
  const existing = findLogTab(sheets, tab, knownId);
  if (existing) return existing;
  const sheet = spreadsheet.insertSheet(logTabNames[tab][language]);
  const rows = logPreamble(tab, language);
  const width = rows[1]?.length ?? 1;
  sheet.getRange(1, 1, rows.length, width).setValues(cellInputs(rows));
  sheet.getRange(2, 1, 1, width).setFontWeight('bold');
  sheet.setFrozenRows(2);
  return sheet;
}

/** The Sent log's entries (the columns de-duplication needs) and its last row, in two calls. */
export function readSentLog(
  sheet: Sheet,
  timeZone: string,
): { entries: SentEntry[]; lastRow: number } {
  const lastRow = sheet.getLastRow();
  if (lastRow < logFirstDataRow) return { entries: [], lastRow: Math.max(lastRow, 2) };
  const values = sheet
    .getRange(logFirstDataRow, 1, lastRow - logFirstDataRow + 1, sentLogReadWidth)
    .getValues();
  return { entries: parseSentEntries(values.map((row) => toDomainRow(row, timeZone))), lastRow };
}

/**
 * Appends Sent log rows in one write after `lastRow` (growing the sheet first when it is full).
 * The caller knows the last row from its read under the lock; `lastRow` null reads it again.
 */
export function appendSentEntries(
  sheet: Sheet,
  entries: readonly SentEntry[],
  lastRow: number | null,
): number {
  if (entries.length === 0) return lastRow ?? sheet.getLastRow();
  const after = lastRow ?? Math.max(sheet.getLastRow(), 2);
  const needed = after + entries.length - sheet.getMaxRows();
  if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
  sheet.getRange(after + 1, 1, entries.length, sentLogWidth).setValues(entries.map(sentLogRow));
  return after + entries.length;
}

/** Removes the oldest `count` entries (rows 3 onwards) in one call. */
export function dropOldestRows(sheet: Sheet, count: number): void {
  if (count > 0) sheet.deleteRows(logFirstDataRow, count);
}

/** One Run log row, appended atomically (appendRow: two runs never share a row). */
export function appendRunReport(sheet: Sheet, report: RunReport): void {
  sheet.appendRow(runLogRow(report));
}

/** The last run as its Run log row says (two calls), or null when none is logged. */
export function lastRunReport(sheet: Sheet): RunReport | null {
  const lastRow = sheet.getLastRow();
  if (lastRow < logFirstDataRow) return null;
  const [cells = []] = sheet.getRange(lastRow, 1, 1, runLogWidth).getValues();
  return parseRunReport(toDomainRow(cells, 'UTC'));
}

/** The date part of the Run log's oldest entry ('' when there is none): one small read. */
export function oldestRunDate(sheet: Sheet): string {
  const [[first] = []] = sheet.getRange(logFirstDataRow, 1).getValues();
  return typeof first === 'string' ? first.slice(0, 10) : '';
}

/** How many leading Run log entries are older than `cutoff` (yyyy-mm-dd): reads column A once. */
export function runRowsBefore(sheet: Sheet, cutoff: string): number {
  const lastRow = sheet.getLastRow();
  if (lastRow < logFirstDataRow) return 0;
  const column = sheet.getRange(logFirstDataRow, 1, lastRow - logFirstDataRow + 1, 1).getValues();
  let count = 0;
  while (count < column.length && String(column[count]?.[0] ?? '').slice(0, 10) < cutoff)
    count += 1;
  return count;
}
