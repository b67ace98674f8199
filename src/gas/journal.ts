// History lines a write could not append: kept in a document property until the next execution appends them.

import { historyLines } from '../domain/history-lines';
import type { HistoryEvent } from '../domain/model';
import { documentProperties, journalPrefix } from './properties';
import { findTab, historyRow } from './tabs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Appends an action's History, one appendRow per line (atomic: two people saving at once never
 * share a row; one line per action, see historyLines),
 * outside the document lock: the deal's row is already written, so History is the only thing left.
 * A failed append is retried once; if it fails again, the lines are kept in a document property
 * and the next execution of any kind appends them before doing anything else (recoverJournal).
 * Returns false when the lines had to wait, so the answer can say so.
 */
export function appendHistoryLines(
  spreadsheet: Spreadsheet | null,
  events: readonly HistoryEvent[],
): boolean {
  if (events.length === 0) return true;
  const lines = historyLines(events).map(historyRow);
  let appended = 0;
  try {
    const history = spreadsheet ? findTab(spreadsheet, 'history') : null;
    if (!history) return true;
    for (const line of lines) {
      appendOnce(history, line);
      appended += 1;
    }
    return true;
  } catch (error) {
    keep(lines.slice(appended), error);
    return false;
  }
}

function appendOnce(history: GoogleAppsScript.Spreadsheet.Sheet, line: string[]): void {
  try {
    history.appendRow(line);
  } catch {
    history.appendRow(line);
  }
}

function keep(lines: string[][], error: unknown): void {
  console.error(
    `History lines kept for later: ${error instanceof Error ? error.message : String(error)}`,
  );
  const key = `${journalPrefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const text = JSON.stringify(lines);
  try {
    documentProperties()?.setProperty(key, text);
  } catch {
    // Google refused twice in a row: one more try, then the lines are only in the executions log.
    try {
      documentProperties()?.setProperty(key, text);
    } catch (again) {
      console.error(`History lines lost: ${text} (${String(again)})`);
    }
  }
}

/** True when an earlier execution left History lines behind (free: the property snapshot is read anyway). */
export function hasJournal(): boolean {
  const store = documentProperties();
  return !!store && Object.keys(store.getProperties()).some((key) => key.startsWith(journalPrefix));
}

/**
 * Appends History lines an earlier execution left behind, oldest first. The caller holds the
 * document lock, so two executions never append the same lines; after each line the property
 * keeps only what is left, so a failure midway never appends a line twice. Returns the lines
 * appended; a failure is logged and the rest waits for the next execution.
 */
export function recoverJournal(spreadsheet: Spreadsheet): number {
  const store = documentProperties();
  if (!store) return 0;
  const keys = Object.keys(store.getProperties())
    .filter((key) => key.startsWith(journalPrefix))
    .sort();
  const history = keys.length > 0 ? findTab(spreadsheet, 'history') : null;
  let recovered = 0;
  try {
    for (const key of keys) {
      const lines = parseLines(store.getProperty(key));
      while (history && lines.length > 0) {
        history.appendRow(lines[0] as string[]);
        lines.shift();
        recovered += 1;
        if (lines.length > 0) store.setProperty(key, JSON.stringify(lines));
      }
      store.deleteProperty(key);
    }
  } catch (error) {
    console.error(
      `History lines not recovered yet: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return recovered;
}

function parseLines(text: string | null): string[][] {
  try {
    const value = JSON.parse(text ?? '[]') as unknown;
    return Array.isArray(value)
      ? value.filter(Array.isArray).map((line) => (line as unknown[]).map(String))
      : [];
  } catch {
    return [];
  }
}

/**
 * The first thing of an entrypoint that may touch the spreadsheet (menu items, triggers, onOpen
 * outside AuthMode.NONE): History lines an earlier execution left behind are appended under the
 * document lock. Never throws: a failure leaves them for the next execution.
 */
export function finishEarlierWork(spreadsheet: Spreadsheet | null): void {
  try {
    if (!spreadsheet || !hasJournal()) return;
    const lock = LockService.getDocumentLock();
    if (!lock?.tryLock(5_000)) return;
    try {
      recoverJournal(spreadsheet);
    } finally {
      lock.releaseLock();
    }
  } catch (error) {
    console.error(`Recovering History lines failed: ${String(error)}`);
  }
}
