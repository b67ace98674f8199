// The spreadsheet functions the formula engine knows, with Sheets' coercion and error rules.
import {
  type CellValue,
  compareValues,
  criterionTest,
  type Evaluation,
  FormulaError,
  isRange,
  type RangeValue,
  type Scalar,
  toBoolean,
  toNumber,
  toText,
  type Value,
} from './formula-core';
import type { FormulaNode } from './formula-parse';
import { formatNumber, roundHalfAwayFromZero } from './values-format';
import { serialFromDate, serialFromWallTime, wallTimeFromSerial } from './values-time';

interface FormulaFunction {
  minArgs: number;
  maxArgs: number;
  run(args: FormulaNode[], evaluation: Evaluation): Value;
}

const many = Number.POSITIVE_INFINITY;

function throwIfError(value: CellValue): Scalar {
  if (value instanceof FormulaError) throw value;
  return value;
}

/**
 * The numbers of the arguments as SUM sees them: in ranges only numbers count (text, booleans and
 * blanks are skipped); a value written directly is coerced, so SUM("3") is 3 and SUM("x") #VALUE!.
 */
function numbersOf(args: FormulaNode[], evaluation: Evaluation): number[] {
  const numbers: number[] = [];
  for (const node of args) {
    if (node.kind === 'empty') continue;
    const value = evaluation.evaluate(node);
    if (isRange(value)) {
      for (const row of evaluation.cells(value)) {
        for (const cell of row)
          if (typeof throwIfError(cell) === 'number') numbers.push(cell as number);
      }
    } else numbers.push(toNumber(value));
  }
  return numbers;
}

/** Every value of the arguments, ranges flattened, errors kept as values. */
function valuesOf(args: FormulaNode[], evaluation: Evaluation): CellValue[] {
  const values: CellValue[] = [];
  for (const node of args) {
    let value: Value;
    try {
      value = evaluation.evaluate(node);
    } catch (error) {
      if (error instanceof FormulaError) {
        values.push(error);
        continue;
      }
      throw error;
    }
    if (isRange(value)) for (const row of evaluation.cells(value)) values.push(...row);
    else values.push(value);
  }
  return values;
}

function rangeArgument(node: FormulaNode | undefined, evaluation: Evaluation): RangeValue {
  if (!node) throw new FormulaError('#N/A');
  const value = evaluation.evaluate(node);
  if (!isRange(value)) throw new FormulaError('#VALUE!');
  return value;
}

function optionalNumber(node: FormulaNode | undefined, evaluation: Evaluation, fallback: number) {
  return node === undefined || node.kind === 'empty' ? fallback : toNumber(evaluation.scalar(node));
}

function numberArgument(node: FormulaNode | undefined, evaluation: Evaluation): number {
  if (!node) throw new FormulaError('#N/A');
  return toNumber(evaluation.scalar(node));
}

function textArgument(node: FormulaNode | undefined, evaluation: Evaluation): string {
  if (!node) throw new FormulaError('#N/A');
  return toText(evaluation.scalar(node));
}

function serialArgument(node: FormulaNode | undefined, evaluation: Evaluation): number {
  const serial = Math.floor(numberArgument(node, evaluation));
  if (serial < 0) throw new FormulaError('#NUM!');
  return serial;
}

function daySerial(year: number, month: number, day: number): number {
  return serialFromWallTime({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });
}

function booleansOf(args: FormulaNode[], evaluation: Evaluation): boolean[] {
  const booleans: boolean[] = [];
  for (const node of args) {
    const value = evaluation.evaluate(node);
    if (isRange(value)) {
      for (const row of evaluation.cells(value)) {
        for (const cell of row) {
          const checked = throwIfError(cell);
          if (typeof checked === 'boolean' || typeof checked === 'number') {
            booleans.push(toBoolean(checked));
          }
        }
      }
    } else booleans.push(toBoolean(value));
  }
  if (booleans.length === 0) throw new FormulaError('#VALUE!');
  return booleans;
}

/** Pairs of cells at the same offset in two ranges (SUMIF's sum range follows the criteria range). */
function alignedCells(range: RangeValue, other: RangeValue, evaluation: Evaluation) {
  const resized: RangeValue = { ...other, numRows: range.numRows, numColumns: range.numColumns };
  return { criteria: evaluation.cells(range), targets: evaluation.cells(resized) };
}

function conditionalCells(
  args: FormulaNode[],
  evaluation: Evaluation,
  targetRange: RangeValue,
): CellValue[] {
  const matches: CellValue[] = [];
  const pairs: Array<{ cells: CellValue[][]; test: (cell: CellValue) => boolean }> = [];
  for (let index = 0; index < args.length; index += 2) {
    const range = rangeArgument(args[index], evaluation);
    if (range.numRows !== targetRange.numRows || range.numColumns !== targetRange.numColumns) {
      throw new FormulaError('#VALUE!');
    }
    const criterion = args[index + 1];
    if (!criterion) throw new FormulaError('#N/A');
    pairs.push({
      cells: evaluation.cells(range),
      test: criterionTest(evaluation.scalar(criterion)),
    });
  }
  const targets = evaluation.cells(targetRange);
  targets.forEach((row, rowIndex) => {
    row.forEach((cell, columnIndex) => {
      if (pairs.every(({ cells, test }) => test(cells[rowIndex]?.[columnIndex] ?? ''))) {
        matches.push(cell);
      }
    });
  });
  return matches;
}

function sumOfNumbers(cells: CellValue[]): number {
  let total = 0;
  for (const cell of cells) if (typeof throwIfError(cell) === 'number') total += cell as number;
  return total;
}

function lookup(args: FormulaNode[], evaluation: Evaluation): Value {
  const key = evaluation.scalar(args[0] ?? { kind: 'empty' });
  const table = rangeArgument(args[1], evaluation);
  const index = Math.trunc(numberArgument(args[2], evaluation));
  const sorted = args[3] === undefined ? true : toBoolean(evaluation.scalar(args[3]));
  if (index < 1) throw new FormulaError('#VALUE!');
  if (index > table.numColumns) throw new FormulaError('#REF!');
  const rows = evaluation.cells(table);
  const sameType = (cell: CellValue) =>
    !(cell instanceof FormulaError) && cell !== '' && typeof cell === typeof key;
  let found: number | undefined;
  rows.some((row, rowIndex) => {
    const first = row[0] ?? '';
    if (!sameType(first)) return false;
    const order = compareValues(first as Scalar, key);
    if (order === 0 && !sorted) {
      found = rowIndex;
      return true;
    }
    if (sorted) {
      if (order > 0) return true;
      found = rowIndex;
    }
    return false;
  });
  if (found === undefined) throw new FormulaError('#N/A');
  return throwIfError(rows[found]?.[index - 1] ?? '');
}

const functions: Record<string, FormulaFunction> = {
  SUM: {
    minArgs: 1,
    maxArgs: many,
    run: (args, ev) => numbersOf(args, ev).reduce((a, b) => a + b, 0),
  },
  AVERAGE: {
    minArgs: 1,
    maxArgs: many,
    run: (args, ev) => {
      const numbers = numbersOf(args, ev);
      if (numbers.length === 0) throw new FormulaError('#DIV/0!');
      return numbers.reduce((a, b) => a + b, 0) / numbers.length;
    },
  },
  MIN: {
    minArgs: 1,
    maxArgs: many,
    run: (args, ev) => {
      const numbers = numbersOf(args, ev);
      return numbers.length === 0 ? 0 : Math.min(...numbers);
    },
  },
  MAX: {
    minArgs: 1,
    maxArgs: many,
    run: (args, ev) => {
      const numbers = numbersOf(args, ev);
      return numbers.length === 0 ? 0 : Math.max(...numbers);
    },
  },
  COUNT: {
    minArgs: 1,
    maxArgs: many,
    run: (args, ev) => valuesOf(args, ev).filter((value) => typeof value === 'number').length,
  },
  COUNTA: {
    minArgs: 1,
    maxArgs: many,
    run: (args, ev) => valuesOf(args, ev).filter((value) => value !== '').length,
  },
  COUNTBLANK: {
    minArgs: 1,
    maxArgs: 1,
    run: (args, ev) =>
      ev
        .cells(rangeArgument(args[0], ev))
        .flat()
        .filter((value) => value === '').length,
  },
  COUNTIF: {
    minArgs: 2,
    maxArgs: 2,
    run: (args, ev) => conditionalCells(args, ev, rangeArgument(args[0], ev)).length,
  },
  COUNTIFS: {
    minArgs: 2,
    maxArgs: many,
    run: (args, ev) => conditionalCells(args, ev, rangeArgument(args[0], ev)).length,
  },
  SUMIF: {
    minArgs: 2,
    maxArgs: 3,
    run: (args, ev) => {
      const range = rangeArgument(args[0], ev);
      const criterion = criterionTest(ev.scalar(args[1] ?? { kind: 'empty' }));
      const sumRange = args[2] ? rangeArgument(args[2], ev) : range;
      const { criteria, targets } = alignedCells(range, sumRange, ev);
      const matching = targets.flatMap((row, r) =>
        row.filter((_, c) => criterion(criteria[r]?.[c] ?? '')),
      );
      return sumOfNumbers(matching);
    },
  },
  SUMIFS: {
    minArgs: 3,
    maxArgs: many,
    run: (args, ev) =>
      sumOfNumbers(conditionalCells(args.slice(1), ev, rangeArgument(args[0], ev))),
  },
  IF: {
    minArgs: 2,
    maxArgs: 3,
    run: (args, ev) => {
      const condition = toBoolean(ev.scalar(args[0] ?? { kind: 'empty' }));
      const branch = condition ? args[1] : args[2];
      if (branch === undefined) return false;
      return branch.kind === 'empty' ? 0 : ev.evaluate(branch);
    },
  },
  IFERROR: {
    minArgs: 1,
    maxArgs: 2,
    run: (args, ev) => {
      try {
        return ev.scalar(args[0] ?? { kind: 'empty' });
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        return args[1] === undefined ? '' : ev.scalar(args[1]);
      }
    },
  },
  IFNA: {
    minArgs: 2,
    maxArgs: 2,
    run: (args, ev) => {
      try {
        return ev.scalar(args[0] ?? { kind: 'empty' });
      } catch (error) {
        if (!(error instanceof FormulaError) || error.code !== '#N/A') throw error;
        return ev.scalar(args[1] ?? { kind: 'empty' });
      }
    },
  },
  AND: { minArgs: 1, maxArgs: many, run: (args, ev) => booleansOf(args, ev).every(Boolean) },
  OR: { minArgs: 1, maxArgs: many, run: (args, ev) => booleansOf(args, ev).some(Boolean) },
  NOT: {
    minArgs: 1,
    maxArgs: 1,
    run: (args, ev) => !toBoolean(ev.scalar(args[0] ?? { kind: 'empty' })),
  },
  ISBLANK: {
    minArgs: 1,
    maxArgs: 1,
    run: (args, ev) => {
      const node = args[0];
      if (node?.kind !== 'reference') return false;
      const range = rangeArgument(node, ev);
      return ev.cells({ ...range, numRows: 1, numColumns: 1 })[0]?.[0] === '';
    },
  },
  ISERROR: {
    minArgs: 1,
    maxArgs: 1,
    run: (args, ev) => {
      try {
        ev.scalar(args[0] ?? { kind: 'empty' });
        return false;
      } catch (error) {
        if (error instanceof FormulaError) return true;
        throw error;
      }
    },
  },
  ISNUMBER: {
    minArgs: 1,
    maxArgs: 1,
    run: (args, ev) => {
      try {
        return typeof ev.scalar(args[0] ?? { kind: 'empty' }) === 'number';
      } catch (error) {
        if (error instanceof FormulaError) return false;
        throw error;
      }
    },
  },
  ISTEXT: {
    minArgs: 1,
    maxArgs: 1,
    run: (args, ev) => {
      try {
        const value = ev.scalar(args[0] ?? { kind: 'empty' });
        return typeof value === 'string' && value !== '';
      } catch (error) {
        if (error instanceof FormulaError) return false;
        throw error;
      }
    },
  },
  TODAY: {
    minArgs: 0,
    maxArgs: 0,
    run: (_, ev) => Math.floor(serialFromDate(ev.now, ev.timeZone)),
  },
  NOW: { minArgs: 0, maxArgs: 0, run: (_, ev) => serialFromDate(ev.now, ev.timeZone) },
  DATE: {
    minArgs: 3,
    maxArgs: 3,
    run: (args, ev) => {
      let year = Math.trunc(numberArgument(args[0], ev));
      const month = Math.trunc(numberArgument(args[1], ev));
      const day = Math.trunc(numberArgument(args[2], ev));
      // Sheets reads years 0-1899 as offsets from 1900.
      if (year >= 0 && year < 1900) year += 1900;
      if (year < 0 || year >= 10000) throw new FormulaError('#NUM!');
      const serial = daySerial(year, month, day);
      if (serial < 0) throw new FormulaError('#NUM!');
      return serial;
    },
  },
  YEAR: {
    minArgs: 1,
    maxArgs: 1,
    run: (args, ev) => wallTimeFromSerial(serialArgument(args[0], ev)).year,
  },
  MONTH: {
    minArgs: 1,
    maxArgs: 1,
    run: (args, ev) => wallTimeFromSerial(serialArgument(args[0], ev)).month,
  },
  DAY: {
    minArgs: 1,
    maxArgs: 1,
    run: (args, ev) => wallTimeFromSerial(serialArgument(args[0], ev)).day,
  },
  EDATE: {
    minArgs: 2,
    maxArgs: 2,
    run: (args, ev) => {
      const start = wallTimeFromSerial(serialArgument(args[0], ev));
      const months = Math.trunc(numberArgument(args[1], ev));
      const lastDay = wallTimeFromSerial(daySerial(start.year, start.month + months + 1, 0)).day;
      return daySerial(start.year, start.month + months, Math.min(start.day, lastDay));
    },
  },
  EOMONTH: {
    minArgs: 2,
    maxArgs: 2,
    run: (args, ev) => {
      const start = wallTimeFromSerial(serialArgument(args[0], ev));
      const months = Math.trunc(numberArgument(args[1], ev));
      return daySerial(start.year, start.month + months + 1, 0);
    },
  },
  WEEKDAY: {
    minArgs: 1,
    maxArgs: 2,
    run: (args, ev) => {
      // Serial 1 (1899-12-31) was a Sunday.
      const sundayBased = (serialArgument(args[0], ev) + 6) % 7;
      const type = Math.trunc(optionalNumber(args[1], ev, 1));
      if (type === 1) return sundayBased + 1;
      if (type === 2) return ((sundayBased + 6) % 7) + 1;
      if (type === 3) return (sundayBased + 6) % 7;
      throw new FormulaError('#NUM!');
    },
  },
  DAYS: {
    minArgs: 2,
    maxArgs: 2,
    run: (args, ev) =>
      Math.trunc(numberArgument(args[0], ev)) - Math.trunc(numberArgument(args[1], ev)),
  },
  ROUND: {
    minArgs: 1,
    maxArgs: 2,
    run: (args, ev) =>
      roundHalfAwayFromZero(
        numberArgument(args[0], ev),
        Math.trunc(optionalNumber(args[1], ev, 0)),
      ),
  },
  INT: { minArgs: 1, maxArgs: 1, run: (args, ev) => Math.floor(numberArgument(args[0], ev)) },
  MOD: {
    minArgs: 2,
    maxArgs: 2,
    run: (args, ev) => {
      const dividend = numberArgument(args[0], ev);
      const divisor = numberArgument(args[1], ev);
      if (divisor === 0) throw new FormulaError('#DIV/0!');
      return dividend - divisor * Math.floor(dividend / divisor);
    },
  },
  ABS: { minArgs: 1, maxArgs: 1, run: (args, ev) => Math.abs(numberArgument(args[0], ev)) },
  CONCATENATE: {
    minArgs: 1,
    maxArgs: many,
    run: (args, ev) =>
      valuesOf(args, ev)
        .map((value) => toText(throwIfError(value)))
        .join(''),
  },
  LEN: { minArgs: 1, maxArgs: 1, run: (args, ev) => textArgument(args[0], ev).length },
  UPPER: { minArgs: 1, maxArgs: 1, run: (args, ev) => textArgument(args[0], ev).toUpperCase() },
  LOWER: { minArgs: 1, maxArgs: 1, run: (args, ev) => textArgument(args[0], ev).toLowerCase() },
  TRIM: {
    minArgs: 1,
    maxArgs: 1,
    run: (args, ev) => textArgument(args[0], ev).trim().replace(/ {2,}/g, ' '),
  },
  LEFT: {
    minArgs: 1,
    maxArgs: 2,
    run: (args, ev) => {
      const count = Math.trunc(optionalNumber(args[1], ev, 1));
      if (count < 0) throw new FormulaError('#VALUE!');
      return textArgument(args[0], ev).slice(0, count);
    },
  },
  RIGHT: {
    minArgs: 1,
    maxArgs: 2,
    run: (args, ev) => {
      const count = Math.trunc(optionalNumber(args[1], ev, 1));
      if (count < 0) throw new FormulaError('#VALUE!');
      const text = textArgument(args[0], ev);
      return count === 0 ? '' : text.slice(-count);
    },
  },
  TEXT: {
    minArgs: 2,
    maxArgs: 2,
    run: (args, ev) =>
      formatNumber(numberArgument(args[0], ev), textArgument(args[1], ev), 'en_US'),
  },
  VALUE: { minArgs: 1, maxArgs: 1, run: (args, ev) => toNumber(textArgument(args[0], ev)) },
  VLOOKUP: { minArgs: 3, maxArgs: 4, run: lookup },
  ROW: {
    minArgs: 0,
    maxArgs: 1,
    run: (args, ev) => (args[0] ? rangeArgument(args[0], ev).row : ev.row),
  },
  COLUMN: {
    minArgs: 0,
    maxArgs: 1,
    run: (args, ev) => (args[0] ? rangeArgument(args[0], ev).column : ev.column),
  },
  TRUE: { minArgs: 0, maxArgs: 0, run: () => true },
  FALSE: { minArgs: 0, maxArgs: 0, run: () => false },
};

/** Names of the functions the engine evaluates (others give #NAME?). */
export const supportedFunctions: readonly string[] = Object.keys(functions);

/** Calls a function by name; unknown names are #NAME?, a wrong argument count #N/A as in Sheets. */
export function callFunction(name: string, args: FormulaNode[], evaluation: Evaluation): Value {
  const definition = functions[name.toUpperCase()];
  if (!definition) throw new FormulaError('#NAME?');
  if (args.length < definition.minArgs || args.length > definition.maxArgs) {
    throw new FormulaError('#N/A');
  }
  return definition.run(args, evaluation);
}
