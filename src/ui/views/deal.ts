// The Deal tab: one opportunity with its follow-up, stage moves, next action, log, checklist and details.

import { fieldByKey, fieldKeys } from '../../domain/fields';
import type { DealView, RpcRequest } from '../../shared/rpc';
import { type App, write } from '../app';
import { h } from '../dom';
import { daysBetween, starsText } from '../format';
import { day, language, money, type StringKey, t, tMaybe } from '../strings';

type Stage = App['boot']['stages'][number];
type ContactType = RpcRequest<'logInteraction'>['type'];
const contactTypes: readonly ContactType[] = ['call', 'meeting', 'email', 'visit', 'demo'];
const scoringFields = ['budget', 'authority', 'timeline', 'pain', 'fit'] as const;

/** Exit-criteria ticks are the seller's own reminder: kept for the session, per deal and stage. */
const exitTicks = new Map<string, Set<number>>();

export function dealView(app: App, view: DealView): HTMLElement {
  const { deal } = view;
  return h(
    'article',
    { class: 'deal', aria: { labelledby: 'deal-name' }, data: { 'deal-id': deal.id } },
    h(
      'header',
      { class: 'deal-head' },
      h('h2', { id: 'deal-name' }, deal.name),
      h(
        'p',
        { class: 'muted' },
        [deal.customer, t('deal.row', { row: view.row }), deal.owner].filter(Boolean).join(' · '),
      ),
    ),
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
    stageSection(app, view),
    nextActionSection(app, view),
    logSection(app, view),
    scoreSection(app, view),
    detailsSection(app, view),
    historySection(view),
  );
}

function facts(app: App, view: DealView): HTMLElement {
  const { deal } = view;
  const stars = view.score.stars;
  return h(
    'dl',
    { class: 'facts' },
    fact(t('deal.stage'), h('span', { class: 'stage-pill', id: 'deal-stage' }, deal.stage)),
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

// ---- Stage moves -------------------------------------------------------------------------------

function stageSection(app: App, view: DealView): HTMLElement {
  const { deal } = view;
  const panel = h('div', { class: 'panel-slot' });
  const slot = h('div', { class: 'slot' });
  const section = h('section', { class: 'card', aria: { labelledby: 'stage-title' } });

  const move = (
    to: string,
    extra: Omit<RpcRequest<'moveStage'>, 'id' | 'version' | 'to'>,
    panelSlot?: HTMLElement,
  ) =>
    write('moveStage', {
      app,
      seen: view,
      slot: panelSlot ?? slot,
      controls: section,
      payload: (version) => ({ id: deal.id, version, to, ...extra }),
      done: (next) => {
        app.showDeal(next);
        app.status(t('stage.moved', { stage: next.deal.stage }));
      },
    });

  const buttons = app.boot.stages.map((stage) => {
    const current = stage.name === deal.stage;
    return h(
      'button',
      {
        type: 'button',
        id: `stage-${app.boot.stages.indexOf(stage)}`,
        class: `stage stage-${stage.kind}`,
        disabled: current,
        aria: current ? { current: 'step' } : {},
        title: current ? t('stage.current', { stage: stage.name }) : undefined,
        onclick: (event) => {
          const opener = event.currentTarget as HTMLButtonElement;
          if (stage.kind === 'lost') {
            openPanel(panel, lostPanel(app, stage, opener, panel, move));
          } else if (stage.kind === 'won' && deal.amount === null) {
            openPanel(panel, wonPanel(app, stage, opener, panel, move));
          } else {
            panel.replaceChildren();
            void move(stage.name, {});
          }
        },
      },
      stage.name,
    );
  });

  section.append(
    h('h3', { id: 'stage-title' }, t('stage.title')),
    h(
      'div',
      { class: 'stage-buttons', role: 'group', aria: { labelledby: 'stage-title' } },
      buttons,
    ),
    panel,
    slot,
    exitCriteria(view) ?? '',
  );
  return section;
}

function exitCriteria(view: DealView): HTMLElement | null {
  if (view.exitCriteria.length === 0) return null;
  const key = `${view.deal.id}\u001f${view.deal.stage}`;
  const ticks = exitTicks.get(key) ?? new Set<number>();
  exitTicks.set(key, ticks);
  return h(
    'fieldset',
    { class: 'exit-criteria' },
    h('legend', null, t('stage.exitCriteria', { stage: view.deal.stage })),
    view.exitCriteria.map((criterion, index) =>
      h(
        'label',
        { class: 'check' },
        h('input', {
          type: 'checkbox',
          id: `exit-${index}`,
          checked: ticks.has(index),
          onchange: (event) => {
            if ((event.target as HTMLInputElement).checked) ticks.add(index);
            else ticks.delete(index);
          },
        }),
        criterion,
      ),
    ),
    h('p', { class: 'hint' }, t('stage.exitNote')),
  );
}

type Move = (
  to: string,
  extra: Omit<RpcRequest<'moveStage'>, 'id' | 'version' | 'to'>,
  panelSlot?: HTMLElement,
) => Promise<boolean>;

function openPanel(slot: HTMLElement, panel: HTMLElement): void {
  slot.replaceChildren(panel);
  panel.querySelector<HTMLElement>('select, input, textarea')?.focus();
}

/** A dialog-like form inside the page: Escape or Cancel closes it and gives focus back. */
function panelForm(
  title: string,
  opener: HTMLElement,
  slot: HTMLElement,
  onSubmit: (form: HTMLFormElement, errors: HTMLElement) => void,
  confirm: string,
  ...fields: Node[]
): HTMLFormElement {
  const close = () => {
    slot.replaceChildren();
    opener.focus();
  };
  const errors = h('div', { class: 'slot' });
  const titleId = `${opener.id}-panel-title`;
  const form = h(
    'form',
    {
      class: 'panel',
      role: 'group',
      aria: { labelledby: titleId },
      onsubmit: (event) => {
        event.preventDefault();
        onSubmit(form, errors);
      },
      onkeydown: (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          close();
        }
      },
    },
    h('h4', { id: titleId }, title),
    fields,
    errors,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, confirm),
      h('button', { type: 'button', onclick: close }, t('app.cancel')),
    ),
  );
  form.noValidate = true;
  return form;
}

function lostPanel(
  app: App,
  stage: Stage,
  opener: HTMLElement,
  slot: HTMLElement,
  move: Move,
): HTMLFormElement {
  const reason = h(
    'select',
    { id: 'lost-reason', name: 'lostReason' },
    h('option', { value: '' }, t('lost.choose')),
    app.boot.lostReasons.map((option) => h('option', { value: option.name }, option.name)),
  );
  const noteLabel = h('label', { for: 'lost-note' }, t('lost.note'));
  const note = h('textarea', { id: 'lost-note', name: 'lostNote', rows: 2, maxlength: 1000 });
  reason.addEventListener('change', () => {
    const needsNote = app.boot.lostReasons.some((r) => r.name === reason.value && r.requiresNote);
    noteLabel.textContent = needsNote ? t('lost.noteRequired') : t('lost.note');
  });
  return panelForm(
    t('lost.title'),
    opener,
    slot,
    (_form, errors) =>
      void move(
        stage.name,
        {
          lostReason: reason.value || undefined,
          lostNote: note.value.trim() || undefined,
        },
        errors,
      ).then((moved) => {
        if (moved) return;
        const needsNote = app.boot.lostReasons.some(
          (r) => r.name === reason.value && r.requiresNote,
        );
        (needsNote && !note.value.trim() ? note : reason).focus();
      }),
    t('lost.confirm'),
    h('label', { for: 'lost-reason' }, t('lost.reason')),
    reason,
    noteLabel,
    note,
  );
}

function wonPanel(
  app: App,
  stage: Stage,
  opener: HTMLElement,
  slot: HTMLElement,
  move: Move,
): HTMLFormElement {
  const amount = h('input', {
    id: 'won-amount',
    type: 'number',
    min: '0',
    step: 'any',
    inputmode: 'decimal',
  });
  const closedOn = h('input', { id: 'won-closed-on', type: 'date', value: app.boot.today });
  return panelForm(
    t('won.title'),
    opener,
    slot,
    (_form, errors) =>
      void move(
        stage.name,
        {
          amount: numberOrUndefined(amount),
          closedOn: closedOn.value || undefined,
        },
        errors,
      ),
    t('won.confirm'),
    h('label', { for: 'won-amount' }, t('won.amount')),
    amount,
    h('label', { for: 'won-closed-on' }, t('won.closedOn')),
    closedOn,
  );
}

function numberOrUndefined(input: HTMLInputElement): number | undefined {
  const value = input.valueAsNumber;
  return Number.isFinite(value) ? value : undefined;
}

// ---- Next action and interactions --------------------------------------------------------------

function nextActionSection(app: App, view: DealView): HTMLElement {
  const { deal } = view;
  const slot = h('div', { class: 'slot' });
  const what = h('input', {
    id: 'next-what',
    type: 'text',
    value: deal.nextAction,
    maxlength: 500,
  });
  const when = h('input', { id: 'next-date', type: 'date', value: deal.nextActionDate ?? '' });
  const goal = h('input', {
    id: 'next-goal',
    type: 'text',
    value: deal.nextActionGoal,
    maxlength: 500,
  });
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'card',
      aria: { labelledby: 'next-title' },
      onsubmit: (event) => {
        event.preventDefault();
        void write('setNextAction', {
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
          }),
          done: (next) => {
            app.showDeal(next);
            app.status(t('next.saved'));
          },
        });
      },
    },
    h('h3', { id: 'next-title' }, t('next.title')),
    h('label', { for: 'next-what' }, t('next.what')),
    what,
    h('label', { for: 'next-date' }, t('next.date')),
    when,
    h('label', { for: 'next-goal' }, t('next.goal')),
    goal,
    slot,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('next.save')),
    ),
  );
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
  const date = h('input', { id: 'log-date', type: 'date', value: app.boot.today });
  const summary = h('textarea', {
    id: 'log-summary',
    rows: 2,
    maxlength: 2000,
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
        if (summary.value.trim() === '') {
          slot.replaceChildren(
            h('p', { class: 'failure', role: 'alert' }, t('log.summaryRequired')),
          );
          summary.focus();
          return;
        }
        void write('logInteraction', {
          app,
          seen: view,
          slot,
          controls: form,
          payload: (version) => ({
            id: deal.id,
            version,
            type: type.value as ContactType,
            date: date.value || app.boot.today,
            summary: summary.value.trim(),
          }),
          done: (next) => {
            app.showDeal(next);
            app.status(t('log.saved'));
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
    summary,
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
        app.status(t('score.saved', { stars: t('stars.label', { stars: next.score.stars }) }));
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
  const name = h('input', { id: 'details-name', type: 'text', value: deal.name, maxlength: 200 });
  const customer = h('input', {
    id: 'details-customer',
    type: 'text',
    value: deal.customer,
    maxlength: 200,
  });
  const amount = h('input', {
    id: 'details-amount',
    type: 'number',
    min: '0',
    step: 'any',
    value: deal.amount === null ? '' : String(deal.amount),
  });
  const closeDate = h('input', { id: 'details-close', type: 'date', value: deal.closeDate ?? '' });
  const owner = h('input', { id: 'details-owner', type: 'email', value: deal.owner });
  const form: HTMLFormElement = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        const patch: RpcRequest<'updateDeal'>['patch'] = {};
        if (name.value.trim() && name.value.trim() !== deal.name) patch.name = name.value.trim();
        if (customer.value.trim() && customer.value.trim() !== deal.customer) {
          patch.customer = customer.value.trim();
        }
        const newAmount = Number.isFinite(amount.valueAsNumber) ? amount.valueAsNumber : null;
        if (newAmount !== deal.amount) patch.amount = newAmount;
        if ((closeDate.value || null) !== deal.closeDate) patch.closeDate = closeDate.value || null;
        if (owner.value.trim() !== deal.owner) patch.owner = owner.value.trim();
        if (Object.keys(patch).length === 0) {
          app.status(t('app.saved'));
          return;
        }
        void write('updateDeal', {
          app,
          seen: view,
          slot,
          controls: form,
          payload: (version) => ({ id: deal.id, version, patch }),
          done: (next) => app.showDeal(next),
        });
      },
    },
    h('label', { for: 'details-name' }, t('details.name')),
    name,
    h('label', { for: 'details-customer' }, t('details.customer')),
    customer,
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
