// The seller's daily loop as rules: the next action marked done with the one that follows, and a Won or Lost move undone.

import { isLocalDate, type LocalDate } from './dates';
import type { FieldKey } from './fields';
import { isOpen, stageOf } from './follow-up';
import type { HistoryEvent, Opportunity } from './model';
import { canonicalLostReason, canonicalStage } from './parse-row';
import {
  type DealChange,
  historyText,
  logInteraction,
  type Result,
  type RuleContext,
  type StageRuleError,
  updateFields,
} from './stage-rules';
import { diffDeals } from './version';

export interface MarkDoneRequest {
  /** How the action was done: call, meeting, email... (the sidebar proposes contactKindOf). */
  type: string;
  nextAction: string;
  nextActionDate: LocalDate | null;
  nextActionGoal: string;
}

function refuse(
  code: StageRuleError['code'],
  message: string,
  params: Record<string, string | number> = {},
): { ok: false; error: StageRuleError } {
  return { ok: false, error: { code, message, params } };
}

/**
 * The next action on file was done today: it is logged as an interaction of `type` (its text the
 * summary), and the next one takes its place, all in one change (one save, one History line).
 * - The next one must differ from the one done (its text or its date): saving the same action
 *   again would leave an overdue action that is already done. An empty next action with no date
 *   is accepted: the seller says the deal has no next step yet, and it shows as such.
 * - The done action's goal was its own: it stays only when a different goal is given.
 */
export function markDone(
  deal: Opportunity,
  request: MarkDoneRequest,
  context: RuleContext,
): Result<DealChange, StageRuleError> {
  const done = deal.nextAction.trim();
  if (done === '')
    return refuse('nothingToMarkDone', 'The deal has no next action to mark as done.', {
      field: 'nextAction',
    });
  if (!isOpen(deal, context.settings))
    return refuse('dealClosed', `The deal is ${deal.stage}: it has no next action.`, {
      stage: deal.stage,
    });
  const next = request.nextAction.trim();
  if (next === done && request.nextActionDate === deal.nextActionDate)
    return refuse(
      'nextActionUnchanged',
      'The next action is the one just done: say what comes next, or leave the deal without one.',
      { field: 'nextAction', what: done },
    );
  // The next action is new, so even the date on file is newly set: a past one needs a yes.
  const date = request.nextActionDate;
  if (date !== null && date < context.today && context.confirmPast !== true)
    return refuse(
      'pastDate',
      `nextActionDate ${date} is in the past: confirm it or pick another.`,
      {
        field: 'nextActionDate',
        date,
      },
    );
  const logged = logInteraction(
    deal,
    { type: request.type, date: context.today, summary: done },
    context,
  );
  if (!logged.ok) return logged;
  const goal = request.nextActionGoal.trim();
  const updated = updateFields(
    logged.value.deal,
    {
      nextAction: next,
      nextActionDate: request.nextActionDate,
      nextActionGoal: goal === deal.nextActionGoal.trim() ? '' : goal,
    },
    context,
  );
  if (!updated.ok) return updated;
  return {
    ok: true,
    value: {
      deal: updated.value.deal,
      events: [...logged.value.events, ...updated.value.events],
      changed: diffDeals(deal, updated.value.deal),
    },
  };
}

/** The fields a stage move may change, so the fields an undo may set back. */
export const moveFields = [
  'stage',
  'stageEntered',
  'probability',
  'amount',
  'closedOn',
  'lostReason',
  'lostNote',
  'closePushes',
  'score',
  'stars',
  'updated',
] as const satisfies readonly FieldKey[];
export type MoveField = (typeof moveFields)[number];
export type UndoValues = Partial<Pick<Opportunity, MoveField>>;

/**
 * Sets back what a Won or Lost move changed (the caller checked, by version, that the deal is
 * still exactly as the move left it). One History line says so: an `undo` event naming the
 * stage left and the stage back, with every field set back beside it.
 */
export function undoMove(
  deal: Opportunity,
  restore: UndoValues,
  context: RuleContext,
): Result<DealChange, StageRuleError> {
  const { settings } = context;
  const back = restore.stage === undefined ? undefined : canonicalStage(restore.stage, settings);
  if (isOpen(deal, settings) || back === undefined || back === deal.stage)
    return refuse('nothingToUndo', 'There is no Won or Lost move to undo on this deal.', {
      stage: deal.stage,
    });
  const after: Opportunity = { ...deal, stage: back };
  for (const field of moveFields) {
    if (field === 'stage' || !(field in restore)) continue;
    const value = restore[field];
    if (!fits(field, value, context)) {
      return refuse('invalidValue', `That is not a valid value for ${field}.`, {
        field,
        value: String(value),
      });
    }
    (after as unknown as Record<string, unknown>)[field] = value ?? null;
  }
  if (after.lostReason !== '' && stageOf(settings, back)?.kind !== 'lost') after.lostReason = '';
  const changed = diffDeals(deal, after);
  const event = (field: HistoryEvent['field'], old: string, next: string): HistoryEvent => ({
    at: context.now,
    user: context.user,
    dealId: deal.id,
    field,
    old,
    new: next,
  });
  const events = [
    event('undo', deal.stage, back),
    ...changed
      // Stamps and derived figures are put back without a word each.
      .filter((field) => field !== 'updated' && field !== 'score' && field !== 'stars')
      .map((field) =>
        event(field, historyText(field, deal[field]), historyText(field, after[field])),
      ),
  ];
  return { ok: true, value: { deal: after, events, changed } };
}

function fits(field: MoveField, value: unknown, context: RuleContext): boolean {
  if (value === null || value === undefined)
    return field !== 'lostReason' && field !== 'lostNote' && field !== 'stage';
  switch (field) {
    case 'stageEntered':
    case 'closedOn':
      return typeof value === 'string' && isLocalDate(value);
    case 'updated':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value);
    case 'probability':
      return typeof value === 'number' && value >= 0 && value <= 100;
    case 'amount':
    case 'closePushes':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'score':
      return typeof value === 'number' && value >= 0 && value <= 100;
    case 'stars':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3;
    case 'lostReason':
      return (
        typeof value === 'string' &&
        (value === '' || canonicalLostReason(value, context.settings) === value)
      );
    case 'lostNote':
      return typeof value === 'string';
    default:
      return false;
  }
}
