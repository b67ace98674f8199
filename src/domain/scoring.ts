// The qualification checklist turned into a 0-100 score and 0-3 stars, explained item by item.

import { type ScoringField, scoringFields } from './fields';
import type { Opportunity, ScoringWeights } from './model';

export type Stars = 0 | 1 | 2 | 3;

export interface ScoreItem {
  field: ScoringField;
  checked: boolean;
  weight: number;
  /** This item's share of the score; the items' points always add up to the score. */
  points: number;
}

export interface DealScore {
  score: number;
  stars: Stars;
  items: ScoreItem[];
}

/**
 * Score = checked weight / total weight x 100, so weights that do not add up to 100 still give
 * 0-100. Whether the decision maker was met is shown elsewhere and is not part of the score.
 */
export function scoreDeal(
  deal: Pick<Opportunity, ScoringField>,
  weights: ScoringWeights,
): DealScore {
  const weightOf = (field: ScoringField) => {
    const weight = weights[field];
    return Number.isFinite(weight) && weight > 0 ? weight : 0;
  };
  const total = scoringFields.reduce((sum, field) => sum + weightOf(field), 0);
  const checkedWeight = scoringFields.reduce(
    (sum, field) => sum + (deal[field] === true ? weightOf(field) : 0),
    0,
  );
  const score = total > 0 ? Math.round((checkedWeight / total) * 100) : 0;

  // Largest remainder: whole points per item that add up exactly to the score shown.
  const shares = scoringFields.map((field) =>
    deal[field] === true && checkedWeight > 0 ? (weightOf(field) / checkedWeight) * score : 0,
  );
  const points = shares.map(Math.floor);
  let left = score - points.reduce((sum, p) => sum + p, 0);
  const byRemainder = shares
    .map((share, index) => ({ index, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    points[index] = (points[index] ?? 0) + 1;
    left -= 1;
  }

  const items = scoringFields.map((field, index) => ({
    field,
    checked: deal[field] === true,
    weight: weights[field],
    points: points[index] ?? 0,
  }));
  return { score, stars: starsFor(score), items };
}

/** 0-25 -> 0 stars, 26-50 -> 1, 51-75 -> 2, 76-100 -> 3. */
export function starsFor(score: number): Stars {
  if (score > 75) return 3;
  if (score > 50) return 2;
  if (score > 25) return 1;
  return 0;
}
