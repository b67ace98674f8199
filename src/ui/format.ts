// Dates and money for people: yyyy-mm-dd strings done by arithmetic (never new Date(string)), amounts by Intl.

import { daysBetween as calendarDaysBetween, daysInMonth, isLocalDate } from '../domain/dates';
import type { Language } from '../domain/i18n';

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): { year: number; month: number; day: number } | null {
  const match = datePattern.exec(date);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** A spreadsheet locale (en_US, es_ES) as the tag Intl takes (en-US); a bad one falls back to en-US. */
function localeTag(locale: string): string {
  const tag = locale.replace('_', '-');
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(tag).length > 0 ? tag : 'en-US';
  } catch {
    return 'en-US';
  }
}

const shortDates = new Map<string, Intl.DateTimeFormat>();

/**
 * The short numeric date of a locale, read as a calendar day (UTC), so no zone can move it. Built
 * once per locale: a list of deals formats a date per line, and building a format costs far more.
 */
function shortDate(locale: string): Intl.DateTimeFormat {
  let format = shortDates.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(localeTag(locale), {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      timeZone: 'UTC',
    });
    shortDates.set(locale, format);
  }
  return format;
}

/**
 * "2026-11-23" -> "11/23/2026" (en_US) / "23/11/2026" (es_ES): the file's own short date, the one
 * way every date is shown and typed in the sidebar. Anything else is shown as it came.
 */
export function formatDate(date: string | null, locale: string): string {
  if (!date) return '';
  const p = parts(date);
  if (!p) return date;
  return shortDate(locale).format(Date.UTC(p.year, p.month - 1, p.day));
}

/** The order of day, month and year in the locale's short date. */
function fieldOrder(locale: string): Array<'day' | 'month' | 'year'> {
  const order = shortDate(locale)
    .formatToParts(Date.UTC(2026, 10, 23))
    .flatMap((part) =>
      part.type === 'day' || part.type === 'month' || part.type === 'year' ? [part.type] : [],
    );
  return order.length === 3 ? order : ['month', 'day', 'year'];
}

/**
 * A date typed in the locale's short form ("23/11/2026", "23.11.26", "23-11-2026") or as
 * yyyy-mm-dd; '' is no date. An impossible day (31/02/2026) is not a date.
 */
export function parseDate(
  text: string,
  locale: string,
): { ok: true; date: string | null } | { ok: false } {
  const typed = text.trim();
  if (typed === '') return { ok: true, date: null };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  const numbers = iso
    ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }
    : byOrder(typed, fieldOrder(locale));
  if (!numbers) return { ok: false };
  const { day, month } = numbers;
  const year = numbers.year < 100 ? 2000 + numbers.year : numbers.year;
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false };
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return { ok: true, date: `${year}-${pad(month)}-${pad(day)}` };
}

function byOrder(
  typed: string,
  order: Array<'day' | 'month' | 'year'>,
): { day: number; month: number; year: number } | null {
  const pieces = typed.split(/[/.\-\s]+/);
  if (pieces.length !== 3 || pieces.some((piece) => !/^\d{1,4}$/.test(piece))) return null;
  const value = (field: 'day' | 'month' | 'year') => Number(pieces[order.indexOf(field)]);
  return { day: value('day'), month: value('month'), year: value('year') };
}

/** Days from `from` to `to` (positive when `to` is later); null if either is not a date. */
export function daysBetween(from: string, to: string): number | null {
  return isLocalDate(from) && isLocalDate(to) ? calendarDaysBetween(from, to) : null;
}

/** Amounts in the sheet's currency; whole amounts without decimals so they fit 300 px. */
export function formatAmount(amount: number | null, currency: string, language: Language): string {
  if (amount === null) return '';
  const whole = Number.isInteger(amount);
  try {
    return new Intl.NumberFormat(language, {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    }).format(amount);
  } catch {
    // A currency code Intl does not know still shows the number and the code.
    return `${new Intl.NumberFormat(language).format(amount)} ${currency}`;
  }
}

/** 2 of 3 stars as "★★☆". */
export function starsText(stars: number): string {
  const filled = Math.max(0, Math.min(3, Math.round(stars)));
  return '★'.repeat(filled) + '☆'.repeat(3 - filled);
}
