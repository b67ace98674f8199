// A set-up tracker of any size, built directly as a snapshot (setup at 50,000 rows is tested on its own).

import { createRuntime } from '../../scripts/runtime/index';
import type { CellSnapshot, SheetSnapshot } from '../../scripts/runtime/snapshot';
import { encodeActivity } from '../../src/domain/activity';
import { technicalHeaders } from '../../src/domain/columns';
import { addDays, type LocalDate } from '../../src/domain/dates';
import { defaultSettings } from '../../src/domain/defaults';
import { fields } from '../../src/domain/fields';
import type { Team } from '../../src/domain/model';
import { settingsToRows, teamToRows } from '../../src/domain/settings-table';
import { dateCell, type Runtime, sheetOf, spreadsheetOf } from './tracker';

export const bigToday = '2026-11-23' as LocalDate;
export const bigNow = new Date('2026-11-23T09:30:00Z');
export const trackerHeaders = [...fields.map((f) => f.header.en), technicalHeaders.en];

export interface BigTrackerOptions {
  /** History lines per deal (default 10, as the budgets assume). */
  historyPerDeal?: number;
  /** Distinct owners (default 50). */
  owners?: number;
  /** The script to run on it (default dist/, the add-on; the bench runs its baselines here). */
  distDir?: string;
  /**
   * Share (0-1) of the deals, from the top, Won or Lost and closed more than a year before today,
   * with their History dated then (issue 22's archive: "80 % closed more than a year ago").
   */
  closedLongAgo?: number;
  /** Owner cells hold the sellers' names ("Seller 3"), as CRM exports do; the Team tab has their e-mails. */
  ownerNames?: boolean;
}

export const ownerOf = (i: number, owners: number) => `seller${i % owners}@example.com`;
export const idOf = (i: number) => `OPP-${String(i + 1).padStart(6, '0')}`;

const stages = ['New', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'];

/**
 * `deals` deals across every stage and `owners` owners, with next actions (some overdue), close
 * dates, scores and History; the layout cache and the properties set up leaves behind, so the
 * first sidebar call is like any later one.
 */
export async function bigTracker(deals: number, options: BigTrackerOptions = {}): Promise<Runtime> {
  const owners = options.owners ?? 50;
  const historyPerDeal = options.historyPerDeal ?? 10;
  const column = new Map(trackerHeaders.map((header, i) => [header, i]));
  const at = (header: string) => column.get(header) as number;
  const text = (value: string | number | boolean): CellSnapshot => ({ value });
  const rows: Array<Array<CellSnapshot | null>> = [trackerHeaders.map(text)];
  const history: Array<Array<CellSnapshot | null>> = [
    ['Time', 'User', 'Deal ID', 'Field', 'Old value', 'New value'].map(text),
  ];
  const oldDeals = Math.round(deals * (options.closedLongAgo ?? 0));
  for (let i = 0; i < deals; i += 1) {
    const row: Array<CellSnapshot | null> = Array(trackerHeaders.length).fill(null);
    const old = i < oldDeals;
    const stage = old ? (i % 3 === 0 ? 'Lost' : 'Won') : (stages[i % stages.length] as string);
    const created = old
      ? addDays(bigToday, -(500 + (i % 400)))
      : addDays(bigToday, -(30 + (i % 120)));
    const entered = old ? addDays(created, 20 + (i % 90)) : addDays(bigToday, -(i % 40));
    const close = addDays(bigToday, (i % 90) - 20);
    const next = addDays(bigToday, (i % 15) - 5);
    const owner = ownerOf(i, owners);
    row[at('ID')] = text(idOf(i));
    row[at('Opportunity')] = text(`Deal ${i + 1}`);
    row[at('Customer')] = text(`Customer ${i % 997}`);
    row[at('Owner')] = text(options.ownerNames ? `Seller ${i % owners}` : owner);
    row[at('Stage')] = text(stage);
    row[at('Amount')] = text(1000 + ((i * 37) % 50_000));
    row[at('Expected close')] = dateCell(close, 'yyyy-mm-dd');
    row[at('Created')] = dateCell(created, 'yyyy-mm-dd');
    row[at('In stage since')] = dateCell(entered, 'yyyy-mm-dd');
    if (i % 7 !== 0) {
      row[at('Next action')] = text(`Call about ${i}`);
      row[at('Next action date')] = dateCell(next, 'yyyy-mm-dd');
    }
    row[at('Budget confirmed')] = text(i % 2 === 0);
    row[at('DM identified')] = text(i % 3 === 0);
    if (stage === 'Won' || stage === 'Lost') row[at('Closed on')] = dateCell(entered, 'yyyy-mm-dd');
    if (stage === 'Lost') row[at('Lost reason')] = text('Price');
    row[at(technicalHeaders.en)] = text(
      encodeActivity({
        id: idOf(i),
        events: [],
        last: { stage, closeDate: close },
      }),
    );
    rows.push(row);
    for (let h = 0; h < historyPerDeal; h += 1) {
      history.push(
        [
          `${addDays(created, old ? Math.min(h, 19) : h)} 10:00:00`,
          owner,
          idOf(i),
          h % 2 === 0 ? 'stage' : 'closeDate',
          h % 2 === 0 ? 'New' : addDays(close, -7),
          h % 2 === 0 ? stage : close,
        ].map(text),
      );
    }
  }
  const settings = defaultSettings('en');
  const team: Team = Array.from({ length: owners }, (_, i) => ({
    email: ownerOf(i, owners),
    name: `Seller ${i}`,
    managerEmail: 'boss@example.com',
  }));
  const tracker: SheetSnapshot = {
    ...sheetOf('Opportunities', [], 0),
    rows,
    maxRows: deals + 1000,
    maxColumns: trackerHeaders.length,
    frozenRows: 1,
    hiddenColumns: [trackerHeaders.length],
  };
  const historyTab: SheetSnapshot = {
    ...sheetOf('History', [], 3),
    rows: history,
    maxRows: history.length + 1000,
  };
  const rt = await createRuntime({
    spreadsheet: spreadsheetOf([
      tracker,
      sheetOf('Settings', settingsToRows(settings, 'en'), 1),
      sheetOf('Team', teamToRows(team, 'en'), 2),
      historyTab,
    ]),
    timeZone: 'Europe/Madrid',
    now: bigNow,
    user: ownerOf(0, owners),
    ...(options.distDir === undefined ? {} : { distDir: options.distDir }),
  });
  seedTrackerProperties(rt, deals);
  return rt;
}

/** The document properties set up leaves behind for a bigTracker snapshot of `deals` deals. */
export function seedTrackerProperties(rt: Runtime, deals: number): void {
  const props = rt.properties.document();
  props.set('tracker.sheetId', '0');
  props.set('settings.sheetId', '1');
  props.set('team.sheetId', '2');
  props.set('history.sheetId', '3');
  props.set('tracker.nextId', String(deals + 1));
  props.set('settings.language', '');
  // What set up stores: the header, and every column known to hold no formula.
  props.set(
    'tracker.columns',
    JSON.stringify({
      sheetId: '0',
      headers: trackerHeaders,
      plain: trackerHeaders.map((header) => `${header}#1`),
    }),
  );
}
