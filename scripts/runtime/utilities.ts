// Utilities (dates, digests, base64, sleep), Logger and console, writing to the runtime's log.

import { createHash, createHmac, randomUUID } from 'node:crypto';
import { format as nodeFormat } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BlobImpl, signedBytes } from './blob';
import type { LogEntry, RuntimeEnv } from './env';
import { messages, ScriptException } from './errors';
import { isDate, type Signatures } from './gas-types';
import { isTimeZone, wallTimeAt, weekdayOf, zoneOffsetAt } from './values-time';

export const DigestAlgorithm = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;

const nodeDigest: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};
const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

function offsetText(offsetMs: number, colon: boolean): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  return colon ? `${sign}${h}:${m}` : `${sign}${h}${m}`;
}

/** Java SimpleDateFormat patterns, as Utilities.formatDate takes them. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime();
  const w = wallTimeAt(ms, timeZone);
  const weekday = weekdayOf(w);
  const offset = zoneOffsetAt(ms, timeZone);
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i] ?? '';
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      out += pattern.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
    switch (ch) {
      case 'y':
        out += n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
        break;
      case 'M':
        out +=
          n >= 4
            ? (monthNames[w.month - 1] ?? '')
            : n === 3
              ? (monthNames[w.month - 1] ?? '').slice(0, 3)
              : pad(w.month, n);
        break;
      case 'd':
        out += pad(w.day, n);
        break;
      case 'H':
        out += pad(w.hour, n);
        break;
      case 'h':
        out += pad(hour12, n);
        break;
      case 'm':
        out += pad(w.minute, n);
        break;
      case 's':
        out += pad(w.second, n);
        break;
      case 'S':
        out += pad(w.millisecond, 3).slice(0, Math.max(n, 3));
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'E':
        out += n >= 4 ? (dayNames[weekday] ?? '') : (dayNames[weekday] ?? '').slice(0, 3);
        break;
      case 'u':
        out += String(weekday === 0 ? 7 : weekday);
        break;
      case 'Z':
        out += offsetText(offset, false);
        break;
      case 'X':
        out += offset === 0 ? 'Z' : offsetText(offset, n >= 3);
        break;
      case 'z':
        out += `GMT${offsetText(offset, true)}`;
        break;
      default:
        throw new ScriptException(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}

const placeholder = /%(?:(\d+)\$)?([-+ 0#]*)(\d+)?(?:\.(\d+))?([diufFeEgGxXoscb%])/g;

/**
 * C's printf rules, which Google's reference shows for Utilities.formatString
 * (https://developers.google.com/apps-script/reference/utilities/utilities#formatString(String,Object...)):
 * flags - + space 0 #, a width, a .precision, and the conversions d i u f F e E g G x X o c s b %.
 * Arguments are taken in order (or by %n$); numbers given as text are read as numbers.
 */
export function sprintf(template: string, args: unknown[]): string {
  let next = 0;
  return template.replace(
    placeholder,
    (
      whole,
      position: string | undefined,
      flags: string,
      width: string | undefined,
      precision: string | undefined,
      conversion: string,
    ) => {
      if (conversion === '%') return whole === '%%' ? '%' : whole;
      const arg = args[position === undefined ? next++ : Number(position) - 1];
      const body = convert(
        conversion,
        arg,
        flags,
        precision === undefined ? undefined : Number(precision),
      );
      return padToWidth(
        body,
        flags,
        width === undefined ? 0 : Number(width),
        /[diufFeEgGxXob]/.test(conversion),
      );
    },
  );
}

function convert(
  conversion: string,
  arg: unknown,
  flags: string,
  precision: number | undefined,
): string {
  if (conversion === 's') {
    const text = String(arg);
    return precision === undefined ? text : text.slice(0, precision);
  }
  if (conversion === 'c')
    return typeof arg === 'number' ? String.fromCharCode(arg) : String(arg).charAt(0);
  if (conversion === 'b') return String(Boolean(arg));
  const value = Number(arg);
  if (!Number.isFinite(value)) return signed(String(value), value, flags);
  switch (conversion) {
    case 'd':
    case 'i':
    case 'u':
      return signed(String(Math.abs(Math.trunc(value))), value, flags);
    case 'x':
    case 'X':
    case 'o': {
      const digits = (Math.trunc(value) >>> 0).toString(conversion === 'o' ? 8 : 16);
      const prefix = flags.includes('#') && value !== 0 ? (conversion === 'o' ? '0' : '0x') : '';
      const text = prefix + digits;
      return conversion === 'X' ? text.toUpperCase() : text;
    }
    case 'e':
    case 'E': {
      const text = exponential(Math.abs(value), precision ?? 6);
      return signed(conversion === 'E' ? text.toUpperCase() : text, value, flags);
    }
    case 'g':
    case 'G': {
      const text = general(Math.abs(value), precision ?? 6, flags.includes('#'));
      return signed(conversion === 'G' ? text.toUpperCase() : text, value, flags);
    }
    default:
      return signed(Math.abs(value).toFixed(precision ?? 6), value, flags);
  }
}

/** C writes at least two exponent digits: 1.5e+02, not 1.5e+2. */
function exponential(value: number, precision: number): string {
  return value.toExponential(precision).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** %g: the shorter of %e and %f for the precision, without trailing zeros (unless #). */
function general(value: number, precision: number, keepZeros: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const exponent = value === 0 ? 0 : Math.floor(Math.log10(value));
  const text =
    exponent < -4 || exponent >= p
      ? exponential(value, p - 1)
      : value.toFixed(Math.max(0, p - 1 - exponent));
  if (keepZeros) return text;
  const [mantissa = '', exponentPart = ''] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return exponentPart ? `${trimmed}e${exponentPart}` : trimmed;
}

function signed(digits: string, value: number, flags: string): string {
  if (value < 0 || Object.is(value, -0)) return `-${digits}`;
  if (flags.includes('+')) return `+${digits}`;
  if (flags.includes(' ')) return ` ${digits}`;
  return digits;
}

function padToWidth(body: string, flags: string, width: number, numeric: boolean): string {
  if (body.length >= width) return body;
  if (flags.includes('-')) return body.padEnd(width);
  if (flags.includes('0') && numeric && !/[a-zA-Z]{3}/.test(body)) {
    const sign = /^[-+ ]|^0x/i.exec(body)?.[0] ?? '';
    return sign + body.slice(sign.length).padStart(width - sign.length, '0');
  }
  return body.padStart(width);
}

function toBytes(value: unknown, charset?: unknown): Buffer {
  if (Array.isArray(value)) return Buffer.from(value.map((b) => Number(b) & 0xff));
  return Buffer.from(String(value), charset === Charset.US_ASCII ? 'latin1' : 'utf8');
}

/**
 * Text as Java encodes it in US-ASCII: each character (code point) outside ASCII becomes '?'.
 * computeDigest and computeHmac*Signature use it for text without a charset, and with US_ASCII
 * (https://developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,String)).
 */
function asciiBytes(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (ch) => ((ch.codePointAt(0) ?? 63) <= 127 ? ch.charCodeAt(0) : 63)),
  );
}

/** What a digest or signature hashes: bytes as given, text in its charset (US-ASCII by default). */
function hashInput(value: unknown, charset: unknown): Buffer {
  if (Array.isArray(value)) return toBytes(value);
  return charset === Charset.UTF_8 ? Buffer.from(String(value), 'utf8') : asciiBytes(String(value));
}

/** Java's byte[] from a script array: every item must be a number. */
function byteArray(value: unknown[]): Buffer {
  for (const item of value) {
    if (typeof item !== 'number' || Number.isNaN(item))
      throw new ScriptException(`Cannot convert ${String(item)} to byte.`);
  }
  return toBytes(value);
}

const macAlgorithms: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};
export const MacAlgorithm = Object.fromEntries(Object.keys(macAlgorithms).map((k) => [k, k]));

type UtilitiesMethods =
  | 'formatDate'
  | 'formatString'
  | 'sleep'
  | 'getUuid'
  | 'computeDigest'
  | 'base64Encode'
  | 'base64EncodeWebSafe'
  | 'base64Decode';

export class UtilitiesImpl
  implements Signatures<GoogleAppsScript.Utilities.Utilities, UtilitiesMethods>
{
  static readonly serviceName = 'Utilities';
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly Charset = Charset;
  readonly MacAlgorithm = MacAlgorithm;

  constructor(private readonly env: RuntimeEnv) {}

  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    if (!isDate(date)) throw new ScriptException('Invalid argument: date');
    if (!isTimeZone(timeZone)) throw new ScriptException('Invalid argument: timeZone');
    return formatDate(new Date(date.getTime()), timeZone, String(format));
  }

  /** sprintf-like formatting: Utilities.formatString('%11.6f', 123.456) is ' 123.456000'. */
  formatString(template: string, ...args: unknown[]): string {
    return sprintf(String(template), args);
  }

  /** Sleeps on the simulated clock; Google allows at most 5 minutes. */
  sleep(milliseconds: number): void {
    if (milliseconds > 300_000) throw new ScriptException('Invalid argument: milliseconds');
    this.env.clock.advance(Math.max(0, milliseconds));
  }

  getUuid(): string {
    return randomUUID();
  }

  /**
   * computeDigest(algorithm, value[, charset]): text is hashed in its charset (US-ASCII when none
   * is given, so a character outside ASCII counts as '?'), a byte array as it is. Other argument
   * shapes get Google's signature error.
   */
  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string | number[],
    charset?: GoogleAppsScript.Utilities.Charset,
  ): number[] {
    // biome-ignore lint/complexity/noArguments: the count of arguments decides the signature.
    const given: unknown[] = Array.from(arguments);
    const name = nodeDigest[String(algorithm)];
    const text = typeof value === 'string';
    const validCharset =
      (charset as unknown) === Charset.UTF_8 || (charset as unknown) === Charset.US_ASCII;
    if (
      !name ||
      given.length < 2 ||
      given.length > 3 ||
      (!text && !Array.isArray(value)) ||
      (given.length === 3 && !(text && validCharset))
    )
      throw new ScriptException(messages.signature('Utilities', 'computeDigest', given));
    const data = text ? hashInput(value, charset) : byteArray(value);
    return signedBytes(createHash(name).update(data).digest());
  }

  /** HMAC-SHA256 of text (in its charset, US-ASCII by default) or of bytes with a byte key. */
  computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[] {
    // biome-ignore lint/complexity/noArguments: the count of arguments decides the signature.
    const given: unknown[] = Array.from(arguments);
    return this.#hmac('computeHmacSha256Signature', 'sha256', [value, key, charset], given);
  }

  computeHmacSignature(
    algorithm: unknown,
    value: unknown,
    key: unknown,
    charset?: unknown,
  ): number[] {
    const name = macAlgorithms[String(algorithm)];
    if (!name) throw new ScriptException('Invalid argument: algorithm');
    // biome-ignore lint/complexity/noArguments: the count of arguments decides the signature.
    const given: unknown[] = Array.from(arguments).slice(1);
    return this.#hmac('computeHmacSignature', name, [value, key, charset], given);
  }

  /** Google accepts (String, String), (String, String, Charset) and (Byte[], Byte[]). */
  #hmac(method: string, algorithm: string, args: unknown[], given: unknown[]): number[] {
    const count = given.length;
    const [value, key, charset] = args;
    const bothText = typeof value === 'string' && typeof key === 'string';
    const bothBytes = Array.isArray(value) && Array.isArray(key);
    const validCharset = charset === Charset.UTF_8 || charset === Charset.US_ASCII;
    if (
      count < 2 ||
      count > 3 ||
      (count === 2 && !bothText && !bothBytes) ||
      (count === 3 && !(bothText && validCharset))
    )
      throw new ScriptException(messages.signature('Utilities', method, given));
    const data = bothBytes ? byteArray(value as unknown[]) : hashInput(value, charset);
    const secret = bothBytes ? byteArray(key as unknown[]) : hashInput(key, charset);
    return signedBytes(createHmac(algorithm, secret).update(data).digest());
  }

  /** A new Blob from text ('text/plain' unless a type is given) or from bytes. */
  newBlob(data: unknown, contentType?: string, name?: string): BlobImpl {
    const text = typeof data === 'string';
    const bytes = text ? Buffer.from(data, 'utf8') : toBytes(Array.isArray(data) ? data : []);
    return new BlobImpl(
      bytes,
      contentType ?? (text ? 'text/plain' : null),
      name === undefined ? null : String(name),
    );
  }

  gzip(blob: unknown, name?: string): BlobImpl {
    const source = blobOf(blob);
    return new BlobImpl(
      gzipSync(source.data),
      'application/x-gzip',
      name ?? (source.getName() ? `${source.getName()}.gz` : 'archive.gz'),
    );
  }

  ungzip(blob: unknown): BlobImpl {
    const source = blobOf(blob);
    const name = source.getName();
    return new BlobImpl(
      gunzipSync(source.data),
      null,
      name === null ? null : name.replace(/\.gz$/, ''),
    );
  }

  /** RFC 4180 CSV: quoted fields may hold the delimiter, quotes ("") and line breaks. */
  parseCsv(csv: string, delimiter?: string): string[][] {
    return parseCsv(String(csv), delimiter === undefined ? ',' : String(delimiter));
  }

  /**
   * Parses a date with a SimpleDateFormat pattern in a time zone; text that does not fit throws
   * "Unparseable date".
   */
  parseDate(date: string, timeZone: string, format: string): Date {
    if (!isTimeZone(timeZone)) throw new ScriptException('Invalid argument: timeZone');
    const parsed = parseDateText(String(date), String(format), timeZone);
    if (!parsed) throw new ScriptException(`Unparseable date: "${date}"`);
    return parsed;
  }

  base64Encode(data: string | number[], charset?: GoogleAppsScript.Utilities.Charset): string {
    return toBytes(data, charset).toString('base64');
  }

  base64EncodeWebSafe(
    data: string | number[],
    charset?: GoogleAppsScript.Utilities.Charset,
  ): string {
    return toBytes(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string): number[] {
    return signedBytes(
      Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'),
    );
  }

  base64DecodeWebSafe(encoded: string): number[] {
    return this.base64Decode(encoded);
  }
}

function logLine(env: RuntimeEnv, level: LogEntry['level'], message: string): void {
  env.logs.push({ execution: env.exec?.id ?? 0, level, message });
}

export class LoggerImpl
  implements Signatures<GoogleAppsScript.Base.Logger, 'log' | 'getLog' | 'clear'>
{
  static readonly serviceName = 'Logger';

  constructor(private readonly env: RuntimeEnv) {}

  /** log(data) or log(format, ...values) with %s placeholders. */
  log(formatOrData: unknown, ...values: unknown[]): this {
    const text =
      values.length > 0 ? nodeFormat(String(formatOrData), ...values) : stringify(formatOrData);
    logLine(this.env, 'log', text);
    return this;
  }

  getLog(): string {
    const exec = this.env.exec?.id ?? 0;
    return this.env.logs
      .filter((entry) => entry.execution === exec)
      .map((entry) => `${entry.message}\n`)
      .join('');
  }

  clear(): void {
    const exec = this.env.exec?.id ?? 0;
    const kept = this.env.logs.filter((entry) => entry.execution !== exec);
    this.env.logs.length = 0;
    this.env.logs.push(...kept);
  }
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isDate(value)) return new Date(value.getTime()).toString();
  try {
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  } catch {
    return String(value);
  }
}

export class ConsoleImpl {
  static readonly serviceName = 'console';

  constructor(private readonly env: RuntimeEnv) {}

  #write(level: LogEntry['level'], args: unknown[]): void {
    logLine(this.env, level, args.map(stringify).join(' '));
  }

  log(...args: unknown[]): void {
    this.#write('log', args);
  }

  info(...args: unknown[]): void {
    this.#write('info', args);
  }

  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }

  error(...args: unknown[]): void {
    this.#write('error', args);
  }
}

function blobOf(value: unknown): BlobImpl {
  if (value instanceof BlobImpl) return value;
  throw new ScriptException('Invalid argument: blob');
}

function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** SimpleDateFormat parsing for the usual letters (y M d H h m s S a, quoted text). */
function parseDateText(text: string, format: string, timeZone: string): Date | null {
  const parts: Record<string, number> = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0, S: 0 };
  let pm: boolean | null = null;
  let pos = 0;
  const tokens = format.match(/'[^']*'|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  for (const token of tokens) {
    if (token.startsWith("'")) {
      const literal = token.slice(1, -1);
      if (!text.startsWith(literal, pos)) return null;
      pos += literal.length;
      continue;
    }
    const letter = token[0] ?? '';
    if (!/[A-Za-z]/.test(letter)) {
      if (!text.startsWith(token, pos)) return null;
      pos += token.length;
      continue;
    }
    if (letter === 'a') {
      const m = /^(AM|PM)/i.exec(text.slice(pos));
      if (!m) return null;
      pm = m[1]?.toUpperCase() === 'PM';
      pos += 2;
      continue;
    }
    const digits = /^\d+/.exec(text.slice(pos))?.[0];
    if (!digits) return null;
    const take =
      token.length > 1 && letter !== 'y'
        ? Math.min(digits.length, Math.max(token.length, 2))
        : digits.length;
    const value = Number(digits.slice(0, take));
    pos += take;
    const key = letter === 'h' || letter === 'k' ? 'H' : letter;
    if (!(key in parts)) return null;
    parts[key] = value;
  }
  if (pos !== text.length) return null;
  if (pm !== null) parts.H = ((parts.H ?? 0) % 12) + (pm ? 12 : 0);
  const wall = {
    year: parts.y ?? 1970,
    month: parts.M ?? 1,
    day: parts.d ?? 1,
    hour: parts.H ?? 0,
    minute: parts.m ?? 0,
    second: parts.s ?? 0,
  };
  const guess = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
    parts.S ?? 0,
  );
  return new Date(guess - zoneOffsetAt(guess - zoneOffsetAt(guess, timeZone), timeZone));
}
