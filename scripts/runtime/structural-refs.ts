// Rewrites the references in a formula when rows or columns are inserted or deleted, as Sheets does.

import { columnToLetters, type Dimension, lettersToColumn } from './a1';

export interface StructuralChange {
  /** The sheet whose rows or columns changed. */
  sheetName: string;
  dimension: Dimension;
  /** First row/column inserted or deleted. */
  position: number;
  /** Positive for an insertion, negative for a deletion. */
  count: number;
}

interface Part {
  absolute: boolean;
  value: number;
}

/** A reference moves with its cell, absolute or not ($ only matters when copying). */
function movePart(
  part: Part,
  change: StructuralChange,
  end: 'start' | 'end' | 'single',
): Part | null {
  const { position, count } = change;
  if (count > 0) return part.value >= position ? { ...part, value: part.value + count } : part;
  const deleted = -count;
  if (part.value < position) return part;
  if (part.value >= position + deleted) return { ...part, value: part.value - deleted };
  if (end === 'single') return null;
  return { ...part, value: end === 'start' ? position : position - 1 };
}

const quotedOrName = `(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)`;
const cellRef = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
const colRef = String.raw`\$?[A-Za-z]{1,3}`;
const rowRef = String.raw`\$?\d+`;
const referencePattern = new RegExp(
  `(?<![A-Za-z0-9_.$])(?:(${quotedOrName})!)?(${cellRef}(?::${cellRef})?|${colRef}:${colRef}|${rowRef}:${rowRef})(?![A-Za-z0-9_(])`,
  'g',
);

function unquote(name: string): string {
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

function parseCell(text: string): { column: Part | null; row: Part | null } {
  const match = /^(\$?)([A-Za-z]*)(\$?)(\d*)$/.exec(text);
  if (!match) return { column: null, row: null };
  const [, colAbs = '', letters = '', rowAbs = '', digits = ''] = match;
  return {
    column: letters ? { absolute: colAbs === '$', value: lettersToColumn(letters) } : null,
    row: digits ? { absolute: rowAbs === '$', value: Number(digits) } : null,
  };
}

function printCell(cell: { column: Part | null; row: Part | null }): string {
  const col = cell.column
    ? `${cell.column.absolute ? '$' : ''}${columnToLetters(cell.column.value)}`
    : '';
  const row = cell.row ? `${cell.row.absolute ? '$' : ''}${cell.row.value}` : '';
  return col + row;
}

/** The reference text after the change, or '#REF!' when the cells it named were deleted. */
function moveReference(ref: string, change: StructuralChange): string {
  const ends = ref.split(':');
  const key = change.dimension === 'rows' ? 'row' : 'column';
  const moved = ends.map((text, i) => {
    const cell = parseCell(text);
    const part = cell[key];
    if (!part) return cell;
    const end = ends.length === 1 ? 'single' : i === 0 ? 'start' : 'end';
    const next = movePart(part, change, end);
    return next ? { ...cell, [key]: next } : null;
  });
  if (moved.some((cell) => cell === null)) return '#REF!';
  const cells = moved as Array<{ column: Part | null; row: Part | null }>;
  if (cells.length === 2) {
    const [a, b] = cells;
    if (a && b && a[key] && b[key] && (a[key]?.value ?? 0) > (b[key]?.value ?? 0)) return '#REF!';
  }
  return cells.map(printCell).join(':');
}

/**
 * Moves the references in `formula` (written on sheet `formulaSheet`) that point at the changed
 * sheet. Text inside string literals is left alone.
 */
export function adjustFormula(
  formula: string,
  formulaSheet: string,
  change: StructuralChange,
): string {
  const pieces = formula.split(/("(?:[^"]|"")*")/);
  return pieces
    .map((piece, i) => {
      if (i % 2 === 1) return piece;
      return piece.replace(referencePattern, (whole, sheet: string | undefined, ref: string) => {
        const target = sheet ? unquote(sheet) : formulaSheet;
        if (target !== change.sheetName) return whole;
        const moved = moveReference(ref, change);
        if (moved === '#REF!') return '#REF!';
        return sheet ? `${sheet}!${moved}` : moved;
      });
    })
    .join('');
}
