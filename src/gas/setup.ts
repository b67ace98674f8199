// Set up, adopt and repair the tracker: add what is missing, never move or rewrite what a user wrote.

import {
  type ColumnMap,
  headerFor,
  headerText,
  mapColumns,
  normalizeHeader,
  technicalHeaders,
} from '../domain/columns';
import { type FieldKey, fieldKeys } from '../domain/fields';
import type { Language } from '../domain/i18n';
import { allocateIds } from '../domain/ids';
import type { Cell, DataIssue, Settings } from '../domain/model';
import { canonicalStage, cellToText, parseRows } from '../domain/parse-row';
import { quoteIfRisky } from './cells';
import { type DocumentStore, documentProperties, propertyKeys } from './properties';
import { formulaFreeColumns, prepareRowAccess } from './row-access';
import {
  applyConditionalFormats,
  applyValidations,
  formatNewColumns,
  protectHeader,
  styleHeaderCells,
} from './sheet-format';
import { ensureTab, historyHeader, settingsRows, tabNames, teamRows } from './tabs';
import { findTrackerSheet, firstDataRow, readTracker, type TrackerSnapshot } from './tracker';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** What adopting a sheet would do, shown to the user before anything changes. */
export interface AdoptionPlan {
  sheetName: string;
  mapped: Array<{ field: FieldKey; header: string }>;
  unmapped: string[];
  duplicates: Array<{ field: FieldKey; headers: string[] }>;
  /** Fields whose columns will be added at the end, in this order. */
  toAdd: FieldKey[];
  /** Data rows (with any content) and how many of them lack an ID. */
  dataRows: number;
  missingIds: number;
  /** Stage values in the sheet that the stage list does not know, with their row counts. */
  unknownStages: Array<{ value: string; rows: number }>;
}

export interface SetupResult {
  sheet: Sheet;
  plan: AdoptionPlan;
  addedColumns: FieldKey[];
  filledIds: number;
  issues: DataIssue[];
  duplicateIds: string[];
}

/** The rows that hold anything at all: blank rows between deals get no ID and no stage. */
function dataRowIndexes(rows: readonly Cell[][]): number[] {
  return rows.flatMap((row, index) =>
    row.some((cell) => cellToText(cell).trim() !== '') ? [index] : [],
  );
}

export function planAdoption(snapshot: TrackerSnapshot, settings: Settings): AdoptionPlan {
  const { columns, rows } = snapshot;
  const withData = dataRowIndexes(rows);
  const idColumn = columns.byField.id;
  const stageColumn = columns.byField.stage;
  const unknown = new Map<string, number>();
  if (stageColumn !== undefined) {
    for (const index of withData) {
      const value = cellToText(rows[index]?.[stageColumn]).trim();
      if (value && !canonicalStage(value, settings))
        unknown.set(value, (unknown.get(value) ?? 0) + 1);
    }
  }
  return {
    sheetName: snapshot.sheet.getName(),
    mapped: (Object.entries(columns.byField) as Array<[FieldKey, number]>).map(
      ([field, column]) => ({
        field,
        header: columns.headers[column] ?? '',
      }),
    ),
    unmapped: columns.unmapped.map((u) => u.header),
    duplicates: columns.duplicates.map((d) => ({
      field: d.field,
      headers: d.columns.map((c) => columns.headers[c] ?? ''),
    })),
    toAdd: fieldKeys.filter((field) => columns.byField[field] === undefined),
    dataRows: withData.length,
    missingIds:
      idColumn === undefined
        ? withData.length
        : withData.filter((index) => cellToText(rows[index]?.[idColumn]).trim() === '').length,
    unknownStages: [...unknown].map(([value, count]) => ({ value, rows: count })),
  };
}

/**
 * Adds the missing columns at the end (header cells only, plus IDs and a first stage for existing
 * deals in new ID/Stage columns), fills missing IDs, and (re)applies validation, colours, frozen
 * and protected header. Costs the same number of service calls for 10 rows or 10,000: every write
 * is one range.
 */
export function applyTracker(
  spreadsheet: Spreadsheet,
  sheet: Sheet,
  snapshot: TrackerSnapshot,
  settings: Settings,
  language: Language,
): SetupResult {
  const plan = planAdoption(snapshot, settings);
  const properties = documentProperties();
  const width = snapshot.width;
  const added = plan.toAdd;

  // 1. New columns at the end: header cells in one write, then their formats and widths.
  if (added.length > 0) {
    const needed = width + added.length - sheet.getMaxColumns();
    if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
    sheet
      .getRange(1, width + 1, 1, added.length)
      .setValues([added.map((field) => headerFor(field, language))]);
  }
  const headerRow: Cell[] = [
    ...snapshot.columns.headers,
    ...added.map((field) => headerFor(field, language)),
  ];
  const columns: ColumnMap = mapColumns(headerRow);
  // Colours and the protected header stop before the add-on's hidden activity log (kept last).
  const fullWidth = widthBeforeTechnical(headerRow);
  const isNewSheet = width === 0;
  styleHeaderCells(sheet, isNewSheet ? 0 : width, added.length);
  formatNewColumns(sheet, columns, added);

  // 2. IDs for every deal without one; a new Stage column starts every existing deal at the first stage.
  const withData = dataRowIndexes(snapshot.rows);
  const ids = fillIds(sheet, snapshot, columns, withData, properties);
  const filledIds = ids.filled;
  const stageColumn = columns.byField.stage;
  if (added.includes('stage') && stageColumn !== undefined && withData.length > 0) {
    const first = settings.stages[0]?.name ?? '';
    const last = Math.max(...withData);
    const hasData = new Set(withData);
    const values = Array.from({ length: last + 1 }, (_, index) => [
      hasData.has(index) ? first : '',
    ]);
    sheet.getRange(firstDataRow, stageColumn + 1, values.length, 1).setValues(values);
  }

  // 3. Validation, colours, frozen and protected header: whole columns, one call each.
  applyValidations(sheet, columns, settings, language);
  applyConditionalFormats(sheet, columns, settings, fullWidth);
  protectHeader(sheet, fullWidth);

  // 4. The other tabs, created once with their content in one write each.
  const sheets = spreadsheet.getSheets();
  ensureTab(spreadsheet, 'settings', language, () => settingsRows(settings, language), sheets);
  ensureTab(spreadsheet, 'team', language, () => teamRows([], language), sheets);
  const history = ensureTab(
    spreadsheet,
    'history',
    language,
    () => [historyHeader[language]],
    sheets,
  );

  // 5. One-row access for the sidebar: the activity log column, the cached layout, the ID counter.
  const formulaFree = formulaFreeColumns(sheet, width, firstDataRow + snapshot.rows.length - 1);
  for (let column = width; column < headerRow.length; column += 1) formulaFree.add(column);
  const firstStage = added.includes('stage') ? (settings.stages[0]?.name ?? '') : null;
  const dataIndexes = new Set(withData);
  const finalRows = snapshotRowsWithNewColumns(snapshot, added.length).map((row, index) => {
    const copy = [...row];
    if (columns.byField.id !== undefined) copy[columns.byField.id] = ids.ids[index] ?? '';
    if (firstStage !== null && columns.byField.stage !== undefined && dataIndexes.has(index))
      copy[columns.byField.stage] = firstStage;
    return copy;
  });
  prepareRowAccess(sheet, headerRow, finalRows, columns, language, formulaFree);

  properties?.setProperties({
    [propertyKeys.trackerSheetId]: String(sheet.getSheetId()),
    [propertyKeys.historySheetId]: String(history.sheet.getSheetId()),
    [propertyKeys.language]: settings.language,
    [propertyKeys.setUpVersion]: '1',
  });

  const parsed = parseRows(
    snapshotRowsWithNewColumns(snapshot, added.length),
    columns,
    settings,
    firstDataRow,
  );
  return {
    sheet,
    plan,
    addedColumns: added,
    filledIds,
    issues: parsed.issues,
    duplicateIds: parsed.duplicateIds,
  };
}

function widthBeforeTechnical(headerRow: readonly Cell[]): number {
  const technical = Object.values(technicalHeaders).map(normalizeHeader);
  let end = headerRow.length;
  while (end > 0 && technical.includes(normalizeHeader(headerText(headerRow[end - 1])))) end -= 1;
  return end;
}

function snapshotRowsWithNewColumns(snapshot: TrackerSnapshot, extra: number): Cell[][] {
  return snapshot.rows.map((row) => [
    ...row,
    ...Array<Cell>(Math.max(0, snapshot.width - row.length) + extra).fill(''),
  ]);
}

/**
 * Writes IDs for deals without one. When the ID column is new, or has no formulas, the whole
 * column goes in one setValues (existing IDs rewritten as themselves); otherwise only the gaps.
 */
function fillIds(
  sheet: Sheet,
  snapshot: TrackerSnapshot,
  columns: ColumnMap,
  withData: readonly number[],
  properties: DocumentStore | null,
): { filled: number; ids: string[] } {
  const idColumn = columns.byField.id;
  const current =
    idColumn === undefined ? [] : snapshot.rows.map((row) => cellToText(row[idColumn]).trim());
  if (idColumn === undefined || withData.length === 0) return { filled: 0, ids: current };
  const missing = withData.filter((index) => !current[index]);
  if (missing.length === 0) return { filled: 0, ids: current };
  const stored = Number(properties?.getProperty(propertyKeys.nextId) ?? '1');
  const { ids, next } = allocateIds(missing.length, current, stored);
  const updated = [...current];
  missing.forEach((index, i) => {
    updated[index] = ids[i] ?? '';
  });
  const last = Math.max(...withData);
  const range = sheet.getRange(firstDataRow, idColumn + 1, last + 1, 1);
  const existingColumn = idColumn < snapshot.width;
  const hasFormulas = existingColumn && range.getFormulas().some((row) => row[0] !== '');
  if (!hasFormulas) {
    range.setValues(updated.slice(0, last + 1).map((id) => [quoteIfRisky(id)]));
  } else {
    for (const [i, index] of missing.entries()) {
      sheet.getRange(firstDataRow + index, idColumn + 1).setValue(quoteIfRisky(ids[i] ?? ''));
    }
  }
  properties?.setProperty(propertyKeys.nextId, String(next));
  return { filled: missing.length, ids: updated };
}

/** The sheet to set up: ours if it exists; else the active sheet when it holds data; else a new tab. */
export function chooseTrackerSheet(
  spreadsheet: Spreadsheet,
  language: Language,
): { sheet: Sheet; adopting: boolean; existing: boolean } {
  const ours = findTrackerSheet(spreadsheet);
  if (ours) return { sheet: ours, adopting: false, existing: true };
  const active = spreadsheet.getActiveSheet();
  if (active.getLastRow() > 0 || active.getLastColumn() > 0) {
    const reserved = Object.values(tabNames).flatMap((names) =>
      Object.values(names).map((n) => n.toLowerCase()),
    );
    if (!reserved.includes(active.getName().toLowerCase()))
      return { sheet: active, adopting: true, existing: false };
    return {
      sheet: spreadsheet.insertSheet(tabNames.tracker[language], 0),
      adopting: false,
      existing: false,
    };
  }
  // An empty sheet (a new spreadsheet's "Sheet1") becomes the tracker.
  active.setName(tabNames.tracker[language]);
  return { sheet: active, adopting: false, existing: false };
}

export function readSnapshot(sheet: Sheet, timeZone: string): TrackerSnapshot {
  return readTracker(sheet, timeZone);
}
