// Form fields that say what is wrong where it is: dates the file's way, amounts, length limits, past dates kept on purpose.

import {
  type AmountCheck,
  type UnusualAmount,
  unusualAmount,
  usualFactor,
} from '../domain/amount-check';
import { amountLimit } from '../shared/rpc';
import { h } from './dom';
import { formatDate, parseDate } from './format';
import type { RpcFailure } from './rpc-client';
import { day, fileLocale, money, t } from './strings';
import { failureMessage } from './views/failure';

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Fired (bubbling) by a control when an error is shown under it. */
export const fieldErrorEvent = 'fielderror';

/** Shows `message` right under the control (read out as an alert), marks it invalid; false. */
export function fieldError(control: HTMLElement, message: string): false {
  const id = `${control.id}-error`;
  let slot = document.getElementById(id);
  if (!slot) {
    slot = h('p', { class: 'field-error', id, role: 'alert' });
    const after = control.parentElement?.querySelector(`#${CSS.escape(control.id)}-count`);
    (after ?? control).after(slot);
  }
  slot.textContent = message;
  control.setAttribute('aria-invalid', 'true');
  describedBy(control, id, true);
  // The sidebar takes away an earlier "Saved." so it never stands beside a new error.
  control.dispatchEvent(new CustomEvent(fieldErrorEvent, { bubbles: true }));
  return false;
}

/** Takes away the errors shown under controls in `root`: the user is acting again. */
export function clearFieldErrors(root: HTMLElement | null | undefined): void {
  if (!root) return;
  for (const slot of root.querySelectorAll('.field-error')) slot.remove();
  for (const control of root.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    describedBy(control, `${control.id}-error`, false);
  }
}

function describedBy(control: Element, id: string, on: boolean): void {
  const ids = new Set((control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
  if (on) ids.add(id);
  else ids.delete(id);
  if (ids.size > 0) control.setAttribute('aria-describedby', [...ids].join(' '));
  else control.removeAttribute('aria-describedby');
}

// ---- Dates -------------------------------------------------------------------------------------

/** A date typed the file's way (11/23/2026 in en_US, 23/11/2026 in es_ES), shown the same way. */
export function dateInput(id: string, value: string | null): HTMLInputElement {
  return h('input', {
    id,
    type: 'text',
    class: 'date',
    autocomplete: 'off',
    value: day(value),
    placeholder: formatDate('2026-12-31', fileLocale()),
  });
}

/** The yyyy-mm-dd date in a date input (null when empty), or an error at the field. */
export function readDate(
  input: HTMLInputElement,
): { ok: true; date: string | null } | { ok: false } {
  const parsed = parseDate(input.value, fileLocale());
  if (!parsed.ok) {
    fieldError(input, t('field.date', { example: formatDate('2026-12-31', fileLocale()) }));
  }
  return parsed;
}

/**
 * A planned date (next action, close date) newly set in the past is almost always a typo: it is
 * sent only once the user ticks "Keep this past date" under it. True when it can go.
 */
export function pastDateKept(
  input: HTMLInputElement,
  date: string | null,
  stored: string | null,
  today: string,
): boolean {
  if (date === null || date >= today || date === stored || keepsPast(input)) return true;
  askToKeepPast(input);
  return false;
}

/** The "this date has passed" line with its Keep box, under the date; typing a new date removes it. */
export function askToKeepPast(input: HTMLInputElement, message = t('field.pastDate')): void {
  fullWidthError(input);
  fieldError(input, message);
  const id = `${input.id}-keep`;
  if (document.getElementById(id)) return;
  const box = h('input', { type: 'checkbox', id });
  const line = h('label', { class: 'check past-keep', for: id }, box, t('field.keepPast'));
  (document.getElementById(`${input.id}-error`) ?? input).after(line);
  input.addEventListener('input', () => line.remove(), { once: true });
}

/**
 * A question with a box to tick is too long for half a row (an amount beside a date): its line
 * goes under the whole row.
 */
function fullWidthError(input: HTMLInputElement): void {
  const id = `${input.id}-error`;
  const row = input.closest('.row');
  if (!row || document.getElementById(id)) return;
  row.after(h('p', { class: 'field-error', id, role: 'alert' }));
}

/** True when the user ticked "Keep this past date" under this date input. */
export function keepsPast(input: HTMLInputElement): boolean {
  const keep = document.getElementById(`${input.id}-keep`);
  return keep instanceof HTMLInputElement && keep.checked;
}

// ---- Amounts -----------------------------------------------------------------------------------

/** An amount input: a number of 0 or more (above 0 for a won deal), or empty for none. */
export function readAmount(
  input: HTMLInputElement,
  options: { aboveZero?: boolean } = {},
): { ok: true; amount: number | null } | { ok: false } {
  const amount = input.value.trim() === '' ? null : input.valueAsNumber;
  let problem: string | null = null;
  if (input.validity.badInput || (amount !== null && !Number.isFinite(amount)))
    problem = t('field.amountNotNumber');
  else if (amount !== null && amount < 0) problem = t('field.amountNegative');
  else if (options.aboveZero && !(amount !== null && amount > 0)) problem = t('field.wonAmount');
  if (problem !== null) {
    fieldError(input, problem);
    return { ok: false };
  }
  return { ok: true, amount };
}

/**
 * An amount far above the usual one (or the Settings limit) is almost always a digit too many: it
 * is sent only once the user ticks "Yes, save €…" under it. True when it can go.
 */
export function amountKept(
  input: HTMLInputElement,
  amount: number | null,
  stored: number | null,
  check: AmountCheck,
): boolean {
  if (amount === null || amount === stored || confirmsAmount(input)) return true;
  const unusual = unusualAmount(amount, check);
  if (unusual === null) return true;
  askToConfirmAmount(input, amount, unusual);
  return false;
}

/** "Save €…?" with why, and its Yes box under the amount; typing another amount removes it. */
export function askToConfirmAmount(
  input: HTMLInputElement,
  amount: number,
  unusual: UnusualAmount | null,
): void {
  const words = { amount: money(amount), above: money(unusual?.above ?? 0) };
  fullWidthError(input);
  fieldError(
    input,
    unusual?.by === 'usual'
      ? t('field.amountUnusual', {
          ...words,
          factor: usualFactor,
          usual: money(unusual.above / usualFactor),
        })
      : unusual?.by === 'limit'
        ? t('field.amountAboveLimit', words)
        : t('field.amountAsk', words),
  );
  const id = `${input.id}-confirm`;
  document.getElementById(id)?.parentElement?.remove();
  const box = h('input', { type: 'checkbox', id });
  const line = h(
    'label',
    { class: 'check past-keep', for: id },
    box,
    t('field.confirmAmount', { amount: money(amount) }),
  );
  (document.getElementById(`${input.id}-error`) ?? input).after(line);
  input.addEventListener('input', () => line.remove(), { once: true });
}

/** True when the user ticked "Yes, save €…" under this amount input. */
export function confirmsAmount(input: HTMLInputElement): boolean {
  const box = document.getElementById(`${input.id}-confirm`);
  return box instanceof HTMLInputElement && box.checked;
}

// ---- Text length -------------------------------------------------------------------------------

/**
 * A text field with its limit said before it is reached: a counter under it (always for long
 * text, from 80 % of the limit for a line), and no silent cut: an over-long text is refused at
 * the field when sent, with both numbers.
 */
export function limited<C extends HTMLInputElement | HTMLTextAreaElement>(
  control: C,
  max: number,
): [C, HTMLElement] {
  control.dataset.max = String(max);
  const always = control instanceof HTMLTextAreaElement;
  const counter = h('p', { class: 'counter hint', id: `${control.id}-count` });
  const update = () => {
    const count = control.value.length;
    counter.textContent = t('field.counter', {
      count: count.toLocaleString(),
      max: max.toLocaleString(),
    });
    counter.classList.toggle('over', count > max);
    counter.hidden = !always && count < max * 0.8;
  };
  control.addEventListener('input', update);
  update();
  describedBy(control, counter.id, true);
  return [control, counter];
}

/** Every limited field in `root` within its limit; an error at the first that is not. */
export function lengthsFit(root: HTMLElement): boolean {
  for (const control of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    '[data-max]',
  )) {
    const max = Number(control.dataset.max);
    if (control.value.length > max) {
      fieldError(
        control,
        t('field.tooLong', {
          count: control.value.length.toLocaleString(),
          max: max.toLocaleString(),
        }),
      );
      control.focus();
      return false;
    }
  }
  return true;
}

// ---- What the server refused, at its field ----------------------------------------------------

/**
 * Shows a refusal next to the field it is about: a RULE naming a field (params.field), or a
 * BAD_REQUEST whose message starts with the field's path ("amount: Too big..."). Returns that
 * field's control (to take focus once the form is enabled again), or null when the failure is
 * about no field on this form.
 */
export function showAtField(
  failure: RpcFailure,
  fields: Readonly<Record<string, Control | undefined>>,
): Control | null {
  if (failure.code === 'RULE') {
    const details = failure.details as { params?: { field?: unknown } } | undefined;
    const field = details?.params?.field;
    const control = typeof field === 'string' ? fields[field] : undefined;
    if (!control) return null;
    const { code, params } = failure.details as {
      code?: unknown;
      params?: Record<string, unknown>;
    };
    if (code === 'pastDate' && control instanceof HTMLInputElement) askToKeepPast(control);
    else if (code === 'unusualAmount' && control instanceof HTMLInputElement) {
      const above = Number(params?.above);
      const by = params?.by === 'usual' || params?.by === 'limit' ? params.by : null;
      askToConfirmAmount(
        control,
        Number(params?.amount),
        by && Number.isFinite(above) ? { by, above } : null,
      );
    } else fieldError(control, failureMessage(failure));
    return control;
  }
  if (failure.code === 'BAD_REQUEST') {
    const match = /^([\w.]+): (.*)$/.exec(failure.message.split('; ')[0] ?? '');
    const control = match ? fields[match[1]?.split('.').pop() ?? ''] : undefined;
    if (!match || !control) return null;
    // zod/mini's own words are bare ("Invalid input"): an amount gets the range in words.
    const amount = control instanceof HTMLInputElement && control.type === 'number';
    fieldError(
      control,
      amount
        ? t('field.amountRange', { max: amountLimit.toLocaleString() })
        : t('field.refused', { message: match[2] ?? '' }),
    );
    return control;
  }
  return null;
}
