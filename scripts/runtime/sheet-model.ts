// The raw spreadsheet the services act on: cells, validation, formats, protections; and its snapshot form.

import {
  type Dimension,
  parseA1,
  quoteSheetName,
  type Rect,
  rectToA1,
  resolveA1,
  shiftForDelete,
  shiftForInsert,
} from './a1';
import type { DeveloperMetadataModel } from './developer-metadata';
import { evaluateFormula, shiftFormula } from './formula';
import type {
  CellSnapshot,
  ChartSnapshot,
  SheetSnapshot,
  SpreadsheetSnapshot,
  ValidationSnapshot,
} from './snapshot';
import { adjustFormula, type StructuralChange } from './structural-refs';

/** A validation rule; cells share one object, so the snapshot can give it back as ranges. */
export interface ValidationRule {
  type: ValidationSnapshot['type'];
  values: Array<string | number | boolean>;
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText?: string;
  /** For custom formulas: the cell the formula is written for (the first cell it was set on). */
  anchor?: { row: number; column: number };
}

export interface Cell extends CellSnapshot {
  validation?: ValidationRule;
  horizontalAlignment?: string;
  wrap?: boolean;
  strikethrough?: boolean;
}

export interface ConditionalFormat {
  ranges: Rect[];
  formula: string;
  background?: string;
  fontColor?: string;
  bold?: boolean;
  strikethrough?: boolean;
}

export interface ProtectionModel {
  id: number;
  kind: 'RANGE' | 'SHEET';
  /** For a SHEET protection, the whole sheet (it follows the sheet's size). */
  rect: Rect;
  description: string;
  warningOnly: boolean;
  editors: string[];
  /** A sheet protection's holes (setUnprotectedRanges): cells anyone may edit. */
  unprotected?: Rect[];
  /** The named range a range protection follows (setRangeName / setNamedRange). */
  rangeName?: string;
}

export type CellValue = string | number | boolean;

/** A cell's formats: what clearFormat removes and what inserted cells inherit from their neighbours. */
export const styleKeys = [
  'numberFormat',
  'background',
  'fontColor',
  'fontWeight',
  'horizontalAlignment',
  'wrap',
  'strikethrough',
] as const;

export function hasContent(cell: Cell | undefined): boolean {
  return !!cell && (cell.formula !== undefined || cell.value !== '');
}

export class SheetModel {
  rows: Array<Array<Cell | undefined>> = [];
  frozenRows = 0;
  frozenColumns = 0;
  columnWidths = new Map<number, number>();
  hiddenColumns = new Set<number>();
  conditionalFormats: ConditionalFormat[] = [];
  protections: ProtectionModel[] = [];
  charts: ChartSnapshot[] = [];
  tabColor: string | null = null;
  /** Hidden from the tab bar by hideSheet() (the runtime does not keep it in snapshots). */
  hidden = false;

  constructor(
    public name: string,
    public sheetId: number,
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  cell(row: number, column: number): Cell | undefined {
    return this.rows[row - 1]?.[column - 1];
  }

  ensureCell(row: number, column: number): Cell {
    let line = this.rows[row - 1];
    if (!line) {
      line = [];
      this.rows[row - 1] = line;
    }
    let cell = line[column - 1];
    if (!cell) {
      cell = { value: '' };
      line[column - 1] = cell;
    }
    return cell;
  }

  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      if (this.rows[r - 1]?.some((cell) => hasContent(cell))) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const line of this.rows) {
      if (!line) continue;
      for (let c = line.length; c > last; c--) {
        if (hasContent(line[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  wholeSheet(): Rect {
    return { row: 1, column: 1, numRows: this.maxRows, numColumns: this.maxColumns };
  }

  /** Inserts before `position`; new cells keep the style and validation of a range they fall inside. */
  insert(dimension: Dimension, position: number, count: number): void {
    const inherit = (before: Cell | undefined, after: Cell | undefined): Cell | undefined => {
      if (!before || !after) return undefined;
      const cell: Cell = { value: '' };
      let any = false;
      for (const key of styleKeys) {
        if (before[key] !== undefined && before[key] === after[key]) {
          (cell as unknown as Record<string, unknown>)[key] = before[key];
          any = true;
        }
      }
      if (before.validation && before.validation === after.validation) {
        cell.validation = before.validation;
        any = true;
      }
      return any ? cell : undefined;
    };
    if (dimension === 'rows') {
      const above = this.rows[position - 2] ?? [];
      const below = this.rows[position - 1] ?? [];
      const width = Math.max(above.length, below.length);
      const fresh = () => Array.from({ length: width }, (_, c) => inherit(above[c], below[c]));
      if (this.rows.length < position - 1) this.rows.length = position - 1;
      this.rows.splice(position - 1, 0, ...Array.from({ length: count }, fresh));
      this.maxRows += count;
    } else {
      for (const line of this.rows) {
        if (!line || line.length < position - 1) continue;
        const added = Array.from({ length: count }, () =>
          inherit(line[position - 2], line[position - 1]),
        );
        line.splice(position - 1, 0, ...added);
      }
      this.maxColumns += count;
      this.columnWidths = shiftKeys(this.columnWidths, position, count);
      this.hiddenColumns = new Set(
        [...this.hiddenColumns].map((c) => (c >= position ? c + count : c)),
      );
    }
    this.shiftAnchors(dimension, (at) => (at >= position ? at + count : at));
    const change = { sheetName: this.name, dimension, position, count };
    this.shiftRanges((rect) => shiftForInsert(rect, dimension, position, count), change);
    this.adjustFormulas(change);
  }

  delete(dimension: Dimension, position: number, count: number): void {
    if (dimension === 'rows') {
      this.rows.splice(position - 1, count);
      this.maxRows -= count;
    } else {
      for (const line of this.rows) line?.splice(position - 1, count);
      this.maxColumns -= count;
      const widths = new Map<number, number>();
      for (const [c, w] of this.columnWidths) {
        if (c < position) widths.set(c, w);
        else if (c >= position + count) widths.set(c - count, w);
      }
      this.columnWidths = widths;
      this.hiddenColumns = new Set(
        [...this.hiddenColumns]
          .filter((c) => c < position || c >= position + count)
          .map((c) => (c >= position ? c - count : c)),
      );
    }
    this.shiftAnchors(dimension, (at) =>
      at >= position + count ? at - count : Math.min(at, position),
    );
    const change = { sheetName: this.name, dimension, position, count: -count };
    this.shiftRanges((rect) => shiftForDelete(rect, dimension, position, count), change);
    this.adjustFormulas(change);
  }

  /** References in this sheet's formulas, rules and custom validations follow the moved cells. */
  adjustFormulas(change: StructuralChange): void {
    const rules = new Set<ValidationRule>();
    for (const line of this.rows) {
      for (const cell of line ?? []) {
        if (cell?.formula !== undefined)
          cell.formula = adjustFormula(cell.formula, this.name, change);
        if (cell?.validation?.type === 'formula') rules.add(cell.validation);
      }
    }
    for (const rule of rules) {
      rule.values = [adjustFormula(String(rule.values[0]), this.name, change)];
    }
  }

  /** Custom-formula validation anchors move with their cells (the rules are shared, so once each). */
  private shiftAnchors(dimension: Dimension, move: (at: number) => number): void {
    const anchors = new Set<{ row: number; column: number }>();
    for (const line of this.rows) {
      for (const cell of line ?? [])
        if (cell?.validation?.anchor) anchors.add(cell.validation.anchor);
    }
    for (const anchor of anchors) {
      if (dimension === 'rows') anchor.row = move(anchor.row);
      else anchor.column = move(anchor.column);
    }
  }

  private shiftRanges(shift: (rect: Rect) => Rect | null, change: StructuralChange): void {
    this.conditionalFormats = this.conditionalFormats.flatMap((rule) => {
      const ranges = rule.ranges.map(shift).filter((r): r is Rect => r !== null);
      if (ranges.length === 0) return [];
      // References in the custom formula move like any formula's (absolute ones too).
      return [{ ...rule, ranges, formula: adjustFormula(rule.formula, this.name, change) }];
    });
    // Protections keep their identity: Protection objects the script holds still refer to them.
    this.protections = this.protections.filter((p) => {
      if (p.kind === 'SHEET') {
        p.rect = this.wholeSheet();
        if (p.unprotected)
          p.unprotected = p.unprotected.map(shift).filter((r): r is Rect => r !== null);
        return true;
      }
      const rect = shift(p.rect);
      if (rect) p.rect = rect;
      return rect !== null;
    });
  }
}

function shiftKeys(map: Map<number, number>, position: number, count: number): Map<number, number> {
  const shifted = new Map<number, number>();
  for (const [key, value] of map) shifted.set(key >= position ? key + count : key, value);
  return shifted;
}

export interface NamedRange {
  sheetId: number;
  rect: Rect;
}

export class SpreadsheetModel {
  sheets: SheetModel[] = [];
  namedRanges = new Map<string, NamedRange>();
  /** Developer metadata at the spreadsheet's top level (see developer-metadata.ts). */
  developerMetadata: DeveloperMetadataModel[] = [];
  private nextSheetId = 0;
  private nextProtectionId = 1;
  private lastMetadataId = 0;

  constructor(
    public id: string,
    public name: string,
    public timeZone: string,
    public locale: string,
    public owner: string,
  ) {}

  addSheet(name: string, index = this.sheets.length, sheetId?: number): SheetModel {
    const id = sheetId ?? (this.sheets.some((s) => s.sheetId === 0) ? this.newSheetId() : 0);
    const sheet = new SheetModel(name, id);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  /** Sheet ids after the first look like Google's: large, unrelated to position, never reused. */
  private newSheetId(): number {
    let id: number;
    do {
      this.nextSheetId += 1;
      id = 100_000_000 + this.nextSheetId * 7_919;
    } while (this.sheets.some((s) => s.sheetId === id));
    return id;
  }

  /** After a sheet's rows or columns moved: formulas on other sheets that point at it follow. */
  adjustOtherSheets(changed: SheetModel, change: Omit<StructuralChange, 'sheetName'>): void {
    for (const sheet of this.sheets) {
      if (sheet !== changed) sheet.adjustFormulas({ ...change, sheetName: changed.name });
    }
  }

  protectionId(): number {
    return this.nextProtectionId++;
  }

  nextMetadataId(): number {
    this.lastMetadataId = Math.max(this.lastMetadataId, ...this.developerMetadata.map((m) => m.id));
    this.lastMetadataId += 1;
    return this.lastMetadataId;
  }

  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find((sheet) => sheet.name === name);
  }

  sheetById(sheetId: number): SheetModel | undefined {
    return this.sheets.find((sheet) => sheet.sheetId === sheetId);
  }

  /**
   * The value a cell shows: its stored value, or its formula computed now. A cycle gives '#REF!'
   * as Sheets does for a circular dependency.
   */
  computedValue(sheet: SheetModel, row: number, column: number, now: Date): CellValue {
    const cell = sheet.cell(row, column);
    if (!cell) return '';
    if (cell.formula === undefined) return cell.value;
    return this.evaluate(sheet, row, column, now, new Set());
  }

  private evaluate(
    sheet: SheetModel,
    row: number,
    column: number,
    now: Date,
    visiting: Set<string>,
  ): CellValue {
    const cell = sheet.cell(row, column);
    if (!cell) return '';
    if (cell.formula === undefined) return cell.value;
    const key = `${sheet.sheetId}:${row}:${column}`;
    if (visiting.has(key)) return '#REF!';
    visiting.add(key);
    try {
      return this.evaluateAt(cell.formula, sheet, row, column, now, visiting);
    } finally {
      visiting.delete(key);
    }
  }

  /** Evaluates a formula as if it sat in (row, column) of the sheet (custom formulas of rules too). */
  evaluateAt(
    formula: string,
    sheet: SheetModel,
    row: number,
    column: number,
    now: Date,
    visiting: Set<string> = new Set(),
  ): CellValue {
    return evaluateFormula(formula, {
      sheetName: sheet.name,
      row,
      column,
      now,
      timeZone: this.timeZone,
      value: (sheetName, r, c) => {
        const target = sheetName === null ? sheet : this.sheetByName(sheetName);
        if (!target) return '#REF!';
        return this.evaluate(target, r, c, now, visiting);
      },
    });
  }
}

export function modelFromSnapshot(snapshot: SpreadsheetSnapshot, owner: string): SpreadsheetModel {
  const model = new SpreadsheetModel(
    snapshot.id,
    snapshot.name,
    snapshot.timeZone,
    snapshot.locale,
    owner,
  );
  for (const s of snapshot.sheets) {
    const sheet = model.addSheet(s.name, model.sheets.length, s.sheetId);
    sheet.maxRows = s.maxRows;
    sheet.maxColumns = s.maxColumns;
    sheet.frozenRows = s.frozenRows;
    sheet.frozenColumns = s.frozenColumns;
    sheet.columnWidths = new Map(Object.entries(s.columnWidths).map(([c, w]) => [Number(c), w]));
    sheet.hiddenColumns = new Set(s.hiddenColumns);
    sheet.rows = s.rows.map((line) => (line ?? []).map((cell) => (cell ? { ...cell } : undefined)));
    const whole = sheet.wholeSheet();
    const rect = (a1: string): Rect => {
      const parsed = parseA1(a1);
      if (!parsed) throw new Error(`Bad range "${a1}" in snapshot sheet ${s.name}`);
      return resolveA1(parsed, whole.numRows, whole.numColumns);
    };
    for (const v of s.validations) {
      const { range, ...data } = v;
      const r = rect(range);
      const rule: ValidationRule = { ...data, values: [...data.values] };
      if (rule.type === 'formula') rule.anchor = { row: r.row, column: r.column };
      for (let row = r.row; row < r.row + r.numRows; row++) {
        for (let column = r.column; column < r.column + r.numColumns; column++) {
          sheet.ensureCell(row, column).validation = rule;
        }
      }
    }
    sheet.conditionalFormats = s.conditionalFormats.map((cf) => ({
      ...cf,
      ranges: cf.ranges.map(rect),
    }));
    sheet.protections = s.protections.map((p) => {
      const isSheet = p.range === '' || p.range === s.name;
      return {
        id: model.protectionId(),
        kind: isSheet ? 'SHEET' : 'RANGE',
        rect: isSheet ? whole : rect(p.range),
        description: p.description,
        warningOnly: p.warningOnly,
        editors: [...p.editors],
      };
    });
    sheet.charts = s.charts.map((chart) => ({ ...chart, ranges: [...chart.ranges] }));
  }
  model.developerMetadata = (snapshot.developerMetadata ?? []).map((entry) => ({ ...entry }));
  for (const [name, a1] of Object.entries(snapshot.namedRanges)) {
    const parsed = parseA1(a1);
    const sheet = parsed?.sheetName ? model.sheetByName(parsed.sheetName) : model.sheets[0];
    if (parsed && sheet) {
      model.namedRanges.set(name, {
        sheetId: sheet.sheetId,
        rect: resolveA1(parsed, sheet.maxRows, sheet.maxColumns),
      });
    }
  }
  return model;
}

function cellSnapshot(cell: Cell | undefined): CellSnapshot | null {
  if (!cell) return null;
  const { validation: _v, horizontalAlignment: _h, wrap: _w, strikethrough: _s, ...data } = cell;
  const snap: CellSnapshot = { value: data.value };
  if (data.formula !== undefined) snap.formula = data.formula;
  if (data.numberFormat !== undefined) snap.numberFormat = data.numberFormat;
  if (data.note !== undefined && data.note !== '') snap.note = data.note;
  if (data.background !== undefined) snap.background = data.background;
  if (data.fontColor !== undefined) snap.fontColor = data.fontColor;
  if (data.fontWeight !== undefined) snap.fontWeight = data.fontWeight;
  const empty = snap.value === '' && Object.keys(snap).length === 1;
  return empty ? null : snap;
}

/** Validation cells back to ranges: one range per rule per run of rows in a column. */
function validationRanges(sheet: SheetModel): ValidationSnapshot[] {
  const found: ValidationSnapshot[] = [];
  const width = Math.max(0, ...sheet.rows.map((line) => line?.length ?? 0));
  for (let column = 1; column <= width; column++) {
    let runRule: ValidationRule | undefined;
    let runStart = 0;
    const close = (endRow: number) => {
      if (!runRule) return;
      const { anchor, ...data } = runRule;
      const values = anchor
        ? [shiftFormula(String(data.values[0]), runStart - anchor.row, column - anchor.column)]
        : [...data.values];
      found.push({
        range: rectToA1({ row: runStart, column, numRows: endRow - runStart + 1, numColumns: 1 }),
        ...data,
        values,
      });
    };
    for (let row = 1; row <= sheet.rows.length + 1; row++) {
      const rule = sheet.cell(row, column)?.validation;
      if (rule !== runRule) {
        close(row - 1);
        runRule = rule;
        runStart = row;
      }
    }
  }
  return found;
}

export function snapshotFromModel(model: SpreadsheetModel): SpreadsheetSnapshot {
  const sheets: SheetSnapshot[] = model.sheets.map((sheet) => ({
    name: sheet.name,
    sheetId: sheet.sheetId,
    rows: Array.from({ length: sheet.rows.length }, (_, r) =>
      Array.from({ length: sheet.rows[r]?.length ?? 0 }, (_, c) =>
        cellSnapshot(sheet.rows[r]?.[c]),
      ),
    ),
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenColumns,
    columnWidths: Object.fromEntries(sheet.columnWidths),
    hiddenColumns: [...sheet.hiddenColumns].sort((a, b) => a - b),
    validations: validationRanges(sheet),
    conditionalFormats: sheet.conditionalFormats.map((cf) => ({
      ...cf,
      ranges: cf.ranges.map(rectToA1),
    })),
    protections: sheet.protections.map((p) => ({
      range: p.kind === 'SHEET' ? '' : rectToA1(p.rect),
      description: p.description,
      warningOnly: p.warningOnly,
      editors: [...p.editors],
    })),
    charts: sheet.charts.map((chart) => ({ ...chart, ranges: [...chart.ranges] })),
  }));
  const namedRanges: Record<string, string> = {};
  for (const [name, named] of model.namedRanges) {
    const sheet = model.sheetById(named.sheetId);
    if (sheet) namedRanges[name] = `${quoteSheetName(sheet.name)}!${rectToA1(named.rect)}`;
  }
  return {
    id: model.id,
    name: model.name,
    timeZone: model.timeZone,
    locale: model.locale,
    sheets,
    namedRanges,
    ...(model.developerMetadata.length > 0
      ? { developerMetadata: model.developerMetadata.map((entry) => ({ ...entry })) }
      : {}),
  };
}
