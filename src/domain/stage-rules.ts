// Stage moves, field updates and logged interactions: the rules a deal change must pass, and its history.

import { type AmountCheck, unusualAmount } from './amount-check';
import type { LocalDate, LocalDateTime } from './dates';
import { isLocalDate } from './dates';
import { type FieldKey, fieldByKey, fieldKeys } from './fields';
import { stageOf } from './follow-up';
import type { HistoryEvent, Opportunity, Settings, StageKind } from './model';
import {
  canonicalChoice,
  canonicalLostReason,
  canonicalStage,
  fieldToCellValue,
  isEmail,
} from './parse-row';
import { diffDeals } from './version';

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Codes the sidebar translates; params fill the message's placeholders. */
export type StageRuleCode =
  | 'unknownStage'
  | 'alreadyInStage'
  | 'lostReasonRequired'
  | 'unknownLostReason'
  | 'lostNoteRequired'
  | 'amountRequired'
  | 'invalidAmount'
  | 'futureDate'
  | 'invalidDate'
  | 'useMoveStage'
  | 'notEditable'
  | 'unknownField'
  | 'invalidValue'
  | 'unknownContactType'
  | 'nextActionRequired'
  | 'pastDate'
  | 'unusualAmount'
  | 'nothingToMarkDone'
  | 'nextActionUnchanged'
  | 'dealClosed'
  | 'nothingToUndo';

export interface StageRuleError {
  code: StageRuleCode;
  /** An English sentence for logs and tests; the sidebar shows its own words for the code. */
  message: string;
  params: Record<string, string | number>;
}

export interface RuleContext {
  settings: Settings;
  today: LocalDate;
  now: LocalDateTime;
  /** Email of the person making the change, for History. */
  user: string;
  /** The user saw that a date they set is in the past and keeps it (see datePromises). */
  confirmPast?: boolean;
  /** What counts as an unusual amount here (the team's usual, the Settings limit); none: no check. */
  amountCheck?: AmountCheck;
  /** The user saw that the amount they typed is unusual and keeps it (see amountPromise). */
  confirmAmount?: boolean;
}

export interface DealChange {
  deal: Opportunity;
  /** History rows to append, in field order. */
  events: HistoryEvent[];
  /** Fields whose cells the shell must write. */
  changed: FieldKey[];
}

export interface StageMoveRequest {
  to: string;
  lostReason?: string;
  lostNote?: string;
  amount?: number;
  closedOn?: LocalDate;
}

function fail(
  code: StageRuleCode,
  message: string,
  params: Record<string, string | number> = {},
): { ok: false; error: StageRuleError } {
  return { ok: false, error: { code, message, params } };
}

/** The checklist shown before a deal leaves a stage ([] for an unknown stage). */
export function exitCriteriaFor(stage: string, settings: Settings): string[] {
  const name = canonicalStage(stage, settings);
  return name === undefined ? [] : [...(stageOf(settings, name)?.exitCriteria ?? [])];
}

export interface AllowedMove {
  stage: string;
  kind: StageKind;
  /** A move to an earlier open stage, or reopening a closed deal: allowed, and recorded. */
  back: boolean;
  /** What the sidebar must ask for before this move. */
  needs: ('lostReason' | 'amount')[];
}

/** Every other stage, in pipeline order. */
export function allowedMoves(deal: Opportunity, settings: Settings): AllowedMove[] {
  const currentIndex = settings.stages.findIndex((stage) => stage.name === deal.stage);
  const current = settings.stages[currentIndex];
  return settings.stages.flatMap((stage, index) => {
    if (index === currentIndex) return [];
    const back =
      current !== undefined &&
      stage.kind === 'open' &&
      (current.kind !== 'open' || index < currentIndex);
    const needs: AllowedMove['needs'] = [];
    if (stage.kind === 'lost') needs.push('lostReason');
    if (stage.kind === 'won' && !(deal.amount !== null && deal.amount > 0)) needs.push('amount');
    return [{ stage: stage.name, kind: stage.kind, back, needs }];
  });
}

/**
 * Moves a deal to another stage. Lost needs a known lost reason (and a note when the reason asks
 * for one); Won needs an amount above zero; a closed stage sets closedOn (the given date or
 * today); reopening clears closedOn and the lost reason and note. Every move stamps stageEntered.
 */
export function moveStage(
  deal: Opportunity,
  request: StageMoveRequest,
  context: RuleContext,
): Result<DealChange, StageRuleError> {
  const { settings, today } = context;
  const to = canonicalStage(request.to, settings);
  const target = to === undefined ? undefined : stageOf(settings, to);
  if (to === undefined || target === undefined) {
    return fail('unknownStage', `There is no stage called "${request.to}".`, { stage: request.to });
  }
  if (to === deal.stage) {
    return fail('alreadyInStage', `The deal is already in ${to}.`, { stage: to });
  }
  const after: Opportunity = { ...deal, stage: to, stageEntered: today };

  if (request.amount !== undefined) {
    if (!Number.isFinite(request.amount) || request.amount < 0) {
      return fail('invalidAmount', 'The amount must be a number of zero or more.', {
        amount: String(request.amount),
      });
    }
    after.amount = request.amount;
    const asked = amountPromise(deal, after, context);
    if (!asked.ok) return asked;
  }

  if (target.kind === 'open') {
    after.closedOn = null;
    after.lostReason = '';
    after.lostNote = '';
  } else {
    const closedOn = request.closedOn ?? today;
    if (!isLocalDate(closedOn)) {
      return fail('invalidDate', 'The close date is not a date.', { date: String(closedOn) });
    }
    if (closedOn > today) {
      return fail('futureDate', 'A deal cannot be closed on a future date.', { date: closedOn });
    }
    after.closedOn = closedOn;
  }

  if (target.kind === 'lost') {
    const given = (request.lostReason ?? '').trim();
    if (given === '') {
      return fail('lostReasonRequired', `Moving to ${to} needs a lost reason.`, { stage: to });
    }
    const reasonName = canonicalLostReason(given, settings);
    const reason = settings.lostReasons.find((r) => r.name === reasonName);
    if (reason === undefined) {
      return fail('unknownLostReason', `"${given}" is not one of the lost reasons.`, {
        reason: given,
      });
    }
    const note = (request.lostNote ?? '').trim();
    if (reason.requiresNote && note === '') {
      return fail('lostNoteRequired', `The reason "${reason.name}" needs a note.`, {
        reason: reason.name,
      });
    }
    after.lostReason = reason.name;
    after.lostNote = note;
  }

  if (target.kind === 'won') {
    if (!(after.amount !== null && after.amount > 0)) {
      return fail('amountRequired', `Moving to ${to} needs an amount above zero.`, { stage: to });
    }
    after.lostReason = '';
    after.lostNote = '';
  }

  return { ok: true, value: change(deal, after, context, stageMoveEventFields) };
}

/** Fields a stage move records in History (stageEntered is implied by the stage event). */
const stageMoveEventFields: readonly FieldKey[] = [
  'stage',
  'amount',
  'closedOn',
  'lostReason',
  'lostNote',
];

/**
 * Fields whose edits History records: close-date pushes are counted from there, and stage
 * conversion, amount changes, reassignments and next steps are what a manager reviews.
 * Free text and checkboxes change too often to be worth a row each.
 */
export const recordedFields: readonly FieldKey[] = [
  'closeDate',
  'amount',
  'probability',
  'owner',
  'nextAction',
  'nextActionDate',
  'lostReason',
  'lostNote',
  'closedOn',
];

/** The add-on fills these; a user cannot set them. */
const notEditable = new Set<FieldKey>(['id', 'score', 'stars', 'closePushes', 'updated']);

/**
 * Applies a patch of field values (not the stage: that goes through moveStage). Values are
 * checked by kind; a lost deal keeps its reason and a won deal its amount.
 */
export function updateFields(
  deal: Opportunity,
  patch: Partial<Opportunity>,
  context: RuleContext,
): Result<DealChange, StageRuleError> {
  const after: Opportunity = { ...deal };
  const writable = after as unknown as Record<FieldKey, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (!(fieldKeys as readonly string[]).includes(key)) {
      return fail('unknownField', `There is no field called "${key}".`, { field: key });
    }
    const field = key as FieldKey;
    if (field === 'stage' && value !== deal.stage) {
      return fail('useMoveStage', 'The stage changes through a stage move.', { field });
    }
    if (notEditable.has(field) && value !== deal[field]) {
      return fail('notEditable', `${field} is filled by the add-on.`, { field });
    }
    const checked = checkValue(field, value, context.settings);
    if (!checked.ok) return checked;
    writable[field] = checked.value;
  }

  // Only a patch that breaks a closed deal's rule is refused: an old row already missing its
  // reason or amount is a data issue to repair, and must not block unrelated edits.
  const stage = stageOf(context.settings, after.stage);
  if (stage?.kind === 'lost') {
    if (after.lostReason === '' && deal.lostReason !== '') {
      return fail('lostReasonRequired', 'A lost deal keeps its lost reason.', {
        stage: after.stage,
      });
    }
    const reason = context.settings.lostReasons.find((r) => r.name === after.lostReason);
    const hadNote = deal.lostNote.trim() !== '' || after.lostReason !== deal.lostReason;
    if (reason?.requiresNote && after.lostNote.trim() === '' && hadNote) {
      return fail('lostNoteRequired', `The reason "${reason.name}" needs a note.`, {
        reason: reason.name,
      });
    }
  }
  const hasAmount = (value: number | null) => value !== null && value > 0;
  if (stage?.kind === 'won' && !hasAmount(after.amount) && hasAmount(deal.amount)) {
    return fail('amountRequired', 'A won deal keeps an amount above zero.', { stage: after.stage });
  }
  const promised = datePromises(deal, after, Object.keys(patch), context);
  if (!promised.ok) return promised;
  const asked = amountPromise(deal, after, context);
  if (!asked.ok) return asked;
  return { ok: true, value: change(deal, after, context, recordedFields) };
}

/** Dates a seller plans by: setting one in the past is almost always a typo (2020 for 2026). */
const plannedDates = ['nextActionDate', 'closeDate'] as const;

/**
 * What a next action or a close date promises must hold: a next-action date comes with what to
 * do, and a planned date newly set in the past needs the user's explicit confirmation. Only the
 * fields the change touches are checked, so an old row's problem never blocks an unrelated edit.
 */
function datePromises(
  before: Opportunity,
  after: Opportunity,
  touched: readonly string[],
  context: RuleContext,
): Result<Opportunity, StageRuleError> {
  const touches = (field: FieldKey) => touched.includes(field);
  if (
    (touches('nextAction') || touches('nextActionDate')) &&
    after.nextActionDate !== null &&
    after.nextAction.trim() === ''
  ) {
    return fail('nextActionRequired', 'A next-action date needs what to do.', {
      field: 'nextAction',
    });
  }
  if (context.confirmPast !== true) {
    for (const field of plannedDates) {
      const date = after[field];
      if (touches(field) && date !== null && date !== before[field] && date < context.today) {
        return fail('pastDate', `${field} ${date} is in the past: confirm it or pick another.`, {
          field,
          date,
        });
      }
    }
  }
  return { ok: true, value: after };
}

/**
 * The rules a new deal's typed fields must pass before it is written: the same next-action and
 * past-date promises as an edit (a deal created closing on 2020-01-01 needs a confirmation).
 */
export function checkNewDeal(
  deal: Opportunity,
  context: RuleContext,
): Result<Opportunity, StageRuleError> {
  const blank: Opportunity = { ...deal, nextActionDate: null, closeDate: null, amount: null };
  const asked = amountPromise(blank, deal, context);
  if (!asked.ok) return asked;
  return datePromises(blank, deal, [...plannedDates, 'nextAction'], context);
}

/**
 * An amount far above the team's usual, or above the Settings limit, is almost always a typo (a
 * digit too many): a changed amount like that needs the user's explicit confirmation, once.
 */
function amountPromise(
  before: Opportunity,
  after: Opportunity,
  context: RuleContext,
): Result<Opportunity, StageRuleError> {
  if (after.amount === before.amount || !context.amountCheck || context.confirmAmount === true)
    return { ok: true, value: after };
  const unusual = unusualAmount(after.amount, context.amountCheck);
  if (unusual === null) return { ok: true, value: after };
  return fail(
    'unusualAmount',
    `The amount ${after.amount} is above ${unusual.above}: confirm it.`,
    {
      field: 'amount',
      amount: after.amount ?? 0,
      above: unusual.above,
      by: unusual.by,
    },
  );
}

function checkValue(
  field: FieldKey,
  value: unknown,
  settings: Settings,
): Result<unknown, StageRuleError> {
  const spec = fieldByKey[field];
  const invalid = () =>
    fail('invalidValue', `That is not a valid value for ${field}.`, {
      field,
      value: String(value),
    });
  switch (spec.kind) {
    case 'id':
    case 'stage':
    case 'text':
    case 'longText':
    case 'phone':
      return typeof value === 'string' ? { ok: true, value: value.trim() } : invalid();
    case 'email': {
      if (typeof value !== 'string') return invalid();
      const email = value.trim().toLowerCase();
      return email === '' || isEmail(email) ? { ok: true, value: email } : invalid();
    }
    case 'lostReason': {
      if (typeof value !== 'string') return invalid();
      if (value.trim() === '') return { ok: true, value: '' };
      const name = canonicalLostReason(value, settings);
      return name === undefined
        ? fail('unknownLostReason', `"${value}" is not one of the lost reasons.`, { reason: value })
        : { ok: true, value: name };
    }
    case 'choice': {
      if (typeof value !== 'string') return invalid();
      if (value.trim() === '') return { ok: true, value: '' };
      const choice = canonicalChoice(field, value);
      return choice === undefined ? invalid() : { ok: true, value: choice };
    }
    case 'money':
    case 'number':
      if (value === null) return { ok: true, value };
      return typeof value === 'number' && Number.isFinite(value) && value >= 0
        ? { ok: true, value }
        : invalid();
    case 'percent':
      if (value === null) return { ok: true, value };
      return typeof value === 'number' && value >= 0 && value <= 100
        ? { ok: true, value }
        : invalid();
    case 'date':
      return value === null || isLocalDate(value) ? { ok: true, value } : invalid();
    case 'checkbox':
      return typeof value === 'boolean' ? { ok: true, value } : invalid();
    default:
      // score, stars, counts and the timestamp only reach here unchanged (notEditable above).
      return { ok: true, value };
  }
}

export interface Interaction {
  type: string;
  date: LocalDate;
  summary: string;
}

/**
 * Logs a contact with the customer. The deal's last contact (date, summary, type) follows the
 * most recent interaction, so logging an older one only adds its History row.
 */
export function logInteraction(
  deal: Opportunity,
  interaction: Interaction,
  context: RuleContext,
): Result<DealChange, StageRuleError> {
  const type = canonicalChoice('contactType', interaction.type);
  if (type === undefined) {
    return fail('unknownContactType', `"${interaction.type}" is not a contact type.`, {
      type: interaction.type,
    });
  }
  if (!isLocalDate(interaction.date)) {
    return fail('invalidDate', 'The interaction date is not a date.', {
      date: String(interaction.date),
    });
  }
  if (interaction.date > context.today) {
    return fail('futureDate', 'An interaction cannot be logged in the future.', {
      date: interaction.date,
    });
  }
  const summary = interaction.summary.trim();
  const after: Opportunity = { ...deal };
  if (deal.lastContact === null || interaction.date >= deal.lastContact) {
    after.lastContact = interaction.date;
    after.lastContactSummary = summary;
    after.contactType = type;
  }
  const result = change(deal, after, context, []);
  result.events.push({
    at: context.now,
    user: context.user,
    dealId: deal.id,
    field: 'interaction',
    old: '',
    new: summary === '' ? type : `${type}: ${summary}`,
  });
  return { ok: true, value: result };
}

/** History text of a value: dates as yyyy-mm-dd, empty as ''. */
export function historyText(field: FieldKey, value: Opportunity[FieldKey]): string {
  const cell = fieldToCellValue(field, value);
  if (typeof cell === 'object') return cell.date;
  return String(cell);
}

function change(
  before: Opportunity,
  after: Opportunity,
  context: RuleContext,
  eventFields: readonly FieldKey[],
): DealChange {
  const changed = diffDeals(before, after);
  const events = changed
    .filter((field) => eventFields.includes(field))
    .map(
      (field): HistoryEvent => ({
        at: context.now,
        user: context.user,
        dealId: before.id,
        field,
        old: historyText(field, before[field]),
        new: historyText(field, after[field]),
      }),
    );
  return { deal: after, events, changed };
}
