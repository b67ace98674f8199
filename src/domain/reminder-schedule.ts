// When the reminder run is due, when to look again, and when a silent trigger deserves a warning.

import { addDays, dateParts, type LocalClock, type LocalDate, localDateTimeIn } from './dates';

/** A run older than this (no run at all since) means the trigger stopped: sidebar and onOpen say so. */
export const overdueAfterMs = 26 * 3_600_000;

/** The wall clock as milliseconds, as if it were UTC: only for comparing wall times. */
function wallMs(clock: LocalClock): number {
  const { year, month, day } = dateParts(clock.date);
  const [hour = 0, minute = 0, second = 0] = clock.time.split(':').map(Number);
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/**
 * The first instant at which the wall clock of `timeZone` shows `date` at `hour`:00 or later.
 * Where DST skips the hour, the first instant after the jump; where it repeats, the later one.
 */
export function instantAt(date: LocalDate, hour: number, timeZone: string): number {
  const { year, month, day } = dateParts(date);
  const target = Date.UTC(year, month - 1, day, hour);
  const offsetAt = (instant: number) => wallMs(localDateTimeIn(instant, timeZone)) - instant;
  const first = target - offsetAt(target);
  const second = target - offsetAt(first);
  const candidates = [first, second].filter(
    (instant) => wallMs(localDateTimeIn(instant, timeZone)) >= target,
  );
  return candidates.length > 0 ? Math.min(...candidates) : Math.max(first, second);
}

/** The first day the reminders of a trigger turned on `now` cover: today before the hour, else tomorrow. */
export function firstReminderDay(now: LocalClock, reminderHour: number): LocalDate {
  return now.hour < reminderHour ? now.date : addDays(now.date, 1);
}

/** When the run should look again once today's work is done: tomorrow at the reminder hour. */
export function nextReminderCheck(now: LocalClock, reminderHour: number, timeZone: string): number {
  const today = instantAt(now.date, reminderHour, timeZone);
  return now.hour < reminderHour ? today : instantAt(addDays(now.date, 1), reminderHour, timeZone);
}

/**
 * True when reminders are on and nothing has run for more than 26 hours (counted from turning them
 * on when no run is logged yet): the trigger was deleted, or its owner lost access to the file.
 */
export function remindersOverdue(
  lastRunMs: number | null,
  installedMs: number | null,
  nowMs: number,
): boolean {
  const since = lastRunMs ?? installedMs;
  return since !== null && nowMs - since > overdueAfterMs;
}

/** A wall-clock moment in a zone as an instant (the later one, when DST repeats the hour). */
export function instantOfLocal(dateTime: string, timeZone: string): number | null {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(dateTime.trim());
  if (!match) return null;
  const hourStart = instantAt(match[1] as LocalDate, Number(match[2]), timeZone);
  return hourStart + Number(match[3]) * 60_000 + Number(match[4] ?? 0) * 1000;
}
