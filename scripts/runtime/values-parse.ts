// What Sheets stores when a user (or setValue with a string) types text into a cell.
import type { CellSnapshot } from './snapshot';
import { localeConventions } from './values-locale';
import { serialFromWallTime, wallTimeAt } from './values-time';

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

/** '08:00', '8:30:15', '8:30 pm', '10am' as a fraction of a day; undefined if not a time. */
export function parseTimeText(text: string): TimeOfDay | undefined {
  const trimmed = text.trim();
  const match =
    /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?\s*(am|pm|a\.m\.|p\.m\.|a|p)?$/i.exec(
      trimmed,
    ) ??
    // An hour alone counts when a meridiem says it is one: '10am', '3 p.m.'.
    /^(\d{1,2})()()()\s*(am|pm|a\.m\.|p\.m\.)$/i.exec(trimmed);
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] || 0);
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

// Month names Sheets reads in typed dates: English in every file, plus the file's own language.
const monthNames: Record<string, readonly string[][]> = {
  en: [
    ['jan', 'january'],
    ['feb', 'february'],
    ['mar', 'march'],
    ['apr', 'april'],
    ['may'],
    ['jun', 'june'],
    ['jul', 'july'],
    ['aug', 'august'],
    ['sep', 'sept', 'september'],
    ['oct', 'october'],
    ['nov', 'november'],
    ['dec', 'december'],
  ],
  es: [
    ['ene', 'enero'],
    ['feb', 'febrero'],
    ['mar', 'marzo'],
    ['abr', 'abril'],
    ['may', 'mayo'],
    ['jun', 'junio'],
    ['jul', 'julio'],
    ['ago', 'agosto'],
    ['sep', 'sept', 'septiembre', 'set', 'setiembre'],
    ['oct', 'octubre'],
    ['nov', 'noviembre'],
    ['dic', 'diciembre'],
  ],
};

/** 1-12 for a month name or abbreviation (a trailing dot allowed) in English or the locale's language. */
function monthNumber(word: string, locale: string): number | undefined {
  const wanted = word.toLowerCase().replace(/\.$/, '');
  const language = localeConventions(locale).tag.split('-')[0] ?? 'en';
  for (const names of [monthNames.en, monthNames[language]]) {
    const index = names?.findIndex((forms) => forms.includes(wanted)) ?? -1;
    if (index >= 0) return index + 1;
  }
  return undefined;
}

/** Dates with a month name: '1 Mar 2026', '1-mar-26', 'March 1, 2026', 'Mar 1', 'March 2026'. */
function parseMonthNameDate(
  text: string,
  locale: string,
  currentYear: () => number,
): number | undefined {
  const month = '([a-z\\u00e0-\\u00fc]{3,10}\\.?)';
  const dayFirst = new RegExp(`^(\\d{1,2})[ /-]${month}(?:[ /-](\\d{2}|\\d{4}))?$`, 'i').exec(text);
  if (dayFirst) {
    const number = monthNumber(dayFirst[2] ?? '', locale);
    if (number === undefined) return undefined;
    const year = dayFirst[3] === undefined ? currentYear() : fullYear(dayFirst[3]);
    return calendarSerial(year, number, Number(dayFirst[1]));
  }
  const monthFirst = new RegExp(`^${month}[ -](\\d{1,2})(?:,?[ -](\\d{4}))?$`, 'i').exec(text);
  if (monthFirst) {
    const number = monthNumber(monthFirst[1] ?? '', locale);
    if (number === undefined) return undefined;
    const year = monthFirst[3] === undefined ? currentYear() : Number(monthFirst[3]);
    return calendarSerial(year, number, Number(monthFirst[2]));
  }
  const monthYear = new RegExp(`^${month}[ -](\\d{4})$`, 'i').exec(text);
  if (monthYear) {
    const number = monthNumber(monthYear[1] ?? '', locale);
    return number === undefined ? undefined : calendarSerial(Number(monthYear[2]), number, 1);
  }
  return undefined;
}

/**
 * A typed date or date-time: ISO everywhere, the locale's own order otherwise; a day and month
 * without a year ('1/2', which is how a fraction gets typed) fall in the current year.
 */
export function parseDateText(
  text: string,
  locale: string,
  currentYear: () => number = () => new Date().getUTCFullYear(),
): { value: number; numberFormat: string } | undefined {
  const conventions = localeConventions(locale);
  const trimmed = text.trim();
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:\s+|T)(.+))?$/.exec(trimmed);
  const local = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:\s+(.+))?$/.exec(trimmed);
  const yearless = /^(\d{1,2})[/-](\d{1,2})$/.exec(trimmed);
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
  } else if (yearless) {
    const [, first = '', second = ''] = yearless;
    const [monthText, dayText] =
      conventions.dateOrder === 'dmy' ? [second, first] : [first, second];
    serial = calendarSerial(currentYear(), Number(monthText), Number(dayText));
    dateFormat = conventions.shortDateFormat;
    dateTimeFormat = conventions.dateTimeFormat;
  } else {
    serial = parseMonthNameDate(trimmed, locale, currentYear);
    dateFormat = conventions.shortDateFormat;
    dateTimeFormat = conventions.dateTimeFormat;
  }
  if (serial === undefined) return undefined;
  if (timeText === undefined) return { value: serial, numberFormat: dateFormat };
  const time = parseTimeText(timeText);
  if (!time) return undefined;
  return { value: serial + time.fraction, numberFormat: dateTimeFormat };
}

/** TRUE and FALSE in every file; a Spanish file also takes VERDADERO and FALSO. */
function parseBooleanText(text: string, locale: string): boolean | undefined {
  const word = text.toLowerCase();
  if (word === 'true') return true;
  if (word === 'false') return false;
  if (localeConventions(locale).tag.startsWith('es')) {
    if (word === 'verdadero') return true;
    if (word === 'falso') return false;
  }
  return undefined;
}

/**
 * What Sheets stores when a user types `text`: a leading ' keeps text, '=' makes a formula (value ''
 * until computed), then numbers, percents, currencies, booleans, dates, times, date-times in the
 * locale's notation; a leading + or - that starts no number is read as a formula too (so
 * '+34 600 123 456' is a formula error, which is why phone columns are plain text); anything else is
 * text. `now` places dates typed without a year. Not recognised: mixed fractions ('1 1/2'),
 * durations over 23 hours.
 */
export function parseUserInput(
  text: string,
  locale: string,
  timeZone: string,
  now: number = Date.now(),
): CellSnapshot {
  if (text === '') return { value: '' };
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (text.startsWith('=') && text.length > 1) return { value: '', formula: text };
  const trimmed = text.trim();
  const boolean = parseBooleanText(trimmed, locale);
  if (boolean !== undefined) return { value: boolean };
  const number = parseNumberText(trimmed, locale);
  if (number) return number;
  const date = parseDateText(trimmed, locale, () => wallTimeAt(now, timeZone).year);
  if (date) return date;
  const time = parseTimeText(trimmed);
  if (time) return { value: time.fraction, numberFormat: localeConventions(locale).timeFormat };
  if (/^[+-]./s.test(text)) return { value: '', formula: `=${text}` };
  return { value: text };
}
