// The History tab as the metrics need it: only its time, deal, field, old and new columns, newest lines first to go.

import { normalizeHeader } from '../domain/columns';
import type { LocalDate, LocalDateTime } from '../domain/dates';
import type { HistoryEvent } from '../domain/model';
import { toDomainCell } from './cells';
import { findTab, historyHeader } from './tabs';
import { readBlocks } from './tracker';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * History lines read at most in one refresh. History is append-only, so its newest lines are its
 * last rows: past this many, only the most recent are read, and the Metrics tab says so. At 5 columns
 * a line this keeps the read near 6 s (cost model: ~0.012 ms a cell) whatever the tab's size.
 */
export const historyLineBudget = 100_000;

export interface HistoryRead {
  events: HistoryEvent[];
  /** Lines in the tab (its last row minus the header). */
  total: number;
  /** Lines read (the last `read` of them). */
  read: number;
  /** The date of the first line read; null when nothing was read. */
  since: LocalDate | null;
}

const wanted = ['at', 'dealId', 'field', 'old', 'new'] as const;
type Wanted = (typeof wanted)[number];
/** Header positions when the header row is unreadable: the order the add-on writes. */
const writtenOrder: Record<Wanted, number> = { at: 0, dealId: 2, field: 3, old: 4, new: 5 };
const headerIndex: Record<Wanted, number> = { at: 0, dealId: 2, field: 3, old: 4, new: 5 };

/**
 * Reads the History tab by its own columns: its size (one call), the header row (one call),
 * then one getValues per block of the wanted columns over the lines to read. The User and "Also
 * changed" columns are never read.
 */
export function readHistoryColumns(
  history: Sheet | null,
  timeZone: string,
  budget = historyLineBudget,
): HistoryRead {
  if (!history) return { events: [], total: 0, read: 0, since: null };
  // One call for the last row and column (a data range's size is known without reading it).
  const used = history.getDataRange();
  const lastRow = used.getLastRow();
  const total = Math.max(lastRow - 1, 0);
  if (total === 0) return { events: [], total: 0, read: 0, since: null };
  const width = used.getLastColumn();
  const header = (history.getRange(1, 1, 1, width).getValues()[0] ?? []).map((cell) =>
    normalizeHeader(String(cell ?? '')),
  );
  const columns = { ...writtenOrder };
  for (const key of wanted) {
    const names = [historyHeader.en[headerIndex[key]], historyHeader.es[headerIndex[key]]].map(
      (name) => normalizeHeader(name ?? ''),
    );
    const found = header.findIndex((text) => names.includes(text));
    if (found >= 0) columns[key] = found;
  }
  const read = Math.min(total, budget);
  const firstRow = lastRow - read + 1;
  const positions = [...new Set(wanted.map((key) => columns[key]))].sort((a, b) => a - b);
  const values: Record<Wanted, unknown[]> = { at: [], dealId: [], field: [], old: [], new: [] };
  for (const block of readBlocks(positions, read)) {
    const grid = history
      .getRange(firstRow, block.first + 1, read, block.last - block.first + 1)
      .getValues();
    for (const key of wanted) {
      const offset = columns[key] - block.first;
      if (columns[key] < block.first || columns[key] > block.last) continue;
      values[key] = grid.map((row) => row[offset]);
    }
  }
  const events: HistoryEvent[] = [];
  for (let i = 0; i < read; i += 1) {
    const dealId = text(values.dealId[i]).trim();
    if (dealId === '') continue;
    const at = dateTime(values.at[i], timeZone);
    if (at === null) continue;
    events.push({
      at,
      user: '',
      dealId,
      field: text(values.field[i]) as HistoryEvent['field'],
      old: cellText(values.old[i], timeZone),
      new: cellText(values.new[i], timeZone),
    });
  }
  return {
    events,
    total,
    read,
    since: events[0] ? (events[0].at.slice(0, 10) as LocalDate) : null,
  };
}

/** The History tab, found as the rest of the add-on finds it. */
export function historySheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Sheet | null {
  return findTab(spreadsheet, 'history');
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === null || value === undefined ? '' : String(value);
}

/** Old and new values as History wrote them (text); a cell Sheets turned into a date reads as its date. */
function cellText(value: unknown, timeZone: string): string {
  if (value instanceof Date) {
    const cell = toDomainCell(value, timeZone);
    return typeof cell === 'object' ? cell.date : String(cell);
  }
  return text(value);
}

/** A History time: a date-time cell in the sheet's zone, or the text the add-on wrote. */
function dateTime(value: unknown, timeZone: string): LocalDateTime | null {
  const cell = toDomainCell(value, timeZone);
  if (typeof cell === 'object') return `${cell.date}T${cell.time}` as LocalDateTime;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)/.exec(String(cell).trim());
  if (!match) return null;
  const time = (match[2] as string).length === 5 ? `${match[2]}:00` : match[2];
  return `${match[1]}T${time}` as LocalDateTime;
}
