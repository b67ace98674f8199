// The company export: each team file's open deals, closed deals and History lines of a day, loaded into BigQuery once.

import closedDealsSchema from '../../bigquery/schema/closed_deals.json';
import historySchema from '../../bigquery/schema/history.json';
import openDealsSchema from '../../bigquery/schema/open_deals.json';
import forecastAccuracy from '../../bigquery/views/forecast_accuracy.sql';
import pipelineByStage from '../../bigquery/views/pipeline_by_stage.sql';
import salesCycle from '../../bigquery/views/sales_cycle.sql';
import weightedForecast from '../../bigquery/views/weighted_forecast.sql';
import winRate from '../../bigquery/views/win_rate.sql';
import { type LocalDate, localDateTimeIn } from '../domain/dates';
import {
  closedDealRows,
  type ExportRow,
  exportDayFor,
  historyRows,
  openDealRows,
  type TeamFile,
} from '../domain/export-rows';
import { parseRows } from '../domain/parse-row';
import { historySheet, readHistoryColumns } from '../gas/history-read';
import { metricsFields } from '../gas/metrics-refresh';
import { findTab, readSettings } from '../gas/tabs';
import { firstDataRow, readColumns } from '../gas/tracker';
import { trackerLayout, trackerSheet } from '../gas/tracker-layout';

/** The tables and their schemas (bigquery/schema), and the views (bigquery/views). */
export const tables = {
  open_deals: openDealsSchema,
  closed_deals: closedDealsSchema,
  history: historySchema,
} as const;
export type TableName = keyof typeof tables;

export const views: Record<string, string> = {
  pipeline_by_stage: pipelineByStage,
  weighted_forecast: weightedForecast,
  win_rate: winRate,
  sales_cycle: salesCycle,
  forecast_accuracy: forecastAccuracy,
};

/** What the admin sets once (Script properties, `export.config`, or configureExport). */
export interface ExportConfig {
  projectId: string;
  dataset: string;
  files: TeamFile[];
}

const configKey = 'export.config';
const doneKey = (fileId: string) => `export.done.${fileId}`;

export function readConfig(): ExportConfig {
  const text = PropertiesService.getScriptProperties().getProperty(configKey);
  if (!text) throw new Error('No export configured: run configureExport first (see README).');
  const value = JSON.parse(text) as Partial<ExportConfig>;
  if (!value.projectId || !value.dataset || !Array.isArray(value.files))
    throw new Error('The export configuration needs projectId, dataset and files.');
  return { projectId: value.projectId, dataset: value.dataset, files: value.files };
}

export function saveConfig(config: ExportConfig): void {
  if (!/^[A-Za-z0-9_]+$/.test(config.dataset))
    throw new Error('A dataset ID is letters, digits and _.');
  for (const file of config.files)
    if (!file.id || !file.team) throw new Error('Each team file needs an id and a team name.');
  PropertiesService.getScriptProperties().setProperty(configKey, JSON.stringify(config));
}

// ---- BigQuery, through the advanced service ------------------------------------------------------

interface Job {
  status?: { state?: string; errorResult?: { message?: string } };
}

interface BigQueryApi {
  Datasets: {
    get(projectId: string, datasetId: string): unknown;
    insert(dataset: unknown, projectId: string): unknown;
  };
  Tables: {
    get(projectId: string, datasetId: string, tableId: string): unknown;
    insert(table: unknown, projectId: string, datasetId: string): unknown;
  };
  Jobs: {
    insert(job: unknown, projectId: string, data?: GoogleAppsScript.Base.Blob): Job;
    get(projectId: string, jobId: string): Job;
  };
}

function bigQuery(): BigQueryApi {
  const api = (globalThis as { BigQuery?: BigQueryApi }).BigQuery;
  if (!api) throw new Error('The BigQuery advanced service is not enabled (appsscript.json).');
  return api;
}

/** `get` answers, or null when it failed (a missing resource answers 404: tested, not read). */
function found<T>(get: () => T): T | null {
  try {
    return get();
  } catch {
    return null;
  }
}

/** Creates the dataset, the tables and the views that are missing (run once; safe to run again). */
export function setUpDataset(config: ExportConfig): string[] {
  const api = bigQuery();
  const made: string[] = [];
  if (!found(() => api.Datasets.get(config.projectId, config.dataset))) {
    api.Datasets.insert(
      { datasetReference: { projectId: config.projectId, datasetId: config.dataset } },
      config.projectId,
    );
    made.push(config.dataset);
  }
  for (const [tableId, fields] of Object.entries(tables)) {
    if (found(() => api.Tables.get(config.projectId, config.dataset, tableId))) continue;
    api.Tables.insert(
      {
        tableReference: { projectId: config.projectId, datasetId: config.dataset, tableId },
        schema: { fields },
      },
      config.projectId,
      config.dataset,
    );
    made.push(tableId);
  }
  for (const [viewId, sql] of Object.entries(views)) {
    if (found(() => api.Tables.get(config.projectId, config.dataset, viewId))) continue;
    api.Tables.insert(
      {
        tableReference: { projectId: config.projectId, datasetId: config.dataset, tableId: viewId },
        view: { query: viewSql(sql, config), useLegacySql: false },
      },
      config.projectId,
      config.dataset,
    );
    made.push(viewId);
  }
  return made;
}

/** A view's SQL for the dataset: `{{dataset}}` becomes `project.dataset`, quoted. */
export function viewSql(sql: string, config: Pick<ExportConfig, 'projectId' | 'dataset'>): string {
  return sql.replace(/\{\{dataset\}\}/g, `\`${config.projectId}.${config.dataset}\``);
}

/** Newline-delimited JSON over this many bytes is split into several load jobs. */
export const loadBytes = 8 * 1024 * 1024;
/** A load that BigQuery refused is tried again under a new job ID, at most this many times. */
const attempts = 5;

/**
 * Loads rows into a table exactly once, whatever ran before: each chunk has job IDs fixed by the
 * file, table, day and chunk (`…_a0`, `…_a1`…). A job ID BigQuery already has is never sent again
 * (BigQuery refuses a second job with an existing ID: jobs.insert answers 409); one that finished
 * without error means the chunk is in the table, one that failed is followed by the next ID. So a
 * retry, or a rerun of the whole day after a failure or a kill, adds nothing twice.
 */
export function loadOnce(
  config: ExportConfig,
  table: TableName,
  base: string,
  rows: readonly ExportRow[],
): number {
  const api = bigQuery();
  let loaded = 0;
  chunks(rows).forEach((chunk, c) => {
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const jobId = `${base}_c${c}_a${attempt}`.replace(/[^A-Za-z0-9_-]/g, '_');
      const known = found(() => api.Jobs.get(config.projectId, jobId));
      if (known) {
        if (known.status?.errorResult) continue;
        loaded += chunk.count;
        return;
      }
      const job = api.Jobs.insert(
        {
          jobReference: { projectId: config.projectId, jobId },
          configuration: {
            load: {
              destinationTable: {
                projectId: config.projectId,
                datasetId: config.dataset,
                tableId: table,
              },
              sourceFormat: 'NEWLINE_DELIMITED_JSON',
              writeDisposition: 'WRITE_APPEND',
              createDisposition: 'CREATE_NEVER',
              ignoreUnknownValues: false,
            },
          },
        },
        config.projectId,
        Utilities.newBlob(chunk.text, 'application/octet-stream'),
      );
      const done = waitFor(config, jobId, job);
      if (done.status?.errorResult)
        throw new Error(
          `BigQuery refused the ${table} rows: ${done.status.errorResult.message ?? ''}`,
        );
      loaded += chunk.count;
      return;
    }
    throw new Error(`BigQuery refused the ${table} rows ${attempts} times.`);
  });
  return loaded;
}

function waitFor(config: ExportConfig, jobId: string, job: Job): Job {
  let current = job;
  for (let i = 0; i < 30 && current.status?.state !== 'DONE'; i += 1) {
    Utilities.sleep(Math.min(1000 * 2 ** i, 10_000));
    current = bigQuery().Jobs.get(config.projectId, jobId);
  }
  if (current.status?.state !== 'DONE')
    throw new Error(`Load job ${jobId} did not finish in time.`);
  return current;
}

function chunks(rows: readonly ExportRow[]): Array<{ text: string; count: number }> {
  const out: Array<{ text: string; count: number }> = [];
  let lines: string[] = [];
  let bytes = 0;
  for (const row of rows) {
    const line = JSON.stringify(row);
    const size = line.length * 3 + 1;
    if (lines.length > 0 && bytes + size > loadBytes) {
      out.push({ text: lines.join('\n'), count: lines.length });
      lines = [];
      bytes = 0;
    }
    lines.push(line);
    bytes += size;
  }
  if (lines.length > 0) out.push({ text: lines.join('\n'), count: lines.length });
  return out;
}

// ---- One team file ---------------------------------------------------------------------------------

export interface FileExport {
  team: string;
  day: LocalDate;
  /** Rows loaded now (0 when an earlier run had already loaded them). */
  openDeals: number;
  closedDeals: number;
  historyLines: number;
  skipped: boolean;
}

/**
 * Exports one team file's day (yesterday in its zone): its open deals as they are now, its deals
 * closed and its History lines since the last day exported. The day is marked done only after
 * all three loads; until then a rerun loads what is missing and nothing twice.
 */
export function exportFile(config: ExportConfig, file: TeamFile): FileExport {
  const spreadsheet = SpreadsheetApp.openById(file.id);
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const day = exportDayFor(localDateTimeIn(Date.now(), timeZone).date);
  const store = PropertiesService.getScriptProperties();
  const after = (store.getProperty(doneKey(file.id)) as LocalDate | null) ?? null;
  const result: FileExport = {
    team: file.team,
    day,
    openDeals: 0,
    closedDeals: 0,
    historyLines: 0,
    skipped: false,
  };
  if (after !== null && after >= day) return { ...result, skipped: true };
  const settings = readSettings(spreadsheet, 'en').settings;
  // The tab the file's record names; a tracker set up before the record existed, by its name.
  const layout = trackerLayout(trackerSheet(spreadsheet) ?? findTab(spreadsheet, 'tracker'));
  if (!layout) throw new Error(`${file.team}: the file has no tracker.`);
  const slice = readColumns(layout, metricsFields, timeZone);
  const deals = parseRows(slice.rows, slice.columns, settings, firstDataRow).deals;
  const history = readHistoryColumns(historySheet(spreadsheet), timeZone).events;
  const window = { day, after };
  const base = (table: string) => `ot_${file.id}_${table}_${day}`;
  result.openDeals = loadOnce(
    config,
    'open_deals',
    base('open'),
    openDealRows(deals, settings, file, day),
  );
  result.closedDeals = loadOnce(
    config,
    'closed_deals',
    base('closed'),
    closedDealRows(deals, settings, file, window),
  );
  result.historyLines = loadOnce(
    config,
    'history',
    base('history'),
    historyRows(history, file, window),
  );
  store.setProperty(doneKey(file.id), day);
  return result;
}

/** Every team file whose day is not exported yet, until the run's time is up (the next run goes on). */
export function runExport(deadlineMs = Date.now() + 4.5 * 60_000): {
  done: FileExport[];
  failed: string[];
  left: number;
} {
  const config = readConfig();
  const done: FileExport[] = [];
  const failed: string[] = [];
  let left = 0;
  for (const file of config.files) {
    if (Date.now() > deadlineMs) {
      left += 1;
      continue;
    }
    try {
      done.push(exportFile(config, file));
    } catch (error) {
      failed.push(`${file.team}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const line of failed) console.error(`Export failed for ${line}`);
  return { done, failed, left };
}
