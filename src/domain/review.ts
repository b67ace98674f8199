// The weekly review ritual: the order deals are walked in, deals unchanged across two reviews, the summary.

import { dateOf, type LocalDate, startOfWeek } from './dates';
import { isOpen, stageKindOf } from './follow-up';
import type { Opportunity, Settings } from './model';
import {
  type DealChange,
  type Result,
  type RuleContext,
  type StageRuleError,
  updateFields,
} from './stage-rules';

/**
 * The open deals in review order: expected close date ascending (deals with no date last),
 * then amount descending (no amount last), then ID, so the order is the same every time.
 */
export function reviewQueue(deals: readonly Opportunity[], settings: Settings): Opportunity[] {
  return deals
    .filter((deal) => isOpen(deal, settings))
    .sort((a, b) => {
      if (a.closeDate !== b.closeDate) {
        if (a.closeDate === null) return 1;
        if (b.closeDate === null) return -1;
        return a.closeDate < b.closeDate ? -1 : 1;
      }
      const byAmount = (b.amount ?? -1) - (a.amount ?? -1);
      if (byAmount !== 0) return byAmount;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
}

/**
 * One deal's step in the weekly review: the seller's update (next action, its date, the close
 * date) under the usual field rules, and a close date that has already passed is either moved or
 * explicitly kept (`confirmPast`): the review is where a stale forecast date gets caught.
 */
export function reviewUpdate(
  deal: Opportunity,
  patch: Pick<
    Partial<Opportunity>,
    'nextAction' | 'nextActionDate' | 'nextActionGoal' | 'closeDate'
  >,
  context: RuleContext,
): Result<DealChange, StageRuleError> {
  const result = updateFields(deal, patch, context);
  if (!result.ok) return result;
  const { closeDate } = result.value.deal;
  if (
    closeDate !== null &&
    closeDate < context.today &&
    isOpen(result.value.deal, context.settings) &&
    context.confirmPast !== true
  ) {
    return {
      ok: false,
      error: {
        code: 'pastDate',
        message: `The close date ${closeDate} has passed: set a new one or confirm it.`,
        params: { field: 'closeDate', date: closeDate },
      },
    };
  }
  return result;
}

export interface ReviewSummary {
  /** Reviewed and left as they were (only the review stamp changed). */
  confirmed: number;
  /** Fields changed (next action, dates, amount...) but still in the same stage. */
  updated: number;
  /** Moved to another stage, won included; losing is counted apart. */
  moved: number;
  /** Moved to a lost stage during the review. */
  lost: number;
  /** Flagged for a decision (unchanged across two reviews). */
  flagged: number;
  /** Sum of the reviewed deals' amounts after the review. */
  totalAmount: number;
  ids: {
    confirmed: string[];
    updated: string[];
    moved: string[];
    lost: string[];
    flagged: string[];
  };
}

/** Fields a review stamps or the add-on computes: a change there is not the seller's update. */
const bookkeeping = new Set<keyof Opportunity>([
  'lastReviewed',
  'updated',
  'score',
  'stars',
  'closePushes',
]);

/**
 * What a review session did, comparing the deals before and after it. Needs the settings to
 * tell a lost stage by its kind. IDs missing from `after` (deleted during the review) are
 * ignored; so are flagged IDs that were not reviewed.
 */
export function reviewSummary(
  before: readonly Opportunity[],
  after: readonly Opportunity[],
  reviewedIds: readonly string[],
  flaggedIds: readonly string[],
  settings: Pick<Settings, 'stages'>,
): ReviewSummary {
  const beforeById = new Map(before.map((deal) => [deal.id, deal]));
  const afterById = new Map(after.map((deal) => [deal.id, deal]));
  const ids: ReviewSummary['ids'] = {
    confirmed: [],
    updated: [],
    moved: [],
    lost: [],
    flagged: [],
  };
  let totalAmount = 0;
  const reviewed = [...new Set(reviewedIds)];
  for (const id of reviewed) {
    const now = afterById.get(id);
    if (!now) continue;
    totalAmount += now.amount ?? 0;
    const was = beforeById.get(id);
    if (!was) ids.updated.push(id);
    else if (was.stage !== now.stage)
      (stageKindOf(settings, now.stage) === 'lost' && isOpen(was, settings)
        ? ids.lost
        : ids.moved
      ).push(id);
    else if (changedFields(was, now).length > 0) ids.updated.push(id);
    else ids.confirmed.push(id);
  }
  const reviewedSet = new Set(reviewed);
  ids.flagged = [...new Set(flaggedIds)].filter((id) => reviewedSet.has(id) && afterById.has(id));
  return {
    confirmed: ids.confirmed.length,
    updated: ids.updated.length,
    moved: ids.moved.length,
    lost: ids.lost.length,
    flagged: ids.flagged.length,
    totalAmount,
    ids,
  };
}

/** The seller-facing fields that differ between two versions of a deal. */
function changedFields(was: Opportunity, now: Opportunity): (keyof Opportunity)[] {
  return (Object.keys(now) as (keyof Opportunity)[]).filter(
    (key) => !bookkeeping.has(key) && was[key] !== now[key],
  );
}

/**
 * Flagged for a decision (seed 003: a deal that does not move between two weekly reviews): it
 * was reviewed in an earlier week than `today`'s and nothing was saved on it since. Reviews in the
 * same week never count twice. Read from the row alone (Last reviewed, Updated), so the review
 * queue needs no History; a change saved the same day as the review counts as part of it.
 */
export function needsDecision(
  deal: Pick<Opportunity, 'lastReviewed' | 'updated'>,
  today: LocalDate,
  settings: Pick<Settings, 'weekStartsOn'>,
): boolean {
  if (deal.lastReviewed === null) return false;
  if (deal.lastReviewed >= startOfWeek(today, settings.weekStartsOn)) return false;
  return deal.updated === null || dateOf(deal.updated) <= deal.lastReviewed;
}
