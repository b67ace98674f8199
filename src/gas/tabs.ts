// The add-on's other tabs: Settings, Team and History: found, created and read in bulk.

import { defaultSettings } from '../domain/defaults';
import type { HistoryLine } from '../domain/history-lines';
import type { Language } from '../domain/i18n';
import type { HistoryEvent, Settings, Team } from '../domain/model';
import {
  settingsFromRows,
  settingsToRows,
  teamFromRows,
  teamToRows,
} from '../domain/settings-table';
import { cellInputs, quoteIfRisky, toDomainRow } from './cells';
import { knownFileRecord } from './file-record';
import { padRows } from './grid';
import { documentProperties, propertyKeys } from './properties';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const tabNames = {
  settings: { en: 'Settings', es: 'Configuración' },
  team: { en: 'Team', es: 'Equipo' },
  history: { en: 'History', es: 'Historial' },
  tracker: { en: 'Opportunities', es: 'Oportunidades' },
  report: { en: 'Check report', es: 'Informe de revisión' },
} as const;

export type TabKind = keyof typeof tabNames;

const idKeys: Partial<Record<TabKind, string>> = {
  settings: propertyKeys.settingsSheetId,
  team: propertyKeys.teamSheetId,
  history: propertyKeys.historySheetId,
  tracker: propertyKeys.trackerSheetId,
};

const recordKeys = {
  settings: 'settings',
  team: 'team',
  history: 'history',
  tracker: 'tracker',
  report: 'tracker',
} as const;

/** A tab by the sheet ID remembered at setup, else by its name in either language. */
export function findTab(
  spreadsheet: Spreadsheet,
  kind: TabKind,
  sheets = spreadsheet.getSheets(),
): Sheet | null {
  const key = idKeys[kind];
  const store = documentProperties();
  // Without document properties (a time-driven run), the IDs the file's own record keeps.
  const record = store ? null : knownFileRecord();
  const id = key ? (store ? store.getProperty(key) : (record?.[recordKeys[kind]] ?? null)) : null;
  return sheetByIdOrName(sheets, id, Object.values(tabNames[kind]));
}

/**
 * A tab by the sheet ID remembered for it (users rename tabs; the ID stays), else by any of its
 * names, in any case: the one lookup every tab the add-on owns goes through.
 */
export function sheetByIdOrName(
  sheets: readonly Sheet[],
  id: number | string | null | undefined,
  names: readonly string[],
): Sheet | null {
  if (id !== null && id !== undefined && id !== '') {
    const byId = sheets.find((sheet) => String(sheet.getSheetId()) === String(id));
    if (byId) return byId;
  }
  const wanted = names.map((name) => name.toLowerCase());
  return sheets.find((sheet) => wanted.includes(sheet.getName().toLowerCase())) ?? null;
}

export const historyHeader: Record<Language, string[]> = {
  en: ['Time', 'User', 'Deal ID', 'Field', 'Old value', 'New value', 'Also changed'],
  es: [
    'Fecha y hora',
    'Usuario',
    'ID oportunidad',
    'Campo',
    'Valor anterior',
    'Valor nuevo',
    'También cambió',
  ],
};

/** Reads the Settings tab (one getValues); a missing or broken tab falls back to the defaults. */
export function readSettings(
  spreadsheet: Spreadsheet,
  language: Language,
  sheets?: Sheet[],
): { settings: Settings; issues: string[]; found: boolean } {
  const tab = findTab(spreadsheet, 'settings', sheets);
  if (!tab) return { settings: defaultSettings(language), issues: [], found: false };
  const rows = tab
    .getDataRange()
    .getValues()
    .map((row) => toDomainRow(row, 'UTC'));
  const parsed = settingsFromRows(rows);
  return parsed.ok
    ? { settings: parsed.value, issues: parsed.issues, found: true }
    : { settings: defaultSettings(language), issues: parsed.issues, found: true };
}

export function readTeam(spreadsheet: Spreadsheet, sheets?: Sheet[]): Team {
  const tab = findTab(spreadsheet, 'team', sheets);
  if (!tab) return [];
  const parsed = teamFromRows(
    tab
      .getDataRange()
      .getValues()
      .map((row) => toDomainRow(row, 'UTC')),
  );
  return parsed.ok ? parsed.value : [];
}

/** Creates a tab with its rows written in one call, or returns the existing one untouched. */
export function ensureTab(
  spreadsheet: Spreadsheet,
  kind: TabKind,
  language: Language,
  rows: () => Array<Array<string | number | boolean>>,
  sheets?: Sheet[],
): { sheet: Sheet; created: boolean } {
  const existing = findTab(spreadsheet, kind, sheets);
  if (existing) return { sheet: existing, created: false };
  const sheet = spreadsheet.insertSheet(tabNames[kind][language]);
  const grid = padRows(rows());
  const width = Math.max(grid[0]?.length ?? 0, 1);
  if (grid.length > 0) sheet.getRange(1, 1, grid.length, width).setValues(cellInputs(grid));
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  sheet.setFrozenRows(1);
  return { sheet, created: true };
}

export function settingsRows(
  settings: Settings,
  language: Language,
): Array<Array<string | number | boolean>> {
  return settingsToRows(settings, language);
}

export function teamRows(team: Team, language: Language): Array<Array<string | number | boolean>> {
  return teamToRows(team, language);
}

/** Appends History lines in one write after the last row (callers hold the document lock). */
export function appendHistory(history: Sheet, events: readonly HistoryEvent[]): void {
  if (events.length === 0) return;
  const first = history.getLastRow() + 1;
  const rows = events.map((event) => historyRow({ event, also: '' }));
  if (first + rows.length - 1 > history.getMaxRows()) {
    history.insertRowsAfter(history.getMaxRows(), first + rows.length - 1 - history.getMaxRows());
  }
  history.getRange(first, 1, rows.length, rows[0]?.length ?? 7).setValues(rows);
}

/** One History line as written: text cells, so an old value like "2026-12-01" stays as typed. */
export function historyRow(line: HistoryLine): string[] {
  const { event, also } = line;
  return [
    event.at.replace('T', ' '),
    ...[event.user, event.dealId, event.field, event.old, event.new, also].map(quoteIfRisky),
  ];
}
