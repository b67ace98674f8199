// The BigQuery advanced service (REST v2), the calls the company export uses, checked against the documented shapes and limits.

import { BlobImpl } from './blob';
import type { RuntimeEnv } from './env';
import { ScriptException } from './errors';

/**
 * Documented limits the export must respect (cloud.google.com/bigquery/quotas, REST reference):
 * - jobs.insert: a job ID is unique in its project: inserting an ID that exists fails with 409
 *   "Already Exists" (the client libraries rely on this to retry a load safely); IDs are letters,
 *   digits, '_' and '-', at most 1,024 characters.
 * - load jobs: 1,500 per table per day; the job is atomic (every row or none); with
 *   ignoreUnknownValues false a field not in the schema fails the job, and so does a value of the
 *   wrong type or a missing REQUIRED field.
 * - a request's body: 10 MB (the HTTP request limit the streaming API documents; the export stays
 *   under it for media uploads as well, as Apps Script's own payload limit is not documented).
 * - datasets and tables: IDs of letters, digits and '_' (at most 1,024); a table's schema has at
 *   most 10,000 columns.
 */
export const bigQueryLimits = {
  requestBytes: 10 * 1024 * 1024,
  loadJobsPerTablePerDay: 1_500,
  idPattern: /^[A-Za-z0-9_]{1,1024}$/,
  jobIdPattern: /^[A-Za-z0-9_-]{1,1024}$/,
} as const;

export type BigQueryType =
  | 'STRING'
  | 'INTEGER'
  | 'INT64'
  | 'FLOAT'
  | 'FLOAT64'
  | 'NUMERIC'
  | 'BOOLEAN'
  | 'BOOL'
  | 'DATE'
  | 'TIMESTAMP';

export interface BigQueryField {
  name: string;
  type: BigQueryType;
  mode?: 'NULLABLE' | 'REQUIRED';
  description?: string;
}

export interface BigQueryTable {
  projectId: string;
  datasetId: string;
  tableId: string;
  schema: BigQueryField[] | null;
  /** A view's SQL (standard SQL), null for a table. */
  view: string | null;
  /** Rows loaded, in load order, as the JSON objects the load jobs carried. */
  rows: Array<Record<string, unknown>>;
  /** The newline-delimited JSON of each load job that succeeded, exactly as sent. */
  loads: Array<{ jobId: string; ndjson: string }>;
}

interface JobRecord {
  jobReference: { projectId: string; jobId: string; location: string };
  configuration: unknown;
  status: { state: 'DONE'; errorResult?: { reason: string; message: string }; errors?: unknown[] };
  statistics: { load?: { outputRows: string } };
}

/** What BigQuery holds for one runtime: datasets, tables with their rows, and every job by ID. */
export class BigQueryState {
  readonly datasets = new Set<string>();
  readonly tables = new Map<string, BigQueryTable>();
  readonly jobs = new Map<string, JobRecord>();
  /** Load jobs per table per day ("table|yyyy-mm-dd" in UTC, as BigQuery counts). */
  readonly loadsPerDay = new Map<string, number>();

  table(projectId: string, datasetId: string, tableId: string): BigQueryTable | undefined {
    return this.tables.get(`${projectId}:${datasetId}.${tableId}`);
  }
}

const states = new WeakMap<RuntimeEnv, BigQueryState>();

/** The BigQuery a runtime's scripts have written to (tests read it; no ledger entries). */
export function bigQueryState(env: RuntimeEnv): BigQueryState {
  let state = states.get(env);
  if (!state) {
    state = new BigQueryState();
    states.set(env, state);
  }
  return state;
}

/** Google's text for a failed advanced-service call (the script must not rely on it: it tests the condition). */
function apiError(call: string, code: number, message: string): ScriptException {
  return new ScriptException(
    `API call to bigquery.${call} failed with error (${code}): ${message}`,
  );
}

function requestSize(call: string, value: unknown, extra = 0): void {
  const size = Buffer.byteLength(JSON.stringify(value ?? null), 'utf8') + extra;
  if (size > bigQueryLimits.requestBytes)
    throw apiError(
      call,
      413,
      `Request payload size exceeds the limit: ${bigQueryLimits.requestBytes} bytes.`,
    );
}

class DatasetsImpl {
  static readonly serviceName = 'BigQuery.Datasets';
  constructor(private readonly env: RuntimeEnv) {}

  get(projectId: string, datasetId: string): unknown {
    const key = `${projectId}:${datasetId}`;
    if (!bigQueryState(this.env).datasets.has(key))
      throw apiError('datasets.get', 404, `Not found: Dataset ${key}`);
    return { datasetReference: { projectId, datasetId } };
  }

  insert(dataset: { datasetReference?: { datasetId?: string } }, projectId: string): unknown {
    const datasetId = String(dataset?.datasetReference?.datasetId ?? '');
    if (!bigQueryLimits.idPattern.test(datasetId))
      throw apiError('datasets.insert', 400, `Invalid dataset ID "${datasetId}".`);
    const key = `${projectId}:${datasetId}`;
    const state = bigQueryState(this.env);
    if (state.datasets.has(key))
      throw apiError('datasets.insert', 409, `Already Exists: Dataset ${key}`);
    state.datasets.add(key);
    return { datasetReference: { projectId, datasetId } };
  }
}

const types = new Set<string>([
  'STRING',
  'INTEGER',
  'INT64',
  'FLOAT',
  'FLOAT64',
  'NUMERIC',
  'BOOLEAN',
  'BOOL',
  'DATE',
  'TIMESTAMP',
]);

class TablesImpl {
  static readonly serviceName = 'BigQuery.Tables';
  constructor(private readonly env: RuntimeEnv) {}

  get(projectId: string, datasetId: string, tableId: string): unknown {
    const table = bigQueryState(this.env).table(projectId, datasetId, tableId);
    if (!table)
      throw apiError('tables.get', 404, `Not found: Table ${projectId}:${datasetId}.${tableId}`);
    return describe(table);
  }

  insert(
    table: {
      tableReference?: { tableId?: string };
      schema?: { fields?: BigQueryField[] };
      view?: { query?: string; useLegacySql?: boolean };
    },
    projectId: string,
    datasetId: string,
  ): unknown {
    requestSize('tables.insert', table);
    const state = bigQueryState(this.env);
    if (!state.datasets.has(`${projectId}:${datasetId}`))
      throw apiError('tables.insert', 404, `Not found: Dataset ${projectId}:${datasetId}`);
    const tableId = String(table?.tableReference?.tableId ?? '');
    if (!bigQueryLimits.idPattern.test(tableId))
      throw apiError('tables.insert', 400, `Invalid table ID "${tableId}".`);
    const key = `${projectId}:${datasetId}.${tableId}`;
    if (state.tables.has(key)) throw apiError('tables.insert', 409, `Already Exists: Table ${key}`);
    let schema: BigQueryField[] | null = null;
    let view: string | null = null;
    if (table.view) {
      if (table.view.useLegacySql !== false)
        throw apiError('tables.insert', 400, 'Views of the export must say useLegacySql: false.');
      view = String(table.view.query ?? '');
    } else {
      const fields = table.schema?.fields;
      if (!Array.isArray(fields) || fields.length === 0 || fields.length > 10_000)
        throw apiError('tables.insert', 400, 'A table needs a schema of 1 to 10,000 fields.');
      const names = new Set<string>();
      for (const field of fields) {
        const name = String(field?.name ?? '');
        if (!/^[A-Za-z_][A-Za-z0-9_]{0,299}$/.test(name) || names.has(name.toLowerCase()))
          throw apiError('tables.insert', 400, `Invalid field name "${name}".`);
        names.add(name.toLowerCase());
        if (!types.has(String(field.type)))
          throw apiError('tables.insert', 400, `Invalid type "${String(field.type)}" for ${name}.`);
      }
      schema = fields.map((f) => ({ name: f.name, type: f.type, mode: f.mode ?? 'NULLABLE' }));
    }
    const created: BigQueryTable = {
      projectId,
      datasetId,
      tableId,
      schema,
      view,
      rows: [],
      loads: [],
    };
    state.tables.set(key, created);
    return describe(created);
  }
}

function describe(table: BigQueryTable): unknown {
  return {
    tableReference: {
      projectId: table.projectId,
      datasetId: table.datasetId,
      tableId: table.tableId,
    },
    type: table.view === null ? 'TABLE' : 'VIEW',
    ...(table.schema ? { schema: { fields: table.schema } } : {}),
    ...(table.view !== null ? { view: { query: table.view, useLegacySql: false } } : {}),
    numRows: String(table.rows.length),
  };
}

/** A value of the row as BigQuery's JSON load reads it for the field's type; an error text if not. */
function checkValue(field: BigQueryField, value: unknown): string | null {
  if (value === null || value === undefined)
    return field.mode === 'REQUIRED' ? `Missing required field: ${field.name}.` : null;
  switch (field.type) {
    case 'STRING':
      return typeof value === 'string' ? null : `${field.name}: not a string`;
    case 'INTEGER':
    case 'INT64':
      return (typeof value === 'number' && Number.isInteger(value)) ||
        (typeof value === 'string' && /^-?\d+$/.test(value))
        ? null
        : `${field.name}: not an integer`;
    case 'FLOAT':
    case 'FLOAT64':
    case 'NUMERIC':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : `${field.name}: not a number`;
    case 'BOOLEAN':
    case 'BOOL':
      return typeof value === 'boolean' ? null : `${field.name}: not a boolean`;
    case 'DATE':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? null
        : `${field.name}: not a DATE (yyyy-mm-dd)`;
    case 'TIMESTAMP':
      return typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(value)
        ? null
        : `${field.name}: not a TIMESTAMP`;
  }
}

class JobsImpl {
  static readonly serviceName = 'BigQuery.Jobs';
  constructor(private readonly env: RuntimeEnv) {}

  /** jobs.insert with a media upload: a load job of newline-delimited JSON (the only kind modelled). */
  insert(
    job: {
      jobReference?: { jobId?: string; location?: string };
      configuration?: {
        load?: {
          destinationTable?: { projectId?: string; datasetId?: string; tableId?: string };
          sourceFormat?: string;
          writeDisposition?: string;
          createDisposition?: string;
          ignoreUnknownValues?: boolean;
        };
      };
    },
    projectId: string,
    data?: unknown,
  ): unknown {
    const text =
      data instanceof BlobImpl ? data.getDataAsString() : typeof data === 'string' ? data : null;
    requestSize('jobs.insert', job, text === null ? 0 : Buffer.byteLength(text, 'utf8'));
    const state = bigQueryState(this.env);
    const jobId = String(job?.jobReference?.jobId ?? '');
    if (!bigQueryLimits.jobIdPattern.test(jobId))
      throw apiError('jobs.insert', 400, `Invalid job ID "${jobId}".`);
    const key = `${projectId}:${jobId}`;
    if (state.jobs.has(key))
      throw apiError('jobs.insert', 409, `Already Exists: Job ${projectId}:US.${jobId}`);
    const load = job.configuration?.load;
    if (!load || text === null)
      throw new Error('The local BigQuery models load jobs with uploaded data only.');
    if (load.sourceFormat !== 'NEWLINE_DELIMITED_JSON')
      throw new Error('The local BigQuery models NEWLINE_DELIMITED_JSON loads only.');
    if ((load.writeDisposition ?? 'WRITE_APPEND') !== 'WRITE_APPEND')
      throw new Error('The local BigQuery models WRITE_APPEND loads only.');
    const dest = load.destinationTable ?? {};
    const table = state.table(
      String(dest.projectId ?? projectId),
      String(dest.datasetId ?? ''),
      String(dest.tableId ?? ''),
    );
    const record: JobRecord = {
      jobReference: { projectId, jobId, location: job.jobReference?.location ?? 'US' },
      configuration: job.configuration,
      status: { state: 'DONE' },
      statistics: { load: { outputRows: '0' } },
    };
    const fail = (reason: string, message: string) => {
      record.status = {
        state: 'DONE',
        errorResult: { reason, message },
        errors: [{ reason, message }],
      };
    };
    const day = new Date(this.env.clock.now()).toISOString().slice(0, 10);
    const dayKey = `${dest.datasetId}.${dest.tableId}|${day}`;
    if (!table || table.schema === null)
      fail('notFound', `Not found: Table ${dest.datasetId}.${dest.tableId}`);
    else if ((state.loadsPerDay.get(dayKey) ?? 0) >= bigQueryLimits.loadJobsPerTablePerDay)
      throw apiError(
        'jobs.insert',
        403,
        'Quota exceeded: Your table exceeded quota for imports or query appends per table.',
      );
    else {
      state.loadsPerDay.set(dayKey, (state.loadsPerDay.get(dayKey) ?? 0) + 1);
      const rows: Array<Record<string, unknown>> = [];
      const schema = table.schema;
      const byName = new Map(schema.map((f) => [f.name, f]));
      const lines = text.split('\n').filter((line) => line.trim() !== '');
      let problem: string | null = null;
      for (const [n, line] of lines.entries()) {
        let row: unknown;
        try {
          row = JSON.parse(line);
        } catch {
          problem = `Error while reading data, line ${n + 1}: not JSON`;
          break;
        }
        if (typeof row !== 'object' || row === null || Array.isArray(row)) {
          problem = `line ${n + 1}: not a JSON object`;
          break;
        }
        for (const name of Object.keys(row)) {
          if (!byName.has(name) && load.ignoreUnknownValues !== true)
            problem = `line ${n + 1}: no such field: ${name}.`;
        }
        for (const field of schema) {
          const wrong = checkValue(field, (row as Record<string, unknown>)[field.name]);
          if (wrong) problem = `line ${n + 1}: ${wrong}`;
        }
        if (problem) break;
        rows.push(row as Record<string, unknown>);
      }
      // A load job is atomic: one bad row and nothing is loaded.
      if (problem) fail('invalid', problem);
      else {
        table.rows.push(...rows);
        table.loads.push({ jobId, ndjson: text });
        record.statistics = { load: { outputRows: String(rows.length) } };
      }
    }
    state.jobs.set(key, record);
    return record;
  }

  get(projectId: string, jobId: string): unknown {
    const record = bigQueryState(this.env).jobs.get(`${projectId}:${jobId}`);
    if (!record) throw apiError('jobs.get', 404, `Not found: Job ${projectId}:${jobId}`);
    return record;
  }
}

/** The `BigQuery` global of an enabled advanced service. */
export class BigQueryAdvancedImpl {
  static readonly serviceName = 'BigQuery';
  readonly Datasets: DatasetsImpl;
  readonly Tables: TablesImpl;
  readonly Jobs: JobsImpl;
  constructor(env: RuntimeEnv) {
    this.Datasets = new DatasetsImpl(env);
    this.Tables = new TablesImpl(env);
    this.Jobs = new JobsImpl(env);
  }
}
