// How Google Sheets stores and shows values: serial dates, typed input, number formats, A1 notation.
import type { CellSnapshot } from './snapshot';
import { formatNumber } from './values-format';

export {
  formatAutomaticNumber,
  formatNumber,
  isDateFormat,
  isTimeOnlyFormat,
} from './values-format';
export { localeConventions } from './values-locale';
export { parseUserInput } from './values-parse';
export {
  dateFromSerial,
  serialFromDate,
  serialFromWallTime,
  wallTimeFromSerial,
} from './values-time';

/**
 * The text getDisplayValue returns for a cell: numbers through their format and the locale's
 * separators, booleans as TRUE/FALSE (checkboxes too), errors and text as stored.
 */
export function displayValue(cell: CellSnapshot | null, locale: string): string {
  if (!cell) return '';
  const { value } = cell;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  return formatNumber(value, cell.numberFormat, locale);
}
