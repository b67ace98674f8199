// The Deal tab: one opportunity with its follow-up, stage moves, next action, log, checklist and details.

import { contactKindOf } from '../../domain/contact-kind';
import { dealTitle } from '../../domain/deal-title';
import { fieldByKey, fieldKeys } from '../../domain/fields';
import type { DealView, RpcRequest } from '../../shared/rpc';
import { type App, write } from '../app';
import { h } from '../dom';
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
import { daysBetween, starsText } from '../format';
import { day, language, money, type StringKey, t, tMaybe } from '../strings';
import { nextActionFields, nextActionRequest } from './next-action';
import { stageSection } from './stage-moves';

type Stage = App['boot']['stages'][number];
type ContactType = RpcRequest<'logInteraction'>['type'];
const contactTypes: readonly ContactType[] = ['call', 'meeting', 'email', 'visit', 'demo'];
const scoringFields = ['budget', 'authority', 'timeline', 'pain', 'fit'] as const;

export function dealView(app: App, view: DealView): HTMLElement {
  const { deal } = view;
  return h(
    'article',
    { class: 'deal', aria: { labelledby: 'deal-name' }, data: { 'deal-id': deal.id } },
    dealHead(app, view),
    facts(app, view),
    followUp(app, view),
    view.problems.length > 0 &&
      h(
        'section',
        { class: 'problems', aria: { label: t('deal.problems') } },
        h('h3', null, t('deal.problems')),
        h(
          'ul',
          null,
          view.problems.map((problem) => h('li', null, problem)),
        ),
      ),
    stageSection(app, view, (next) => app.showDeal(next)),
    nextActionSection(app, view),
    logSection(app, view),
    scoreSection(app, view),
    detailsSection(app, view),
    historySection(view),
  );
}

/**
 * Stays in view while the pane scrolls: the deal's name, stage and next action, so a save far
 * down still shows what it changed.
 */
function dealHead(app: App, view: DealView): HTMLElement {
  const { deal } = view;
  const late = deal.nextActionDate !== null && deal.nextActionDate < app.boot.today;
  const kind = kindOf(app, deal.stage);
  return h(
    'header',
    { class: 'deal-head' },
    h('h2', { id: 'deal-name' }, dealTitle(deal)),
    h(
      'p',
      { class: 'muted head-meta' },
      [deal.customer, t('deal.row', { row: view.row }), deal.owner].filter(Boolean).join(' · '),
    ),
    h(
      'p',
      { class: 'head-line' },
      h('span', { class: 'stage-pill', id: 'deal-stage' }, deal.stage),
      ' ',
      kind === 'won' || kind === 'lost'
        ? h('span', { id: 'head-next', class: `outcome outcome-${kind}` }, outcome(deal, kind))
        : h(
            'span',
            { id: 'head-next', class: late ? 'late' : '' },
            deal.nextAction
              ? [
                  t('deal.nextAction'),
                  ': ',
                  deal.nextAction,
                  deal.nextActionDate ? ` · ${day(deal.nextActionDate)}` : '',
                ]
              : t('follow.none'),
          ),
    ),
    nextInDay(app, deal.id),
  );
}

/**
 * Opens a deal to act on it (from My day): the cursor lands in its next action, selected, so the
 * seller types the next one straight away (unless they already went somewhere else meanwhile).
 */
export async function openToAct(app: App, id: string, row: number): Promise<void> {
  await app.openDeal(id, undefined, row);
  const what = document.getElementById('next-what');
  // Still where the click left it (nowhere, or the button that opened the deal): not elsewhere.
  const active = document.activeElement;
  const idle = active === null || active === document.body || active.matches('#next-in-day');
  if (what instanceof HTMLInputElement && idle) {
    what.focus();
    what.select();
  }
}

/** The loop through My day without going back to it: one click to the next deal listed. */
function nextInDay(app: App, id: string): HTMLElement | null {
  const next = app.nextInDay(id);
  if (!next) return null;
  return h(
    'button',
    {
      type: 'button',
      class: 'link next-in-day',
      id: 'next-in-day',
      onclick: () => void openToAct(app, next.id, next.row),
    },
    t('deal.nextInDay', { name: next.name }),
  );
}

/** A closed deal's outcome, in place of a next action it no longer has. */
function outcome(deal: DealView['deal'], kind: 'won' | 'lost'): string {
  const on = deal.closedOn ?? deal.stageEntered;
  const head = on
    ? t(kind === 'won' ? 'deal.wonOn' : 'deal.lostOn', { date: day(on) })
    : t(kind === 'won' ? 'deal.won' : 'deal.lost');
  const detail =
    kind === 'won'
      ? money(deal.amount)
      : [deal.lostReason, deal.lostNote].filter(Boolean).join(' · ');
  return detail ? `${head}${kind === 'won' ? ' · ' : ': '}${detail}` : head;
}

function facts(app: App, view: DealView): HTMLElement {
  const { deal } = view;
  const stars = view.score.stars;
  return h(
    'dl',
    { class: 'facts' },
    fact(t('deal.amount'), deal.amount === null ? t('deal.noAmount') : money(deal.amount)),
    fact(
      t('deal.closeDate'),
      deal.closeDate ? day(deal.closeDate) : t('deal.noCloseDate'),
      deal.closeDate && deal.closeDate < app.boot.today && kindOf(app, deal.stage) === 'open'
        ? 'late'
        : '',
    ),
    fact(
      t('score.title'),
      h(
        'span',
        { class: 'stars', id: 'deal-stars', aria: { label: t('stars.label', { stars }) } },
        starsText(stars),
      ),
    ),
  );
}

function fact(term: string, value: Node | string, mood = ''): HTMLElement[] {
  return [h('dt', null, term), h('dd', { class: mood }, value)];
}

function kindOf(app: App, stage: string): Stage['kind'] | undefined {
  return app.boot.stages.find((candidate) => candidate.name === stage)?.kind;
}

function followUp(app: App, view: DealView): HTMLElement {
  const { deal, followUp: f } = view;
  const badges: Array<[string, string]> = [];
  const days = deal.nextActionDate ? daysBetween(app.boot.today, deal.nextActionDate) : null;
  if (f.nextAction === 'overdue') {
    badges.push(['bad', t('follow.overdue', { days: Math.abs(days ?? 0) })]);
  } else if (f.nextAction === 'today') badges.push(['warn', t('follow.today')]);
  else if (f.nextAction === 'upcoming')
    badges.push(['ok', t('follow.upcoming', { days: days ?? 0 })]);
  else if (f.nextAction === 'none') badges.push(['bad', t('follow.none')]);
  else badges.push(['muted', t('follow.closed')]);
  if (f.stale !== 'fresh') {
    const params = { days: f.daysInStage ?? '?', target: f.targetDays ?? '?' };
    badges.push(
      f.stale === 'red' ? ['bad', t('follow.red', params)] : ['warn', t('follow.amber', params)],
    );
  }
  if (f.slipping) badges.push(['warn', t('follow.slipping', { count: f.closePushes })]);
  return h(
    'ul',
    { class: 'badges', id: 'follow-up' },
    badges.map(([mood, text]) => h('li', { class: `badge ${mood}` }, text)),
  );
}

// ---- Next action and interactions --------------------------------------------------------------

/** A closed deal has no next action: the card and its buttons are gone (the head shows the outcome). */
function nextActionSection(app: App, view: DealView): HTMLElement | null {
  const { deal } = view;
  if ((kindOf(app, deal.stage) ?? 'open') !== 'open') return null;
  const slot = h('div', { class: 'slot' });
  const fields = nextActionFields(app, deal, 'next');
  const offered = offeredTypes(app);
  const inferred = contactKindOf(deal.nextAction);
  const doneType = h(
    'select',
    { id: 'next-done-type', aria: { describedby: 'next-done-hint' } },
    offered.map((value) =>
      h('option', { value, selected: value === inferred }, tMaybe(`contact.${value}`) ?? value),
    ),
  );
  const done = deal.nextAction.trim();
  /**
   * The daily loop in one click: the action on file logged as done today (as the kind chosen
   * beside the button), the next one saved in the same save. Left as it was, the next action is
   * not saved again: the deal then has none, and the toast says so and asks for one.
   */
  const markDone = () => {
    const { nextAction: what, nextActionDate: when } = fields.controls;
    const typed = readDate(when);
    const same = what.value.trim() === done && typed.ok && typed.date === deal.nextActionDate;
    const values = same
      ? { nextAction: '', nextActionDate: null, nextActionGoal: '', confirmPast: false }
      : fields.read({ asNew: true });
    if (!values) return;
    const type = doneType.value as ContactType;
    const kind = tMaybe(`contactKind.${type}`) ?? type;
    void write('markDone', {
      app,
      seen: view,
      slot,
      controls: form,
      fields: fields.controls,
      payload: (version) => ({ id: deal.id, version, type, ...nextActionRequest(values) }),
      done: (next) => {
        app.showDeal(next);
        if (same || values.nextAction === '') {
          app.saved(t('next.doneNoNext', { what: done, kind }));
          // The deal needs a next action now: the seller types it where the cursor is.
          return document.getElementById(what.id);
        }
        app.saved(
          t(values.nextActionDate ? 'next.doneSaved' : 'next.doneSavedNoDate', {
            what: done,
            kind,
            next: values.nextAction,
            date: day(values.nextActionDate),
          }),
        );
        return null;
      },
    });
  };
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'card',
      aria: { labelledby: 'next-title' },
      onsubmit: (event) => {
        event.preventDefault();
        const values = fields.read();
        if (!values) return;
        void write('setNextAction', {
          app,
          seen: view,
          slot,
          controls: form,
          fields: fields.controls,
          payload: (version) => ({ id: deal.id, version, ...nextActionRequest(values) }),
          done: (next) => {
            app.showDeal(next);
            app.saved(t('next.saved'));
          },
        });
      },
    },
    h('h3', { id: 'next-title' }, t('next.title')),
    fields.nodes,
    slot,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'next-save' }, t('next.save')),
    ),
    done !== '' && [
      h(
        'div',
        { class: 'done-row' },
        h(
          'button',
          {
            type: 'button',
            id: 'next-done',
            aria: { describedby: 'next-done-hint' },
            onclick: markDone,
          },
          t('next.done'),
        ),
        h('label', { for: 'next-done-type' }, t('next.doneAs')),
        doneType,
      ),
      h('p', { class: 'hint', id: 'next-done-hint' }, t('next.doneHint', { what: done })),
    ],
  );
  form.noValidate = true;
  return form;
}

/** The contact types this file offers (all of them when Settings name none). */
function offeredTypes(app: App): readonly ContactType[] {
  const offered = contactTypes.filter(
    (type) => app.boot.contactTypes.length === 0 || app.boot.contactTypes.includes(type),
  );
  return offered.length > 0 ? offered : contactTypes;
}

function logSection(app: App, view: DealView): HTMLElement {
  const { deal } = view;
  const slot = h('div', { class: 'slot' });
  const type = h(
    'select',
    { id: 'log-type' },
    offeredTypes(app).map((value) => h('option', { value }, tMaybe(`contact.${value}`) ?? value)),
  );
  const date = dateInput('log-date', app.boot.today);
  const summary = h('textarea', {
    id: 'log-summary',
    rows: 2,
    aria: { describedby: 'log-hint' },
    onkeydown: (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    },
  });
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'card',
      aria: { labelledby: 'log-title' },
      onsubmit: (event) => {
        event.preventDefault();
        clearFieldErrors(form);
        if (summary.value.trim() === '') {
          fieldError(summary, t('log.summaryRequired'));
          summary.focus();
          return;
        }
        if (!lengthsFit(form)) return;
        const when = readDate(date);
        if (!when.ok) {
          date.focus();
          return;
        }
        void write('logInteraction', {
          app,
          seen: view,
          slot,
          controls: form,
          fields: { type, date, summary },
          payload: (version) => ({
            id: deal.id,
            version,
            type: type.value as ContactType,
            date: when.date ?? app.boot.today,
            summary: summary.value.trim(),
          }),
          done: (next) => {
            app.showDeal(next);
            app.saved(t('log.saved'));
          },
        });
      },
    },
    h('h3', { id: 'log-title' }, t('log.title')),
    h(
      'div',
      { class: 'row' },
      h('div', null, h('label', { for: 'log-type' }, t('log.type')), type),
      h('div', null, h('label', { for: 'log-date' }, t('log.date')), date),
    ),
    h('label', { for: 'log-summary' }, t('log.summary')),
    ...limited(summary, 2000),
    h('p', { class: 'hint', id: 'log-hint' }, t('log.hint')),
    slot,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('log.save')),
    ),
  );
  return form;
}

// ---- Scoring checklist -------------------------------------------------------------------------

function scoreSection(app: App, view: DealView): HTMLElement {
  const { deal } = view;
  const slot = h('div', { class: 'slot' });
  const boxes = new Map<string, HTMLInputElement>();
  const save = () =>
    void write('setChecklist', {
      app,
      seen: view,
      slot,
      controls: fieldset,
      payload: (version) => ({
        id: deal.id,
        version,
        checklist: {
          budget: boxes.get('budget')?.checked === true,
          authority: boxes.get('authority')?.checked === true,
          timeline: boxes.get('timeline')?.checked === true,
          pain: boxes.get('pain')?.checked === true,
          fit: boxes.get('fit')?.checked === true,
        },
        decisionMakerMet: boxes.get('dmMet')?.checked === true,
      }),
      done: (next) => {
        app.showDeal(next);
        app.saved(t('score.saved', { stars: t('stars.label', { stars: next.score.stars }) }));
      },
    });
  const box = (key: string, label: string, checked: boolean, weight: string | null) => {
    const input = h('input', { type: 'checkbox', id: `score-${key}`, checked, onchange: save });
    boxes.set(key, input);
    return h(
      'label',
      { class: 'check' },
      input,
      h('span', { class: 'grow' }, label),
      weight && h('span', { class: 'weight muted' }, weight),
    );
  };
  const items = new Map(view.score.items.map((item) => [item.field, item]));
  const fieldset: HTMLFieldSetElement = h(
    'fieldset',
    { class: 'card score' },
    h(
      'legend',
      null,
      `${t('score.title')} `,
      h(
        'span',
        { class: 'stars', aria: { label: t('stars.label', { stars: view.score.stars }) } },
        starsText(view.score.stars),
      ),
    ),
    h(
      'p',
      { class: 'muted', id: 'score-summary' },
      t('score.summary', { score: view.score.score }),
    ),
    scoringFields.map((field) => {
      const item = items.get(field);
      const weight = item?.weight ?? app.boot.scoringWeights[field];
      return box(field, t(`score.${field}` as StringKey), deal[field], `+${weight}`);
    }),
    box('dmMet', t('score.dmMet'), deal.decisionMakerMet, null),
    slot,
  );
  return fieldset;
}

// ---- Details and history -----------------------------------------------------------------------

function detailsSection(app: App, view: DealView): HTMLElement {
  const { deal } = view;
  const slot = h('div', { class: 'slot' });
  const name = h('input', { id: 'details-name', type: 'text', value: deal.name });
  const customer = h('input', { id: 'details-customer', type: 'text', value: deal.customer });
  const amount = h('input', {
    id: 'details-amount',
    type: 'number',
    min: '0',
    step: 'any',
    value: deal.amount === null ? '' : String(deal.amount),
  });
  const closeDate = dateInput('details-close', deal.closeDate);
  // An e-mail, or a person's name the Team tab gives the e-mail of (adopted sheets keep names).
  const owner = h('input', { id: 'details-owner', type: 'text', value: deal.owner });
  const form: HTMLFormElement = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        clearFieldErrors(form);
        if (!lengthsFit(form)) return;
        const typed = readAmount(amount);
        const close = readDate(closeDate);
        if (!typed.ok || !close.ok) {
          (typed.ok ? closeDate : amount).focus();
          return;
        }
        if (!pastDateKept(closeDate, close.date, deal.closeDate, app.boot.today)) return;
        if (!amountKept(amount, typed.amount, deal.amount, app.boot.amountCheck)) {
          document.getElementById(`${amount.id}-confirm`)?.focus();
          return;
        }
        const patch: RpcRequest<'updateDeal'>['patch'] = {};
        if (name.value.trim() && name.value.trim() !== deal.name) patch.name = name.value.trim();
        if (customer.value.trim() && customer.value.trim() !== deal.customer) {
          patch.customer = customer.value.trim();
        }
        if (typed.amount !== deal.amount) patch.amount = typed.amount;
        if (close.date !== deal.closeDate) patch.closeDate = close.date;
        if (owner.value.trim() !== deal.owner) patch.owner = owner.value.trim();
        if (Object.keys(patch).length === 0) {
          app.saved(t('app.saved'));
          return;
        }
        void write('updateDeal', {
          app,
          seen: view,
          slot,
          controls: form,
          fields: { name, customer, amount, closeDate, owner },
          payload: (version) => ({
            id: deal.id,
            version,
            patch,
            ...(keepsPast(closeDate) ? { confirmPast: true } : {}),
            ...(confirmsAmount(amount) ? { confirmAmount: true } : {}),
          }),
          done: (next) => {
            app.showDeal(next);
            app.saved(t('app.saved'));
          },
        });
      },
    },
    h('label', { for: 'details-name' }, t('details.name')),
    ...limited(name, 200),
    h('label', { for: 'details-customer' }, t('details.customer')),
    ...limited(customer, 200),
    h(
      'div',
      { class: 'row' },
      h('div', null, h('label', { for: 'details-amount' }, t('details.amount')), amount),
      h('div', null, h('label', { for: 'details-close' }, t('details.closeDate')), closeDate),
    ),
    h('label', { for: 'details-owner' }, t('details.owner')),
    owner,
    slot,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('details.save'))),
  );
  return h(
    'details',
    { class: 'card', id: 'details-card' },
    h('summary', null, t('details.title')),
    form,
  );
}

function historySection(view: DealView): HTMLElement {
  const items = view.history.slice(-15).reverse();
  return h(
    'details',
    { class: 'card history', id: 'history-card' },
    h('summary', null, `${t('history.title')} (${view.history.length})`),
    items.length === 0
      ? h('p', { class: 'muted' }, t('history.empty'))
      : h(
          'ol',
          null,
          items.map((item) =>
            h(
              'li',
              null,
              h('span', { class: 'muted' }, `${day(item.at.slice(0, 10))} · ${item.user}`),
              h('br'),
              `${fieldName(item.field)}: `,
              item.old ? `${item.old} → ${item.new}` : item.new,
            ),
          ),
        ),
  );
}

function fieldName(field: string): string {
  if ((fieldKeys as readonly string[]).includes(field)) {
    return fieldByKey[field as keyof typeof fieldByKey].header[language()];
  }
  return tMaybe(`history.${field}`) ?? field;
}
