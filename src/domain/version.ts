// A deal's row version for optimistic concurrency, and which fields differ between two versions.

import { type FieldKey, fieldKeys } from './fields';
import type { Opportunity } from './model';

/**
 * A short stable hash of every field except `updated` (the add-on stamps that itself). The sidebar
 * sends back the version it saw; a different version on the server means someone else edited.
 */
export function dealVersion(deal: Opportunity): string {
  const text = fieldKeys
    .filter((key) => key !== 'updated')
    .map((key) => JSON.stringify(deal[key] ?? null))
    .join('\u001f');
  return hash53(text).toString(36);
}

/** Fields whose values differ, in catalog order. */
export function diffDeals(before: Opportunity, after: Opportunity): FieldKey[] {
  return fieldKeys.filter((key) => !Object.is(before[key] ?? null, after[key] ?? null));
}

/** A short stable hash of a text (FNV-1a, 32 bits, base 36): cache stamps and fingerprints. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/** Two FNV-1a 32-bit passes with different offsets, folded to 53 bits (a safe integer). */
function hash53(text: string): number {
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code, 0x01000193);
  }
  return (high >>> 11) * 0x100000000 + (low >>> 0);
}
