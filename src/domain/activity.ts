// A deal's recent activity, kept in one cell of its own row: the sidebar shows it without reading History.

import type { HistoryEvent } from './model';

/** How many events the cell keeps (newest first); the History tab keeps them all. */
export const activityLimit = 10;
/** Longer old/new values are cut in the cell (History has them whole). */
const valueLimit = 120;

/** The fields whose last recorded values the cell remembers: a multi-cell paste needs the old ones. */
export const rememberedFields = ['stage', 'closeDate'] as const;
export type RememberedField = (typeof rememberedFields)[number];

export interface Activity {
  /** The deal the cell belongs to: a cell that names another deal is not this row's (columns moved). */
  id: string;
  /** Newest first, at most activityLimit. */
  events: HistoryEvent[];
  /** The last value History recorded for each remembered field. */
  last: Partial<Record<RememberedField, string>>;
}

export function emptyActivity(id: string): Activity {
  return { id, events: [], last: {} };
}

/** What a cell holds where the activity log should be: ours for this deal, empty, or something else. */
export type ActivityCell =
  | { kind: 'ours'; activity: Activity }
  | { kind: 'empty' }
  | { kind: 'foreign' };

type StoredEvent = [at: string, user: string, field: string, old: string, next: string];

/**
 * Reads the cell. Anything that is not what encodeActivity wrote for this deal (a user's edit,
 * pasted garbage, another column's value after columns moved) is 'foreign': the caller then
 * relearns where the columns are before writing anything.
 */
export function readActivityCell(cell: unknown, dealId: string): ActivityCell {
  if (cell === '' || cell === null || cell === undefined) return { kind: 'empty' };
  if (typeof cell !== 'string' || !cell.startsWith('{')) return { kind: 'foreign' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch {
    return { kind: 'foreign' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { kind: 'foreign' };
  const { i, e, s } = parsed as { i?: unknown; e?: unknown; s?: unknown };
  if (i !== dealId) return { kind: 'foreign' };
  const events: HistoryEvent[] = [];
  if (Array.isArray(e)) {
    for (const item of e.slice(0, activityLimit)) {
      if (!Array.isArray(item) || item.length !== 5 || !item.every((x) => typeof x === 'string'))
        continue;
      const [at, user, field, old, next] = item as StoredEvent;
      events.push({
        at: at as HistoryEvent['at'],
        user,
        dealId,
        field: field as HistoryEvent['field'],
        old,
        new: next,
      });
    }
  }
  const last: Activity['last'] = {};
  if (typeof s === 'object' && s !== null) {
    for (const field of rememberedFields) {
      const value = (s as Record<string, unknown>)[field];
      if (typeof value === 'string') last[field] = value;
    }
  }
  return { kind: 'ours', activity: { id: dealId, events, last } };
}

/** The activity a cell holds for this deal; empty for anything else. */
export function decodeActivity(cell: unknown, dealId: string): Activity {
  const read = readActivityCell(cell, dealId);
  return read.kind === 'ours' ? read.activity : emptyActivity(dealId);
}

export function encodeActivity(activity: Activity): string {
  const e: StoredEvent[] = activity.events
    .slice(0, activityLimit)
    .map((event) => [event.at, event.user, event.field, cut(event.old), cut(event.new)]);
  return JSON.stringify({ i: activity.id, e, s: activity.last });
}

/** The activity after new events (given oldest first, as rules produce them). */
export function withEvents(activity: Activity, events: readonly HistoryEvent[]): Activity {
  if (events.length === 0) return activity;
  const last = { ...activity.last };
  for (const event of events) {
    if ((rememberedFields as readonly string[]).includes(event.field))
      last[event.field as RememberedField] = event.new;
  }
  return {
    id: activity.id,
    events: [...[...events].reverse(), ...activity.events].slice(0, activityLimit),
    last,
  };
}

function cut(text: string): string {
  return text.length > valueLimit ? `${text.slice(0, valueLimit - 1)}…` : text;
}
