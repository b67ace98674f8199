// A spreadsheet snapshot written as an .xlsx workbook a person can open in Excel or LibreOffice.
import ExcelJS from 'exceljs';
import { rangeFromA1 } from './a1';
import type {
  CellSnapshot,
  ConditionalFormatSnapshot,
  SheetSnapshot,
  SpreadsheetSnapshot,
  ValidationSnapshot,
} from './snapshot';
import {
  argbColor,
  excelWidthFromPixels,
  internals,
  metadataChunkSize,
  metadataOf,
  metadataSheetName,
  type WorkbookMetadata,
} from './xlsx-shared';

const errorCodes = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A']);

/** The email rule as a custom formula Excel can check; the reader recognises this exact shape. */
export function emailFormula(firstCell: string): string {
  return `ISNUMBER(MATCH("*@*.?*",${firstCell},0))`;
}

function firstCellOf(range: string): string {
  return range.split(':')[0]?.replace(/\$/g, '') ?? 'A1';
}

function cellContent(cell: CellSnapshot): ExcelJS.CellValue {
  const { value } = cell;
  if (cell.formula) {
    const result =
      typeof value === 'string' && errorCodes.has(value)
        ? { error: value as ExcelJS.ErrorValue }
        : value === ''
          ? undefined
          : value;
    return {
      formula: cell.formula.replace(/^=/, ''),
      ...(result === undefined ? {} : { result }),
    } as ExcelJS.CellValue;
  }
  // ExcelJS drops a note on a cell with no value, so a noted empty cell holds ''.
  return value === '' && !cell.note ? null : value;
}

function writeCell(target: ExcelJS.Cell, cell: CellSnapshot): void {
  target.value = cellContent(cell);
  if (cell.numberFormat) target.numFmt = cell.numberFormat; // Sheets writes its own patterns to .xlsx as they are
  if (cell.note) target.note = cell.note;
  const background = cell.background ? argbColor(cell.background) : undefined;
  if (background)
    target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: background } };
  const fontColor = cell.fontColor ? argbColor(cell.fontColor) : undefined;
  if (fontColor || cell.fontWeight === 'bold') {
    target.font = {
      ...(cell.fontWeight === 'bold' ? { bold: true } : {}),
      ...(fontColor ? { color: { argb: fontColor } } : {}),
    };
  }
}

function excelValidation(validation: ValidationSnapshot): ExcelJS.DataValidation | undefined {
  const common = {
    allowBlank: true,
    showErrorMessage: !validation.allowInvalid,
    ...(validation.helpText ? { prompt: validation.helpText, showInputMessage: true } : {}),
  };
  const [first, second] = validation.values;
  switch (validation.type) {
    case 'list':
      return {
        ...common,
        type: 'list',
        formulae: [`"${validation.values.map(String).join(',')}"`],
      };
    case 'listFromRange':
      return { ...common, type: 'list', formulae: [String(first ?? '').replace(/^=/, '')] };
    case 'checkbox':
      return { ...common, type: 'list', formulae: ['"TRUE,FALSE"'] };
    case 'date':
      return {
        ...common,
        type: 'date',
        operator: 'greaterThan',
        formulae: [new Date(Date.UTC(1899, 11, 31))],
      };
    case 'numberGreaterThanOrEqualTo':
      return {
        ...common,
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        formulae: [Number(first)],
      };
    case 'numberBetween':
      return {
        ...common,
        type: 'decimal',
        operator: 'between',
        formulae: [Number(first), Number(second)],
      };
    case 'email':
      return { ...common, type: 'custom', formulae: [emailFormula(firstCellOf(validation.range))] };
    case 'formula':
      return { ...common, type: 'custom', formulae: [String(first ?? '').replace(/^=/, '')] };
    default:
      return undefined;
  }
}

function writeConditionalFormat(
  worksheet: ExcelJS.Worksheet,
  rule: ConditionalFormatSnapshot,
  priority: number,
): void {
  const background = rule.background ? argbColor(rule.background) : undefined;
  const fontColor = rule.fontColor ? argbColor(rule.fontColor) : undefined;
  worksheet.addConditionalFormatting({
    ref: rule.ranges.join(' '),
    rules: [
      {
        type: 'expression',
        priority,
        formulae: [rule.formula.replace(/^=/, '')],
        style: {
          ...(background
            ? { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: background } } }
            : {}),
          font: {
            ...(fontColor ? { color: { argb: fontColor } } : {}),
            ...(rule.bold ? { bold: true } : {}),
            ...(rule.strikethrough ? { strike: true } : {}),
          },
        },
      },
    ],
  });
}

/** Notes that tell a person where a chart or a protected range is, since .xlsx here cannot show them. */
function explanatoryNotes(
  sheet: SheetSnapshot,
): Array<{ row: number; column: number; text: string }> {
  const notes = sheet.charts.map((chart) => ({
    row: chart.position.row,
    column: chart.position.column,
    text: `Chart (${chart.type}) of ${chart.ranges.join(', ')}: charts are not written to .xlsx.`,
  }));
  for (const protection of sheet.protections) {
    const place = rangeFromA1(protection.range || 'A1', sheet.maxRows, sheet.maxColumns);
    const who = protection.editors.length > 0 ? ` Editors: ${protection.editors.join(', ')}.` : '';
    const kind = protection.warningOnly ? 'Warning on edit' : 'Protected';
    notes.push({
      row: place.row,
      column: place.column,
      text: `${kind}: ${protection.range || 'whole sheet'}${protection.description ? ` (${protection.description})` : ''}.${who}`,
    });
  }
  return notes;
}

function writeSheet(
  workbook: ExcelJS.Workbook,
  sheet: SheetSnapshot,
): WorkbookMetadata['sheets'][number] {
  const worksheet = workbook.addWorksheet(excelSheetName(sheet.name));
  sheet.rows.forEach((row, rowIndex) => {
    row.forEach((cell, columnIndex) => {
      if (cell) writeCell(worksheet.getCell(rowIndex + 1, columnIndex + 1), cell);
    });
  });
  for (const [column, pixels] of Object.entries(sheet.columnWidths)) {
    worksheet.getColumn(Number(column)).width = excelWidthFromPixels(pixels);
  }
  for (const column of sheet.hiddenColumns) worksheet.getColumn(column).hidden = true;
  if (sheet.frozenRows > 0 || sheet.frozenColumns > 0) {
    worksheet.views = [{ state: 'frozen', xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows }];
  }
  for (const validation of sheet.validations) {
    const rule = excelValidation(validation);
    if (rule) internals(worksheet).dataValidations.add(validation.range, rule);
  }
  sheet.conditionalFormats.forEach((rule, index) => {
    writeConditionalFormat(worksheet, rule, index + 1);
  });
  const addedNotes: WorkbookMetadata['sheets'][number]['addedNotes'] = [];
  for (const note of explanatoryNotes(sheet)) {
    const cell = worksheet.getCell(note.row, note.column);
    const originalNote = sheet.rows[note.row - 1]?.[note.column - 1]?.note;
    const already = addedNotes.find(
      (added) => added.row === note.row && added.column === note.column,
    );
    const current = typeof cell.note === 'string' ? cell.note : originalNote;
    cell.note = current ? `${current}\n${note.text}` : note.text;
    if (cell.value === null) cell.value = '';
    if (!already) {
      addedNotes.push({
        row: note.row,
        column: note.column,
        ...(originalNote ? { originalNote } : {}),
      });
    }
  }
  return {
    name: sheet.name,
    sheetId: sheet.sheetId,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    columnWidths: sheet.columnWidths,
    validations: sheet.validations,
    conditionalFormats: sheet.conditionalFormats,
    protections: sheet.protections,
    charts: sheet.charts,
    addedNotes,
  };
}

/** Builds the ExcelJS workbook for a snapshot (exported for tests that inspect it directly). */
export function workbookFromSnapshot(snapshot: SpreadsheetSnapshot): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.title = snapshot.name;
  const sheets = snapshot.sheets.map((sheet) => writeSheet(workbook, sheet));
  const metadata: WorkbookMetadata = { ...metadataOf(snapshot), sheets };
  const hidden = workbook.addWorksheet(metadataSheetName, { state: 'veryHidden' });
  const json = JSON.stringify(metadata);
  for (let index = 0; index * metadataChunkSize < json.length; index++) {
    hidden.getCell(index + 1, 1).value = json.slice(
      index * metadataChunkSize,
      (index + 1) * metadataChunkSize,
    );
  }
  return workbook;
}

/** Excel reserves the sheet name "History"; such a tab is written as "History_" and read back by name. */
export function excelSheetName(name: string): string {
  return name.trim().toLowerCase() === 'history' ? `${name}_` : name;
}
