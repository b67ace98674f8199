// A failed call shown as a person can act on it: conflict diff, retry when busy, rule messages in words.

import { type FieldKey, fieldByKey, fieldKeys } from '../../domain/fields';
import { type Deal, type DealView, DealViewSchema } from '../../shared/rpc';
import { h, mount } from '../dom';
import type { RpcFailure } from '../rpc-client';
import { day, language, money, t, tMaybe } from '../strings';

export interface FailureChoices {
  /** The deal the user was looking at, to show a CONFLICT field by field. */
  seen?: Deal;
  retry?: () => void;
  keepTheirs?: (now: DealView) => void;
  applyMine?: (now: DealView) => void;
}

/**
 * Renders the failure into `slot` (role=alert); Escape or Close dismisses it. `quiet`: the message
 * is already in a toast, so only what changed and the choices are shown here.
 */
export function showFailure(
  slot: HTMLElement,
  failure: RpcFailure,
  choices: FailureChoices,
  { quiet = false } = {},
): void {
  const dismiss = () => slot.replaceChildren();
  const actions: HTMLElement[] = [];
  const body: Node[] = [
    quiet
      ? h('p', { class: 'failure-message' }, t('conflict.title'))
      : h('p', { class: 'failure-message' }, failureMessage(failure)),
  ];

  const now = failure.code === 'CONFLICT' ? DealViewSchema().safeParse(failure.details) : null;
  if (now?.success && choices.seen) {
    body.push(conflictDiff(choices.seen, now.data.deal));
    if (choices.keepTheirs) {
      const keepTheirs = choices.keepTheirs;
      actions.push(
        h(
          'button',
          { type: 'button', class: 'primary', onclick: () => keepTheirs(now.data) },
          t('conflict.keepTheirs'),
        ),
      );
    }
    if (choices.applyMine) {
      const applyMine = choices.applyMine;
      actions.push(
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              dismiss();
              applyMine(now.data);
            },
          },
          t('conflict.applyMine'),
        ),
      );
    }
  } else if ((failure.code === 'BUSY' || failure.code === 'INTERNAL') && choices.retry) {
    const retry = choices.retry;
    actions.push(
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          onclick: () => {
            dismiss();
            retry();
          },
        },
        t('app.retry'),
      ),
    );
  }
  // A rule message is fixed by changing the form; a choice or a stuck state can be dismissed.
  if (failure.code !== 'RULE') {
    actions.push(h('button', { type: 'button', class: 'link', onclick: dismiss }, t('app.close')));
  }

  mount(
    slot,
    h(
      'div',
      {
        class: `failure failure-${failure.code.toLowerCase()}`,
        role: 'alert',
        data: { code: failure.code },
        onkeydown: (event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            dismiss();
          }
        },
      },
      body,
      actions.length > 0 && h('div', { class: 'actions' }, actions),
    ),
  );
}

/** The sentence for an error code; RULE errors by their rule code, in the sidebar's language. */
export function failureMessage(failure: RpcFailure): string {
  if (failure.code === 'RULE') {
    const rule = ruleOf(failure.details);
    return (rule && tMaybe(`rule.${rule.code}`, rule.params)) || failure.message;
  }
  return t(`error.${failure.code}`, { message: failure.message });
}

function ruleOf(
  details: unknown,
): { code: string; params: Record<string, string | number> } | null {
  if (typeof details !== 'object' || details === null) return null;
  const { code, params } = details as { code?: unknown; params?: unknown };
  if (typeof code !== 'string') return null;
  const safeParams: Record<string, string | number> = {};
  if (typeof params === 'object' && params !== null) {
    for (const [key, value] of Object.entries(params)) {
      if (typeof value === 'string' || typeof value === 'number') safeParams[key] = value;
    }
  }
  return { code, params: safeParams };
}

/** Fields the server stamps or derives itself; a difference there tells the user nothing. */
const derived: ReadonlySet<string> = new Set(['id', 'updated', 'score', 'stars', 'closePushes']);

/** Every field that differs between what the user saw and the deal now, with both values. */
export function conflictDiff(seen: Deal, now: Deal): HTMLElement {
  const changed = fieldKeys.filter(
    (key) => !derived.has(key) && key in now && !sameValue(seen[key], now[key]),
  );
  if (changed.length === 0) return h('p', { class: 'muted' }, t('conflict.noVisibleChange'));
  return h(
    'dl',
    { class: 'diff' },
    changed.map((key) => [
      h('dt', null, fieldByKey[key].header[language()]),
      h(
        'dd',
        null,
        h('span', { class: 'diff-label' }, `${t('conflict.yours')}: `),
        h('s', null, showValue(key, seen[key])),
      ),
      h(
        'dd',
        null,
        h('span', { class: 'diff-label' }, `${t('conflict.theirs')}: `),
        h('strong', null, showValue(key, now[key])),
      ),
    ]),
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a ?? null, b ?? null);
}

function showValue(key: FieldKey, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('app.none');
  const kind = fieldByKey[key].kind;
  if (typeof value === 'boolean') return value ? t('app.yes') : t('app.no');
  if (kind === 'date' && typeof value === 'string') return day(value);
  if (kind === 'money' && typeof value === 'number') return money(value);
  return String(value);
}
