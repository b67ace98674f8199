// The new opportunity form: name and customer required, the rest optional; Escape goes back.

import { type App, asFailure, showRefusal } from '../app';
import { h, mount } from '../dom';
import {
  amountKept,
  clearFieldErrors,
  confirmsAmount,
  dateInput,
  fieldError,
  keepsPast,
  lengthsFit,
  limited,
  pastDateKept,
  readAmount,
  readDate,
} from '../fields';
import { call } from '../rpc-client';
import { t } from '../strings';

export function showNewDeal(app: App, content: HTMLElement, back: () => void): void {
  const slot = h('div', { class: 'slot' });
  const input = (id: string, type: string, extra: { min?: string } = {}) =>
    h('input', { id, type, ...extra });
  const name = input('new-name', 'text');
  const customer = input('new-customer', 'text');
  const amount = input('new-amount', 'number', { min: '0' });
  amount.step = 'any';
  const closeDate = dateInput('new-close', null);
  const nextAction = input('new-next-what', 'text');
  const nextActionDate = dateInput('new-next-date', null);
  const nextActionGoal = input('new-next-goal', 'text');
  const limits = new Map<HTMLInputElement, number>([
    [name, 200],
    [customer, 200],
    [nextAction, 500],
    [nextActionGoal, 500],
  ]);
  const field = (control: HTMLInputElement, label: string) => {
    const max = limits.get(control);
    return [h('label', { for: control.id }, label), ...(max ? limited(control, max) : [control])];
  };
  const fields = {
    name,
    customer,
    amount,
    closeDate,
    nextAction,
    nextActionDate,
    nextActionGoal,
  };

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
        clearFieldErrors(form);
        if (!name.value.trim() || !customer.value.trim()) {
          mount(slot, h('p', { class: 'failure', role: 'alert' }, t('new.nameRequired')));
          (name.value.trim() ? customer : name).focus();
          return;
        }
        slot.replaceChildren();
        if (!lengthsFit(form)) return;
        const typed = readAmount(amount);
        const close = readDate(closeDate);
        const next = readDate(nextActionDate);
        if (!typed.ok || !close.ok || !next.ok) {
          (!typed.ok ? amount : !close.ok ? closeDate : nextActionDate).focus();
          return;
        }
        if (next.date !== null && nextAction.value.trim() === '') {
          fieldError(nextAction, t('field.whatRequired'));
          nextAction.focus();
          return;
        }
        const today = app.boot.today;
        if (!pastDateKept(closeDate, close.date, null, today)) return;
        if (!pastDateKept(nextActionDate, next.date, null, today)) return;
        if (!amountKept(amount, typed.amount, null, app.boot.amountCheck)) {
          document.getElementById(`${amount.id}-confirm`)?.focus();
          return;
        }
        const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
        if (submit) submit.disabled = true;
        app.clearToasts();
        app.status(t('app.saving'));
        try {
          const view = await call('createDeal', {
            name: name.value.trim(),
            customer: customer.value.trim(),
            amount: typed.amount,
            closeDate: close.date,
            nextAction: nextAction.value.trim(),
            nextActionDate: next.date,
            nextActionGoal: nextActionGoal.value.trim(),
            ...(keepsPast(closeDate) || keepsPast(nextActionDate) ? { confirmPast: true } : {}),
            ...(confirmsAmount(amount) ? { confirmAmount: true } : {}),
          });
          app.saved(t('new.created'));
          // Put the sheet's selection on the new row, so the sidebar and the sheet agree.
          await app.openDeal(view.deal.id, view);
        } catch (error) {
          if (submit) submit.disabled = false;
          // Said once, like every refusal of a save: at its field, else in a toast with a retry.
          showRefusal(app, asFailure(error), {
            slot,
            fields,
            retry: () => form.requestSubmit(),
          })?.focus();
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
