// Number formats as Sheets applies them: numbers, percents, currencies, dates and times to display text.
import { localeConventions } from './values-locale';
import { type WallTime, wallTimeFromSerial } from './values-time';

type DateCode =
  | 'yyyy'
  | 'yy'
  | 'month'
  | 'month2'
  | 'monthShort'
  | 'monthLong'
  | 'minute'
  | 'minute2'
  | 'day'
  | 'day2'
  | 'weekdayShort'
  | 'weekdayLong'
  | 'hour'
  | 'hour2'
  | 'second'
  | 'second2'
  | 'ampm'
  | 'ap'
  | 'elapsedHours'
  | 'elapsedMinutes'
  | 'elapsedSeconds';

type FormatToken =
  | { kind: 'literal'; text: string }
  | { kind: 'digit'; placeholder: '0' | '#' | '?' }
  | { kind: 'point' }
  | { kind: 'comma' }
  | { kind: 'percent' }
  | { kind: 'exponent'; showPlus: boolean }
  | { kind: 'date'; code: DateCode | 'm' | 'mm' }
  | { kind: 'fraction'; digits: number }
  | { kind: 'text' }
  | { kind: 'general' };

/** Splits a format into its sections at `;` outside quotes and brackets. */
function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  let bracket = false;
  for (let index = 0; index < format.length; index++) {
    const char = format[index] ?? '';
    if (char === '\\' && !quoted) {
      current += char + (format[index + 1] ?? '');
      index++;
      continue;
    }
    if (char === '"') quoted = !quoted;
    else if (char === '[' && !quoted) bracket = true;
    else if (char === ']' && !quoted) bracket = false;
    if (char === ';' && !quoted && !bracket) {
      sections.push(current);
      current = '';
    } else current += char;
  }
  sections.push(current);
  return sections;
}

function runLength(text: string, start: number, letter: string): number {
  let end = start;
  while (end < text.length && (text[end] ?? '').toLowerCase() === letter) end++;
  return end - start;
}

function bracketToken(content: string): FormatToken | undefined {
  if (content.startsWith('$')) {
    const symbol = content.slice(1).split('-')[0] ?? '';
    return { kind: 'literal', text: symbol };
  }
  const lower = content.toLowerCase();
  if (/^h+$/.test(lower)) return { kind: 'date', code: 'elapsedHours' };
  if (/^m+$/.test(lower)) return { kind: 'date', code: 'elapsedMinutes' };
  if (/^s+$/.test(lower)) return { kind: 'date', code: 'elapsedSeconds' };
  return undefined; // colours and conditions change nothing in the text
}

/** Tokens of one format section; 'm'/'mm' stay ambiguous until resolveMinutes. */
function tokenizeSection(section: string): FormatToken[] {
  const tokens: FormatToken[] = [];
  let index = 0;
  while (index < section.length) {
    const char = section[index] ?? '';
    const lower = char.toLowerCase();
    const rest = section.slice(index).toLowerCase();
    if (char === '"') {
      const close = section.indexOf('"', index + 1);
      const end = close === -1 ? section.length : close;
      tokens.push({ kind: 'literal', text: section.slice(index + 1, end) });
      index = end + 1;
    } else if (char === '\\') {
      tokens.push({ kind: 'literal', text: section[index + 1] ?? '' });
      index += 2;
    } else if (char === '_') {
      tokens.push({ kind: 'literal', text: ' ' });
      index += 2;
    } else if (char === '*') {
      index += 2;
    } else if (char === '[') {
      const close = section.indexOf(']', index);
      const end = close === -1 ? section.length : close;
      const token = bracketToken(section.slice(index + 1, end));
      if (token) tokens.push(token);
      index = end + 1;
    } else if (rest.startsWith('general')) {
      tokens.push({ kind: 'general' });
      index += 7;
    } else if (rest.startsWith('am/pm')) {
      tokens.push({ kind: 'date', code: 'ampm' });
      index += 5;
    } else if (rest.startsWith('a/p')) {
      tokens.push({ kind: 'date', code: 'ap' });
      index += 3;
    } else if (lower === 'y') {
      const length = runLength(section, index, 'y');
      tokens.push({ kind: 'date', code: length > 2 ? 'yyyy' : 'yy' });
      index += length;
    } else if (lower === 'm') {
      const length = runLength(section, index, 'm');
      const code =
        length === 1 ? 'm' : length === 2 ? 'mm' : length === 3 ? 'monthShort' : 'monthLong';
      tokens.push({ kind: 'date', code });
      index += length;
    } else if (lower === 'd') {
      const length = runLength(section, index, 'd');
      const codes = ['day', 'day2', 'weekdayShort', 'weekdayLong'] as const;
      tokens.push({ kind: 'date', code: codes[Math.min(length, 4) - 1] ?? 'day' });
      index += length;
    } else if (lower === 'h') {
      const length = runLength(section, index, 'h');
      tokens.push({ kind: 'date', code: length === 1 ? 'hour' : 'hour2' });
      index += length;
    } else if (lower === 's') {
      const length = runLength(section, index, 's');
      tokens.push({ kind: 'date', code: length === 1 ? 'second' : 'second2' });
      index += length;
    } else if (char === '0' || char === '#' || char === '?') {
      tokens.push({ kind: 'digit', placeholder: char });
      index++;
    } else if (char === '.') {
      tokens.push({ kind: 'point' });
      index++;
    } else if (char === ',') {
      tokens.push({ kind: 'comma' });
      index++;
    } else if (char === '%') {
      tokens.push({ kind: 'percent' });
      index++;
    } else if (lower === 'e' && (section[index + 1] === '+' || section[index + 1] === '-')) {
      tokens.push({ kind: 'exponent', showPlus: section[index + 1] === '+' });
      index += 2;
    } else if (char === '@') {
      tokens.push({ kind: 'text' });
      index++;
    } else {
      tokens.push({ kind: 'literal', text: char });
      index++;
    }
  }
  return resolveDateSection(tokens);
}

function isDateToken(token: FormatToken | undefined): boolean {
  return token?.kind === 'date';
}

/** 'm' is minutes after an hour or before seconds; '.00' after seconds is a fraction of a second. */
function resolveDateSection(tokens: FormatToken[]): FormatToken[] {
  if (!tokens.some(isDateToken)) return tokens;
  const dateTokens = tokens.filter(
    (token): token is Extract<FormatToken, { kind: 'date' }> => token.kind === 'date',
  );
  const resolved: FormatToken[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (!token) continue;
    if (token.kind === 'date' && (token.code === 'm' || token.code === 'mm')) {
      const position = dateTokens.indexOf(token);
      const previous = dateTokens[position - 1]?.code;
      const next = dateTokens[position + 1]?.code;
      const isMinute =
        previous === 'hour' ||
        previous === 'hour2' ||
        previous === 'elapsedHours' ||
        next === 'second' ||
        next === 'second2';
      const code: DateCode =
        token.code === 'm' ? (isMinute ? 'minute' : 'month') : isMinute ? 'minute2' : 'month2';
      resolved.push({ kind: 'date', code });
    } else if (token.kind === 'point' && tokens[index + 1]?.kind === 'digit') {
      let digits = 0;
      while (tokens[index + 1 + digits]?.kind === 'digit') digits++;
      resolved.push({ kind: 'fraction', digits });
      index += digits;
    } else resolved.push(token);
  }
  return resolved;
}

function stripLiterals(format: string): string {
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .replace(/[_*]./g, '');
}

/** True for a format that shows a number as a date, a time or both (y, d, m, h, s outside literals). */
export function isDateFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat) return false;
  const first = splitSections(numberFormat)[0] ?? '';
  return /[ydmhs]/i.test(stripLiterals(first).replace(/general/gi, ''));
}

/** True for a format whose numbers are times of day or durations, with no calendar part. */
export function isTimeOnlyFormat(numberFormat: string | undefined): boolean {
  if (!isDateFormat(numberFormat)) return false;
  const tokens = tokenizeSection(splitSections(numberFormat ?? '')[0] ?? '');
  return !tokens.some(
    (token) =>
      token.kind === 'date' &&
      /^(yyyy|yy|month|month2|monthShort|monthLong|day|day2|weekday)/.test(token.code),
  );
}

/** Rounds half away from zero at `decimals` places without binary-fraction surprises (1.005 -> 1.01). */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  const sign = value < 0 ? -1 : 1;
  const factor = 10 ** decimals;
  // 15 significant digits drop the binary noise (1.005 * 100 = 100.49999999999999).
  const shifted = Number((Math.abs(value) * factor).toPrecision(15));
  return (sign * Math.round(shifted)) / factor;
}

function groupDigits(integer: string, separator: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function decimalString(value: number, decimals: number): string {
  const rounded = roundHalfAwayFromZero(value, decimals);
  if (Math.abs(rounded) >= 1e21) return BigInt(Math.round(rounded)).toString();
  return rounded.toFixed(decimals);
}

/** A number as Sheets' automatic format shows it: up to 10 significant digits, no grouping. */
export function formatAutomaticNumber(value: number, locale: string): string {
  const { decimal } = localeConventions(locale);
  if (!Number.isFinite(value)) return '#NUM!';
  const magnitude = Math.abs(value);
  let text: string;
  if (magnitude !== 0 && (magnitude >= 1e15 || magnitude < 1e-9)) {
    const [mantissa = '0', exponent = '0'] = value.toExponential(5).split('e');
    const trimmed = mantissa.replace(/\.?0+$/, '');
    const power = Number(exponent);
    text = `${trimmed}E${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
  } else if (Number.isInteger(value)) {
    text = String(value);
  } else {
    const integerDigits = magnitude < 1 ? 0 : Math.floor(Math.log10(magnitude)) + 1;
    const decimals = Math.max(0, 10 - integerDigits);
    text = decimalString(value, decimals);
    if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
    if (/^-0$/.test(text)) text = '0';
  }
  return text.replace('.', decimal);
}

interface NumberPattern {
  prefix: string;
  suffix: string;
  integerPlaceholders: string;
  decimalPlaceholders: string;
  exponentPlaceholders: string;
  exponentShowsPlus: boolean;
  hasExponent: boolean;
  hasPoint: boolean;
  grouping: boolean;
  percents: number;
  thousandsScale: number;
}

function numberPattern(tokens: FormatToken[]): NumberPattern {
  const pattern: NumberPattern = {
    prefix: '',
    suffix: '',
    integerPlaceholders: '',
    decimalPlaceholders: '',
    exponentPlaceholders: '',
    exponentShowsPlus: false,
    hasExponent: false,
    hasPoint: false,
    grouping: false,
    percents: 0,
    thousandsScale: 0,
  };
  const numericKinds = new Set(['digit', 'point', 'comma', 'exponent']);
  const first = tokens.findIndex((token) => numericKinds.has(token.kind));
  let last = -1;
  tokens.forEach((token, index) => {
    if (numericKinds.has(token.kind)) last = index;
  });
  let pendingCommas = 0;
  tokens.forEach((token, index) => {
    if (token.kind === 'percent') pattern.percents++;
    const text = token.kind === 'literal' ? token.text : token.kind === 'percent' ? '%' : '';
    if (first === -1 || index < first) pattern.prefix += text;
    else if (index > last) pattern.suffix += text;
    else if (text) pattern.suffix += text; // literals between digits: shown after the number
    if (token.kind === 'digit') {
      if (pattern.hasExponent) pattern.exponentPlaceholders += token.placeholder;
      else if (pattern.hasPoint) pattern.decimalPlaceholders += token.placeholder;
      else {
        if (pendingCommas > 0 && pattern.integerPlaceholders.length > 0) pattern.grouping = true;
        pendingCommas = 0;
        pattern.integerPlaceholders += token.placeholder;
      }
    } else if (token.kind === 'comma' && !pattern.hasPoint && !pattern.hasExponent) pendingCommas++;
    else if (token.kind === 'point') {
      pattern.thousandsScale += pendingCommas;
      pendingCommas = 0;
      pattern.hasPoint = true;
    } else if (token.kind === 'exponent') {
      pattern.hasExponent = true;
      pattern.exponentShowsPlus = token.showPlus;
    }
  });
  if (!pattern.hasPoint) pattern.thousandsScale += pendingCommas;
  return pattern;
}

function formatWithPattern(magnitude: number, pattern: NumberPattern, locale: string): string {
  const { decimal, group } = localeConventions(locale);
  let scaled = magnitude * 100 ** pattern.percents;
  scaled = scaled / 1000 ** pattern.thousandsScale;
  let exponentText = '';
  if (pattern.hasExponent) {
    const integerCount = Math.max(1, pattern.integerPlaceholders.length);
    let power = scaled === 0 ? 0 : Math.floor(Math.log10(scaled)) - (integerCount - 1);
    let mantissa = roundHalfAwayFromZero(scaled / 10 ** power, pattern.decimalPlaceholders.length);
    if (mantissa >= 10 ** integerCount) {
      power++;
      mantissa /= 10;
    }
    scaled = mantissa;
    const digits = String(Math.abs(power)).padStart(
      pattern.exponentPlaceholders.replace(/[^0]/g, '').length,
      '0',
    );
    exponentText = `E${power < 0 ? '-' : pattern.exponentShowsPlus ? '+' : ''}${digits}`;
  }
  const fixed = decimalString(scaled, pattern.decimalPlaceholders.length);
  let [integer = '0', fraction = ''] = fixed.split('.');
  let keep = fraction.length;
  while (keep > 0 && pattern.decimalPlaceholders[keep - 1] !== '0') {
    if (fraction[keep - 1] !== '0') break;
    keep--;
  }
  fraction = fraction.slice(0, keep);
  const minimumIntegerDigits = pattern.integerPlaceholders.replace(/[^0]/g, '').length;
  if (integer === '0' && minimumIntegerDigits === 0) integer = '';
  integer = integer.padStart(minimumIntegerDigits, '0');
  if (pattern.grouping) integer = groupDigits(integer, group);
  const point = fraction.length > 0 ? decimal : '';
  return `${pattern.prefix}${integer}${point}${fraction}${exponentText}${pattern.suffix}`;
}

const nameFormats = new Map<string, Intl.DateTimeFormat>();

function nameFormat(locale: string, field: 'month' | 'weekday', style: 'short' | 'long') {
  const key = `${locale}|${field}|${style}`;
  let format = nameFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(localeConventions(locale).tag, {
      [field]: style,
      timeZone: 'UTC',
    });
    nameFormats.set(key, format);
  }
  return format;
}

function monthName(month: number, style: 'short' | 'long', locale: string): string {
  return nameFormat(locale, 'month', style).format(new Date(Date.UTC(2000, month - 1, 1)));
}

function weekdayName(serial: number, style: 'short' | 'long', locale: string): string {
  const date = new Date(Math.round((Math.floor(serial) - 25569) * 86_400_000));
  return nameFormat(locale, 'weekday', style).format(date);
}

function dateCodeText(
  code: DateCode | 'm' | 'mm',
  wall: WallTime,
  hour: number,
  serial: number,
  totalSeconds: number,
  locale: string,
): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  switch (code) {
    case 'yyyy':
      return String(wall.year).padStart(4, '0');
    case 'yy':
      return pad(wall.year % 100);
    case 'month':
    case 'm':
      return String(wall.month);
    case 'month2':
    case 'mm':
      return pad(wall.month);
    case 'monthShort':
      return monthName(wall.month, 'short', locale);
    case 'monthLong':
      return monthName(wall.month, 'long', locale);
    case 'minute':
      return String(wall.minute);
    case 'minute2':
      return pad(wall.minute);
    case 'day':
      return String(wall.day);
    case 'day2':
      return pad(wall.day);
    case 'weekdayShort':
      return weekdayName(serial, 'short', locale);
    case 'weekdayLong':
      return weekdayName(serial, 'long', locale);
    case 'hour':
      return String(hour);
    case 'hour2':
      return pad(hour);
    case 'second':
      return String(wall.second);
    case 'second2':
      return pad(wall.second);
    case 'ampm':
      return wall.hour < 12 ? 'AM' : 'PM';
    case 'ap':
      return wall.hour < 12 ? 'A' : 'P';
    case 'elapsedHours':
      return String(Math.floor(totalSeconds / 3600));
    case 'elapsedMinutes':
      return String(Math.floor(totalSeconds / 60));
    case 'elapsedSeconds':
      return String(totalSeconds);
  }
}

function formatDate(serial: number, tokens: FormatToken[], locale: string): string {
  const fractionDigits = Math.max(
    0,
    ...tokens.map((token) => (token.kind === 'fraction' ? token.digits : 0)),
  );
  const unit = 86_400 * 10 ** Math.min(fractionDigits, 3);
  const rounded = Math.round(serial * unit) / unit;
  const wall = wallTimeFromSerial(rounded);
  const twelveHour = tokens.some(
    (token) => token.kind === 'date' && (token.code === 'ampm' || token.code === 'ap'),
  );
  const hour = twelveHour ? ((wall.hour + 11) % 12) + 1 : wall.hour;
  const totalSeconds = Math.round(rounded * 86_400);
  let text = '';
  for (const token of tokens) {
    if (token.kind === 'literal') text += token.text;
    else if (token.kind === 'fraction') {
      text += `.${String(wall.millisecond).padStart(3, '0').slice(0, token.digits).padEnd(token.digits, '0')}`;
    } else if (token.kind === 'date') {
      text += dateCodeText(token.code, wall, hour, rounded, totalSeconds, locale);
    } else if (token.kind === 'percent') text += '%';
    else if (token.kind === 'point') text += '.';
    else if (token.kind === 'comma') text += ',';
  }
  return text;
}

// Parsing a format costs more than applying it, and a sheet repeats a few formats over many cells.
const compiledFormats = new Map<string, FormatToken[][]>();

function compiledSections(format: string): FormatToken[][] {
  let sections = compiledFormats.get(format);
  if (!sections) {
    sections = splitSections(format).map(tokenizeSection);
    if (compiledFormats.size > 500) compiledFormats.clear();
    compiledFormats.set(format, sections);
  }
  return sections;
}

/**
 * A number shown through a Sheets number format. Supported: automatic/General, digit placeholders
 * 0 # ?, grouping, decimals, percent, scaling commas, scientific E+, quoted and escaped literals,
 * [$€-1] currency, up to three sections (positive;negative;zero), date and time codes, [h] [m] [s]
 * durations and .000 fractions of a second. Not supported: fractions (# ?/?), conditions ([>100]),
 * literals between digit placeholders (they go after the number), and the fill character (*).
 */
export function formatNumber(
  value: number,
  numberFormat: string | undefined,
  locale: string,
): string {
  const format = numberFormat?.trim() ?? '';
  if (format === '' || /^(general|automatic|@)$/i.test(format)) {
    return formatAutomaticNumber(value, locale);
  }
  const sections = compiledSections(format);
  const explicitNegative = value < 0 && sections.length > 1;
  const section =
    value === 0 && sections.length > 2
      ? sections[2]
      : value < 0 && sections.length > 1
        ? sections[1]
        : sections[0];
  const tokens = section ?? [];
  if (tokens.some(isDateToken)) {
    if (value < 0) return formatAutomaticNumber(value, locale);
    return formatDate(value, tokens, locale);
  }
  if (tokens.some((token) => token.kind === 'general')) {
    const body = formatAutomaticNumber(explicitNegative ? -value : value, locale);
    return tokens
      .map((token) =>
        token.kind === 'general' ? body : token.kind === 'literal' ? token.text : '',
      )
      .join('');
  }
  if (!tokens.some((token) => token.kind === 'digit')) {
    return tokens.map((token) => (token.kind === 'literal' ? token.text : '')).join('');
  }
  const text = formatWithPattern(Math.abs(value), numberPattern(tokens), locale);
  if (value >= 0 || explicitNegative) return text;
  return /[1-9]/.test(text) ? `-${text}` : text;
}
