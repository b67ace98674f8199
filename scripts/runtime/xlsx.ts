// .xlsx files in and out of the runtime's spreadsheet snapshots, through ExcelJS.
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { SpreadsheetSnapshot } from './snapshot';
import { snapshotFromWorkbook } from './xlsx-read';
import { workbookFromSnapshot } from './xlsx-write';

export { snapshotFromWorkbook } from './xlsx-read';
export { workbookFromSnapshot } from './xlsx-write';

/**
 * Reads every worksheet of an .xlsx file: values (dates as serials with their format), formulas with
 * their cached results, formats, notes, fills, fonts, frozen panes, widths, hidden columns, data
 * validations and expression conditional formats. A file this module wrote also gets back what .xlsx
 * cannot hold (protections, charts, exact rules, sizes, sheet ids, zone and locale).
 */
export async function readXlsx(
  filePath: string,
  options: { timeZone: string; locale: string },
): Promise<SpreadsheetSnapshot> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(filePath);
  return snapshotFromWorkbook(workbook, { ...options, name: path.basename(filePath, '.xlsx') });
}

/** Writes a snapshot as .xlsx (charts and protections become notes; see workbookFromSnapshot). */
export async function writeXlsx(snapshot: SpreadsheetSnapshot, filePath: string): Promise<void> {
  await workbookFromSnapshot(snapshot).xlsx.writeFile(filePath);
}
