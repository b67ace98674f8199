// The new opportunity form: name and customer required, the rest optional; Escape goes back.

import type { App } from '../app';
import { h, mount } from '../dom';
import { call, type RpcFailure } from '../rpc-client';
import { t } from '../strings';
import { showFailure } from './failure';

export function showNewDeal(app: App, content: HTMLElement, back: () => void): void {
  const slot = h('div', { class: 'slot' });
  const input = (id: string, type: string, extra: { maxlength?: number; min?: string } = {}) =>
    h('input', { id, type, ...extra });
  const name = input('new-name', 'text', { maxlength: 200 });
  const customer = input('new-customer', 'text', { maxlength: 200 });
  const amount = input('new-amount', 'number', { min: '0' });
  amount.step = 'any';
  const closeDate = input('new-close', 'date');
  const nextAction = input('new-next-what', 'text', { maxlength: 500 });
  const nextActionDate = input('new-next-date', 'date');
  const nextActionGoal = input('new-next-goal', 'text', { maxlength: 500 });
  const field = (control: HTMLInputElement, label: string) => [
    h('label', { for: control.id }, label),
    control,
  ];

  const form: HTMLFormElement = h(
    'form',
    {
      class: 'new-deal',
      aria: { labelledby: 'new-title' },
      onkeydown: (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          back();
        }
      },
      onsubmit: async (event) => {
        event.preventDefault();
        if (!name.value.trim() || !customer.value.trim()) {
          mount(slot, h('p', { class: 'failure', role: 'alert' }, t('new.nameRequired')));
          (name.value.trim() ? customer : name).focus();
          return;
        }
        slot.replaceChildren();
        const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
        if (submit) submit.disabled = true;
        app.status(t('app.saving'));
        try {
          const view = await call('createDeal', {
            name: name.value.trim(),
            customer: customer.value.trim(),
            amount: Number.isFinite(amount.valueAsNumber) ? amount.valueAsNumber : null,
            closeDate: closeDate.value || null,
            nextAction: nextAction.value.trim(),
            nextActionDate: nextActionDate.value || null,
            nextActionGoal: nextActionGoal.value.trim(),
          });
          app.status(t('new.created'));
          // Put the sheet's selection on the new row, so the sidebar and the sheet agree.
          await app.openDeal(view.deal.id, view);
        } catch (error) {
          showFailure(slot, error as RpcFailure, { retry: () => form.requestSubmit() });
          slot.querySelector<HTMLElement>('button')?.focus();
        } finally {
          if (submit) submit.disabled = false;
        }
      },
    },
    h('h2', { id: 'new-title' }, t('new.title')),
    field(name, `${t('details.name')} ${t('app.required')}`),
    field(customer, `${t('details.customer')} ${t('app.required')}`),
    h(
      'div',
      { class: 'row' },
      h('div', null, field(amount, t('details.amount'))),
      h('div', null, field(closeDate, t('details.closeDate'))),
    ),
    field(nextAction, t('deal.nextAction')),
    field(nextActionDate, t('next.date')),
    field(nextActionGoal, t('next.goal')),
    slot,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('new.create')),
      h('button', { type: 'button', onclick: back }, t('app.cancel')),
    ),
  );
  form.noValidate = true;
  mount(content, form);
  name.focus();
}
