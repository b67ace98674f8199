// What the playground draws for a sheet's embedded charts: each recorded spec with its data read from the sheet.

import { parseA1, resolveA1 } from '../runtime/a1';
import { readDisplayValue } from '../runtime/cell-values';
import type { SheetModel, SpreadsheetModel } from '../runtime/sheet-model';

export interface ChartView {
  chartId: number;
  /** COLUMN, LINE, PIE... as the script set it. */
  type: string;
  title: string;
  /** The anchor cell (1-based) and the offset from its top-left corner, in pixels. */
  row: number;
  column: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
  /** The domain: the first range's values, its header row left out. */
  labels: string[];
  /** One series per column of the other ranges, named by its header row. */
  series: Array<{ name: string; values: Array<number | null> }>;
}

/**
 * Sheets reads a chart's first range as the labels and every column of the others as a series,
 * a first row of text over numbers being the headers: the playground reads them the same way.
 */
export function chartViews(file: SpreadsheetModel, sheet: SheetModel, now: Date): ChartView[] {
  return sheet.charts.map((chart) => {
    const blocks = chart.ranges.flatMap((a1) => {
      const parsed = parseA1(a1);
      const source = parsed?.sheetName ? file.sheetByName(parsed.sheetName) : sheet;
      if (!parsed || !source) return [];
      const rect = resolveA1(parsed, source.maxRows, source.maxColumns);
      return [
        Array.from({ length: rect.numColumns }, (_, c) =>
          Array.from({ length: rect.numRows }, (_, r) => ({
            text: readDisplayValue(file, source, rect.row + r, rect.column + c, now),
            value: file.computedValue(source, rect.row + r, rect.column + c, now),
          })),
        ),
      ];
    });
    const [domain, ...rest] = blocks;
    const labelColumn = domain?.[0] ?? [];
    const columns = rest.flat();
    const hasHeader =
      columns.length > 0 && columns.every((cells) => typeof cells[0]?.value === 'string');
    const skip = hasHeader ? 1 : 0;
    const options = chart.options;
    return {
      chartId: chart.chartId,
      type: chart.type,
      title: typeof options.title === 'string' ? options.title : '',
      row: chart.position.row,
      column: chart.position.column,
      offsetX: chart.position.offsetX,
      offsetY: chart.position.offsetY,
      width: typeof options.width === 'number' ? options.width : 600,
      height: typeof options.height === 'number' ? options.height : 371,
      labels: labelColumn.slice(skip).map((cell) => cell.text),
      series: columns.map((cells, i) => ({
        name: hasHeader ? String(cells[0]?.text ?? '') : `Series ${i + 1}`,
        values: cells
          .slice(skip)
          .map((cell) => (typeof cell.value === 'number' ? cell.value : null)),
      })),
    };
  });
}
