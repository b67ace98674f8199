// Text for cells: what a user typed, cleaned (no control characters, bounded length), and the one rule for its apostrophe.

/**
 * Cleans text a user typed in the sidebar: trimmed, control characters dropped (newlines kept,
 * tabs become spaces), at most maxLength characters, never cutting a character in half.
 */
export function sanitizeText(text: string, maxLength: number): string {
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
    .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '')
    .trim();
  const characters = Array.from(cleaned);
  if (characters.length <= maxLength) return cleaned;
  return characters.slice(0, Math.max(0, maxLength)).join('').trimEnd();
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
