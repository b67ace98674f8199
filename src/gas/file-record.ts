// The tracker's identity and column reading kept in the file itself, for runs without document properties.

import { type ColumnChoices, columnChoicesFrom } from '../domain/columns';
import { documentProperties, propertyKeys } from './properties';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * What set up and adoption decided: which tab is the tracker (and its Settings, Team and History
 * tabs), and what the team said each column means. Document properties hold the same for the
 * runs that have them (menu, sidebar, grid edits); a time-driven run (the hourly reminders and the
 * morning Metrics refresh, under whoever turned reminders on) has none, so the file keeps a copy
 * as developer metadata, which every execution that opens the file can read.
 */
export interface FileRecord {
  tracker: string;
  settings?: string;
  team?: string;
  history?: string;
  /** The generated tabs, recorded by whichever execution created them (a trigger included). */
  metrics?: string;
  snapshots?: string;
  choices: ColumnChoices;
}

type TabKey = 'settings' | 'team' | 'history' | 'metrics' | 'snapshots';
const tabKeys: readonly TabKey[] = ['settings', 'team', 'history', 'metrics', 'snapshots'];

/** The metadata key (project-visible: other scripts on the file do not see it). */
export const fileRecordKey = 'opportunityTracker.tracker';
/** The document property holding the record as last written, so writers need not read it back. */
const writtenKey = 'tracker.fileRecord';
/** The column choices' document property (column-choices.ts reads it). */
export const columnChoicesKey = 'tracker.columnChoices';

let memo: { id: string; record: FileRecord | null } | null = null;

/** The record as the file keeps it (one call per execution); null when none was written. */
export function readFileRecord(spreadsheet: Spreadsheet): FileRecord | null {
  const id = spreadsheet.getId();
  if (memo?.id === id) return memo.record;
  const entry = ownEntries(spreadsheet)[0];
  memo = { id, record: parseRecord(entry?.getValue() ?? null) };
  return memo.record;
}

/** The record read earlier in this execution, if any (no call). */
export function knownFileRecord(): FileRecord | null {
  return memo?.record ?? null;
}

/**
 * Writes the record the document properties describe into the file, when it differs from what
 * was last written there (one property read, free in an execution that read them; one metadata
 * read and write only when something changed).
 */
export function recordInFile(spreadsheet: Spreadsheet): void {
  const store = documentProperties();
  const tracker = store?.getProperty(propertyKeys.trackerSheetId);
  if (!store || !tracker) return;
  const record: FileRecord = {
    tracker,
    ...optional('settings', store.getProperty(propertyKeys.settingsSheetId)),
    ...optional('team', store.getProperty(propertyKeys.teamSheetId)),
    ...optional('history', store.getProperty(propertyKeys.historySheetId)),
    choices: columnChoicesFrom(store.getProperty(columnChoicesKey)),
  };
  const text = JSON.stringify(record);
  if (store.getProperty(writtenKey) === text) return;
  const entries = ownEntries(spreadsheet);
  // The generated tabs' IDs are the file's own knowledge (a trigger may have made the tab).
  const kept = parseRecord(entries[0]?.getValue() ?? null);
  const merged: FileRecord = {
    ...record,
    ...optional('metrics', kept?.metrics ?? null),
    ...optional('snapshots', kept?.snapshots ?? null),
  };
  write(spreadsheet, entries, merged);
  store.setProperty(writtenKey, text);
}

/**
 * Records the sheet ID of a tab the add-on generated (Metrics, Snapshots), so any later run, a
 * time-driven one included, finds it by ID and never takes a tab of someone's that has its name.
 * Nothing happens before set up has recorded the tracker.
 */
export function recordTabInFile(
  spreadsheet: Spreadsheet,
  kind: 'metrics' | 'snapshots',
  sheetId: number,
): void {
  const entries = ownEntries(spreadsheet);
  const record = parseRecord(entries[0]?.getValue() ?? null);
  if (!record || record[kind] === String(sheetId)) return;
  write(spreadsheet, entries, { ...record, [kind]: String(sheetId) });
}

function write(
  spreadsheet: Spreadsheet,
  entries: GoogleAppsScript.Spreadsheet.DeveloperMetadata[],
  record: FileRecord,
): void {
  const [first, ...extra] = entries;
  const text = JSON.stringify(record);
  if (first) first.setValue(text);
  else
    spreadsheet.addDeveloperMetadata(
      fileRecordKey,
      text,
      SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
    );
  for (const entry of extra) entry.remove();
  memo = { id: spreadsheet.getId(), record };
}

function ownEntries(spreadsheet: Spreadsheet): GoogleAppsScript.Spreadsheet.DeveloperMetadata[] {
  return spreadsheet.getDeveloperMetadata().filter((entry) => entry.getKey() === fileRecordKey);
}

function optional(key: TabKey, value: string | null | undefined) {
  return value ? { [key]: value } : {};
}

function parseRecord(text: string | null): FileRecord | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<Record<keyof FileRecord, unknown>>;
    if (typeof value.tracker !== 'string' || value.tracker === '') return null;
    const ids = tabKeys.map((key) =>
      optional(key, typeof value[key] === 'string' ? value[key] : null),
    );
    return {
      tracker: value.tracker,
      ...Object.assign({}, ...ids),
      choices: columnChoicesFrom(JSON.stringify(value.choices ?? {})),
    };
  } catch {
    return null;
  }
}
