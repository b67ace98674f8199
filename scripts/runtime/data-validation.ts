// Data validation: the builder, the rule, and the check Sheets applies when a user types.

import { parseA1, resolveA1 } from './a1';
import type { RuntimeEnv } from './env';
import { ScriptException } from './errors';
import { shiftFormula } from './formula';
import { isDate, type Signatures } from './gas-types';
import type { CellValue, SheetModel, SpreadsheetModel, ValidationRule } from './sheet-model';
import { isDateFormat } from './values';
import { serialFromDate } from './values-time';

/** The runtime's rule types as Google's DataValidationCriteria names. */
const criteriaOf = {
  list: 'VALUE_IN_LIST',
  listFromRange: 'VALUE_IN_RANGE',
  checkbox: 'CHECKBOX',
  date: 'DATE_IS_VALID_DATE',
  numberBetween: 'NUMBER_BETWEEN',
  numberGreaterThanOrEqualTo: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  email: 'TEXT_IS_VALID_EMAIL',
  formula: 'CUSTOM_FORMULA',
  numberEqualTo: 'NUMBER_EQUAL_TO',
  numberNotEqualTo: 'NUMBER_NOT_EQUAL_TO',
  numberGreaterThan: 'NUMBER_GREATER_THAN',
  numberLessThan: 'NUMBER_LESS_THAN',
  numberLessThanOrEqualTo: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  numberNotBetween: 'NUMBER_NOT_BETWEEN',
  textContains: 'TEXT_CONTAINS',
  textDoesNotContain: 'TEXT_DOES_NOT_CONTAIN',
  textEqualTo: 'TEXT_EQUAL_TO',
  url: 'TEXT_IS_VALID_URL',
  dateAfter: 'DATE_AFTER',
  dateBefore: 'DATE_BEFORE',
  dateBetween: 'DATE_BETWEEN',
  dateNotBetween: 'DATE_NOT_BETWEEN',
  dateEqualTo: 'DATE_EQUAL_TO',
  dateOnOrAfter: 'DATE_ON_OR_AFTER',
  dateOnOrBefore: 'DATE_ON_OR_BEFORE',
} as const satisfies Record<ValidationRule['type'], string>;

const dateRules = new Set<ValidationRule['type']>([
  'dateAfter',
  'dateBefore',
  'dateBetween',
  'dateNotBetween',
  'dateEqualTo',
  'dateOnOrAfter',
  'dateOnOrBefore',
]);

/**
 * DataValidationCriteria as the script sees it: every value Google's enum has (the relative-date
 * ones only come from rules made in the Sheets UI, which no script can build).
 */
export const DataValidationCriteria = {
  ...Object.fromEntries(Object.values(criteriaOf).map((name) => [name, name])),
  DATE_AFTER_RELATIVE: 'DATE_AFTER_RELATIVE',
  DATE_BEFORE_RELATIVE: 'DATE_BEFORE_RELATIVE',
  DATE_EQUAL_TO_RELATIVE: 'DATE_EQUAL_TO_RELATIVE',
} as Record<string, string>;

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
      return dateRules.has(rule.type)
        ? rule.values.map((ms) => new Date(Number(ms)))
        : [...rule.values];
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
  | 'requireNumberEqualTo'
  | 'requireNumberNotEqualTo'
  | 'requireNumberGreaterThan'
  | 'requireNumberLessThan'
  | 'requireNumberLessThanOrEqualTo'
  | 'requireNumberNotBetween'
  | 'requireTextContains'
  | 'requireTextDoesNotContain'
  | 'requireTextEqualTo'
  | 'requireTextIsUrl'
  | 'requireDateAfter'
  | 'requireDateBefore'
  | 'requireDateBetween'
  | 'requireDateNotBetween'
  | 'requireDateEqualTo'
  | 'requireDateOnOrAfter'
  | 'requireDateOnOrBefore'
  | 'setAllowInvalid'
  | 'setHelpText'
  | 'build'
  | 'copy'
  | 'withCriteria'
  | RuleGetters;

/** A number argument, as Google's Java signature takes it. */
function numberArg(value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new ScriptException('Invalid argument: number');
  return value;
}

/** A Date argument, kept as its instant. */
function dateArg(value: unknown): number {
  if (!isDate(value)) throw new ScriptException('Invalid argument: date');
  return value.getTime();
}

export class DataValidationBuilderImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.DataValidationBuilder, BuilderMethods>
{
  static readonly serviceName = 'DataValidationBuilder';
  private rule: Partial<ValidationRule> & { allowInvalid: boolean };

  constructor(
    private readonly env: RuntimeEnv,
    private file: SpreadsheetModel | null,
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
    const r = range as unknown as {
      sheet?: SheetModel;
      file?: SpreadsheetModel;
      getA1Notation?: () => string;
    };
    if (!r.sheet || !r.getA1Notation) throw new ScriptException('Invalid argument: range');
    // The rule's range is read from the range's own file (a standalone script has no active one).
    if (r.file) this.file = r.file;
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

  requireNumberEqualTo(number: number): this {
    return this.#criteria('numberEqualTo', [numberArg(number)]);
  }

  requireNumberNotEqualTo(number: number): this {
    return this.#criteria('numberNotEqualTo', [numberArg(number)]);
  }

  requireNumberGreaterThan(number: number): this {
    return this.#criteria('numberGreaterThan', [numberArg(number)]);
  }

  requireNumberLessThan(number: number): this {
    return this.#criteria('numberLessThan', [numberArg(number)]);
  }

  requireNumberLessThanOrEqualTo(number: number): this {
    return this.#criteria('numberLessThanOrEqualTo', [numberArg(number)]);
  }

  requireNumberNotBetween(start: number, end: number): this {
    return this.#criteria('numberNotBetween', [numberArg(start), numberArg(end)]);
  }

  requireTextContains(text: string): this {
    return this.#criteria('textContains', [String(text)]);
  }

  requireTextDoesNotContain(text: string): this {
    return this.#criteria('textDoesNotContain', [String(text)]);
  }

  requireTextEqualTo(text: string): this {
    return this.#criteria('textEqualTo', [String(text)]);
  }

  requireTextIsUrl(): this {
    return this.#criteria('url', []);
  }

  requireDateAfter(date: GoogleAppsScript.Base.Date): this {
    return this.#criteria('dateAfter', [dateArg(date)]);
  }

  requireDateBefore(date: GoogleAppsScript.Base.Date): this {
    return this.#criteria('dateBefore', [dateArg(date)]);
  }

  requireDateBetween(start: GoogleAppsScript.Base.Date, end: GoogleAppsScript.Base.Date): this {
    return this.#criteria('dateBetween', [dateArg(start), dateArg(end)]);
  }

  requireDateNotBetween(start: GoogleAppsScript.Base.Date, end: GoogleAppsScript.Base.Date): this {
    return this.#criteria('dateNotBetween', [dateArg(start), dateArg(end)]);
  }

  requireDateEqualTo(date: GoogleAppsScript.Base.Date): this {
    return this.#criteria('dateEqualTo', [dateArg(date)]);
  }

  requireDateOnOrAfter(date: GoogleAppsScript.Base.Date): this {
    return this.#criteria('dateOnOrAfter', [dateArg(date)]);
  }

  requireDateOnOrBefore(date: GoogleAppsScript.Base.Date): this {
    return this.#criteria('dateOnOrBefore', [dateArg(date)]);
  }

  /** withCriteria(criteria, args): the criteria and arguments a rule's getters give back. */
  withCriteria(
    criteria: GoogleAppsScript.Spreadsheet.DataValidationCriteria,
    args: unknown[],
  ): this {
    const name = String(criteria);
    const type = (Object.keys(criteriaOf) as Array<keyof typeof criteriaOf>).find(
      (t) => criteriaOf[t] === name,
    );
    if (!type || !Array.isArray(args)) throw new ScriptException('Invalid argument: criteria');
    const setters: Record<string, (...a: unknown[]) => this> = {
      list: (values, dropdown) =>
        this.requireValueInList(values as string[], dropdown as boolean | undefined),
      listFromRange: (range, dropdown) =>
        this.requireValueInRange(
          range as GoogleAppsScript.Spreadsheet.Range,
          dropdown as boolean | undefined,
        ),
      checkbox: (...v) => this.requireCheckbox(...v),
    };
    const setter = setters[type];
    if (setter) return setter(...args);
    return this.#criteria(
      type,
      args.map((a) => (isDate(a) ? a.getTime() : (a as string | number | boolean))),
    );
  }

  copy(): DataValidationBuilderImpl {
    return new DataValidationBuilderImpl(
      this.env,
      this.file,
      this.rule.type ? this.#complete() : undefined,
    );
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
    case 'numberEqualTo':
    case 'numberNotEqualTo':
    case 'numberGreaterThan':
    case 'numberLessThan':
    case 'numberLessThanOrEqualTo':
    case 'numberNotBetween':
      return typeof value === 'number' && compare(rule.type, value, rule.values.map(Number));
    case 'dateAfter':
    case 'dateBefore':
    case 'dateBetween':
    case 'dateNotBetween':
    case 'dateEqualTo':
    case 'dateOnOrAfter':
    case 'dateOnOrBefore': {
      // A date cell is a serial day in the file's zone; the rule's dates are compared as days.
      if (typeof value !== 'number' || !isDateFormat(numberFormat)) return false;
      const days = rule.values.map((ms) =>
        Math.floor(serialFromDate(new Date(Number(ms)), at.file.timeZone)),
      );
      return compare(rule.type, Math.floor(value), days);
    }
    case 'textContains':
      return String(value).includes(String(rule.values[0]));
    case 'textDoesNotContain':
      return !String(value).includes(String(rule.values[0]));
    case 'textEqualTo':
      return String(value) === String(rule.values[0]);
    case 'url':
      return typeof value === 'string' && /^(https?|ftp):\/\/[^\s/$.?#].[^\s]*$/i.test(value);
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

/** The comparison a number or date rule makes, by its name's operator. */
function compare(type: ValidationRule['type'], value: number, limits: number[]): boolean {
  const [a = Number.NaN, b = Number.NaN] = limits;
  const op = type.replace(/^(number|date)/, '');
  switch (op) {
    case 'EqualTo':
      return value === a;
    case 'NotEqualTo':
      return value !== a;
    case 'GreaterThan':
    case 'After':
      return value > a;
    case 'LessThan':
    case 'Before':
      return value < a;
    case 'LessThanOrEqualTo':
    case 'OnOrBefore':
      return value <= a;
    case 'OnOrAfter':
      return value >= a;
    case 'Between':
      return value >= a && value <= b;
    case 'NotBetween':
      return value < a || value > b;
    default:
      return false;
  }
}
