// Range: reading and writing cells with Google's semantics (typed-input parsing, Dates, formulas, shapes).

import { type Bounds, bounded, type Rect, rectToA1Bounded } from './a1';
import {
  automaticNumberFormat,
  readCellValue,
  readDisplayValue,
  writeCellValue,
} from './cell-values';
import { normalizeColor } from './colors';
import { DataValidationImpl, ruleForRange, ruleFromValidation } from './data-validation';
import type { RuntimeEnv } from './env';
import { messages, ScriptException } from './errors';
import type { Signatures } from './gas-types';
import { type CellUsage, cellUsage, type UsageReporter } from './ledger';
import { assertEditable, ProtectionImpl } from './protection';
import type { Cell, CellValue, SheetModel, SpreadsheetModel, ValidationRule } from './sheet-model';
import { hasContent, styleKeys } from './sheet-model';
import { TextFinderImpl } from './text-finder';

type Grid<T> = T[][];

export function checkShape(
  data: unknown,
  numRows: number,
  numColumns: number,
  method = 'setValues',
): unknown[][] {
  if (!Array.isArray(data)) throw new ScriptException(messages.signature('Range', method, [data]));
  if (data.length !== numRows)
    throw new ScriptException(messages.rowsMismatch(data.length, numRows));
  for (const row of data) {
    if (!Array.isArray(row)) throw new ScriptException(messages.invalidArgument('values'));
    if (row.length !== numColumns)
      throw new ScriptException(messages.columnsMismatch(row.length, numColumns));
  }
  return data as unknown[][];
}

type RangeMethods =
  | 'getValue'
  | 'getValues'
  | 'setValue'
  | 'setValues'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFormula'
  | 'getFormulas'
  | 'setFormula'
  | 'setFormulas'
  | 'getNote'
  | 'getNotes'
  | 'setNote'
  | 'setNotes'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'setFontColor'
  | 'setFontColors'
  | 'setBackground'
  | 'setBackgrounds'
  | 'getBackground'
  | 'getBackgrounds'
  | 'getFontColor'
  | 'getFontWeight'
  | 'setHorizontalAlignment'
  | 'setWrap'
  | 'getRow'
  | 'getColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getA1Notation'
  | 'getSheet'
  | 'getGridId'
  | 'activate'
  | 'offset'
  | 'clearContent'
  | 'clearFormat'
  | 'clearNote'
  | 'clearDataValidations'
  | 'insertCheckboxes'
  | 'setDataValidation'
  | 'setDataValidations'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'protect'
  | 'isBlank'
  | 'sort'
  | 'createTextFinder';

/** Getters that read only the top-left cell, as Google documents for each of them. */
const firstCellReads = new Set([
  'getValue',
  'getDisplayValue',
  'getFormula',
  'getNote',
  'getNumberFormat',
  'getBackground',
  'getFontColor',
  'getFontWeight',
  'getDataValidation',
]);
const blockReads = new Set([
  'getValues',
  'getDisplayValues',
  'getFormulas',
  'getNotes',
  'getNumberFormats',
  'getBackgrounds',
  'getFontWeights',
  'getFontColors',
  'getDataValidations',
  'isBlank',
]);
/** Calls that change every cell of the range (values, formats, notes, validation, order). */
const blockWrites = /^(set|clear|insertCheckboxes$|removeCheckboxes$|check$|uncheck$|sort$)/;

export class RangeImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.Range, RangeMethods>, UsageReporter
{
  static readonly serviceName = 'Range';

  constructor(
    readonly env: RuntimeEnv,
    readonly file: SpreadsheetModel,
    readonly sheet: SheetModel,
    readonly rect: Rect,
    /** Which ends are fixed: getRange('5:7') has no column ends (see a1.ts Bounds). */
    readonly bounds: Bounds = bounded,
  ) {}

  [cellUsage](method: string): CellUsage | undefined {
    const cells = this.rect.numRows * this.rect.numColumns;
    if (firstCellReads.has(method)) return { read: 1 };
    if (blockReads.has(method)) return { read: cells };
    if (blockWrites.test(method)) return { written: cells };
    return undefined;
  }

  #grid<T>(read: (row: number, column: number) => T): Grid<T> {
    const { row, column, numRows, numColumns } = this.rect;
    return Array.from({ length: numRows }, (_, r) =>
      Array.from({ length: numColumns }, (_, c) => read(row + r, column + c)),
    );
  }

  #writeGrid(data: unknown, write: (cell: Cell, value: unknown) => void, method: string): this {
    const grid = checkShape(data, this.rect.numRows, this.rect.numColumns, method);
    this.#assertInGrid();
    assertEditable(this.env, this.file, this.sheet, this.rect);
    grid.forEach((line, r) => {
      line.forEach((value, c) => {
        write(this.sheet.ensureCell(this.rect.row + r, this.rect.column + c), value);
      });
    });
    return this;
  }

  /** A range named in A1 past the grid may be read (empty cells), not written. */
  #assertInGrid(): void {
    const { row, column, numRows, numColumns } = this.rect;
    if (row + numRows - 1 > this.sheet.maxRows || column + numColumns - 1 > this.sheet.maxColumns)
      throw new ScriptException(messages.outsideSheet);
  }

  #writeAll(write: (cell: Cell) => void): this {
    this.#assertInGrid();
    assertEditable(this.env, this.file, this.sheet, this.rect);
    const { row, column, numRows, numColumns } = this.rect;
    for (let r = row; r < row + numRows; r++) {
      for (let c = column; c < column + numColumns; c++) write(this.sheet.ensureCell(r, c));
    }
    return this;
  }

  #readCell<T>(read: (cell: Cell | undefined) => T): T {
    return read(this.sheet.cell(this.rect.row, this.rect.column));
  }

  // Values

  getValue(): unknown {
    return readCellValue(this.file, this.sheet, this.rect.row, this.rect.column, this.env.now());
  }

  getValues(): unknown[][] {
    const now = this.env.now();
    return this.#grid((r, c) => readCellValue(this.file, this.sheet, r, c, now));
  }

  setValue(value: unknown): this {
    const now = this.env.now();
    return this.#writeAll((cell) => writeCellValue(this.file, cell, value, now));
  }

  setValues(values: unknown[][]): this {
    const now = this.env.now();
    return this.#writeGrid(
      values,
      (cell, value) => writeCellValue(this.file, cell, value, now),
      'setValues',
    );
  }

  getDisplayValue(): string {
    return readDisplayValue(this.file, this.sheet, this.rect.row, this.rect.column, this.env.now());
  }

  getDisplayValues(): string[][] {
    const now = this.env.now();
    return this.#grid((r, c) => readDisplayValue(this.file, this.sheet, r, c, now));
  }

  getFormula(): string {
    return this.#readCell((cell) => cell?.formula ?? '');
  }

  getFormulas(): string[][] {
    return this.#grid((r, c) => this.sheet.cell(r, c)?.formula ?? '');
  }

  setFormula(formula: string): this {
    return this.setValue(formula);
  }

  setFormulas(formulas: string[][]): this {
    return this.setValues(formulas);
  }

  // Notes and formats

  getNote(): string {
    return this.#readCell((cell) => cell?.note ?? '');
  }

  getNotes(): string[][] {
    return this.#grid((r, c) => this.sheet.cell(r, c)?.note ?? '');
  }

  setNote(note: string | null): this {
    return this.#writeAll((cell) => setOrDelete(cell, 'note', noteText(note)));
  }

  setNotes(notes: Array<Array<string | null>>): this {
    return this.#writeGrid(
      notes,
      (cell, note) => setOrDelete(cell, 'note', noteText(note)),
      'setNotes',
    );
  }

  getNumberFormat(): string {
    return this.#readCell((cell) => cell?.numberFormat ?? automaticNumberFormat);
  }

  getNumberFormats(): string[][] {
    return this.#grid((r, c) => this.sheet.cell(r, c)?.numberFormat ?? automaticNumberFormat);
  }

  setNumberFormat(numberFormat: string): this {
    return this.#writeAll((cell) => setOrDelete(cell, 'numberFormat', numberFormat || undefined));
  }

  setNumberFormats(numberFormats: string[][]): this {
    return this.#writeGrid(
      numberFormats,
      (cell, f) => setOrDelete(cell, 'numberFormat', f ? String(f) : undefined),
      'setNumberFormats',
    );
  }

  setFontWeight(fontWeight: string | null): this {
    return this.#writeAll((cell) => setOrDelete(cell, 'fontWeight', fontWeightOf(fontWeight)));
  }

  setFontWeights(fontWeights: Array<Array<string | null>>): this {
    return this.#writeGrid(
      fontWeights,
      (cell, w) => setOrDelete(cell, 'fontWeight', fontWeightOf(w as string | null)),
      'setFontWeights',
    );
  }

  getFontWeight(): string {
    return this.#readCell((cell) => cell?.fontWeight ?? 'normal');
  }

  setFontColor(color: string | null): this {
    return this.#writeAll((cell) => setOrDelete(cell, 'fontColor', colorOf(color)));
  }

  setFontColors(colors: Array<Array<string | null>>): this {
    return this.#writeGrid(
      colors,
      (cell, color) => setOrDelete(cell, 'fontColor', colorOf(color)),
      'setFontColors',
    );
  }

  getFontColor(): string {
    return this.#readCell((cell) => cell?.fontColor ?? '#000000');
  }

  setBackground(color: string | null): this {
    return this.#writeAll((cell) => setOrDelete(cell, 'background', colorOf(color)));
  }

  setBackgrounds(colors: Array<Array<string | null>>): this {
    return this.#writeGrid(
      colors,
      (cell, color) => setOrDelete(cell, 'background', colorOf(color)),
      'setBackgrounds',
    );
  }

  getBackground(): string {
    return this.#readCell((cell) => cell?.background ?? '#ffffff');
  }

  getBackgrounds(): string[][] {
    return this.#grid((r, c) => this.sheet.cell(r, c)?.background ?? '#ffffff');
  }

  setHorizontalAlignment(alignment: string | null): this {
    return this.#writeAll((cell) =>
      setOrDelete(
        cell,
        'horizontalAlignment',
        alignment && alignment !== 'normal' ? alignment : undefined,
      ),
    );
  }

  setWrap(isWrapEnabled: boolean): this {
    return this.#writeAll((cell) => setOrDelete(cell, 'wrap', isWrapEnabled ? true : undefined));
  }

  // Geometry

  getRow(): number {
    return this.rect.row;
  }

  getColumn(): number {
    return this.rect.column;
  }

  getNumRows(): number {
    return this.rect.numRows;
  }

  getNumColumns(): number {
    return this.rect.numColumns;
  }

  getLastRow(): number {
    return this.rect.row + this.rect.numRows - 1;
  }

  getLastColumn(): number {
    return this.rect.column + this.rect.numColumns - 1;
  }

  getA1Notation(): string {
    return rectToA1Bounded(this.rect, this.bounds);
  }

  /**
   * Developer metadata is not modelled; Google refuses it on anything but whole rows or columns
   * with this error, which the runtime gives too.
   */
  addDeveloperMetadata(): never {
    const wholeRows = !this.bounds.startColumn && !this.bounds.endColumn;
    const wholeColumns = !this.bounds.startRow && !this.bounds.endRow;
    if (!wholeRows && !wholeColumns)
      throw new ScriptException(
        'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
      );
    throw new ScriptException('not offered by this runtime: Range.addDeveloperMetadata');
  }

  isStartRowBounded(): boolean {
    return this.bounds.startRow;
  }

  isEndRowBounded(): boolean {
    return this.bounds.endRow;
  }

  isStartColumnBounded(): boolean {
    return this.bounds.startColumn;
  }

  isEndColumnBounded(): boolean {
    return this.bounds.endColumn;
  }

  getSheet(): object {
    return this.env.objects.sheet(this.file, this.sheet);
  }

  getGridId(): number {
    return this.sheet.sheetId;
  }

  offset(
    rowOffset: number,
    columnOffset: number,
    numRows?: number,
    numColumns?: number,
  ): RangeImpl {
    return rangeAt(this.env, this.file, this.sheet, {
      row: this.rect.row + rowOffset,
      column: this.rect.column + columnOffset,
      numRows: numRows ?? this.rect.numRows,
      numColumns: numColumns ?? this.rect.numColumns,
    });
  }

  activate(): this {
    this.env.selections.set(`${this.env.execution().activeUser}|${this.file.id}`, {
      sheetId: this.sheet.sheetId,
      a1: this.getA1Notation(),
    });
    return this;
  }

  isBlank(): boolean {
    return this.#grid((r, c) => hasContent(this.sheet.cell(r, c))).every((line) =>
      line.every((filled) => !filled),
    );
  }

  /**
   * The cell Ctrl+arrow reaches from this range's top-left cell: the end of the block of filled
   * cells it is in (when the next cell is filled too), else the next filled cell, else the edge
   * of the sheet. Direction UP, DOWN, PREVIOUS (left) or NEXT (right).
   */
  getNextDataCell(direction: GoogleAppsScript.Spreadsheet.Direction): RangeImpl {
    const step = { UP: [-1, 0], DOWN: [1, 0], PREVIOUS: [0, -1], NEXT: [0, 1] }[String(direction)];
    if (!step) throw new ScriptException(messages.invalidArgument('direction'));
    const [dr = 0, dc = 0] = step;
    const inside = (r: number, c: number) =>
      r >= 1 && c >= 1 && r <= this.sheet.maxRows && c <= this.sheet.maxColumns;
    const filled = (r: number, c: number) => hasContent(this.sheet.cell(r, c));
    let r = this.rect.row;
    let c = this.rect.column;
    if (filled(r, c) && inside(r + dr, c + dc) && filled(r + dr, c + dc)) {
      while (inside(r + dr, c + dc) && filled(r + dr, c + dc)) {
        r += dr;
        c += dc;
      }
    } else {
      while (inside(r + dr, c + dc)) {
        r += dr;
        c += dc;
        if (filled(r, c)) break;
      }
    }
    return new RangeImpl(this.env, this.file, this.sheet, {
      row: r,
      column: c,
      numRows: 1,
      numColumns: 1,
    });
  }

  /** Finds and replaces text in this range's cells. */
  createTextFinder(findText: string): TextFinderImpl {
    const area = { sheet: this.sheet, rect: { ...this.rect } };
    return new TextFinderImpl(this.env, this.file, () => [area], String(findText));
  }

  // Clearing

  /**
   * clear() empties contents and formats; the options pick parts (commentsOnly: notes,
   * contentsOnly, formatOnly, validationsOnly), as Google's Range.clear(options).
   */
  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
  }): this {
    const picked =
      options &&
      (options.commentsOnly ||
        options.contentsOnly ||
        options.formatOnly ||
        options.validationsOnly);
    if (!picked || options.contentsOnly) this.clearContent();
    if (!picked || options.formatOnly) this.clearFormat();
    if (picked && options.commentsOnly) this.clearNote();
    if (picked && options.validationsOnly) this.clearDataValidations();
    return this;
  }

  getFontWeights(): string[][] {
    return this.#grid((r, c) => this.sheet.cell(r, c)?.fontWeight ?? 'normal');
  }

  getFontColors(): string[][] {
    return this.#grid((r, c) => this.sheet.cell(r, c)?.fontColor ?? '#000000');
  }

  clearContent(): this {
    return this.#writeAll((cell) => {
      delete cell.formula;
      cell.value = '';
    });
  }

  clearFormat(): this {
    return this.#writeAll((cell) => {
      for (const key of styleKeys) delete cell[key];
    });
  }

  clearNote(): this {
    return this.#writeAll((cell) => {
      delete cell.note;
    });
  }

  clearDataValidations(): this {
    return this.#writeAll((cell) => {
      delete cell.validation;
    });
  }

  // Validation and protection

  /**
   * Checkboxes in every cell, each cell set to unchecked
   * (https://developers.google.com/apps-script/reference/spreadsheet/range#insertcheckboxes):
   * TRUE/FALSE and false; with a checked value, that value and '' (the empty string is unchecked);
   * with both values, the unchecked one.
   */
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const values: ValidationRule['values'] =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [cellScalar(checkedValue)]
          : [cellScalar(checkedValue), cellScalar(uncheckedValue)];
    const rule = ruleFromValidation({
      type: 'checkbox',
      values,
      showDropdown: false,
      allowInvalid: false,
    });
    const unchecked = values.length === 0 ? false : (values[1] ?? '');
    return this.#writeAll((cell) => {
      cell.validation = rule;
      delete cell.formula;
      cell.value = unchecked;
    });
  }

  /** Checks every checkbox of the range; cells without a checkbox rule are left alone. */
  check(): this {
    return this.#setCheckboxes(true);
  }

  /** Unchecks every checkbox of the range; cells without a checkbox rule are left alone. */
  uncheck(): this {
    return this.#setCheckboxes(false);
  }

  #setCheckboxes(checked: boolean): this {
    return this.#writeAll((cell) => {
      const rule = cell.validation;
      if (rule?.type !== 'checkbox') return;
      delete cell.formula;
      if (rule.values.length === 0) cell.value = checked;
      else cell.value = checked ? (rule.values[0] ?? true) : (rule.values[1] ?? '');
    });
  }

  /**
   * Removes the checkbox rules of the range and clears the cells that had one (Google: "removes all
   * checkboxes from the range. Clears the data validation of each cell, and additionally clears its
   * value if the cell contains either the checked or unchecked value").
   */
  removeCheckboxes(): this {
    return this.#writeAll((cell) => {
      const rule = cell.validation;
      if (rule?.type !== 'checkbox') return;
      const states =
        rule.values.length === 0 ? [true, false] : [rule.values[0], rule.values[1] ?? ''];
      if (cell.formula === undefined && states.some((v) => v === cell.value)) cell.value = '';
      delete cell.validation;
    });
  }

  /**
   * Whether every cell's checkbox is checked: true, false, or null when some cells are unchecked
   * and some checked, or a cell has no checkbox.
   */
  isChecked(): boolean | null {
    const now = this.env.now();
    const states = this.#grid((r, c) => {
      const rule = this.sheet.cell(r, c)?.validation;
      if (rule?.type !== 'checkbox') return null;
      const value = this.file.computedValue(this.sheet, r, c, now);
      return rule.values.length === 0 ? value === true : value === rule.values[0];
    }).flat();
    if (states.some((s) => s === null)) return null;
    if (states.every((s) => s === true)) return true;
    if (states.every((s) => s === false)) return false;
    return null;
  }

  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): this {
    const data =
      rule === null
        ? undefined
        : ruleForRange(DataValidationImpl.from(rule).rule, this.rect.row, this.rect.column);
    return this.#writeAll((cell) => setOrDelete(cell, 'validation', data));
  }

  setDataValidations(
    rules: Array<Array<GoogleAppsScript.Spreadsheet.DataValidation | null>>,
  ): this {
    const grid = checkShape(rules, this.rect.numRows, this.rect.numColumns, 'setDataValidations');
    assertEditable(this.env, this.file, this.sheet, this.rect);
    grid.forEach((line, r) => {
      line.forEach((rule, c) => {
        const row = this.rect.row + r;
        const column = this.rect.column + c;
        const data = rule
          ? ruleForRange(DataValidationImpl.from(rule).rule, row, column)
          : undefined;
        setOrDelete(this.sheet.ensureCell(row, column), 'validation', data);
      });
    });
    return this;
  }

  getDataValidation(): DataValidationImpl | null {
    const rule = this.sheet.cell(this.rect.row, this.rect.column)?.validation;
    return rule ? new DataValidationImpl(this.env, this.file, rule) : null;
  }

  getDataValidations(): Array<Array<DataValidationImpl | null>> {
    return this.#grid((r, c) => {
      const rule = this.sheet.cell(r, c)?.validation;
      return rule ? new DataValidationImpl(this.env, this.file, rule) : null;
    });
  }

  protect(): ProtectionImpl {
    const user = this.env.execution().user;
    const model = {
      id: this.file.protectionId(),
      kind: 'RANGE' as const,
      rect: { ...this.rect },
      description: '',
      warningOnly: false,
      editors: [...new Set([this.file.owner, user])],
    };
    this.sheet.protections.push(model);
    return new ProtectionImpl(this.env, this.file, this.sheet, model);
  }

  /** Sorts the rows of this range by one or more columns ({ column, ascending } or a column number). */
  sort(sortSpecObj: unknown): this {
    assertEditable(this.env, this.file, this.sheet, this.rect);
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((spec) =>
      typeof spec === 'number'
        ? { column: spec, ascending: true }
        : {
            column: Number((spec as { column: number }).column),
            ascending: (spec as { ascending?: boolean }).ascending !== false,
          },
    );
    sortRows(
      this.file,
      this.sheet,
      this.rect.row,
      this.getLastRow(),
      this.rect.column,
      this.getLastColumn(),
      specs,
      this.env.now(),
    );
    return this;
  }
}

/** A color as the cell keeps it (null or '' resets it). */
function colorOf(color: unknown): string | undefined {
  return color === null || color === undefined || color === ''
    ? undefined
    : normalizeColor(String(color));
}

/** A checkbox value as a cell holds it (text, number or boolean). */
function cellScalar(value: unknown): string | number | boolean {
  return typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
}

/** A note as Google stores it: text, where a whole number reads back with '.0' (5 -> '5.0'). */
function noteText(note: unknown): string | undefined {
  if (note === null || note === undefined || note === '') return undefined;
  if (typeof note === 'number' && Number.isInteger(note)) return note.toFixed(1);
  return String(note);
}

function setOrDelete<K extends keyof Cell>(cell: Cell, key: K, value: Cell[K] | undefined): void {
  if (value === undefined) delete cell[key];
  else cell[key] = value;
}

function fontWeightOf(weight: string | null): 'bold' | undefined {
  return weight === 'bold' ? 'bold' : undefined;
}

/** A range on the sheet, or Google's error when any part lies outside the sheet. */
export function rangeAt(
  env: RuntimeEnv,
  file: SpreadsheetModel,
  sheet: SheetModel,
  rect: Rect,
  bounds: Bounds = bounded,
): RangeImpl {
  if (!Number.isInteger(rect.numRows) || rect.numRows < 1)
    throw new ScriptException('The number of rows in the range must be at least 1.');
  if (!Number.isInteger(rect.numColumns) || rect.numColumns < 1)
    throw new ScriptException('The number of columns in the range must be at least 1.');
  if (
    rect.row < 1 ||
    rect.column < 1 ||
    rect.row + rect.numRows - 1 > sheet.maxRows ||
    rect.column + rect.numColumns - 1 > sheet.maxColumns
  )
    throw new ScriptException(messages.outsideSheet);
  return new RangeImpl(env, file, sheet, rect, bounds);
}

/** Sheets' order: numbers, then text (case-insensitive), then booleans; blanks always last. */
function compareValues(a: CellValue, b: CellValue): number {
  const rank = (v: CellValue) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string' && typeof b === 'string')
    return a.localeCompare(b, undefined, { sensitivity: 'base' });
  return Number(a) - Number(b);
}

export function sortRows(
  file: SpreadsheetModel,
  sheet: SheetModel,
  firstRow: number,
  lastRow: number,
  firstColumn: number,
  lastColumn: number,
  specs: Array<{ column: number; ascending: boolean }>,
  now: Date,
): void {
  if (lastRow <= firstRow) return;
  const rows = [];
  for (let r = firstRow; r <= lastRow; r++) {
    const keys = specs.map((spec) => file.computedValue(sheet, r, spec.column, now));
    const cells = [];
    for (let c = firstColumn; c <= lastColumn; c++) cells.push(sheet.cell(r, c));
    rows.push({ keys, cells, index: r });
  }
  rows.sort((x, y) => {
    for (const [i, spec] of specs.entries()) {
      const a = x.keys[i] ?? '';
      const b = y.keys[i] ?? '';
      if (a === '' && b === '') continue;
      if (a === '') return 1;
      if (b === '') return -1;
      const order = compareValues(a, b);
      if (order !== 0) return spec.ascending ? order : -order;
    }
    return x.index - y.index;
  });
  rows.forEach((row, i) => {
    const r = firstRow + i;
    row.cells.forEach((cell, j) => {
      const c = firstColumn + j;
      let line = sheet.rows[r - 1];
      if (!line) {
        line = [];
        sheet.rows[r - 1] = line;
      }
      line[c - 1] = cell;
    });
  });
}
