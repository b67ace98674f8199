// Records what people type in the grid: stage moves and close-date changes go to History, rows get stamped.

import { type Activity, decodeActivity, encodeActivity, withEvents } from '../domain/activity';
import { isLocalDate, type LocalDate } from '../domain/dates';
import { formatDate } from '../domain/email-text';
import type { FieldKey } from '../domain/fields';
import { isClosePush, stageKindOf, stageOf } from '../domain/follow-up';
import type { Cell, HistoryEvent, Settings } from '../domain/model';
import { canonicalStage, cellToText, parseDateCell, parseRow } from '../domain/parse-row';
import { problemSentence } from '../domain/problems';
import { quoteIfRisky, type SheetValue, toDomainRow } from './cells';
import { activeContext, type CallContext, withDocumentLock } from './context';
import { anchored, applyRowWrites, idIn, rowWrites } from './deal-row';
import { appendHistoryLines, finishEarlierWork } from './journal';
import { documentProperties, propertyKeys } from './properties';
import { raiseIdCounter } from './row-access';
import { loadSettings, refreshSettingsCache } from './settings-cache';
import { appendHistory, findTab } from './tabs';
import { contiguousRuns } from './tracker';
import {
  forgetLayout,
  markFormulaColumns,
  relearnLayout,
  type TrackerLayout,
  trackerLayout,
} from './tracker-layout';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Fields whose changes History keeps when they are typed in the grid. */
const recorded: readonly FieldKey[] = ['stage', 'closeDate'];

/** More History lines than this go in one locked block write instead of one appendRow each. */
const appendRowLimit = 3;

/**
 * Runs for a user's edit (never a script's). Cost is a small constant: the property snapshot, the
 * edited rows (nothing else: the header and Settings come from their caches, the old values of a
 * paste from each row's activity log), one write per row (or per column for a paste), History.
 */
export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e.range;
  const sheet = range.getSheet();
  const store = documentProperties();
  const sheetId = String(sheet.getSheetId());
  const ctx = activeContext(e.source);
  finishEarlierWork(ctx.spreadsheet);
  if (sheetId !== store?.getProperty(propertyKeys.trackerSheetId)) {
    // A changed setting (language, stages...) applies at the sidebar's next call. The tabs are
    // listed only for a file set up before the Settings tab's ID was recorded.
    const settingsId = store?.getProperty(propertyKeys.settingsSheetId);
    if (settingsId ? sheetId === settingsId : isSettingsTab(ctx, sheet))
      refreshSettingsCache(ctx.spreadsheet, ctx.language);
    return;
  }
  if (range.getRow() === 1) {
    // A header typed over: where the columns are is learned again on next use.
    forgetLayout(store);
    if (range.getNumRows() === 1) return;
  }
  const layout = trackerLayout(sheet);
  if (!layout) return;
  recordEdit(e, ctx, layout);
}

function isSettingsTab(ctx: CallContext, sheet: Sheet): boolean {
  return findTab(ctx.spreadsheet, 'settings')?.getSheetId() === sheet.getSheetId();
}

function recordEdit(
  e: GoogleAppsScript.Events.SheetsOnEdit,
  ctx: CallContext,
  layout: TrackerLayout,
  relearned = false,
): void {
  const range = e.range;
  const sheet = layout.sheet;
  const top = Math.max(range.getRow(), 2);
  const bottom = range.getRow() + range.getNumRows() - 1;
  const firstColumn = range.getColumn() - 1;
  const lastColumn = firstColumn + range.getNumColumns() - 1;
  const columns = layout.columns;
  const touched = (Object.entries(columns.byField) as Array<[FieldKey, number]>)
    .filter(([, column]) => column >= firstColumn && column <= lastColumn)
    .map(([field]) => field);
  noteFormulas(range, layout, firstColumn, lastColumn);
  if (touched.length === 0 || bottom < top) return;

  const width = Math.max(layout.headers.length, 1);
  const raw = readRows(sheet, top, bottom - top + 1, width);
  if (!raw || raw.some((values) => !anchored(layout, values, idIn(layout, values)))) {
    // Columns inserted or deleted by hand since the layout was cached (no event says so): the
    // edit is read again against the header as it is now, before anything is written.
    if (!relearned) recordEdit(e, ctx, relearnLayout(sheet), true);
    if (!relearned || !raw) return;
  }
  const { settings } = loadSettings(ctx.spreadsheet, ctx.language);
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  const watch = touched.filter((field) => recorded.includes(field));

  const events: HistoryEvent[] = [];
  const writes: Array<{ row: number; column: number; value: SheetValue }> = [];
  const flagged: string[] = [];
  const typedIds: string[] = [];
  raw.forEach((values, i) => {
    const row = top + i;
    const cells = toDomainRow(values, ctx.timeZone);
    const id = cellToText(cells[columns.byField.id ?? -1]).trim();
    if (!id && cells.every((cell) => cellToText(cell).trim() === '')) return;
    const activity: Activity = decodeActivity(
      layout.activity === null ? '' : values[layout.activity],
      id,
    );
    // A deal typed by hand (or copied from another row) gets its own activity cell: its anchor.
    const unanchored = !anchored(layout, values, id);
    const rowEvents: HistoryEvent[] = [];
    const stamps: Partial<Record<FieldKey, SheetValue>> = {};
    for (const field of watch) {
      const now = cells[columns.byField[field] ?? -1] ?? '';
      const before = single
        ? (e.oldValue ?? '')
        : (activity.last[field as 'stage' | 'closeDate'] ?? '');
      const change = describeChange(field, before, now, settings);
      if (!change) continue;
      if (field === 'closeDate' && closeDatePassed(change.new, cells, columns, settings, ctx))
        flagged.push(
          ctx.t('edit.closePassed', {
            row,
            date: formatDate(change.new as LocalDate, ctx.language),
          }),
        );
      rowEvents.push({
        at: ctx.now.dateTime,
        user: ctx.user,
        dealId: id,
        field,
        old: change.old,
        new: change.new,
      });
      if (field === 'stage')
        Object.assign(stamps, stageStamps(change, cells, layout, settings, ctx));
      if (field === 'closeDate' && isClosePush(rowEvents[rowEvents.length - 1] as HistoryEvent)) {
        // The row's count of pushes is what the sidebar and reminders read (not History).
        const pushes = cells[columns.byField.closePushes ?? -1];
        stamps.closePushes = (typeof pushes === 'number' ? pushes : 0) + 1;
      }
    }
    stamps.updated = ctx.now.dateTime.replace('T', ' ');
    for (const [field, value] of Object.entries(stamps) as Array<[FieldKey, SheetValue]>) {
      const column = columns.byField[field];
      if (column !== undefined) writes.push({ row, column, value });
    }
    if ((rowEvents.length > 0 || unanchored) && id && layout.activity !== null) {
      writes.push({
        row,
        column: layout.activity,
        value: quoteIfRisky(encodeActivity(withEvents(activity, rowEvents))),
      });
    }
    events.push(...rowEvents);
    if (id) typedIds.push(id);
    const parsed = parseRow(cells, columns, settings, row);
    const problems = parsed.issues
      .filter((issue) => touched.includes(issue.field) || issue.problem === 'lostWithoutReason')
      .map((issue) => problemSentence(issue, ctx.language));
    if (problems.length)
      flagged.push(ctx.t('edit.flagged', { row, problems: problems.join('; ') }));
  });

  writeCells(layout, raw[0] ?? [], writes);
  // An ID typed or pasted in the grid: the counter moves above it, so no new deal reuses it.
  if (touched.includes('id')) raiseIdCounter(typedIds);
  appendEvents(ctx, events);
  if (flagged.length > 0)
    ctx.spreadsheet.toast(flagged.slice(0, 3).join('\n'), ctx.t('addon.name'), 8);
}

/** The edited rows, or null when the cached header is wider than the sheet (a column deleted). */
function readRows(sheet: Sheet, top: number, rows: number, width: number): unknown[][] | null {
  try {
    return sheet.getRange(top, 1, rows, width).getValues();
  } catch {
    return null;
  }
}

/** A formula typed or pasted into a column the add-on rewrites as values: never again. */
function noteFormulas(
  range: GoogleAppsScript.Spreadsheet.Range,
  layout: TrackerLayout,
  firstColumn: number,
  lastColumn: number,
): void {
  let plain = false;
  for (let c = firstColumn; c <= lastColumn && !plain; c += 1) plain = layout.plainColumns.has(c);
  if (!plain) return;
  const formulas = range.getFormulas();
  const columns = new Set<number>();
  for (const row of formulas)
    row.forEach((formula, i) => {
      if (formula !== '') columns.add(firstColumn + i);
    });
  if (columns.size > 0) markFormulaColumns(layout, [...columns]);
}

/** A close date typed into an open deal that is already behind us: almost always a typo. */
function closeDatePassed(
  typed: string,
  cells: readonly Cell[],
  columns: TrackerLayout['columns'],
  settings: Settings,
  ctx: CallContext,
): boolean {
  const stage = cellToText(cells[columns.byField.stage ?? -1] ?? '').trim();
  return isLocalDate(typed) && typed < ctx.now.date && stageKindOf(settings, stage) === 'open';
}

/** A recorded change in the words History uses (canonical stage names, yyyy-mm-dd dates), or null. */
export function describeChange(
  field: FieldKey,
  before: Cell | string,
  after: Cell,
  settings: Settings,
): { old: string; new: string } | null {
  if (field === 'stage') {
    const text = (cell: Cell | string) => {
      const raw = cellToText(cell as Cell).trim();
      return canonicalStage(raw, settings) ?? raw;
    };
    const [old, next] = [text(before), text(after)];
    return old === next ? null : { old, new: next };
  }
  const date = (cell: Cell | string) => {
    const parsed = parseDateCell(
      typeof cell === 'string' && /^\d+(\.\d+)?$/.test(cell) ? Number(cell) : (cell as Cell),
    );
    return parsed ?? cellToText(cell as Cell).trim();
  };
  const [old, next] = [date(before), date(after)];
  return old === next ? null : { old, new: next };
}

/**
 * Moving a stage by hand stamps "in stage since", "closed on" when it closes the deal, and the
 * probability when it still followed the old stage (empty, or the old stage's own figure).
 */
function stageStamps(
  change: { old: string; new: string },
  cells: readonly Cell[],
  layout: TrackerLayout,
  settings: Settings,
  ctx: CallContext,
): Partial<Record<FieldKey, SheetValue>> {
  const byField = layout.columns.byField;
  const stamps: Partial<Record<FieldKey, SheetValue>> = { stageEntered: ctx.now.date };
  const to = stageOf(settings, change.new);
  const from = stageOf(settings, change.old);
  const closedOn = cells[byField.closedOn ?? -1];
  if (to && to.kind !== 'open' && cellToText(closedOn ?? '').trim() === '') {
    stamps.closedOn = ctx.now.date as LocalDate;
  }
  const probability = cells[byField.probability ?? -1];
  const current = typeof probability === 'number' ? probability : null;
  const followed =
    cellToText(probability ?? '').trim() === '' ||
    (from !== undefined &&
      current !== null &&
      (current === from.probability || current * 100 === from.probability));
  if (to && followed) stamps.probability = to.probability;
  return stamps;
}

/** One write for a typed cell's row (see rowWrites); a paste over many rows writes each column's runs. */
function writeCells(
  layout: TrackerLayout,
  firstRowValues: readonly unknown[],
  writes: ReadonlyArray<{ row: number; column: number; value: SheetValue }>,
): void {
  const rows = new Set(writes.map((write) => write.row));
  if (rows.size === 1) {
    const row = writes[0]?.row ?? 0;
    const cells = new Map(writes.map((write) => [write.column, write.value]));
    applyRowWrites(layout, row, rowWrites(layout, firstRowValues, cells), firstRowValues);
    return;
  }
  const byColumn = new Map<number, Array<{ at: number; value: SheetValue }>>();
  for (const write of writes) {
    const list = byColumn.get(write.column) ?? [];
    list.push({ at: write.row, value: write.value });
    byColumn.set(write.column, list);
  }
  for (const [column, cells] of byColumn) {
    for (const run of contiguousRuns(cells)) {
      layout.sheet
        .getRange(run.start, column + 1, run.values.length, 1)
        .setValues(run.values.map((value) => [value]));
    }
  }
}

/** A few lines go one atomic appendRow each; a big paste's lines go in one block under the lock. */
function appendEvents(ctx: CallContext, events: readonly HistoryEvent[]): void {
  if (events.length === 0) return;
  if (events.length > appendRowLimit) {
    // A pasted block: one write under the lock instead of an appendRow per line.
    const history = findTab(ctx.spreadsheet, 'history');
    if (!history) return;
    try {
      if (withDocumentLock(5_000, () => appendHistory(history, events)).ok) return;
    } catch {
      // Appended line by line below, and kept for the next execution if that fails too.
    }
  }
  // Stage and close-date changes get a line each (historyLines), retried, else kept for later.
  appendHistoryLines(ctx.spreadsheet, events);
}
