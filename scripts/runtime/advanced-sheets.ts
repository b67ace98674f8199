// The Sheets advanced service (Sheets API v4), the part the add-on uses: values.batchGetByDataFilter.

import type { RuntimeEnv } from './env';
import { ScriptException } from './errors';
import { type CellUsage, cellUsage, type UsageReporter } from './ledger';
import type { SheetModel, SpreadsheetModel } from './sheet-model';

/** A GridRange of the API: 0-based, end exclusive; a missing end means "to the sheet's end". */
interface GridRange {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

interface BatchGetByDataFilterRequest {
  dataFilters?: Array<{ gridRange?: GridRange; a1Range?: string }>;
  majorDimension?: string;
  valueRenderOption?: string;
  dateTimeRenderOption?: string;
}

/**
 * Documented limits (developers.google.com/workspace/sheets/api/limits): 60 read requests per
 * minute per user per project (and 300 per project); a request over ~2 MB is not recommended and
 * the API answers 413 over its hard size limit (10 MB for the whole request is used here).
 */
export const sheetsApiLimits = {
  readsPerMinutePerUser: 60,
  requestBytes: 10 * 1024 * 1024,
} as const;

const a1Column = (index: number): string => {
  let n = index + 1;
  let text = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    text = String.fromCharCode(65 + rem) + text;
    n = Math.floor((n - 1) / 26);
  }
  return text;
};

/** Request times (simulated ms) per user, for the per-minute quota: kept across executions. */
const readTimes = new WeakMap<RuntimeEnv, Map<string, number[]>>();

/** `Sheets.Spreadsheets.Values`: reads of many ranges in one request. */
export class SheetsValuesImpl implements UsageReporter {
  static readonly serviceName = 'Sheets.Spreadsheets.Values';
  constructor(private readonly env: RuntimeEnv) {}

  [cellUsage](method: string, args: unknown[]): CellUsage | undefined {
    if (method !== 'batchGetByDataFilter') return undefined;
    const request = (args[0] ?? {}) as BatchGetByDataFilterRequest;
    const file = this.env.spreadsheets.get(String(args[1]));
    if (!file) return { read: 0 };
    let cells = 0;
    for (const filter of request.dataFilters ?? []) {
      const rect = filter.gridRange ? this.rect(file, filter.gridRange, false) : null;
      if (rect) cells += rect.rows * rect.columns;
    }
    return { read: cells };
  }

  /**
   * values.batchGetByDataFilter (a POST: the ranges travel in the body, so there is no URL length
   * limit). As the API does: each ValueRange omits trailing empty rows and columns, and has no
   * `values` at all when the range is empty; UNFORMATTED_VALUE gives numbers, booleans and text,
   * and dates as serial numbers with dateTimeRenderOption SERIAL_NUMBER (the default).
   */
  batchGetByDataFilter(request: BatchGetByDataFilterRequest, spreadsheetId: string): unknown {
    const exec = this.env.execution();
    const file = this.env.spreadsheet(String(spreadsheetId));
    const now = this.env.clock.now();
    const reads = readTimes.get(this.env) ?? new Map<string, number[]>();
    readTimes.set(this.env, reads);
    const recent = (reads.get(exec.user) ?? []).filter((at) => now - at < 60_000);
    if (recent.length >= sheetsApiLimits.readsPerMinutePerUser)
      throw new ScriptException(
        `API call to sheets.spreadsheets.values.batchGetByDataFilter failed with error: Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user'.`,
      );
    recent.push(now);
    reads.set(exec.user, recent);
    const size = Buffer.byteLength(JSON.stringify(request ?? {}), 'utf8');
    if (size > sheetsApiLimits.requestBytes)
      throw new ScriptException(
        'API call to sheets.spreadsheets.values.batchGetByDataFilter failed with error: Request payload size exceeds the limit',
      );
    const filters = request?.dataFilters;
    if (!Array.isArray(filters) || filters.length === 0)
      throw new ScriptException(
        'API call to sheets.spreadsheets.values.batchGetByDataFilter failed with error: Invalid requests: dataFilters must not be empty',
      );
    const render = request.valueRenderOption ?? 'FORMATTED_VALUE';
    if (render !== 'UNFORMATTED_VALUE')
      throw new Error(`The local Sheets API models valueRenderOption UNFORMATTED_VALUE only.`);
    if ((request.dateTimeRenderOption ?? 'SERIAL_NUMBER') !== 'SERIAL_NUMBER')
      throw new Error('The local Sheets API models dateTimeRenderOption SERIAL_NUMBER only.');
    const date = this.env.now();
    return {
      spreadsheetId: file.id,
      valueRanges: filters.map((filter) => {
        if (!filter.gridRange)
          throw new Error('The local Sheets API models gridRange data filters only.');
        const rect = this.rect(file, filter.gridRange, true);
        if (!rect) throw new ScriptException('Unable to parse range');
        const values: unknown[][] = [];
        for (let r = 0; r < rect.rows; r += 1) {
          const line: unknown[] = [];
          for (let c = 0; c < rect.columns; c += 1) {
            const row = rect.row + r;
            const column = rect.column + c;
            line.push(
              rect.sheet.cell(row, column) ? file.computedValue(rect.sheet, row, column, date) : '',
            );
          }
          while (line.length > 0 && line[line.length - 1] === '') line.pop();
          values.push(line);
        }
        while (values.length > 0 && (values[values.length - 1] as unknown[]).length === 0)
          values.pop();
        const range = `'${rect.sheet.name}'!${a1Column(rect.column - 1)}${rect.row}:${a1Column(rect.column + rect.columns - 2)}${rect.row + rect.rows - 1}`;
        return {
          valueRange: {
            range,
            majorDimension: 'ROWS',
            ...(values.length > 0 ? { values } : {}),
          },
          dataFilters: [filter],
        };
      }),
    };
  }

  /** The 1-based rectangle a GridRange names, clipped to the sheet's grid as the API does. */
  private rect(
    file: SpreadsheetModel,
    grid: GridRange,
    strict: boolean,
  ): { sheet: SheetModel; row: number; column: number; rows: number; columns: number } | null {
    const sheet = file.sheets.find((s) => s.sheetId === (grid.sheetId ?? 0));
    if (!sheet) {
      if (strict) throw new ScriptException(`No grid with id: ${grid.sheetId ?? 0}`);
      return null;
    }
    const startRow = grid.startRowIndex ?? 0;
    const startColumn = grid.startColumnIndex ?? 0;
    const endRow = Math.min(grid.endRowIndex ?? sheet.maxRows, sheet.maxRows);
    const endColumn = Math.min(grid.endColumnIndex ?? sheet.maxColumns, sheet.maxColumns);
    if (startRow < 0 || startColumn < 0 || endRow < startRow || endColumn < startColumn) {
      if (strict) throw new ScriptException('Invalid requests: the range is invalid');
      return null;
    }
    return {
      sheet,
      row: startRow + 1,
      column: startColumn + 1,
      rows: endRow - startRow,
      columns: endColumn - startColumn,
    };
  }
}

export class SheetsSpreadsheetsImpl {
  static readonly serviceName = 'Sheets.Spreadsheets';
  readonly Values: SheetsValuesImpl;
  constructor(env: RuntimeEnv) {
    this.Values = new SheetsValuesImpl(env);
  }
}

/** The `Sheets` global an enabled advanced service gives the script. */
export class SheetsAdvancedImpl {
  static readonly serviceName = 'Sheets';
  readonly Spreadsheets: SheetsSpreadsheetsImpl;
  constructor(env: RuntimeEnv) {
    this.Spreadsheets = new SheetsSpreadsheetsImpl(env);
  }
}
