// Three team files, the company export (dist-export/) pointed at them, and DuckDB loaded with exactly what reached BigQuery.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { projectRoot } from '../../scripts/build';
import { createRuntime } from '../../scripts/runtime/index';
import type { SpreadsheetSnapshot } from '../../scripts/runtime/snapshot';
import { bigTracker } from './big-tracker';
import { type Runtime, sheetOf, spreadsheetOf } from './tracker';

export const teams = [
  { id: 'team-iberia', team: 'Iberia', deals: 150, owners: 4 },
  { id: 'team-nordics', team: 'Nordics', deals: 90, owners: 3 },
  { id: 'team-benelux', team: 'Benelux', deals: 60, owners: 2 },
] as const;

export const config = {
  projectId: 'acme-sales',
  dataset: 'opportunities',
  files: teams.map(({ id, team }) => ({ id, team })),
};

/** Each team's tracker (different sizes, owners, closed deals across the last months). */
export async function teamSnapshots(): Promise<SpreadsheetSnapshot[]> {
  const out: SpreadsheetSnapshot[] = [];
  for (const t of teams) {
    const rt = await bigTracker(t.deals, { owners: t.owners, historyPerDeal: 4 });
    out.push({ ...rt.snapshot(), id: t.id, name: `${t.team} pipeline` });
  }
  return out;
}

/** The export's own standalone runtime, with the team files it opens by ID. */
export async function exportRuntime(files: readonly SpreadsheetSnapshot[]): Promise<Runtime> {
  const rt = await createRuntime({
    kind: 'standalone',
    distDir: path.join(projectRoot, 'dist-export'),
    spreadsheet: spreadsheetOf([sheetOf('Sheet1', [])]),
    // Early on the day after the trackers' today: the export covers their today.
    now: new Date('2026-11-24T01:30:00Z'),
    user: 'admin@example.com',
  });
  for (const file of files) rt.addFile(structuredClone(file), 'admin@example.com');
  return rt;
}

/** Every row BigQuery holds, per table, as JSON lines (sorted): what a rerun must leave alone. */
export function tableContents(rt: Runtime): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of rt.bigQuery.tables.values())
    if (table.view === null)
      out[table.tableId] = table.rows.map((row) => JSON.stringify(row)).sort();
  return out;
}

const duckTypes: Record<string, string> = {
  STRING: 'VARCHAR',
  INT64: 'BIGINT',
  INTEGER: 'BIGINT',
  FLOAT64: 'DOUBLE',
  FLOAT: 'DOUBLE',
  NUMERIC: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  BOOL: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
};

/**
 * A DuckDB database with the tables' schemas, loaded from the exact newline-delimited JSON of
 * every load job BigQuery accepted (read_json with the schema's columns), and the views of
 * bigquery/views created in it as they are (`{{dataset}}` named as the schema).
 */
export async function duckdbOf(rt: Runtime) {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  const dir = mkdtempSync(path.join(tmpdir(), 'ot-export-'));
  await connection.run(`CREATE SCHEMA ${config.dataset}`);
  for (const table of rt.bigQuery.tables.values()) {
    if (table.view !== null || !table.schema) continue;
    const columns = table.schema.map((f) => `${f.name} ${duckTypes[f.type]}`).join(', ');
    await connection.run(`CREATE TABLE ${config.dataset}.${table.tableId} (${columns})`);
    const spec = table.schema.map((f) => `${f.name}: '${duckTypes[f.type]}'`).join(', ');
    for (const [i, load] of table.loads.entries()) {
      const file = path.join(dir, `${table.tableId}-${i}.json`);
      writeFileSync(file, load.ndjson);
      await connection.run(
        `INSERT INTO ${config.dataset}.${table.tableId} SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = {${spec}})`,
      );
    }
  }
  for (const name of [
    'pipeline_by_stage',
    'weighted_forecast',
    'win_rate',
    'sales_cycle',
    'forecast_accuracy',
  ]) {
    const sql = readFileSync(path.join(projectRoot, 'bigquery/views', `${name}.sql`), 'utf8');
    await connection.run(
      `CREATE VIEW ${config.dataset}.${name} AS ${sql.replace(/\{\{dataset\}\}/g, config.dataset)}`,
    );
  }
  return {
    async rows(sql: string): Promise<Array<Record<string, unknown>>> {
      const reader = await connection.runAndReadAll(sql);
      return reader
        .getRowObjects()
        .map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]),
          ),
        );
    },
    close() {
      connection.closeSync();
    },
  };
}
