// A1 notation: column letters, ranges with sheet names, whole and open rows and columns, rectangles.

/** A block of cells, 1-based and inclusive. */
export interface Rect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** A rectangle with the sheet its A1 text names, if any. */
export interface A1Range extends Rect {
  sheet?: string;
}

export interface ParsedA1 {
  sheetName: string | null;
  /** Open ends ('A:A', 'A2:A', '3:3') are null and resolved against the sheet's size by the caller. */
  row: number | null;
  column: number | null;
  lastRow: number | null;
  lastColumn: number | null;
}

/** 1 -> 'A', 27 -> 'AA'. */
export function columnToLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`Not a column: ${column}`);
  let letters = '';
  let rest = column;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

/** 'A' -> 1, 'aa' -> 27, '$C' -> 3. */
export function lettersToColumn(letters: string): number {
  const clean = letters.replace(/\$/g, '').toUpperCase();
  if (!/^[A-Z]+$/.test(clean)) throw new RangeError(`Not column letters: ${letters}`);
  let column = 0;
  for (const letter of clean) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column;
}

/**
 * Which ends of a range are fixed: 'B2:D5' all four; '5:7' (whole rows) no column ends; 'D:F'
 * (whole columns) no row ends; 'A2:A' no end row. Google's Range.isStartRowBounded() and the like.
 */
export interface Bounds {
  startRow: boolean;
  endRow: boolean;
  startColumn: boolean;
  endColumn: boolean;
}

export const bounded: Bounds = Object.freeze({
  startRow: true,
  endRow: true,
  startColumn: true,
  endColumn: true,
});

export function boundsOf(parsed: ParsedA1): Bounds {
  return {
    startRow: parsed.row !== null,
    endRow: parsed.lastRow !== null,
    startColumn: parsed.column !== null,
    endColumn: parsed.lastColumn !== null,
  };
}

/**
 * A1 text as Google's getA1Notation() gives it: 'C5', 'B2:E4', and for open ranges only the ends
 * that are fixed ('5:7', 'D:F', 'A2:A').
 */
export function rectToA1Bounded(rect: Rect, bounds: Bounds): string {
  if (bounds.startRow && bounds.endRow && bounds.startColumn && bounds.endColumn)
    return rectToA1(rect);
  const start = `${bounds.startColumn ? columnToLetters(rect.column) : ''}${bounds.startRow ? rect.row : ''}`;
  const end = `${bounds.endColumn ? columnToLetters(rect.column + rect.numColumns - 1) : ''}${bounds.endRow ? rect.row + rect.numRows - 1 : ''}`;
  return `${start}:${end}`;
}

/** Splits `'My sheet'!A1:B2` or `Sheet1!A1` into the sheet name (quotes undone) and the range. */
export function splitSheetName(a1: string): { sheet?: string; range: string } {
  const text = a1.trim();
  // '!C2:E5': no sheet named, so the sheet the range is asked of (as on Google).
  if (text.startsWith('!')) return { range: text.slice(1) };
  const quoted = /^'((?:[^']|'')+)'!(.*)$/.exec(text);
  if (quoted) return { sheet: (quoted[1] ?? '').replace(/''/g, "'"), range: quoted[2] ?? '' };
  const bang = text.lastIndexOf('!');
  if (bang > 0) return { sheet: text.slice(0, bang), range: text.slice(bang + 1) };
  return { range: text };
}

/** A sheet name as A1 notation needs it: quoted unless a plain word that is not itself a cell. */
export function quoteSheetName(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`;
}

const cornerPattern = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

/**
 * Parses 'B2', 'B2:D10', 'A:A', '2:2', 'A2:A', "'Sheet 1'!A1" ($ allowed); null when the text is
 * not a range (Apps Script then says "Range not found"). Corners may come in any order.
 */
export function parseA1(a1: string): ParsedA1 | null {
  const { sheet, range } = splitSheetName(a1);
  const [first, second, extra] = range.split(':');
  if (first === undefined || extra !== undefined) return null;
  const start = cornerPattern.exec(first);
  const end = cornerPattern.exec(second ?? first);
  if (!start || !end) return null;
  const [, c1 = '', r1 = ''] = start;
  const [, c2 = '', r2 = ''] = end;
  if ((c1 === '' && r1 === '') || (c2 === '' && r2 === '')) return null;
  if (second === undefined && (c1 === '' || r1 === '')) return null;
  // 'A2:A' is open downwards; 'A:A2' and '2:B2' mean nothing.
  if ((r1 === '' && r2 !== '') || (c1 === '' && c2 !== '')) return null;
  const row = r1 === '' ? null : Number(r1);
  const lastRow = r2 === '' ? null : Number(r2);
  const column = c1 === '' ? null : lettersToColumn(c1);
  const lastColumn = c2 === '' ? null : lettersToColumn(c2);
  if (row === 0 || lastRow === 0) return null;
  return {
    sheetName: sheet ?? null,
    row: row !== null && lastRow !== null ? Math.min(row, lastRow) : row,
    lastRow: row !== null && lastRow !== null ? Math.max(row, lastRow) : lastRow,
    column: column !== null && lastColumn !== null ? Math.min(column, lastColumn) : column,
    lastColumn: column !== null && lastColumn !== null ? Math.max(column, lastColumn) : lastColumn,
  };
}

const r1c1Pattern = /^R(\d+)C(\d+)(?::R(\d+)C(\d+))?$/i;

/**
 * Parses what Sheet.getRange(text) accepts: A1 notation, or R1C1 notation with absolute numbers
 * ('R5C3', 'R2C2:R4C5', any case); 'RC1' is A1 (column RC). Null when neither.
 */
export function parseRangeText(text: string): ParsedA1 | null {
  const { sheet, range } = splitSheetName(text);
  const r1c1 = r1c1Pattern.exec(range);
  if (!r1c1) return parseA1(text);
  const [r1, c1, r2, c2] = r1c1.slice(1).map((n, i) => Number(n ?? r1c1[i - 1])) as number[];
  if (!r1 || !c1 || !r2 || !c2) return null;
  return {
    sheetName: sheet ?? null,
    row: Math.min(r1, r2),
    lastRow: Math.max(r1, r2),
    column: Math.min(c1, c2),
    lastColumn: Math.max(c1, c2),
  };
}

/** Resolves open ends against a sheet of maxRows x maxColumns. */
export function resolveA1(parsed: ParsedA1, maxRows: number, maxColumns: number): Rect {
  const row = parsed.row ?? 1;
  const column = parsed.column ?? 1;
  const lastRow = parsed.lastRow ?? maxRows;
  const lastColumn = parsed.lastColumn ?? maxColumns;
  return { row, column, numRows: lastRow - row + 1, numColumns: lastColumn - column + 1 };
}

/**
 * parseA1 and resolveA1 in one, throwing "Range not found" like Apps Script for bad text; whole or
 * open rows and columns need the sheet's size.
 */
export function rangeFromA1(a1: string, maxRows?: number, maxColumns?: number): A1Range {
  const parsed = parseA1(a1);
  if (!parsed) throw new Error('Range not found');
  const open = parsed.lastRow === null || parsed.lastColumn === null;
  if (open && (maxRows === undefined || maxColumns === undefined))
    throw new Error(`Range ${a1} spans whole rows or columns: the sheet's size is needed`);
  const rect = resolveA1(parsed, maxRows ?? 0, maxColumns ?? 0);
  return parsed.sheetName === null ? rect : { sheet: parsed.sheetName, ...rect };
}

/** { row: 2, column: 3 } -> 'C2'; 9 rows by 2 columns from there -> 'C2:D10'. */
export function rectToA1(rect: Rect): string {
  const start = `${columnToLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnToLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

export function containsCell(rect: Rect, row: number, column: number): boolean {
  return (
    row >= rect.row &&
    row < rect.row + rect.numRows &&
    column >= rect.column &&
    column < rect.column + rect.numColumns
  );
}

export type Dimension = 'rows' | 'columns';

/**
 * Moves a rectangle for rows/columns inserted before `position`, as Sheets moves ranges: a range
 * after the insertion moves, a range spanning it grows.
 */
export function shiftForInsert(
  rect: Rect,
  dimension: Dimension,
  position: number,
  count: number,
): Rect {
  const start = dimension === 'rows' ? rect.row : rect.column;
  const size = dimension === 'rows' ? rect.numRows : rect.numColumns;
  let newStart = start;
  let newSize = size;
  if (start >= position) newStart = start + count;
  else if (start + size - 1 >= position) newSize = size + count;
  return dimension === 'rows'
    ? { ...rect, row: newStart, numRows: newSize }
    : { ...rect, column: newStart, numColumns: newSize };
}

/** Moves a rectangle for `count` rows/columns deleted from `position`; null when all of it went. */
export function shiftForDelete(
  rect: Rect,
  dimension: Dimension,
  position: number,
  count: number,
): Rect | null {
  const start = dimension === 'rows' ? rect.row : rect.column;
  const end = start + (dimension === 'rows' ? rect.numRows : rect.numColumns) - 1;
  const deletedEnd = position + count - 1;
  const removedBefore = (at: number) => Math.max(0, Math.min(at - 1, deletedEnd) - position + 1);
  const removedUpTo = (at: number) => Math.max(0, Math.min(at, deletedEnd) - position + 1);
  const newStart =
    start >= position && start <= deletedEnd ? position : start - removedBefore(start);
  const newEnd = end - removedUpTo(end);
  if (newEnd < newStart) return null;
  return dimension === 'rows'
    ? { ...rect, row: newStart, numRows: newEnd - newStart + 1 }
    : { ...rect, column: newStart, numColumns: newEnd - newStart + 1 };
}
