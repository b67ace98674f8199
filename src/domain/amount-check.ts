// Amounts far above what the team usually sells: asked about once before they are saved, like a past date.

import { isOpen } from './follow-up';
import { median } from './metrics-math';
import type { Opportunity, Settings } from './model';

/** An amount more than this many times the usual open deal's is almost always a typo. */
export const usualFactor = 20;

/** Below this many open deals with an amount, their median says nothing about "usual". */
export const usualMinDeals = 5;

export interface AmountCheck {
  /** The median amount of the open deals (null: too few to say what is usual). */
  usual: number | null;
  /** The Settings tab's "confirm amounts above" (0: no limit). */
  limit: number;
}

/**
 * The median amount of the open deals that have one, to two significant digits (a bound 20 times
 * it needs no more, and it then changes seldom: the property keeping it is seldom written), or null
 * with fewer than usualMinDeals.
 */
export function usualAmount(
  deals: readonly Opportunity[],
  settings: Pick<Settings, 'stages'>,
): number | null {
  const amounts: number[] = [];
  for (const deal of deals)
    if (deal.amount !== null && deal.amount > 0 && isOpen(deal, settings))
      amounts.push(deal.amount);
  const middle = amounts.length < usualMinDeals ? null : median(amounts);
  return middle === null ? null : Number(middle.toPrecision(2));
}

export interface UnusualAmount {
  /** Which bound the amount passed: the Settings limit, or usualFactor x the usual amount. */
  by: 'limit' | 'usual';
  /** The bound itself. */
  above: number;
}

/** Why `amount` needs a confirmation before it is saved, or null when it does not. */
export function unusualAmount(amount: number | null, check: AmountCheck): UnusualAmount | null {
  if (amount === null || !(amount > 0)) return null;
  if (check.limit > 0 && amount > check.limit) return { by: 'limit', above: check.limit };
  if (check.usual !== null && check.usual > 0 && amount > usualFactor * check.usual)
    return { by: 'usual', above: usualFactor * check.usual };
  return null;
}
