// A1 notation: column letters, ranges with sheet names, whole rows and columns.

/** A rectangle of cells, 1-based, with the sheet it names if any. */
export interface A1Range {
  sheet?: string;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
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

/** Splits `'My sheet'!A1:B2` or `Sheet1!A1` into the sheet name (quotes undone) and the range. */
export function splitSheetName(a1: string): { sheet?: string; range: string } {
  const text = a1.trim();
  const quoted = /^'((?:[^']|'')+)'!(.*)$/.exec(text);
  if (quoted) return { sheet: (quoted[1] ?? '').replace(/''/g, "'"), range: quoted[2] ?? '' };
  const bang = text.lastIndexOf('!');
  if (bang > 0) return { sheet: text.slice(0, bang), range: text.slice(bang + 1) };
  return { range: text };
}

/** A sheet name as A1 notation needs it: quoted when it is not a plain word. */
export function quoteSheetName(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet)
    ? sheet
    : `'${sheet.replace(/'/g, "''")}'`;
}

interface A1Corner {
  row?: number;
  column?: number;
}

function parseCorner(text: string): A1Corner | undefined {
  const match = /^(\$?([A-Za-z]{1,3}))?(\$?(\d+))?$/.exec(text);
  if (!match || text === '' || text === '$') return undefined;
  const row = match[4] === undefined ? undefined : Number(match[4]);
  if (row === 0) return undefined;
  return {
    ...(match[2] === undefined ? {} : { column: lettersToColumn(match[2]) }),
    ...(row === undefined ? {} : { row }),
  };
}

/**
 * Parses 'B2', 'B2:D10', 'A:A', '2:2', 'A2:A', "'Sheet 1'!A1" ($ allowed anywhere); whole or open
 * rows and columns need the sheet's size. Throws "Range not found" like Apps Script for bad text.
 */
export function parseA1(a1: string, maxRows?: number, maxColumns?: number): A1Range {
  const { sheet, range } = splitSheetName(a1);
  const [startText, endText, extra] = range.split(':');
  const start = parseCorner(startText ?? '');
  const end = endText === undefined ? start : parseCorner(endText);
  if (!start || !end || extra !== undefined) throw new Error('Range not found');
  const single = endText === undefined;
  if (single && (start.row === undefined || start.column === undefined)) {
    throw new Error('Range not found');
  }
  const needRows = start.row === undefined || end.row === undefined;
  const needColumns = start.column === undefined || end.column === undefined;
  if ((needRows && maxRows === undefined) || (needColumns && maxColumns === undefined)) {
    throw new Error(`Range ${a1} spans whole rows or columns: the sheet's size is needed`);
  }
  // 'A2:A' is open downwards; 'A:A2' means nothing.
  if (start.row === undefined && end.row !== undefined) throw new Error('Range not found');
  if (start.column === undefined && end.column !== undefined) throw new Error('Range not found');
  const firstRow = start.row ?? 1;
  const lastRow = end.row ?? maxRows ?? 1;
  const firstColumn = start.column ?? 1;
  const lastColumn = end.column ?? maxColumns ?? 1;
  const row = Math.min(firstRow, lastRow);
  const column = Math.min(firstColumn, lastColumn);
  return {
    ...(sheet === undefined ? {} : { sheet }),
    row,
    column,
    numRows: Math.max(firstRow, lastRow) - row + 1,
    numColumns: Math.max(firstColumn, lastColumn) - column + 1,
  };
}

/** (2, 3) -> 'C2'; (2, 3, 9, 2) -> 'C2:D10'. */
export function toA1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = `${columnToLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnToLetters(column + numColumns - 1)}${row + numRows - 1}`;
}
