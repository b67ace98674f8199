// The team's confirmed reading of the tracker's header, for every reader: document properties, else the file.

import { type ColumnChoices, columnChoicesFrom } from '../domain/columns';
import { columnChoicesKey, knownFileRecord, readFileRecord } from './file-record';
import { documentProperties } from './properties';

/** Where adoption keeps the readings matching alone would not give (see ColumnChoices). */
export { columnChoicesKey };

/**
 * The stored reading: the document property (free: read with the others), or, in a run that has
 * no document properties (a time-driven trigger), the copy the file keeps (one call, once).
 */
export function storedColumnChoices(
  spreadsheet?: () => GoogleAppsScript.Spreadsheet.Spreadsheet,
): ColumnChoices {
  const store = documentProperties();
  if (store) return columnChoicesFrom(store.getProperty(columnChoicesKey));
  const record = knownFileRecord() ?? (spreadsheet ? readFileRecord(spreadsheet()) : null);
  return record?.choices ?? {};
}
