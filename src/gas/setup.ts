// Set up, adopt and repair the tracker: add what is missing, never move or rewrite what a user wrote.

import {
  type AdoptionChoices,
  planTracker,
  rowsWithProblems,
  type TrackerInput,
  type TrackerPlan,
} from '../domain/adoption';
import {
  type ColumnChoices,
  columnChoicesFrom,
  headerText,
  isTechnicalHeader,
} from '../domain/columns';
import { fieldByKey } from '../domain/fields';
import type { Language } from '../domain/i18n';
import type { Settings } from '../domain/model';
import { cellInputs, quoteIfRisky, toSheetValue } from './cells';
import { columnChoicesKey } from './column-choices';
import type { CallContext } from './context';
import { recordInFile } from './file-record';
import {
  formulaCells,
  padRows,
  readGrid,
  type SheetGrid,
  unchanged,
  type WriteValue,
  writeRuns,
} from './grid';
import { refreshMenu } from './menu';
import { documentProperties, propertyKeys } from './properties';
import { prepareRowAccess } from './row-access';
import {
  applyConditionalFormats,
  applyValidations,
  formatNewColumns,
  protectHeader,
  styleHeaderCells,
} from './sheet-format';
import {
  ensureTab,
  findTab,
  historyHeader,
  readSettings,
  settingsRows,
  tabNames,
  teamRows,
} from './tabs';
import { firstDataRow } from './tracker';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Which sheet Set up works on; finding it writes nothing. */
export type SheetChoice =
  | { kind: 'ours'; sheet: Sheet }
  | { kind: 'adopt'; sheet: Sheet }
  | { kind: 'empty'; sheet: Sheet }
  | { kind: 'insert' };

const trackerNames = Object.values(tabNames.tracker).map((name) => name.toLowerCase());
const otherTabNames = (['settings', 'team', 'history', 'report'] as const).flatMap((kind) =>
  Object.values(tabNames[kind]).map((name) => name.toLowerCase()),
);

const hasContent = (sheet: Sheet) => sheet.getLastRow() > 0 || sheet.getLastColumn() > 0;

/**
 * The sheet to set up: the tracker setup recorded; else the active sheet when it holds data
 * (any name, "Opportunities" included: a tab the add-on did not make is adopted like any other,
 * with the team's yes); else a tab named like the tracker that holds data; else the empty active
 * sheet; else a new tab.
 */
export function findSheetToSetUp(spreadsheet: Spreadsheet, recordedId: string | null): SheetChoice {
  const sheets = spreadsheet.getSheets();
  const recorded = recordedId
    ? sheets.find((sheet) => String(sheet.getSheetId()) === recordedId)
    : undefined;
  if (recorded) return { kind: 'ours', sheet: recorded };
  const active = spreadsheet.getActiveSheet();
  const activeName = active.getName().toLowerCase();
  if (hasContent(active) && !otherTabNames.includes(activeName))
    return { kind: 'adopt', sheet: active };
  const named = sheets.find(
    (sheet) => trackerNames.includes(sheet.getName().toLowerCase()) && hasContent(sheet),
  );
  if (named) return { kind: 'adopt', sheet: named };
  if (!hasContent(active) && !otherTabNames.includes(activeName))
    return { kind: 'empty', sheet: active };
  return { kind: 'insert' };
}

/** The tab a new tracker goes in: the empty active sheet renamed, or a new first tab. */
export function sheetForNewTracker(
  spreadsheet: Spreadsheet,
  choice: SheetChoice,
  language: Language,
): Sheet {
  if (choice.kind === 'insert') return spreadsheet.insertSheet(tabNames.tracker[language], 0);
  if (choice.kind === 'empty') {
    const name = tabNames.tracker[language];
    const taken = spreadsheet.getSheets().some((sheet) => sheet.getName() === name);
    if (!taken && choice.sheet.getName() !== name) choice.sheet.setName(name);
  }
  return choice.sheet;
}

/** Everything planning needs, read once: the grid, the settings, the stored reading, the ID counter. */
export interface TrackerState {
  sheet: Sheet;
  grid: SheetGrid;
  settings: Settings;
  settingsFound: boolean;
  stored: ColumnChoices;
  nextId: number;
  properties: Record<string, string>;
}

export function readState(ctx: CallContext, sheet: Sheet): TrackerState {
  const properties = documentProperties()?.getProperties() ?? {};
  const grid = readGrid(sheet, ctx.timeZone);
  const { settings, found } = readSettings(ctx.spreadsheet, ctx.language);
  return {
    sheet,
    grid,
    settings,
    settingsFound: found,
    stored: columnChoicesFrom(properties[columnChoicesKey]),
    nextId: Number(properties[propertyKeys.nextId] ?? '1') || 1,
    properties,
  };
}

export function planFor(
  state: TrackerState,
  language: Language,
  /** The adoption dialog's choices; none outside adoption (then Settings never change). */
  adoption?: AdoptionChoices,
): TrackerPlan {
  const input: TrackerInput = {
    header: state.grid.header,
    rows: state.grid.rows,
    settings: state.settings,
    language,
    stored: state.stored,
    choices: adoption ?? {},
    nextId: state.nextId,
    newSheet: state.grid.width === 0,
    adopting: adoption !== undefined,
  };
  return planTracker(input);
}

export interface Applied {
  addedColumns: number;
  filledIds: number;
  /** Cells written into the tracker by the plan's fills. */
  filledCells: number;
}

/** Progress for a long run, said in a toast (only on big sheets: a toast is a server call). */
export type Progress = (message: string) => void;

/**
 * Carries out a plan: settings, new columns (header, format, width), the fills (missing IDs, the
 * stage column, empty probabilities, won dates), then validation, colours, frozen and protected
 * header, the other tabs and the document properties. Writes only what differs: a re-run
 * writes nothing to the tracker.
 */
export function applyPlan(
  ctx: CallContext,
  state: TrackerState,
  plan: TrackerPlan,
  progress: Progress = () => {},
): Applied {
  const { sheet, grid } = state;
  const spreadsheet = ctx.spreadsheet;

  // 1. Settings first: validation lists come from them.
  const sheets = spreadsheet.getSheets();
  const settingsTab = state.settingsFound
    ? findTab(spreadsheet, 'settings', sheets)
    : ensureTab(
        spreadsheet,
        'settings',
        ctx.language,
        () => settingsRows(plan.settings, ctx.language),
        sheets,
      ).sheet;
  if (state.settingsFound && plan.settingsChanged)
    writeSettings(spreadsheet, plan.settings, ctx.language);

  // 2. New columns at the end: header cells in one write, then their style, formats and widths.
  const width = grid.width;
  const added = plan.add;
  if (added.length > 0) {
    const needed = width + added.length - sheet.getMaxColumns();
    if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
    sheet
      .getRange(1, width + 1, 1, added.length)
      .setValues([added.map((column) => quoteIfRisky(column.header))]);
    styleHeaderCells(sheet, width, added.length);
    formatNewColumns(
      sheet,
      plan.after,
      added.map((column) => column.field),
    );
  }

  // 3. The fills, in as few ranges as the cost model says, never over a formula.
  if (plan.fills.length > 0) progress(ctx.t('progress.writing', { rows: plan.dataRows }));
  const formulas = formulaCells(sheet, width, grid.rows.length);
  let filledCells = 0;
  for (const fill of plan.fills) {
    const kind = fieldByKey[fill.field].kind;
    const existing = fill.column < width;
    const inColumn = existing ? formulas.get(fill.column) : undefined;
    const cells = fill.cells
      .filter(([index]) => !inColumn?.has(index))
      .map(([index, value]): [number, WriteValue] => [index, toSheetValue(kind, value)]);
    const current = (index: number): WriteValue | null => {
      if (!existing) return '';
      if (inColumn?.has(index)) return null;
      return unchanged(grid.raw[index]?.[fill.column] ?? '');
    };
    for (const run of writeRuns(cells, current)) {
      const range = sheet.getRange(firstDataRow + run.start, fill.column + 1, run.values.length, 1);
      if (run.values.length === 1) range.setValue(run.values[0] ?? '');
      else range.setValues(run.values.map((value) => [value]));
    }
    filledCells += cells.length;
  }

  // 4. Validation, colours, frozen and protected header: whole columns, one call each, if needed.
  progress(ctx.t('progress.formatting'));
  // Colours and the protected header stop before the add-on's hidden activity log (kept last).
  const fullWidth = widthBeforeTechnical(plan.after.headers);
  applyValidations(sheet, plan.after, plan.settings, ctx.language);
  applyConditionalFormats(sheet, plan.after, plan.settings, fullWidth);
  protectHeader(sheet, fullWidth);

  // 5. The other tabs, created once with their content in one write each.
  const now = spreadsheet.getSheets();
  const team = ensureTab(spreadsheet, 'team', ctx.language, () => teamRows([], ctx.language), now);
  const history = ensureTab(
    spreadsheet,
    'history',
    ctx.language,
    () => [historyHeader[ctx.language]],
    now,
  );

  // 6. Document properties: only what changed.
  const wanted: Record<string, string> = {
    [propertyKeys.trackerSheetId]: String(sheet.getSheetId()),
    [propertyKeys.historySheetId]: String(history.sheet.getSheetId()),
    [propertyKeys.teamSheetId]: String(team.sheet.getSheetId()),
    // onEdit tells a Settings edit from any other by this ID, without listing the tabs.
    ...(settingsTab ? { [propertyKeys.settingsSheetId]: String(settingsTab.getSheetId()) } : {}),
    [propertyKeys.language]: plan.settings.language,
    [propertyKeys.setUpVersion]: '1',
    [propertyKeys.nextId]: String(plan.nextId),
    [columnChoicesKey]: JSON.stringify(plan.stored),
  };
  const changed = Object.fromEntries(
    Object.entries(wanted).filter(([key, value]) => state.properties[key] !== value),
  );
  if (Object.keys(changed).length > 0) documentProperties()?.setProperties(changed);
  // The same in the file, for the runs that have no document properties (time-driven triggers).
  recordInFile(spreadsheet);
  // A tracker exists now: the menu no longer offers the demo.
  if (changed[propertyKeys.trackerSheetId] !== undefined) refreshMenu();

  // 7. One-row access for the sidebar: the activity log column, and the header layout it caches
  // (written again here, so a changed header or reading never leaves a stale cache behind).
  const formulaFree = new Set<number>();
  for (let column = 0; column < plan.after.headers.length; column += 1) {
    if (column >= width || !formulas.has(column)) formulaFree.add(column);
  }
  prepareRowAccess(sheet, plan.after.headers, plan.rows, plan.after, ctx.language, formulaFree);

  return {
    addedColumns: added.length,
    filledIds: plan.fills.find((fill) => fill.field === 'id')?.cells.length ?? 0,
    filledCells,
  };
}

/** The width up to the last header that is not one of the add-on's technical columns. */
function widthBeforeTechnical(headers: readonly string[]): number {
  let end = headers.length;
  while (end > 0 && isTechnicalHeader(headerText(headers[end - 1]))) end -= 1;
  return end;
}

/** Rewrites the Settings tab with new stages or lost reasons (one clear, one write). */
export function writeSettings(
  spreadsheet: Spreadsheet,
  settings: Settings,
  language: Language,
): void {
  const tab = findTab(spreadsheet, 'settings');
  if (!tab) return;
  const rows = padRows(settingsRows(settings, language));
  tab.clearContents();
  if (rows.length > 0)
    tab.getRange(1, 1, rows.length, rows[0]?.length ?? 1).setValues(cellInputs(rows));
}

/** A sheet from this many data rows on shows its progress in toasts; below, it is quick. */
export const progressFromRows = 1000;

/** Toasts for long work: only on a sheet big enough for the user to wait. */
export function progressFor(ctx: CallContext, rows: number, title: string): Progress {
  if (rows < progressFromRows) return () => {};
  return (message) => ctx.spreadsheet.toast(message, title, 30);
}

/** Reads, plans and applies: the one path set up, adoption and repair share. */
export function setUpSheet(
  ctx: CallContext,
  sheet: Sheet,
  title: string,
  /** The adoption dialog's choices; none for set up again, Check & repair and the demo. */
  adoption?: AdoptionChoices,
): { state: TrackerState; plan: TrackerPlan; applied: Applied; progress: Progress } {
  const state = readState(ctx, sheet);
  const progress = progressFor(ctx, state.grid.rows.length, title);
  progress(ctx.t('progress.reading', { rows: state.grid.rows.length }));
  const plan = planFor(state, ctx.language, adoption);
  const applied = applyPlan(ctx, state, plan, progress);
  return { state, plan, applied, progress };
}

/** The done message: the same count of rows with problems that Check & repair reports. */
export function doneMessage(ctx: CallContext, sheet: Sheet, plan: TrackerPlan, applied: Applied) {
  return ctx.t('setup.done', {
    sheet: sheet.getName(),
    added: applied.addedColumns,
    ids: applied.filledIds,
    issues: rowsWithProblems(plan.issues),
  });
}
