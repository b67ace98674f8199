// Writes the Metrics tab from its plan: values, formats and weights in one call each, then its charts.

import type { Language } from '../domain/i18n';
import {
  type ChartPlan,
  type MetricsSheet,
  numberFormatFor,
  sheetWidth,
} from '../domain/metrics-sheet';
import { shortHash } from '../domain/version';
import { createGeneratedTab, findGeneratedTab, metricsKeys, sheetValue } from './generated-tabs';
import { documentProperties } from './properties';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Column widths in pixels: the label, six figures, then the definition and the IDs. */
const widths = { label: 260, figure: 110, text: 480 };

export interface WrittenTab {
  sheet: Sheet;
  charts: number;
}

/**
 * Rebuilds the Metrics tab. The whole grid (the plan, and blanks over whatever a longer earlier
 * version left) goes in one setValues, its number formats in one setNumberFormats and its bold
 * rows in one setFontWeights; the sheet is grown first when the plan is longer than it.
 */
export function writeMetricsTab(
  spreadsheet: Spreadsheet,
  plan: MetricsSheet,
  language: Language,
  currency: string,
): WrittenTab {
  let sheet = findGeneratedTab(spreadsheet, 'metrics');
  let previous = { rows: 0, columns: 0 };
  if (!sheet) {
    sheet = createGeneratedTab(spreadsheet, 'metrics', language);
    sheet.setColumnWidth(1, widths.label);
    sheet.setColumnWidths(2, sheetWidth - 3, widths.figure);
    sheet.setColumnWidths(sheetWidth - 1, 2, widths.text);
  } else {
    const used = sheet.getDataRange();
    previous = { rows: used.getLastRow(), columns: used.getLastColumn() };
  }
  const rows = Math.max(plan.rows.length, previous.rows);
  const columns = Math.max(plan.width, previous.columns);
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);

  const values: Array<Array<string | number>> = [];
  const formats: string[][] = [];
  const weights: Array<Array<'bold' | 'normal'>> = [];
  const plain = numberFormatFor('text', currency, language);
  const formatOf = new Map<string, string>();
  for (let r = 0; r < rows; r += 1) {
    const line = plan.rows[r] ?? [];
    const valueRow: Array<string | number> = [];
    const formatRow: string[] = [];
    const weightRow: Array<'bold' | 'normal'> = [];
    for (let c = 0; c < columns; c += 1) {
      const cell = line[c];
      valueRow.push(sheetValue(cell));
      const kind = cell?.kind ?? 'text';
      let format = formatOf.get(kind);
      if (format === undefined) {
        format = kind === 'text' ? plain : numberFormatFor(kind, currency, language);
        formatOf.set(kind, format);
      }
      formatRow.push(format);
      weightRow.push(cell?.bold ? 'bold' : 'normal');
    }
    values.push(valueRow);
    formats.push(formatRow);
    weights.push(weightRow);
  }
  const range = sheet.getRange(1, 1, rows, columns);
  range.setValues(values);
  range.setNumberFormats(formats);
  range.setFontWeights(weights);
  placeCharts(sheet, plan.charts);
  return { sheet, charts: plan.charts.length };
}

/**
 * The plan's charts on the tab, never twice: when the tab holds exactly the charts the same plan
 * built last time, they stay (their ranges already show the new figures); otherwise every chart on
 * this generated tab is removed and the plan's are inserted.
 */
function placeCharts(sheet: Sheet, plans: readonly ChartPlan[]): void {
  const store = documentProperties();
  const fingerprint = `${sheet.getSheetId()}:${plans.length}:${shortHash(JSON.stringify(plans))}`;
  const existing = sheet.getCharts();
  if (existing.length === plans.length && store?.getProperty(metricsKeys.charts) === fingerprint)
    return;
  for (const chart of existing) sheet.removeChart(chart);
  for (const plan of plans) {
    let builder = sheet.newChart().setChartType(Charts.ChartType[plan.kind]);
    for (const range of plan.ranges)
      builder = builder.addRange(
        sheet.getRange(range.row, range.column, range.rows, range.columns),
      );
    builder = builder
      .setPosition(plan.anchor.row, plan.anchor.column, plan.anchor.offsetX, plan.anchor.offsetY)
      .setOption('title', plan.title)
      .setOption('width', plan.width)
      .setOption('height', plan.height)
      .setOption('legend', { position: 'bottom' });
    sheet.insertChart(builder.build());
  }
  store?.setProperty(metricsKeys.charts, fingerprint);
}
