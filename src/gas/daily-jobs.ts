// Work the reminder trigger does once a day after the emails (the Metrics tab, issue 12, hooks in here).

import { addDays, type LocalClock } from '../domain/dates';
import type { Language } from '../domain/i18n';
import type { Settings } from '../domain/model';
import { keepLogDays, logTabNames, runWords } from '../domain/reminder-log';
import { archiveDailyJob } from './archive-actions';
import { metricsDailyJob } from './metrics-refresh';
import { dropOldestRows, oldestRunDate, runRowsBefore } from './reminder-logs';

/** What a daily job gets: the file opened by ID (the trigger has no active spreadsheet). */
export interface DailyJobContext {
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The tracker the run found by its sheet ID (never by a tab name). */
  tracker: GoogleAppsScript.Spreadsheet.Sheet;
  /** The Run log the run writes to (found by the ID known at turn-on). */
  runLog: GoogleAppsScript.Spreadsheet.Sheet;
  timeZone: string;
  now: LocalClock;
  language: Language;
  settings: Settings;
  /** Date.now() value by which the job must have returned (the run checkpoints before 4.5 min). */
  deadlineMs: number;
}

export interface DailyJob {
  /** Shown in the Run log; also the key that remembers the day it last ran. */
  name: string;
  /** Roughly what it costs, so the run starts it only with this much time left. */
  needsMs: number;
  /**
   * Does the work; may return one line for the Run log's details. Throwing is logged, not fatal.
   * `{ line, again: true }`: not finished (a checkpoint): the next run of the day continues it.
   */
  run(ctx: DailyJobContext): string | undefined | { line: string; again: true };
}

/** The Run log keeps 90 days: older rows go, once a day (one small read, one delete when due). */
const trimRunLog: DailyJob = {
  name: 'runLogTrim',
  needsMs: 2_000,
  run(ctx) {
    const sheet = ctx.runLog;
    const cutoff = addDays(ctx.now.date, -keepLogDays);
    const oldest = oldestRunDate(sheet);
    if (oldest === '' || oldest >= cutoff) return undefined;
    const count = runRowsBefore(sheet, cutoff);
    dropOldestRows(sheet, count);
    return runWords(ctx.language).trimmed(count, logTabNames.runLog[ctx.language]);
  },
};

/**
 * The jobs, in order. Each runs at most once per local day, in the first reminder run of the day
 * that has time left after the emails; a job that throws is logged (Run log, which the sidebar
 * shows), is not recorded as done, and runs again at the next hourly run. The Metrics tab is
 * refreshed here every morning (issue 12), after the archive (issue 22) when Settings switch it on.
 */
export const dailyJobs: DailyJob[] = [trimRunLog, archiveDailyJob, metricsDailyJob];
