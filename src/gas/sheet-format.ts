// Validation, number formats and conditional colours of the tracker, each applied to whole columns.

import type { ColumnMap } from '../domain/columns';
import { type FieldKey, type FieldKind, fieldByKey } from '../domain/fields';
import type { Language } from '../domain/i18n';
import type { Settings } from '../domain/model';
import { documentProperties } from './properties';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The dropdown words of the fixed choices, as the sheet shows them in each language. */
export const choiceLabels: Record<Language, Partial<Record<FieldKey, readonly string[]>>> = {
  en: {
    contactType: ['call', 'meeting', 'email', 'visit', 'demo'],
    influence: ['high', 'medium', 'low'],
    tier: ['A', 'B', 'C'],
  },
  es: {
    contactType: ['llamada', 'reunión', 'email', 'visita', 'demo'],
    influence: ['alta', 'media', 'baja'],
    tier: ['A', 'B', 'C'],
  },
};

export function columnLetter(index0: number): string {
  let n = index0 + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * Plain text ('@') only for phones, so a typed "+34 600..." is not read as a formula; other text
 * columns stay automatic, because in a '@' cell Sheets would keep the apostrophe the add-on puts
 * before risky text (see toSheetValue).
 */
const numberFormats: Partial<Record<FieldKind, string>> = {
  phone: '@',
  money: '#,##0.00',
  number: '#,##0',
  percent: '0',
  score: '0',
  stars: '0',
  count: '0',
};

/**
 * The number format of a field's column. Dates follow the file's locale (11/26/2026 in en_US,
 * 26/11/2026 in es_ES): the sidebar shows and reads dates that way too, so a date looks the same
 * in the grid, the sidebar and its date fields.
 */
export function numberFormatFor(field: FieldKey, locale = 'en_US'): string | undefined {
  const kind = fieldByKey[field].kind;
  if (kind === 'date') return localeDateFormat(locale);
  if (kind === 'timestamp') return `${localeDateFormat(locale)} hh:mm`;
  return numberFormats[kind];
}

/** The locale's short numeric date as a Sheets pattern ("m/d/yyyy", "d/m/yyyy", "d.m.yyyy"). */
export function localeDateFormat(locale: string): string {
  try {
    const parts = new Intl.DateTimeFormat(locale.replace('_', '-'), {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      timeZone: 'UTC',
    }).formatToParts(Date.UTC(2026, 10, 26));
    const pattern = parts
      .map((part) =>
        part.type === 'year'
          ? 'yyyy'
          : part.type === 'month'
            ? 'm'
            : part.type === 'day'
              ? 'd'
              : part.type === 'literal'
                ? part.value.replace(/[^/.\- ]/g, '')
                : '',
      )
      .join('');
    return /yyyy/.test(pattern) && /m/.test(pattern) && /d/.test(pattern) ? pattern : 'yyyy-mm-dd';
  } catch {
    return 'yyyy-mm-dd';
  }
}

/**
 * Dates the add-on stamps itself (a stage move, Won or Lost, a review, a new deal): nobody types
 * them, and Check & repair reports a bad one, so they go without a rule. At 50,000 rows each rule
 * costs seconds to apply (cost model: a range write per cell).
 */
const stampedDates: ReadonlySet<FieldKey> = new Set([
  'created',
  'stageEntered',
  'closedOn',
  'lastReviewed',
]);

/**
 * The validation rule for a field's column, or null for free text. Dropdowns reject other values
 * (a typo in a stage breaks every metric); dates, amounts and emails only warn, because people
 * paste from elsewhere and a warning loses nothing.
 */
export function validationFor(
  field: FieldKey,
  settings: Settings,
  language: Language,
): GoogleAppsScript.Spreadsheet.DataValidation | null {
  if (stampedDates.has(field)) return null;
  const spec = fieldByKey[field];
  const rule = SpreadsheetApp.newDataValidation();
  switch (spec.kind) {
    case 'stage':
      return rule
        .requireValueInList(
          settings.stages.map((stage) => stage.name),
          true,
        )
        .setAllowInvalid(false)
        .build();
    case 'lostReason':
      return rule
        .requireValueInList(
          settings.lostReasons.map((reason) => reason.name),
          true,
        )
        .setAllowInvalid(false)
        .build();
    case 'choice': {
      const labels = choiceLabels[language][field] ?? spec.choices ?? [];
      return rule
        .requireValueInList([...labels], true)
        .setAllowInvalid(false)
        .build();
    }
    case 'checkbox':
      return rule.requireCheckbox().build();
    case 'date':
      return rule.requireDate().setAllowInvalid(true).build();
    case 'money':
    case 'number':
      return rule.requireNumberGreaterThanOrEqualTo(0).setAllowInvalid(true).build();
    case 'percent':
      return rule.requireNumberBetween(0, 100).setAllowInvalid(true).build();
    case 'email':
      return rule.requireTextIsEmail().setAllowInvalid(true).build();
    default:
      return null;
  }
}

/** A rule's identity: its criteria, their values and whether invalid input is allowed. */
function ruleSignature(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): string {
  if (!rule) return '';
  return JSON.stringify([rule.getCriteriaType(), rule.getCriteriaValues(), rule.getAllowInvalid()]);
}

/** Up to four rows spread over the column (first, last, two between): where a rule is checked. */
export function sampleRows(maxRows: number): number[] {
  if (maxRows < 2) return [];
  const last = maxRows;
  const rows = [2, Math.round(2 + (last - 2) / 3), Math.round(2 + (2 * (last - 2)) / 3), last];
  return [...new Set(rows)];
}

/**
 * Applies each mapped field's validation to its whole column below the header (one call each),
 * skipping columns whose rule is already there. Whether it is there is read at a few rows
 * spread over the sheet (one read per row across all columns), not cell by cell: at 50,000 rows
 * a rewrite costs seconds per column, a check a fraction of one. A rule someone removed from a
 * handful of rows between the samples stays removed until it is missing at a sample.
 */
export function applyValidations(
  sheet: Sheet,
  columns: ColumnMap,
  settings: Settings,
  language: Language,
): number {
  const maxRows = sheet.getMaxRows();
  const rows = maxRows - 1;
  if (rows < 1) return 0;
  const wanted = (Object.entries(columns.byField) as Array<[FieldKey, number]>).flatMap(
    ([field, column]) => {
      const rule = validationFor(field, settings, language);
      return rule ? [{ column, rule, signature: ruleSignature(rule) }] : [];
    },
  );
  if (wanted.length === 0) return 0;
  const width = Math.max(...wanted.map((w) => w.column)) + 1;
  const samples = sampleRows(maxRows).map(
    (row) => sheet.getRange(row, 1, 1, width).getDataValidations()[0] ?? [],
  );
  // Adjacent columns that need the same rule share one call (the scoring checkboxes, say).
  const missing = wanted
    .filter(({ column, signature }) =>
      samples.some((sample) => ruleSignature(sample[column] ?? null) !== signature),
    )
    .sort((a, b) => a.column - b.column);
  const groups: Array<{ column: number; count: number; rule: (typeof wanted)[number]['rule'] }> =
    [];
  let previous: (typeof missing)[number] | undefined;
  for (const item of missing) {
    const last = groups[groups.length - 1];
    if (
      last &&
      previous &&
      previous.column + 1 === item.column &&
      previous.signature === item.signature
    )
      last.count += 1;
    else groups.push({ column: item.column, count: 1, rule: item.rule });
    previous = item;
  }
  for (const group of groups) {
    sheet.getRange(2, group.column + 1, rows, group.count).setDataValidation(group.rule);
  }
  return missing.length;
}

/** Number formats and widths, for the columns the add-on itself created (adopted ones keep theirs). */
export function formatNewColumns(
  sheet: Sheet,
  columns: ColumnMap,
  created: readonly FieldKey[],
  locale = sheet.getParent().getSpreadsheetLocale(),
): void {
  const rows = sheet.getMaxRows() - 1;
  for (const field of created) {
    const column = columns.byField[field];
    if (column === undefined) continue;
    const format = numberFormatFor(field, locale);
    if (format && rows > 0) sheet.getRange(2, column + 1, rows, 1).setNumberFormat(format);
    sheet.setColumnWidth(column + 1, fieldByKey[field].width);
  }
}

interface RuleSpec {
  formula: string;
  field: FieldKey | 'row';
  background?: string;
  fontColor?: string;
}

/**
 * The tracker's colours as custom-formula rules written for row 2 (Sheets shifts them per row):
 * won/lost rows, next action overdue / due today / missing on an open deal, stale amber and red
 * per stage, Lost without a reason.
 */
export function conditionalRuleSpecs(columns: ColumnMap, settings: Settings): RuleSpec[] {
  const at = (field: FieldKey) => {
    const column = columns.byField[field];
    return column === undefined ? null : `$${columnLetter(column)}2`;
  };
  const stage = at('stage');
  if (!stage) return [];
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const closed = settings.stages
    .filter((s) => s.kind !== 'open')
    .map((s) => `${stage}=${quote(s.name)}`);
  const open = `AND(${stage}<>""${closed.length ? `,NOT(OR(${closed.join(',')}))` : ''})`;
  const specs: RuleSpec[] = [];
  const next = at('nextActionDate');
  const entered = at('stageEntered');
  const reason = at('lostReason');
  for (const s of settings.stages) {
    if (s.kind === 'won')
      specs.push({ formula: `=${stage}=${quote(s.name)}`, field: 'row', background: '#e6f4ea' });
    if (s.kind === 'lost') {
      if (reason) {
        specs.push({
          formula: `=AND(${stage}=${quote(s.name)},${reason}="")`,
          field: 'lostReason',
          background: '#f4c7c3',
        });
      }
      specs.push({
        formula: `=${stage}=${quote(s.name)}`,
        field: 'row',
        fontColor: '#80868b',
        background: '#f1f3f4',
      });
    }
  }
  if (next) {
    specs.push({
      formula: `=AND(${open},${next}<>"",${next}<TODAY())`,
      field: 'nextActionDate',
      background: '#f4c7c3',
    });
    specs.push({
      formula: `=AND(${open},${next}=TODAY())`,
      field: 'nextActionDate',
      background: '#fce8b2',
    });
    specs.push({
      formula: `=AND(${open},${next}="")`,
      field: 'nextActionDate',
      background: '#fde7d9',
    });
  }
  if (entered) {
    const notScheduled = next ? `OR(${next}="",${next}<TODAY())` : 'TRUE';
    for (const factor of [
      { value: settings.staleRedFactor, colour: '#f4c7c3' },
      { value: settings.staleAmberFactor, colour: '#fce8b2' },
    ]) {
      for (const s of settings.stages) {
        if (s.kind !== 'open' || s.targetDays === null) continue;
        const limit = Math.round(s.targetDays * factor.value * 100) / 100;
        specs.push({
          formula: `=AND(${stage}=${quote(s.name)},${entered}<>"",${notScheduled},TODAY()-${entered}>${limit})`,
          field: 'stageEntered',
          background: factor.colour,
        });
      }
    }
  }
  return specs;
}

const ruleFormulasKey = 'format.ruleFormulas';

/** A rule as comparable text: condition, range and colours. */
function ruleText(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): string {
  const condition = rule.getBooleanCondition();
  const ranges = rule.getRanges().map((range) => range.getA1Notation());
  return JSON.stringify([
    condition?.getCriteriaValues() ?? [],
    ranges,
    condition?.getBackground() ?? null,
    condition?.getFontColor() ?? null,
  ]);
}

/**
 * Replaces the add-on's own conditional format rules and keeps everyone else's: a rule is ours
 * when its formula is one we wrote before (remembered in document properties) or write now.
 * Nothing is written when the rules are already the ones wanted.
 */
export function applyConditionalFormats(
  sheet: Sheet,
  columns: ColumnMap,
  settings: Settings,
  width: number,
): void {
  const specs = conditionalRuleSpecs(columns, settings);
  const properties = documentProperties();
  const stored = properties?.getProperty(ruleFormulasKey) ?? '[]';
  const previous: string[] = JSON.parse(stored);
  const ours = new Set([...previous, ...specs.map((spec) => spec.formula)]);
  const existing = sheet.getConditionalFormatRules();
  const kept = existing.filter((rule) => {
    const formula = rule.getBooleanCondition()?.getCriteriaValues()[0];
    return !(typeof formula === 'string' && ours.has(formula));
  });
  const rows = sheet.getMaxRows() - 1;
  const built = specs.map((spec) => {
    const column = spec.field === 'row' ? 0 : (columns.byField[spec.field] ?? 0);
    const range = sheet.getRange(
      2,
      column + 1,
      Math.max(rows, 1),
      spec.field === 'row' ? Math.max(width, 1) : 1,
    );
    let rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(spec.formula)
      .setRanges([range]);
    if (spec.background) rule = rule.setBackground(spec.background);
    if (spec.fontColor) rule = rule.setFontColor(spec.fontColor);
    return rule.build();
  });
  // Ours first: the first matching rule wins, and an overdue action matters more than a row tint.
  const next = [...built, ...kept];
  const same =
    next.length === existing.length &&
    next.every((rule, i) => {
      const other = existing[i];
      return other !== undefined && ruleText(rule) === ruleText(other);
    });
  if (!same) sheet.setConditionalFormatRules(next);
  const formulas = JSON.stringify(specs.map((spec) => spec.formula));
  if (formulas !== stored) properties?.setProperty(ruleFormulasKey, formulas);
}

const headerProtection = 'Opportunity Tracker: header row';

/**
 * Freezes and protects the header row (warning only: editors are warned, never blocked); a
 * protection narrower than the header (columns were added) is widened.
 */
export function protectHeader(sheet: Sheet, width: number): void {
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
  const existing = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .find((protection) => protection.getDescription() === headerProtection);
  const header = sheet.getRange(1, 1, 1, Math.max(width, 1));
  if (existing) {
    if (existing.getRange().getNumColumns() >= Math.max(width, 1)) return;
    existing.remove();
  }
  header.protect().setDescription(headerProtection).setWarningOnly(true);
}

export function styleHeaderCells(sheet: Sheet, firstColumn0: number, count: number): void {
  if (count < 1) return;
  sheet
    .getRange(1, firstColumn0 + 1, 1, count)
    .setFontWeight('bold')
    .setBackground('#e8f0fe')
    .setWrap(true);
}
