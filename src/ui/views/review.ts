// Weekly review: walk the open deals by close date then amount, confirm or update each, end with a summary.

import { dealTitle } from '../../domain/deal-title';
import { reviewSummary } from '../../domain/review';
import type { Deal, DealSummary, DealView } from '../../shared/rpc';
import { type App, write } from '../app';
import { h, mount } from '../dom';
import { askToKeepPast, dateInput, keepsPast, readDate } from '../fields';
import { call, type RpcFailure, rowHinted } from '../rpc-client';
import { day, money, t } from '../strings';
import { dealLine } from './deal-line';
import { showFailure } from './failure';
import { nextActionFields, nextActionRequest } from './next-action';
import { stageSection } from './stage-moves';

interface ReviewSession {
  queue: DealSummary[];
  /** Deals the server already flags: unchanged across the last two weekly reviews. */
  flaggedBefore: Set<string>;
  index: number;
  /** Each reviewed deal as its step first showed it, and as the step left it. */
  before: Map<string, Deal>;
  after: Map<string, Deal>;
  /** Deals done in this session (confirmed, updated, moved, won or lost), in order. */
  reviewed: string[];
  /** Deals the server flagged when they were confirmed: a decision is due. */
  flagged: string[];
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
            // The server's order (the domain's reviewQueue): close date, then amount.
            queue: answer.queue,
            flaggedBefore: new Set(answer.flagged),
            index: 0,
            before: new Map(),
            after: new Map(),
            reviewed: [],
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
      current.current = await call('getDeal', rowHinted(summaryLine.id, summaryLine.row));
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
  if (!current.before.has(view.deal.id)) current.before.set(view.deal.id, view.deal);
  showStep(where, current, view);
  content.querySelector<HTMLElement>('#review-next-what')?.focus();
}

function showStep(where: Where, current: ReviewSession, view: DealView): void {
  mount(where.content, stepForm(where, current, view));
  const close = where.content.querySelector<HTMLInputElement>('#review-close');
  const { closeDate } = view.deal;
  if (close && closeDate !== null && closeDate < where.app.boot.today && isOpenStage(where, view)) {
    askToKeepPast(close, t('review.closePassed'));
  }
}

function isOpenStage(where: Where, view: DealView): boolean {
  const stage = where.app.boot.stages.find((s) => s.name === view.deal.stage);
  return (stage?.kind ?? 'open') === 'open';
}

/** The step is done: the deal as it is now counts as reviewed, and the next one comes. */
function next(where: Where, current: ReviewSession, now: Deal, flagged = false): void {
  current.after.set(now.id, now);
  if (!current.reviewed.includes(now.id)) current.reviewed.push(now.id);
  if (flagged && !current.flagged.includes(now.id)) current.flagged.push(now.id);
  current.index += 1;
  void step(where, current);
}

function stepForm(where: Where, current: ReviewSession, view: DealView): HTMLElement {
  const { app } = where;
  const { deal } = view;
  const slot = h('div', { class: 'slot' });
  const fields = nextActionFields(app, deal, 'review-next');
  const close = dateInput('review-close', deal.closeDate);
  const flagged = current.flaggedBefore.has(deal.id);
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'review-step',
      aria: { labelledby: 'review-deal-name' },
      onsubmit: (event) => {
        event.preventDefault();
        const values = fields.read();
        if (!values) return;
        const closeDate = readDate(close);
        if (!closeDate.ok) {
          close.focus();
          return;
        }
        const passed = closeDate.date !== null && closeDate.date < app.boot.today;
        if (passed && isOpenStage(where, view) && !keepsPast(close)) {
          askToKeepPast(close, t('review.closePassed'));
          document.getElementById('review-close-keep')?.focus();
          return;
        }
        void write('reviewDeal', {
          app,
          seen: view,
          slot,
          controls: form,
          fields: { ...fields.controls, closeDate: close },
          payload: (version) => ({
            id: deal.id,
            version,
            ...nextActionRequest(values, values.confirmPast || keepsPast(close)),
            closeDate: closeDate.date,
          }),
          done: (result) => next(where, current, result.view.deal, result.flagged),
          keepTheirs: (now) => {
            current.current = now;
            void step(where, current);
          },
        });
      },
    },
    fields.nodes,
    h('label', { for: 'review-close' }, t('deal.closeDate')),
    close,
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
  );
  form.noValidate = true;
  const moved = (now: DealView) => {
    current.current = now;
    // Won or lost is the decision the review asks for: the step is done.
    if (isOpenStage(where, now)) showStep(where, current, now);
    else next(where, current, now.deal);
  };
  return h(
    'div',
    { class: 'review-step-wrap' },
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
    h('h2', { id: 'review-deal-name' }, dealTitle(deal)),
    h(
      'p',
      { class: 'muted' },
      [deal.customer, deal.stage, money(deal.amount), day(deal.closeDate)]
        .filter(Boolean)
        .join(' · '),
    ),
    form,
    stageSection(app, view, moved, 'review-stage'),
    stepActions(where, current, deal.id),
  );
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

/** The session's figures, counted by the domain's reviewSummary from the deals before and after. */
function summary(where: Where, current: ReviewSession): void {
  const { app, content } = where;
  const open = (id: string, row: number) => void app.openDeal(id, undefined, row);
  const figures = reviewSummary(
    [...current.before.values()],
    [...current.after.values()],
    current.reviewed,
    current.flagged,
    { stages: app.boot.stages },
  );
  const figure = (label: string, value: string, id?: string) => [
    h('dt', null, label),
    h('dd', id ? { id } : null, value),
  ];
  const flaggedLines = current.queue.filter((line) => figures.ids.flagged.includes(line.id));
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
        figure(
          t('review.reviewed'),
          `${current.reviewed.length} / ${current.queue.length}`,
          'review-count',
        ),
        figure(t('review.confirmed'), String(figures.confirmed)),
        figure(t('review.updated'), String(figures.updated)),
        figure(t('review.moved'), String(figures.moved)),
        figure(t('review.lost'), String(figures.lost)),
        figure(t('review.flaggedCount'), String(figures.flagged)),
        figure(t('review.totalAmount'), money(figures.totalAmount)),
      ),
      flaggedLines.length > 0 && [
        h('h3', null, t('review.flaggedList')),
        h(
          'ul',
          { class: 'deal-lines' },
          flaggedLines.map((deal) => dealLine(deal, open, app.boot.today)),
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
