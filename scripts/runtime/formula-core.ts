// Formula values and how Sheets coerces and compares them: errors, ranges, numbers from text, criteria.
import type { FormulaNode } from './formula-parse';
import { errorCodes } from './formula-tokens';
import { formatAutomaticNumber } from './values-format';
import { parseDateText, parseNumberText, parseTimeText } from './values-parse';

/** A Sheets error (#N/A, #VALUE!...) travelling through an evaluation. */
export class FormulaError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export type Scalar = string | number | boolean;
/** A cell's value as a function sees it: an error stays a value until something uses it. */
export type CellValue = Scalar | FormulaError;

export interface RangeValue {
  kind: 'range';
  sheet: string | null;
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export type Value = Scalar | RangeValue;

/** What a function gets to work with: lazy arguments, so IF and IFERROR evaluate only one branch. */
export interface Evaluation {
  /** The node's value; a reference stays a range. Throws FormulaError. */
  evaluate(node: FormulaNode): Value;
  /** The node's single value (a range is intersected with the formula's row or column). */
  scalar(node: FormulaNode): Scalar;
  /** The values of a range, row by row; error cells come back as FormulaError values. */
  cells(range: RangeValue): CellValue[][];
  /** Row and column of the cell the formula is in. */
  readonly row: number;
  readonly column: number;
  readonly now: Date;
  readonly timeZone: string;
}

export function isRange(value: Value): value is RangeValue {
  return typeof value === 'object';
}

/** A stored cell value as a formula sees it: error text becomes an error. */
export function cellValue(value: Scalar): CellValue {
  return typeof value === 'string' && errorCodes.has(value) ? new FormulaError(value) : value;
}

/** A number from text the way Sheets coerces it ("3", "1,234.5", "2026-03-01", "08:00"). */
export function numberFromText(text: string): number | undefined {
  if (text.trim() === '') return 0;
  const number = parseNumberText(text, 'en_US');
  if (number) return number.value;
  const date = parseDateText(text, 'en_US');
  if (date) return date.value;
  return parseTimeText(text)?.fraction;
}

export function toNumber(value: Scalar): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const number = numberFromText(value);
  if (number === undefined) throw new FormulaError('#VALUE!');
  return number;
}

export function toText(value: Scalar): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return formatAutomaticNumber(value, 'en_US');
}

export function toBoolean(value: Scalar): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (value === '') return false;
  const upper = value.trim().toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return upper === 'TRUE';
  throw new FormulaError('#VALUE!');
}

const typeRank = (value: Scalar) =>
  typeof value === 'number' ? 0 : typeof value === 'string' ? 1 : 2;

/**
 * Sheets' ordering: an empty value equals 0 and FALSE; otherwise numbers < text < booleans, and text
 * compares without case. Returns -1, 0 or 1.
 */
export function compareValues(left: Scalar, right: Scalar): number {
  let a = left;
  let b = right;
  if (a === '' && typeof b !== 'string') a = typeof b === 'number' ? 0 : false;
  if (b === '' && typeof a !== 'string') b = typeof a === 'number' ? 0 : false;
  if (typeRank(a) !== typeRank(b)) return Math.sign(typeRank(a) - typeRank(b));
  if (typeof a === 'string' && typeof b === 'string') {
    const lowerA = a.toLowerCase();
    const lowerB = b.toLowerCase();
    return lowerA < lowerB ? -1 : lowerA > lowerB ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function wildcardPattern(text: string): RegExp {
  let source = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if (char === '~' && index + 1 < text.length) {
      source += (text[index + 1] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      index++;
    } else if (char === '*') source += '[\\s\\S]*';
    else if (char === '?') source += '[\\s\\S]';
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

/** A COUNTIF/SUMIF criterion (5, ">=5", "<>Won", "Acme*", "") as a test on one cell. */
export function criterionTest(criterion: Scalar): (cell: CellValue) => boolean {
  if (typeof criterion === 'number')
    return (cell) => typeof cell === 'number' && cell === criterion;
  if (typeof criterion === 'boolean') return (cell) => cell === criterion;
  const match = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(criterion);
  const operator = match?.[1] ?? '=';
  const operand = match?.[2] ?? '';
  const compareWith = (test: (order: number) => boolean, target: Scalar) => (cell: CellValue) =>
    !(cell instanceof FormulaError) &&
    typeRank(cell) === typeRank(target) &&
    cell !== '' &&
    test(compareValues(cell, target));
  const numeric = operand.trim() === '' ? undefined : numberFromText(operand);
  const upper = operand.toUpperCase();
  const target: Scalar =
    numeric !== undefined
      ? numeric
      : upper === 'TRUE' || upper === 'FALSE'
        ? upper === 'TRUE'
        : operand;
  if (operator === '=' || operator === '<>') {
    const equals =
      typeof target === 'string'
        ? (() => {
            const pattern = wildcardPattern(target);
            return (cell: CellValue) =>
              typeof cell === 'string' && (target === '' ? cell === '' : pattern.test(cell));
          })()
        : (cell: CellValue) => cell === target;
    return operator === '=' ? equals : (cell) => !equals(cell);
  }
  const tests: Record<string, (order: number) => boolean> = {
    '<': (order) => order < 0,
    '>': (order) => order > 0,
    '<=': (order) => order <= 0,
    '>=': (order) => order >= 0,
  };
  return compareWith(tests[operator] ?? (() => false), target);
}
