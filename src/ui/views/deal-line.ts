// One deal as a line in "My day" and the review: a real button that opens the deal.

import type { DealSummary } from '../../shared/rpc';
import { h } from '../dom';
import { day, money, t } from '../strings';

/** `look`: the line's colour class; by default its staleness (red, amber). */
export function dealLine(
  deal: DealSummary,
  open: (id: string, row: number) => void,
  today: string,
  look = `stale-${deal.stale}`,
): HTMLElement {
  const late = deal.nextActionDate !== null && deal.nextActionDate < today;
  const next = deal.nextAction
    ? `${deal.nextActionDate ? `${day(deal.nextActionDate)}: ` : ''}${deal.nextAction}`
    : t('follow.none');
  return h(
    'li',
    null,
    h(
      'button',
      {
        type: 'button',
        class: `deal-line ${look}`,
        data: { 'deal-id': deal.id },
        onclick: () => open(deal.id, deal.row),
      },
      h('span', { class: 'line-name' }, deal.name),
      h(
        'span',
        { class: 'line-meta muted' },
        [deal.customer, deal.stage, money(deal.amount)].filter(Boolean).join(' · '),
      ),
      h('span', { class: `line-next${late ? ' late' : ''}` }, next),
    ),
  );
}
