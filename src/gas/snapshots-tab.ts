// The Snapshots tab: read in one call, one row appended per ISO week by the week's first refresh, never rewritten.

import type { Language } from '../domain/i18n';
import { type CellKind, numberFormatFor } from '../domain/metrics-sheet';
import {
  type Snapshot,
  snapshotColumns,
  snapshotHeader,
  snapshotsFromRows,
  snapshotToRow,
} from '../domain/metrics-snapshots';
import { metricsText } from '../domain/metrics-text';
import { toDomainRow } from './cells';
import {
  createGeneratedTab,
  findGeneratedTab,
  type GeneratedTab,
  sheetValue,
} from './generated-tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const kind: GeneratedTab = 'snapshots';
/** Row 1 says the tab is generated, row 2 is the header, snapshots start on row 3. */
const headerRow = 2;

export interface SnapshotsRead {
  sheet: Sheet | null;
  snapshots: Snapshot[];
  /** The tab's last row with content (0 without a tab). */
  lastRow: number;
}

/** Every snapshot, from one read of the tab (a row a week: small whatever the tracker's size). */
export function readSnapshots(spreadsheet: Spreadsheet, timeZone: string): SnapshotsRead {
  const sheet = findGeneratedTab(spreadsheet, kind);
  if (!sheet) return { sheet: null, snapshots: [], lastRow: 0 };
  const values = sheet.getDataRange().getValues();
  const rows = values.slice(headerRow - 1).map((row) => toDomainRow(row, timeZone));
  const snapshots = rows.length > 0 ? snapshotsFromRows(rows, headerRow) : [];
  return {
    sheet,
    snapshots,
    lastRow: values.length === 1 && isBlank(values[0]) ? 0 : values.length,
  };
}

/**
 * Appends this week's snapshot after the last row (creating the tab on first use). The caller
 * holds the document lock and has just read the tab, so two refreshes never add the same week.
 */
export function appendSnapshot(
  spreadsheet: Spreadsheet,
  read: SnapshotsRead,
  snapshot: Snapshot,
  language: Language,
  currency: string,
): Sheet {
  const kinds = snapshotColumns.map((column) => columnKind[column.key] ?? 'text');
  const width = kinds.length;
  const line = snapshotToRow(snapshot).map((value, i) =>
    sheetValue({ value, kind: kinds[i] ?? 'text' }),
  );
  const formats = kinds.map((k) => numberFormatFor(k, currency, language));
  if (!read.sheet) {
    // A new tab: its banner, header and first snapshot in one write of each kind.
    const sheet = createGeneratedTab(spreadsheet, kind, language);
    const banner = [metricsText(language, 'banner.snapshots'), ...Array(width - 1).fill('')];
    const plain = numberFormatFor('text', currency, language);
    const range = sheet.getRange(1, 1, headerRow + 1, width);
    range.setValues([banner, snapshotHeader(language), line]);
    range.setNumberFormats([Array(width).fill(plain), Array(width).fill(plain), formats]);
    range.setFontWeights([
      Array(width).fill('bold'),
      Array(width).fill('bold'),
      Array(width).fill('normal'),
    ]);
    sheet.setFrozenRows(headerRow);
    return sheet;
  }
  const sheet = read.sheet;
  const row = Math.max(read.lastRow, headerRow) + 1;
  const maxRows = sheet.getMaxRows();
  if (row > maxRows) sheet.insertRowsAfter(maxRows, row - maxRows);
  const range = sheet.getRange(row, 1, 1, width);
  range.setValues([line]);
  range.setNumberFormats([formats]);
  return sheet;
}

const columnKind: Partial<Record<(typeof snapshotColumns)[number]['key'], CellKind>> = {
  weekStart: 'date',
  takenOn: 'date',
  openCount: 'count',
  openAmount: 'money',
  weighted: 'money',
  forecast: 'money',
  wonQtdCount: 'count',
  wonQtdAmount: 'money',
  lostQtdCount: 'count',
  lostQtdAmount: 'money',
  winRate: 'percent',
  coverage: 'ratio',
  slipping: 'count',
  stale: 'count',
};

function isBlank(row: unknown[] | undefined): boolean {
  return !row || row.every((cell) => cell === '' || cell === null);
}
