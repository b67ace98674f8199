// Small arithmetic and grouping helpers for the metrics: sums, medians, groups kept in input order.

import type { HistoryEvent } from './model';

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
