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
 * The lock that keeps two executions on this file apart: the document lock, or the user lock where
 * there is none (a time-driven run of an add-on has no document lock).
 */
export function fileLock(): GoogleAppsScript.Lock.Lock {
  return LockService.getDocumentLock() ?? LockService.getUserLock();
}

/** Runs `work` holding `lock`, then flushes its writes before the lock goes; not ok when busy. */
export function withLock<T>(
  lock: GoogleAppsScript.Lock.Lock | null,
  waitMs: number,
  work: () => T,
): { ok: true; value: T } | { ok: false } {
  if (!lock?.tryLock(waitMs)) return { ok: false };
  try {
    const value = work();
    SpreadsheetApp.flush();
    return { ok: true, value };
  } finally {
    lock.releaseLock();
  }
}
