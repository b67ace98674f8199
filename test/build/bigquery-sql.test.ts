// The views in bigquery/views keep to SQL that BigQuery and DuckDB read alike (the subset bigquery/README.md lists), and the add-on never ships the export.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/build';

const dir = path.join(projectRoot, 'bigquery/views');
const views = readdirSync(dir)
  .filter((name) => name.endsWith('.sql'))
  .map((name) => ({ name, sql: readFileSync(path.join(dir, name), 'utf8') }));

/** The functions the portable subset allows: each means the same in BigQuery and DuckDB. */
const functions = new Set(['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'COALESCE', 'ROW_NUMBER', 'CAST']);
/** Words that may stand before "(" without being functions. */
const keywords = new Set([
  'IN',
  'AS',
  'OVER',
  'AND',
  'OR',
  'ON',
  'FROM',
  'JOIN',
  'WHEN',
  'THEN',
  'ELSE',
  'SELECT',
  'WHERE',
  'NOT',
]);
/** Reserved in BigQuery or DuckDB: never a column or alias name. */
const reserved = [
  'AT',
  'DAY',
  'MONTH',
  'YEAR',
  'HASH',
  'RANGE',
  'ROWS',
  'GROUPS',
  'LOOKUP',
  'PROTO',
  'NEW',
  'OF',
  'TO',
];

function code(sql: string): string {
  return sql
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n')
    .replace(/'[^']*'/g, "''");
}

describe('bigquery/views: the portable subset', () => {
  it('has the five views', () => {
    expect(views.map((v) => v.name).sort()).toEqual([
      'forecast_accuracy.sql',
      'pipeline_by_stage.sql',
      'sales_cycle.sql',
      'weighted_forecast.sql',
      'win_rate.sql',
    ]);
  });

  for (const { name, sql } of views) {
    it(`${name} calls only functions both engines read alike, and no date function`, () => {
      const called = [...code(sql).matchAll(/([A-Za-z_]+)\s*\(/g)].map((m) =>
        (m[1] as string).toUpperCase(),
      );
      expect(called.filter((f) => !functions.has(f) && !keywords.has(f))).toEqual([]);
    });

    it(`${name} has no double quotes, backticks, :: casts, QUALIFY, DISTINCT ON or LIMIT`, () => {
      const body = code(sql);
      expect(body).not.toMatch(/["`]|::|\bQUALIFY\b|\bDISTINCT\s+ON\b|\bLIMIT\b|\bDIV\b/i);
      // The one cast: a NULL typed as text (the union's owner column for team-level rows).
      for (const cast of body.matchAll(/CAST\s*\(([^)]*)\)/gi))
        expect(cast[1]?.replace(/\s+/g, ' ').trim().toUpperCase()).toBe('NULL AS STRING');
    });

    it(`${name} names no column or alias with a word either engine reserves`, () => {
      const words = new Set(
        code(sql)
          .split(/[^A-Za-z_]+/)
          .map((w) => w.toUpperCase()),
      );
      // Allowed as keywords where they are keywords: the query has no such use today.
      expect(reserved.filter((w) => words.has(w))).toEqual([]);
    });

    it(`${name} reads only the dataset's tables (as {{dataset}}.table) and its own CTEs`, () => {
      const body = code(sql);
      const ctes = new Set(
        [...body.matchAll(/(\w+)\s+AS\s*\(/gi)].map((m) => (m[1] as string).toLowerCase()),
      );
      for (const source of body.matchAll(/\b(?:FROM|JOIN)\s+([^\s(]+)/gi)) {
        const target = (source[1] as string).toLowerCase();
        if (!ctes.has(target))
          expect(target, name).toMatch(/^\{\{dataset\}\}\.(open_deals|closed_deals|history)$/);
      }
    });
  }
});

describe('the add-on and the export are separate projects', () => {
  const addon = JSON.parse(readFileSync(path.join(projectRoot, 'dist/appsscript.json'), 'utf8'));
  const exported = JSON.parse(
    readFileSync(path.join(projectRoot, 'dist-export/appsscript.json'), 'utf8'),
  );

  it('the add-on enables only the Sheets API, asks for no BigQuery scope, and ships no export code', () => {
    expect(addon.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' },
    ]);
    expect(addon.oauthScopes.join(' ')).not.toMatch(/bigquery|cloud-platform/);
    const code = readFileSync(path.join(projectRoot, 'dist/Code.js'), 'utf8');
    expect(code).not.toMatch(/BigQuery|configureExport|runExport/);
  });

  it('the export enables BigQuery and asks for no scope a standalone script does not use', () => {
    expect(exported.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' },
    ]);
    expect(exported.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/bigquery',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/spreadsheets',
    ]);
    const code = readFileSync(path.join(projectRoot, 'dist-export/Code.js'), 'utf8');
    expect(code).toMatch(/function runExport\(\)/);
    expect(code).not.toMatch(/getUi\(\)|MailApp/);
  });
});
