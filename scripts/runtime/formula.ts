// A small formula engine for the formulas a sales tracker uses, and reference shifting for rules.

import { columnToLetters } from './a1';
import {
  type CellValue,
  cellValue,
  compareValues,
  type Evaluation,
  FormulaError,
  isRange,
  type RangeValue,
  type Scalar,
  toNumber,
  toText,
  type Value,
} from './formula-core';
import { callFunction } from './formula-functions';
import { type FormulaNode, parseFormula } from './formula-parse';
import {
  FormulaSyntaxError,
  type ReferenceCorner,
  type ReferenceToken,
  tokenize,
} from './formula-tokens';

export { supportedFunctions } from './formula-functions';

/** Where a formula sits and how it reads other cells. */
export interface FormulaContext {
  sheetName: string;
  row: number;
  column: number;
  now: Date;
  timeZone: string;
  /** A cell's stored or computed value: '' when empty, error text ('#REF!') for errors. */
  value(sheet: string | null, row: number, column: number): string | number | boolean;
  /** Last row with content of a sheet (null = the formula's sheet); bounds A:A. Default 1000. */
  lastRow?(sheet: string | null): number;
  /** Last column with content of a sheet; bounds 2:2. Default 26. */
  lastColumn?(sheet: string | null): number;
}

const defaultRows = 1000;
const defaultColumns = 26;

/** First index and count along one axis; an open end runs to the used size (maybe 0 cells). */
function span(first: number | undefined, last: number | undefined, usedSize: () => number) {
  if (first !== undefined && last !== undefined) {
    return { start: Math.min(first, last), count: Math.abs(last - first) + 1 };
  }
  const start = first ?? 1;
  return { start, count: Math.max(0, usedSize() - start + 1) };
}

function rangeOf(reference: ReferenceToken, context: FormulaContext): RangeValue {
  const { start, sheet } = reference;
  const end = reference.end ?? start;
  const rows = span(start.row, end.row, () => context.lastRow?.(sheet) ?? defaultRows);
  const columns = span(
    start.column,
    end.column,
    () => context.lastColumn?.(sheet) ?? defaultColumns,
  );
  return {
    kind: 'range',
    sheet,
    row: rows.start,
    column: columns.start,
    numRows: rows.count,
    numColumns: columns.count,
  };
}

function arithmetic(operator: string, left: number, right: number): number {
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      if (right === 0) throw new FormulaError('#DIV/0!');
      return left / right;
    default: {
      if (left === 0 && right < 0) throw new FormulaError('#DIV/0!');
      const power = left ** right;
      if (Number.isNaN(power)) throw new FormulaError('#NUM!');
      return power;
    }
  }
}

const comparisons: Record<string, (order: number) => boolean> = {
  '=': (order) => order === 0,
  '<>': (order) => order !== 0,
  '<': (order) => order < 0,
  '>': (order) => order > 0,
  '<=': (order) => order <= 0,
  '>=': (order) => order >= 0,
};

function makeEvaluation(context: FormulaContext): Evaluation {
  const cells = (range: RangeValue): CellValue[][] =>
    Array.from({ length: range.numRows }, (_, r) =>
      Array.from({ length: range.numColumns }, (_, c) =>
        cellValue(context.value(range.sheet, range.row + r, range.column + c)),
      ),
    );

  /** A range in a single-value place: its only cell, or the cell in the formula's row or column. */
  const intersect = (range: RangeValue): Scalar => {
    let row = range.row;
    let column = range.column;
    if (range.numRows !== 1) {
      const sameRow = range.numColumns === 1 && context.row >= range.row;
      if (!sameRow || context.row >= range.row + range.numRows) throw new FormulaError('#VALUE!');
      row = context.row;
    }
    if (range.numColumns !== 1) {
      const sameColumn = range.numRows === 1 && context.column >= range.column;
      if (!sameColumn || context.column >= range.column + range.numColumns) {
        throw new FormulaError('#VALUE!');
      }
      column = context.column;
    }
    const value = cellValue(context.value(range.sheet, row, column));
    if (value instanceof FormulaError) throw value;
    return value;
  };

  const evaluation: Evaluation = {
    row: context.row,
    column: context.column,
    now: context.now,
    timeZone: context.timeZone,
    cells,
    scalar: (node) => {
      const value = evaluation.evaluate(node);
      return isRange(value) ? intersect(value) : value;
    },
    evaluate: (node: FormulaNode): Value => {
      switch (node.kind) {
        case 'number':
        case 'string':
        case 'boolean':
          return node.value;
        case 'empty':
          return '';
        case 'error':
          throw new FormulaError(node.value);
        case 'name':
          throw new FormulaError('#NAME?');
        case 'reference':
          return rangeOf(node.reference, context);
        case 'call':
          return callFunction(node.name, node.args, evaluation);
        case 'unary': {
          const operand = toNumber(evaluation.scalar(node.operand));
          return node.operator === '-' ? -operand : operand;
        }
        case 'percent':
          return toNumber(evaluation.scalar(node.operand)) / 100;
        case 'binary': {
          const left = evaluation.scalar(node.left);
          const right = evaluation.scalar(node.right);
          if (node.operator === '&') return toText(left) + toText(right);
          const comparison = comparisons[node.operator];
          if (comparison) return comparison(compareValues(left, right));
          return arithmetic(node.operator, toNumber(left), toNumber(right));
        }
      }
    },
  };
  return evaluation;
}

/**
 * Evaluates a formula ('=...' or without '=') in a cell. Results are numbers (dates as serials),
 * text or booleans; errors come back as their text ('#DIV/0!', '#NAME?', '#ERROR!' for bad syntax).
 */
export function evaluateFormula(formula: string, ctx: FormulaContext): string | number | boolean {
  let tree: FormulaNode;
  try {
    tree = parseFormula(formula);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return '#ERROR!';
    throw error;
  }
  try {
    const result = makeEvaluation(ctx).scalar(tree);
    if (typeof result === 'number' && !Number.isFinite(result)) return '#NUM!';
    return result;
  } catch (error) {
    if (error instanceof FormulaError) return error.code;
    throw error;
  }
}

function shiftCorner(corner: ReferenceCorner, rows: number, columns: number) {
  const row = corner.row === undefined || corner.rowAbsolute ? corner.row : corner.row + rows;
  const column =
    corner.column === undefined || corner.columnAbsolute ? corner.column : corner.column + columns;
  if ((row !== undefined && row < 1) || (column !== undefined && column < 1)) return undefined;
  const columnText =
    column === undefined ? '' : `${corner.columnAbsolute ? '$' : ''}${columnToLetters(column)}`;
  const rowText = row === undefined ? '' : `${corner.rowAbsolute ? '$' : ''}${row}`;
  return columnText + rowText;
}

/**
 * Moves the relative parts of every reference by (rows, columns), as Sheets does when a rule written
 * for a range's first cell applies to another cell. A reference pushed off the sheet becomes #REF!;
 * text that does not parse comes back unchanged.
 */
export function shiftFormula(formula: string, rows: number, columns: number): string {
  let tokens: ReturnType<typeof tokenize>;
  try {
    tokens = tokenize(formula);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return formula;
    throw error;
  }
  let shifted = '';
  let copied = 0;
  for (const token of tokens) {
    if (token.kind !== 'reference') continue;
    const original = formula.slice(token.from, token.to);
    const bang = original.lastIndexOf('!');
    const sheetPrefix = bang === -1 ? '' : original.slice(0, bang + 1);
    const start = shiftCorner(token.start, rows, columns);
    const end = token.end ? shiftCorner(token.end, rows, columns) : '';
    const replacement =
      start === undefined || end === undefined
        ? '#REF!'
        : `${sheetPrefix}${start}${token.end ? `:${end}` : ''}`;
    shifted += formula.slice(copied, token.from) + replacement;
    copied = token.to;
  }
  return shifted + formula.slice(copied);
}
