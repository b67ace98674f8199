// What the menu's Set up tracker and Check & repair do, with the progress and the summary they show.

import { rowsWithProblems, type TrackerPlan } from '../domain/adoption';
import { fieldByKey } from '../domain/fields';
import { stageKindOf } from '../domain/follow-up';
import type { DataIssue } from '../domain/model';
import { cellToText } from '../domain/parse-row';
import { namesAnyone, ownersWithoutEmail } from '../domain/people';
import { showAdoptionDialog } from './adopt-server';
import { cellInputs } from './cells';
import { activeContext, type CallContext, withDocumentLock } from './context';
import { padRows } from './grid';
import { peopleIn } from './owners';
import { documentProperties, propertyKeys } from './properties';
import {
  doneMessage,
  findSheetToSetUp,
  type Progress,
  setUpSheet,
  sheetForNewTracker,
  type TrackerState,
} from './setup';
import { findTab, tabNames } from './tabs';
import { firstDataRow } from './tracker';

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
    // Notes on the whole sheet, one line each: owners without an e-mail, open deals without an amount.
    const owners = ownerIssues(ctx, done.state, done.plan);
    const notes = [...owners, ...amountNote(ctx, done.state, done.plan)];
    writeReport(ctx, [...notes, ...done.plan.issues], done.progress);
    return { ...done, owners, notes };
  });
  if (!result.ok) {
    ui.alert(ctx.t('repair.title'), ctx.t('busy'), ui.ButtonSet.OK);
    return;
  }
  const { plan, applied, owners, notes } = result.value;
  if (plan.issues.length === 0 && notes.length === 0) {
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
    [
      ctx.t('repair.done', {
        rows: plan.dataRows,
        ids: applied.filledIds,
        duplicates: plan.duplicateIds.length,
        issues: plan.issues.length === 0 ? 0 : rowsWithProblems(plan.issues),
        problems: plan.issues.length + notes.length,
        where: ctx.t('repair.where', { tab: tabNames.report[ctx.language] }),
      }),
      ...(owners.length > 0
        ? [ctx.t('repair.owners', { names: owners.map((issue) => issue.value).join('; ') })]
        : []),
    ].join('\n\n'),
    ui.ButtonSet.OK,
  );
}

/**
 * Each owner name the Team tab gives no e-mail for, once, with how many deals name them and where
 * (not a problem on every row). Reads the Team tab only when some owner cell holds a name.
 */
function ownerIssues(ctx: CallContext, state: TrackerState, plan: TrackerPlan): DataIssue[] {
  const ownerColumn = plan.after.byField.owner;
  const idColumn = plan.after.byField.id;
  if (ownerColumn === undefined) return [];
  const deals: Array<{ owner: string; id: string }> = [];
  const rows: number[] = [];
  state.grid.rows.forEach((cells, i) => {
    const owner = cellToText(cells[ownerColumn]).trim();
    if (owner === '') return;
    deals.push({ owner, id: idColumn === undefined ? '' : cellToText(cells[idColumn]).trim() });
    rows.push(firstDataRow + i);
  });
  if (!namesAnyone(deals)) return [];
  const column = plan.after.headers[ownerColumn] ?? fieldByKey.owner.header[ctx.language];
  return ownersWithoutEmail(deals, peopleIn(ctx.spreadsheet), rows).map((owner) => ({
    field: 'owner',
    column,
    problem: 'ownerWithoutEmail',
    value: ctx.t('repair.ownerDeals', {
      name: owner.name,
      count: owner.ids.length,
      rows: listed(owner.rows),
    }),
  }));
}

/**
 * Open deals without an amount, in one line: a note on the data (they count as 0 in the pipeline
 * and the forecast), not a reason to drop a deal nor a problem on every row.
 */
function amountNote(ctx: CallContext, state: TrackerState, plan: TrackerPlan): DataIssue[] {
  const amount = plan.after.byField.amount;
  const stage = plan.after.byField.stage;
  if (amount === undefined || stage === undefined) return [];
  const rows: number[] = [];
  state.grid.rows.forEach((cells, i) => {
    const stageText = cellToText(cells[stage]).trim();
    if (stageText === '' || cellToText(cells[amount]).trim() !== '') return;
    if (stageKindOf(plan.settings, stageText) === 'open') rows.push(firstDataRow + i);
  });
  if (rows.length === 0) return [];
  return [
    {
      field: 'amount',
      column: plan.after.headers[amount] ?? fieldByKey.amount.header[ctx.language],
      problem: 'openWithoutAmount',
      value: ctx.t('repair.openDeals', { count: rows.length, rows: listed(rows) }),
    },
  ];
}

/** "2, 5, 9" or "2, 5, 9, … (+40)": rows named without making the report line endless. */
function listed(rows: readonly number[], max = 10): string {
  const shown = rows.slice(0, max).join(', ');
  return rows.length > max ? `${shown}, … (+${rows.length - max})` : shown;
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
        ctx.t(`problem.${issue.problem}`),
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
