// Turn reminders on and off: exactly one hourly trigger per spreadsheet, its owner in document properties.

import { localDateTimeIn } from '../domain/dates';
import { defaultSettings } from '../domain/defaults';
import type { Language } from '../domain/i18n';
import type { Cell, Settings } from '../domain/model';
import { firstReminderDay, instantAt } from '../domain/reminder-schedule';
import {
  missingPauseColumn,
  type SettingKey,
  settingLabel,
  settingRow,
  settingsFromRows,
} from '../domain/settings-table';
import { quoteIfRisky, toDomainRow } from './cells';
import { activeContext, type CallContext, withTabsLock } from './context';
import { recordInFile } from './file-record';
import { documentProperties } from './properties';
import { ensureLogTab } from './reminder-logs';
import { readRemindersStatus, reminderKeys } from './reminder-status';
import { cacheSettings } from './settings-cache';
import { findTab } from './tabs';
import { trackerSheet } from './tracker-layout';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The global the trigger calls (an export of entrypoints.ts). */
export const reminderHandler = 'runReminders';

/**
 * What a trigger needs to know when it fires with no document around it (no active spreadsheet,
 * no document properties): kept in its owner's user properties under `reminders.trigger.<uid>`.
 */
export interface TriggerEntry {
  spreadsheetId: string;
  /** The account the trigger runs as (its owner): the store is theirs, so this is never in doubt. */
  owner: string;
  /** The first day the reminders cover: nothing older is caught up. */
  firstDay: string;
  /** Until this instant there is nothing to do: the run stops after reading this entry. */
  nextCheckMs: number;
  /** Sheet IDs known at turn-on, so a renamed tab is still found. */
  sheets: Partial<Record<'tracker' | 'settings' | 'team' | 'sentLog' | 'runLog', number>>;
  /** Emails wait for tomorrow's mail quota: while it stays at 0, runs stop quietly. */
  waitingForQuota?: boolean;
  /** The last local date each daily job ran (see daily-jobs.ts). */
  jobs?: Record<string, string>;
  /** Since when openById has failed on every run (reminder-run.ts openOrGiveUp). */
  openFailingSince?: number;
}

export const entryKey = (uid: string) => `reminders.trigger.${uid}`;

export function parseEntry(text: string | null | undefined): TriggerEntry | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<TriggerEntry>;
    if (typeof value.spreadsheetId !== 'string' || typeof value.firstDay !== 'string') return null;
    return {
      spreadsheetId: value.spreadsheetId,
      owner: typeof value.owner === 'string' ? value.owner : '',
      firstDay: value.firstDay,
      nextCheckMs: typeof value.nextCheckMs === 'number' ? value.nextCheckMs : 0,
      sheets: typeof value.sheets === 'object' && value.sheets !== null ? value.sheets : {},
      ...(value.waitingForQuota === true ? { waitingForQuota: true } : {}),
      ...(typeof value.jobs === 'object' && value.jobs !== null ? { jobs: value.jobs } : {}),
      ...(typeof value.openFailingSince === 'number'
        ? { openFailingSince: value.openFailingSince }
        : {}),
    };
  } catch {
    return null;
  }
}

/** The account a trigger made now would run as (the effective user: never hidden, unlike the active one). */
export function effectiveUser(): string {
  try {
    return (Session.getEffectiveUser().getEmail() ?? '').trim().toLowerCase();
  } catch {
    return '';
  }
}

/** This user's reminder triggers for this spreadsheet (one, unless something went wrong). */
function myTriggers(spreadsheet: Spreadsheet): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(spreadsheet).filter(
    (trigger) => trigger.getHandlerFunction() === reminderHandler,
  );
}

/** Deletes one of this user's triggers by ID, with its entry; false when it is not theirs. */
export function deleteOwnTrigger(uid: string): boolean {
  const trigger = ScriptApp.getProjectTriggers().find((t) => t.getUniqueId() === uid);
  PropertiesService.getUserProperties().deleteProperty(entryKey(uid));
  if (!trigger) return false;
  ScriptApp.deleteTrigger(trigger);
  return true;
}

export function turnOnReminders(): void {
  menuAction((ctx) => switchOn(ctx));
}

export function turnOffReminders(): void {
  menuAction((ctx) => switchOff(ctx));
}

/**
 * Runs under the document lock and the script lock the reminder run takes (withTabsLock: the run
 * never claims while reminders are switched), then says what happened.
 */
function menuAction(work: (ctx: CallContext) => string): void {
  const ctx = activeContext();
  const ui = SpreadsheetApp.getUi();
  const result = withTabsLock(10_000, () => work(ctx));
  ui.alert(ctx.t('reminders.title'), result.ok ? result.value : ctx.t('busy'), ui.ButtonSet.OK);
}

const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

function switchOn(ctx: CallContext): string {
  const spreadsheet = ctx.spreadsheet;
  const tracker = trackerSheet(spreadsheet);
  if (!tracker) return ctx.t('reminders.notSetUp');
  const store = documentProperties();
  const me = effectiveUser();
  const owner = store?.getProperty(reminderKeys.owner) ?? '';
  const settingsTab = findTab(spreadsheet, 'settings');
  const { settings, rows } = readSettingsTab(settingsTab, ctx.language);
  const hour = settings.reminderHour;
  const zone = ctx.timeZone;
  let takenFrom = '';
  if (owner !== '' && owner !== me) {
    const status = readRemindersStatus(spreadsheet, Date.now());
    if (!status.overdue) return ctx.t('reminders.alreadyOn', { owner });
    takenFrom = owner;
  }

  const mine = myTriggers(spreadsheet);
  for (const extra of mine.slice(1)) deleteOwnTrigger(extra.getUniqueId());
  const userProperties = PropertiesService.getUserProperties();
  const kept = mine[0];
  const existing = kept
    ? parseEntry(userProperties.getProperty(entryKey(kept.getUniqueId())))
    : null;
  const trigger = kept ?? ScriptApp.newTrigger(reminderHandler).timeBased().everyHours(1).create();
  const uid = trigger.getUniqueId();
  const sheets = spreadsheet.getSheets();
  // insertSheet shows the new tab: the user stays where they were.
  const active = spreadsheet.getActiveSheet();
  const sentLog = ensureLogTab(spreadsheet, sheets, 'sentLog', ctx.language);
  const runLog = ensureLogTab(spreadsheet, sheets, 'runLog', ctx.language);
  if (sheets.length !== spreadsheet.getNumSheets()) active.activate();
  const firstDay = firstReminderDay(ctx.now, hour);
  const entry: TriggerEntry = {
    spreadsheetId: spreadsheet.getId(),
    owner: me,
    firstDay: existing?.firstDay ?? firstDay,
    nextCheckMs: existing?.nextCheckMs ?? instantAt(firstDay, hour, zone),
    sheets: {
      tracker: tracker.getSheetId(),
      ...(settingsTab ? { settings: settingsTab.getSheetId() } : {}),
      ...idOf(findTab(spreadsheet, 'team'), 'team'),
      sentLog: sentLog.getSheetId(),
      runLog: runLog.getSheetId(),
    },
    ...(existing?.jobs ? { jobs: existing.jobs } : {}),
  };
  userProperties.setProperty(entryKey(uid), JSON.stringify(entry));
  // What the run reads of the tracker (its tabs, the team's column reading) is in the file.
  recordInFile(spreadsheet);
  addPauseColumn(findTab(spreadsheet, 'team'), ctx.language);
  writeSettingCells(settingsTab, rows, ctx.language, {
    remindersEnabled: true,
    remindersSender: me,
  });
  cacheSettings({ ...settings, remindersEnabled: true, remindersSender: me });
  const already = kept !== undefined && owner === me && settings.remindersSender === me;
  const next = localDateTimeIn(entry.nextCheckMs, zone);
  store?.setProperties({
    [reminderKeys.owner]: me,
    [reminderKeys.triggerUid]: uid,
    [reminderKeys.runLogSheetId]: String(runLog.getSheetId()),
    [reminderKeys.firstCheck]: `${next.date} ${next.time.slice(0, 5)}`,
    ...(already ? {} : { [reminderKeys.installedAt]: String(Date.now()) }),
  });
  const params = { owner: me, hour: hourText(hour), zone, first: `${next.date} ${hourText(hour)}` };
  if (takenFrom !== '') return ctx.t('reminders.takenOver', { ...params, previous: takenFrom });
  return ctx.t(already ? 'reminders.stillOn' : 'reminders.on', params);
}

function idOf(sheet: Sheet | null, name: 'team'): Partial<Record<'team', number>> {
  return sheet ? { [name]: sheet.getSheetId() } : {};
}

function switchOff(ctx: CallContext): string {
  const spreadsheet = ctx.spreadsheet;
  const store = documentProperties();
  const me = effectiveUser();
  const owner = store?.getProperty(reminderKeys.owner) ?? '';
  const mine = myTriggers(spreadsheet);
  for (const trigger of mine) deleteOwnTrigger(trigger.getUniqueId());
  const settingsTab = findTab(spreadsheet, 'settings');
  const { settings, rows } = readSettingsTab(settingsTab, ctx.language);
  const wasOn = owner !== '' || mine.length > 0 || settings.remindersSender !== '';
  // A trigger of someone else's cannot be deleted from here: it reads the sender from Settings
  // at its next check, finds it blank, and removes itself without sending anything.
  if (settings.remindersSender !== '' || settings.remindersEnabled)
    writeSettingCells(settingsTab, rows, ctx.language, {
      remindersEnabled: false,
      remindersSender: '',
    });
  cacheSettings({ ...settings, remindersEnabled: false, remindersSender: '' });
  for (const key of Object.values(reminderKeys))
    if (store?.getProperty(key) !== null) store?.deleteProperty(key);
  if (!wasOn) return ctx.t('reminders.wereOff');
  return owner !== '' && owner !== me
    ? ctx.t('reminders.offOther', { owner })
    : ctx.t('reminders.off');
}

/** The Settings tab read in one call (the defaults, and found: false, when it is missing or unreadable). */
export function readSettingsTab(
  tab: Sheet | null,
  language: Language,
): { settings: Settings; rows: Cell[][]; found: boolean } {
  const rows = tab
    ? tab
        .getDataRange()
        .getValues()
        .map((row) => toDomainRow(row, 'UTC'))
    : [];
  const parsed = settingsFromRows(rows, language);
  return { settings: parsed.ok ? parsed.value : defaultSettings(language), rows, found: parsed.ok };
}

/**
 * Writes settings into their value cells, leaving the manager's layout alone; rows the tab lacks
 * (a tab older than the setting) are inserted at the end of the settings table.
 */
export function writeSettingCells(
  tab: Sheet | null,
  rows: readonly Cell[][],
  language: Language,
  values: Partial<Record<SettingKey, string | boolean>>,
): void {
  if (!tab) return;
  const missing: Array<[string, string | boolean]> = [];
  let insertAfter = 0;
  for (const [key, value] of Object.entries(values) as Array<[SettingKey, string | boolean]>) {
    const found = settingRow(rows, key);
    insertAfter = found.insertAfter;
    const cell = typeof value === 'string' ? quoteIfRisky(value) : value;
    if (found.row !== null) tab.getRange(found.row + 1, 2).setValue(cell);
    else missing.push([settingLabel(key, language), cell]);
  }
  if (missing.length === 0) return;
  tab.insertRowsAfter(insertAfter + 1, missing.length);
  tab.getRange(insertAfter + 2, 1, missing.length, 2).setValues(missing);
}

/** A Team tab older than the pause column gets its header, so people can see where to pause. */
function addPauseColumn(tab: Sheet | null, language: Language): void {
  if (!tab) return;
  const rows = tab
    .getDataRange()
    .getValues()
    .map((row) => toDomainRow(row, 'UTC'));
  const missing = missingPauseColumn(rows, language);
  if (missing) tab.getRange(missing.row + 1, missing.column + 1).setValue(missing.header);
}
