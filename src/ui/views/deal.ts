// The Deal tab: one opportunity with its follow-up, stage moves, next action, log, checklist and details.

import { dealTitle } from '../../domain/deal-title';
import { fieldByKey, fieldKeys } from '../../domain/fields';
import type { DealView, RpcRequest } from '../../shared/rpc';
import { type App, write } from '../app';
import { h } from '../dom';
import {
  clearFieldErrors,
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
      h(
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
  );
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

function nextActionSection(app: App, view: DealView): HTMLElement {
  const { deal } = view;
  const slot = h('div', { class: 'slot' });
  const fields = nextActionFields(app, deal, 'next');
  const save = (
    values: NonNullable<ReturnType<typeof fields.read>>,
    seen: DealView,
    done: string,
  ) =>
    write('setNextAction', {
      app,
      seen,
      slot,
      controls: form,
      fields: fields.controls,
      payload: (version) => ({ id: deal.id, version, ...nextActionRequest(values) }),
      done: (next) => {
        app.showDeal(next);
        app.saved(done);
      },
    });
  /** The daily loop in one click: the action on file is logged as done today, then the next saved. */
  const markDone = async () => {
    const values = fields.read();
    if (!values) return;
    let logged: DealView | null = null;
    const typeSelect = document.getElementById('log-type');
    const type = (
      typeSelect instanceof HTMLSelectElement ? typeSelect.value : 'call'
    ) as ContactType;
    const ok = await write('logInteraction', {
      app,
      seen: view,
      slot,
      controls: form,
      payload: (version) => ({
        id: deal.id,
        version,
        type,
        date: app.boot.today,
        summary: deal.nextAction,
      }),
      done: (next) => {
        logged = next;
      },
    });
    if (ok && logged) await save(values, logged, t('next.doneSaved'));
  };
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'card',
      aria: { labelledby: 'next-title' },
      onsubmit: (event) => {
        event.preventDefault();
        const values = fields.read();
        if (values) void save(values, view, t('next.saved'));
      },
    },
    h('h3', { id: 'next-title' }, t('next.title')),
    fields.nodes,
    slot,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'next-save' }, t('next.save')),
      deal.nextAction !== '' &&
        h(
          'button',
          {
            type: 'button',
            id: 'next-done',
            aria: { describedby: 'next-done-hint' },
            onclick: () => void markDone(),
          },
          t('next.done'),
        ),
    ),
    deal.nextAction !== '' &&
      h(
        'p',
        { class: 'hint', id: 'next-done-hint' },
        t('next.doneHint', { what: deal.nextAction }),
      ),
  );
  form.noValidate = true;
  return form;
}

function logSection(app: App, view: DealView): HTMLElement {
  const { deal } = view;
  const slot = h('div', { class: 'slot' });
  const offered = contactTypes.filter(
    (type) => app.boot.contactTypes.length === 0 || app.boot.contactTypes.includes(type),
  );
  const type = h(
    'select',
    { id: 'log-type' },
    (offered.length > 0 ? offered : contactTypes).map((value) =>
      h('option', { value }, tMaybe(`contact.${value}`) ?? value),
    ),
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
