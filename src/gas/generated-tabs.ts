// The tabs the metrics generate (Metrics, Snapshots): found by the sheet ID they were created with, else by name.

import type { Language } from '../domain/i18n';
import type { SheetCell } from '../domain/metrics-sheet';
import { metricsText } from '../domain/metrics-text';
import { quoteIfRisky } from './cells';
import { documentProperties } from './properties';
import { sheetByIdOrName } from './tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const metricsKeys = {
  metricsSheetId: 'metrics.sheetId',
  snapshotsSheetId: 'snapshots.sheetId',
  /** What the Metrics tab's charts were built from, so an unchanged layout keeps them as they are. */
  charts: 'metrics.charts',
} as const;

export type GeneratedTab = 'metrics' | 'snapshots';

const idKey: Record<GeneratedTab, string> = {
  metrics: metricsKeys.metricsSheetId,
  snapshots: metricsKeys.snapshotsSheetId,
};

export function generatedTabName(kind: GeneratedTab, language: Language): string {
  return metricsText(language, kind === 'metrics' ? 'tab.metrics' : 'tab.snapshots');
}

/** The tab by the ID stored when it was created, else by its name in either language. */
export function findGeneratedTab(spreadsheet: Spreadsheet, kind: GeneratedTab): Sheet | null {
  return sheetByIdOrName(
    spreadsheet.getSheets(),
    documentProperties()?.getProperty(idKey[kind]),
    (['en', 'es'] as const).map((language) => generatedTabName(kind, language)),
  );
}

/** Creates the tab at the end and remembers its ID (users rename tabs; the ID stays). */
export function createGeneratedTab(
  spreadsheet: Spreadsheet,
  kind: GeneratedTab,
  language: Language,
): Sheet {
  const sheet = spreadsheet.insertSheet(
    generatedTabName(kind, language),
    spreadsheet.getSheets().length,
  );
  documentProperties()?.setProperty(idKey[kind], String(sheet.getSheetId()));
  return sheet;
}

/** A planned cell as setValues takes it: numbers as numbers, text kept as text (see quoteIfRisky). */
export function sheetValue(cell: SheetCell | undefined): string | number {
  if (!cell || cell.value === '') return '';
  if (typeof cell.value === 'number') return cell.value;
  // Dates go as ISO text, which Sheets reads as that calendar day in every locale and zone.
  return cell.kind === 'date' ? cell.value : quoteIfRisky(cell.value);
}
