// What a script reads from and writes into one cell: typed-input parsing, Dates, display text.

import { isDate } from './gas-types';
import type { Cell, CellValue, SheetModel, SpreadsheetModel } from './sheet-model';
import {
  dateFromSerial,
  displayValue,
  isDateFormat,
  parseUserInput,
  serialFromDate,
} from './values';

/** What getNumberFormat gives for a cell with the automatic format. */
export const automaticNumberFormat = '0.###############';
/** The format Sheets gives a cell when a script writes a Date into it. */
export const dateTimeFormat = 'M/d/yyyy H:mm:ss';

/** Stores a value the way Sheets does when a script writes it (strings are parsed as if typed). */
export function writeCellValue(
  file: SpreadsheetModel,
  cell: Cell,
  value: unknown,
  /** The simulated clock: places a date typed without a year ('1/2'). */
  now: Date,
): void {
  delete cell.formula;
  if (value === null || value === undefined || value === '') {
    cell.value = '';
  } else if (isDate(value)) {
    cell.value = serialFromDate(new Date(value.getTime()), file.timeZone);
    // Only an automatic format becomes a date format; a format someone chose stays.
    if (cell.numberFormat === undefined) cell.numberFormat = dateTimeFormat;
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    cell.value = value;
  } else {
    const text = String(value);
    if (cell.numberFormat === '@') {
      // Plain-text format: Sheets keeps what was typed.
      cell.value = text;
      return;
    }
    const parsed = parseUserInput(text, file.locale, file.timeZone, now.getTime());
    cell.value = parsed.value;
    if (parsed.formula !== undefined) cell.formula = parsed.formula;
    if (parsed.numberFormat !== undefined && cell.numberFormat === undefined)
      cell.numberFormat = parsed.numberFormat;
  }
}

/** A cell's value as getValue gives it: '' when empty, the computed value of a formula, Dates for dates. */
export function readCellValue(
  file: SpreadsheetModel,
  sheet: SheetModel,
  row: number,
  column: number,
  now: Date,
): CellValue | Date {
  const cell = sheet.cell(row, column);
  if (!cell) return '';
  const value = file.computedValue(sheet, row, column, now);
  if (typeof value === 'number' && isDateFormat(cell.numberFormat))
    return dateFromSerial(value, file.timeZone);
  return value;
}

export function readDisplayValue(
  file: SpreadsheetModel,
  sheet: SheetModel,
  row: number,
  column: number,
  now: Date,
): string {
  const cell = sheet.cell(row, column);
  if (!cell) return displayValue(null, file.locale);
  const { validation: _v, ...data } = cell;
  return displayValue({ ...data, value: file.computedValue(sheet, row, column, now) }, file.locale);
}
