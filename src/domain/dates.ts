// Calendar dates (yyyy-mm-dd) and the arithmetic sellers need, with no time zone database.

/** A calendar date as `yyyy-mm-dd`, meaningful in the spreadsheet's time zone. */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

/** A wall-clock moment in the spreadsheet's time zone: `yyyy-mm-ddTHH:mm:ss`. */
export type LocalDateTime = string & { readonly __brand: 'LocalDateTime' };

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as yyyy-mm-dd (2026-02-30 is not one). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = datePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
