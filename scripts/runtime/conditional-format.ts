// Conditional format rules with custom formulas: builder, rule, and the style a cell gets.

import type { Rect } from './a1';
import { normalizeColor } from './colors';
import type { RuntimeEnv } from './env';
import { ScriptException } from './errors';
import { shiftFormula } from './formula';
import type { Signatures } from './gas-types';
import type { ConditionalFormat, SheetModel, SpreadsheetModel } from './sheet-model';

export const BooleanCriteria = { CUSTOM_FORMULA: 'CUSTOM_FORMULA' } as const;

/** A rule's ranges as the script gave them: rectangles on one sheet. */
interface RangeLike {
  sheet: SheetModel;
  rect: Rect;
}

function asRangeLike(value: unknown): RangeLike {
  const r = value as Partial<RangeLike>;
  if (!r?.sheet || !r.rect) throw new ScriptException('Invalid argument: ranges');
  return { sheet: r.sheet, rect: r.rect };
}

export interface RuleData {
  sheet: SheetModel | null;
  format: ConditionalFormat;
}

type RuleGetters = 'getRanges' | 'getBooleanCondition' | 'copy';

export class ConditionalFormatRuleImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.ConditionalFormatRule, RuleGetters>
{
  static readonly serviceName = 'ConditionalFormatRule';

  constructor(
    private readonly env: RuntimeEnv,
    private readonly file: SpreadsheetModel | null,
    readonly data: RuleData,
  ) {}

  getRanges(): unknown[] {
    const { sheet } = this.data;
    if (!sheet || !this.file) return [];
    const file = this.file;
    return this.data.format.ranges.map((rect) => this.env.objects.range(file, sheet, rect));
  }

  getBooleanCondition(): BooleanConditionImpl {
    return new BooleanConditionImpl(this.data.format);
  }

  copy(): ConditionalFormatRuleBuilderImpl {
    return new ConditionalFormatRuleBuilderImpl(this.env, this.file, this.data);
  }
}

export class BooleanConditionImpl
  implements
    Signatures<
      GoogleAppsScript.Spreadsheet.BooleanCondition,
      'getCriteriaType' | 'getCriteriaValues' | 'getFontColor' | 'getBold' | 'getStrikethrough'
    >
{
  static readonly serviceName = 'BooleanCondition';

  constructor(private readonly format: ConditionalFormat) {}

  getCriteriaType(): string {
    return BooleanCriteria.CUSTOM_FORMULA;
  }

  getCriteriaValues(): unknown[] {
    return [this.format.formula];
  }

  getBackground(): string | null {
    return this.format.background ?? null;
  }

  getFontColor(): string | null {
    return this.format.fontColor ?? null;
  }

  getBold(): boolean | null {
    return this.format.bold ?? null;
  }

  getStrikethrough(): boolean | null {
    return this.format.strikethrough ?? null;
  }
}

type BuilderMethods =
  | 'whenFormulaSatisfied'
  | 'setBackground'
  | 'setFontColor'
  | 'setBold'
  | 'setStrikethrough'
  | 'setRanges'
  | 'build'
  | 'getRanges';

export class ConditionalFormatRuleBuilderImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder, BuilderMethods>
{
  static readonly serviceName = 'ConditionalFormatRuleBuilder';
  private sheet: SheetModel | null;
  private format: Partial<ConditionalFormat> & { ranges: Rect[] };

  constructor(
    private readonly env: RuntimeEnv,
    private readonly file: SpreadsheetModel | null,
    start?: RuleData,
  ) {
    this.sheet = start?.sheet ?? null;
    this.format = start ? { ...start.format, ranges: [...start.format.ranges] } : { ranges: [] };
  }

  whenFormulaSatisfied(formula: string): this {
    this.format.formula = String(formula);
    return this;
  }

  setBackground(color: string | null): this {
    setOrDelete(this.format, 'background', color ? normalizeColor(String(color)) : undefined);
    return this;
  }

  setFontColor(color: string | null): this {
    setOrDelete(this.format, 'fontColor', color ? normalizeColor(String(color)) : undefined);
    return this;
  }

  setBold(bold: boolean | null): this {
    setOrDelete(this.format, 'bold', bold ?? undefined);
    return this;
  }

  setStrikethrough(strikethrough: boolean | null): this {
    setOrDelete(this.format, 'strikethrough', strikethrough ?? undefined);
    return this;
  }

  setRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): this {
    const list = ranges.map(asRangeLike);
    const sheet = list[0]?.sheet ?? null;
    if (list.some((r) => r.sheet !== sheet))
      throw new ScriptException(
        'All ranges of a conditional format rule must be on the same sheet.',
      );
    this.sheet = sheet;
    this.format.ranges = list.map((r) => ({ ...r.rect }));
    return this;
  }

  getRanges(): unknown[] {
    return this.build().getRanges();
  }

  build(): ConditionalFormatRuleImpl {
    if (this.format.formula === undefined)
      throw new ScriptException('The conditional format rule must have a condition.');
    const format: ConditionalFormat = {
      ...this.format,
      formula: this.format.formula,
      ranges: [...this.format.ranges],
    };
    return new ConditionalFormatRuleImpl(this.env, this.file, { sheet: this.sheet, format });
  }
}

function setOrDelete<K extends keyof ConditionalFormat>(
  target: Partial<ConditionalFormat>,
  key: K,
  value: ConditionalFormat[K] | undefined,
): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

export type ConditionalStyle = Pick<
  ConditionalFormat,
  'background' | 'fontColor' | 'bold' | 'strikethrough'
>;

/** The style conditional formats give a cell: the first rule whose formula holds there wins. */
export function conditionalStyleAt(
  file: SpreadsheetModel,
  sheet: SheetModel,
  row: number,
  column: number,
  now: Date,
): ConditionalStyle | null {
  for (const rule of sheet.conditionalFormats) {
    const anchor = rule.ranges[0];
    if (!anchor) continue;
    const inside = rule.ranges.some(
      (r) =>
        row >= r.row &&
        row < r.row + r.numRows &&
        column >= r.column &&
        column < r.column + r.numColumns,
    );
    if (!inside) continue;
    const formula = shiftFormula(rule.formula, row - anchor.row, column - anchor.column);
    const result = file.evaluateAt(formula, sheet, row, column, now);
    if (result === true || (typeof result === 'number' && result !== 0)) {
      const { ranges: _r, formula: _f, ...style } = rule;
      return style;
    }
  }
  return null;
}
