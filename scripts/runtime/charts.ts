// Embedded charts, kept as recorded specs (type, ranges, position, options) rather than drawn.

import { quoteSheetName } from './a1';
import type { RuntimeEnv } from './env';
import { ScriptException } from './errors';
import type { Signatures } from './gas-types';
import type { ChartSnapshot } from './snapshot';

export const ChartType = {
  AREA: 'AREA',
  BAR: 'BAR',
  COLUMN: 'COLUMN',
  COMBO: 'COMBO',
  LINE: 'LINE',
  PIE: 'PIE',
  SCATTER: 'SCATTER',
  TABLE: 'TABLE',
} as const;

type BuilderMethods =
  | 'setChartType'
  | 'addRange'
  | 'setPosition'
  | 'setOption'
  | 'build'
  | 'getChartType';

export class EmbeddedChartBuilderImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder, BuilderMethods>
{
  static readonly serviceName = 'EmbeddedChartBuilder';
  readonly spec: ChartSnapshot;
  static #made = 0;
  readonly #identity = (0x1f3a5c + EmbeddedChartBuilderImpl.#made++ * 7919).toString(16);

  /** What Apps Script prints for a chart builder: the Java object's class and identity. */
  toString(): string {
    return `com.google.apps.maestro.server.beans.trix.impl.ChartPropertyApiEmbeddedChartBuilder@${this.#identity}`;
  }

  constructor(
    private readonly env: RuntimeEnv,
    start?: ChartSnapshot,
  ) {
    this.spec = start
      ? {
          ...start,
          ranges: [...start.ranges],
          position: { ...start.position },
          options: { ...start.options },
        }
      : {
          chartId: 0,
          type: ChartType.COLUMN,
          ranges: [],
          position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
          options: {},
        };
  }

  setChartType(type: GoogleAppsScript.Charts.ChartType): this {
    this.spec.type = String(type);
    return this;
  }

  getChartType(): string {
    return this.spec.type;
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range): this {
    const r = range as unknown as { sheet?: { name: string }; getA1Notation?: () => string };
    if (!r.sheet || !r.getA1Notation) throw new ScriptException('Invalid argument: range');
    this.spec.ranges.push(`${quoteSheetName(r.sheet.name)}!${r.getA1Notation()}`);
    return this;
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.spec.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }

  setOption(option: string, value: unknown): this {
    this.spec.options[option] = value;
    return this;
  }

  build(): EmbeddedChartImpl {
    return new EmbeddedChartImpl(this.env, {
      ...this.spec,
      ranges: [...this.spec.ranges],
      options: { ...this.spec.options },
    });
  }
}

export class EmbeddedChartImpl
  implements
    Signatures<GoogleAppsScript.Spreadsheet.EmbeddedChart, 'getChartId' | 'modify' | 'getOptions'>
{
  static readonly serviceName = 'EmbeddedChart';

  constructor(
    private readonly env: RuntimeEnv,
    readonly spec: ChartSnapshot,
  ) {}

  /** Null until the chart is inserted into a sheet, as in Apps Script. */
  getChartId(): number | null {
    return this.spec.chartId === 0 ? null : this.spec.chartId;
  }

  getOptions(): { get(option: string): unknown } {
    const options = { ...this.spec.options };
    return { get: (option: string) => options[option] ?? null };
  }

  modify(): EmbeddedChartBuilderImpl {
    return new EmbeddedChartBuilderImpl(this.env, this.spec);
  }
}
