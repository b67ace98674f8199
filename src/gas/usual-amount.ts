// The team's usual amount (the open deals' median), kept in a document property by the calls that read every row anyway.

import { type AmountCheck, usualAmount } from '../domain/amount-check';
import type { LocalDate } from '../domain/dates';
import type { Opportunity, Settings } from '../domain/model';
import { documentProperties, propertyKeys } from './properties';

/**
 * Remembers the open deals' median amount, from deals a call read anyway (My day, the review
 * queue, the Metrics refresh, the daily reminder run): a save asks it from the property snapshot
 * every execution reads once, and never reads the amount column. Written only when it changed.
 */
export function rememberUsualAmount(
  deals: readonly Opportunity[],
  settings: Pick<Settings, 'stages'>,
  today: LocalDate,
): void {
  const store = documentProperties();
  if (!store) return;
  const usual = usualAmount(deals, settings);
  const kept = read(store.getProperty(propertyKeys.usualAmount));
  if (kept !== undefined && kept.usual === usual) return;
  try {
    store.setProperty(propertyKeys.usualAmount, JSON.stringify({ usual, on: today }));
  } catch (error) {
    // A list still shows: the check keeps the last median it knew until the next list.
    console.error(`Keeping the usual amount failed: ${String(error)}`);
  }
}

/** What a save checks an amount against: the kept median (null before any list) and Settings' limit. */
export function amountCheckFor(settings: Settings): AmountCheck {
  const kept = read(documentProperties()?.getProperty(propertyKeys.usualAmount));
  return { usual: kept?.usual ?? null, limit: settings.amountConfirmAbove ?? 0 };
}

function read(text: string | null | undefined): { usual: number | null } | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as { usual?: unknown };
    return { usual: typeof value.usual === 'number' && value.usual > 0 ? value.usual : null };
  } catch {
    return undefined;
  }
}
