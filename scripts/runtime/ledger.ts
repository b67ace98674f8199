// The ledger of service calls and the cost model (shared/design/cost-model.md) that prices them.

export type CostMode = 'opt' | 'pess';

export interface LedgerEntry {
  execution: number;
  fn: string;
  user: string;
  service: string;
  method: string;
  /** Cells the call reads or writes, for range calls. */
  cells?: number;
  /** UTF-8 size of the arguments, as sent to Google's servers. */
  argBytes: number;
  /** Modeled duration of this call. */
  costMs: { opt: number; pess: number };
}

interface CallCost {
  base: [number, number];
  perCell?: [number, number];
}

const free: CallCost = { base: [0, 0] };
const cachedGetter: CallCost = { base: [2, 8] };
const serverRead: CallCost = { base: [100, 130] };
const rangeRead: CallCost = { base: [100, 150], perCell: [0.009, 0.012] };
const displayRead: CallCost = { base: [100, 150], perCell: [0.02, 0.02] };
const rangeWrite: CallCost = { base: [100, 260], perCell: [0.025, 0.06] };
const singleCellWrite: CallCost = { base: [1.2, 7] };
const structural: CallCost = { base: [110, 300], perCell: [0.025, 0.06] };

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
function costOf(service: string, method: string): CallCost {
  switch (service) {
    case 'Range':
      if (method === 'getDisplayValues' || method === 'getDisplayValue') return displayRead;
      if (rangeReads.has(method)) return rangeRead;
      if (method === 'setValue' || method === 'setFormula' || method === 'setNote')
        return singleCellWrite;
      if (method === 'sort' || method === 'protect') return structural;
      if (/^(set|clear|insert|merge|activate)/.test(method)) return rangeWrite;
      return free;
    case 'Sheet':
      if (method === 'appendRow') return { base: [110, 110] };
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
      if (method === 'toast') return serverRead;
      if (/^(get|is)/.test(method)) return cachedGetter;
      return structural;
    case 'SpreadsheetApp':
      if (method === 'flush') return { base: [30, 560] };
      if (method === 'openById' || method === 'openByUrl' || method === 'create')
        return { base: [150, 300] };
      if (
        method === 'getActive' ||
        method === 'getActiveSpreadsheet' ||
        method === 'getActiveSheet'
      )
        return cachedGetter;
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
    default:
      return free;
  }
}

export function priceCall(
  service: string,
  method: string,
  cells: number | undefined,
): { opt: number; pess: number } {
  const cost = costOf(service, method);
  const n = cells ?? 0;
  return {
    opt: cost.base[0] + (cost.perCell ? cost.perCell[0] * n : 0),
    pess: cost.base[1] + (cost.perCell ? cost.perCell[1] * n : 0),
  };
}

export type LedgerFilter = Partial<
  Pick<LedgerEntry, 'execution' | 'fn' | 'user' | 'service' | 'method'>
>;

export class Ledger {
  readonly entries: LedgerEntry[] = [];

  record(entry: LedgerEntry): void {
    this.entries.push(entry);
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
    const counts: Record<string, number> = {};
    for (const entry of this.filter(filter)) {
      const key = `${entry.service}.${entry.method}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /**
   * Modeled time on Google's servers: per execution with calls, T0 (opening the file) plus the
   * price of every call.
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

  reset(): void {
    this.entries.length = 0;
  }
}
