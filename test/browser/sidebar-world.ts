// The add-on behind the sidebar's browser tests: the built dist/Code.js in the local runtime, on deals made with the domain's builders.

import { createRuntime, type Runtime } from '../../scripts/runtime/index';
import type { LocalDate } from '../../src/domain/dates';
import { defaultSettings } from '../../src/domain/defaults';
import { fields } from '../../src/domain/fields';
import type { Language } from '../../src/domain/i18n';
import type { Opportunity } from '../../src/domain/model';
import { fieldToCellValue } from '../../src/domain/parse-row';
import type { Deal, RpcMethod, RpcRequest, RpcResponse } from '../../src/shared/rpc';
import type { RpcResult } from '../../src/shared/rpc-result';
import { aDeal, d } from '../domain/builders';
import { adopt } from '../support/adopt';
import { type CellInput, dateCell, sheetOf, spreadsheetOf } from '../support/tracker';

export { aDeal, d };

/** Monday 23 Nov 2026, 10:30 in Madrid: the day every scenario happens on. */
export const today = '2026-11-23';
const now = new Date('2026-11-23T09:30:00Z');
export const seller = 'ana@example.com';
/** Another editor of the shared sheet. */
export const colleague = 'bob@example.com';

export interface WorldOptions {
  /** en_US (the default) or es_ES: the file's locale, which decides the add-on's language. */
  locale?: 'en_US' | 'es_ES';
  /** False: a spreadsheet where nobody ran Set up tracker yet. */
  setUp?: boolean;
  /** The tracker's rows, in order (row 2 first); a seller's pipeline by default. */
  deals?: Opportunity[];
  /** Weekly reviews the server ran before today: each confirms the deal as it was. */
  reviews?: Array<{ id: string; on: string }>;
}

/** A thrown error here reaches the sidebar through google.script.run's failure handler. */
export class ServerCrash extends Error {}

/**
 * The world a sidebar test acts on: the real server in the runtime, the user's selection in the
 * sheet, other editors, and faults a real server has (lock taken, execution failing).
 */
export class SidebarWorld {
  readonly calls: Array<{ method: string; payload: unknown }> = [];
  /** Rewrites an answer before it leaves, to test how the sidebar takes a broken server. */
  tamper: ((method: string, result: RpcResult<unknown>) => RpcResult<unknown>) | null = null;
  private crashLeft = 0;

  private constructor(readonly rt: Runtime) {}

  static async create(options: WorldOptions = {}): Promise<SidebarWorld> {
    const locale = options.locale ?? 'en_US';
    const language: Language = locale === 'es_ES' ? 'es' : 'en';
    const deals = options.deals ?? pipeline(language);
    const reviews = [...(options.reviews ?? [])].sort((a, b) => (a.on < b.on ? -1 : 1));
    const first = reviews[0];
    const rt = await createRuntime({
      spreadsheet: spreadsheetOf(
        [
          options.setUp === false
            ? sheetOf('Sheet1', [])
            : sheetOf('Opportunities', [
                fields.map((field) => field.header[language]),
                ...deals.map(cellsOf),
              ]),
        ],
        locale,
      ),
      timeZone: 'Europe/Madrid',
      locale,
      now: first ? new Date(`${first.on}T09:00:00Z`) : now,
      user: seller,
    });
    // A tab the add-on did not make is adopted through the dialog: Set up tracker, then Apply.
    if (options.setUp !== false) adopt(rt);
    const world = new SidebarWorld(rt);
    for (const review of reviews) {
      rt.advanceTo(new Date(`${review.on}T09:00:00Z`));
      world.reviewAsItIs(review.id);
    }
    if (first) rt.advanceTo(now);
    return world;
  }

  // ---- What a test does to the world -----------------------------------------------------------

  /** The user clicks a deal's row, or the header (null): no deal under the cursor. */
  select(id: string | null): void {
    this.rt.select('Opportunities', id === null ? 'A1' : `A${this.rowOf(id)}`);
  }

  /** Someone else saves a change to the deal: its version changes under the sidebar. */
  editAsSomeoneElse(
    id: string,
    patch: Partial<Pick<Deal, 'nextAction' | 'amount' | 'name' | 'closeDate'>>,
  ): void {
    const me = this.rt.user;
    this.rt.setUser(colleague);
    try {
      const { nextAction, ...rest } = patch;
      if (nextAction !== undefined) {
        const deal = this.deal(id);
        this.call('setNextAction', {
          id,
          version: this.view(id).version,
          nextAction,
          nextActionDate: deal.nextActionDate,
          nextActionGoal: deal.nextActionGoal,
        });
      }
      if (Object.keys(rest).length > 0)
        this.call('updateDeal', { id, version: this.view(id).version, patch: rest });
    } finally {
      this.rt.setUser(me);
    }
  }

  /** Another execution holds the document lock a little longer than a write waits for it. */
  lockTakenForOneWrite(): void {
    this.rt.holdLock('document', this.rt.clock.now() + 8_500);
  }

  /** The next `count` calls fail in Apps Script itself (google.script.run's failure handler). */
  crashFor(count: number): void {
    this.crashLeft = count;
  }

  /** A user deletes the deal's row in the sheet. */
  deleteRow(id: string): void {
    const sheet = this.rt.spreadsheet.sheetByName('Opportunities');
    if (!sheet) throw new Error('No Opportunities tab.');
    sheet.delete('rows', this.rowOf(id), 1);
  }

  /** Types a value into a cell, as a user in the grid (validation and onEdit apply). */
  typeInto(sheet: string, a1: string, value: string): void {
    const outcome = this.rt.edit(sheet, a1, value);
    if (!outcome.accepted) throw new Error(outcome.message ?? `${sheet}!${a1} refused ${value}`);
  }

  // ---- What a test reads back ------------------------------------------------------------------

  /** The deal as the server reads it now. */
  deal(id: string): Deal {
    return this.view(id).deal;
  }

  /** The sidebar's calls of one method, with the payload the server received. */
  callsOf(method: RpcMethod): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.payload);
  }

  /** History lines of one deal, oldest first, as the History tab holds them. */
  historyOf(id: string): Array<{ user: string; field: string; old: string; new: string }> {
    const [, ...lines] = this.rt.read('History');
    return lines
      .filter((line) => String(line[2]) === id)
      .map((line) => ({
        user: String(line[1]),
        field: String(line[3]),
        old: String(line[4] ?? ''),
        new: String(line[5] ?? ''),
      }));
  }

  // ---- The server, as google.script.run.rpc reaches it ----------------------------------------

  /** rpc(method, payload) in Apps Script, with the arguments and answer crossing as plain data. */
  rpc(method: string, payload: unknown): RpcResult<unknown> {
    this.calls.push({ method, payload });
    if (this.crashLeft > 0) {
      this.crashLeft -= 1;
      throw new ServerCrash('Service Spreadsheets timed out while accessing document.');
    }
    const result = this.rt.runFromClient('rpc', method, payload) as RpcResult<unknown>;
    return this.tamper ? this.tamper(method, result) : result;
  }

  private call<M extends RpcMethod>(method: M, payload: RpcRequest<M>): RpcResponse<M> {
    const result = this.rt.runFromClient('rpc', method, payload) as RpcResult<RpcResponse<M>>;
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.data;
  }

  private view(id: string): RpcResponse<'getDeal'> {
    return this.call('getDeal', { id });
  }

  /** A weekly review step that confirms the deal as it is. */
  private reviewAsItIs(id: string): void {
    const { deal, version } = this.view(id);
    this.call('reviewDeal', {
      id,
      version,
      nextAction: deal.nextAction,
      nextActionDate: deal.nextActionDate,
      nextActionGoal: deal.nextActionGoal,
      closeDate: deal.closeDate,
      confirmPast: true,
    });
  }

  private rowOf(id: string): number {
    const ids = this.rt.read('Opportunities').map((line) => String(line[0] ?? ''));
    const index = ids.indexOf(id);
    if (index < 1) throw new Error(`No row has ID ${id}.`);
    return index + 1;
  }
}

/** A deal's row as a user would have typed it: dates as date cells, empty fields empty. */
function cellsOf(deal: Opportunity): CellInput[] {
  return fields.map((field) => {
    const value = fieldToCellValue(field.key, deal[field.key]);
    if (typeof value === 'object') return dateCell(value.date);
    if (field.key === 'score' || field.key === 'stars' || field.key === 'closePushes') return '';
    return value;
  });
}

/** A seller's pipeline on 23 Nov 2026: something overdue, due today, stale, without next action. */
export function pipeline(language: Language = 'en'): Opportunity[] {
  const stage = (index: number) => defaultSettings(language).stages[index]?.name ?? 'New';
  return [
    aDeal({
      id: 'OPP-000001',
      name: 'Fleet renewal',
      customer: 'Acme Logistics',
      stage: stage(1),
      amount: 48_000,
      closeDate: d('2026-12-15'),
      stageEntered: d('2026-11-10'),
      nextAction: 'Call Ana about the budget',
      nextActionDate: d('2026-11-20'),
      nextActionGoal: 'Confirm the budget range',
      budget: true,
      authority: true,
    }),
    aDeal({
      id: 'OPP-000002',
      name: 'Warehouse sensors',
      customer: 'Norte Foods',
      stage: stage(2),
      amount: 12_500,
      closeDate: d('2026-11-30'),
      stageEntered: d('2026-11-18'),
      nextAction: 'Send the revised proposal',
      nextActionDate: d(today),
    }),
    aDeal({
      id: 'OPP-000003',
      name: 'Pilot for 3 stores',
      customer: 'Café Luna',
      stage: stage(0),
      amount: 3_000,
      closeDate: d('2027-01-20'),
      stageEntered: d('2026-11-22'),
    }),
    aDeal({
      id: 'OPP-000004',
      name: 'Annual support',
      customer: 'Hierros Martín',
      stage: stage(3),
      amount: 22_000,
      closeDate: d('2026-12-01'),
      stageEntered: d('2026-11-15'),
      nextAction: 'Agree the terms',
      nextActionDate: d('2026-11-26'),
      timeline: true,
    }),
    aDeal({
      id: 'OPP-000005',
      name: 'Printer fleet',
      customer: 'Oficinas Sol',
      stage: stage(4),
      amount: 9_000,
      closeDate: d('2026-11-02'),
      closedOn: d('2026-11-02'),
    }),
    aDeal({
      id: 'OPP-000006',
      name: 'Bob’s deal',
      customer: 'Other Co',
      owner: colleague,
      stage: stage(1),
      amount: 5_000,
      closeDate: d('2026-12-20'),
      nextAction: 'Demo',
      nextActionDate: d('2026-11-25'),
    }),
  ];
}

/** A date `days` after today, yyyy-mm-dd. */
export function daysFromToday(days: number): LocalDate {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10) as LocalDate;
}
