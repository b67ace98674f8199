// The runtime's BigQuery and Sheets advanced services check each request against the documented shapes and limits.
import { describe, expect, it } from 'vitest';
import { createRuntime, ScriptError } from '../../scripts/runtime/index';

const manifest = (services: Array<{ userSymbol: string; serviceId: string; version: string }>) =>
  JSON.stringify({
    timeZone: 'Etc/UTC',
    dependencies: { enabledAdvancedServices: services },
    oauthScopes: [
      'https://www.googleapis.com/auth/bigquery',
      'https://www.googleapis.com/auth/spreadsheets',
    ],
  });

const code = `
function setUp() {
  BigQuery.Datasets.insert({ datasetReference: { datasetId: 'ds' } }, 'p');
  BigQuery.Tables.insert({ tableReference: { tableId: 't' }, schema: { fields: [
    { name: 'id', type: 'STRING', mode: 'REQUIRED' }, { name: 'n', type: 'INT64' }, { name: 'd', type: 'DATE' } ] } }, 'p', 'ds');
}
function load(jobId, lines) {
  return BigQuery.Jobs.insert({ jobReference: { jobId: jobId }, configuration: { load: {
    destinationTable: { projectId: 'p', datasetId: 'ds', tableId: 't' }, sourceFormat: 'NEWLINE_DELIMITED_JSON' } } },
    'p', Utilities.newBlob(lines.map(function (l) { return JSON.stringify(l); }).join('\\n')));
}
function job(jobId) { return BigQuery.Jobs.get('p', jobId); }
function readRows(sheetId) {
  return Sheets.Spreadsheets.Values.batchGetByDataFilter({ dataFilters: [
    { gridRange: { sheetId: sheetId, startRowIndex: 0, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 3 } } ],
    valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER' }, SpreadsheetApp.getActive().getId());
}
`;

async function runtime(withBigQuery = true) {
  const services = [{ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' }];
  if (withBigQuery) services.push({ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' });
  const rt = await createRuntime({
    kind: 'bound',
    project: [
      { name: 'appsscript.json', source: manifest(services) },
      { name: 'Code.js', source: code },
    ],
  });
  return rt;
}

describe('BigQuery advanced service (local)', () => {
  it('loads newline-delimited JSON into the table, and refuses a job ID that exists (409)', async () => {
    const rt = await runtime();
    rt.run('setUp');
    const done = rt.run('load', 'job_1', [{ id: 'a', n: 1, d: '2026-11-23' }, { id: 'b' }]) as {
      status: { state: string };
    };
    expect(done.status.state).toBe('DONE');
    expect(rt.bigQuery.table('p', 'ds', 't')?.rows).toHaveLength(2);
    expect(() => rt.run('load', 'job_1', [{ id: 'c' }])).toThrow(/Already Exists: Job/);
    expect(rt.bigQuery.table('p', 'ds', 't')?.rows).toHaveLength(2);
  });

  it('fails a load whole when one row breaks the schema (type, required field, unknown field)', async () => {
    const rt = await runtime();
    rt.run('setUp');
    for (const [jobId, bad] of [
      ['j_type', { id: 'x', n: 'one' }],
      ['j_required', { n: 2 }],
      ['j_unknown', { id: 'y', other: 1 }],
      ['j_date', { id: 'z', d: '23/11/2026' }],
    ] as const) {
      const result = rt.run('load', jobId, [{ id: 'ok' }, bad]) as {
        status: { errorResult?: { message: string } };
      };
      expect(result.status.errorResult, jobId).toBeDefined();
      // The failed job exists: its ID cannot be used again.
      expect(
        (rt.run('job', jobId) as { status: { errorResult?: unknown } }).status.errorResult,
      ).toBeDefined();
    }
    expect(rt.bigQuery.table('p', 'ds', 't')?.rows).toHaveLength(0);
  });

  it('refuses a request over 10 MB and an invalid job ID; a project without the service has no BigQuery global', async () => {
    const rt = await runtime();
    rt.run('setUp');
    const big = Array.from({ length: 60_000 }, (_, i) => ({ id: `${i}-${'x'.repeat(180)}` }));
    expect(() => rt.run('load', 'job_big', big)).toThrow(/payload size exceeds/);
    expect(() => rt.run('load', 'bad id!', [{ id: 'a' }])).toThrow(/Invalid job ID/);
    const without = await runtime(false);
    expect(() => without.run('setUp')).toThrow(ScriptError);
  });
});

describe('Sheets advanced service (local)', () => {
  it('reads ranges as the API does: serial dates, trailing empty cells left out', async () => {
    const rt = await runtime(false);
    const sheet = rt.spreadsheet.sheets[0];
    if (!sheet) throw new Error('no sheet');
    rt.edit(sheet.name, 'A1', '2026-11-23');
    rt.edit(sheet.name, 'B1', 'text');
    rt.edit(sheet.name, 'A2', '7');
    const answer = rt.run('readRows', sheet.sheetId) as {
      valueRanges: Array<{ valueRange: { values?: unknown[][] } }>;
    };
    const values = answer.valueRanges[0]?.valueRange.values;
    // 2026-11-23 is day 46,349 of Sheets' calendar (1899-12-30 is day 0).
    expect(values).toEqual([[46_349, 'text'], [7]]);
  });

  it('refuses the 61st read in a minute for one user (60 per minute per user)', async () => {
    const rt = await runtime(false);
    const id = rt.spreadsheet.sheets[0]?.sheetId ?? 0;
    for (let i = 0; i < 60; i += 1) rt.run('readRows', id);
    expect(() => rt.run('readRows', id)).toThrow(/Quota exceeded/);
    rt.advanceBy(61_000);
    expect(() => rt.run('readRows', id)).not.toThrow();
  });
});
