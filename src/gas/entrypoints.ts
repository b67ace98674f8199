// Every function Apps Script can call: triggers, menu items and the sidebar's server calls.
// Nothing runs at load time; each call builds what it needs.

import { translate } from '../domain/i18n';
import { serveAdoption } from './adopt-server';
import { archiveFromMenu } from './archive-actions';
import { loadDemoData as loadDemo } from './demo';
import { finishEarlierWork } from './journal';
import { buildMenu, documentLanguage } from './menu';
import { checkAndRepair as repair, setUpTracker as setUp } from './menu-actions';
import { refreshMetricsFromMenu } from './metrics-refresh';
import { handleEdit } from './on-edit';
import { runReminderTrigger } from './reminder-run';
import { warnIfRemindersStopped } from './reminder-status';
import { turnOffReminders as turnOff, turnOnReminders as turnOn } from './reminder-trigger';
import { serveRpc } from './rpc-server';

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(e?.authMode);
  // In AuthMode.NONE nothing but the menu may be touched.
  if (e?.authMode !== undefined && e.authMode !== ScriptApp.AuthMode.NONE) {
    finishEarlierWork(e.source ?? null);
    // Reminders (issue 11): a trigger that went quiet is said in a toast.
    warnIfRemindersStopped();
  }
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/** Simple trigger: a user's edit in the grid (script writes never arrive here). */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  try {
    handleEdit(e);
  } catch (error) {
    // A failing simple trigger must never disturb typing: log for the executions page and move on.
    console.error(
      `onEdit failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}

export function showSidebar(): void {
  const title = translate(documentLanguage(), 'addon.name');
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(title);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function setUpTracker(): void {
  finishEarlierWork(SpreadsheetApp.getActiveSpreadsheet());
  setUp();
}

export function checkAndRepair(): void {
  finishEarlierWork(SpreadsheetApp.getActiveSpreadsheet());
  repair();
}

/** The sidebar's one server function: `google.script.run.rpc(method, payload)`. */
export function rpc(method: unknown, payload: unknown): unknown {
  return serveRpc(method, payload);
}

export function loadDemoData(): void {
  finishEarlierWork(SpreadsheetApp.getActiveSpreadsheet());
  loadDemo();
}

/** The adoption dialog's one server function: `google.script.run.adoptRpc(method, payload)`. */
export function adoptRpc(method: unknown, payload: unknown): unknown {
  return serveAdoption(method, payload);
}

// ---- Reminders (issue 11) -----------------------------------------------------------------------

/** Menu: installs the one hourly reminder trigger for this spreadsheet (idempotent). */
export function turnOnReminders(): void {
  finishEarlierWork(SpreadsheetApp.getActiveSpreadsheet());
  turnOn();
}

/** Menu: removes this user's reminder trigger and tells any other owner's trigger to stop. */
export function turnOffReminders(): void {
  finishEarlierWork(SpreadsheetApp.getActiveSpreadsheet());
  turnOff();
}

/** The time-driven trigger's handler (hourly; the run decides what is due). */
export function runReminders(e?: { triggerUid?: unknown }): void {
  runReminderTrigger(e);
}

/** Menu: Archive closed deals (issue 22): old Won and Lost deals move to the archive file. */
export function archiveClosedDeals(): void {
  finishEarlierWork(SpreadsheetApp.getActiveSpreadsheet());
  archiveFromMenu();
}

/** Menu: Refresh metrics (rebuilds the Metrics tab, adds the week's snapshot). */
export function refreshMetrics(): void {
  finishEarlierWork(SpreadsheetApp.getActiveSpreadsheet());
  refreshMetricsFromMenu();
}
