// What set up, adopt and repair leave behind for one-row access: the activity column, the cached layout, the ID counter.

import { encodeActivity } from '../domain/activity';
import type { ColumnMap } from '../domain/columns';
import { headerText } from '../domain/columns';
import type { Language } from '../domain/i18n';
import { idNumber } from '../domain/ids';
import type { Cell } from '../domain/model';
import { cellToText, parseDateCell } from '../domain/parse-row';
import { quoteIfRisky } from './cells';
import { documentProperties, propertyKeys } from './properties';
import { firstDataRow } from './tracker';
import { activityHeader, rememberLayout, storedLayout } from './tracker-layout';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Run at the end of set up, adopt and repair, which read every row anyway:
 * - the activity log column exists (last, hidden: it is the add-on's, History is the readable
 *   record) and every deal has its cell, naming the deal (the anchor writes check);
 * - the layout is cached with the columns known to hold no formula (`formulaFree`: the columns
 *   set up just created, plus existing ones a formula scan found clean);
 * - the ID counter is above every generated ID in the sheet, so a new deal never reuses one.
 * Re-running changes nothing: existing activity cells are kept as they are.
 */
export function prepareRowAccess(
  sheet: Sheet,
  headers: readonly Cell[],
  rows: readonly (readonly Cell[])[],
  columns: ColumnMap,
  language: Language,
  formulaFree: ReadonlySet<number>,
): void {
  const texts = headers.map((cell) => headerText(cell));
  let width = lastHeader(texts);
  const names = Object.values(activityHeader).map((name) => name.toLowerCase());
  let activity = texts.findIndex((text) => names.includes(text.trim().toLowerCase()));
  const plain = new Set(formulaFree);
  if (activity < 0) {
    activity = width;
    width += 1;
    if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
    sheet.getRange(1, activity + 1).setValue(activityHeader[language]);
    sheet.hideColumns(activity + 1);
    texts[activity] = activityHeader[language];
    plain.add(activity);
  }
  const idColumn = columns.byField.id;
  const stageColumn = columns.byField.stage;
  const closeColumn = columns.byField.closeDate;
  if (idColumn !== undefined) {
    let last = -1;
    const cells = rows.map((row, i) => {
      const current = row[activity];
      const id = cellToText(row[idColumn]).trim();
      if (id) last = i;
      if (current !== undefined && current !== '') return [current as string];
      if (!id) return [''];
      const stage = stageColumn === undefined ? '' : cellToText(row[stageColumn]).trim();
      const close = closeColumn === undefined ? null : parseDateCell(row[closeColumn] ?? '');
      return [
        quoteIfRisky(
          encodeActivity({
            id,
            events: [],
            last: { ...(stage ? { stage } : {}), ...(close ? { closeDate: close } : {}) },
          }),
        ),
      ];
    });
    const changed = cells.some((cell, i) => cell[0] !== (rows[i]?.[activity] ?? ''));
    if (last >= 0 && changed)
      sheet.getRange(firstDataRow, activity + 1, last + 1, 1).setValues(cells.slice(0, last + 1));
    raiseIdCounter(rows.map((row) => cellToText(row[idColumn]).trim()));
  }
  rememberLayout(sheet, texts.slice(0, width), storedLayout(), documentProperties(), plain);
}

/** Raises the stored ID counter above every generated ID given (a new deal never reuses one). */
export function raiseIdCounter(ids: readonly string[]): void {
  const store = documentProperties();
  if (!store) return;
  let next = Math.max(1, Number(store.getProperty(propertyKeys.nextId) ?? '1') || 1);
  const stored = next;
  for (const id of ids) {
    const n = idNumber(id);
    if (n !== null && n >= next) next = n + 1;
  }
  if (next !== stored || store.getProperty(propertyKeys.nextId) === null)
    store.setProperty(propertyKeys.nextId, String(next));
}

function lastHeader(texts: readonly string[]): number {
  let end = texts.length;
  while (end > 0 && (texts[end - 1] ?? '').trim() === '') end -= 1;
  return end;
}
