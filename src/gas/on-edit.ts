// Records what people type in the grid: stage moves and close-date changes go to History, rows get stamped.

import { mapColumns } from '../domain/columns';
import type { LocalDate } from '../domain/dates';
import type { FieldKey } from '../domain/fields';
import type { Cell, HistoryEvent, Settings } from '../domain/model';
import { canonicalStage, cellToText, parseDateCell, parseRow } from '../domain/parse-row';
import { toDomainRow } from './cells';
import { activeContext, type CallContext, withDocumentLock } from './context';
import { documentProperties, propertyKeys } from './properties';
import { appendHistory, findTab, historyRow, readHistory, readSettings } from './tabs';
import { contiguousRuns } from './tracker';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Fields whose changes History keeps when they are typed in the grid. */
const recorded: readonly FieldKey[] = ['stage', 'closeDate'];

/**
 * Runs for a user's edit (never a script's). Cost is a small constant: the header row, the edited
 * rows, the Settings tab, History only for a multi-cell paste, one write per stamped run.
 */
export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e.range;
  const sheet = range.getSheet();
  const trackerId = documentProperties()?.getProperty(propertyKeys.trackerSheetId);
  if (!trackerId || String(sheet.getSheetId()) !== trackerId) return;
  const top = Math.max(range.getRow(), 2);
  const bottom = range.getRow() + range.getNumRows() - 1;
  if (bottom < 2) return;
  const width = sheet.getLastColumn();
  const firstColumn = range.getColumn() - 1;
  const lastColumn = firstColumn + range.getNumColumns() - 1;

  const ctx = activeContext(e.source);
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
  const columns = mapColumns(toDomainRow(header, ctx.timeZone));
  const touched = (Object.entries(columns.byField) as Array<[FieldKey, number]>)
    .filter(([, column]) => column >= firstColumn && column <= lastColumn)
    .map(([field]) => field);
  if (touched.length === 0) return;

  const rows = sheet
    .getRange(top, 1, bottom - top + 1, width)
    .getValues()
    .map((row) => toDomainRow(row, ctx.timeZone));
  const { settings } = readSettings(ctx.spreadsheet, ctx.language);
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  const watch = touched.filter((field) => recorded.includes(field));
  const history = findTab(ctx.spreadsheet, 'history');
  const lastKnown =
    !single && watch.length > 0 ? lastRecordedValues(history, ctx.timeZone) : new Map();

  const events: HistoryEvent[] = [];
  const stamps: Array<{ row: number; field: FieldKey; value: string | number | boolean }> = [];
  const flagged: string[] = [];
  rows.forEach((cells, i) => {
    const row = top + i;
    const id = cellToText(cells[columns.byField.id ?? -1]).trim();
    if (!id && cells.every((cell) => cellToText(cell).trim() === '')) return;
    for (const field of watch) {
      const now = cells[columns.byField[field] ?? -1] ?? '';
      const before = single ? (e.oldValue ?? '') : (lastKnown.get(`${id}|${field}`) ?? '');
      const change = describeChange(field, before, now, settings);
      if (!change) continue;
      events.push({
        at: ctx.now.dateTime,
        user: ctx.user,
        dealId: id,
        field,
        old: change.old,
        new: change.new,
      });
      if (field === 'stage')
        stamps.push(...stageStamps(row, change.new, cells, columns.byField, settings, ctx));
    }
    stamps.push({ row, field: 'updated', value: ctx.now.dateTime.replace('T', ' ') });
    const parsed = parseRow(cells, columns, settings, row);
    const problems = parsed.issues
      .filter((issue) => touched.includes(issue.field) || issue.problem === 'lostWithoutReason')
      .map((issue) => `${issue.column}: ${ctx.t(`problem.${issue.problem}`)}`);
    if (problems.length)
      flagged.push(ctx.t('edit.flagged', { row, problems: problems.join('; ') }));
  });

  writeStamps(sheet, columns.byField, stamps);
  if (events.length > 0 && history) {
    const locked = withDocumentLock(5_000, () => appendHistory(history, events));
    // Without the lock, appendRow is still atomic: two editors never overwrite each other's lines.
    if (!locked.ok) for (const event of events) history.appendRow(historyRow(event));
  }
  if (flagged.length > 0)
    ctx.spreadsheet.toast(flagged.slice(0, 3).join('\n'), ctx.t('addon.name'), 8);
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

/** Moving a stage by hand stamps "in stage since", and "closed on" when it closes the deal. */
function stageStamps(
  row: number,
  stageName: string,
  cells: readonly Cell[],
  byField: Partial<Record<FieldKey, number>>,
  settings: Settings,
  ctx: CallContext,
): Array<{ row: number; field: FieldKey; value: string }> {
  const stamps: Array<{ row: number; field: FieldKey; value: string }> = [
    { row, field: 'stageEntered', value: ctx.now.date },
  ];
  const stage = settings.stages.find((s) => s.name === stageName);
  const closedOn = cells[byField.closedOn ?? -1];
  if (stage && stage.kind !== 'open' && cellToText(closedOn ?? '').trim() === '') {
    stamps.push({ row, field: 'closedOn', value: ctx.now.date as LocalDate });
  }
  return stamps;
}

/** Stamps go out as few writes as possible: each field's rows, grouped into contiguous runs. */
function writeStamps(
  sheet: Sheet,
  byField: Partial<Record<FieldKey, number>>,
  stamps: ReadonlyArray<{ row: number; field: FieldKey; value: string | number | boolean }>,
): void {
  const byColumn = new Map<number, Array<{ at: number; value: string | number | boolean }>>();
  for (const stamp of stamps) {
    const column = byField[stamp.field];
    if (column === undefined) continue;
    const list = byColumn.get(column) ?? [];
    list.push({ at: stamp.row, value: stamp.value });
    byColumn.set(column, list);
  }
  for (const [column, cells] of byColumn) {
    for (const run of contiguousRuns(cells)) {
      sheet
        .getRange(run.start, column + 1, run.values.length, 1)
        .setValues(run.values.map((value) => [value]));
    }
  }
}

/** The last stage and close date History recorded per deal: the "old value" of a multi-cell paste. */
function lastRecordedValues(history: Sheet | null, timeZone: string): Map<string, string> {
  const last = new Map<string, string>();
  for (const event of readHistory(history, timeZone)) {
    if (recorded.includes(event.field as FieldKey))
      last.set(`${event.dealId}|${event.field}`, event.new);
  }
  return last;
}
