// The composition root of one call: the spreadsheet, its time zone, the clock, the user, the language.

import { type LocalClock, localDateTimeIn } from '../domain/dates';
import { type Language, type MessageKey, resolveLanguage, translate } from '../domain/i18n';
import { documentProperties, propertyKeys } from './properties';

export interface CallContext {
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  timeZone: string;
  now: LocalClock;
  user: string;
  language: Language;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

/** Who is calling: the active user, else the effective user (consumer accounts may hide the first). */
export function currentUser(): string {
  const active = safeEmail(() => Session.getActiveUser().getEmail());
  return active || safeEmail(() => Session.getEffectiveUser().getEmail()) || 'unknown';
}

function safeEmail(read: () => string): string {
  try {
    return (read() ?? '').trim().toLowerCase();
  } catch {
    return '';
  }
}

/** Built fresh inside each entrypoint call: nothing is read at load time. */
export function activeContext(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActiveSpreadsheet(),
): CallContext {
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const setting = documentProperties()?.getProperty(propertyKeys.language) ?? '';
  const language = resolveLanguage(setting, spreadsheet.getSpreadsheetLocale());
  return {
    spreadsheet,
    timeZone,
    now: localDateTimeIn(Date.now(), timeZone),
    user: currentUser(),
    language,
    t: (key, params) => translate(language, key, params),
  };
}

/** Runs `work` under the document lock; null when another execution holds it past `waitMs`. */
export function withDocumentLock<T>(
  waitMs: number,
  work: () => T,
): { ok: true; value: T } | { ok: false } {
  return withLock(LockService.getDocumentLock(), waitMs, work);
}

/**
 * The lock for the tabs the reminder run writes (Sent log, Run log, Metrics, Snapshots), which
 * menu actions write too. A time-driven run of an add-on has no document lock in the local
 * runtime (Google documents null outside a document), so the one lock every execution of the
 * add-on can share there is the script lock. Where a document lock exists, it is used as well:
 * executions in the file keep it, the run from a trigger takes it if Google gives it one.
 * Held only around those tabs' short writes, never around a sidebar save, so the script lock
 * (shared by every file the add-on serves) stays free almost all the time.
 */
export function fileLock(): GoogleAppsScript.Lock.Lock {
  return LockService.getDocumentLock() ?? LockService.getScriptLock();
}

/**
 * Runs `work` holding the tabs' locks: the document lock where there is one, then the script lock
 * (see fileLock), so a menu action and the reminder trigger never write those tabs at once.
 */
export function withTabsLock<T>(
  waitMs: number,
  work: () => T,
): { ok: true; value: T } | { ok: false } {
  const document = LockService.getDocumentLock();
  const script = LockService.getScriptLock();
  if (!document) return withLock(script, waitMs, work);
  if (!document.tryLock(waitMs)) return { ok: false };
  try {
    // One flush, before the script lock goes; the document lock follows it.
    return withLock(script, waitMs, work);
  } finally {
    document.releaseLock();
  }
}

/** Runs `work` holding `lock`, then flushes its writes before the lock goes; not ok when busy. */
export function withLock<T>(
  lock: GoogleAppsScript.Lock.Lock | null,
  waitMs: number,
  work: () => T,
): { ok: true; value: T } | { ok: false } {
  if (!lock?.tryLock(waitMs)) return { ok: false };
  let value: T;
  try {
    value = work();
  } catch (error) {
    lock.releaseLock();
    throw error;
  }
  releaseAfterFlush(lock);
  return { ok: true, value };
}

/**
 * Applies this execution's pending writes (SpreadsheetApp.flush), then releases the lock, as
 * Google's Lock page asks: the next holder then reads what was written. A failed flush still
 * releases the lock and is thrown. Every lock the add-on holds across writes goes through here.
 */
export function releaseAfterFlush(lock: GoogleAppsScript.Lock.Lock): void {
  try {
    SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
}
