// What reading and writing .xlsx share: colours, widths, format names, ExcelJS shapes it does not type.
import type ExcelJS from 'exceljs';
import type { SheetSnapshot, SpreadsheetSnapshot } from './snapshot';

/** Hidden sheet holding what .xlsx cannot say (charts, protections, exact rules, sizes, ids). */
export const metadataSheetName = '_runtime_snapshot';
export const metadataChunkSize = 30_000;

/** The parts of a snapshot an .xlsx file loses, kept as JSON in the hidden sheet. */
export interface WorkbookMetadata {
  version: 1;
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  namedRanges: Record<string, string>;
  developerMetadata?: SpreadsheetSnapshot['developerMetadata'];
  sheets: Array<
    Pick<
      SheetSnapshot,
      | 'name'
      | 'sheetId'
      | 'maxRows'
      | 'maxColumns'
      | 'columnWidths'
      | 'validations'
      | 'conditionalFormats'
      | 'protections'
      | 'charts'
    > & {
      /** Cells whose note the writer added to show a chart or protection to a person. */
      addedNotes: Array<{ row: number; column: number; originalNote?: string }>;
    }
  >;
}

export function metadataOf(snapshot: SpreadsheetSnapshot): Omit<WorkbookMetadata, 'sheets'> {
  return {
    version: 1,
    id: snapshot.id,
    name: snapshot.name,
    timeZone: snapshot.timeZone,
    locale: snapshot.locale,
    namedRanges: snapshot.namedRanges,
    ...(snapshot.developerMetadata ? { developerMetadata: snapshot.developerMetadata } : {}),
  };
}

/** ExcelJS keeps these on a worksheet without declaring them in its types. */
export interface WorksheetInternals {
  dataValidations: {
    model: Record<string, ExcelJS.DataValidation | undefined>;
    add(address: string, validation: ExcelJS.DataValidation): void;
  };
  conditionalFormattings?: Array<{
    ref: string;
    rules: Array<{
      type: string;
      formulae?: string[];
      style?: {
        fill?: { bgColor?: { argb?: string }; fgColor?: { argb?: string } };
        font?: { color?: { argb?: string }; bold?: boolean; strike?: boolean };
      };
    }>;
  }>;
}

export function internals(worksheet: ExcelJS.Worksheet): WorksheetInternals {
  return worksheet as unknown as WorksheetInternals;
}

/** 'FF1A73E8' -> '#1a73e8'; theme and indexed colours are not resolved. */
export function cssColor(argb: string | undefined): string | undefined {
  if (!argb || !/^[0-9a-f]{6,8}$/i.test(argb)) return undefined;
  return `#${argb.slice(-6).toLowerCase()}`;
}

/** '#1a73e8' -> 'FF1A73E8'. */
export function argbColor(css: string): string | undefined {
  const match = /^#?([0-9a-f]{6})$/i.exec(css.trim());
  return match ? `FF${(match[1] ?? '').toUpperCase()}` : undefined;
}

// Excel's width unit is about one '0' of the default font: 7 px, plus 5 px of padding.
export function pixelsFromExcelWidth(width: number): number {
  return Math.round(width * 7 + 5);
}

export function excelWidthFromPixels(pixels: number): number {
  return Math.max(0, Math.round(((pixels - 5) / 7) * 100) / 100);
}
