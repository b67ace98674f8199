// "Load demo data": an empty file becomes a set-up tracker full of realistic deals; anything else is left alone.

import { emptyActivity, encodeActivity, withEvents } from '../domain/activity';
import { demoData } from '../domain/demo-data';
import { type FieldKey, fieldByKey } from '../domain/fields';
import { groupHistory } from '../domain/metrics-math';
import { cellInputs, quoteIfRisky, toSheetValue } from './cells';
import { activeContext, type CallContext, withDocumentLock } from './context';
import { findGeneratedTab } from './generated-tabs';
import { padRows } from './grid';
import { documentProperties, propertyKeys } from './properties';
import { findLogTab } from './reminder-logs';
import { raiseIdCounter } from './row-access';
import { findSheetToSetUp, setUpSheet, sheetForNewTracker } from './setup';
import { appendHistory, findTab, readSettings, teamRows } from './tabs';
import { firstDataRow, readTracker } from './tracker';
import { relearnLayout, trackerSheet } from './tracker-layout';

/**
 * Fills an empty file with the demo pipeline: set up, 60 deals with their History, a demo team.
 * Anything else (a tracker with deals, a tab with someone's data, a Team tab with people) is
 * never touched: the answer says so plainly and where to load the demo instead.
 */
export function loadDemoData(): void {
  const ctx = activeContext();
  const ui = SpreadsheetApp.getUi();
  const busy = tabWithData(ctx.spreadsheet);
  if (busy !== null) {
    ui.alert(ctx.t('demo.title'), ctx.t('demo.notEmpty', { tab: busy }), ui.ButtonSet.OK);
    return;
  }
  const recorded = documentProperties()?.getProperty(propertyKeys.trackerSheetId) ?? null;
  const choice = findSheetToSetUp(ctx.spreadsheet, recorded);
  const done = withDocumentLock(10_000, () => {
    const where = choice.kind === 'adopt' ? ({ kind: 'insert' } as const) : choice;
    const sheet = sheetForNewTracker(ctx.spreadsheet, where, ctx.language);
    setUpSheet(ctx, sheet, ctx.t('demo.title'));
    return fillTracker(ctx, sheet);
  });
  if (!done.ok) ui.alert(ctx.t('demo.title'), ctx.t('busy'), ui.ButtonSet.OK);
  else ui.alert(ctx.t('demo.title'), ctx.t('demo.loaded', { rows: done.value }), ui.ButtonSet.OK);
}

/**
 * The first tab holding someone's data, or null for an empty file: only the add-on's own tabs
 * (Settings, History, the logs...) may hold anything, and the tracker and Team tab no more than
 * their header rows. One cheap read per tab (its last row and column).
 */
function tabWithData(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string | null {
  const sheets = spreadsheet.getSheets();
  const tracker = trackerSheet(spreadsheet);
  const team = findTab(spreadsheet, 'team', sheets);
  const own = new Set(
    [
      ...(['settings', 'history', 'report'] as const).map((kind) =>
        findTab(spreadsheet, kind, sheets),
      ),
      ...(['metrics', 'snapshots'] as const).map((kind) => findGeneratedTab(spreadsheet, kind)),
      ...(['sentLog', 'runLog'] as const).map((kind) => findLogTab(sheets, kind)),
    ].map((sheet) => sheet?.getSheetId()),
  );
  for (const sheet of sheets) {
    const id = sheet.getSheetId();
    if (own.has(id)) continue;
    const headerOnly = id === tracker?.getSheetId() || id === team?.getSheetId();
    if (sheet.getLastRow() > (headerOnly ? 1 : 0)) return sheet.getName();
  }
  return null;
}

/** Writes the demo deals under the tracker's header in one block, plus History and Team. */
export function fillTracker(ctx: CallContext, sheet: GoogleAppsScript.Spreadsheet.Sheet): number {
  const snapshot = readTracker(sheet, ctx.timeZone);
  const { settings } = readSettings(ctx.spreadsheet, ctx.language);
  const demo = demoData(ctx.now.date, settings, ctx.language);
  const layout = relearnLayout(sheet);
  const eventsByDeal = groupHistory(demo.history);
  const grid = demo.deals.map((deal) => {
    const row: Array<string | number | boolean> = Array(snapshot.width).fill('');
    for (const [field, column] of Object.entries(snapshot.columns.byField) as Array<
      [FieldKey, number]
    >) {
      row[column] = toSheetValue(fieldByKey[field].kind, deal[field]);
    }
    // Each deal's recent History in its activity log, as the sidebar shows it.
    if (layout.activity !== null && layout.activity < row.length) {
      const activity = withEvents(emptyActivity(deal.id), eventsByDeal.get(deal.id) ?? []);
      activity.last = {
        stage: deal.stage,
        ...(deal.closeDate ? { closeDate: deal.closeDate } : {}),
      };
      row[layout.activity] = quoteIfRisky(encodeActivity(activity));
    }
    return row;
  });
  if (firstDataRow + grid.length - 1 > sheet.getMaxRows()) {
    sheet.insertRowsAfter(sheet.getMaxRows(), firstDataRow + grid.length - 1 - sheet.getMaxRows());
  }
  sheet.getRange(firstDataRow, 1, grid.length, snapshot.width).setValues(grid);
  raiseIdCounter(demo.deals.map((deal) => deal.id));
  const history = findTab(ctx.spreadsheet, 'history');
  if (history) appendHistory(history, demo.history);
  const team = findTab(ctx.spreadsheet, 'team');
  if (team) {
    const rows = padRows(teamRows(demo.team, ctx.language));
    team.clearContents();
    team.getRange(1, 1, rows.length, rows[0]?.length ?? 1).setValues(cellInputs(rows));
  }
  return grid.length;
}
