// Follow-up states of one deal: next action due, staleness, close-date pushes, for the sidebar and reminders.

import { dateOf, daysBetween, type LocalDate, maxDate } from './dates';
import type { HistoryEvent, Opportunity, Settings, StageKind, StageSetting } from './model';
import { sameName } from './parse-row';

// ---- Stages ------------------------------------------------------------------------------------

/**
 * The one lookup of a stage by name, for every rule: exact first (the common case, and cheap in
 * loops over History), then ignoring case, accents and extra spaces as people type them;
 * undefined when the list has no such stage.
 */
export function stageOf(
  settings: Pick<Settings, 'stages'>,
  stageName: string,
): StageSetting | undefined {
  return (
    settings.stages.find((stage) => stage.name === stageName) ??
    settings.stages.find((stage) => sameName(stage.name, stageName))
  );
}

/** The stage's position in settings.stages; -1 when unknown. */
export function stageIndex(settings: Settings, stageName: string): number {
  const stage = stageOf(settings, stageName);
  return stage ? settings.stages.indexOf(stage) : -1;
}

/**
 * A deal's stage kind. A stage missing from the list (pasted, or a typo) is treated as open:
 * the deal is not closed, so it still needs follow-up; data quality reports the stage itself.
 */
export function stageKindOf(settings: Pick<Settings, 'stages'>, stageName: string): StageKind {
  return stageOf(settings, stageName)?.kind ?? 'open';
}

export function isOpen(deal: Opportunity, settings: Pick<Settings, 'stages'>): boolean {
  return stageKindOf(settings, deal.stage) === 'open';
}

/** The deal's probability as a fraction: its own override, else its stage's, else 0. */
export function probabilityOf(deal: Opportunity, settings: Settings): number {
  const percent = deal.probability ?? stageOf(settings, deal.stage)?.probability ?? 0;
  return Math.min(Math.max(percent, 0), 100) / 100;
}

/** The date a closed deal closed: closedOn, else the day it entered its closed stage. */
export function closedDateOf(deal: Opportunity): LocalDate | null {
  return deal.closedOn ?? deal.stageEntered;
}

// ---- Next action -------------------------------------------------------------------------------

export type NextActionStatus = 'overdue' | 'today' | 'upcoming' | 'none' | 'closed';

export function nextActionStatus(
  deal: Opportunity,
  today: LocalDate,
  settings: Settings,
): NextActionStatus {
  if (!isOpen(deal, settings)) return 'closed';
  if (deal.nextActionDate === null) return 'none';
  if (deal.nextActionDate < today) return 'overdue';
  return deal.nextActionDate === today ? 'today' : 'upcoming';
}

// ---- Staleness ---------------------------------------------------------------------------------

export type StaleLevel = 'fresh' | 'amber' | 'red';

export interface Staleness {
  level: StaleLevel;
  /** The age that was judged: the larger of stageDays and daysSinceUpdate. */
  days: number;
  /** The stage's target; null for closed or unknown stages and stages without a target. */
  targetDays: number | null;
  /** Days in the current stage (since stageEntered, or since created when that is missing). */
  stageDays: number | null;
  /** Days since the latest of stageEntered, lastContact and the date of updated. */
  daysSinceUpdate: number | null;
  /** True when a next action today or later keeps an old deal from counting as stale. */
  excused: boolean;
}

/**
 * The last sign of life on a deal: the latest of stageEntered, lastContact and the calendar
 * date of updated. (created is not a sign of life once the deal has moved; it only stands in
 * for stageEntered when that is missing, in stageDays.)
 */
export function lastUpdateOf(deal: Opportunity): LocalDate | null {
  const dates = [deal.stageEntered, deal.lastContact, deal.updated ? dateOf(deal.updated) : null];
  return dates.reduce<LocalDate | null>(
    (latest, date) => (date === null ? latest : latest === null ? date : maxDate(latest, date)),
    null,
  );
}

/**
 * Amber once the age passes targetDays x staleAmberFactor, red past targetDays x staleRedFactor
 * ("passes" = strictly more days). The age is the larger of the stage age and the days since the
 * last update, so a deal stuck in a stage is stale even when someone touches the row. A next
 * action scheduled today or later excuses it: the seller has a plan.
 */
export function staleness(deal: Opportunity, today: LocalDate, settings: Settings): Staleness {
  const stage = stageOf(settings, deal.stage);
  const targetDays = stage && stage.kind === 'open' ? stage.targetDays : null;
  const stageSince = deal.stageEntered ?? deal.created;
  const stageDays = stageSince === null ? null : Math.max(daysBetween(stageSince, today), 0);
  const lastUpdate = lastUpdateOf(deal);
  const daysSinceUpdate = lastUpdate === null ? null : Math.max(daysBetween(lastUpdate, today), 0);
  const days = Math.max(stageDays ?? 0, daysSinceUpdate ?? 0);
  const excused = deal.nextActionDate !== null && deal.nextActionDate >= today;
  let level: StaleLevel = 'fresh';
  if (targetDays !== null && !excused && isOpen(deal, settings)) {
    if (days > targetDays * settings.staleRedFactor) level = 'red';
    else if (days > targetDays * settings.staleAmberFactor) level = 'amber';
  }
  return { level, days, targetDays, stageDays, daysSinceUpdate, excused };
}

/** True when an open deal has been in its stage longer than the stage's target days. */
export function pastStageTarget(deal: Opportunity, today: LocalDate, settings: Settings): boolean {
  const stage = stageOf(settings, deal.stage);
  const since = deal.stageEntered ?? deal.created;
  if (stage?.kind !== 'open' || stage.targetDays === null || since === null) return false;
  return daysBetween(since, today) > stage.targetDays;
}

// ---- Close-date pushes -------------------------------------------------------------------------

/** How many times the deal's expected close date was moved later, from the History tab. */
export function closePushes(dealId: string, history: readonly HistoryEvent[]): number {
  let pushes = 0;
  for (const event of history) if (event.dealId === dealId && isClosePush(event)) pushes += 1;
  return pushes;
}

/** A closeDate change to a later date; setting a first date or clearing it is not a push. */
export function isClosePush(event: HistoryEvent): boolean {
  if (event.field !== 'closeDate') return false;
  const old = event.old.slice(0, 10);
  const next = event.new.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(old) && /^\d{4}-\d{2}-\d{2}$/.test(next) && next > old;
}

/**
 * Pushes for a deal: the History count, or the row's closePushes column when that is higher
 * (an adopted tracker may carry counts from before the History tab existed).
 */
export function pushesOf(deal: Opportunity, history: readonly HistoryEvent[]): number {
  return Math.max(closePushes(deal.id, history), deal.closePushes ?? 0);
}

/** At slipThreshold pushes or more the expected close date is called unreliable. */
export function isSlipping(pushes: number, settings: Settings): boolean {
  return pushes >= settings.slipThreshold;
}

// ---- One summary -------------------------------------------------------------------------------

export interface FollowUp {
  dealId: string;
  open: boolean;
  nextAction: NextActionStatus;
  nextActionDate: LocalDate | null;
  /** Days the next action is late (overdue only), else 0. */
  daysOverdue: number;
  /** Days until the next action (upcoming only), else 0. */
  daysUntilNextAction: number;
  staleness: Staleness;
  closePushes: number;
  slipping: boolean;
  /** An open deal whose expected close date is already behind us. */
  closeDatePassed: boolean;
  pastStageTarget: boolean;
  /** Anything here the seller should act on today. */
  needsAttention: boolean;
}

export function followUp(
  deal: Opportunity,
  today: LocalDate,
  settings: Settings,
  history: readonly HistoryEvent[],
): FollowUp {
  const open = isOpen(deal, settings);
  const status = nextActionStatus(deal, today, settings);
  const stale = staleness(deal, today, settings);
  const pushes = pushesOf(deal, history);
  const closeDatePassed = open && deal.closeDate !== null && deal.closeDate < today;
  const daysToAction = deal.nextActionDate === null ? 0 : daysBetween(today, deal.nextActionDate);
  return {
    dealId: deal.id,
    open,
    nextAction: status,
    nextActionDate: deal.nextActionDate,
    daysOverdue: status === 'overdue' ? -daysToAction : 0,
    daysUntilNextAction: status === 'upcoming' ? daysToAction : 0,
    staleness: stale,
    closePushes: pushes,
    slipping: open && isSlipping(pushes, settings),
    closeDatePassed,
    pastStageTarget: pastStageTarget(deal, today, settings),
    needsAttention:
      open &&
      (status === 'overdue' ||
        status === 'today' ||
        status === 'none' ||
        stale.level !== 'fresh' ||
        closeDatePassed),
  };
}

// ---- Attention: each deal once, under its most urgent reason ------------------------------------

/**
 * Why an open deal needs its seller today, most urgent first: an action already late, an action
 * due today, an expected close date already behind us, no next action at all, then stale (red
 * before amber). My day and the daily digest both list a deal once, under its first reason, with
 * the others as tags.
 */
export const attentionOrder = [
  'overdue',
  'dueToday',
  'closeDatePassed',
  'noNextAction',
  'stale',
] as const;
export type AttentionReason = (typeof attentionOrder)[number];

export interface Attention {
  /** The most urgent reason: the group the deal is listed under. */
  reason: AttentionReason;
  /** The other reasons that also hold, most urgent first. */
  tags: AttentionReason[];
  /** For sorting within a group: days overdue, or the stale age, else 0. */
  days: number;
}

/** The reasons an open deal needs attention today, or null when it needs none (or is closed). */
export function attentionOf(
  deal: Opportunity,
  today: LocalDate,
  settings: Settings,
): Attention | null {
  if (!isOpen(deal, settings)) return null;
  const status = nextActionStatus(deal, today, settings);
  const stale = staleness(deal, today, settings);
  const holds: Record<AttentionReason, boolean> = {
    overdue: status === 'overdue',
    dueToday: status === 'today',
    closeDatePassed: deal.closeDate !== null && deal.closeDate < today,
    noNextAction: status === 'none',
    stale: stale.level !== 'fresh',
  };
  const reasons = attentionOrder.filter((reason) => holds[reason]);
  const [reason, ...tags] = reasons;
  if (reason === undefined) return null;
  const days =
    reason === 'overdue' && deal.nextActionDate !== null
      ? daysBetween(deal.nextActionDate, today)
      : reason === 'stale'
        ? stale.days
        : 0;
  return { reason, tags, days };
}
