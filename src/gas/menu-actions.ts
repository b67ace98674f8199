// What the menu's Set up tracker and Check & repair do, with the questions they ask first.

import { fieldByKey } from '../domain/fields';
import type { DataIssue, Settings } from '../domain/model';
import { activeContext, type CallContext, withDocumentLock } from './context';
import { type AdoptionPlan, applyTracker, chooseTrackerSheet, planAdoption } from './setup';
import { findTab, readSettings, settingsRows, tabNames } from './tabs';
import { findTrackerSheet, readTracker } from './tracker';

export function setUpTracker(): void {
  const ctx = activeContext();
  const ui = SpreadsheetApp.getUi();
  const result = withDocumentLock(10_000, () => {
    const choice = chooseTrackerSheet(ctx.spreadsheet, ctx.language);
    const snapshot = readTracker(choice.sheet, ctx.timeZone);
    let { settings } = readSettings(ctx.spreadsheet, ctx.language);
    const plan = planAdoption(snapshot, settings);
    if (choice.adopting) {
      const answer = ui.alert(
        ctx.t('setup.adoptTitle', { sheet: plan.sheetName }),
        describePlan(plan, ctx),
        ui.ButtonSet.YES_NO,
      );
      if (answer !== ui.Button.YES) return null;
    }
    if (plan.unknownStages.length > 0) settings = askAboutUnknownStages(plan, settings, ctx);
    const applied = applyTracker(ctx.spreadsheet, choice.sheet, snapshot, settings, ctx.language);
    choice.sheet.activate();
    return applied;
  });
  if (!result.ok) {
    ui.alert(ctx.t('setup.title'), ctx.t('busy'), ui.ButtonSet.OK);
    return;
  }
  if (!result.value) return;
  const applied = result.value;
  const rowsWithIssues = new Set(applied.issues.map((issue) => issue.row)).size;
  ui.alert(
    ctx.t('setup.title'),
    ctx.t('setup.done', {
      sheet: applied.sheet.getName(),
      added: applied.addedColumns.length,
      ids: applied.filledIds,
      issues: rowsWithIssues,
    }),
    ui.ButtonSet.OK,
  );
}

export function describePlan(plan: AdoptionPlan, ctx: Pick<CallContext, 't' | 'language'>): string {
  const none = ctx.t('setup.none');
  const list = (items: string[]) => (items.length ? items.join(', ') : none);
  let body = ctx.t('setup.adoptBody', {
    mappedCount: plan.mapped.length,
    mapped: list(
      plan.mapped.map((m) => `${m.header} → ${fieldByKey[m.field].header[ctx.language]}`),
    ),
    unmappedCount: plan.unmapped.length,
    unmapped: list(plan.unmapped),
    addCount: plan.toAdd.length,
    add: list(plan.toAdd.map((field) => fieldByKey[field].header[ctx.language])),
    rows: plan.dataRows,
    missingIds: plan.missingIds,
  });
  if (plan.duplicates.length > 0) {
    body += `\n\n${ctx.t('setup.duplicateColumns', {
      list: plan.duplicates.map((d) => d.headers.join(' / ')).join('; '),
    })}`;
  }
  return body;
}

/** Offers to keep stage values the list does not know (an export from another CRM has its own). */
function askAboutUnknownStages(plan: AdoptionPlan, settings: Settings, ctx: CallContext): Settings {
  const ui = SpreadsheetApp.getUi();
  const list = plan.unknownStages.map((s) => `"${s.value}" (${s.rows})`).join(', ');
  const answer = ui.alert(
    ctx.t('setup.unknownStagesTitle'),
    ctx.t('setup.unknownStagesBody', { list }),
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES) return settings;
  const firstClosed = settings.stages.findIndex((stage) => stage.kind !== 'open');
  const at = firstClosed < 0 ? settings.stages.length : firstClosed;
  const added = plan.unknownStages.map((s) => ({
    name: s.value,
    probability: 10,
    targetDays: 14,
    kind: 'open' as const,
    exitCriteria: [],
  }));
  const next = {
    ...settings,
    stages: [...settings.stages.slice(0, at), ...added, ...settings.stages.slice(at)],
  };
  const tab = findTab(ctx.spreadsheet, 'settings');
  if (tab) {
    const rows = settingsRows(next, ctx.language);
    const width = Math.max(...rows.map((row) => row.length));
    tab.clearContents();
    tab
      .getRange(1, 1, rows.length, width)
      .setValues(rows.map((row) => [...row, ...Array(width - row.length).fill('')]));
  }
  return next;
}

export function checkAndRepair(): void {
  const ctx = activeContext();
  const ui = SpreadsheetApp.getUi();
  const sheet = findTrackerSheet(ctx.spreadsheet);
  if (!sheet) {
    ui.alert(ctx.t('repair.title'), ctx.t('repair.notSetUp'), ui.ButtonSet.OK);
    return;
  }
  const result = withDocumentLock(10_000, () => {
    const snapshot = readTracker(sheet, ctx.timeZone);
    const { settings } = readSettings(ctx.spreadsheet, ctx.language);
    const applied = applyTracker(ctx.spreadsheet, sheet, snapshot, settings, ctx.language);
    const issues = [...applied.issues];
    writeReport(ctx, issues);
    return { applied, rows: applied.plan.dataRows, issues };
  });
  if (!result.ok) {
    ui.alert(ctx.t('repair.title'), ctx.t('busy'), ui.ButtonSet.OK);
    return;
  }
  const { applied, rows, issues } = result.value;
  const where =
    issues.length > 0
      ? ctx.t('repair.where', { tab: tabNames.report[ctx.language] })
      : ctx.t('repair.clean');
  ui.alert(
    ctx.t('repair.title'),
    ctx.t('repair.done', {
      rows,
      ids: applied.filledIds,
      duplicates: applied.duplicateIds.length,
      problems: issues.length,
      where,
    }),
    ui.ButtonSet.OK,
  );
}

/**
 * The readable report: one line per problem (row, ID, column as the sheet names it, reason, value),
 * in a generated tab that says so in its first row. Rebuilt on each run; never touches the tracker.
 */
function writeReport(ctx: CallContext, issues: DataIssue[]): void {
  const existing = findTab(ctx.spreadsheet, 'report');
  if (issues.length === 0 && !existing) return;
  const tab = existing ?? ctx.spreadsheet.insertSheet(tabNames.report[ctx.language]);
  const lines = issues.map((issue) => [
    issue.row ?? '',
    `'${issue.id ?? ''}`,
    `'${issue.column || fieldByKey[issue.field].header[ctx.language]}`,
    `'${ctx.t(`problem.${issue.problem}`)}`,
    `'${issue.value}`,
  ]);
  const header = ctx.t('report.columns').split('|');
  const rows: Array<Array<string | number>> = [
    [ctx.t('report.header', { date: ctx.now.date }), '', '', '', ''],
    header,
    ...lines,
  ];
  tab.clearContents();
  tab.getRange(1, 1, rows.length, 5).setValues(rows);
  tab.getRange(2, 1, 1, 5).setFontWeight('bold');
  tab.setFrozenRows(2);
}
