// Stage buttons with their Lost and Won forms: one view for the deal pane and the weekly review.

import { moveFields } from '../../domain/daily-loop';
import type { DealView, RpcRequest } from '../../shared/rpc';
import { type App, write } from '../app';
import { h } from '../dom';
import {
  amountKept,
  clearFieldErrors,
  confirmsAmount,
  dateInput,
  fieldError,
  lengthsFit,
  limited,
  readAmount,
  readDate,
} from '../fields';
import { t } from '../strings';

type Stage = App['boot']['stages'][number];
type MoveExtra = Omit<RpcRequest<'moveStage'>, 'id' | 'version' | 'to'>;
type Move = (
  to: string,
  extra: MoveExtra,
  panelSlot?: HTMLElement,
  fields?: Record<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>,
) => Promise<boolean>;

/** Exit-criteria ticks are the seller's own reminder: kept for the session, per deal and stage. */
const exitTicks = new Map<string, Set<number>>();

/** How long a Won or Lost move can be undone from its toast. */
const undoMs = 10_000;

/**
 * The stage card: one button per stage (Lost asks why, Won asks the amount when the deal has
 * none), the current stage's exit criteria. `moved` gets the deal after a move; a Won or Lost
 * move offers Undo in its toast for 10 s, and `undone` gets the deal set back.
 */
export function stageSection(
  app: App,
  view: DealView,
  moved: (next: DealView) => void,
  idPrefix = 'stage',
  undone: (now: DealView) => void = moved,
): HTMLElement {
  const { deal } = view;
  const panel = h('div', { class: 'panel-slot' });
  const slot = h('div', { class: 'slot' });
  const titleId = `${idPrefix}-title`;
  const section = h('section', { class: 'card', aria: { labelledby: titleId } });

  const move: Move = (to, extra, panelSlot, fields) =>
    write('moveStage', {
      app,
      seen: view,
      slot: panelSlot ?? slot,
      controls: section,
      ...(fields ? { fields } : {}),
      payload: (version) => ({ id: deal.id, version, to, ...extra }),
      done: (next) => {
        const kind = app.boot.stages.find((stage) => stage.name === next.deal.stage)?.kind;
        if (kind === 'won' || kind === 'lost') {
          app.toast(t('stage.moved', { stage: next.deal.stage }), {
            kind: 'saved',
            ms: undoMs,
            action: {
              label: t('undo.button'),
              shortcut: 'z',
              run: () => void undoMove(app, view, next, undone, idPrefix),
            },
          });
        } else app.saved(t('stage.moved', { stage: next.deal.stage }));
        moved(next);
      },
    });

  const buttons = app.boot.stages.map((stage, index) => {
    const current = stage.name === deal.stage;
    return h(
      'button',
      {
        type: 'button',
        id: `${idPrefix}-${index}`,
        class: `stage stage-${stage.kind}`,
        disabled: current,
        aria: current ? { current: 'step' } : {},
        title: current ? t('stage.current', { stage: stage.name }) : undefined,
        onclick: (event) => {
          const opener = event.currentTarget as HTMLButtonElement;
          if (stage.kind === 'lost') {
            openPanel(panel, lostPanel(app, stage, opener, panel, move));
          } else if (stage.kind === 'won' && !(deal.amount !== null && deal.amount > 0)) {
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
    h('h3', { id: titleId }, t('stage.title')),
    h('div', { class: 'stage-buttons', role: 'group', aria: { labelledby: titleId } }, buttons),
    panel,
    slot,
    exitCriteria(view, idPrefix) ?? '',
  );
  return section;
}

/**
 * Sets back what a Won or Lost move changed, through the same guarded save as every other: the
 * version is the one the move answered with, so if anyone saved the deal since, nothing changes
 * and the toast says so (their version is shown).
 */
function undoMove(
  app: App,
  before: DealView,
  after: DealView,
  undone: (now: DealView) => void,
  idPrefix: string,
): Promise<boolean> {
  const restore: Record<string, unknown> = { stage: before.deal.stage };
  for (const field of moveFields)
    if (field !== 'stage' && before.deal[field] !== after.deal[field])
      restore[field] = before.deal[field];
  const left = after.deal.stage;
  return write('undoMove', {
    app,
    seen: after,
    slot: h('div'),
    payload: (version) => ({
      id: after.deal.id,
      version,
      restore: restore as RpcRequest<'undoMove'>['restore'],
    }),
    done: (now) => {
      undone(now);
      app.saved(t('undo.done', { stage: left, back: now.deal.stage }));
      // Back where the keyboard was: the button of the stage the deal just left.
      const index = app.boot.stages.findIndex((stage) => stage.name === left);
      return document.getElementById(`${idPrefix}-${index}`);
    },
    refused: (why) => t('undo.refused', { why }),
    conflict: (now) => undone(now),
  });
}

function exitCriteria(view: DealView, idPrefix: string): HTMLElement | null {
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
          id: `${idPrefix}-exit-${index}`,
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
  const note = h('textarea', { id: 'lost-note', name: 'lostNote', rows: 2 });
  const needsNote = () =>
    app.boot.lostReasons.some((r) => r.name === reason.value && r.requiresNote);
  reason.addEventListener('change', () => {
    noteLabel.textContent = needsNote() ? t('lost.noteRequired') : t('lost.note');
  });
  return panelForm(
    t('lost.title'),
    opener,
    slot,
    (form, errors) => {
      clearFieldErrors(form);
      // Said once, at the field, before anything is sent.
      if (!reason.value) {
        fieldError(reason, t('rule.lostReasonRequired'));
        reason.focus();
        return;
      }
      if (needsNote() && !note.value.trim()) {
        fieldError(note, t('rule.lostNoteRequired'));
        note.focus();
        return;
      }
      if (!lengthsFit(form)) return;
      void move(
        stage.name,
        {
          lostReason: reason.value || undefined,
          lostNote: note.value.trim() || undefined,
        },
        errors,
        { lostReason: reason, lostNote: note },
      ).then((moved) => {
        if (moved) return;
        (needsNote() && !note.value.trim() ? note : reason).focus();
      });
    },
    t('lost.confirm'),
    h('label', { for: 'lost-reason' }, t('lost.reason')),
    reason,
    noteLabel,
    ...limited(note, 1000),
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
  const closedOn = dateInput('won-closed-on', app.boot.today);
  return panelForm(
    t('won.title'),
    opener,
    slot,
    (_form, errors) => {
      const typed = readAmount(amount, { aboveZero: true });
      const date = readDate(closedOn);
      if (!typed.ok) {
        amount.focus();
        return;
      }
      if (!date.ok) {
        closedOn.focus();
        return;
      }
      if (!amountKept(amount, typed.amount, null, app.boot.amountCheck)) {
        document.getElementById(`${amount.id}-confirm`)?.focus();
        return;
      }
      void move(
        stage.name,
        {
          ...(typed.amount !== null ? { amount: typed.amount } : {}),
          ...(date.date ? { closedOn: date.date } : {}),
          ...(confirmsAmount(amount) ? { confirmAmount: true } : {}),
        },
        errors,
        { amount, closedOn },
      );
    },
    t('won.confirm'),
    h('label', { for: 'won-amount' }, t('won.amount')),
    amount,
    h('label', { for: 'won-closed-on' }, t('won.closedOn')),
    closedOn,
  );
}
