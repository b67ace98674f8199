// What the menu's Set up tracker and Check & repair do, with the progress and the summary they show.

import { rowsWithProblems } from '../domain/adoption';
import { fieldByKey } from '../domain/fields';
import type { DataIssue } from '../domain/model';
import { problemReason } from '../domain/problems';
import { showAdoptionDialog } from './adopt-server';
import { cellInputs } from './cells';
import { activeContext, type CallContext, withDocumentLock } from './context';
import { padRows } from './grid';
import { documentProperties, propertyKeys } from './properties';
import {
  doneMessage,
  findSheetToSetUp,
  type Progress,
  setUpSheet,
  sheetForNewTracker,
} from './setup';
import { findTab, tabNames } from './tabs';

export function setUpTracker(): void {
  const ctx = activeContext();
  const ui = SpreadsheetApp.getUi();
  const recorded = documentProperties()?.getProperty(propertyKeys.trackerSheetId) ?? null;
  const choice = findSheetToSetUp(ctx.spreadsheet, recorded);
  if (choice.kind === 'adopt') {
    // Nothing changes until the team presses Apply in the dialog.
    showAdoptionDialog(ctx, choice.sheet);
    return;
  }
  const result = withDocumentLock(10_000, () => {
    const sheet =
      choice.kind === 'ours'
        ? choice.sheet
        : sheetForNewTracker(ctx.spreadsheet, choice, ctx.language);
    const done = setUpSheet(ctx, sheet, ctx.t('setup.title'));
    sheet.activate();
    return { sheet, ...done };
  });
  if (!result.ok) {
    ui.alert(ctx.t('setup.title'), ctx.t('busy'), ui.ButtonSet.OK);
    return;
  }
  const { sheet, plan, applied } = result.value;
  ui.alert(ctx.t('setup.title'), doneMessage(ctx, sheet, plan, applied), ui.ButtonSet.OK);
}

export function checkAndRepair(): void {
  const ctx = activeContext();
  const ui = SpreadsheetApp.getUi();
  const recorded = documentProperties()?.getProperty(propertyKeys.trackerSheetId) ?? null;
  const choice = findSheetToSetUp(ctx.spreadsheet, recorded);
  if (choice.kind !== 'ours') {
    ui.alert(ctx.t('repair.title'), ctx.t('repair.notSetUp'), ui.ButtonSet.OK);
    return;
  }
  const result = withDocumentLock(10_000, () => {
    const done = setUpSheet(ctx, choice.sheet, ctx.t('repair.title'));
    writeReport(ctx, done.plan.issues, done.progress);
    return done;
  });
  if (!result.ok) {
    ui.alert(ctx.t('repair.title'), ctx.t('busy'), ui.ButtonSet.OK);
    return;
  }
  const { plan, applied } = result.value;
  if (plan.issues.length === 0) {
    // Nothing to decide: a toast, not a box to close.
    ctx.spreadsheet.toast(
      ctx.t('repair.cleanToast', { rows: plan.dataRows }),
      ctx.t('repair.title'),
      10,
    );
    return;
  }
  ui.alert(
    ctx.t('repair.title'),
    ctx.t('repair.done', {
      rows: plan.dataRows,
      ids: applied.filledIds,
      duplicates: plan.duplicateIds.length,
      issues: rowsWithProblems(plan.issues),
      problems: plan.issues.length,
      where: ctx.t('repair.where', { tab: tabNames.report[ctx.language] }),
    }),
    ui.ButtonSet.OK,
  );
}

/** The report's cells as the sheet stores them (text without the apostrophe that keeps it text). */
function reportRows(ctx: CallContext, issues: readonly DataIssue[]): Array<Array<string | number>> {
  const header = ctx.t('report.columns').split('|');
  return padRows<string | number>(
    [
      [ctx.t('report.header', { date: ctx.now.date })],
      header,
      ...issues.map((issue) => [
        issue.row ?? '',
        issue.id ?? '',
        issue.column || fieldByKey[issue.field].header[ctx.language],
        problemReason(issue.problem, ctx.language),
        issue.value,
      ]),
    ],
    5,
  );
}

/**
 * The readable report: one line per problem (row, ID, column as the sheet names it, reason,
 * value), in a generated tab that says so in its first row. Rewritten only when it changed,
 * grown when it needs more rows, and never touching the tracker.
 */
function writeReport(ctx: CallContext, issues: readonly DataIssue[], progress: Progress): void {
  const existing = findTab(ctx.spreadsheet, 'report');
  if (issues.length === 0 && !existing) return;
  const rows = reportRows(ctx, issues);
  const tab = existing ?? ctx.spreadsheet.insertSheet(tabNames.report[ctx.language]);
  const before = existing ? tab.getDataRange().getValues() : [];
  const same =
    before.length === rows.length &&
    rows.every((row, r) => row.every((cell, c) => String(before[r]?.[c] ?? '') === String(cell)));
  if (same) return;
  if (issues.length > 0) progress(ctx.t('progress.report', { problems: issues.length }));
  if (rows.length > tab.getMaxRows()) {
    tab.insertRowsAfter(tab.getMaxRows(), rows.length - tab.getMaxRows());
  }
  // Text goes through the one rule, so a value like "=1" or "2026-12-01" stays what it was.
  tab.getRange(1, 1, rows.length, 5).setValues(cellInputs(rows));
  if (before.length > rows.length) {
    tab.getRange(rows.length + 1, 1, before.length - rows.length, 5).clearContent();
  }
  if (!existing) {
    tab.getRange(2, 1, 1, 5).setFontWeight('bold');
    tab.setFrozenRows(2);
  }
}
