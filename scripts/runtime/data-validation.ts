// Data validation: the builder, the rule, and the check Sheets applies when a user types.

import { parseA1, resolveA1 } from './a1';
import type { RuntimeEnv } from './env';
import { ScriptException } from './errors';
import { shiftFormula } from './formula';
import type { Signatures } from './gas-types';
import type { CellValue, SheetModel, SpreadsheetModel, ValidationRule } from './sheet-model';
import { isDateFormat } from './values';

/** DataValidationCriteria as the script sees it. */
export const DataValidationCriteria = {
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CHECKBOX: 'CHECKBOX',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
} as const;

const criteriaOf: Record<ValidationRule['type'], keyof typeof DataValidationCriteria> = {
  list: 'VALUE_IN_LIST',
  listFromRange: 'VALUE_IN_RANGE',
  checkbox: 'CHECKBOX',
  date: 'DATE_IS_VALID_DATE',
  numberBetween: 'NUMBER_BETWEEN',
  numberGreaterThanOrEqualTo: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  email: 'TEXT_IS_VALID_EMAIL',
  formula: 'CUSTOM_FORMULA',
};

/** A rule as cells share it; its criteria never change (the anchor moves with inserted rows). */
export function ruleFromValidation(rule: ValidationRule): ValidationRule {
  const { anchor, ...criteria } = rule;
  const shared: ValidationRule = {
    ...criteria,
    values: Object.freeze([...rule.values]) as ValidationRule['values'],
  };
  if (anchor) shared.anchor = { ...anchor };
  return shared;
}

/** The rule for a range: a custom formula is written for the range's first cell. */
export function ruleForRange(rule: ValidationRule, row: number, column: number): ValidationRule {
  return rule.type === 'formula' ? ruleFromValidation({ ...rule, anchor: { row, column } }) : rule;
}

type RuleGetters = 'getCriteriaType' | 'getCriteriaValues' | 'getAllowInvalid' | 'getHelpText';

export class DataValidationImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.DataValidation, RuleGetters | 'copy'>
{
  static readonly serviceName = 'DataValidation';

  constructor(
    private readonly env: RuntimeEnv,
    private readonly file: SpreadsheetModel | null,
    readonly rule: ValidationRule,
  ) {}

  /** The local rule behind a value the script passed in. */
  static from(value: unknown): DataValidationImpl {
    if (value instanceof DataValidationImpl) return value;
    throw new ScriptException('Invalid argument: rule');
  }

  getCriteriaType(): string {
    return criteriaOf[this.rule.type];
  }

  getCriteriaValues(): unknown[] {
    return criteriaValues(this.env, this.file, this.rule);
  }

  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }

  getHelpText(): string | null {
    return this.rule.helpText ?? null;
  }

  copy(): DataValidationBuilderImpl {
    return new DataValidationBuilderImpl(this.env, this.file, { ...this.rule });
  }
}

function criteriaValues(
  env: RuntimeEnv,
  file: SpreadsheetModel | null,
  rule: ValidationRule,
): unknown[] {
  switch (rule.type) {
    case 'list':
      return [[...rule.values], rule.showDropdown];
    case 'listFromRange': {
      const range = file ? sourceRange(env, file, String(rule.values[0])) : null;
      return [range, rule.showDropdown];
    }
    default:
      return [...rule.values];
  }
}

function sourceRange(env: RuntimeEnv, file: SpreadsheetModel, a1: string) {
  const parsed = parseA1(a1);
  const sheet = parsed?.sheetName ? file.sheetByName(parsed.sheetName) : file.sheets[0];
  if (!parsed || !sheet) return null;
  return env.objects.range(file, sheet, resolveA1(parsed, sheet.maxRows, sheet.maxColumns));
}

type BuilderMethods =
  | 'requireValueInList'
  | 'requireValueInRange'
  | 'requireCheckbox'
  | 'requireDate'
  | 'requireNumberBetween'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireTextIsEmail'
  | 'requireFormulaSatisfied'
  | 'setAllowInvalid'
  | 'setHelpText'
  | 'build'
  | RuleGetters;

export class DataValidationBuilderImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.DataValidationBuilder, BuilderMethods>
{
  static readonly serviceName = 'DataValidationBuilder';
  private rule: Partial<ValidationRule> & { allowInvalid: boolean };

  constructor(
    private readonly env: RuntimeEnv,
    private readonly file: SpreadsheetModel | null,
    start?: ValidationRule,
  ) {
    this.rule = start ? { ...start, values: [...start.values] } : { allowInvalid: true };
  }

  #criteria(type: ValidationRule['type'], values: unknown[], showDropdown = false): this {
    this.rule.type = type;
    this.rule.values = values as ValidationRule['values'];
    this.rule.showDropdown = showDropdown;
    return this;
  }

  requireValueInList(values: string[], showDropdown?: boolean): this {
    if (!Array.isArray(values)) throw new ScriptException('Invalid argument: values');
    return this.#criteria('list', values.map(String), showDropdown ?? true);
  }

  requireValueInRange(range: GoogleAppsScript.Spreadsheet.Range, showDropdown?: boolean): this {
    const r = range as unknown as { sheet?: SheetModel; getA1Notation?: () => string };
    if (!r.sheet || !r.getA1Notation) throw new ScriptException('Invalid argument: range');
    const name = r.sheet.name.replace(/'/g, "''");
    return this.#criteria(
      'listFromRange',
      [`'${name}'!${r.getA1Notation()}`],
      showDropdown ?? true,
    );
  }

  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const values =
      checkedValue === undefined
        ? []
        : [checkedValue, ...(uncheckedValue === undefined ? [] : [uncheckedValue])];
    return this.#criteria('checkbox', values);
  }

  requireDate(): this {
    return this.#criteria('date', []);
  }

  requireNumberBetween(start: number, end: number): this {
    return this.#criteria('numberBetween', [start, end]);
  }

  requireNumberGreaterThanOrEqualTo(number: number): this {
    return this.#criteria('numberGreaterThanOrEqualTo', [number]);
  }

  requireTextIsEmail(): this {
    return this.#criteria('email', []);
  }

  requireFormulaSatisfied(formula: string): this {
    return this.#criteria('formula', [formula]);
  }

  setAllowInvalid(allowInvalidData: boolean): this {
    this.rule.allowInvalid = allowInvalidData;
    return this;
  }

  setHelpText(helpText: string): this {
    this.rule.helpText = helpText;
    return this;
  }

  getCriteriaType(): string | null {
    return this.rule.type ? criteriaOf[this.rule.type] : null;
  }

  getCriteriaValues(): unknown[] {
    return this.rule.type ? criteriaValues(this.env, this.file, this.#complete()) : [];
  }

  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }

  getHelpText(): string | null {
    return this.rule.helpText ?? null;
  }

  #complete(): ValidationRule {
    const { type, values, showDropdown, allowInvalid, helpText } = this.rule;
    if (!type || !values) throw new ScriptException('You must specify a validation criteria.');
    const rule: ValidationRule = {
      type,
      values,
      showDropdown: showDropdown ?? false,
      allowInvalid,
    };
    if (helpText !== undefined) rule.helpText = helpText;
    return rule;
  }

  build(): DataValidationImpl {
    return new DataValidationImpl(this.env, this.file, ruleFromValidation(this.#complete()));
  }
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Whether a value passes a rule, as Sheets judges a typed entry. An empty cell always passes.
 * `numberFormat` is the cell's format after the entry (a date rule wants a date).
 */
export function passesValidation(
  rule: ValidationRule,
  value: CellValue,
  numberFormat: string | undefined,
  at: { file: SpreadsheetModel; sheet: SheetModel; row: number; column: number; now: Date },
): boolean {
  if (value === '') return true;
  switch (rule.type) {
    case 'list':
      return rule.values.some((allowed) => String(allowed) === String(value));
    case 'listFromRange': {
      const parsed = parseA1(String(rule.values[0]));
      const sheet = parsed?.sheetName ? at.file.sheetByName(parsed.sheetName) : at.sheet;
      if (!parsed || !sheet) return false;
      const rect = resolveA1(parsed, sheet.maxRows, sheet.maxColumns);
      for (let r = rect.row; r < rect.row + rect.numRows; r++) {
        for (let c = rect.column; c < rect.column + rect.numColumns; c++) {
          const allowed = at.file.computedValue(sheet, r, c, at.now);
          if (allowed !== '' && String(allowed) === String(value)) return true;
        }
      }
      return false;
    }
    case 'checkbox':
      return rule.values.length === 0
        ? typeof value === 'boolean'
        : rule.values.some((allowed) => allowed === value);
    case 'date':
      return typeof value === 'number' && isDateFormat(numberFormat);
    case 'numberBetween': {
      const [low, high] = rule.values.map(Number);
      return (
        typeof value === 'number' && value >= (low ?? Number.NaN) && value <= (high ?? Number.NaN)
      );
    }
    case 'numberGreaterThanOrEqualTo':
      return typeof value === 'number' && value >= Number(rule.values[0]);
    case 'email':
      return typeof value === 'string' && emailPattern.test(value);
    case 'formula': {
      const anchor = rule.anchor ?? { row: at.row, column: at.column };
      const formula = shiftFormula(
        String(rule.values[0]),
        at.row - anchor.row,
        at.column - anchor.column,
      );
      const result = at.file.evaluateAt(formula, at.sheet, at.row, at.column, at.now);
      return result === true || (typeof result === 'number' && result !== 0);
    }
  }
}
