// Dates and money for people: yyyy-mm-dd strings done by arithmetic (never new Date(string)), amounts by Intl.

import type { Language } from '../domain/i18n';

const monthNames: Record<Language, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  es: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'],
};

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): { year: number; month: number; day: number } | null {
  const match = datePattern.exec(date);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** "2026-11-23" -> "23 Nov 2026" (en) / "23 nov 2026" (es); anything else is shown as it came. */
export function formatDate(date: string | null, language: Language): string {
  if (!date) return '';
  const p = parts(date);
  const month = p ? monthNames[language][p.month - 1] : undefined;
  if (!p || !month) return date;
  return `${p.day} ${month} ${p.year}`;
}

/**
 * Days since 1970-01-01 by integer arithmetic (days_from_civil), so no time zone can move the day.
 * Kept here rather than imported so the sidebar does not depend on the domain's internals.
 */
export function dayNumber(date: string): number | null {
  const p = parts(date);
  if (!p) return null;
  const y = p.month <= 2 ? p.year - 1 : p.year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (p.month + (p.month > 2 ? -3 : 9)) + 2) / 5) + p.day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Days from `from` to `to` (positive when `to` is later); null if either is not a date. */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
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
