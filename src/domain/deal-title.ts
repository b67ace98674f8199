// How a deal is named on screen and in emails when its row has no name: from what the row holds.

import type { Opportunity } from './model';

/**
 * The deal's name; else its products and customer ("GTX Pro · Acme"), or either alone; else its
 * ID. Adopted sheets often have no name column (a CRM export of product, account and stage).
 */
export function dealTitle(
  deal: Pick<Opportunity, 'name' | 'id'> & Partial<Pick<Opportunity, 'customer' | 'products'>>,
): string {
  const name = deal.name.trim();
  if (name !== '') return name;
  const parts = [deal.products ?? '', deal.customer ?? '']
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : deal.id;
}
