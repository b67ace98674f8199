// My day's groups: each open deal once, under its most urgent reason, with the other reasons as tags.

import type { LocalDate } from './dates';
import { type AttentionReason, attentionOf, attentionOrder } from './follow-up';
import type { Opportunity, Settings } from './model';

export interface AttentionItem {
  /** Index of the deal in the list given. */
  index: number;
  /** The other reasons that also hold, most urgent first. */
  tags: AttentionReason[];
  /** Days overdue (overdue), the stale age (stale), else 0. */
  days: number;
}

export type AttentionGroups = Record<AttentionReason, AttentionItem[]>;

/**
 * The deals that need attention today, grouped by their most urgent reason (attentionOf), in
 * attentionOrder. Within a group the longest wait comes first (most days overdue, oldest stale
 * age, earliest passed close date); otherwise the sheet's order is kept.
 */
export function attentionGroups(
  deals: readonly Opportunity[],
  today: LocalDate,
  settings: Settings,
): AttentionGroups {
  const groups = Object.fromEntries(
    attentionOrder.map((reason) => [reason, [] as AttentionItem[]]),
  ) as AttentionGroups;
  deals.forEach((deal, index) => {
    const attention = attentionOf(deal, today, settings);
    if (attention)
      groups[attention.reason].push({ index, tags: attention.tags, days: attention.days });
  });
  const closeDate = (item: AttentionItem) => deals[item.index]?.closeDate ?? '';
  groups.overdue.sort((a, b) => b.days - a.days);
  groups.stale.sort((a, b) => b.days - a.days);
  groups.closeDatePassed.sort((a, b) =>
    closeDate(a) < closeDate(b) ? -1 : closeDate(a) > closeDate(b) ? 1 : 0,
  );
  return groups;
}
