// An archived deal, opened by its ID and shown read-only (issue 22): it lives in the archive file now.

import type { RpcResponse } from '../../shared/rpc';
import { h, mount } from '../dom';
import { call, isRpcFailure, RpcFailure } from '../rpc-client';
import { day, money, t } from '../strings';
import { failureMessage } from './failure';

type Archived = RpcResponse<'getArchivedDeal'>;

/** "Open an archived deal": an ID field and a button; the deal shows below it, read-only. */
export function archivedLookup(): HTMLElement {
  const result = h('div', { id: 'archived-result', aria: { live: 'polite' } });
  const input = h('input', {
    id: 'archived-id',
    type: 'text',
    placeholder: 'OPP-000123',
    autocomplete: 'off',
  });
  const open = async () => {
    const id = input.value.trim().toUpperCase();
    if (id === '') return;
    mount(result, h('p', { class: 'muted' }, t('app.loading')));
    try {
      mount(result, archivedCard(await call('getArchivedDeal', { id })));
    } catch (error) {
      const failure = isRpcFailure(error) ? error : new RpcFailure('INTERNAL', String(error));
      mount(result, h('p', { class: 'error', role: 'alert' }, failureMessage(failure)));
    }
  };
  return h(
    'details',
    { id: 'archived-lookup' },
    h('summary', null, t('archived.open')),
    h('label', { for: 'archived-id' }, t('archived.id')),
    h(
      'form',
      {
        onsubmit: (event: Event) => {
          event.preventDefault();
          void open();
        },
      },
      input,
      h('button', { type: 'submit' }, t('archived.show')),
    ),
    result,
  );
}

function archivedCard(view: Archived): HTMLElement {
  const deal = view.deal;
  return h(
    'section',
    { class: 'archived', data: { dealId: deal.id } },
    h('h3', null, `${deal.id} · ${deal.name}`),
    h('p', { class: 'muted' }, t('archived.readOnly')),
    h(
      'dl',
      null,
      h('dt', null, t('archived.customer')),
      h('dd', null, deal.customer),
      h('dt', null, t('archived.stage')),
      h('dd', null, deal.stage),
      h('dt', null, t('archived.amount')),
      h('dd', null, money(deal.amount)),
      h('dt', null, t('archived.closed')),
      h('dd', null, day(deal.closedOn ?? deal.stageEntered)),
      h('dt', null, t('archived.owner')),
      h('dd', null, deal.owner),
    ),
    view.history.length > 0 &&
      h(
        'ul',
        { class: 'history' },
        ...view.history.map((line) =>
          h('li', null, `${day(line.at.slice(0, 10))} ${line.field}: ${line.old} → ${line.new}`),
        ),
      ),
    h('p', { class: 'muted' }, `${t('archived.file')}: ${view.file}`),
  );
}
