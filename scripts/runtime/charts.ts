// Embedded charts, kept as recorded specs (type, ranges, position, options) rather than drawn.

import { boundsOf, parseA1, quoteSheetName, resolveA1 } from './a1';
import type { RuntimeEnv } from './env';
import { ScriptException } from './errors';
import type { Signatures } from './gas-types';
import type { SpreadsheetModel } from './sheet-model';
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
    /** The spreadsheet the chart's ranges are on (to hand them back as Ranges). */
    private readonly file: SpreadsheetModel | null = null,
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
    return new EmbeddedChartImpl(
      this.env,
      { ...this.spec, ranges: [...this.spec.ranges], options: { ...this.spec.options } },
      this.file,
    );
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
    private readonly file: SpreadsheetModel | null = null,
  ) {}

  /** The ranges the chart draws, in the order they were added. */
  getRanges(): object[] {
    const file = this.file;
    if (!file) return [];
    return this.spec.ranges.flatMap((text) => {
      const parsed = parseA1(text);
      const sheet = parsed?.sheetName ? file.sheetByName(parsed.sheetName) : null;
      if (!parsed || !sheet) return [];
      return [
        this.env.objects.range(
          file,
          sheet,
          resolveA1(parsed, sheet.maxRows, sheet.maxColumns),
          boundsOf(parsed),
        ),
      ];
    });
  }

  /** Where the chart sits: its anchor cell and offsets in pixels. */
  getContainerInfo(): ContainerInfoImpl {
    return new ContainerInfoImpl({ ...this.spec.position });
  }

  /** Null until the chart is inserted into a sheet, as in Apps Script. */
  getChartId(): number | null {
    return this.spec.chartId === 0 ? null : this.spec.chartId;
  }

  getOptions(): { get(option: string): unknown } {
    const options = { ...this.spec.options };
    return { get: (option: string) => options[option] ?? null };
  }

  modify(): EmbeddedChartBuilderImpl {
    return new EmbeddedChartBuilderImpl(this.env, this.spec, this.file);
  }
}

export class ContainerInfoImpl
  implements
    Signatures<
      GoogleAppsScript.Spreadsheet.ContainerInfo,
      'getAnchorRow' | 'getAnchorColumn' | 'getOffsetX' | 'getOffsetY'
    >
{
  static readonly serviceName = 'ContainerInfo';

  constructor(private readonly position: ChartSnapshot['position']) {}

  getAnchorRow(): number {
    return this.position.row;
  }

  getAnchorColumn(): number {
    return this.position.column;
  }

  getOffsetX(): number {
    return this.position.offsetX;
  }

  getOffsetY(): number {
    return this.position.offsetY;
  }
}
