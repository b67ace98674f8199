// The Metrics tab's figures, each a pure function of the rows that also lists the deal IDs it counted.

import { type ArchiveSummary, archivedClosed } from './archive';
import {
  addDays,
  addMonths,
  dateOf,
  daysBetween,
  endOfMonth,
  endOfQuarter,
  type LocalDate,
  monthKey,
  startOfMonth,
  startOfQuarter,
} from './dates';
import {
  closedDateOf,
  isClosePush,
  isOpen,
  isSlipping,
  nextActionStatus,
  probabilityOf,
  stageIndex,
  stageKindOf,
  staleness,
} from './follow-up';
import { groupBy, groupHistory, median, stageWalk, sum } from './metrics-math';
import type { DataIssue, DataProblem, HistoryEvent, Opportunity, Settings, Team } from './model';

export interface MetricsInput {
  deals: readonly Opportunity[];
  history: readonly HistoryEvent[];
  settings: Settings;
  today: LocalDate;
  /** Problems found while reading the rows (parse-row), for the data-quality figures. */
  issues?: readonly DataIssue[];
  /** The Team tab: each seller's quota adds up to the team's when Settings has none. */
  team?: Team;
  /**
   * Deals moved to the archive (issue 22), as its Summary tab adds them up: every figure that
   * would have counted them adds them back, so archiving changes no figure. Their IDs are not
   * listed (the Metrics tab says how many archived deals each figure includes).
   */
  archived?: ArchiveSummary;
}

const amountOf = (deal: Opportunity): number => deal.amount ?? 0;
const idsOf = (deals: readonly Opportunity[]): string[] => deals.map((deal) => deal.id);

export function openDeals({
  deals,
  settings,
}: Pick<MetricsInput, 'deals' | 'settings'>): Opportunity[] {
  return deals.filter((deal) => isOpen(deal, settings));
}

/** Won or lost deals whose closing date (closedOn, else the day they entered the stage) is in [from, to]. */
export function closedBetween(
  { deals, settings }: Pick<MetricsInput, 'deals' | 'settings'>,
  kind: 'won' | 'lost',
  from: LocalDate,
  to: LocalDate,
): Opportunity[] {
  return deals.filter((deal) => {
    if (stageKindOf(settings, deal.stage) !== kind) return false;
    const closed = closedDateOf(deal);
    return closed !== null && closed >= from && closed <= to;
  });
}

// ---- Open pipeline -----------------------------------------------------------------------------

export interface StageFigures {
  stage: string;
  /** The stage's probability in percent; null for a stage missing from Settings. */
  probability: number | null;
  count: number;
  amount: number;
  /** Sum of amount x probability (the deal's override, else the stage's). */
  weighted: number;
  ids: string[];
}

export interface PipelineByStage {
  stages: StageFigures[];
  total: { count: number; amount: number; weighted: number };
}

/**
 * Open deals per open stage, in the stage order of Settings; a stage name not in Settings
 * gets its own row at the end, so every open deal is counted exactly once.
 */
export function openPipelineByStage(input: MetricsInput): PipelineByStage {
  const { settings } = input;
  const rows = new Map<string, StageFigures>();
  for (const stage of settings.stages)
    if (stage.kind === 'open')
      rows.set(stage.name, {
        stage: stage.name,
        probability: stage.probability,
        count: 0,
        amount: 0,
        weighted: 0,
        ids: [],
      });
  for (const deal of openDeals(input)) {
    const index = stageIndex(settings, deal.stage);
    const name = index >= 0 ? (settings.stages[index]?.name ?? deal.stage) : deal.stage;
    let row = rows.get(name);
    if (!row) {
      row = { stage: name, probability: null, count: 0, amount: 0, weighted: 0, ids: [] };
      rows.set(name, row);
    }
    row.count += 1;
    row.amount += amountOf(deal);
    row.weighted += amountOf(deal) * probabilityOf(deal, settings);
    row.ids.push(deal.id);
  }
  const stages = [...rows.values()];
  return {
    stages,
    total: {
      count: sum(stages.map((row) => row.count)),
      amount: sum(stages.map((row) => row.amount)),
      weighted: sum(stages.map((row) => row.weighted)),
    },
  };
}

// ---- Forecast ----------------------------------------------------------------------------------

export interface ForecastMonth {
  /** `yyyy-mm`. */
  month: string;
  count: number;
  /** Sum of amount x probability. */
  weighted: number;
  /** Sum of amounts: every deal in the month won. */
  bestCase: number;
  ids: string[];
  /** Deals counted in the current month because their expected close date has already passed. */
  overdueIds: string[];
}

export interface Forecast {
  months: ForecastMonth[];
  /** Open deals with no expected close date: in no month. */
  undatedIds: string[];
  /** Open deals expected after the last month shown. */
  laterIds: string[];
}

export const forecastMonths = 4;

/** Open deals by expected close month, this month and the next three; overdue dates count now. */
export function forecastByMonth(input: MetricsInput): Forecast {
  const { settings, today } = input;
  const thisMonth = startOfMonth(today);
  const months: ForecastMonth[] = Array.from({ length: forecastMonths }, (_, i) => ({
    month: monthKey(addMonths(thisMonth, i)),
    count: 0,
    weighted: 0,
    bestCase: 0,
    ids: [],
    overdueIds: [],
  }));
  const undatedIds: string[] = [];
  const laterIds: string[] = [];
  for (const deal of openDeals(input)) {
    if (deal.closeDate === null) {
      undatedIds.push(deal.id);
      continue;
    }
    const overdue = deal.closeDate < thisMonth;
    const month = overdue
      ? months[0]
      : months.find((m) => m.month === monthKey(deal.closeDate as LocalDate));
    if (!month) {
      laterIds.push(deal.id);
      continue;
    }
    month.count += 1;
    month.weighted += amountOf(deal) * probabilityOf(deal, settings);
    month.bestCase += amountOf(deal);
    month.ids.push(deal.id);
    if (overdue) month.overdueIds.push(deal.id);
  }
  return { months, undatedIds, laterIds };
}

// ---- Won and lost ------------------------------------------------------------------------------

export interface PeriodFigures {
  from: LocalDate;
  to: LocalDate;
  count: number;
  amount: number;
  ids: string[];
}

function periodFigures(deals: Opportunity[], from: LocalDate, to: LocalDate): PeriodFigures {
  return { from, to, count: deals.length, amount: sum(deals.map(amountOf)), ids: idsOf(deals) };
}

/** A period's figures with the archived deals of the period added (their IDs are not listed). */
function withArchived<T extends { count: number; amount: number }>(
  figures: T,
  archived: ReadonlyArray<{ count: number; amount: number }>,
): T {
  return {
    ...figures,
    count: figures.count + sum(archived.map((line) => line.count)),
    amount: figures.amount + sum(archived.map((line) => line.amount)),
  };
}

/** Deals won this month and this quarter, up to today, by closedOn (or the day they entered Won). */
export function wonThisPeriod(input: MetricsInput): {
  month: PeriodFigures;
  quarter: PeriodFigures;
} {
  const { today } = input;
  const monthFrom = startOfMonth(today);
  const quarterFrom = startOfQuarter(today);
  return {
    month: withArchived(
      periodFigures(closedBetween(input, 'won', monthFrom, today), monthFrom, today),
      archivedClosed(input.archived, 'won', monthFrom, today),
    ),
    quarter: withArchived(
      periodFigures(closedBetween(input, 'won', quarterFrom, today), quarterFrom, today),
      archivedClosed(input.archived, 'won', quarterFrom, today),
    ),
  };
}

export interface LostReasonFigures {
  /** The lost reason as written; '' when the row has none (a data-quality problem). */
  reason: string;
  count: number;
  amount: number;
  ids: string[];
}

export type LostFigures = PeriodFigures & { reasons: LostReasonFigures[] };

/** Deals lost this month, with their reasons, most frequent first. */
export function lostThisMonth(input: MetricsInput): LostFigures {
  return lostBetween(input, startOfMonth(input.today), input.today);
}

/** Deals lost in the trailing 90 days (the win rate's window), with their reasons. */
export function lostLast90Days(input: MetricsInput): LostFigures {
  return lostBetween(input, addDays(input.today, -(winRateDays - 1)), input.today);
}

function lostBetween(input: MetricsInput, from: LocalDate, to: LocalDate): LostFigures {
  const lost = closedBetween(input, 'lost', from, to);
  const reasons = new Map<string, LostReasonFigures>();
  for (const deal of lost) {
    const reason = deal.lostReason.trim();
    const row = reasons.get(reason) ?? { reason, count: 0, amount: 0, ids: [] };
    row.count += 1;
    row.amount += amountOf(deal);
    row.ids.push(deal.id);
    reasons.set(reason, row);
  }
  const archived = archivedClosed(input.archived, 'lost', from, to);
  for (const line of archived) {
    const row = reasons.get(line.reason) ?? { reason: line.reason, count: 0, amount: 0, ids: [] };
    row.count += line.count;
    row.amount += line.amount;
    reasons.set(line.reason, row);
  }
  return {
    ...withArchived(periodFigures(lost, from, to), archived),
    reasons: [...reasons.values()].sort(
      (a, b) => b.count - a.count || b.amount - a.amount || a.reason.localeCompare(b.reason),
    ),
  };
}

// ---- Win rate ----------------------------------------------------------------------------------

export const winRateDays = 90;
/** The usual healthy band for a B2B win rate (seeds): below it, qualify harder; above, bid wider. */
export const winRateBand = { low: 0.2, high: 0.4 } as const;

export interface WinRate {
  from: LocalDate;
  to: LocalDate;
  won: number;
  lost: number;
  wonAmount: number;
  lostAmount: number;
  /** won / (won + lost); null with no closed deals. */
  byCount: number | null;
  /** wonAmount / (wonAmount + lostAmount); null when that sum is 0. */
  byAmount: number | null;
  /** Where byCount falls against the 20-40 % band; null with no closed deals. */
  band: 'below' | 'within' | 'above' | null;
  wonIds: string[];
  lostIds: string[];
}

/** Won / (won + lost) over the trailing 90 days (today included), by closedOn. */
export function winRate(input: MetricsInput): WinRate {
  const to = input.today;
  const from = addDays(to, -(winRateDays - 1));
  const won = closedBetween(input, 'won', from, to);
  const lost = closedBetween(input, 'lost', from, to);
  const archivedWon = withArchived(
    { count: 0, amount: 0 },
    archivedClosed(input.archived, 'won', from, to),
  );
  const archivedLost = withArchived(
    { count: 0, amount: 0 },
    archivedClosed(input.archived, 'lost', from, to),
  );
  const wonCount = won.length + archivedWon.count;
  const lostCount = lost.length + archivedLost.count;
  const wonAmount = sum(won.map(amountOf)) + archivedWon.amount;
  const lostAmount = sum(lost.map(amountOf)) + archivedLost.amount;
  const closed = wonCount + lostCount;
  const byCount = closed === 0 ? null : wonCount / closed;
  const byAmount = wonAmount + lostAmount === 0 ? null : wonAmount / (wonAmount + lostAmount);
  return {
    from,
    to,
    won: wonCount,
    lost: lostCount,
    wonAmount,
    lostAmount,
    byCount,
    byAmount,
    band:
      byCount === null
        ? null
        : byCount < winRateBand.low
          ? 'below'
          : byCount > winRateBand.high
            ? 'above'
            : 'within',
    wonIds: idsOf(won),
    lostIds: idsOf(lost),
  };
}

// ---- Deal size and cycle -----------------------------------------------------------------------

function wonDeals({ deals, settings }: Pick<MetricsInput, 'deals' | 'settings'>): Opportunity[] {
  return deals.filter((deal) => stageKindOf(settings, deal.stage) === 'won');
}

/** Average amount of every won deal with an amount (all time: the sheet is the period). */
export function averageDealSize(input: MetricsInput): {
  count: number;
  total: number;
  average: number | null;
  ids: string[];
} {
  const won = wonDeals(input).filter((deal) => deal.amount !== null);
  const archived = (input.archived?.closed ?? []).filter((line) => line.kind === 'won');
  const count = won.length + sum(archived.map((line) => line.withAmount));
  const total = sum(won.map(amountOf)) + sum(archived.map((line) => line.amount));
  return {
    count,
    total,
    average: count === 0 ? null : total / count,
    ids: idsOf(won),
  };
}

export interface CycleFigures {
  count: number;
  averageDays: number | null;
  medianDays: number | null;
  ids: string[];
}

export interface SalesCycle {
  overall: CycleFigures;
  /** One row per segment ('' = no segment), sorted by name. */
  bySegment: (CycleFigures & { key: string })[];
  /** One row per tier ('' = no tier), sorted by name. */
  byTier: (CycleFigures & { key: string })[];
}

function cycleFigures(
  samples: { id: string; days: number }[],
  archived: ReadonlyArray<{ days: number; count: number }> = [],
): CycleFigures {
  const days = [
    ...samples.map((sample) => sample.days),
    ...archived.flatMap((line) => Array<number>(line.count).fill(line.days)),
  ];
  return {
    count: days.length,
    averageDays: days.length === 0 ? null : sum(days) / days.length,
    medianDays: median(days),
    ids: samples.map((sample) => sample.id),
  };
}

/** Days from created to closedOn for won deals (both dates known, closed not before created). */
export function salesCycle(input: MetricsInput): SalesCycle {
  const samples: { id: string; days: number; segment: string; tier: string }[] = [];
  for (const deal of wonDeals(input)) {
    const closed = closedDateOf(deal);
    if (deal.created === null || closed === null || closed < deal.created) continue;
    samples.push({
      id: deal.id,
      days: daysBetween(deal.created, closed),
      segment: deal.segment.trim(),
      tier: deal.tier.trim(),
    });
  }
  const archived = input.archived?.cycle ?? [];
  const split = (key: 'segment' | 'tier') => {
    const groups = groupBy(samples, (sample) => sample[key]);
    const old = groupBy(archived, (line) => line[key]);
    return [...new Set([...groups.keys(), ...old.keys()])]
      .sort((a, b) => a.localeCompare(b))
      .map((value) => ({
        key: value,
        ...cycleFigures(groups.get(value) ?? [], old.get(value) ?? []),
      }));
  };
  return {
    overall: cycleFigures(samples, archived),
    bySegment: split('segment'),
    byTier: split('tier'),
  };
}

// ---- Stage conversion --------------------------------------------------------------------------

export interface StageConversion {
  stage: string;
  /** Deals known (from History and the rows) to have been in this stage. */
  entered: number;
  /** Of those, deals that later reached a later stage that is not a lost one. */
  advanced: number;
  rate: number | null;
  enteredIds: string[];
  advancedIds: string[];
  /** Median whole days of the completed stays in this stage (entry to the next move). */
  medianDays: number | null;
  /** How many completed stays the median is taken from. */
  stays: number;
  targetDays: number | null;
  /** True when the median stay is longer than the target; null without both. */
  overTarget: boolean | null;
}

/**
 * Conversion between open stages, from the History tab's stage events (old -> new). A deal's
 * path is the stage it left first, then every stage it moved to, then its current stage from
 * the row when History missed the last move; deals with no stage event are in their current
 * stage. A stay starts at the move into the stage (or at created, for the stage a deal was
 * created in) and ends at the next move out of it.
 */
export function stageConversion(input: MetricsInput): StageConversion[] {
  const { deals, history, settings } = input;
  const stageEvents = groupHistory(history.filter((event) => event.field === 'stage'));
  const createdOn = new Map<string, LocalDate>();
  for (const event of history)
    if (event.field === 'created' && !createdOn.has(event.dealId))
      createdOn.set(event.dealId, dateOf(event.at));
  for (const deal of deals) if (deal.created !== null) createdOn.set(deal.id, deal.created);
  const currentStage = new Map(deals.map((deal) => [deal.id, deal.stage]));
  const dealIds = [...new Set([...currentStage.keys(), ...stageEvents.keys()])];

  const stages = settings.stages;
  const entered = stages.map(() => new Set<string>());
  const advanced = stages.map(() => new Set<string>());
  const stays: number[][] = stages.map(() => []);

  for (const id of dealIds) {
    const walk = stageWalk(
      stageEvents.get(id) ?? [],
      createdOn.get(id) ?? null,
      currentStage.get(id),
      settings,
    );
    for (const stay of walk.stays) stays[stay.stage]?.push(stay.days);
    for (const index of walk.entered) entered[index]?.add(id);
    for (const index of walk.advanced) advanced[index]?.add(id);
  }

  return stages.flatMap((stage, index) => {
    if (stage.kind !== 'open') return [];
    const enteredIds = [...(entered[index] ?? [])];
    const advancedIds = [...(advanced[index] ?? [])];
    const old = input.archived?.conversion.get(stage.name);
    const allStays = [
      ...(stays[index] ?? []),
      ...[...(old?.stays ?? [])].flatMap(([days, count]) => Array<number>(count).fill(days)),
    ];
    const enteredCount = enteredIds.length + (old?.entered ?? 0);
    const advancedCount = advancedIds.length + (old?.advanced ?? 0);
    const medianDays = median(allStays);
    return [
      {
        stage: stage.name,
        entered: enteredCount,
        advanced: advancedCount,
        rate: enteredCount === 0 ? null : advancedCount / enteredCount,
        enteredIds,
        advancedIds,
        medianDays,
        stays: allStays.length,
        targetDays: stage.targetDays,
        overTarget:
          medianDays === null || stage.targetDays === null ? null : medianDays > stage.targetDays,
      },
    ];
  });
}

// ---- Coverage ----------------------------------------------------------------------------------

export interface Coverage {
  quota: number;
  wonThisQuarter: number;
  /** Quota still to win this quarter; 0 once it is met. */
  remainingQuota: number;
  /** Open deals expected to close by the end of the quarter (overdue dates included). */
  pipelineThisQuarter: number;
  /** pipelineThisQuarter / remainingQuota; null once the quota is met. */
  coverage: number | null;
  /** The coverage needed at the current win rate: 1 / win rate; null without a win rate. */
  required: number | null;
  ids: string[];
  wonIds: string[];
}

/** The quarter's quota: Settings' quarterly quota, else the sum of the Team tab's quotas; 0 when none. */
export function quarterQuota(input: Pick<MetricsInput, 'settings' | 'team'>): number {
  if (input.settings.quarterlyQuota > 0) return input.settings.quarterlyQuota;
  return sum((input.team ?? []).map((member) => member.quota ?? 0));
}

/** Pipeline coverage of the rest of this quarter's quota; null when there is no quota. */
export function coverage(input: MetricsInput): Coverage | null {
  const quota = quarterQuota(input);
  if (quota <= 0) return null;
  const won = wonThisPeriod(input).quarter;
  const quarterEnd = endOfQuarter(input.today);
  const closing = openDeals(input).filter(
    (deal) => deal.closeDate !== null && deal.closeDate <= quarterEnd,
  );
  const pipelineThisQuarter = sum(closing.map(amountOf));
  const remainingQuota = Math.max(quota - won.amount, 0);
  const rate = winRate(input).byCount;
  return {
    quota,
    wonThisQuarter: won.amount,
    remainingQuota,
    pipelineThisQuarter,
    coverage: remainingQuota === 0 ? null : pipelineThisQuarter / remainingQuota,
    required: rate === null || rate === 0 ? null : 1 / rate,
    ids: idsOf(closing),
    wonIds: won.ids,
  };
}

// ---- Decision makers ---------------------------------------------------------------------------

/** Share of open deals in the third stage or later (Proposal, by default) whose decision maker was met. */
export function decisionMakerCoverage(input: MetricsInput): {
  fromStage: string | null;
  eligible: number;
  met: number;
  share: number | null;
  eligibleIds: string[];
  metIds: string[];
} {
  const eligible = openDeals(input).filter((deal) => stageIndex(input.settings, deal.stage) >= 2);
  const met = eligible.filter((deal) => deal.decisionMakerMet);
  return {
    fromStage: input.settings.stages[2]?.name ?? null,
    eligible: eligible.length,
    met: met.length,
    share: eligible.length === 0 ? null : met.length / eligible.length,
    eligibleIds: idsOf(eligible),
    metIds: idsOf(met),
  };
}

// ---- Activity ----------------------------------------------------------------------------------

export interface Activity {
  wonDeals: number;
  /** 'interaction' events in History for the won deals. */
  interactions: number;
  interactionsPerWonDeal: number | null;
  noNextAction: { count: number; ids: string[] };
  overdueActions: { count: number; ids: string[] };
  stale: { count: number; amberIds: string[]; redIds: string[] };
  slipping: { count: number; ids: string[] };
}

export function activity(input: MetricsInput): Activity {
  const { settings, today, history } = input;
  const won = wonDeals(input);
  const wonIds = new Set(idsOf(won));
  const interactions = history.filter(
    (event) => event.field === 'interaction' && wonIds.has(event.dealId),
  ).length;
  const pushes = new Map<string, number>();
  for (const event of history)
    if (isClosePush(event)) pushes.set(event.dealId, (pushes.get(event.dealId) ?? 0) + 1);
  const open = openDeals(input);
  const withStatus = (status: 'none' | 'overdue') =>
    idsOf(open.filter((deal) => nextActionStatus(deal, today, settings) === status));
  const levels = open.map((deal) => ({
    id: deal.id,
    level: staleness(deal, today, settings).level,
  }));
  const amberIds = levels.filter((row) => row.level === 'amber').map((row) => row.id);
  const redIds = levels.filter((row) => row.level === 'red').map((row) => row.id);
  const slipping = idsOf(
    open.filter((deal) =>
      isSlipping(Math.max(pushes.get(deal.id) ?? 0, deal.closePushes ?? 0), settings),
    ),
  );
  const noNextAction = withStatus('none');
  const overdue = withStatus('overdue');
  const archivedWon = sum(
    (input.archived?.closed ?? []).filter((l) => l.kind === 'won').map((l) => l.count),
  );
  const wonCount = won.length + archivedWon;
  const allInteractions = interactions + (input.archived?.interactions ?? 0);
  return {
    wonDeals: wonCount,
    interactions: allInteractions,
    interactionsPerWonDeal: wonCount === 0 ? null : allInteractions / wonCount,
    noNextAction: { count: noNextAction.length, ids: noNextAction },
    overdueActions: { count: overdue.length, ids: overdue },
    stale: { count: amberIds.length + redIds.length, amberIds, redIds },
    slipping: { count: slipping.length, ids: slipping },
  };
}

// ---- Data quality ------------------------------------------------------------------------------

export interface DataQuality {
  /** Distinct rows (or IDs, when the row is unknown) with at least one problem. */
  rowsWithProblems: number;
  issues: number;
  byKind: { problem: DataProblem; count: number; rows: number[]; ids: string[] }[];
}

export function dataQuality(issues: readonly DataIssue[]): DataQuality {
  const rowKeys = new Set(
    issues.map((issue, i) =>
      issue.row !== undefined ? `row:${issue.row}` : issue.id ? `id:${issue.id}` : `issue:${i}`,
    ),
  );
  const byKind = [...groupBy(issues, (issue) => issue.problem).entries()]
    .map(([problem, group]) => ({
      problem,
      count: group.length,
      rows: [
        ...new Set(group.flatMap((issue) => (issue.row === undefined ? [] : [issue.row]))),
      ].sort((a, b) => a - b),
      ids: [...new Set(group.flatMap((issue) => (issue.id ? [issue.id] : [])))],
    }))
    .sort((a, b) => b.count - a.count || a.problem.localeCompare(b.problem));
  return { rowsWithProblems: rowKeys.size, issues: issues.length, byKind };
}

// ---- Backlog (seed 004: pipeline vs backlog) ---------------------------------------------------

export interface Backlog {
  /** Won deals not invoiced yet: no invoice date, or one after today. */
  count: number;
  amount: number;
  /** Amount of every won deal (all time: the sheet is the period, as for the average deal size). */
  wonAmount: number;
  /** amount / wonAmount (seed 004: backlog / sales); null with nothing won. */
  ratio: number | null;
  ids: string[];
}

/** What has been sold but not yet invoiced: the work still to deliver and bill. */
export function backlog(input: MetricsInput): Backlog {
  const won = wonDeals(input);
  const pending = won.filter((deal) => deal.invoiceDate === null || deal.invoiceDate > input.today);
  const archivedPending = (input.archived?.backlog ?? []).filter(
    (line) => line.invoiceDate === '' || line.invoiceDate > input.today,
  );
  const amount = sum(pending.map(amountOf)) + sum(archivedPending.map((line) => line.amount));
  const wonAmount =
    sum(won.map(amountOf)) +
    sum((input.archived?.closed ?? []).filter((l) => l.kind === 'won').map((l) => l.amount));
  return {
    count: pending.length + sum(archivedPending.map((line) => line.count)),
    amount,
    wonAmount,
    ratio: wonAmount === 0 ? null : amount / wonAmount,
    ids: idsOf(pending),
  };
}

// ---- Won and created per month ------------------------------------------------------------------

export const activityMonths = 12;

export interface MonthActivity {
  /** `yyyy-mm`. */
  month: string;
  wonCount: number;
  wonAmount: number;
  wonIds: string[];
  createdCount: number;
  createdAmount: number;
  createdIds: string[];
}

/** Deals won (by closing date) and created (by created date) in each of the last 12 months, this one included. */
export function wonAndCreatedByMonth(input: MetricsInput): MonthActivity[] {
  const thisMonth = startOfMonth(input.today);
  const months: MonthActivity[] = Array.from({ length: activityMonths }, (_, i) => ({
    month: monthKey(addMonths(thisMonth, i - activityMonths + 1)),
    wonCount: 0,
    wonAmount: 0,
    wonIds: [],
    createdCount: 0,
    createdAmount: 0,
    createdIds: [],
  }));
  const byKey = new Map(months.map((month) => [month.month, month]));
  for (const deal of input.deals) {
    const created = deal.created === null ? undefined : byKey.get(monthKey(deal.created));
    if (created && deal.created !== null && deal.created <= input.today) {
      created.createdCount += 1;
      created.createdAmount += amountOf(deal);
      created.createdIds.push(deal.id);
    }
    if (stageKindOf(input.settings, deal.stage) !== 'won') continue;
    const closed = closedDateOf(deal);
    const won = closed === null || closed > input.today ? undefined : byKey.get(monthKey(closed));
    if (won) {
      won.wonCount += 1;
      won.wonAmount += amountOf(deal);
      won.wonIds.push(deal.id);
    }
  }
  for (const line of input.archived?.created ?? []) {
    const month = byKey.get(line.month);
    if (!month) continue;
    month.createdCount += line.count;
    month.createdAmount += line.amount;
  }
  for (const line of input.archived?.closed ?? []) {
    const month = line.kind === 'won' ? byKey.get(line.month) : undefined;
    if (!month) continue;
    month.wonCount += line.count;
    month.wonAmount += line.amount;
  }
  return months;
}

// ---- Everything ---------------------------------------------------------------------------------

export interface Metrics {
  today: LocalDate;
  currency: string;
  pipeline: PipelineByStage;
  forecast: Forecast;
  won: { month: PeriodFigures; quarter: PeriodFigures };
  lost: LostFigures;
  lostLast90Days: LostFigures;
  winRate: WinRate;
  averageDealSize: ReturnType<typeof averageDealSize>;
  salesCycle: SalesCycle;
  stageConversion: StageConversion[];
  coverage: Coverage | null;
  decisionMakerCoverage: ReturnType<typeof decisionMakerCoverage>;
  activity: Activity;
  dataQuality: DataQuality;
  backlog: Backlog;
  byMonth: MonthActivity[];
}

/** Every metric as one JSON-safe object (no undefined, no Map, no NaN): ready for the Metrics tab or an RPC. */
export function computeMetrics(input: MetricsInput): Metrics {
  return {
    today: input.today,
    currency: input.settings.currency,
    pipeline: openPipelineByStage(input),
    forecast: forecastByMonth(input),
    won: wonThisPeriod(input),
    lost: lostThisMonth(input),
    lostLast90Days: lostLast90Days(input),
    winRate: winRate(input),
    averageDealSize: averageDealSize(input),
    salesCycle: salesCycle(input),
    stageConversion: stageConversion(input),
    coverage: coverage(input),
    decisionMakerCoverage: decisionMakerCoverage(input),
    activity: activity(input),
    dataQuality: dataQuality(input.issues ?? []),
    backlog: backlog(input),
    byMonth: wonAndCreatedByMonth(input),
  };
}

/** The last day the forecast covers, for labels. */
export function forecastEnd(today: LocalDate): LocalDate {
  return endOfMonth(addMonths(startOfMonth(today), forecastMonths - 1));
}
