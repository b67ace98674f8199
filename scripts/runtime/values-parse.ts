// What Sheets stores when a user (or setValue with a string) types text into a cell.
import type { CellSnapshot } from './snapshot';
import { localeConventions } from './values-locale';
import { serialFromWallTime } from './values-time';

const currencyFormats: Record<string, string> = {
  $: '"$"#,##0.00',
  '€': '#,##0.00 [$€-1]',
  '£': '[$£]#,##0.00',
};

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A typed number in the locale's notation, with the format Sheets gives it; undefined if not one. */
export function parseNumberText(
  text: string,
  locale: string,
): { value: number; numberFormat?: string } | undefined {
  const { decimal, group } = localeConventions(locale);
  let rest = text.trim();
  let negative = false;
  let currency: string | undefined;
  let percent = false;
  const takeCurrency = () => {
    const match = /^([$€£])\s?|\s?([$€£])$/.exec(rest);
    if (match && !currency) {
      currency = match[1] ?? match[2];
      rest = match[1] ? rest.slice(match[0].length) : rest.slice(0, -match[0].length);
    }
  };
  takeCurrency();
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  takeCurrency();
  if (rest.endsWith('%')) {
    percent = true;
    rest = rest.slice(0, -1).trimEnd();
  }
  if (percent && currency) return undefined;
  // Narrow and plain no-break spaces count as the French-style group separator's look-alikes.
  const groups = /\s/.test(group) ? '[\\s\\u00a0\\u202f]' : escapeForRegExp(group);
  const point = escapeForRegExp(decimal);
  const shape = new RegExp(
    `^(?:(\\d{1,3}(?:${groups}\\d{3})+)|(\\d*))(?:${point}(\\d*))?(?:[eE]([+-]?\\d+))?$`,
  );
  const match = shape.exec(rest);
  if (!match) return undefined;
  const [, grouped, plain, fraction, exponent] = match;
  const integer = grouped !== undefined ? grouped.replace(/\D/g, '') : (plain ?? '');
  if (integer === '' && (fraction ?? '') === '') return undefined;
  if (exponent !== undefined && (grouped !== undefined || percent || currency)) return undefined;
  const digits = `${integer || '0'}.${fraction || '0'}`;
  const power = Number(exponent ?? 0) - (percent ? 2 : 0);
  const magnitude = Number(`${digits}e${power}`);
  if (!Number.isFinite(magnitude)) return undefined;
  const value = negative && magnitude !== 0 ? -magnitude : magnitude;
  const hasDecimals = (fraction ?? '').length > 0;
  if (percent) return { value, numberFormat: hasDecimals ? '0.00%' : '0%' };
  if (currency) return { value, numberFormat: currencyFormats[currency] ?? '#,##0.00' };
  if (exponent !== undefined) return { value, numberFormat: '0.00E+00' };
  if (grouped !== undefined) return { value, numberFormat: hasDecimals ? '#,##0.00' : '#,##0' };
  return { value };
}

interface TimeOfDay {
  fraction: number;
}

/** '08:00', '8:30:15', '8:30 pm' as a fraction of a day; undefined if not a time. */
export function parseTimeText(text: string): TimeOfDay | undefined {
  const match =
    /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?\s*(am|pm|a\.m\.|p\.m\.|a|p)?$/i.exec(
      text.trim(),
    );
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = Number(match[3] ?? 0);
  const milliseconds = Number((match[4] ?? '').padEnd(3, '0'));
  const meridiem = match[5]?.toLowerCase();
  if (minutes > 59 || seconds > 59) return undefined;
  if (meridiem) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (meridiem.startsWith('p') ? 12 : 0);
  } else if (hours > 23) return undefined;
  return { fraction: (hours * 3600 + minutes * 60 + seconds + milliseconds / 1000) / 86_400 };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function calendarSerial(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  return serialFromWallTime({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 });
}

/** Sheets reads two-digit years 00-29 as 20xx and 30-99 as 19xx. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length > 2) return year;
  return year < 30 ? 2000 + year : 1900 + year;
}

/** A typed date or date-time: ISO everywhere, the locale's own order otherwise. */
export function parseDateText(
  text: string,
  locale: string,
): { value: number; numberFormat: string } | undefined {
  const conventions = localeConventions(locale);
  const trimmed = text.trim();
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:\s+|T)(.+))?$/.exec(trimmed);
  const local = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:\s+(.+))?$/.exec(trimmed);
  let serial: number | undefined;
  let timeText: string | undefined;
  let dateFormat: string;
  let dateTimeFormat: string;
  if (iso) {
    serial = calendarSerial(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    timeText = iso[4];
    dateFormat = 'yyyy-mm-dd';
    dateTimeFormat = 'yyyy-mm-dd h:mm:ss';
  } else if (local) {
    const [, first = '', , second = '', third = ''] = local;
    const order = conventions.dateOrder;
    const [yearText, monthText, dayText] =
      order === 'ymd'
        ? [first, second, third]
        : order === 'mdy'
          ? [third, first, second]
          : [third, second, first];
    if (yearText.length !== 2 && yearText.length !== 4) return undefined;
    if (monthText.length > 2 || dayText.length > 2) return undefined;
    serial = calendarSerial(fullYear(yearText), Number(monthText), Number(dayText));
    timeText = local[5];
    dateFormat = conventions.shortDateFormat;
    dateTimeFormat = conventions.dateTimeFormat;
  } else return undefined;
  if (serial === undefined) return undefined;
  if (timeText === undefined) return { value: serial, numberFormat: dateFormat };
  const time = parseTimeText(timeText);
  if (!time) return undefined;
  return { value: serial + time.fraction, numberFormat: dateTimeFormat };
}

/**
 * What Sheets stores when a user types `text`: a leading ' keeps text, '=' makes a formula (value ''
 * until computed), then numbers, percents, currencies, booleans, dates, times, date-times in the
 * locale's notation; anything else is text. Not recognised: month names ('1 Mar 2026'), dates
 * without a year ('1/3', which Sheets completes with the current year), durations over 23 hours.
 */
export function parseUserInput(text: string, locale: string, _timeZone: string): CellSnapshot {
  if (text === '') return { value: '' };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { value: '', formula: text };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true' };
  const number = parseNumberText(trimmed, locale);
  if (number) return number;
  const date = parseDateText(trimmed, locale);
  if (date) return date;
  const time = parseTimeText(trimmed);
  if (time) return { value: time.fraction, numberFormat: localeConventions(locale).timeFormat };
  return { value: text };
}
