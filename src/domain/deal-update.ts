// What a saved change writes besides the seller's fields: the stamp, the score, pushes, the probability.

import type { LocalDateTime } from './dates';
import type { FieldKey } from './fields';
import { isClosePush, stageOf } from './follow-up';
import type { HistoryEvent, Opportunity, Settings } from './model';
import { scoreDeal } from './scoring';
import { diffDeals } from './version';

/**
 * The deal as it will be stored after a rule accepted a change, and every field whose cell must
 * be written. Bookkeeping follows the change:
 * - `updated` is stamped (unless `stamp` is false: a review that confirms a deal changes nothing);
 * - score and stars follow the checklist;
 * - close-date pushes count up with each later close date the change records;
 * - the probability follows the stage when it was empty or still the old stage's own figure;
 *   a probability the seller typed for this deal (an override) stays.
 */
export function finishChange(
  before: Opportunity,
  after: Opportunity,
  events: readonly HistoryEvent[],
  settings: Settings,
  now: LocalDateTime,
  stamp = true,
): { deal: Opportunity; fields: FieldKey[] } {
  const next: Opportunity = { ...after };
  // A change that sets the probability itself (an undo puts the old one back) keeps it.
  if (after.stage !== before.stage && after.probability === before.probability) {
    const from = stageOf(settings, before.stage);
    const to = stageOf(settings, after.stage);
    const followsStage =
      before.probability === null ||
      (from !== undefined && before.probability === from.probability);
    if (to && followsStage) next.probability = to.probability;
  }
  // A change that sets the score itself (an undo puts back a blank one) keeps it.
  if (after.score === before.score && after.stars === before.stars) {
    const score = scoreDeal(next, settings.scoringWeights);
    next.score = score.score;
    next.stars = score.stars;
  }
  const pushes = events.filter(isClosePush).length;
  if (pushes > 0 || before.closePushes === null)
    next.closePushes = (before.closePushes ?? 0) + pushes;
  if (stamp) next.updated = now;
  return { deal: next, fields: diffDeals(before, next) };
}
