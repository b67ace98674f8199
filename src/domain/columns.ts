// Finds each field's column from a header row, so a tracker a team already keeps can be adopted as it is.

import { type FieldKey, type FieldSpec, fieldByKey, fieldKeys, fields } from './fields';
import {
  type ColumnTarget,
  conceptsOf,
  isStatusRole,
  type MatchQuality,
  matchHeader,
  normalizeHeader,
} from './header-match';
import type { StatusRole } from './header-words';
import type { Language } from './i18n';
import { type Cell, isCellDate } from './model';

export { normalizeHeader };

/** Where each field lives in the sheet, and what the header row holds that is not ours. */
export interface ColumnMap {
  /** 0-based column index of each mapped field. */
  byField: Partial<Record<FieldKey, number>>;
  /** 0-based column index of each status column (status, closed flag, won flag); adoption reads them. */
  roles?: Partial<Record<StatusRole, number>>;
  /** The header row as text, by column: issue reports name a column as the sheet shows it. */
  headers: string[];
  /** Non-empty headers that match no field (kept, never touched), and columns kept as they are. */
  unmapped: { column: number; header: string }[];
  /** Fields named by more than one column: the surest name wins, the others are reported. */
  duplicates: { field: FieldKey; columns: number[] }[];
  /** Fields with no column, in catalog order. */
  missing: FieldKey[];
  /**
   * What a cell is worth in the field's unit, when not 1: an amount column whose header says
   * cents ("Deal value (cents)") holds 0.01 per unit. Read multiplied, written divided.
   */
  scale?: Partial<Record<FieldKey, number>>;
  /**
   * A date column about one outcome only ("Won time", "Fecha de pérdida"): read only for deals
   * with that outcome, so an open or lost deal's leftover date is not its closing day.
   */
  outcomeOnly?: Partial<Record<FieldKey, 'won' | 'lost'>>;
  /**
   * The sheet leaves a lost deal in the stage it reached, with a lost reason at 0 % (Odoo's
   * export): such a row is read as Lost. Set at adoption, when the sheet does so.
   */
  closesByLostReason?: boolean;
}

/**
 * The stored reading's entry that says lost deals keep their stage (see closesByLostReason). Its
 * key is no header's normalized form (those have no "@"), so it never reads a column.
 */
export const closesByLostReasonKey = '@closesByLostReason';

/**
 * What a team decided a column means, by its header (compared normalized): a field, a status
 * column, or 'keep' (not ours, left as it is). Stored at adoption; every reader of the header
 * applies it, so the add-on reads the sheet the way the team confirmed it.
 */
export type ColumnChoice = ColumnTarget | 'keep';
export type ColumnChoices = Readonly<Record<string, ColumnChoice>>;

/** The choices stored in a document property, or none when the text is missing or not ours. */
export function columnChoicesFrom(json: string | null | undefined): ColumnChoices {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const choices: Record<string, ColumnChoice> = {};
    for (const [header, choice] of Object.entries(parsed)) {
      if (
        typeof choice === 'string' &&
        (choice === 'keep' || isStatusRole(choice) || choice in fieldByKey)
      ) {
        choices[header] = choice as ColumnChoice;
      }
    }
    return choices;
  } catch {
    return {};
  }
}

/**
 * Headers of the add-on's own technical columns (the hidden activity log): not fields, and not a
 * user's column either, so they are neither mapped nor reported as unmapped.
 */
export const technicalHeaders: Readonly<Record<Language, string>> = {
  en: 'Activity log',
  es: 'Registro de actividad',
};

const technicalKeys = new Set(Object.values(technicalHeaders).map(normalizeHeader));

/** True for the header of one of the add-on's technical columns. */
export function isTechnicalHeader(header: string): boolean {
  return technicalKeys.has(normalizeHeader(header));
}

/** The header the add-on writes for a field in a language. */
export function headerFor(field: FieldKey, language: Language): string {
  return fieldByKey[field].header[language];
}

/** A header cell as text ('' for an empty cell; dates and numbers as their text). */
export function headerText(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  if (isCellDate(cell)) return cell.date;
  return String(cell).trim();
}

/** A choice outranks every name: the team said so. */
const chosen = 4;

/**
 * Maps a header row to fields and status columns. Each column gets its surest meaning (see
 * matchHeader); when several columns claim one field, the surest wins ("Amount" over "Amount
 * (converted)", the add-on's own "Stage" over "Deal Stage"), the first among equals, and the
 * others are reported as duplicates. `choices` (a team's confirmed reading, by header) come first,
 * and `byIndex` (what the adoption dialog says for a column right now) before them.
 */
export function mapColumns(
  headerRow: readonly Cell[],
  catalog: readonly FieldSpec[] = fields,
  options: { choices?: ColumnChoices; byIndex?: Readonly<Record<number, ColumnChoice>> } = {},
): ColumnMap {
  const choices = options.choices ?? {};
  const byIndex = options.byIndex ?? {};
  const headers = headerRow.map(headerText);
  const claims = new Map<ColumnTarget, Array<{ column: number; quality: number }>>();
  const unmapped: ColumnMap['unmapped'] = [];
  const catalogKeys = new Set<string>(catalog.map((spec) => spec.key));
  headers.forEach((header, column) => {
    const key = normalizeHeader(header);
    if (key === '' || technicalKeys.has(key)) return;
    const choice = byIndex[column] ?? choices[key];
    let match: { target: ColumnTarget; quality: MatchQuality | typeof chosen } | null;
    if (choice === 'keep') match = null;
    else if (choice !== undefined && (isStatusRole(choice) || catalogKeys.has(choice)))
      match = { target: choice, quality: chosen };
    else match = matchHeader(header, catalog);
    if (match === null) {
      unmapped.push({ column, header });
      return;
    }
    const list = claims.get(match.target) ?? [];
    list.push({ column, quality: match.quality });
    claims.set(match.target, list);
  });

  const byField: Partial<Record<FieldKey, number>> = {};
  const roles: Partial<Record<StatusRole, number>> = {};
  const duplicates: ColumnMap['duplicates'] = [];
  for (const [target, list] of claims) {
    const best = list.reduce((a, b) => (b.quality > a.quality ? b : a));
    if (isStatusRole(target)) {
      roles[target] = best.column;
      for (const other of list) {
        if (other !== best)
          unmapped.push({ column: other.column, header: headers[other.column] ?? '' });
      }
      continue;
    }
    byField[target] = best.column;
    if (list.length > 1) duplicates.push({ field: target, columns: list.map((c) => c.column) });
  }
  unmapped.sort((a, b) => a.column - b.column);
  duplicates.sort((a, b) => (a.columns[0] ?? 0) - (b.columns[0] ?? 0));
  const missing = fieldKeys.filter((key) => catalogKeys.has(key) && byField[key] === undefined);
  const map: ColumnMap = { byField, roles, headers, unmapped, duplicates, missing };
  if (choices[closesByLostReasonKey] === 'lostReason' && byField.lostReason !== undefined)
    map.closesByLostReason = true;
  for (const field of ['amount', 'monthlyBilling'] as const) {
    const column = byField[field];
    if (column !== undefined && conceptsOf(headers[column] ?? '').has('cents'))
      map.scale = { ...map.scale, [field]: 0.01 };
  }
  const closedOn = byField.closedOn;
  if (closedOn !== undefined) {
    const concepts = conceptsOf(headers[closedOn] ?? '');
    const won = concepts.has('won');
    const lost = concepts.has('lost');
    if (won !== lost) map.outcomeOnly = { closedOn: won ? 'won' : 'lost' };
  }
  return map;
}

/**
 * The 0-based column of the deal ID in a header row, wherever it is and whatever the team called
 * it ("ID", "Deal - ID", "Record ID", or the column a team chose), or null when there is none.
 * The sidebar's row lookup needs this and nothing else of the header.
 */
export function idColumnIndex(
  headerRow: readonly Cell[],
  choices: ColumnChoices = {},
): number | null {
  return mapColumns(headerRow, fields, { choices }).byField.id ?? null;
}
