// npm run bench: service calls and modeled server time of the add-on vs a naive per-row script.

import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { fields } from '../../src/domain/fields';
import { buildAddon, projectRoot } from '../build';
import { createRuntime } from '../runtime/index';
import type { CellSnapshot, SheetSnapshot, SpreadsheetSnapshot } from '../runtime/snapshot';

type Runtime = Awaited<ReturnType<typeof createRuntime>>;
type Variant = 'ours' | 'naive';

const rowCounts = [100, 1_000, 5_000];
const wallRepeats = 3;
const sixMinutesMs = 6 * 60_000;
const seller = 'ana@example.com';
const now = new Date('2026-11-23T09:30:00Z');
const headers = fields.map((f) => f.header.en);

interface Measure {
  calls: number;
  optMs: number;
  pessMs: number;
  wallMs: number;
  timedOut: boolean;
}

interface Row {
  operation: string;
  rows: number;
  ours: Measure;
  naive: Measure;
}

const idOf = (i: number) => `OPP-${String(i + 1).padStart(6, '0')}`;

/** The sheet a team brings: every header, a few columns filled, the rest blank. */
function pipelineSheet(rows: number): SheetSnapshot {
  const cell = (value: string | number): CellSnapshot => ({ value });
  return {
    name: 'Opportunities',
    sheetId: 0,
    rows: [
      headers.map(cell),
      ...Array.from({ length: rows }, (_, i) => [
        cell(idOf(i)),
        cell(`Deal ${i + 1}`),
        cell(`Customer ${i + 1}`),
        cell(seller),
        cell('New'),
        cell(1000 * (i + 1)),
      ]),
    ],
    maxRows: Math.max(1000, rows + 10),
    maxColumns: headers.length,
    frozenRows: 0,
    frozenColumns: 0,
    columnWidths: {},
    hiddenColumns: [],
    validations: [],
    conditionalFormats: [],
    protections: [],
    charts: [],
  };
}

function spreadsheetOf(sheets: SheetSnapshot[]): SpreadsheetSnapshot {
  return {
    id: 'bench',
    name: 'Pipeline',
    timeZone: 'Europe/Madrid',
    locale: 'en_US',
    sheets,
    namedRanges: {},
  };
}

function runtimeOn(spreadsheet: SpreadsheetSnapshot, distDir: string): Promise<Runtime> {
  return createRuntime({
    spreadsheet: structuredClone(spreadsheet),
    timeZone: 'Europe/Madrid',
    locale: 'en_US',
    now,
    user: seller,
    distDir,
  });
}

/**
 * Runs one operation on fresh runtimes: the ledger of the first run, the median wall time of all.
 * The simulated clock moves at the opt figures, so "timed out" means too slow even when optimistic.
 */
async function measure(
  spreadsheet: SpreadsheetSnapshot,
  distDir: string,
  operation: (rt: Runtime) => void,
): Promise<Measure> {
  const walls: number[] = [];
  let first: Omit<Measure, 'wallMs'> | undefined;
  for (let i = 0; i < wallRepeats; i++) {
    const rt = await runtimeOn(spreadsheet, distDir);
    rt.ledger.reset();
    let timedOut = false;
    const start = performance.now();
    try {
      operation(rt);
    } catch (error) {
      if (!String(error instanceof Error ? error.message : error).includes('Exceeded maximum'))
        throw error;
      timedOut = true;
    }
    walls.push(performance.now() - start);
    first ??= {
      calls: rt.ledger.count(),
      optMs: rt.ledger.modeledMs('opt'),
      pessMs: rt.ledger.modeledMs('pess'),
      timedOut,
    };
    // A run that times out takes as long each time; once is enough to show it.
    if (timedOut) break;
  }
  walls.sort((a, b) => a - b);
  if (!first) throw new Error('no run');
  return { ...first, wallMs: walls[Math.floor(walls.length / 2)] ?? 0 };
}

/** The tracker after our set-up, with a few IDs cleared (rows pasted in by hand) for repair to fill. */
async function setUpTracker(rows: number, distDir: string): Promise<SpreadsheetSnapshot> {
  const rt = await runtimeOn(spreadsheetOf([pipelineSheet(rows)]), distDir);
  rt.run('setUpTracker');
  return rt.snapshot();
}

function withClearedIds(spreadsheet: SpreadsheetSnapshot, every: number): SpreadsheetSnapshot {
  const copy = structuredClone(spreadsheet);
  const sheet = copy.sheets.find((s) => s.name === 'Opportunities');
  if (!sheet) throw new Error('no Opportunities tab after set-up');
  sheet.rows.forEach((row, i) => {
    if (i > 0 && i % every === 0) row[0] = null;
  });
  return copy;
}

function rpc(rt: Runtime, method: string, payload: unknown): { version: unknown } {
  const result = rt.run('rpc', method, payload) as
    | { ok: true; data: { version: unknown } }
    | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.data;
}

/** naive-code.js hard-codes column numbers and headers; they must be the add-on's, or the race is unfair. */
async function checkNaiveColumns(naiveCode: string, tracker: SpreadsheetSnapshot): Promise<void> {
  const context = vm.createContext({});
  vm.runInContext(
    `${naiveCode}\nthis.cols = { ID_COL, STAGE_COL, IN_STAGE_SINCE_COL, UPDATED_COL, DATE_COLS, HEADERS };`,
    context,
  );
  const cols = context.cols as {
    ID_COL: number;
    STAGE_COL: number;
    IN_STAGE_SINCE_COL: number;
    UPDATED_COL: number;
    DATE_COLS: number[];
    HEADERS: string[];
  };
  const header = (tracker.sheets.find((s) => s.name === 'Opportunities')?.rows[0] ?? []).map(
    (c) => c?.value,
  );
  const at = (key: string) =>
    header.indexOf(fields.find((f) => f.key === key)?.header.en ?? '') + 1;
  const dates = fields.filter((f) => f.kind === 'date').map((f) => at(f.key));
  const problems = [
    cols.ID_COL === at('id') ? '' : 'ID_COL',
    cols.STAGE_COL === at('stage') ? '' : 'STAGE_COL',
    cols.IN_STAGE_SINCE_COL === at('stageEntered') ? '' : 'IN_STAGE_SINCE_COL',
    cols.UPDATED_COL === at('updated') ? '' : 'UPDATED_COL',
    JSON.stringify(cols.DATE_COLS) === JSON.stringify(dates) ? '' : 'DATE_COLS',
    JSON.stringify(cols.HEADERS) === JSON.stringify(headers) ? '' : 'HEADERS',
  ].filter(Boolean);
  if (problems.length > 0)
    throw new Error(`scripts/bench/naive-code.js is out of date: ${problems.join(', ')}`);
}

const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);

function callsText(m: Measure): string {
  return m.timedOut ? `timed out (${m.calls} calls in 6 min)` : String(m.calls);
}

function modeledText(m: Measure): string {
  if (m.timedOut) return 'timed out';
  const pess = m.pessMs > sixMinutesMs ? `${seconds(m.pessMs)} (over 6 min)` : seconds(m.pessMs);
  return `${seconds(m.optMs)} / ${pess}`;
}

function ratioText(row: Row): string {
  const { ours, naive } = row;
  if (naive.timedOut) return `> ${Math.floor(sixMinutesMs / ours.optMs)}× (timed out)`;
  return `${(naive.optMs / ours.optMs).toFixed(0)}× time, ${(naive.calls / ours.calls).toFixed(0)}× calls`;
}

function table(rows: Row[]): string {
  const head = [
    'Operation',
    'Rows',
    'Calls ours',
    'Calls naive',
    'Modeled s ours (opt / pess)',
    'Modeled s naive (opt / pess)',
    'Naive / ours (opt)',
    'Local ms ours / naive',
  ];
  const lines = rows.map((row) => [
    row.operation,
    row.rows.toLocaleString('en-US'),
    callsText(row.ours),
    callsText(row.naive),
    modeledText(row.ours),
    modeledText(row.naive),
    ratioText(row),
    `${row.ours.wallMs.toFixed(0)} / ${row.naive.wallMs.toFixed(0)}`,
  ]);
  return [head, head.map(() => '---'), ...lines]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
}

async function main(): Promise<void> {
  const ours = path.join(projectRoot, 'dist');
  await buildAddon(ours);
  const naive = await mkdtemp(path.join(tmpdir(), 'bench-naive-'));
  for (const file of ['appsscript.json', 'Sidebar.html'])
    await copyFile(path.join(ours, file), path.join(naive, file));
  const naiveCode = await readFile(path.join(projectRoot, 'scripts/bench/naive-code.js'), 'utf8');
  await writeFile(path.join(naive, 'Code.js'), naiveCode);

  const dists: Record<Variant, string> = { ours, naive };
  const results: Row[] = [];
  for (const rows of rowCounts) {
    const raw = spreadsheetOf([pipelineSheet(rows)]);
    const tracker = await setUpTracker(rows, ours);
    if (rows === rowCounts[0]) await checkNaiveColumns(naiveCode, tracker);
    const lastId = idOf(rows - 1);
    const broken = withClearedIds(tracker, 50);

    const setUp = {
      ours: (rt: Runtime) => rt.run('setUpTracker'),
      naive: (rt: Runtime) => rt.run('naiveSetUp'),
    };
    const move = {
      ours: (rt: Runtime) => {
        const { version } = rpc(rt, 'getDeal', { id: lastId });
        rpc(rt, 'moveStage', { id: lastId, version, to: 'Qualified' });
      },
      naive: (rt: Runtime) => {
        if (rt.run('naiveMoveStage', lastId, 'Qualified') !== true)
          throw new Error(`naiveMoveStage did not find ${lastId}`);
      },
    };
    const repair = {
      ours: (rt: Runtime) => rt.run('checkAndRepair'),
      naive: (rt: Runtime) => rt.run('naiveRepair'),
    };
    const operations: Array<[string, SpreadsheetSnapshot, Record<Variant, (rt: Runtime) => void>]> =
      [
        ['Set up / adopt', raw, setUp],
        ['Stage move (last row)', tracker, move],
        ['Check & repair', broken, repair],
      ];
    for (const [operation, start, run] of operations) {
      const row: Row = {
        operation,
        rows,
        ours: await measure(start, dists.ours, run.ours),
        naive: await measure(start, dists.naive, run.naive),
      };
      results.push(row);
      console.error(`measured ${operation} × ${rows}`);
    }
  }

  const markdown = [
    '# Service-call cost: the add-on vs a naive per-row script',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} in the local runtime.`,
    'Modeled seconds come from /work/shared/design/cost-model.md (T0 per execution + every call);',
    'the simulated clock moves at the opt figures, so "timed out" means over 6 minutes even when optimistic.',
    'Our stage move is two executions (getDeal + moveStage rpc); everything else is one.',
    'Local ms is the median wall time of 3 runs in the local runtime (1 run when it timed out).',
    '',
    table(results),
    '',
  ].join('\n');
  console.log(table(results));
  await mkdir(path.join(projectRoot, 'test-artifacts'), { recursive: true });
  await writeFile(path.join(projectRoot, 'test-artifacts/bench.md'), markdown);
  console.log('\nWrote test-artifacts/bench.md');
}

await main();
