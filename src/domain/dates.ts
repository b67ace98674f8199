// Calendar dates (yyyy-mm-dd) and the arithmetic sellers need, plus "now" in the spreadsheet's zone.

/** A calendar date as `yyyy-mm-dd`, meaningful in the spreadsheet's time zone. */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

/** A wall-clock moment in the spreadsheet's time zone: `yyyy-mm-ddTHH:mm:ss`. */
export type LocalDateTime = string & { readonly __brand: 'LocalDateTime' };

/** ISO day of the week: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as yyyy-mm-dd (2026-02-30 is not one). */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = datePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The dates the tracker accepts from the sidebar. Sheets stores earlier or later days too, but a
 * deal date outside these is a typo (0202 for 2026), and year 0000 is not a day Sheets keeps.
 */
export const trackerDateRange = { min: '1900-01-01', max: '2200-12-31' } as const;

/** A real yyyy-mm-dd date within trackerDateRange. */
export function isTrackerDate(value: unknown): value is LocalDate {
  return isLocalDate(value) && value >= trackerDateRange.min && value <= trackerDateRange.max;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// ---- Parts and day numbers ---------------------------------------------------------------------

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Year, month and day of a date already known to be valid. */
export function dateParts(date: LocalDate): DateParts {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

/** Builds a date from parts; the day is clamped to the month's length (31 Feb -> 28/29 Feb). */
export function localDate(year: number, month: number, day: number): LocalDate {
  const clamped = Math.min(Math.max(day, 1), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(clamped)}` as LocalDate;
}

/** Day numbers already worked out: metrics over a large sheet ask for the same few hundred dates again and again. */
const dayNumbers = new Map<string, number>();
const dayNumbersKept = 20_000;

/**
 * Days since 1970-01-01, computed with integer arithmetic (Howard Hinnant's days_from_civil),
 * so no Date object and no time zone can shift the day.
 */
export function dayNumber(date: LocalDate): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const days = civilDayNumber(date);
  if (dayNumbers.size >= dayNumbersKept) dayNumbers.clear();
  dayNumbers.set(date, days);
  return days;
}

function civilDayNumber(date: LocalDate): number {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The calendar date for a day number (the inverse of dayNumber). */
export function fromDayNumber(days: number): LocalDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return localDate(year, month, day);
}

// ---- Arithmetic --------------------------------------------------------------------------------

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Adds calendar months, clamping the day: 31 Jan + 1 month = 28 Feb (29 in a leap year). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  return localDate(Math.floor(index / 12), (index % 12) + 1, day);
}

/** Days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** -1, 0 or 1, for sorting; yyyy-mm-dd strings order like the dates they name. */
export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/** ISO day of the week, 1 = Monday ... 7 = Sunday. 1970-01-01 was a Thursday. */
export function dayOfWeek(date: LocalDate): IsoWeekday {
  return (((((dayNumber(date) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** The first day of the week holding `date`, for weeks starting on `weekStartsOn` (ISO 1-7). */
export function startOfWeek(date: LocalDate, weekStartsOn: number): LocalDate {
  const back = (((dayOfWeek(date) - weekStartsOn) % 7) + 7) % 7;
  return addDays(date, -back);
}

export function startOfMonth(date: LocalDate): LocalDate {
  const { year, month } = dateParts(date);
  return localDate(year, month, 1);
}

export function endOfMonth(date: LocalDate): LocalDate {
  const { year, month } = dateParts(date);
  return localDate(year, month, daysInMonth(year, month));
}

export function startOfQuarter(date: LocalDate): LocalDate {
  const { year, month } = dateParts(date);
  return localDate(year, month - ((month - 1) % 3), 1);
}

export function endOfQuarter(date: LocalDate): LocalDate {
  return endOfMonth(addMonths(startOfQuarter(date), 2));
}

/** The month as `yyyy-mm`, the key the forecast groups by. */
export function monthKey(date: LocalDate): string {
  return date.slice(0, 7);
}

/** ISO 8601 week: weeks start on Monday and week 1 holds the year's first Thursday. */
export function isoWeek(date: LocalDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - dayOfWeek(date));
  const year = dateParts(thursday).year;
  const week = Math.floor(daysBetween(localDate(year, 1, 1), thursday) / 7) + 1;
  return { year, week };
}

/** The calendar date of a wall-clock moment. */
export function dateOf(dateTime: LocalDateTime): LocalDate {
  return dateTime.slice(0, 10) as LocalDate;
}

/**
 * Reads a date typed as text: `yyyy-mm-dd`, `yyyy/mm/dd`, or an ISO date-time (its calendar
 * part, as written: no zone conversion). Anything else, or an impossible date, gives null.
 */
export function parseLocalDate(text: string): LocalDate | null {
  const match =
    /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(
      text,
    );
  if (!match) return null;
  const candidate = `${match[1]}-${pad2(Number(match[2]))}-${pad2(Number(match[3]))}`;
  return isLocalDate(candidate) ? candidate : null;
}

// ---- The clock ---------------------------------------------------------------------------------

export interface LocalClock {
  date: LocalDate;
  /** `HH:mm:ss`, 24-hour. */
  time: string;
  hour: number;
  dateTime: LocalDateTime;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // hourCycle h23: some engines print midnight as "24" with hour12: false.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The wall clock in `timeZone` (an IANA name such as 'Europe/Madrid') at an instant in
 * milliseconds since the epoch. Intl carries the zone rules, DST included; an unknown zone
 * throws a RangeError (a bug in the caller: the zone comes from the spreadsheet).
 */
export function localDateTimeIn(instantMs: number, timeZone: string): LocalClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) parts[part.type] = part.value;
  const hour = Number(parts.hour) % 24;
  const date = `${parts.year}-${parts.month}-${parts.day}` as LocalDate;
  const time = `${pad2(hour)}:${parts.minute}:${parts.second}`;
  return { date, time, hour, dateTime: `${date}T${time}` as LocalDateTime };
}

/** Today's calendar date in `timeZone`. */
export function todayIn(instantMs: number, timeZone: string): LocalDate {
  return localDateTimeIn(instantMs, timeZone).date;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
