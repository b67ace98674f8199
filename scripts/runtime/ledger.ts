// The ledger of service calls and the cost model (shared/design/cost-model.md) that prices them.

export type CostMode = 'opt' | 'pess';

/** The cells one call touches; a service object answers through its [cellUsage] method. */
export interface CellUsage {
  /** Cells whose values or formats the call returns (getValues, getDisplayValues, isBlank...). */
  read?: number;
  /** Cells the call changes (setValues, setBackgrounds, clearContent, appendRow, replaceAllWith...). */
  written?: number;
  /** Cells a TextFinder looks through (counted apart: Google searches them server-side). */
  searched?: number;
}

/** The method a service object may have (out of the script's reach) to say what a call touches. */
export const cellUsage = Symbol('cellUsage');

export interface UsageReporter {
  [cellUsage](method: string, args: unknown[]): CellUsage | undefined;
}

export interface LedgerEntry {
  execution: number;
  fn: string;
  user: string;
  service: string;
  method: string;
  cellsRead?: number;
  cellsWritten?: number;
  cellsSearched?: number;
  /** UTF-8 size of the arguments, as sent to Google's servers. */
  argBytes: number;
  /** Modeled duration of this call. */
  costMs: { opt: number; pess: number };
}

interface CallCost {
  base: [number, number];
  /** Per cell read or written (whichever the call does). */
  perCell?: [number, number];
  /** Per cell searched (TextFinder). */
  perSearchedCell?: [number, number];
}

const free: CallCost = { base: [0, 0] };
const cachedGetter: CallCost = { base: [2, 8] };
const serverRead: CallCost = { base: [100, 130] };
const rangeRead: CallCost = { base: [100, 150], perCell: [0.009, 0.012] };
const displayRead: CallCost = { base: [100, 150], perCell: [0.02, 0.02] };
const rangeWrite: CallCost = { base: [100, 260], perCell: [0.025, 0.06] };
const singleCellWrite: CallCost = { base: [1.2, 7] };
const structural: CallCost = { base: [110, 300], perCell: [0.025, 0.06] };
/**
 * TextFinder searches on Google's side: 0.0015 ms per cell (T22a: findAll over 10M cells took 15 s;
 * T20 benchmarks it against getValues + indexOf). No base is published: ESTIMATE, the server-read
 * base (one round trip, as getValue), so one findNext on a small range costs what a getValue does.
 */
const textSearch: CallCost = { base: [100, 130], perSearchedCell: [0.0015, 0.0015] };
/** replaceWith / replaceAllWith: the search, then a range write of the cells changed (ESTIMATE). */
const textReplace: CallCost = {
  base: [100, 260],
  perCell: [0.025, 0.06],
  perSearchedCell: [0.0015, 0.0015],
};

/** T0 in the cost model: the first server call of an execution opens the file. */
export const firstCallMs: Record<CostMode, number> = { opt: 150, pess: 300 };

const rangeReads = new Set([
  'getValues',
  'getValue',
  'getFormula',
  'getFormulas',
  'getNote',
  'getNotes',
  'getNumberFormat',
  'getNumberFormats',
  'getBackground',
  'getBackgrounds',
  'getFontColor',
  'getFontColors',
  'getFontWeight',
  'getFontWeights',
  'getDataValidation',
  'getDataValidations',
  'isBlank',
]);

/** The price of one call, by service and method; anything unlisted is a local (free) call. */
function costOf(service: string, method: string, usage: CellUsage): CallCost {
  switch (service) {
    case 'Range':
      if (method === 'getDisplayValues' || method === 'getDisplayValue') return displayRead;
      if (rangeReads.has(method)) return rangeRead;
      // One cell in a loop is cheap (writes are batched until a read or flush); a block is a write.
      if (method === 'setValue' || method === 'setFormula' || method === 'setNote')
        return (usage.written ?? 1) > 1 ? rangeWrite : singleCellWrite;
      if (method === 'sort' || method === 'protect') return structural;
      if (/^(set|clear|insert|merge|activate)/.test(method)) return rangeWrite;
      return free;
    case 'Sheet':
      if (method === 'appendRow') return { base: [110, 110] };
      if (method === 'createTextFinder') return free;
      if (
        /^(getLastRow|getLastColumn|getDataRange|getMaxRows|getMaxColumns|getProtections|getConditionalFormatRules|getCharts|getFrozen|getColumnWidth)/.test(
          method,
        )
      )
        return serverRead;
      if (/^(get|is)/.test(method)) return cachedGetter;
      if (method === 'newChart') return free;
      return structural;
    case 'Spreadsheet':
      if (method === 'toast' || method === 'getDeveloperMetadata') return serverRead;
      // A developer metadata write is a batchUpdate of the file: priced as a small range write.
      if (method === 'addDeveloperMetadata') return { base: rangeWrite.base };
      if (method === 'createTextFinder') return free;
      if (/^(get|is)/.test(method)) return cachedGetter;
      return structural;
    case 'SpreadsheetApp':
      // flush is priced by Ledger.price from the writes it pushes out.
      if (method === 'openById' || method === 'openByUrl' || method === 'create')
        return { base: [150, 300] };
      if (
        method === 'getActive' ||
        method === 'getActiveSpreadsheet' ||
        method === 'getActiveSheet'
      )
        return cachedGetter;
      return free;
    case 'DeveloperMetadata':
      return /^(set|remove|move)/.test(method) ? { base: rangeWrite.base } : free;
    case 'TextFinder':
      if (method === 'findAll' || method === 'findNext' || method === 'findPrevious')
        return textSearch;
      if (method === 'replaceWith' || method === 'replaceAllWith') return textReplace;
      // Options and getCurrentMatch stay in the script's TextFinder object.
      return free;
    case 'Protection':
      return /^(get|is|can)/.test(method) ? serverRead : structural;
    case 'Properties':
      return /^(get)/.test(method) ? { base: [32, 32] } : { base: [75, 75] };
    case 'Cache':
      return /^(get)/.test(method) ? { base: [3, 30] } : { base: [56, 105] };
    case 'Lock':
      // No published figure: the cost model's guess for an uncontended acquire.
      return method === 'waitLock' || method === 'tryLock' ? { base: [70, 70] } : free;
    case 'MailApp':
      return method === 'sendEmail' ? { base: [1200, 1200] } : serverRead;
    case 'ScriptApp':
      return /^(getProjectTriggers|getUserTriggers|deleteTrigger)$/.test(method)
        ? serverRead
        : free;
    case 'ClockTriggerBuilder':
    case 'SpreadsheetTriggerBuilder':
      return method === 'create' ? serverRead : free;
    case 'Sheets.Spreadsheets.Values':
      // Sheets API values.get/batchGet (cost model: 250 ms, 0.003/0.0045 ms a cell; T18, T22a).
      return { base: [250, 250], perCell: [0.003, 0.0045] };
    default:
      // BigQuery REST calls (issue 22): no published timing; ESTIMATE a Sheets API round trip.
      if (service.startsWith('BigQuery.')) return { base: [250, 500] };
      return free;
  }
}

export function priceCall(
  service: string,
  method: string,
  usage: CellUsage = {},
): { opt: number; pess: number } {
  const cost = costOf(service, method, usage);
  const cells = (usage.read ?? 0) + (usage.written ?? 0);
  const searched = usage.searched ?? 0;
  const price = (i: 0 | 1) =>
    cost.base[i] +
    (cost.perCell ? cost.perCell[i] * cells : 0) +
    (cost.perSearchedCell ? cost.perSearchedCell[i] * searched : 0);
  return { opt: price(0), pess: price(1) };
}

export type LedgerFilter = Partial<
  Pick<LedgerEntry, 'execution' | 'fn' | 'user' | 'service' | 'method'>
>;

/**
 * The cost model's line between cheap and costly (shared/design/cost-model.md, "What a budget
 * counts"): "costly calls: every call the model prices above 8 ms (pess), plus every call that writes
 * cells. Cached getters (getSheets, getSheetId, getName, getRange, time zone, locale) and local calls
 * (getDocumentProperties, getDocumentLock, Session, Range.getRow) are cheap".
 */
export const costlyAboveMs = 8;

export function isCostly(entry: LedgerEntry): boolean {
  return entry.costMs.pess > costlyAboveMs || (entry.cellsWritten ?? 0) > 0;
}

/** The script's own JavaScript time in one execution, as Google's V8 would spend it. */
export interface CpuEntry {
  execution: number;
  fn: string;
  user: string;
  ms: number;
}

/** What a budget test asserts: costly calls, cells, and modeled time at two sizes far apart. */
export interface LedgerSummary {
  /** Calls priced above 8 ms (pess) plus calls that write cells (see isCostly). */
  costlyCalls: number;
  cellsRead: number;
  cellsWritten: number;
  /** Cells TextFinder searched on Google's side (not read into the script). */
  cellsSearched: number;
  /** Google's side: T0 per execution plus every call's price. */
  serverMs: { opt: number; pess: number };
  /** The script's own JavaScript time (summed over the executions the filter selects). */
  cpuMs: number;
  /** serverMs plus cpuMs: what the 6-minute limit sees. */
  modeledMs: { opt: number; pess: number };
  /** Calls per 'Service.method'. */
  byMethod: Record<string, number>;
  /** The costly calls per 'Service.method', to see at once what a budget failure is made of. */
  costlyByMethod: Record<string, number>;
}

/** SpreadsheetApp.flush: SO13 measured 30 ms per flushed row and 560 ms after a 4000-cell write. */
const flushMs = { min: 30, max: 560, atCells: 4000 };

export class Ledger {
  readonly entries: LedgerEntry[] = [];
  readonly cpu: CpuEntry[] = [];
  /** Cells written since the last flush or read of the running execution (Google batches them). */
  #pendingWrites = { execution: -1, cells: 0 };

  record(entry: LedgerEntry): void {
    this.entries.push(entry);
  }

  recordCpu(entry: CpuEntry): void {
    this.cpu.push(entry);
  }

  /**
   * The price of a call in an execution. Mostly priceCall; SpreadsheetApp.flush depends on the
   * writes pending since the last flush or read (a read forces them out too): 30 ms, plus a share
   * of the 530 ms more that SO13 saw after a 4000-cell write, in proportion to the cells pending.
   * That interpolation between SO13's two figures is ours, not a measurement; both modes use it.
   */
  price(
    execution: number,
    service: string,
    method: string,
    usage: CellUsage,
  ): { opt: number; pess: number } {
    if (this.#pendingWrites.execution !== execution) this.#pendingWrites = { execution, cells: 0 };
    const pending = this.#pendingWrites;
    if (service === 'SpreadsheetApp' && method === 'flush') {
      const share = Math.min(1, pending.cells / flushMs.atCells);
      pending.cells = 0;
      const ms = flushMs.min + (flushMs.max - flushMs.min) * share;
      return { opt: ms, pess: ms };
    }
    if ((usage.read ?? 0) > 0 || (usage.searched ?? 0) > 0) pending.cells = 0;
    pending.cells += usage.written ?? 0;
    return priceCall(service, method, usage);
  }

  /** Entries matching every given field; all entries without a filter. */
  filter(filter: LedgerFilter = {}): LedgerEntry[] {
    return this.entries.filter((entry) =>
      Object.entries(filter).every(([key, value]) => entry[key as keyof LedgerEntry] === value),
    );
  }

  count(filter: LedgerFilter = {}): number {
    return this.filter(filter).length;
  }

  /** Calls per 'Service.method', e.g. { 'Range.getValues': 2 }. */
  byMethod(filter: LedgerFilter = {}): Record<string, number> {
    return countByMethod(this.filter(filter));
  }

  /**
   * Modeled time on Google's servers: per execution with calls, T0 (opening the file) plus the
   * price of every call. summary() adds the script's CPU time.
   */
  modeledMs(mode: CostMode, filter: LedgerFilter = {}): number {
    const entries = this.filter(filter);
    const executions = new Set(
      entries.filter((entry) => entry.costMs.opt > 0).map((entry) => entry.execution),
    );
    return (
      executions.size * firstCallMs[mode] +
      entries.reduce((sum, entry) => sum + entry.costMs[mode], 0)
    );
  }

  /** The script's JavaScript time in the executions the filter selects (none for a service filter). */
  cpuMs(filter: LedgerFilter = {}): number {
    if (filter.service !== undefined || filter.method !== undefined) return 0;
    return this.cpu
      .filter(
        (c) =>
          (filter.execution === undefined || c.execution === filter.execution) &&
          (filter.fn === undefined || c.fn === filter.fn) &&
          (filter.user === undefined || c.user === filter.user),
      )
      .reduce((sum, c) => sum + c.ms, 0);
  }

  /**
   * Costly calls, cells and modeled time of the calls the filter selects:
   * `expect(rt.ledger.summary().costlyCalls).toBeLessThanOrEqual(6)`.
   */
  summary(filter: LedgerFilter = {}): LedgerSummary {
    const entries = this.filter(filter);
    const sum = (pick: (e: LedgerEntry) => number | undefined) =>
      entries.reduce((total, e) => total + (pick(e) ?? 0), 0);
    const serverMs = { opt: this.modeledMs('opt', filter), pess: this.modeledMs('pess', filter) };
    const cpuMs = this.cpuMs(filter);
    const costly = entries.filter(isCostly);
    return {
      costlyCalls: costly.length,
      cellsRead: sum((e) => e.cellsRead),
      cellsWritten: sum((e) => e.cellsWritten),
      cellsSearched: sum((e) => e.cellsSearched),
      serverMs,
      cpuMs,
      modeledMs: { opt: serverMs.opt + cpuMs, pess: serverMs.pess + cpuMs },
      byMethod: countByMethod(entries),
      costlyByMethod: countByMethod(costly),
    };
  }

  reset(): void {
    this.entries.length = 0;
    this.cpu.length = 0;
  }
}

function countByMethod(entries: LedgerEntry[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) {
    const key = `${entry.service}.${entry.method}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
