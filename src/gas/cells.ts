// Converts between what SpreadsheetApp returns and the domain's plain cells, in the sheet's time zone.

import { needsQuote, quoteIfRisky } from '../domain/cell-text';
import type { LocalDate, LocalDateTime } from '../domain/dates';
import type { FieldKind } from '../domain/fields';
import type { Cell } from '../domain/model';
import { wallClockAt } from './wall-clock';

/**
 * A cell from getValues() as the domain wants it. Date cells come back as instants for the wall
 * time in the SPREADSHEET's zone, so they are turned into calendar dates in that zone (with Intl,
 * in plain JavaScript: a Utilities.formatDate call per date cell would cost O(rows) service calls;
 * wallClockAt asks Intl once per quarter hour, not once per cell).
 */
export function toDomainCell(value: unknown, timeZone: string): Cell {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const local = wallClockAt(value.getTime(), timeZone);
    return { kind: 'date', date: local.date, time: local.time };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return value === null || value === undefined ? '' : String(value);
}

export function toDomainRow(values: readonly unknown[], timeZone: string): Cell[] {
  return values.map((value) => toDomainCell(value, timeZone));
}

/** What to hand setValues for a field of this kind, so the sheet stores the right type. */
export type SheetValue = string | number | boolean;

/**
 * The value written for a typed domain value. Dates go as ISO text, which Sheets parses as that
 * calendar date in every locale and zone (no instant, so no time-zone arithmetic to get wrong);
 * risky text gets a leading apostrophe, so Sheets keeps it as text: no formula injection and no
 * "12/3" turning into a date or "007" into 7.
 */
export function toSheetValue(kind: FieldKind, value: unknown): SheetValue {
  if (value === null || value === undefined || value === '') return '';
  switch (kind) {
    case 'checkbox':
      return value === true;
    case 'money':
    case 'number':
    case 'percent':
    case 'score':
    case 'stars':
    case 'count':
      return typeof value === 'number' && Number.isFinite(value) ? value : '';
    case 'date':
      return String(value as LocalDate);
    case 'timestamp':
      return String(value as LocalDateTime).replace('T', ' ');
    case 'phone':
      return String(value);
    default:
      return quoteIfRisky(String(value));
  }
}

// ---- The one rule (src/domain/cell-text.ts): when text written into a cell needs an apostrophe --

export { needsQuote, quoteIfRisky };

/** A value for setValues: text through the rule above; numbers and booleans as they are. */
export function cellInput(value: SheetValue): SheetValue {
  return typeof value === 'string' ? quoteIfRisky(value) : value;
}

/** Rows of a tab the add-on writes (settings, team, history, reports) with every text protected. */
export function cellInputs(rows: ReadonlyArray<ReadonlyArray<SheetValue>>): SheetValue[][] {
  return rows.map((row) => row.map(cellInput));
}
