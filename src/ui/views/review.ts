// Weekly review: walk the open deals by close date then amount, confirm or update each, end with a summary.

import type { DealSummary, DealView } from '../../shared/rpc';
import { type App, write } from '../app';
import { h, mount } from '../dom';
import { call, type RpcFailure } from '../rpc-client';
import { day, money, t } from '../strings';
import { dealLine } from './deal-line';
import { showFailure } from './failure';

interface ReviewSession {
  queue: DealSummary[];
  /** Deals the server already flags: unchanged across the last two reviews. */
  flaggedBefore: Set<string>;
  index: number;
  reviewed: number;
  updated: number;
  totalAmount: number;
  flagged: DealSummary[];
  current: DealView | null;
}

/** Kept across tab switches, so looking at a deal mid-review does not lose the place. */
let session: ReviewSession | null = null;

interface Where {
  app: App;
  content: HTMLElement;
  notice: HTMLElement;
  stillHere: () => boolean;
}

export function showReview(
  app: App,
  content: HTMLElement,
  notice: HTMLElement,
  stillHere: () => boolean,
): void {
  const where = { app, content, notice, stillHere };
  if (!session) start(where);
  else if (session.index >= session.queue.length) summary(where, session);
  else void step(where, session);
}

/** Close date first (none last), then the bigger amount first. */
export function reviewOrder(a: DealSummary, b: DealSummary): number {
  const closeA = a.closeDate ?? '9999-12-31';
  const closeB = b.closeDate ?? '9999-12-31';
  if (closeA !== closeB) return closeA < closeB ? -1 : 1;
  return (b.amount ?? -1) - (a.amount ?? -1);
}

function start(where: Where): void {
  const { app, content, notice } = where;
  const mine = h('input', { type: 'checkbox', id: 'review-mine', checked: true });
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'review-start',
      aria: { labelledby: 'review-title' },
      onsubmit: async (event) => {
        event.preventDefault();
        notice.replaceChildren();
        app.status(t('app.loading'));
        try {
          const answer = await call('reviewQueue', { mine: mine.checked });
          if (!where.stillHere()) return;
          session = {
            queue: [...answer.queue].sort(reviewOrder),
            flaggedBefore: new Set(answer.flagged),
            index: 0,
            reviewed: 0,
            updated: 0,
            totalAmount: 0,
            flagged: [],
            current: null,
          };
          showReview(app, where.content, notice, where.stillHere);
        } catch (error) {
          showFailure(notice, error as RpcFailure, { retry: () => form.requestSubmit() });
        }
      },
    },
    h('h2', { id: 'review-title' }, t('review.title')),
    h('p', null, t('review.intro')),
    h('label', { class: 'check' }, mine, t('review.mine')),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'review-start' }, t('review.start')),
    ),
  );
  mount(content, form);
}

async function step(where: Where, current: ReviewSession): Promise<void> {
  const { content, notice } = where;
  const summaryLine = current.queue[current.index];
  if (!summaryLine) {
    summary(where, current);
    return;
  }
  if (current.current?.deal.id !== summaryLine.id) {
    mount(content, h('p', { class: 'muted loading' }, t('app.loading')));
    try {
      current.current = await call('getDeal', { id: summaryLine.id });
    } catch (error) {
      if (!where.stillHere()) return;
      const failure = error as RpcFailure;
      if (failure.code === 'NOT_FOUND') {
        // Deleted since the queue was made: nothing to review.
        current.index += 1;
        void step(where, current);
        return;
      }
      content.replaceChildren(stepActions(where, current, null));
      showFailure(notice, failure, { retry: () => void step(where, current) });
      return;
    }
    if (!where.stillHere()) return;
  }
  const view = current.current;
  if (!view) return;
  mount(content, stepForm(where, current, view));
  content.querySelector<HTMLElement>('#review-next-what')?.focus();
}

function stepForm(where: Where, current: ReviewSession, view: DealView): HTMLElement {
  const { app } = where;
  const { deal } = view;
  const slot = h('div', { class: 'slot' });
  const what = h('input', {
    id: 'review-next-what',
    type: 'text',
    value: deal.nextAction,
    maxlength: 500,
  });
  const when = h('input', {
    id: 'review-next-date',
    type: 'date',
    value: deal.nextActionDate ?? '',
  });
  const goal = h('input', {
    id: 'review-next-goal',
    type: 'text',
    value: deal.nextActionGoal,
    maxlength: 500,
  });
  const close = h('input', { id: 'review-close', type: 'date', value: deal.closeDate ?? '' });
  const flagged = current.flaggedBefore.has(deal.id);
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'review-step',
      aria: { labelledby: 'review-deal-name' },
      onsubmit: (event) => {
        event.preventDefault();
        void write('reviewDeal', {
          app,
          seen: view,
          slot,
          controls: form,
          payload: (version) => ({
            id: deal.id,
            version,
            nextAction: what.value.trim(),
            nextActionDate: when.value || null,
            nextActionGoal: goal.value.trim(),
            closeDate: close.value || null,
          }),
          done: (result) => {
            current.reviewed += 1;
            if (result.changed) current.updated += 1;
            current.totalAmount += result.view.deal.amount ?? 0;
            const line = current.queue[current.index];
            if (result.flagged && line) current.flagged.push(line);
            current.index += 1;
            void step(where, current);
          },
          keepTheirs: (now) => {
            current.current = now;
            void step(where, current);
          },
        });
      },
    },
    h(
      'p',
      { class: 'progress-text muted', id: 'review-progress' },
      t('review.progress', { n: current.index + 1, total: current.queue.length }),
    ),
    h('progress', {
      max: String(current.queue.length),
      value: String(current.index),
      aria: { labelledby: 'review-progress' },
    }),
    flagged && h('p', { class: 'flag', role: 'note' }, t('review.flagged')),
    h('h2', { id: 'review-deal-name' }, deal.name),
    h(
      'p',
      { class: 'muted' },
      [deal.customer, deal.stage, money(deal.amount), day(deal.closeDate)]
        .filter(Boolean)
        .join(' · '),
    ),
    h('label', { for: 'review-next-what' }, t('next.what')),
    what,
    h(
      'div',
      { class: 'row' },
      h('div', null, h('label', { for: 'review-next-date' }, t('next.date')), when),
      h('div', null, h('label', { for: 'review-close' }, t('deal.closeDate')), close),
    ),
    h('label', { for: 'review-next-goal' }, t('next.goal')),
    goal,
    slot,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'review-confirm' }, t('review.confirm')),
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            current.index += 1;
            void step(where, current);
          },
        },
        t('review.skip'),
      ),
    ),
    stepActions(where, current, deal.id),
  );
  return form;
}

function stepActions(where: Where, current: ReviewSession, id: string | null): HTMLElement {
  return h(
    'div',
    { class: 'actions secondary' },
    id &&
      h(
        'button',
        { type: 'button', class: 'link', onclick: () => void where.app.openDeal(id) },
        t('review.openDeal'),
      ),
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        onclick: () => {
          current.index = current.queue.length;
          summary(where, current);
        },
      },
      t('review.stop'),
    ),
  );
}

function summary(where: Where, current: ReviewSession): void {
  const { app, content } = where;
  const open = (id: string) => void app.openDeal(id);
  mount(
    content,
    h(
      'section',
      { class: 'review-summary', aria: { labelledby: 'review-summary-title' } },
      h('h2', { id: 'review-summary-title', tabindex: -1 }, t('review.summaryTitle')),
      current.queue.length === 0 && h('p', { class: 'empty' }, t('review.empty')),
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, t('review.reviewed')),
        h('dd', { id: 'review-count' }, `${current.reviewed} / ${current.queue.length}`),
        h('dt', null, t('review.updated')),
        h('dd', null, String(current.updated)),
        h('dt', null, t('review.flaggedCount')),
        h('dd', null, String(current.flagged.length)),
        h('dt', null, t('review.totalAmount')),
        h('dd', null, money(current.totalAmount)),
      ),
      current.flagged.length > 0 && [
        h('h3', null, t('review.flaggedList')),
        h(
          'ul',
          { class: 'deal-lines' },
          current.flagged.map((deal) => dealLine(deal, open, app.boot.today)),
        ),
      ],
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              session = null;
              showReview(app, content, where.notice, where.stillHere);
            },
          },
          t('review.again'),
        ),
      ),
    ),
  );
  content.querySelector<HTMLElement>('#review-summary-title')?.focus();
  app.status(t('review.summaryTitle'));
}
