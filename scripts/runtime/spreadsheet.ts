// SpreadsheetApp, Spreadsheet, Sheet and Selection over the in-memory model.

import { boundsOf, type Dimension, parseA1, parseRangeText, type Rect, resolveA1 } from './a1';
import { writeCellValue } from './cell-values';
import { EmbeddedChartBuilderImpl, EmbeddedChartImpl } from './charts';
import {
  BooleanCriteria,
  ConditionalFormatRuleBuilderImpl,
  ConditionalFormatRuleImpl,
} from './conditional-format';
import { DataValidationBuilderImpl, DataValidationCriteria } from './data-validation';
import {
  addMetadata,
  DeveloperMetadataImpl,
  DeveloperMetadataVisibility,
} from './developer-metadata';
import type { RuntimeEnv, ServiceObjects } from './env';
import { messages, ScriptException } from './errors';
import type { Signatures } from './gas-types';
import { type CellUsage, cellUsage, type UsageReporter } from './ledger';
import { assertEditable, ProtectionImpl, ProtectionType } from './protection';
import { RangeImpl, rangeAt, sortRows } from './range';
import { UserImpl } from './session';
import { type SheetModel, SpreadsheetModel } from './sheet-model';
import { dataArea, TextFinderImpl } from './text-finder';
import { UiImpl } from './ui';
import { isTimeZone } from './values-time';

type SheetMethods =
  | 'getName'
  | 'setName'
  | 'getSheetId'
  | 'getIndex'
  | 'getRange'
  | 'getDataRange'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'insertRows'
  | 'insertRowsAfter'
  | 'insertRowsBefore'
  | 'insertRowAfter'
  | 'insertRowBefore'
  | 'deleteRow'
  | 'deleteRows'
  | 'insertColumns'
  | 'insertColumnsAfter'
  | 'insertColumnsBefore'
  | 'deleteColumn'
  | 'deleteColumns'
  | 'appendRow'
  | 'sort'
  | 'setFrozenRows'
  | 'getFrozenRows'
  | 'setFrozenColumns'
  | 'getFrozenColumns'
  | 'setColumnWidth'
  | 'setColumnWidths'
  | 'getColumnWidth'
  | 'hideColumns'
  | 'showColumns'
  | 'isColumnHiddenByUser'
  | 'clear'
  | 'clearContents'
  | 'clearFormats'
  | 'protect'
  | 'getProtections'
  | 'getConditionalFormatRules'
  | 'setConditionalFormatRules'
  | 'clearConditionalFormatRules'
  | 'newChart'
  | 'insertChart'
  | 'getCharts'
  | 'removeChart'
  | 'updateChart'
  | 'setTabColor'
  | 'getTabColor'
  | 'activate'
  | 'getParent'
  | 'createTextFinder';

export class SheetImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.Sheet, SheetMethods>, UsageReporter
{
  static readonly serviceName = 'Sheet';

  constructor(
    readonly env: RuntimeEnv,
    readonly file: SpreadsheetModel,
    readonly sheet: SheetModel,
  ) {}

  [cellUsage](method: string, args: unknown[]): CellUsage | undefined {
    if (method === 'appendRow' && Array.isArray(args[0])) return { written: args[0].length };
    if (/^(clear|clearContents|clearFormats|sort)$/.test(method))
      return { written: this.sheet.lastRow() * this.sheet.lastColumn() };
    return undefined;
  }

  #live(): SheetModel {
    if (!this.file.sheets.includes(this.sheet))
      throw new ScriptException('The sheet has been deleted.');
    return this.sheet;
  }

  getName(): string {
    return this.#live().name;
  }

  setName(name: string): this {
    const other = this.file.sheetByName(name);
    if (other && other !== this.sheet) throw new ScriptException(messages.sheetExists(name));
    this.#live().name = String(name);
    return this;
  }

  getSheetId(): number {
    return this.#live().sheetId;
  }

  getSheetName(): string {
    return this.getName();
  }

  /** The named ranges whose range is on this sheet. */
  getNamedRanges(): NamedRangeImpl[] {
    const sheet = this.#live();
    return [...this.file.namedRanges]
      .filter(([, named]) => named.sheetId === sheet.sheetId)
      .map(([name]) => new NamedRangeImpl(this.env, this.file, name));
  }

  getIndex(): number {
    return this.file.sheets.indexOf(this.#live()) + 1;
  }

  getParent(): SpreadsheetImpl {
    return new SpreadsheetImpl(this.env, this.file);
  }

  getRange(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): RangeImpl {
    const sheet = this.#live();
    if (typeof rowOrA1 === 'string') {
      const parsed = parseRangeText(rowOrA1);
      if (!parsed) throw new ScriptException(messages.rangeNotFound);
      const target = parsed.sheetName ? this.file.sheetByName(parsed.sheetName) : sheet;
      if (!target) throw new ScriptException(messages.rangeNotFound);
      // A1 text past the grid still names a range on Google ('RC1' on a 26-column sheet, checked
      // by gas-fakes' tests on Apps Script); only numeric coordinates are refused. Writing there
      // is refused by the range itself (strict: Google's answer is not known).
      return new RangeImpl(
        this.env,
        this.file,
        target,
        resolveA1(parsed, target.maxRows, target.maxColumns),
        boundsOf(parsed),
      );
    }
    if (column === undefined) throw new ScriptException('Invalid argument: column');
    return rangeAt(this.env, this.file, sheet, {
      row: rowOrA1,
      column,
      numRows: numRows ?? 1,
      numColumns: numColumns ?? 1,
    });
  }

  getDataRange(): RangeImpl {
    const sheet = this.#live();
    return new RangeImpl(this.env, this.file, sheet, {
      row: 1,
      column: 1,
      numRows: Math.max(1, sheet.lastRow()),
      numColumns: Math.max(1, sheet.lastColumn()),
    });
  }

  getLastRow(): number {
    return this.#live().lastRow();
  }

  getLastColumn(): number {
    return this.#live().lastColumn();
  }

  getMaxRows(): number {
    return this.#live().maxRows;
  }

  getMaxColumns(): number {
    return this.#live().maxColumns;
  }

  // Inserting and deleting rows and columns

  #insert(dimension: Dimension, before: number, count: number): this {
    const sheet = this.#live();
    const max = dimension === 'rows' ? sheet.maxRows : sheet.maxColumns;
    if (
      !Number.isInteger(before) ||
      before < 1 ||
      before > max + 1 ||
      !Number.isInteger(count) ||
      count < 1
    )
      throw new ScriptException(
        dimension === 'rows' ? messages.rowsOutOfBounds : messages.columnsOutOfBounds,
      );
    assertEditable(this.env, this.file, sheet, this.#rectFrom(dimension, Math.min(before, max), 1));
    sheet.insert(dimension, before, count);
    this.file.adjustOtherSheets(sheet, { dimension, position: before, count });
    return this;
  }

  #rectFrom(dimension: Dimension, position: number, count: number): Rect {
    return dimension === 'rows'
      ? { row: position, column: 1, numRows: count, numColumns: this.sheet.maxColumns }
      : { row: 1, column: position, numRows: this.sheet.maxRows, numColumns: count };
  }

  #remove(dimension: Dimension, position: number, count: number): void {
    const sheet = this.#live();
    const max = dimension === 'rows' ? sheet.maxRows : sheet.maxColumns;
    const frozen = dimension === 'rows' ? sheet.frozenRows : sheet.frozenColumns;
    if (
      !Number.isInteger(position) ||
      position < 1 ||
      !Number.isInteger(count) ||
      count < 1 ||
      position + count - 1 > max
    )
      throw new ScriptException(
        dimension === 'rows' ? messages.rowsOutOfBounds : messages.columnsOutOfBounds,
      );
    if (max - count <= frozen)
      throw new ScriptException(
        dimension === 'rows' ? messages.deleteAllRows : messages.deleteAllColumns,
      );
    assertEditable(this.env, this.file, sheet, this.#rectFrom(dimension, position, count));
    sheet.delete(dimension, position, count);
    this.file.adjustOtherSheets(sheet, { dimension, position, count: -count });
  }

  insertRows(rowIndex: number, numRows?: number): void {
    this.#insert('rows', rowIndex, numRows ?? 1);
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    return this.#insert('rows', afterPosition + 1, howMany);
  }

  insertRowsBefore(beforePosition: number, howMany: number): this {
    return this.#insert('rows', beforePosition, howMany);
  }

  insertRowAfter(afterPosition: number): this {
    return this.#insert('rows', afterPosition + 1, 1);
  }

  insertRowBefore(beforePosition: number): this {
    return this.#insert('rows', beforePosition, 1);
  }

  deleteRow(rowPosition: number): this {
    this.#remove('rows', rowPosition, 1);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.#remove('rows', rowPosition, howMany);
  }

  insertColumns(columnIndex: number, numColumns?: number): void {
    this.#insert('columns', columnIndex, numColumns ?? 1);
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    return this.#insert('columns', afterPosition + 1, howMany);
  }

  insertColumnsBefore(beforePosition: number, howMany: number): this {
    return this.#insert('columns', beforePosition, howMany);
  }

  insertColumnAfter(afterPosition: number): this {
    return this.#insert('columns', afterPosition + 1, 1);
  }

  insertColumnBefore(beforePosition: number): this {
    return this.#insert('columns', beforePosition, 1);
  }

  deleteColumn(columnPosition: number): this {
    this.#remove('columns', columnPosition, 1);
    return this;
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    this.#remove('columns', columnPosition, howMany);
  }

  /** Writes after the last row with content, adding a row when the sheet is full. */
  appendRow(rowContents: unknown[]): this {
    const sheet = this.#live();
    if (!Array.isArray(rowContents))
      throw new ScriptException(messages.invalidArgument('rowContents'));
    const row = sheet.lastRow() + 1;
    if (row > sheet.maxRows) sheet.maxRows = row;
    if (rowContents.length > sheet.maxColumns) sheet.maxColumns = rowContents.length;
    assertEditable(this.env, this.file, sheet, {
      row,
      column: 1,
      numRows: 1,
      numColumns: Math.max(1, rowContents.length),
    });
    const now = this.env.now();
    rowContents.forEach((value, c) => {
      writeCellValue(this.file, sheet.ensureCell(row, c + 1), value, now);
    });
    return this;
  }

  /** Sorts the rows below the frozen rows by one column. */
  sort(columnPosition: number, ascending?: boolean): this {
    const sheet = this.#live();
    const first = sheet.frozenRows + 1;
    const last = sheet.lastRow();
    const width = Math.max(sheet.lastColumn(), columnPosition);
    assertEditable(this.env, this.file, sheet, {
      row: first,
      column: 1,
      numRows: Math.max(1, last - first + 1),
      numColumns: width,
    });
    sortRows(
      this.file,
      sheet,
      first,
      last,
      1,
      width,
      [{ column: columnPosition, ascending: ascending !== false }],
      this.env.now(),
    );
    return this;
  }

  setFrozenRows(rows: number): void {
    this.#live().frozenRows = rows;
  }

  getFrozenRows(): number {
    return this.#live().frozenRows;
  }

  setFrozenColumns(columns: number): void {
    this.#live().frozenColumns = columns;
  }

  getFrozenColumns(): number {
    return this.#live().frozenColumns;
  }

  setColumnWidth(columnPosition: number, width: number): this {
    this.#live().columnWidths.set(columnPosition, width);
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    for (let c = startColumn; c < startColumn + numColumns; c++)
      this.#live().columnWidths.set(c, width);
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    return this.#live().columnWidths.get(columnPosition) ?? 100;
  }

  hideColumns(columnIndex: number, numColumns?: number): void {
    for (let c = columnIndex; c < columnIndex + (numColumns ?? 1); c++)
      this.#live().hiddenColumns.add(c);
  }

  showColumns(columnIndex: number, numColumns?: number): void {
    for (let c = columnIndex; c < columnIndex + (numColumns ?? 1); c++)
      this.#live().hiddenColumns.delete(c);
  }

  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.#live().hiddenColumns.has(columnPosition);
  }

  /** Content and formats go; notes and validation stay, as with Sheet.clear() in Apps Script. */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    const range = this.#whole();
    if (!options?.formatOnly) range.clearContent();
    if (!options?.contentsOnly) range.clearFormat();
    return this;
  }

  clearContents(): this {
    this.#whole().clearContent();
    return this;
  }

  clearFormats(): this {
    this.#whole().clearFormat();
    return this;
  }

  #whole(): RangeImpl {
    return new RangeImpl(this.env, this.file, this.#live(), this.#live().wholeSheet());
  }

  protect(): ProtectionImpl {
    const sheet = this.#live();
    const model = {
      id: this.file.protectionId(),
      kind: 'SHEET' as const,
      rect: sheet.wholeSheet(),
      description: '',
      warningOnly: false,
      editors: [...new Set([this.file.owner, this.env.execution().user])],
    };
    sheet.protections.push(model);
    return new ProtectionImpl(this.env, this.file, sheet, model);
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): ProtectionImpl[] {
    const sheet = this.#live();
    return sheet.protections
      .filter((p) => p.kind === String(type))
      .map((p) => new ProtectionImpl(this.env, this.file, sheet, p));
  }

  getConditionalFormatRules(): ConditionalFormatRuleImpl[] {
    const sheet = this.#live();
    return sheet.conditionalFormats.map(
      (format) =>
        new ConditionalFormatRuleImpl(this.env, this.file, {
          sheet,
          format: { ...format, ranges: format.ranges.map((r) => ({ ...r })) },
        }),
    );
  }

  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    const sheet = this.#live();
    sheet.conditionalFormats = rules.map((rule) => {
      if (!(rule instanceof ConditionalFormatRuleImpl))
        throw new ScriptException('Invalid argument: rules');
      if (rule.data.sheet && rule.data.sheet !== sheet)
        throw new ScriptException(
          'The conditional format rule ranges must be on the sheet the rules are set on.',
        );
      return { ...rule.data.format, ranges: rule.data.format.ranges.map((r) => ({ ...r })) };
    });
  }

  clearConditionalFormatRules(): void {
    this.#live().conditionalFormats = [];
  }

  newChart(): EmbeddedChartBuilderImpl {
    return new EmbeddedChartBuilderImpl(this.env, undefined, this.file);
  }

  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const sheet = this.#live();
    const spec = chartSpec(chart);
    const chartId =
      Math.max(0, ...this.file.sheets.flatMap((s) => s.charts.map((c) => c.chartId))) + 1;
    spec.chartId = chartId;
    sheet.charts.push({ ...spec, ranges: [...spec.ranges], options: { ...spec.options } });
  }

  getCharts(): EmbeddedChartImpl[] {
    return this.#live().charts.map(
      (spec) =>
        new EmbeddedChartImpl(
          this.env,
          { ...spec, ranges: [...spec.ranges], options: { ...spec.options } },
          this.file,
        ),
    );
  }

  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const id = chartSpec(chart).chartId;
    this.#live().charts = this.#live().charts.filter((c) => c.chartId !== id);
  }

  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    const spec = chartSpec(chart);
    const sheet = this.#live();
    const at = sheet.charts.findIndex((c) => c.chartId === spec.chartId);
    if (at < 0) throw new ScriptException('The chart is not on this sheet.');
    sheet.charts[at] = { ...spec, ranges: [...spec.ranges], options: { ...spec.options } };
  }

  /** Finds and replaces text in the sheet's cells. */
  createTextFinder(findText: string): TextFinderImpl {
    const sheet = this.#live();
    return new TextFinderImpl(this.env, this.file, () => [dataArea(sheet)], String(findText));
  }

  setTabColor(color: string | null): this {
    this.#live().tabColor = color;
    return this;
  }

  getTabColor(): string | null {
    return this.#live().tabColor;
  }

  hideSheet(): this {
    const visible = this.file.sheets.filter((s) => !s.hidden && s !== this.sheet);
    if (visible.length === 0)
      throw new ScriptException("You can't hide all the sheets in a document.");
    this.#live().hidden = true;
    return this;
  }

  showSheet(): this {
    this.#live().hidden = false;
    return this;
  }

  isSheetHidden(): boolean {
    return this.#live().hidden;
  }

  /** Removes every note of the sheet. */
  clearNotes(): this {
    this.#whole().clearNote();
    return this;
  }

  activate(): this {
    this.env.selections.set(`${this.env.execution().activeUser}|${this.file.id}`, {
      sheetId: this.#live().sheetId,
      a1: 'A1',
    });
    return this;
  }
}

/** A name for a range of the spreadsheet (Spreadsheet.setNamedRange); follows renames and moves. */
export class NamedRangeImpl
  implements
    Signatures<
      GoogleAppsScript.Spreadsheet.NamedRange,
      'getName' | 'getRange' | 'setName' | 'setRange' | 'remove'
    >
{
  static readonly serviceName = 'NamedRange';

  constructor(
    private readonly env: RuntimeEnv,
    private readonly file: SpreadsheetModel,
    private name: string,
  ) {}

  #named() {
    const named = this.file.namedRanges.get(this.name);
    if (!named) throw new ScriptException(messages.rangeNotFound);
    return named;
  }

  getName(): string {
    return this.name;
  }

  getRange(): RangeImpl {
    const named = this.#named();
    const sheet = this.file.sheetById(named.sheetId);
    if (!sheet) throw new ScriptException(messages.rangeNotFound);
    return new RangeImpl(this.env, this.file, sheet, { ...named.rect });
  }

  setName(name: string): this {
    const next = String(name);
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(next) || parseA1(next))
      throw new ScriptException(messages.invalidArgument('name'));
    const named = this.#named();
    this.file.namedRanges.delete(this.name);
    this.file.namedRanges.set(next, named);
    this.name = next;
    return this;
  }

  setRange(range: GoogleAppsScript.Spreadsheet.Range): this {
    if (!(range instanceof RangeImpl)) throw new ScriptException(messages.invalidArgument('range'));
    this.#named();
    this.file.namedRanges.set(this.name, {
      sheetId: range.sheet.sheetId,
      rect: { ...range.rect },
    });
    return this;
  }

  remove(): void {
    this.file.namedRanges.delete(this.name);
  }
}

function chartSpec(chart: unknown) {
  if (chart instanceof EmbeddedChartImpl) return chart.spec;
  if (chart instanceof EmbeddedChartBuilderImpl) return chart.build().spec;
  throw new ScriptException('Invalid argument: chart');
}

type SpreadsheetMethods =
  | 'getId'
  | 'getName'
  | 'rename'
  | 'getUrl'
  | 'getSheets'
  | 'getSheetByName'
  | 'getNumSheets'
  | 'insertSheet'
  | 'deleteSheet'
  | 'getActiveSheet'
  | 'setActiveSheet'
  | 'getActiveRange'
  | 'getSelection'
  | 'getRange'
  | 'getRangeByName'
  | 'setNamedRange'
  | 'removeNamedRange'
  | 'getSpreadsheetTimeZone'
  | 'setSpreadsheetTimeZone'
  | 'getSpreadsheetLocale'
  | 'setSpreadsheetLocale'
  | 'toast'
  | 'getOwner'
  | 'getEditors'
  | 'createTextFinder'
  | 'addDeveloperMetadata'
  | 'getDeveloperMetadata';

export class SpreadsheetImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.Spreadsheet, SpreadsheetMethods>
{
  static readonly serviceName = 'Spreadsheet';

  constructor(
    readonly env: RuntimeEnv,
    readonly file: SpreadsheetModel,
  ) {}

  getId(): string {
    return this.file.id;
  }

  getName(): string {
    return this.file.name;
  }

  rename(newName: string): void {
    this.file.name = String(newName);
  }

  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.file.id}/edit`;
  }

  getSheets(): SheetImpl[] {
    return this.file.sheets.map((sheet) => new SheetImpl(this.env, this.file, sheet));
  }

  getSheetByName(name: string): SheetImpl | null {
    const sheet = this.file.sheetByName(name);
    return sheet ? new SheetImpl(this.env, this.file, sheet) : null;
  }

  getSheetById(id: number): SheetImpl | null {
    const sheet = this.file.sheetById(id);
    return sheet ? new SheetImpl(this.env, this.file, sheet) : null;
  }

  getNumSheets(): number {
    return this.file.sheets.length;
  }

  /** insertSheet(), insertSheet(name), insertSheet(index) or insertSheet(name, index). */
  insertSheet(nameOrIndex?: string | number, index?: number | { template?: unknown }): SheetImpl {
    let name: string | undefined;
    let at = this.file.sheets.length;
    if (typeof nameOrIndex === 'number') at = nameOrIndex;
    else if (nameOrIndex !== undefined) name = String(nameOrIndex);
    if (typeof index === 'number') at = index;
    if (name === undefined) {
      let n = this.file.sheets.length + 1;
      while (this.file.sheetByName(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    if (this.file.sheetByName(name)) throw new ScriptException(messages.sheetExists(name));
    if (at < 0 || at > this.file.sheets.length)
      throw new ScriptException(messages.invalidArgument('sheetIndex'));
    const sheet = this.file.addSheet(name, at);
    this.env.selections.set(`${this.env.execution().activeUser}|${this.file.id}`, {
      sheetId: sheet.sheetId,
      a1: 'A1',
    });
    return new SheetImpl(this.env, this.file, sheet);
  }

  deleteSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
    if (!(sheet instanceof SheetImpl) || !this.file.sheets.includes(sheet.sheet))
      throw new ScriptException(messages.invalidArgument('sheet'));
    if (this.file.sheets.length === 1)
      throw new ScriptException("You can't remove all the sheets in a document.");
    this.file.sheets = this.file.sheets.filter((s) => s !== sheet.sheet);
  }

  #selection(): { sheet: SheetModel; a1: string } {
    const key = `${this.env.execution().activeUser}|${this.file.id}`;
    const chosen = this.env.selections.get(key);
    const sheet = (chosen && this.file.sheetById(chosen.sheetId)) ?? this.file.sheets[0];
    if (!sheet) throw new Error('A spreadsheet without sheets');
    return { sheet, a1: chosen && this.file.sheetById(chosen.sheetId) ? chosen.a1 : 'A1' };
  }

  getActiveSheet(): SheetImpl {
    return new SheetImpl(this.env, this.file, this.#selection().sheet);
  }

  setActiveSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): SheetImpl {
    const host = sheet as unknown;
    if (!(host instanceof SheetImpl)) throw new ScriptException(messages.invalidArgument('sheet'));
    return host.activate();
  }

  getActiveRange(): RangeImpl {
    const { sheet, a1 } = this.#selection();
    return new SheetImpl(this.env, this.file, sheet).getRange(a1);
  }

  getCurrentCell(): RangeImpl {
    return this.getActiveRange().offset(0, 0, 1, 1);
  }

  getSelection(): SelectionImpl {
    return new SelectionImpl(this);
  }

  getRange(a1Notation: string): RangeImpl {
    const parsed = parseRangeText(a1Notation);
    if (!parsed) throw new ScriptException(messages.rangeNotFound);
    const sheet = parsed.sheetName
      ? this.file.sheetByName(parsed.sheetName)
      : this.#selection().sheet;
    if (!sheet) throw new ScriptException(messages.rangeNotFound);
    return new SheetImpl(this.env, this.file, sheet).getRange(a1Notation);
  }

  getRangeByName(name: string): RangeImpl | null {
    const named = this.file.namedRanges.get(name);
    const sheet = named && this.file.sheetById(named.sheetId);
    return named && sheet ? new RangeImpl(this.env, this.file, sheet, named.rect) : null;
  }

  setNamedRange(name: string, range: GoogleAppsScript.Spreadsheet.Range): void {
    if (!(range instanceof RangeImpl)) throw new ScriptException(messages.invalidArgument('range'));
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || parseA1(name))
      throw new ScriptException(messages.invalidArgument('name'));
    this.file.namedRanges.set(name, { sheetId: range.sheet.sheetId, rect: { ...range.rect } });
  }

  removeNamedRange(name: string): void {
    this.file.namedRanges.delete(name);
  }

  /** Every protection of the given type, sheet by sheet in tab order. */
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): ProtectionImpl[] {
    return this.file.sheets.flatMap((sheet) =>
      sheet.protections
        .filter((p) => p.kind === String(type))
        .map((p) => new ProtectionImpl(this.env, this.file, sheet, p)),
    );
  }

  getNamedRanges(): NamedRangeImpl[] {
    return [...this.file.namedRanges.keys()].map(
      (name) => new NamedRangeImpl(this.env, this.file, name),
    );
  }

  getSpreadsheetTimeZone(): string {
    return this.file.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    if (!isTimeZone(timezone)) throw new ScriptException(messages.invalidArgument('timezone'));
    this.file.timeZone = timezone;
  }

  getSpreadsheetLocale(): string {
    return this.file.locale;
  }

  setSpreadsheetLocale(locale: string): void {
    this.file.locale = locale;
  }

  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.env.ui.toasts.push({
      message: String(msg),
      title: title ?? '',
      timeoutSeconds: timeoutSeconds ?? 5,
    });
  }

  getOwner(): UserImpl {
    return new UserImpl(this.env, this.file.owner, false);
  }

  getEditors(): UserImpl[] {
    return [new UserImpl(this.env, this.file.owner, false)];
  }

  /** Finds and replaces text in every sheet, in tab order. */
  createTextFinder(findText: string): TextFinderImpl {
    return new TextFinderImpl(
      this.env,
      this.file,
      () => this.file.sheets.map(dataArea),
      String(findText),
    );
  }

  /** (key), (key, value), (key, visibility) or (key, value, visibility); returns the spreadsheet. */
  addDeveloperMetadata(
    key: string,
    value?: string | GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
    visibility?: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
  ): this {
    addMetadata(this.file, [key, value, visibility]);
    return this;
  }

  /** The developer metadata at the spreadsheet's top level. */
  getDeveloperMetadata(): DeveloperMetadataImpl[] {
    return this.file.developerMetadata.map((entry) => new DeveloperMetadataImpl(this.file, entry));
  }
}

export class SelectionImpl
  implements
    Signatures<
      GoogleAppsScript.Spreadsheet.Selection,
      'getActiveRange' | 'getCurrentCell' | 'getActiveSheet'
    >
{
  static readonly serviceName = 'Selection';

  constructor(private readonly spreadsheet: SpreadsheetImpl) {}

  getActiveRange(): RangeImpl {
    return this.spreadsheet.getActiveRange();
  }

  getCurrentCell(): RangeImpl {
    return this.spreadsheet.getCurrentCell();
  }

  getActiveSheet(): SheetImpl {
    return this.spreadsheet.getActiveSheet();
  }
}

type AppMethods =
  | 'getActive'
  | 'getActiveSpreadsheet'
  | 'getActiveSheet'
  | 'getActiveRange'
  | 'openById'
  | 'openByUrl'
  | 'create'
  | 'flush'
  | 'getUi'
  | 'newDataValidation'
  | 'newConditionalFormatRule';

export class SpreadsheetAppImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.SpreadsheetApp, AppMethods>
{
  static readonly serviceName = 'SpreadsheetApp';
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = ProtectionType;
  readonly BooleanCriteria = BooleanCriteria;
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;

  constructor(private readonly env: RuntimeEnv) {}

  /** Null when the run has no spreadsheet (a time-driven trigger). */
  getActive(): SpreadsheetImpl | null {
    const file = this.env.activeSpreadsheet();
    return file ? new SpreadsheetImpl(this.env, file) : null;
  }

  getActiveSpreadsheet(): SpreadsheetImpl | null {
    return this.getActive();
  }

  getActiveSheet(): SheetImpl | null {
    return this.getActive()?.getActiveSheet() ?? null;
  }

  getActiveRange(): RangeImpl | null {
    return this.getActive()?.getActiveRange() ?? null;
  }

  openById(id: string): SpreadsheetImpl {
    return new SpreadsheetImpl(this.env, this.env.spreadsheet(String(id)));
  }

  openByUrl(url: string): SpreadsheetImpl {
    const id = /\/d\/([^/]+)/.exec(String(url))?.[1];
    if (!id) throw new ScriptException(messages.invalidArgument('url'));
    return this.openById(id);
  }

  create(name: string, rows?: number, columns?: number): SpreadsheetImpl {
    const exec = this.env.execution();
    const file = new SpreadsheetModel(
      this.env.newFileId(),
      String(name),
      this.env.project.timeZone,
      this.env.options.locale,
      exec.user,
    );
    const sheet = file.addSheet('Sheet1');
    if (rows !== undefined) sheet.maxRows = rows;
    if (columns !== undefined) sheet.maxColumns = columns;
    this.env.spreadsheets.set(file.id, file);
    return new SpreadsheetImpl(this.env, file);
  }

  /** Writes are applied at once here; flush only costs time (see the cost model). */
  flush(): void {}

  /** Only a run with a container and a user in front of it has a Ui (not time-driven, not standalone). */
  getUi(): UiImpl {
    const exec = this.env.execution();
    if (exec.kind === 'timeTrigger' || exec.documentId === null)
      throw new ScriptException(messages.uiContext);
    return new UiImpl(this.env);
  }

  newDataValidation(): DataValidationBuilderImpl {
    return new DataValidationBuilderImpl(
      this.env,
      this.env.exec?.documentId ? this.env.activeSpreadsheet() : null,
    );
  }

  newConditionalFormatRule(): ConditionalFormatRuleBuilderImpl {
    return new ConditionalFormatRuleBuilderImpl(
      this.env,
      this.env.exec?.documentId ? this.env.activeSpreadsheet() : null,
    );
  }
}

/** The Range and Sheet objects every spreadsheet service hands out, for env.objects. */
export function serviceObjects(env: RuntimeEnv): ServiceObjects {
  return {
    range: (file, sheet, rect, bounds) => new RangeImpl(env, file, sheet, rect, bounds),
    sheet: (file, sheet) => new SheetImpl(env, file, sheet),
  };
}
