// Reads raw sheet rows into typed opportunities, reporting every bad cell as a data issue instead of throwing.

import type { ColumnMap } from './columns';
import { headerFor } from './columns';
import { dayNumber, fromDayNumber, isLocalDate, type LocalDate, type LocalDateTime } from './dates';
import { type FieldKey, type FieldKind, fieldByKey, fields } from './fields';
import {
  type Cell,
  type DataIssue,
  type DataProblem,
  isCellDate,
  type Opportunity,
  type Settings,
} from './model';

export type ParseResult =
  | { ok: true; value: Opportunity; issues: DataIssue[] }
  | { ok: false; blank: true; issues: [] }
  | { ok: false; blank?: false; issues: DataIssue[] };

export interface ParsedSheet {
  deals: Opportunity[];
  /** rows[i] is the 1-based sheet row of deals[i]. */
  rows: number[];
  issues: DataIssue[];
  /** IDs found on more than one row (the first row keeps the deal, later rows are issues). */
  duplicateIds: string[];
}

/** What a parsed field holds: the typed value, or a problem and the fallback to use instead. */
type Parsed<T> = { value: T; problem?: DataProblem };

/** The value an Opportunity field has when its cell is empty or unusable. */
function emptyValue(kind: FieldKind): Opportunity[FieldKey] {
  switch (kind) {
    case 'money':
    case 'number':
    case 'percent':
    case 'date':
    case 'timestamp':
    case 'score':
    case 'stars':
    case 'count':
      return null;
    case 'checkbox':
      return false;
    default:
      return '';
  }
}

/** An opportunity with every field empty: the base every parsed row starts from. */
export function emptyDeal(): Opportunity {
  const deal: Record<string, unknown> = {};
  for (const spec of fields) deal[spec.key] = emptyValue(spec.kind);
  return deal as unknown as Opportunity;
}

/** A cell as text for reports and text fields. */
export function cellToText(cell: Cell | undefined): string {
  if (cell === undefined || cell === null) return '';
  if (isCellDate(cell)) return cell.time === '00:00:00' ? cell.date : `${cell.date} ${cell.time}`;
  if (typeof cell === 'object') return '';
  return String(cell);
}

/** Compares names the way people type them: case, accents and extra spaces ignored. */
export function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

/** A name folded for comparison: no accents, lowercase, single spaces. */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The settings' own spelling of a stage, matched ignoring case and accents; undefined if none. */
export function canonicalStage(text: string, settings: Settings): string | undefined {
  return settings.stages.find((stage) => sameName(stage.name, text))?.name;
}

export function canonicalLostReason(text: string, settings: Settings): string | undefined {
  return settings.lostReasons.find((reason) => sameName(reason.name, text))?.name;
}

// ---- numbers ------------------------------------------------------------------------------------

/**
 * A number from a cell. Text may carry a currency symbol or code and thousands separators in
 * either convention: '12.500,50', '12,500.50', '€ 1.200', '1200 EUR'. With one separator kind,
 * one separator followed by exactly three digits (after a non-zero integer part) groups
 * thousands ('1.200' is 1200, '0.125' and '1,5' are fractions); with both, the last one is the
 * decimal mark.
 */
export function parseNumberText(cell: Cell): number | null | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== 'string') return undefined;
  let text = cell
    .trim()
    .replace(/\p{Sc}/gu, '')
    .replace(/^[a-z]{3}(?=[\s\d+\-.,])/i, '')
    .replace(/(?<=[\d\s.,])[a-z]{3}$/i, '')
    .replace(/[\s\u00a0\u202f']/g, '');
  if (text === '') return null;
  let sign = 1;
  if (/^[-\u2212]/.test(text)) {
    sign = -1;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  if (!/^(\d[\d.,]*)?(\d|[.,]\d+)$/.test(text) && !/^\d+$/.test(text)) return undefined;
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let normalized: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [whole, fraction, extra] = text.split(decimal);
    if (extra !== undefined || (fraction ?? '').includes(group)) return undefined;
    if (!validGroups(whole ?? '', group)) return undefined;
    normalized = `${(whole ?? '').split(group).join('')}.${fraction ?? ''}`;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const parts = text.split(mark);
    if (parts.length > 2) {
      if (!validGroups(text, mark)) return undefined;
      normalized = parts.join('');
    } else {
      const [whole = '', fraction = ''] = parts;
      const groupsThousands = fraction.length === 3 && whole !== '' && !/^0+$/.test(whole);
      normalized = groupsThousands ? whole + fraction : `${whole || '0'}.${fraction}`;
    }
  } else normalized = text;
  const value = Number(normalized);
  return Number.isFinite(value) ? sign * value : undefined;
}

/** '1.234.567' groups thousands properly: 1-3 digits, then groups of exactly three. */
function validGroups(text: string, group: string): boolean {
  const parts = text.split(group);
  return parts.every((part, i) => (i === 0 ? /^\d{1,3}$/.test(part) : /^\d{3}$/.test(part)));
}

function parseAmount(cell: Cell): Parsed<number | null> {
  const value = parseNumberText(cell);
  if (value === undefined) return { value: null, problem: 'notANumber' };
  if (value !== null && value < 0) return { value: null, problem: 'negative' };
  return { value };
}

/**
 * A probability as a percentage 0-100. A percent-formatted cell holding 35 % arrives as 0.35, so
 * a value strictly between 0 and 1 is read as a fraction (0.35 -> 35); 1 means 1 %, not 100 %.
 * Text may end in '%'.
 */
function parsePercent(cell: Cell): Parsed<number | null> {
  const value = parsePercentCell(cell);
  if (value === undefined) return { value: null, problem: 'notANumber' };
  if (value !== null && (value < 0 || value > 100)) return { value: null, problem: 'outOfRange' };
  return { value };
}

/** A percentage from a cell (0.35 and '35 %' are both 35); not range-checked. */
export function parsePercentCell(cell: Cell): number | null | undefined {
  const text = typeof cell === 'string' ? cell.trim() : cell;
  const isPercentText = typeof text === 'string' && text.endsWith('%');
  const value = parseNumberText(isPercentText ? text.slice(0, -1) : text);
  if (value === undefined || value === null) return value;
  return !isPercentText && value > 0 && value < 1 ? round(value * 100) : value;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

// ---- dates --------------------------------------------------------------------------------------

/** Sheets' serial day 0 is 1899-12-30; serials up to this one stay within year 9999. */
const lastSerial = 2958465;

/**
 * A calendar date from a cell: a date cell, 'yyyy-mm-dd' (a time after it is ignored),
 * 'd/m/yyyy', 'dd-mm-yyyy' or 'd.m.yyyy' text (day first, as in Spain), or a Sheets serial
 * number (days since 1899-12-30; a fraction is the time of day).
 */
export function parseDateCell(cell: Cell): LocalDate | null | undefined {
  if (isCellDate(cell)) return isLocalDate(cell.date) ? cell.date : undefined;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 1 || cell >= lastSerial + 1) return undefined;
    return dateFromSerial(Math.floor(cell));
  }
  if (typeof cell !== 'string') return undefined;
  const text = cell.trim();
  if (text === '') return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$/.exec(text);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : dayFirst
      ? [dayFirst[3], dayFirst[2], dayFirst[1]]
      : [];
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isLocalDate(date) ? date : undefined;
}

/** Sheets' serial day of 1970-01-01 (serial 0 is 1899-12-30). */
const serialOfEpoch = 25569;

/** The calendar date of a Sheets serial day number. */
function dateFromSerial(serial: number): LocalDate {
  return fromDayNumber(serial - serialOfEpoch);
}

/** The Sheets serial number of a calendar date (inverse of the serial reading above). */
export function serialFromDate(date: LocalDate): number {
  return dayNumber(date) + serialOfEpoch;
}

function parseTimestamp(cell: Cell): LocalDateTime | null {
  if (isCellDate(cell)) return `${cell.date}T${cell.time}` as LocalDateTime;
  if (typeof cell !== 'string') return null;
  const match = /^(\d{4}-\d{2}-\d{2})[T\s](\d{2}:\d{2}(?::\d{2})?)/.exec(cell.trim());
  if (!match || !isLocalDate(match[1])) return null;
  const time = match[2] ?? '';
  return `${match[1]}T${time.length === 5 ? `${time}:00` : time}` as LocalDateTime;
}

// ---- checkboxes and choices ---------------------------------------------------------------------

const trueWords = new Set(['true', 'verdadero', 'yes', 'y', 'si', 'x', '1', 'ok']);
const falseWords = new Set(['false', 'falso', 'no', 'n', '0', '']);

/** true/false, 'TRUE'/'FALSE', 'sí'/'si'/'yes'/'x'/'1', 'no'/'0'/'' (and 1/0 numbers). */
export function parseCheckbox(cell: Cell): boolean | undefined {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : undefined;
  if (typeof cell !== 'string') return undefined;
  const word = foldName(cell);
  if (trueWords.has(word)) return true;
  if (falseWords.has(word)) return false;
  return undefined;
}

/** Words teams write for the fixed choices, in either language; stored as the English choice. */
const choiceWords: Partial<Record<FieldKey, Readonly<Record<string, string>>>> = {
  contactType: {
    call: 'call',
    llamada: 'call',
    phone: 'call',
    telefono: 'call',
    meeting: 'meeting',
    reunion: 'meeting',
    email: 'email',
    'e-mail': 'email',
    mail: 'email',
    correo: 'email',
    visit: 'visit',
    visita: 'visit',
    demo: 'demo',
    demostracion: 'demo',
  },
  influence: {
    high: 'high',
    alta: 'high',
    alto: 'high',
    medium: 'medium',
    media: 'medium',
    medio: 'medium',
    low: 'low',
    baja: 'low',
    bajo: 'low',
  },
};

/** A choice field's value in its stored (English) form; undefined when it is not a choice. */
export function canonicalChoice(field: FieldKey, text: string): string | undefined {
  const folded = foldName(text);
  const choices = fieldByKey[field].choices ?? [];
  return choices.find((choice) => foldName(choice) === folded) ?? choiceWords[field]?.[folded];
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(text: string): boolean {
  return emailPattern.test(text);
}

// ---- a row --------------------------------------------------------------------------------------

/** What the add-on fills itself: a row holding only these holds nothing of a deal. */
const bookkeeping: ReadonlySet<FieldKey> = new Set<FieldKey>([
  'id',
  'probability',
  'created',
  'stageEntered',
  'closedOn',
  'lastReviewed',
]);

/**
 * One sheet row to an opportunity. Never throws. Decisions:
 * - a row with no value in any mapped column is blank (not an opportunity, not an issue);
 * - a row is an opportunity when it holds anything of a deal (a name, a customer, a product, an
 *   owner, a stage, an amount, a date...): neither a name nor a customer is required, and a
 *   missing amount is no reason to drop it. A row holding only what the add-on fills itself (the
 *   ID, stamps, the probability, computed columns) is not one (ok: false, with an issue);
 *   a missing id is an issue on a usable deal (repair fills it);
 * - an owner cell holds an e-mail (lowercased) or a person's name (kept as written): the Team tab
 *   says who a name is (see people.ts), so a name is no problem of the row;
 * - text fields keep what the user wrote even when flagged (an unknown stage, lost reason or
 *   choice is never silently rewritten); numbers, dates and checkboxes that cannot be read
 *   become empty (null / false) so no metric uses a wrong value;
 * - an empty stage cell is an issue and the deal counts in the first stage; a sheet with no
 *   stage column at all (seed 003) is reported once by the column map, not on every row.
 */
export function parseRow(
  cells: readonly Cell[],
  columns: ColumnMap,
  settings: Settings,
  row?: number,
): ParseResult {
  const deal = emptyDeal() as unknown as Record<FieldKey, unknown>;
  const issues: DataIssue[] = [];
  const language = settings.language === 'es' ? 'es' : 'en';
  const columnName = (field: FieldKey) => {
    const index = columns.byField[field];
    return (index === undefined ? undefined : columns.headers[index]) || headerFor(field, language);
  };
  const report = (field: FieldKey, problem: DataProblem, value: string) => {
    issues.push({ field, column: columnName(field), problem, value });
  };

  let anyValue = false;
  let dealData = false;
  for (const spec of fields) {
    const index = columns.byField[spec.key];
    if (index === undefined) continue;
    const cell = cells[index];
    if (cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === ''))
      continue;
    if (typeof cell === 'object' && !isCellDate(cell)) continue;
    anyValue = true;
    if (!bookkeeping.has(spec.key) && !spec.computed && cell !== false) dealData = true;
    const parsed = parseField(spec.key, spec.kind, cell, settings);
    deal[spec.key] = parsed.value;
    if (parsed.problem) report(spec.key, parsed.problem, cellToText(cell));
  }
  if (!anyValue) return { ok: false, blank: true, issues: [] };

  const opportunity = deal as unknown as Opportunity;
  const hasStageColumn = columns.byField.stage !== undefined;
  if (!dealData) {
    // Only an ID, stamps or computed values: what is left of a deal someone cleared.
    report('name', 'required', '');
    return { ok: false, issues: withRow(issues, row, opportunity.id) };
  }
  if (opportunity.id === '' && columns.byField.id !== undefined) report('id', 'required', '');
  if (opportunity.stage === '') {
    if (hasStageColumn) report('stage', 'required', '');
    opportunity.stage = settings.stages[0]?.name ?? '';
  }

  const stage = settings.stages.find((s) => s.name === opportunity.stage);
  if (stage?.kind === 'lost') {
    if (opportunity.lostReason === '') report('lostReason', 'lostWithoutReason', opportunity.stage);
    else {
      const reason = settings.lostReasons.find((r) => r.name === opportunity.lostReason);
      if (reason?.requiresNote && opportunity.lostNote === '') {
        report('lostNote', 'otherWithoutNote', reason.name);
      }
    }
  }
  if (stage?.kind === 'won' && !(opportunity.amount !== null && opportunity.amount > 0)) {
    report(
      'amount',
      'wonWithoutAmount',
      opportunity.amount === null ? '' : String(opportunity.amount),
    );
  }
  return { ok: true, value: opportunity, issues: withRow(issues, row, opportunity.id) };
}

function withRow(issues: DataIssue[], row: number | undefined, id: string): DataIssue[] {
  return issues.map((issue) => ({
    ...(row === undefined ? {} : { row }),
    ...(id === '' ? {} : { id }),
    ...issue,
  }));
}

function parseField(
  field: FieldKey,
  kind: FieldKind,
  cell: Cell,
  settings: Settings,
): Parsed<Opportunity[FieldKey]> {
  const text = cellToText(cell).trim();
  switch (kind) {
    case 'id':
    case 'text':
    case 'phone':
      return { value: text };
    case 'longText':
      // Free text is kept as written, line breaks included; only the ends are trimmed.
      return { value: text };
    case 'email':
      if (isEmail(text.toLowerCase())) return { value: text.toLowerCase() };
      // An owner may be a name: the Team tab says who that is (people.ts).
      return field === 'owner' ? { value: text } : { value: text, problem: 'notAnEmail' };
    case 'stage': {
      const name = canonicalStage(text, settings);
      return name === undefined ? { value: text, problem: 'unknownStage' } : { value: name };
    }
    case 'lostReason': {
      const name = canonicalLostReason(text, settings);
      return name === undefined ? { value: text, problem: 'unknownLostReason' } : { value: name };
    }
    case 'choice': {
      const choice = canonicalChoice(field, text);
      return choice === undefined ? { value: text, problem: 'unknownChoice' } : { value: choice };
    }
    case 'money':
    case 'number':
      return parseAmount(cell);
    case 'percent':
      return parsePercent(cell);
    case 'date': {
      const date = parseDateCell(cell);
      return date === undefined ? { value: null, problem: 'notADate' } : { value: date };
    }
    case 'timestamp':
      return { value: parseTimestamp(cell) };
    case 'checkbox': {
      const checked = parseCheckbox(cell);
      return checked === undefined ? { value: false, problem: 'notABoolean' } : { value: checked };
    }
    case 'score':
    case 'stars':
    case 'count': {
      // Computed columns are rewritten by the add-on: an odd value there is not the user's problem.
      const value = parseNumberText(cell);
      return { value: value === undefined ? null : value };
    }
  }
}

/**
 * Every data row of the sheet. `firstDataRow` is the 1-based sheet row of grid[0]. Blank rows are
 * skipped silently; a repeated ID keeps its first row and reports the others.
 */
export function parseRows(
  grid: readonly (readonly Cell[])[],
  columns: ColumnMap,
  settings: Settings,
  firstDataRow: number,
): ParsedSheet {
  const deals: Opportunity[] = [];
  const rows: number[] = [];
  const issues: DataIssue[] = [];
  const seen = new Set<string>();
  const duplicateIds = new Set<string>();
  grid.forEach((cells, i) => {
    const row = firstDataRow + i;
    const result = parseRow(cells, columns, settings, row);
    issues.push(...result.issues);
    if (!result.ok) return;
    const id = result.value.id;
    if (id !== '' && seen.has(id)) {
      duplicateIds.add(id);
      issues.push({
        row,
        id,
        field: 'id',
        column:
          columns.headers[columns.byField.id ?? -1] ||
          headerFor('id', settings.language === 'es' ? 'es' : 'en'),
        problem: 'duplicateId',
        value: id,
      });
      return;
    }
    if (id !== '') seen.add(id);
    deals.push(result.value);
    rows.push(row);
  });
  return { deals, rows, issues, duplicateIds: [...duplicateIds] };
}

/** What the shell writes into a cell for a typed value: dates as { date }, empties as ''. */
export type CellValue = string | number | boolean | { date: LocalDate } | '';

export function fieldToCellValue(field: FieldKey, value: Opportunity[FieldKey]): CellValue {
  const kind = fieldByKey[field].kind;
  if (value === null || value === undefined) return kind === 'checkbox' ? false : '';
  if (kind === 'date') return isLocalDate(value) ? { date: value } : '';
  if (kind === 'timestamp') return typeof value === 'string' ? value.replace('T', ' ') : '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return '';
}
