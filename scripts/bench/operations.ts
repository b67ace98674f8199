// The operations the bench measures, as each implementation runs them, and what each leaves behind.

import { FailedCall, type Run } from './measure';
import { type Implementation, lateDeal, plantProblems, type Runtime } from './scenarios';

/** The state an operation starts from: the set-up tracker, or a team's own sheet to adopt. */
export type Start = 'tracker' | 'team';

export interface Operation {
  key: string;
  label: string;
  start: Start;
  /** Repeating it (on another deal) measures the same work again. */
  repeat: boolean;
  /** Called once before the first run on a tracker (Check & repair plants its problems). */
  before?: (rt: Runtime, deals: number) => void;
  /** The k-th run for an implementation; undefined where that implementation has no such job. */
  run: Partial<Record<Implementation, (rt: Runtime, deals: number, k: number) => Run>>;
  /**
   * What the operation did, in a form both the add-on and the fair baseline produce (checked
   * equal by fairness.ts): the cells it changed, the lines it listed.
   */
  outcome?: (
    rt: Runtime,
    output: unknown,
    implementation: Implementation,
    deals: number,
  ) => unknown;
}

type Envelope = { ok: true; data: Record<string, unknown> } | { ok: false; error: unknown };

/** The add-on's one server function, as the sidebar calls it; a failure is an error here. */
export function rpc(rt: Runtime, method: string, payload: unknown): Record<string, unknown> {
  const result = rt.run('rpc', method, payload) as Envelope;
  if (!result.ok) throw new FailedCall(`${method}: ${JSON.stringify(result.error)}`);
  return result.data;
}

const tracker = 'Opportunities';
/** The 44 columns every implementation keeps (the add-on's activity log comes after them). */
const lastColumn = 'AR';

/** A cell as a person reads it: days for date cells, the rest as stored. */
function plain(value: unknown): unknown {
  if (value instanceof Date) {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Madrid',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(value);
  }
  return value;
}

export function rowOf(rt: Runtime, row: number): unknown[] {
  return (rt.read(tracker, `A${row}:${lastColumn}${row}`)[0] ?? []).map(plain);
}

/** The last History line without its time (each run's clock differs). */
export function lastHistoryLine(rt: Runtime): unknown[] {
  const sheet = rt.spreadsheet.sheetByName('History');
  const last = sheet?.lastRow() ?? 0;
  return (rt.read('History', `B${last}:G${last}`)[0] ?? []).map(plain);
}

/** The row of a deal now, by its ID (rows do not move in the bench; read without the ledger). */
function rowOfId(rt: Runtime, id: string): number {
  const ids = rt.read(tracker, `A1:A${rt.spreadsheet.sheetByName(tracker)?.lastRow() ?? 1}`);
  const at = ids.findIndex((line) => line[0] === id);
  if (at < 0) throw new Error(`no row with ID ${id}`);
  return at + 1;
}

const ids = (list: unknown) => (list as Array<{ id: string }>).map((line) => line.id);

const nextAction = {
  nextAction: 'Send the revised quote',
  nextActionDate: '2026-11-27',
  nextActionGoal: 'Agree the price',
};

const newDeal = {
  name: 'New fleet',
  customer: 'Acme',
  amount: 12_000,
  closeDate: '2026-12-31',
  nextAction: 'Discovery call',
  nextActionDate: '2026-11-25',
  nextActionGoal: 'Qualify',
};

/** The tracker tab after set up or repair: what a user sees (the activity log left out). */
function trackerState(rt: Runtime) {
  // The add-on keeps an adopted tab's name ("Pipeline"); the baselines rename it.
  const sheet = rt.spreadsheet.sheetByName(tracker) ?? rt.spreadsheet.sheetByName('Pipeline');
  if (!sheet) return null;
  const header = (sheet.rows[0] ?? []).map((cell) => cell?.value ?? '');
  const width = header.filter((h) => h !== '' && h !== 'Activity log').length;
  const idAt = header.indexOf('ID');
  const validated = header
    .slice(0, width)
    .filter((_, c) => sheet.cell(2, c + 1)?.validation !== undefined);
  return {
    header: header.slice(0, width),
    ids: sheet.rows.slice(1, sheet.lastRow()).map((line) => line?.[idAt]?.value ?? ''),
    validated,
    colourRules: sheet.conditionalFormats.length,
    frozenRows: sheet.frozenRows,
    protections: sheet.protections.map((p) => p.description),
    tabs: rt.spreadsheet.sheets.map((s) => s.name).sort(),
  };
}

/** The report tab's lines (row, ID, column, problem, value), sorted: the order may differ. */
function reportLines(rt: Runtime): string[] {
  const sheet = rt.spreadsheet.sheetByName('Check report');
  if (!sheet) return [];
  return rt
    .read('Check report', `A3:E${Math.max(sheet.lastRow(), 3)}`)
    .filter((line) => line.some((cell) => cell !== ''))
    .map((line) => line.map(String).join(' | '))
    .sort();
}

export const operations: Operation[] = [
  {
    key: 'selection',
    label: 'Selection poll',
    start: 'tracker',
    repeat: true,
    run: {
      addon: (rt, deals, k) => ({
        prepare: () => rt.select(tracker, `C${lateDeal(deals, 2, k).row}`),
        execute: () => rpc(rt, 'selection', {}),
      }),
      fair: (rt, deals, k) => ({
        prepare: () => rt.select(tracker, `C${lateDeal(deals, 2, k).row}`),
        execute: () => rt.run('getSelection'),
      }),
    },
    outcome: (_rt, output) => (output as { id: string }).id,
  },
  {
    key: 'getDeal',
    label: 'Open a deal (getDeal)',
    start: 'tracker',
    repeat: true,
    run: {
      // As the sidebar asks: the ID and the row the selection poll saw (read first, no search).
      addon: (rt, deals, k) => ({ execute: () => rpc(rt, 'getDeal', lateDeal(deals, 1, k)) }),
      fair: (rt, deals, k) => ({ execute: () => rt.run('getDeal', lateDeal(deals, 1, k).id) }),
    },
    outcome: (_rt, output, implementation) => {
      if (implementation === 'addon') {
        const deal = (output as { deal: Record<string, unknown> }).deal;
        return [deal.id, deal.stage, deal.amount, deal.closeDate];
      }
      const deal = (output as { deal: Record<string, unknown> }).deal;
      return [deal.ID, deal.Stage, deal.Amount, deal['Expected close']];
    },
  },
  {
    key: 'myDay',
    label: 'My day',
    start: 'tracker',
    repeat: true,
    run: {
      addon: (rt) => ({ execute: () => rpc(rt, 'myDay', {}) }),
      fair: (rt) => ({ execute: () => rt.run('myDay') }),
    },
    outcome: (_rt, output) => {
      const lists = output as Record<string, unknown>;
      return ['overdue', 'dueToday', 'closeDatePassed', 'noNextAction', 'stale'].map((list) =>
        ids(lists[list]),
      );
    },
  },
  {
    key: 'reviewQueue',
    label: 'Review queue',
    start: 'tracker',
    repeat: true,
    run: {
      addon: (rt) => ({ execute: () => rpc(rt, 'reviewQueue', { mine: true }) }),
      fair: (rt) => ({ execute: () => rt.run('reviewQueue', true) }),
    },
    outcome: (_rt, output) => {
      const result = output as { queue: unknown; flagged: string[] };
      return [ids(result.queue), result.flagged];
    },
  },
  {
    key: 'moveStage',
    label: 'Stage move',
    start: 'tracker',
    repeat: true,
    run: {
      addon: (rt, deals, k) => {
        const { id } = lateDeal(deals, 0, k);
        return {
          prepare: () => rpc(rt, 'getDeal', { id }).version,
          execute: (version) => rpc(rt, 'moveStage', { id, version, to: 'Qualified' }),
        };
      },
      fair: (rt, deals, k) => ({
        execute: () => rt.run('moveStage', lateDeal(deals, 0, k).id, 'Qualified'),
      }),
      strawman: (rt, deals, k) => ({
        execute: () => {
          const { id } = lateDeal(deals, 0, k);
          if (rt.run('naiveMoveStage', id, 'Qualified') !== true)
            throw new Error(`naiveMoveStage did not find ${id}`);
        },
      }),
    },
    outcome: (rt, _output, _implementation, deals) => [
      rowOf(rt, lateDeal(deals, 0, 0).row),
      lastHistoryLine(rt),
    ],
  },
  {
    key: 'setNextAction',
    label: 'Set next action',
    start: 'tracker',
    repeat: true,
    run: {
      addon: (rt, deals, k) => {
        const { id } = lateDeal(deals, 3, k);
        return {
          prepare: () => rpc(rt, 'getDeal', { id }).version,
          execute: (version) => rpc(rt, 'setNextAction', { id, version, ...nextAction }),
        };
      },
      fair: (rt, deals, k) => ({
        execute: () =>
          rt.run(
            'setNextAction',
            lateDeal(deals, 3, k).id,
            nextAction.nextAction,
            nextAction.nextActionDate,
            nextAction.nextActionGoal,
          ),
      }),
    },
    outcome: (rt, _output, _implementation, deals) => [
      rowOf(rt, lateDeal(deals, 3, 0).row),
      lastHistoryLine(rt),
    ],
  },
  {
    key: 'createDeal',
    label: 'Create a deal',
    start: 'tracker',
    // Once: the next IDs (and so Check & repair's) must match across implementations.
    repeat: false,
    run: {
      addon: (rt) => ({ execute: () => rpc(rt, 'createDeal', newDeal) }),
      fair: (rt) => ({ execute: () => rt.run('createDeal', newDeal) }),
    },
    outcome: (rt, output, implementation) => {
      const id =
        implementation === 'addon'
          ? ((output as { deal: { id: string } }).deal.id as string)
          : (output as { id: string }).id;
      return [rowOf(rt, rowOfId(rt, id)), lastHistoryLine(rt)];
    },
  },
  {
    key: 'adopt',
    label: 'Set up (adopt a 10-column sheet)',
    start: 'team',
    repeat: false,
    run: {
      addon: (rt) => ({
        // Set up tracker shows the adoption dialog; the team presses Apply (two executions).
        execute: () => {
          rt.run('setUpTracker');
          const html = rt.ui.dialogs.at(-1)?.html ?? '';
          const json = /id="adoption-view">([\s\S]*?)<\/script>/.exec(html)?.[1];
          if (!json) throw new Error('Set up tracker showed no adoption dialog');
          const { sheetId, fingerprint } = JSON.parse(json) as {
            sheetId: number;
            fingerprint: string;
          };
          const choices = { columns: {}, stages: {}, groups: [] };
          return rt.runFromClient('adoptRpc', 'apply', { sheetId, choices, fingerprint });
        },
      }),
      fair: (rt) => ({
        execute: () => {
          rt.ui.answer('YES');
          return rt.run('setUpTracker');
        },
      }),
      strawman: (rt) => ({ execute: () => rt.run('naiveSetUp') }),
    },
    outcome: (rt) => {
      const state = trackerState(rt);
      // The add-on keeps the tab's own name; the baseline finds its tab by name, so renames it.
      return (
        state && { ...state, tabs: state.tabs.filter((t) => t !== 'Pipeline' && t !== tracker) }
      );
    },
  },
  {
    key: 'repair',
    label: 'Check & repair',
    start: 'tracker',
    repeat: false,
    before: (rt, deals) => {
      plantProblems(rt, deals);
    },
    run: {
      addon: (rt) => ({ execute: () => rt.run('checkAndRepair') }),
      fair: (rt) => ({ execute: () => rt.run('checkAndRepair') }),
      strawman: (rt) => ({ execute: () => rt.run('naiveRepair') }),
    },
    outcome: (rt) => ({ tracker: trackerState(rt), report: reportLines(rt) }),
  },
];
