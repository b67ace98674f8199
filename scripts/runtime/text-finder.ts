// TextFinder: find and replace text in a range, a sheet or a whole spreadsheet, as Sheets' Find does.
//
// Google's reference (https://developers.google.com/apps-script/reference/spreadsheet/text-finder)
// documents the options and that cells with formulas are searched by their displayed value unless
// matchFormulaText(true); numbers and dates therefore match as they are shown ("1,234.50", "3/2/2026").
// What it leaves open is modelled on Sheets' Find and replace dialog: cells are visited row by row
// (left to right, then down), sheets in tab order; findNext/findPrevious start after the startFrom
// cell (or before the first cell) and wrap around; null only when nothing matches at all.

import type { Rect } from './a1';
import { readDisplayValue, writeCellValue } from './cell-values';
import type { RuntimeEnv } from './env';
import { ScriptException } from './errors';
import type { Signatures } from './gas-types';
import { type CellUsage, cellUsage, type UsageReporter } from './ledger';
import { assertEditable } from './protection';
import { hasContent, type SheetModel, type SpreadsheetModel } from './sheet-model';

/** One block the finder looks through: a range, or the cells of a sheet that hold anything. */
export interface SearchArea {
  sheet: SheetModel;
  rect: Rect;
}

/** Where a match is: the area (in search order), then row and column. */
interface Position {
  area: number;
  row: number;
  column: number;
}

interface Options {
  matchCase: boolean;
  matchEntireCell: boolean;
  matchFormulaText: boolean;
  ignoreDiacritics: boolean;
  useRegularExpression: boolean;
}

/** The data range of a sheet (what a Sheet's or Spreadsheet's finder searches). */
export function dataArea(sheet: SheetModel): SearchArea {
  return {
    sheet,
    rect: {
      row: 1,
      column: 1,
      numRows: Math.max(1, sheet.lastRow()),
      numColumns: Math.max(1, sheet.lastColumn()),
    },
  };
}

const compare = (a: Position, b: Position) =>
  a.area - b.area || a.row - b.row || a.column - b.column;

const foldDiacritics = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type FinderMethods =
  | 'findAll'
  | 'findNext'
  | 'findPrevious'
  | 'getCurrentMatch'
  | 'ignoreDiacritics'
  | 'matchCase'
  | 'matchEntireCell'
  | 'matchFormulaText'
  | 'replaceAllWith'
  | 'replaceWith'
  | 'startFrom'
  | 'useRegularExpression';

export class TextFinderImpl
  implements Signatures<GoogleAppsScript.Spreadsheet.TextFinder, FinderMethods>, UsageReporter
{
  static readonly serviceName = 'TextFinder';
  readonly #options: Options = {
    matchCase: false,
    matchEntireCell: false,
    matchFormulaText: false,
    ignoreDiacritics: false,
    useRegularExpression: false,
  };
  /** The current match, or where the search starts from (null: before the first cell). */
  #position: Position | null = null;
  #current: Position | null = null;

  constructor(
    private readonly env: RuntimeEnv,
    private readonly file: SpreadsheetModel,
    /** The areas in search order, computed per search (a sheet's data range changes). */
    private readonly areas: () => SearchArea[],
    private readonly findText: string,
  ) {
    if (findText === '') throw new ScriptException('Invalid argument: findText');
  }

  [cellUsage](method: string): CellUsage | undefined {
    if (method === 'findAll' || method === 'findNext' || method === 'findPrevious')
      return { searched: this.#searchedCells() };
    if (method === 'replaceAllWith')
      return {
        searched: this.#searchedCells(),
        written: this.#replaceable(this.#matches()).length,
      };
    if (method === 'replaceWith')
      return { written: this.#current ? this.#replaceable([this.#current]).length : 0 };
    return undefined;
  }

  // Options: each returns the finder, as Google's do.

  matchCase(matchCase: boolean): this {
    this.#options.matchCase = matchCase === true;
    return this;
  }

  matchEntireCell(matchEntireCell: boolean): this {
    this.#options.matchEntireCell = matchEntireCell === true;
    return this;
  }

  matchFormulaText(matchFormulaText: boolean): this {
    this.#options.matchFormulaText = matchFormulaText === true;
    return this;
  }

  ignoreDiacritics(ignoreDiacritics: boolean): this {
    this.#options.ignoreDiacritics = ignoreDiacritics === true;
    return this;
  }

  useRegularExpression(useRegEx: boolean): this {
    this.#options.useRegularExpression = useRegEx === true;
    this.#pattern(); // an invalid expression fails here, not at the first search
    return this;
  }

  /** The search continues right after the range's last cell. */
  startFrom(startRange: GoogleAppsScript.Spreadsheet.Range): this {
    const range = startRange as unknown as { sheet?: SheetModel; rect?: Rect };
    if (!range.sheet || !range.rect) throw new ScriptException('Invalid argument: startRange');
    const area = this.areas().findIndex((a) => a.sheet === range.sheet);
    this.#position =
      area < 0
        ? null
        : {
            area,
            row: range.rect.row + range.rect.numRows - 1,
            column: range.rect.column + range.rect.numColumns - 1,
          };
    this.#current = null;
    return this;
  }

  // Searching

  findAll(): object[] {
    return this.#matches().map((match) => this.#range(match));
  }

  findNext(): object | null {
    const matches = this.#matches();
    const from = this.#position;
    const next = (from && matches.find((m) => compare(m, from) > 0)) || matches[0];
    return this.#moveTo(next);
  }

  findPrevious(): object | null {
    const matches = this.#matches();
    const from = this.#position;
    const before = from ? matches.filter((m) => compare(m, from) < 0) : [];
    return this.#moveTo(before.at(-1) ?? matches.at(-1));
  }

  getCurrentMatch(): object | null {
    return this.#current ? this.#range(this.#current) : null;
  }

  // Replacing: the new text is stored as if typed, so "1,234" -> "9,234" stays a number.

  /** Replaces in the current match only; the number of occurrences replaced (0 without a match). */
  replaceWith(replaceText: string): number {
    if (!this.#current) return 0;
    return this.#replaceIn([this.#current], String(replaceText)).occurrences;
  }

  /** Replaces in every matching cell; the number of cells changed (Sheets API's valuesChanged). */
  replaceAllWith(replaceText: string): number {
    return this.#replaceIn(this.#matches(), String(replaceText)).cells;
  }

  // The search itself

  #searchedCells(): number {
    return this.areas().reduce((sum, a) => sum + a.rect.numRows * a.rect.numColumns, 0);
  }

  #moveTo(match: Position | undefined): object | null {
    if (!match) return null;
    this.#position = match;
    this.#current = match;
    return this.#range(match);
  }

  #range(at: Position): object {
    const area = this.areas()[at.area];
    if (!area) throw new Error('A TextFinder match outside its areas');
    return this.env.objects.range(this.file, area.sheet, {
      row: at.row,
      column: at.column,
      numRows: 1,
      numColumns: 1,
    });
  }

  /** The expression every cell's text is tested with (global, so it can count and replace). */
  #pattern(): RegExp {
    const { matchCase, matchEntireCell, ignoreDiacritics, useRegularExpression } = this.#options;
    let source = useRegularExpression
      ? this.findText
      : escapeRegExp(ignoreDiacritics ? foldDiacritics(this.findText) : this.findText);
    if (matchEntireCell) source = `^(?:${source})$`;
    try {
      return new RegExp(source, matchCase ? 'gu' : 'giu');
    } catch {
      throw new ScriptException(`Invalid argument: ${this.findText}`);
    }
  }

  /** The text a cell is searched by: its formula or what it shows; null for an empty cell. */
  #textOf(sheet: SheetModel, row: number, column: number, now: Date): string | null {
    const cell = sheet.cell(row, column);
    if (!hasContent(cell)) return null;
    const text =
      this.#options.matchFormulaText && cell?.formula !== undefined
        ? cell.formula
        : readDisplayValue(this.file, sheet, row, column, now);
    return this.#options.ignoreDiacritics ? foldDiacritics(text) : text;
  }

  #matches(): Position[] {
    const pattern = this.#pattern();
    const now = this.env.now();
    const found: Position[] = [];
    this.areas().forEach(({ sheet, rect }, area) => {
      const lastColumn = rect.column + rect.numColumns - 1;
      for (let row = rect.row; row < rect.row + rect.numRows; row++) {
        const line = sheet.rows[row - 1];
        if (!line) continue;
        for (let column = rect.column; column <= Math.min(lastColumn, line.length); column++) {
          const text = this.#textOf(sheet, row, column, now);
          pattern.lastIndex = 0;
          if (text !== null && pattern.test(text)) found.push({ area, row, column });
        }
      }
    });
    return found;
  }

  /**
   * Matches a replace can change: a formula cell only when the search looks at formula text (its
   * shown value is computed; Sheets' dialog likewise leaves formulas alone unless asked).
   */
  #replaceable(matches: Position[]): Position[] {
    const areas = this.areas();
    return matches.filter((m) => {
      const area = areas[m.area];
      const cell = area?.sheet.cell(m.row, m.column);
      return cell?.formula === undefined || this.#options.matchFormulaText;
    });
  }

  #replaceIn(matches: Position[], replaceText: string): { cells: number; occurrences: number } {
    const pattern = this.#pattern();
    const now = this.env.now();
    const areas = this.areas();
    const targets = this.#replaceable(matches);
    for (const m of targets) {
      const sheet = areas[m.area]?.sheet;
      if (sheet)
        assertEditable(this.env, this.file, sheet, {
          row: m.row,
          column: m.column,
          numRows: 1,
          numColumns: 1,
        });
    }
    let occurrences = 0;
    for (const m of targets) {
      const sheet = areas[m.area]?.sheet;
      const text = sheet && this.#textOf(sheet, m.row, m.column, now);
      if (!sheet || text === null || text === undefined) continue;
      const next = text.replace(pattern, (...groups) => {
        occurrences++;
        return this.#options.useRegularExpression ? expandGroups(replaceText, groups) : replaceText;
      });
      writeCellValue(this.file, sheet.ensureCell(m.row, m.column), next, now);
    }
    return { cells: targets.length, occurrences };
  }
}

/** $1..$9 in a regular-expression replacement, as java.util.regex (and Sheets) expand them. */
function expandGroups(replaceText: string, match: unknown[]): string {
  return replaceText.replace(/\$(\d)/g, (_all, digit: string) => {
    const group = match[Number(digit)];
    return typeof group === 'string' ? group : '';
  });
}
