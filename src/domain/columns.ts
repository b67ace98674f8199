// Finds each field's column from a header row, so a tracker a team already keeps can be adopted as it is.

import { type FieldKey, type FieldSpec, fieldByKey, fieldKeys, fields } from './fields';
import type { Language } from './i18n';
import { type Cell, isCellDate } from './model';

/** Where each field lives in the sheet, and what the header row holds that is not ours. */
export interface ColumnMap {
  /** 0-based column index of each mapped field. */
  byField: Partial<Record<FieldKey, number>>;
  /** The header row as text, by column: issue reports name a column as the sheet shows it. */
  headers: string[];
  /** Non-empty headers that match no field (kept, never touched). */
  unmapped: { column: number; header: string }[];
  /** Fields named by more than one column: the first column wins, the others are reported. */
  duplicates: { field: FieldKey; columns: number[] }[];
  /** Fields with no column, in catalog order. */
  missing: FieldKey[];
}

/**
 * The comparable form of a header: lowercase, accents dropped, punctuation and symbols as
 * spaces, spaces collapsed. "  EXPECTED   close-date " and "expected close date" are one name.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Headers of the add-on's own technical columns (the hidden activity log): not fields, and not a
 * user's column either, so they are neither mapped nor reported as unmapped.
 */
export const technicalHeaders: Readonly<Record<Language, string>> = {
  en: 'Activity log',
  es: 'Registro de actividad',
};

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

/**
 * Maps a header row to fields. A name that is one field's own header (English or Spanish) beats
 * the same name listed as another field's synonym, so a loose synonym never steals a column.
 */
export function mapColumns(
  headerRow: readonly Cell[],
  catalog: readonly FieldSpec[] = fields,
): ColumnMap {
  const byHeader = new Map<string, FieldKey>();
  const bySynonym = new Map<string, FieldKey>();
  for (const spec of catalog) {
    for (const name of [spec.header.en, spec.header.es]) {
      const key = normalizeHeader(name);
      if (!byHeader.has(key)) byHeader.set(key, spec.key);
    }
  }
  for (const spec of catalog) {
    for (const name of spec.synonyms) {
      const key = normalizeHeader(name);
      if (!bySynonym.has(key)) bySynonym.set(key, spec.key);
    }
  }

  const technical = new Set(Object.values(technicalHeaders).map(normalizeHeader));
  const headers = headerRow.map(headerText);
  const byField: Partial<Record<FieldKey, number>> = {};
  const columnsOf = new Map<FieldKey, number[]>();
  const unmapped: ColumnMap['unmapped'] = [];
  headers.forEach((header, column) => {
    const key = normalizeHeader(header);
    if (key === '' || technical.has(key)) return;
    const field = byHeader.get(key) ?? bySynonym.get(key);
    if (field === undefined) {
      unmapped.push({ column, header });
      return;
    }
    const seen = columnsOf.get(field);
    if (seen) seen.push(column);
    else {
      columnsOf.set(field, [column]);
      byField[field] = column;
    }
  });

  const duplicates: ColumnMap['duplicates'] = [];
  for (const [field, columns] of columnsOf) {
    if (columns.length > 1) duplicates.push({ field, columns });
  }
  const catalogKeys = new Set(catalog.map((spec) => spec.key));
  const missing = fieldKeys.filter((key) => catalogKeys.has(key) && byField[key] === undefined);
  return { byField, headers, unmapped, duplicates, missing };
}
