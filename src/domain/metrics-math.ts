// Small arithmetic and grouping helpers for the metrics: sums, medians, groups kept in input order.

import { dateOf, daysBetween, type LocalDate } from './dates';
import { stageIndex } from './follow-up';
import type { HistoryEvent, Settings } from './model';

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** Items grouped by a key, each group in input order. */
export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** History events per deal, each deal's events in time order (ties keep the tab's order). */
export function groupHistory(history: readonly HistoryEvent[]): Map<string, HistoryEvent[]> {
  const groups = groupBy(history, (event) => event.dealId);
  for (const events of groups.values())
    events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return groups;
}

/**
 * One deal's walk through the stages, from its stage events (sorted by time): the stage it left
 * first, every stage it moved to, then `current` (its row's stage) when History missed the last
 * move. A stay starts at `since` (created) or the move into a stage and ends at the next move out.
 * `entered`: the stages it was in; `advanced`: those it later left for a later stage that is not a
 * lost one. Shared by the metrics and the archive's Summary (one deal at a time adds up).
 */
export function stageWalk(
  events: readonly HistoryEvent[],
  since: LocalDate | null,
  current: string | undefined,
  settings: Settings,
): { entered: Set<number>; advanced: Set<number>; stays: Array<{ stage: number; days: number }> } {
  const path: number[] = [];
  const stays: Array<{ stage: number; days: number }> = [];
  const first = events[0];
  if (first && first.old.trim() !== '') path.push(stageIndex(settings, first.old));
  let from = since;
  let previousNew: string | null = null;
  for (const event of events) {
    const leaving = stageIndex(settings, event.old);
    const consistent = previousNew === null || stageIndex(settings, previousNew) === leaving;
    if (from !== null && leaving >= 0 && consistent)
      stays.push({ stage: leaving, days: Math.max(daysBetween(from, dateOf(event.at)), 0) });
    from = dateOf(event.at);
    previousNew = event.new;
    path.push(stageIndex(settings, event.new));
  }
  if (current !== undefined) {
    const index = stageIndex(settings, current);
    if (path[path.length - 1] !== index) path.push(index);
  }
  const entered = new Set<number>();
  const advanced = new Set<number>();
  path.forEach((index, position) => {
    if (index < 0 || entered.has(index)) return;
    entered.add(index);
    if (
      path
        .slice(position + 1)
        .some((next) => next > index && settings.stages[next]?.kind !== 'lost')
    )
      advanced.add(index);
  });
  return { entered, advanced, stays };
}
