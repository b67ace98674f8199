// Whether reminders are on, how the last run went and whether the trigger has gone quiet.

import { localDateTimeIn } from '../domain/dates';
import type { RunReport } from '../domain/reminder-log';
import { instantOfLocal, remindersOverdue } from '../domain/reminder-schedule';
import type { Bootstrap } from '../shared/rpc';
import { activeContext } from './context';
import { documentProperties } from './properties';
import { findLogTab, lastRunReport } from './reminder-logs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Document properties about reminders (written by turn on/off; the trigger cannot write them). */
export const reminderKeys = {
  owner: 'reminders.owner',
  installedAt: 'reminders.installedAt',
  triggerUid: 'reminders.triggerUid',
  runLogSheetId: 'reminders.runLogSheetId',
  /** When the first run is expected (local wall time), until the Run log has a row. */
  firstCheck: 'reminders.firstCheck',
} as const;

export interface RemindersStatus {
  owner: string;
  installedAtMs: number | null;
  last: RunReport | null;
  lastRunMs: number | null;
  overdue: boolean;
  /** When the next run is expected (local wall time), '' when unknown. */
  next: string;
}

/**
 * Reminders as the file knows them: the owner from document properties (free: the snapshot is read
 * anyway) and, when they are on, the last Run log row (two small reads). Never throws.
 */
export function readRemindersStatus(spreadsheet: Spreadsheet, nowMs: number): RemindersStatus {
  const store = documentProperties();
  const owner = store?.getProperty(reminderKeys.owner) ?? '';
  const installed = Number(store?.getProperty(reminderKeys.installedAt) ?? '');
  const installedAtMs = Number.isFinite(installed) && installed > 0 ? installed : null;
  const off: RemindersStatus = {
    owner: '',
    installedAtMs: null,
    last: null,
    lastRunMs: null,
    overdue: false,
    next: '',
  };
  if (owner === '') return off;
  let last: RunReport | null = null;
  try {
    const knownId = Number(store?.getProperty(reminderKeys.runLogSheetId) ?? '');
    const tab = findLogTab(
      spreadsheet.getSheets(),
      'runLog',
      Number.isInteger(knownId) && knownId >= 0 && store?.getProperty(reminderKeys.runLogSheetId)
        ? knownId
        : null,
    );
    last = tab ? lastRunReport(tab) : null;
  } catch (error) {
    console.error(`Reading the Run log failed: ${String(error)}`);
  }
  const zone = spreadsheet.getSpreadsheetTimeZone();
  const lastRunMs = last ? instantOfLocal(last.started, zone) : null;
  return {
    owner,
    installedAtMs,
    last,
    lastRunMs,
    overdue: remindersOverdue(lastRunMs, installedAtMs, nowMs),
    next: last?.next || (store?.getProperty(reminderKeys.firstCheck) ?? ''),
  };
}

/** The bootstrap's reminders block. */
export function remindersBlock(spreadsheet: Spreadsheet): Bootstrap['reminders'] {
  const status = readRemindersStatus(spreadsheet, Date.now());
  const last = status.last;
  return {
    enabled: status.owner !== '',
    owner: status.owner,
    lastRunAt: last ? last.started : null,
    lastRunOk: last ? last.problems.length === 0 && last.unconfirmed === 0 : null,
    overdue: status.overdue,
    lastRun: last
      ? {
          sent: last.sent,
          deferred: last.deferred,
          failed: last.failed,
          unconfirmed: last.unconfirmed,
          problems: last.problems,
        }
      : null,
    nextRunAt: status.owner !== '' && status.next !== '' ? status.next : null,
  };
}

/**
 * onOpen's check (LIMITED or FULL only): a toast when reminders are on but nothing ran for more
 * than 26 hours, with the fix. Errors are swallowed: the menu must always appear.
 */
export function warnIfRemindersStopped(): void {
  try {
    const ctx = activeContext();
    const status = readRemindersStatus(ctx.spreadsheet, Date.now());
    if (!status.overdue) return;
    const since = status.lastRunMs ?? status.installedAtMs ?? Date.now();
    const local = localDateTimeIn(since, ctx.timeZone);
    ctx.spreadsheet.toast(
      ctx.t(status.last ? 'reminders.stopped' : 'reminders.neverRan', {
        owner: status.owner,
        since: `${local.date} ${local.time.slice(0, 5)}`,
      }),
      ctx.t('reminders.title'),
      30,
    );
  } catch (error) {
    console.error(`Checking the reminders failed: ${String(error)}`);
  }
}
