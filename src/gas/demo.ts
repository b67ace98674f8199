// "Load demo data": a set-up tracker full of realistic deals, never written over anyone's data.

import { emptyActivity, encodeActivity, withEvents } from '../domain/activity';
import { demoData } from '../domain/demo-data';
import { type FieldKey, fieldByKey } from '../domain/fields';
import { groupHistory } from '../domain/metrics-math';
import { cellInputs, quoteIfRisky, toSheetValue } from './cells';
import { activeContext, type CallContext, withDocumentLock } from './context';
import { padRows } from './grid';
import { documentProperties, propertyKeys } from './properties';
import { raiseIdCounter } from './row-access';
import { findSheetToSetUp, setUpSheet, sheetForNewTracker } from './setup';
import { appendHistory, findTab, readSettings, teamRows } from './tabs';
import { findTrackerSheet, firstDataRow, readTracker } from './tracker';
import { relearnLayout } from './tracker-layout';

/**
 * Fills the tracker with the demo pipeline when the file has no tracker yet or an empty one;
 * otherwise the demo goes into a new spreadsheet of its own, so no user data is ever at risk.
 */
export function loadDemoData(): void {
  const ctx = activeContext();
  const ui = SpreadsheetApp.getUi();
  const existing = findTrackerSheet(ctx.spreadsheet);
  const recorded = documentProperties()?.getProperty(propertyKeys.trackerSheetId) ?? null;
  const choice = findSheetToSetUp(ctx.spreadsheet, recorded);
  // A sheet with someone's data (not yet the tracker) is never filled with the demo either.
  if ((existing && existing.getLastRow() > 1) || choice.kind === 'adopt') {
    const copy = SpreadsheetApp.create(`${ctx.t('addon.name')} demo`);
    copy.setSpreadsheetTimeZone(ctx.timeZone);
    const rows = demoRows(ctx, copy.getSheets()[0] ?? copy.insertSheet());
    ui.alert(
      ctx.t('demo.title'),
      ctx.t('demo.newFile', { url: copy.getUrl(), rows }),
      ui.ButtonSet.OK,
    );
    return;
  }
  const done = withDocumentLock(10_000, () => {
    const sheet =
      choice.kind === 'ours'
        ? choice.sheet
        : sheetForNewTracker(ctx.spreadsheet, choice, ctx.language);
    setUpSheet(ctx, sheet, ctx.t('demo.title'));
    return fillTracker(ctx, sheet);
  });
  if (!done.ok) ui.alert(ctx.t('demo.title'), ctx.t('busy'), ui.ButtonSet.OK);
  else ui.alert(ctx.t('demo.title'), ctx.t('demo.loaded', { rows: done.value }), ui.ButtonSet.OK);
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

/** The demo as plain rows with English headers in a fresh file: Set up tracker there adopts them. */
function demoRows(ctx: CallContext, sheet: GoogleAppsScript.Spreadsheet.Sheet): number {
  const { settings } = readSettings(ctx.spreadsheet, ctx.language);
  const demo = demoData(ctx.now.date, settings, ctx.language);
  const fields = Object.keys(demo.deals[0] ?? {}) as FieldKey[];
  const header = fields.map((field) => quoteIfRisky(fieldByKey[field].header[ctx.language]));
  const rows = demo.deals.map((deal) =>
    fields.map((field) => toSheetValue(fieldByKey[field].kind, deal[field])),
  );
  sheet.getRange(1, 1, rows.length + 1, header.length).setValues([header, ...rows]);
  return rows.length;
}
