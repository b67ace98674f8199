// History lines: one per action a person took, its main change in the columns and the rest beside it.

import type { HistoryEvent } from './model';

/** A History line: the main change, and the other fields the same action changed, as text. */
export interface HistoryLine {
  event: HistoryEvent;
  /** "amount: 0 → 5000; closedOn: → 2026-11-26" ('' when the action changed one field). */
  also: string;
}

/** Which change of an action names its line: what the metrics and counts read from History. */
const mainFields = ['stage', 'closeDate', 'created', 'interaction', 'review'];

/**
 * The lines for one action's events (a move to Won changes the stage, the amount and the closing
 * date): one line, so a save appends History in one atomic call. Stage moves and close-date
 * changes are what History is read for (stage conversion, pushes), so each keeps a line of its own;
 * an undo of a Won or Lost move is one line headed by the undo, the fields it set back beside it.
 */
export function historyLines(events: readonly HistoryEvent[]): HistoryLine[] {
  if (events.length <= 1) return events.map((event) => ({ event, also: '' }));
  const rank = (event: HistoryEvent) => {
    const at = mainFields.indexOf(event.field);
    return at < 0 ? mainFields.length : at;
  };
  const structural = events.filter(
    (event) => event.field === 'stage' || event.field === 'closeDate',
  );
  // An undo is one action whatever it set back (the stage included): its line says so.
  const undo = events.find((event) => event.field === 'undo');
  const heads = undo
    ? [undo]
    : structural.length > 0
      ? structural
      : [[...events].sort((a, b) => rank(a) - rank(b))[0] as HistoryEvent];
  const rest = events.filter((event) => !heads.includes(event));
  return heads.map((event, i) => ({
    event,
    also:
      i === 0 ? rest.map((other) => `${other.field}: ${other.old} → ${other.new}`).join('; ') : '',
  }));
}
