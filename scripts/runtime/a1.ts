// A1 notation for the runtime: parsing 'Sheet 1'!B2:C, column letters, and rectangles.

/** A block of cells, 1-based and inclusive. */
export interface Rect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface ParsedA1 {
  sheetName: string | null;
  /** Open ends ('A:A', 'A2:A', '3:3') are null and resolved against the sheet's size by the caller. */
  row: number | null;
  column: number | null;
  lastRow: number | null;
  lastColumn: number | null;
}

export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const cellPattern = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

function splitSheet(a1: string): { sheetName: string | null; ref: string } {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { sheetName: null, ref: a1 };
  let sheetName = a1.slice(0, bang);
  if (sheetName.startsWith("'") && sheetName.endsWith("'")) {
    sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
  }
  return { sheetName, ref: a1.slice(bang + 1) };
}

/** Parses A1 notation; returns null when it is not a range (Apps Script then says "Range not found"). */
export function parseA1(a1: string): ParsedA1 | null {
  const { sheetName, ref } = splitSheet(a1.trim());
  const [first, second, extra] = ref.split(':');
  if (first === undefined || extra !== undefined) return null;
  const start = cellPattern.exec(first);
  const end = cellPattern.exec(second ?? first);
  if (!start || !end) return null;
  const [, c1 = '', r1 = ''] = start;
  const [, c2 = '', r2 = ''] = end;
  if ((c1 === '' && r1 === '') || (c2 === '' && r2 === '')) return null;
  if (second === undefined && (c1 === '' || r1 === '')) return null;
  const row = r1 === '' ? null : Number(r1);
  const lastRow = r2 === '' ? null : Number(r2);
  const column = c1 === '' ? null : columnNumber(c1);
  const lastColumn = c2 === '' ? null : columnNumber(c2);
  if (row === 0 || lastRow === 0) return null;
  return {
    sheetName,
    row: row !== null && lastRow !== null ? Math.min(row, lastRow) : row,
    lastRow: row !== null && lastRow !== null ? Math.max(row, lastRow) : lastRow,
    column: column !== null && lastColumn !== null ? Math.min(column, lastColumn) : column,
    lastColumn: column !== null && lastColumn !== null ? Math.max(column, lastColumn) : lastColumn,
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

export function rectToA1(rect: Rect): string {
  const start = `${columnLetter(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnLetter(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
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
