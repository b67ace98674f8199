// The hourly trigger: decides what is due in the file's zone, claims each email in the Sent log, sends, logs.

import { type LocalClock, localDateTimeIn } from '../domain/dates';
import type { FieldKey } from '../domain/fields';
import { type Language, resolveLanguage } from '../domain/i18n';
import type { Settings, Team } from '../domain/model';
import { parseRows } from '../domain/parse-row';
import { ownersWithoutEmail, peopleOf, withOwnerEmails } from '../domain/people';
import {
  logTabNames,
  type RunReport,
  type RunWords,
  runId,
  runWords,
  type SentEntry,
  sentState,
  trimPlan,
} from '../domain/reminder-log';
import { nextReminderCheck } from '../domain/reminder-schedule';
import {
  escalationCover,
  type PlannedEmail,
  planReminders,
  type ReminderPlan,
} from '../domain/reminders';
import { teamFromRows } from '../domain/settings-table';
import { toDomainRow } from './cells';
import { fileLock } from './context';
import { type DailyJob, dailyJobs } from './daily-jobs';
import { type FileRecord, readFileRecord } from './file-record';
import { finishEarlierWork } from './journal';
import {
  appendRunReport,
  appendSentEntries,
  dropOldestRows,
  ensureLogTab,
  readSentLog,
} from './reminder-logs';
import {
  deleteOwnTrigger,
  effectiveUser,
  entryKey,
  parseEntry,
  readSettingsTab,
  type TriggerEntry,
} from './reminder-trigger';
import { myDayFields } from './rpc-server';
import { sheetByIdOrName, tabNames } from './tabs';
import { firstDataRow, readColumns } from './tracker';
import { relearnLayout } from './tracker-layout';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Checkpoint: stop sending (and start no daily job) so the run ends well before 6 minutes. */
export const runBudgetMs = 270_000;
/** Kept back for the writes after sending: confirmations, Run log, the trigger's entry. */
const wrapUpMs = 10_000;
/** MailApp.sendEmail takes about 1.2 s on Google's side (cost model); a little margin. */
const perEmailMs = 1_300;
const lockWaitMs = 30_000;

/**
 * The tracker columns the planner reads, nothing else: what My day reads (next actions, staleness,
 * pushes), plus probability for the weighted pipeline and closedOn for last week's wins and losses.
 */
export const reminderFields: readonly FieldKey[] = [
  ...myDayFields,
  'probability',
  'closedOn',
  // A deal without a name is named by its products in the emails (dealTitle).
  'products',
];

/** Digests first, then what managers need, on the same due day; older days go before all of them. */
const kindRank: Record<PlannedEmail['kind'], number> = {
  digest: 0,
  escalation: 1,
  stageEntry: 2,
  weeklySummary: 3,
};

interface Run {
  startMs: number;
  id: string;
  uid: string;
  entry: TriggerEntry;
  me: string;
}

/**
 * The trigger's handler. Most hours it reads one user property and stops (nothing due before the
 * next check); once a day it opens the file by ID, plans, claims, sends and logs.
 */
export function runReminderTrigger(event: { triggerUid?: unknown } | undefined): void {
  const startMs = Date.now();
  const uid = String(event?.triggerUid ?? '');
  const userProperties = PropertiesService.getUserProperties();
  const entry = parseEntry(userProperties.getProperty(entryKey(uid)));
  if (!entry) {
    // Nothing says which file this trigger serves (its entry is gone): it can only stay idle.
    console.error(`Reminder trigger ${uid} has no entry: removing it.`);
    deleteOwnTrigger(uid);
    return;
  }
  if (startMs < entry.nextCheckMs) return;
  const quota = MailApp.getRemainingDailyQuota();
  if (quota <= 0 && entry.waitingForQuota) return;
  const spreadsheet = openOrGiveUp(uid, entry, userProperties, startMs);
  // Every entrypoint's first step; here free (a trigger has no document properties, so no journal).
  finishEarlierWork(spreadsheet);
  const run: Run = { startMs, id: runId(startMs), uid, entry, me: entry.owner || effectiveUser() };
  const next = runForFile(run, spreadsheet, quota);
  const saved: TriggerEntry = { ...entry, ...next };
  if (!next.waitingForQuota) delete saved.waitingForQuota;
  if (next.stopped) return;
  userProperties.setProperty(entryKey(uid), JSON.stringify(saved));
}

interface Outcome {
  nextCheckMs: number;
  waitingForQuota?: boolean;
  jobs?: Record<string, string>;
  stopped?: boolean;
}

function runForFile(run: Run, spreadsheet: Spreadsheet, quota: number): Outcome {
  const zone = spreadsheet.getSpreadsheetTimeZone();
  const now = localDateTimeIn(run.startMs, zone);
  const sheets = spreadsheet.getSheets();
  // The tabs set up or adoption chose last, as the file records them (this run has no document
  // properties); the IDs known at turn-on for a file set up before the record existed.
  const record = readFileRecord(spreadsheet);
  const known = { ...run.entry.sheets, ...recordIds(record) };
  const settingsTab = sheetByIdOrName(sheets, known.settings, Object.values(tabNames.settings));
  const locale = spreadsheet.getSpreadsheetLocale();
  const { settings, found } = readSettingsTab(settingsTab, resolveLanguage('', locale));
  const language = resolveLanguage(settings.language, locale);
  const words = runWords(language);
  const report = (fields: Partial<RunReport>): RunReport => ({
    started: stamp(now),
    finished: stamp(localDateTimeIn(Date.now(), zone)),
    from: run.me,
    sent: 0,
    deferred: 0,
    failed: 0,
    unconfirmed: 0,
    problems: [],
    next: '',
    details: '',
    ...fields,
  });
  let runLogTab: Sheet | null = null;
  const runLog = () => {
    runLogTab ??= ensureLogTab(spreadsheet, sheets, 'runLog', language, known.runLog ?? null);
    return runLogTab;
  };
  const tomorrow = nextReminderCheck(now, settings.reminderHour, zone);

  if (found && settings.remindersSender !== run.me) {
    // Turned off, or taken over by another editor: this trigger is not the one any more. (Settings
    // that cannot be read say nothing about it: the run goes on with the defaults.)
    deleteOwnTrigger(run.uid);
    appendRunReport(
      runLog(),
      report({
        details:
          settings.remindersSender === ''
            ? words.stoppedOff
            : words.stoppedOther(settings.remindersSender),
      }),
    );
    return { nextCheckMs: 0, stopped: true };
  }
  if (!settings.remindersEnabled || now.hour < settings.reminderHour) {
    const details = settings.remindersEnabled
      ? words.notDue(`${String(settings.reminderHour).padStart(2, '0')}:00`)
      : words.paused;
    appendRunReport(runLog(), report({ details, next: stamp(localDateTimeIn(tomorrow, zone)) }));
    return { nextCheckMs: tomorrow };
  }
  // By ID only: a tab that is merely called "Opportunities" is not this file's tracker.
  const tracker = sheetByIdOrName(sheets, known.tracker, []);
  if (!tracker) {
    appendRunReport(runLog(), report({ problems: [words.noTracker] }));
    return { nextCheckMs: tomorrow };
  }
  try {
    return sendDue(run, known, {
      spreadsheet,
      sheets,
      tracker,
      zone,
      now,
      settings,
      language,
      words,
      quota,
      report,
      runLog,
      tomorrow,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    try {
      appendRunReport(runLog(), report({ problems: [words.failedRun(message)] }));
    } catch {
      // The file itself fails: the execution log keeps the error.
    }
    throw error;
  }
}

interface FileRun {
  spreadsheet: Spreadsheet;
  sheets: Sheet[];
  tracker: Sheet;
  zone: string;
  now: LocalClock;
  settings: Settings;
  language: Language;
  words: RunWords;
  quota: number;
  report: (fields: Partial<RunReport>) => RunReport;
  runLog: () => Sheet;
  tomorrow: number;
}

function sendDue(run: Run, known: TriggerEntry['sheets'], file: FileRun): Outcome {
  const { spreadsheet, sheets, zone, now, settings, words } = file;
  // Each tab once, only the columns needed: the tracker's header and columns, Team, Sent log.
  // The header is read with the team's confirmed reading of it (the file's record).
  const layout = relearnLayout(file.tracker, null, null);
  const slice = readColumns(layout, reminderFields, zone);
  const parsed = parseRows(slice.rows, slice.columns, settings, firstDataRow);
  const rowById = new Map(parsed.deals.map((deal, i) => [deal.id, parsed.rows[i] ?? 0]));
  const team = readTeamTab(sheetByIdOrName(sheets, known.team, Object.values(tabNames.team)), zone);
  // Owners written as names are the Team tab's people; a name it gives no e-mail is said once.
  const people = peopleOf(team);
  const deals = withOwnerEmails(parsed.deals, people);
  const unknown = ownersWithoutEmail(parsed.deals, people);
  const sentLog = ensureLogTab(
    spreadsheet,
    sheets,
    'sentLog',
    file.language,
    known.sentLog ?? null,
  );

  const lock = fileLock();
  if (!lock.tryLock(lockWaitMs)) {
    appendRunReport(file.runLog(), file.report({ problems: [words.busy] }));
    return { nextCheckMs: 0 };
  }
  let claimed: PlannedEmail[] = [];
  let deferred: PlannedEmail[] = [];
  let orphans: SentEntry[] = [];
  let drop = 0;
  let limitedByQuota = false;
  let plan: ReminderPlan = { emails: [], skipped: [] };
  try {
    const log = readSentLog(sentLog, zone);
    const state = sentState(log.entries, Date.now());
    orphans = state.orphans;
    plan = planReminders({
      deals,
      team,
      settings,
      history: [],
      sentKeys: state.done,
      now: { date: now.date, hour: now.hour },
      catchUpFrom: run.entry.firstDay as LocalClock['date'],
      spreadsheetUrl: spreadsheet.getUrl(),
      sheetId: file.tracker.getSheetId(),
      rowOf: (id) => rowById.get(id),
      language: file.language,
    });
    const ordered = [...plan.emails].sort(
      (a, b) =>
        (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
        kindRank[a.kind] - kindRank[b.kind],
    );
    const timeLeft = run.startMs + runBudgetMs - wrapUpMs - Date.now();
    const byTime = Math.max(0, Math.floor(timeLeft / perEmailMs));
    limitedByQuota = file.quota < byTime;
    const fit = Math.min(file.quota, byTime);
    claimed = ordered.slice(0, fit);
    deferred = ordered.slice(fit);
    // Deal-level keys still live: a deal still in the stage entry it was escalated for.
    const live = new Set(deals.map((deal) => escalationCover(deal, settings)));
    const trim = trimPlan(log.entries, now.date, (key) => live.has(key));
    drop = trim.drop;
    const time = stamp(localDateTimeIn(Date.now(), zone));
    const rows: SentEntry[] = [
      ...orphans.map((entry) => ({ ...entry, time, status: 'unconfirmed' as const, run: run.id })),
      ...trim.carry.map((key) => entry(time, key, 'carried', run.id)),
      ...claimed.map((email) => ({
        ...entry(time, email.key, 'claimed', run.id),
        covers: email.covers,
        to: email.to,
        subject: email.subject,
      })),
    ];
    // The claim: once this write returns, a crash can never send these emails a second time.
    appendSentEntries(sentLog, rows, log.lastRow);
    try {
      SpreadsheetApp.flush();
    } catch (error) {
      console.error(`flush after the claim failed: ${String(error)}`);
    }
  } finally {
    try {
      lock.releaseLock();
    } catch (error) {
      console.error(`releaseLock failed: ${String(error)}`);
    }
  }

  const results = sendClaimed(run, claimed);
  const confirmations: SentEntry[] = results.map(({ email, status, error }) => ({
    ...entry(stamp(localDateTimeIn(Date.now(), zone)), email.key, status, run.id),
    to: email.to,
    subject: error ? `${email.subject} (${error})` : email.subject,
  }));
  const problems: string[] = [];
  try {
    retryOnce(() => appendSentEntries(sentLog, confirmations, null));
  } catch (error) {
    // The claims stay unconfirmed: the next run lists them, and never sends them again.
    problems.push(words.failedRun(error instanceof Error ? error.message : String(error)));
  }
  let trimmed = 0;
  if (drop > 0)
    tryTo(() => {
      dropOldestRows(sentLog, drop);
      trimmed = drop;
    }, problems);

  const sent = results.filter((r) => r.status === 'sent');
  const failed = results.filter((r) => r.status === 'failed');
  const released = results.filter((r) => r.status === 'released');
  const waiting = [
    ...released.map((r) => ({ email: r.email, reason: r.reason ?? ('time' as const) })),
    ...deferred.map((email) => ({
      email,
      reason: limitedByQuota ? ('quota' as const) : ('time' as const),
    })),
  ];
  const quotaOut = waiting.some((w) => w.reason === 'quota');
  const what = (email: { to: string; subject: string }) => `${email.to} · ${email.subject}`;
  const details = [
    ...orphans.map((o) => words.unconfirmed(o.time, what(o))),
    ...failed.map((r) => words.failed(r.error ?? '', what(r.email))),
    ...waiting.map((w) => words.deferred(w.reason, what(w.email))),
  ];
  const skipped = (reason: string) => plan.skipped.filter((s) => s.reason === reason).length;
  const paused = skipped('paused');
  const noManager = skipped('noManager');
  const noEmail = skipped('ownerWithoutEmail');
  if (paused + noManager + noEmail > 0) details.push(words.skipped(paused, noManager, noEmail));
  if (unknown.length > 0)
    details.push(
      words.noEmailFor(unknown.map((owner) => `${owner.name} (${owner.ids.length})`).join(', ')),
    );
  if (trimmed > 0) details.push(words.trimmed(trimmed, logTabNames.sentLog[file.language]));
  if (waiting.length > 0)
    problems.push(
      waiting.some((w) => w.reason === 'quota')
        ? words.quotaOut(waiting.length)
        : words.outOfTime(waiting.length),
    );
  if (failed.length > 0) problems.push(words.failures(failed.length));
  if (orphans.length > 0) problems.push(words.mayNotHaveArrived(orphans.length));

  const jobs = runDailyJobs(run, file, details, problems);
  const allDone = waiting.length === 0 && failed.length === 0 && jobs.allDone;
  const nextCheckMs = allDone ? file.tomorrow : 0;
  const nextText = stamp(localDateTimeIn(allDone ? file.tomorrow : Date.now() + 3_600_000, zone));
  retryOnce(() =>
    appendRunReport(
      file.runLog(),
      file.report({
        sent: sent.length,
        deferred: waiting.length,
        failed: failed.length,
        unconfirmed: orphans.length,
        problems,
        next: nextText,
        details: details.join('\n'),
      }),
    ),
  );
  return {
    nextCheckMs,
    ...(quotaOut ? { waitingForQuota: true } : {}),
    jobs: jobs.done,
  };
}

interface SendResult {
  email: PlannedEmail;
  status: 'sent' | 'failed' | 'released';
  reason?: 'quota' | 'time';
  error?: string;
}

/** Sends the claimed emails in order until time or quota runs out; every claim gets an outcome. */
function sendClaimed(run: Run, claimed: readonly PlannedEmail[]): SendResult[] {
  const results: SendResult[] = [];
  let stop: 'quota' | 'time' | null = null;
  for (const email of claimed) {
    if (!stop && Date.now() + perEmailMs > run.startMs + runBudgetMs - wrapUpMs) stop = 'time';
    if (stop) {
      results.push({ email, status: 'released', reason: stop });
      continue;
    }
    try {
      MailApp.sendEmail({
        to: email.to,
        subject: email.subject,
        body: email.textBody,
        htmlBody: email.htmlBody,
        name: 'Opportunity Tracker',
      });
      results.push({ email, status: 'sent' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The quota is tested, not read from the message (Apps Script words it in the user's language).
      if (quotaSpent(email.to)) {
        stop = 'quota';
        results.push({ email, status: 'released', reason: 'quota' });
      } else results.push({ email, status: 'failed', error: message });
    }
  }
  return results;
}

/** Whether the daily mail quota cannot carry a message to `to` (its recipients) any more. */
function quotaSpent(to: string): boolean {
  const recipients = to.split(',').filter((a) => a.trim() !== '').length || 1;
  try {
    return MailApp.getRemainingDailyQuota() < recipients;
  } catch {
    return false;
  }
}

/** How long openById must keep failing before the trigger decides it has lost the file for good. */
const lostAfterMs = 24 * 3_600_000;

/**
 * Opens the trigger's file. A failure is told apart by its persistence, not by its (localized)
 * message: openById is tried twice, and a trigger whose file has failed to open on every run for
 * a whole day (the owner lost access, or the file is gone) removes itself; the sidebar and onOpen
 * warn after 26 hours without a run. A server error never lasts that long. Throws the failure, so
 * the execution is logged as failed.
 */
function openOrGiveUp(
  uid: string,
  entry: TriggerEntry,
  store: GoogleAppsScript.Properties.Properties,
  startMs: number,
): Spreadsheet {
  let failure: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const opened = SpreadsheetApp.openById(entry.spreadsheetId);
      if (entry.openFailingSince !== undefined) {
        const { openFailingSince: _, ...rest } = entry;
        store.setProperty(entryKey(uid), JSON.stringify(rest));
        delete entry.openFailingSince;
      }
      return opened;
    } catch (error) {
      failure = error;
    }
  }
  const since = entry.openFailingSince ?? startMs;
  if (startMs - since >= lostAfterMs) deleteOwnTrigger(uid);
  else store.setProperty(entryKey(uid), JSON.stringify({ ...entry, openFailingSince: since }));
  throw failure;
}

/** The daily jobs not yet run today, while time is left; a failure is logged, not fatal. */
function runDailyJobs(
  run: Run,
  file: FileRun,
  details: string[],
  problems: string[],
): { done: Record<string, string>; allDone: boolean } {
  const done = { ...(run.entry.jobs ?? {}) };
  let allDone = true;
  const deadlineMs = run.startMs + runBudgetMs - wrapUpMs;
  const due = dailyJobs.filter((job: DailyJob) => done[job.name] !== file.now.date);
  for (const job of due) {
    if (Date.now() + job.needsMs > deadlineMs) {
      details.push(file.words.jobLater(job.name));
      allDone = false;
      continue;
    }
    try {
      const result = job.run({
        spreadsheet: file.spreadsheet,
        tracker: file.tracker,
        runLog: file.runLog(),
        timeZone: file.zone,
        now: file.now,
        language: file.language,
        settings: file.settings,
        deadlineMs,
      });
      const line = typeof result === 'object' ? result.line : result;
      if (line) details.push(line);
      // A checkpoint (issue 22): not done for today, the next run goes on with it.
      if (typeof result === 'object') allDone = false;
      else done[job.name] = file.now.date;
    } catch (error) {
      // Said in the Run log (and so in the sidebar), never recorded as done: the next run retries.
      problems.push(
        file.words.jobFailed(job.name, error instanceof Error ? error.message : String(error)),
      );
      allDone = false;
    }
  }
  return { done, allDone };
}

function recordIds(record: FileRecord | null): TriggerEntry['sheets'] {
  const ids: TriggerEntry['sheets'] = {};
  for (const key of ['tracker', 'settings', 'team'] as const) {
    const id = Number(record?.[key]);
    if (record?.[key] && Number.isInteger(id)) ids[key] = id;
  }
  return ids;
}

function readTeamTab(tab: Sheet | null, zone: string): Team {
  if (!tab) return [];
  const parsed = teamFromRows(
    tab
      .getDataRange()
      .getValues()
      .map((row) => toDomainRow(row, zone)),
  );
  return parsed.ok ? parsed.value : [];
}

function entry(time: string, key: string, status: SentEntry['status'], run: string): SentEntry {
  return { time, key, status, covers: [], run, to: '', subject: '' };
}

const stamp = (clock: LocalClock) => `${clock.date} ${clock.time}`;

function retryOnce<T>(work: () => T): T {
  try {
    return work();
  } catch {
    return work();
  }
}

function tryTo(work: () => void, problems: string[]): void {
  try {
    work();
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
}
