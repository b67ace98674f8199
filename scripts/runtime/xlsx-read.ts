// An .xlsx workbook (ours or anyone's tracker) read into a spreadsheet snapshot.

import type ExcelJS from 'exceljs';
import { lettersToColumn, rectToA1 } from './a1';
import type {
  CellSnapshot,
  ConditionalFormatSnapshot,
  SheetSnapshot,
  SpreadsheetSnapshot,
  ValidationSnapshot,
} from './snapshot';
import { localeConventions } from './values-locale';
import { millisecondsPerDay, unixEpochSerial } from './values-time';
import {
  cssColor,
  internals,
  metadataSheetName,
  pixelsFromExcelWidth,
  type WorkbookMetadata,
} from './xlsx-shared';
import { excelSheetName } from './xlsx-write';

/** Options for reading: the zone and locale the spreadsheet gets (an .xlsx file has neither). */
export interface ReadOptions {
  timeZone: string;
  locale: string;
}

// Excel's built-in short date (id 14) and date-time (id 22) follow the reader's locale.
function sheetsNumberFormat(numFmt: string | undefined, locale: string): string | undefined {
  if (!numFmt || /^general$/i.test(numFmt)) return undefined;
  const conventions = localeConventions(locale);
  if (numFmt === 'mm-dd-yy') return conventions.shortDateFormat;
  if (numFmt === 'm/d/yy h:mm') return conventions.dateTimeFormat;
  return numFmt;
}

/** ExcelJS hands dates over as Dates whose UTC fields are the wall time: exact back to a serial. */
function serialFromExcelDate(date: Date): number {
  return date.getTime() / millisecondsPerDay + unixEpochSerial;
}

function plainValue(value: unknown): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return serialFromExcelDate(value);
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('error' in object) return String(object.error);
    if (Array.isArray(object.richText)) {
      return object.richText.map((run: { text?: string }) => run.text ?? '').join('');
    }
    if ('text' in object) return plainValue(object.text);
    if ('result' in object) return plainValue(object.result);
  }
  return '';
}

function noteText(note: ExcelJS.Cell['note'] | undefined): string | undefined {
  if (!note) return undefined;
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: Array<{ text?: string }> }).texts ?? [];
  const text = texts.map((run) => run.text ?? '').join('');
  return text === '' ? undefined : text;
}

function readCell(cell: ExcelJS.Cell, locale: string): CellSnapshot | null {
  const raw = cell.value as unknown;
  const snapshot: CellSnapshot = { value: plainValue(raw) };
  const formula = cell.formula as string | undefined;
  if (formula) snapshot.formula = `=${formula}`;
  const numberFormat = sheetsNumberFormat(cell.numFmt, locale);
  if (numberFormat) snapshot.numberFormat = numberFormat;
  const note = noteText(cell.note);
  if (note) snapshot.note = note;
  const fill = cell.fill as
    | { type?: string; pattern?: string; fgColor?: { argb?: string } }
    | undefined;
  const background =
    fill?.type === 'pattern' && fill.pattern === 'solid' ? cssColor(fill.fgColor?.argb) : undefined;
  if (background) snapshot.background = background;
  const fontColor = cssColor(cell.font?.color?.argb);
  if (fontColor) snapshot.fontColor = fontColor;
  if (cell.font?.bold) snapshot.fontWeight = 'bold';
  const isEmpty = Object.keys(snapshot).length === 1 && snapshot.value === '';
  return isEmpty ? null : snapshot;
}

/** Cells sharing one rule, as few rectangles as simple runs allow. */
function rectanglesOf(addresses: string[]): string[] {
  const rowsByColumn = new Map<number, number[]>();
  for (const address of addresses) {
    const match = /^([A-Z]+)(\d+)$/.exec(address);
    if (!match) continue;
    const column = lettersToColumn(match[1] ?? 'A');
    rowsByColumn.set(column, [...(rowsByColumn.get(column) ?? []), Number(match[2])]);
  }
  const runs: Array<{ column: number; lastColumn: number; row: number; lastRow: number }> = [];
  for (const column of [...rowsByColumn.keys()].sort((a, b) => a - b)) {
    const rows = (rowsByColumn.get(column) ?? []).sort((a, b) => a - b);
    let start = rows[0] ?? 1;
    for (let index = 1; index <= rows.length; index++) {
      const previous = rows[index - 1] ?? start;
      if (rows[index] !== previous + 1) {
        const neighbour = runs.find(
          (run) => run.lastColumn === column - 1 && run.row === start && run.lastRow === previous,
        );
        if (neighbour) neighbour.lastColumn = column;
        else runs.push({ column, lastColumn: column, row: start, lastRow: previous });
        start = rows[index] ?? start;
      }
    }
  }
  return runs.map((run) =>
    rectToA1({
      row: run.row,
      column: run.column,
      numRows: run.lastRow - run.row + 1,
      numColumns: run.lastColumn - run.column + 1,
    }),
  );
}

function comparisonFormula(
  operator: string | undefined,
  cell: string,
  formulae: unknown[],
): string {
  const [first, second] = formulae.map(String);
  const symbols: Record<string, string> = {
    equal: '=',
    notEqual: '<>',
    greaterThan: '>',
    lessThan: '<',
    greaterThanOrEqual: '>=',
    lessThanOrEqual: '<=',
  };
  if (operator === 'notBetween') return `=OR(${cell}<${first},${cell}>${second})`;
  return `=${cell}${symbols[operator ?? 'equal'] ?? '='}${first}`;
}

function snapshotValidation(
  range: string,
  rule: ExcelJS.DataValidation,
): ValidationSnapshot | undefined {
  const common = {
    range,
    showDropdown: true,
    allowInvalid: rule.showErrorMessage !== true,
    ...(rule.prompt ? { helpText: rule.prompt } : {}),
  };
  const formulae = rule.formulae ?? [];
  const first = formulae[0];
  const firstCell = range.split(':')[0] ?? 'A1';
  switch (rule.type) {
    case 'list': {
      const text = String(first ?? '');
      if (!text.startsWith('"')) return { ...common, type: 'listFromRange', values: [text] };
      const values = text.slice(1, -1).split(',');
      if (values.length === 2 && values.join(',').toUpperCase() === 'TRUE,FALSE') {
        return { ...common, type: 'checkbox', values: [] };
      }
      return { ...common, type: 'list', values };
    }
    case 'whole':
    case 'decimal': {
      const numbers = formulae.map(Number);
      if (rule.operator === 'between' || rule.operator === undefined) {
        return { ...common, type: 'numberBetween', values: numbers };
      }
      if (rule.operator === 'greaterThanOrEqual') {
        return { ...common, type: 'numberGreaterThanOrEqualTo', values: numbers.slice(0, 1) };
      }
      return {
        ...common,
        type: 'formula',
        values: [comparisonFormula(rule.operator, firstCell, formulae)],
      };
    }
    case 'date':
      return { ...common, type: 'date', values: [] };
    case 'custom': {
      const formula = String(first ?? '');
      if (/^ISNUMBER\(MATCH\("\*@\*\.\?\*",\$?[A-Z]+\$?\d+,0\)\)$/i.test(formula)) {
        return { ...common, type: 'email', values: [] };
      }
      return { ...common, type: 'formula', values: [`=${formula}`] };
    }
    default:
      return undefined; // textLength and time rules have no counterpart the runtime models
  }
}

function readValidations(worksheet: ExcelJS.Worksheet): ValidationSnapshot[] {
  const groups = new Map<ExcelJS.DataValidation, string[]>();
  for (const [address, rule] of Object.entries(internals(worksheet).dataValidations.model)) {
    if (!rule) continue;
    groups.set(rule, [...(groups.get(rule) ?? []), address]);
  }
  const validations: ValidationSnapshot[] = [];
  for (const [rule, addresses] of groups) {
    for (const range of rectanglesOf(addresses)) {
      const validation = snapshotValidation(range, rule);
      if (validation) validations.push(validation);
    }
  }
  return validations;
}

function readConditionalFormats(worksheet: ExcelJS.Worksheet): ConditionalFormatSnapshot[] {
  const formats: ConditionalFormatSnapshot[] = [];
  for (const formatting of internals(worksheet).conditionalFormattings ?? []) {
    for (const rule of formatting.rules) {
      const formula = rule.formulae?.[0];
      if (rule.type !== 'expression' || !formula) continue;
      const background = cssColor(
        rule.style?.fill?.bgColor?.argb ?? rule.style?.fill?.fgColor?.argb,
      );
      const fontColor = cssColor(rule.style?.font?.color?.argb);
      formats.push({
        ranges: formatting.ref.split(/\s+/),
        formula: `=${formula}`,
        ...(background ? { background } : {}),
        ...(fontColor ? { fontColor } : {}),
        ...(rule.style?.font?.bold ? { bold: true } : {}),
        ...(rule.style?.font?.strike ? { strikethrough: true } : {}),
      });
    }
  }
  return formats;
}

function readSheet(worksheet: ExcelJS.Worksheet, options: ReadOptions): SheetSnapshot {
  const rows: SheetSnapshot['rows'] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      const snapshot = readCell(cell, options.locale);
      if (!snapshot) return;
      const cells = rows[rowNumber - 1] ?? [];
      cells[columnNumber - 1] = snapshot;
      rows[rowNumber - 1] = cells;
    });
  });
  // Fill holes so the grid is plain arrays (JSON and structuredClone keep null, not holes).
  for (let index = 0; index < rows.length; index++) {
    const cells = rows[index] ?? [];
    rows[index] = Array.from(cells, (cell) => cell ?? null);
  }
  const columnWidths: Record<number, number> = {};
  const hiddenColumns: number[] = [];
  for (
    let column = 1;
    column <= Math.max(worksheet.columnCount, worksheet.columns?.length ?? 0);
    column++
  ) {
    const info = worksheet.getColumn(column);
    if (info.width !== undefined) columnWidths[column] = pixelsFromExcelWidth(info.width);
    if (info.hidden) hiddenColumns.push(column);
  }
  const frozen = (worksheet.views ?? []).find((view) => view.state === 'frozen') as
    | { xSplit?: number; ySplit?: number }
    | undefined;
  return {
    name: worksheet.name,
    sheetId: worksheet.id,
    rows,
    maxRows: Math.max(worksheet.rowCount, 1000),
    maxColumns: Math.max(worksheet.columnCount, 26),
    frozenRows: frozen?.ySplit ?? 0,
    frozenColumns: frozen?.xSplit ?? 0,
    columnWidths,
    hiddenColumns,
    validations: readValidations(worksheet),
    conditionalFormats: readConditionalFormats(worksheet),
    protections: [],
    charts: [],
  };
}

function readMetadata(workbook: ExcelJS.Workbook): WorkbookMetadata | undefined {
  const hidden = workbook.getWorksheet(metadataSheetName);
  if (!hidden) return undefined;
  let json = '';
  for (let row = 1; row <= hidden.rowCount; row++)
    json += String(hidden.getCell(row, 1).value ?? '');
  try {
    const parsed = JSON.parse(json) as WorkbookMetadata;
    return parsed.version === 1 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Puts back what the writer's hidden sheet kept, and removes the notes it added for people. */
function restoreSheet(
  sheet: SheetSnapshot,
  kept: WorkbookMetadata['sheets'][number],
): SheetSnapshot {
  const rows = sheet.rows.map((row) => [...row]);
  for (const added of kept.addedNotes) {
    const cells = rows[added.row - 1];
    const cell = cells?.[added.column - 1];
    if (!cells || !cell) continue;
    const { note: _added, ...rest } = cell;
    const restored: CellSnapshot = added.originalNote
      ? { ...rest, note: added.originalNote }
      : rest;
    cells[added.column - 1] =
      Object.keys(restored).length === 1 && restored.value === '' ? null : restored;
  }
  return {
    ...sheet,
    rows,
    sheetId: kept.sheetId,
    maxRows: kept.maxRows,
    maxColumns: kept.maxColumns,
    columnWidths: kept.columnWidths,
    validations: kept.validations,
    conditionalFormats: kept.conditionalFormats,
    protections: kept.protections,
    charts: kept.charts,
  };
}

/** Builds a snapshot from a loaded ExcelJS workbook (exported for tests that build one in memory). */
export function snapshotFromWorkbook(
  workbook: ExcelJS.Workbook,
  options: ReadOptions & { name: string },
): SpreadsheetSnapshot {
  const metadata = readMetadata(workbook);
  const sheets = workbook.worksheets
    .filter((worksheet) => worksheet.name !== metadataSheetName)
    .map((worksheet) => {
      const sheet = readSheet(worksheet, options);
      const kept = metadata?.sheets.find(
        (candidate) =>
          candidate.name === sheet.name || excelSheetName(candidate.name) === sheet.name,
      );
      return kept ? { ...restoreSheet(sheet, kept), name: kept.name } : sheet;
    });
  return {
    id: metadata?.id ?? `xlsx-${options.name}`,
    name: metadata?.name ?? options.name,
    timeZone: metadata?.timeZone ?? options.timeZone,
    locale: metadata?.locale ?? options.locale,
    sheets,
    namedRanges: metadata?.namedRanges ?? {},
    ...(metadata?.developerMetadata ? { developerMetadata: metadata.developerMetadata } : {}),
  };
}
