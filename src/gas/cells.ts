// Converts between what SpreadsheetApp returns and the domain's plain cells, in the sheet's time zone.

import type { LocalDate, LocalDateTime } from '../domain/dates';
import type { FieldKind } from '../domain/fields';
import type { Cell } from '../domain/model';
import { wallClockAt } from './wall-clock';

/**
 * A cell from getValues() as the domain wants it. Date cells come back as instants for the wall
 * time in the SPREADSHEET's zone, so they are turned into calendar dates in that zone (with Intl,
 * in plain JavaScript: a Utilities.formatDate call per date cell would cost O(rows) service calls;
 * wallClockAt asks Intl once per quarter hour, not once per cell).
 */
export function toDomainCell(value: unknown, timeZone: string): Cell {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const local = wallClockAt(value.getTime(), timeZone);
    return { kind: 'date', date: local.date, time: local.time };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  return value === null || value === undefined ? '' : String(value);
}

export function toDomainRow(values: readonly unknown[], timeZone: string): Cell[] {
  return values.map((value) => toDomainCell(value, timeZone));
}

/** What to hand setValues for a field of this kind, so the sheet stores the right type. */
export type SheetValue = string | number | boolean;

/**
 * The value written for a typed domain value. Dates go as ISO text, which Sheets parses as that
 * calendar date in every locale and zone (no instant, so no time-zone arithmetic to get wrong);
 * risky text gets a leading apostrophe, so Sheets keeps it as text: no formula injection and no
 * "12/3" turning into a date or "007" into 7.
 */
export function toSheetValue(kind: FieldKind, value: unknown): SheetValue {
  if (value === null || value === undefined || value === '') return '';
  switch (kind) {
    case 'checkbox':
      return value === true;
    case 'money':
    case 'number':
    case 'percent':
    case 'score':
    case 'stars':
    case 'count':
      return typeof value === 'number' && Number.isFinite(value) ? value : '';
    case 'date':
      return String(value as LocalDate);
    case 'timestamp':
      return String(value as LocalDateTime).replace('T', ' ');
    case 'phone':
      return String(value);
    default:
      return quoteIfRisky(String(value));
  }
}

// ---- The one rule: when text written into a cell needs a leading apostrophe ---------------------

/**
 * Words Sheets reads as TRUE/FALSE: English in every file, the file's own language too (Spanish,
 * and the other languages a tracker is commonly kept in; quoting one needlessly costs nothing).
 */
const booleanWords =
  /^(true|false|verdadero|falso|verdadeiro|vrai|faux|wahr|falsch|vero|waar|onwaar)$/i;

/** Error values a typed text can turn into. */
const errorWords = /^#(n\/a|null!|div\/0!|value!|ref!|name\?|num!|error!)$/i;

/**
 * Words longer than three letters that can be part of a typed date: month and weekday names in
 * English and Spanish, and month names in the other languages a file's locale is often set to
 * (Sheets reads those in French, German, Portuguese or Italian files whatever the add-on speaks).
 * Shorter words (e, E, am, pm, T, a month's abbreviation, a currency code) count as part of a
 * number or date whatever they are.
 */
const dateWords = new Set(
  [
    'january february march april june july august september sept october november december',
    'monday tuesday tues wednesday thursday thur thurs friday saturday sunday',
    'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre',
    'lunes martes miércoles miercoles jueves viernes sábado sabado domingo',
    'janvier janv février fevrier févr fevr mars avril juin juillet juil août aout septembre octobre novembre décembre decembre',
    'januar jänner februar märz april juni juli august oktober dezember',
    'janeiro fevereiro março marco maio junho julho setembro outubro novembro dezembro',
    'gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre',
  ]
    .join(' ')
    .split(' '),
);

/**
 * True when Sheets would not store this text as the same text if it were written as is. Sheets
 * parses a written string as if a person typed it (in the file's locale): a formula after = + - @,
 * a number (1e3, 007, 1.234,5, 50 %, $12), a date or time (1/2, 2026-03-01, Mar 1, 10am), a
 * boolean or an error value. Every number, date and time has a digit and no word longer than three
 * letters except a month or weekday name, so that shape is quoted in every locale, without
 * listing each locale's formats; text with real words ("Acme 2", "Route 66 Diner") is left alone,
 * because in a column someone formatted as plain text Sheets keeps the apostrophe.
 */
export function needsQuote(text: string): boolean {
  if (text === '') return false;
  // A leading apostrophe would be eaten; tab, CR and LF hide a formula after them in exports.
  if (/^[\t\r\n'=+\-@]/.test(text)) return true;
  const trimmed = text.trim();
  if (/^['=+\-@]/.test(trimmed) || booleanWords.test(trimmed) || errorWords.test(trimmed))
    return true;
  if (!/\p{Nd}/u.test(trimmed)) return false;
  const words = trimmed.match(/\p{L}+/gu) ?? [];
  return words.every((word) => word.length <= 3 || dateWords.has(word.toLowerCase()));
}

/** Text as written into a cell: with a leading apostrophe (stored as text, never shown) if needed. */
export function quoteIfRisky(text: string): string {
  return needsQuote(text) ? `'${text}` : text;
}

/** A value for setValues: text through the rule above; numbers and booleans as they are. */
export function cellInput(value: SheetValue): SheetValue {
  return typeof value === 'string' ? quoteIfRisky(value) : value;
}

/** Rows of a tab the add-on writes (settings, team, history, reports) with every text protected. */
export function cellInputs(rows: ReadonlyArray<ReadonlyArray<SheetValue>>): SheetValue[][] {
  return rows.map((row) => row.map(cellInput));
}
