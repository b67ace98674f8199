// Optional column groups (scoring checklist, contact details...) added the first time a save needs them.

import { groupFields, type OptionalGroup, optionalGroups } from '../domain/column-groups';
import { type ColumnMap, headerFor } from '../domain/columns';
import type { FieldKey } from '../domain/fields';
import type { Language } from '../domain/i18n';
import type { Settings } from '../domain/model';
import { quoteIfRisky } from './cells';
import { formatNewColumns, styleHeaderCells, validationFor } from './sheet-format';
import { relearnLayout, type TrackerLayout } from './tracker-layout';

/** The optional groups whose columns a save needs and the tracker lacks. */
export function groupsToAdd(layout: TrackerLayout, fields: Iterable<FieldKey>): OptionalGroup[] {
  const needed = new Set<OptionalGroup>();
  for (const field of fields) {
    if (layout.columns.byField[field] !== undefined) continue;
    const group = optionalGroups.find((name) => groupFields[name].includes(field));
    if (group) needed.add(group);
  }
  return [...needed];
}

/**
 * Adopting a tracker adds only the columns the daily work needs; a group a team did not tick is
 * added here the first time a save has something for it (ticking the scoring checklist, logging
 * a call with its summary), so nothing the seller typed goes nowhere. The group's missing columns
 * go at the end, with the header style, formats, widths and validation set up would give them.
 * This costs a handful of calls once per group and file; the layout is learned again after.
 */
export function addGroups(
  layout: TrackerLayout,
  groups: readonly OptionalGroup[],
  settings: Settings,
  language: Language,
): TrackerLayout {
  const sheet = layout.sheet;
  const fields = groups
    .flatMap((group) => groupFields[group])
    .filter((field) => layout.columns.byField[field] === undefined);
  if (fields.length === 0) return layout;
  const width = sheet.getLastColumn();
  const extra = width + fields.length - sheet.getMaxColumns();
  if (extra > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), extra);
  sheet
    .getRange(1, width + 1, 1, fields.length)
    .setValues([fields.map((field) => quoteIfRisky(headerFor(field, language)))]);
  styleHeaderCells(sheet, width, fields.length);
  const added: ColumnMap = {
    byField: Object.fromEntries(fields.map((field, i) => [field, width + i])),
    headers: [],
    unmapped: [],
    duplicates: [],
    missing: [],
  };
  formatNewColumns(sheet, added, fields);
  const rows = sheet.getMaxRows() - 1;
  if (rows > 0) {
    fields.forEach((field, i) => {
      const rule = validationFor(field, settings, language);
      if (rule) sheet.getRange(2, width + i + 1, rows, 1).setDataValidation(rule);
    });
  }
  // New empty columns hold no formula: rewritable like the rest of the add-on's own columns.
  return relearnLayout(sheet, undefined, undefined, new Set(fields.map((_, i) => width + i)));
}
