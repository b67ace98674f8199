// Where the tracker's columns are, cached in a document property so a sidebar call never reads the header.

import { type ColumnMap, headerText, mapColumns, technicalHeaders } from '../domain/columns';
import type { Language } from '../domain/i18n';
import { storedColumnChoices } from './column-choices';
import { readFileRecord } from './file-record';
import { type DocumentStore, documentProperties, propertyKeys } from './properties';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The header of the technical column that keeps each deal's recent activity (see domain/activity). */
export const activityHeader: Readonly<Record<Language, string>> = technicalHeaders;

/** The tracker's columns as one operation needs them. */
export interface TrackerLayout {
  sheet: Sheet;
  /** Row 1 as text, one entry per column up to the last header (the width every row read uses). */
  headers: string[];
  columns: ColumnMap;
  /** 0-based column of the activity log, or null while the tracker has none. */
  activity: number | null;
  /**
   * Columns known to hold no formula in any data row. A row write may rewrite such a column with
   * the value it just read (to stay one setValues); every other column is only written when its
   * own value changes. Unknown (a new column, a cache rebuilt from the header alone) = not listed.
   */
  plainColumns: ReadonlySet<number>;
}

interface StoredLayout {
  sheetId: string;
  headers: string[];
  /** Headers (with their occurrence) of formula-free columns: survives columns being moved. */
  plain: string[];
}

/**
 * The tracker: the tab whose sheet ID set up recorded, and no other. A tab that is merely named
 * "Opportunities" is not one until set up has adopted it (its IDs, columns and counter unknown,
 * a new deal could reuse an ID already there).
 */
export function trackerSheet(spreadsheet: Spreadsheet): Sheet | null {
  const store = documentProperties();
  // A time-driven run has no document properties (Apps Script gives none outside a document):
  // there the tab is the one the file's own record names, by ID, never by a tab name.
  const id = store
    ? store.getProperty(propertyKeys.trackerSheetId)
    : (readFileRecord(spreadsheet)?.tracker ?? null);
  if (!id) return null;
  return spreadsheet.getSheets().find((sheet) => String(sheet.getSheetId()) === id) ?? null;
}

/**
 * The layout from the cache when it is there and names a sheet that still exists; else the header
 * row is read (one call) and remembered. Callers verify what they read against it (the ID cell of
 * the row they found) and call `relearnLayout` when that check fails.
 */
export function trackerLayout(sheet: Sheet | null): TrackerLayout | null {
  if (!sheet) return null;
  const store = documentProperties();
  const cached = parseStored(store?.getProperty(propertyKeys.trackerColumns));
  if (cached && cached.sheetId === String(sheet.getSheetId())) return fromStored(sheet, cached);
  return relearnLayout(sheet, store, cached);
}

/** Reads the header row again and stores what it found (keeping what was known of formula columns). */
export function relearnLayout(
  sheet: Sheet,
  store: DocumentStore | null = documentProperties(),
  previous: StoredLayout | null = parseStored(store?.getProperty(propertyKeys.trackerColumns)),
  /** Columns just created by the add-on (empty, so known to hold no formula). */
  created: ReadonlySet<number> = new Set(),
): TrackerLayout {
  const width = sheet.getLastColumn();
  const headers =
    width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map(headerText) : [];
  const trimmed = trimHeaders(headers);
  const keys = headerKeys(trimmed);
  const known: StoredLayout | null =
    created.size === 0
      ? previous
      : {
          sheetId: String(sheet.getSheetId()),
          headers: previous?.headers ?? [],
          plain: [...(previous?.plain ?? []), ...[...created].map((column) => keys[column] ?? '')],
        };
  return rememberLayout(sheet, trimmed, known, store);
}

/**
 * Stores a layout read by someone else (set up, repair, the selection poll that read row 1).
 * `plainColumns`, when given, replaces what was known; otherwise knowledge carries over by header.
 */
export function rememberLayout(
  sheet: Sheet,
  headers: readonly string[],
  previous: StoredLayout | null,
  store: DocumentStore | null = documentProperties(),
  plainColumns?: ReadonlySet<number>,
): TrackerLayout {
  const keys = headerKeys(headers);
  const knownPlain = new Set(previous?.plain ?? []);
  const plain =
    plainColumns === undefined
      ? keys.filter((key) => knownPlain.has(key))
      : keys.filter((_, column) => plainColumns.has(column));
  const stored: StoredLayout = {
    sheetId: String(sheet.getSheetId()),
    headers: [...headers],
    plain,
  };
  const text = JSON.stringify(stored);
  if (store && store.getProperty(propertyKeys.trackerColumns) !== text && text.length < 8_500)
    store.setProperty(propertyKeys.trackerColumns, text);
  return fromStored(sheet, stored);
}

/** The header row changed (a rename typed in row 1, set up, repair): rebuild on next use. */
export function forgetLayout(store: DocumentStore | null = documentProperties()): void {
  if (store?.getProperty(propertyKeys.trackerColumns) !== null)
    store?.deleteProperty(propertyKeys.trackerColumns);
}

/** Marks columns as holding formulas (a user typed one): they are never rewritten as values again. */
export function markFormulaColumns(layout: TrackerLayout, columns: readonly number[]): void {
  const store = documentProperties();
  const stored = parseStored(store?.getProperty(propertyKeys.trackerColumns));
  if (!stored) return;
  const keys = headerKeys(layout.headers);
  const drop = new Set(columns.map((column) => keys[column]));
  const plain = stored.plain.filter((key) => !drop.has(key));
  if (plain.length === stored.plain.length) return;
  store?.setProperty(propertyKeys.trackerColumns, JSON.stringify({ ...stored, plain }));
}

export function storedLayout(): StoredLayout | null {
  return parseStored(documentProperties()?.getProperty(propertyKeys.trackerColumns));
}

function fromStored(sheet: Sheet, stored: StoredLayout): TrackerLayout {
  const headers = stored.headers;
  const keys = headerKeys(headers);
  const plain = new Set(stored.plain);
  const activityNames = Object.values(activityHeader).map((name) => name.toLowerCase());
  const activityIndex = headers.findIndex((h) => activityNames.includes(h.trim().toLowerCase()));
  return {
    sheet,
    headers,
    // The reading a team confirmed at adoption (which column is the stage, which to keep) first.
    columns: mapColumns(headers, undefined, {
      choices: storedColumnChoices(() => sheet.getParent()),
    }),
    activity: activityIndex < 0 ? null : activityIndex,
    plainColumns: new Set(keys.flatMap((key, column) => (plain.has(key) ? [column] : []))),
  };
}

/** "Stage#1", "Notes#2": a header and its occurrence, stable when columns move. */
function headerKeys(headers: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((header) => {
    const n = (seen.get(header) ?? 0) + 1;
    seen.set(header, n);
    return `${header}#${n}`;
  });
}

function trimHeaders(headers: readonly string[]): string[] {
  let end = headers.length;
  while (end > 0 && (headers[end - 1] ?? '').trim() === '') end -= 1;
  return headers.slice(0, end).map((h) => h ?? '');
}

function parseStored(text: string | null | undefined): StoredLayout | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<StoredLayout>;
    if (
      typeof value.sheetId !== 'string' ||
      !Array.isArray(value.headers) ||
      !Array.isArray(value.plain)
    )
      return null;
    return {
      sheetId: value.sheetId,
      headers: value.headers.map(String),
      plain: value.plain.map(String),
    };
  } catch {
    return null;
  }
}
