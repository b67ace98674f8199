// The next-action fields (what, when, goal): one view for the deal pane and the weekly review.

import type { Deal } from '../../shared/rpc';
import type { App } from '../app';
import { h } from '../dom';
import {
  dateInput,
  fieldError,
  keepsPast,
  lengthsFit,
  limited,
  pastDateKept,
  readDate,
} from '../fields';
import { t } from '../strings';

export interface NextActionValues {
  nextAction: string;
  nextActionDate: string | null;
  nextActionGoal: string;
  /** The user ticked "Keep this past date". */
  confirmPast: boolean;
}

/** The request fields for these values: the confirmation goes only when the user gave it. */
export function nextActionRequest(values: NextActionValues, confirmPast = values.confirmPast) {
  return {
    nextAction: values.nextAction,
    nextActionDate: values.nextActionDate,
    nextActionGoal: values.nextActionGoal,
    ...(confirmPast ? { confirmPast: true } : {}),
  };
}

export interface NextActionFields {
  /** Labels, inputs, counters, in order. */
  nodes: Node[];
  /** The controls by request field, where the server's refusals are shown. */
  controls: {
    nextAction: HTMLInputElement;
    nextActionDate: HTMLInputElement;
    nextActionGoal: HTMLInputElement;
  };
  /**
   * What to send, or null once what is wrong is shown at its field (and focused). `asNew`: the
   * values replace an action just done, so even the date on file counts as newly set.
   */
  read(options?: { asNew?: boolean }): NextActionValues | null;
}

/** The three fields with ids `${prefix}-what`, `${prefix}-date`, `${prefix}-goal`. */
export function nextActionFields(app: App, deal: Deal, prefix: string): NextActionFields {
  const what = h('input', { id: `${prefix}-what`, type: 'text', value: deal.nextAction });
  const when = dateInput(`${prefix}-date`, deal.nextActionDate);
  const goal = h('input', { id: `${prefix}-goal`, type: 'text', value: deal.nextActionGoal });
  const group = h('div', { class: 'next-fields' });
  group.append(
    h('label', { for: what.id }, t('next.what')),
    ...limited(what, 500),
    h('label', { for: when.id }, t('next.date')),
    when,
    h('label', { for: goal.id }, t('next.goal')),
    ...limited(goal, 500),
  );
  return {
    nodes: [group],
    controls: { nextAction: what, nextActionDate: when, nextActionGoal: goal },
    read({ asNew = false } = {}) {
      if (!lengthsFit(group)) return null;
      const date = readDate(when);
      if (!date.ok) {
        when.focus();
        return null;
      }
      if (date.date !== null && what.value.trim() === '') {
        fieldError(what, t('field.whatRequired'));
        what.focus();
        return null;
      }
      const stored = asNew ? null : deal.nextActionDate;
      if (!pastDateKept(when, date.date, stored, app.boot.today)) {
        document.getElementById(`${when.id}-keep`)?.focus();
        return null;
      }
      return {
        nextAction: what.value.trim(),
        nextActionDate: date.date,
        nextActionGoal: goal.value.trim(),
        confirmPast: keepsPast(when),
      };
    },
  };
}
