// The team view: each owner's pipeline, coverage of their quota and the deals that need attention.

import { endOfQuarter, type LocalDate, startOfQuarter } from './dates';
import { isOpen, isSlipping, nextActionStatus, probabilityOf, staleness } from './follow-up';
import { closedBetween } from './metrics';
import { sum } from './metrics-math';
import type { Opportunity, Settings, Team } from './model';

export interface OwnerFigures {
  /**
   * The owner's email, lowercased (owner names resolved through the Team tab first, see
   * people.ts); a name without an e-mail, lowercased; '' for deals without an owner.
   */
  owner: string;
  /** The name in the Team tab ('' when the owner is not in it). */
  name: string;
  managerEmail: string;
  openCount: number;
  openAmount: number;
  /** Sum of amount x probability of the open deals. */
  weighted: number;
  /** The quarterly quota in the Team tab; null when none. */
  quota: number | null;
  /** Won this quarter, up to today (by closing date). */
  wonQuarter: number;
  /** Open deals expected to close by the end of the quarter (overdue dates included). */
  pipelineQuarter: number;
  /** quota - wonQuarter, never below 0; null without a quota. */
  remainingQuota: number | null;
  /** pipelineQuarter / remainingQuota; null without a quota or once it is met. */
  coverage: number | null;
  openIds: string[];
  wonQuarterIds: string[];
  pipelineQuarterIds: string[];
  /** Open deals whose next action date has passed. */
  overdueIds: string[];
  /** Open deals past their stage's target days (amber or red). */
  staleIds: string[];
  /** Open deals without a next action date. */
  noNextActionIds: string[];
  /** Open deals whose close date was pushed slipThreshold times or more. */
  slippingIds: string[];
  /** Every deal in at least one of the four lists above, in sheet order. */
  attentionIds: string[];
}

export interface TeamInput {
  deals: readonly Opportunity[];
  settings: Settings;
  today: LocalDate;
  team: Team;
  /** Close-date pushes counted in History, by deal; the row's own count is used when higher. */
  pushes?: ReadonlyMap<string, number>;
}

/**
 * One line per owner: every Team tab member in the tab's order, then owners of deals the Team tab
 * does not list (alphabetically), then deals without an owner. Every deal is in exactly one line.
 */
export function ownerFigures(input: TeamInput): OwnerFigures[] {
  const { deals, settings, today, team } = input;
  const quarterFrom = startOfQuarter(today);
  const quarterEnd = endOfQuarter(today);
  const lines = new Map<string, OwnerFigures>();
  // An owner without an e-mail (a name the Team tab does not know) is shown as first written.
  const spelling = new Map(deals.map((deal) => [ownerKey(deal), deal.owner.trim()]));
  const line = (owner: string): OwnerFigures => {
    let found = lines.get(owner);
    if (!found) {
      const member = team.find((m) => m.email === owner);
      const name = member?.name ?? (owner.includes('@') ? '' : (spelling.get(owner) ?? ''));
      found = emptyLine(owner, name, member?.managerEmail ?? '', member?.quota);
      lines.set(owner, found);
    }
    return found;
  };
  for (const member of team) line(member.email);
  const unlisted = [
    ...new Set(deals.map((deal) => ownerKey(deal)).filter((owner) => !lines.has(owner))),
  ].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  for (const owner of unlisted) line(owner);

  const wonIds = new Set(
    closedBetween({ deals, settings }, 'won', quarterFrom, today).map((d) => d.id),
  );
  for (const deal of deals) {
    const figures = line(ownerKey(deal));
    const amount = deal.amount ?? 0;
    if (wonIds.has(deal.id)) {
      figures.wonQuarter += amount;
      figures.wonQuarterIds.push(deal.id);
    }
    if (!isOpen(deal, settings)) continue;
    figures.openCount += 1;
    figures.openAmount += amount;
    figures.weighted += amount * probabilityOf(deal, settings);
    figures.openIds.push(deal.id);
    if (deal.closeDate !== null && deal.closeDate <= quarterEnd) {
      figures.pipelineQuarter += amount;
      figures.pipelineQuarterIds.push(deal.id);
    }
    const status = nextActionStatus(deal, today, settings);
    const overdue = status === 'overdue';
    const none = status === 'none';
    const stale = staleness(deal, today, settings).level !== 'fresh';
    const pushes = Math.max(input.pushes?.get(deal.id) ?? 0, deal.closePushes ?? 0);
    const slipping = isSlipping(pushes, settings);
    if (overdue) figures.overdueIds.push(deal.id);
    if (stale) figures.staleIds.push(deal.id);
    if (none) figures.noNextActionIds.push(deal.id);
    if (slipping) figures.slippingIds.push(deal.id);
    if (overdue || stale || none || slipping) figures.attentionIds.push(deal.id);
  }
  for (const figures of lines.values()) {
    if (figures.quota === null) continue;
    figures.remainingQuota = Math.max(figures.quota - figures.wonQuarter, 0);
    figures.coverage =
      figures.remainingQuota === 0 ? null : figures.pipelineQuarter / figures.remainingQuota;
  }
  return [...lines.values()];
}

/** The whole team's line: the sums of every owner's figures (coverage from the summed quotas). */
export function teamTotal(lines: readonly OwnerFigures[]): OwnerFigures {
  const quotas = lines.flatMap((l) => (l.quota === null ? [] : [l.quota]));
  const total = emptyLine('', '', '', quotas.length === 0 ? undefined : sum(quotas));
  for (const l of lines) {
    total.openCount += l.openCount;
    total.openAmount += l.openAmount;
    total.weighted += l.weighted;
    total.wonQuarter += l.wonQuarter;
    total.pipelineQuarter += l.pipelineQuarter;
    for (const key of idKeys) total[key].push(...l[key]);
  }
  if (total.quota !== null) {
    // Only owners with a quota count against it: pipeline without a quota covers nothing.
    const withQuota = lines.filter((l) => l.quota !== null);
    const won = sum(withQuota.map((l) => l.wonQuarter));
    total.remainingQuota = Math.max(total.quota - won, 0);
    const pipeline = sum(withQuota.map((l) => l.pipelineQuarter));
    total.coverage = total.remainingQuota === 0 ? null : pipeline / total.remainingQuota;
  }
  return total;
}

const idKeys = [
  'openIds',
  'wonQuarterIds',
  'pipelineQuarterIds',
  'overdueIds',
  'staleIds',
  'noNextActionIds',
  'slippingIds',
  'attentionIds',
] as const;

function emptyLine(
  owner: string,
  name: string,
  managerEmail: string,
  quota: number | undefined,
): OwnerFigures {
  return {
    owner,
    name,
    managerEmail,
    openCount: 0,
    openAmount: 0,
    weighted: 0,
    quota: quota ?? null,
    wonQuarter: 0,
    pipelineQuarter: 0,
    remainingQuota: null,
    coverage: null,
    openIds: [],
    wonQuarterIds: [],
    pipelineQuarterIds: [],
    overdueIds: [],
    staleIds: [],
    noNextActionIds: [],
    slippingIds: [],
    attentionIds: [],
  };
}

function ownerKey(deal: Opportunity): string {
  return deal.owner.trim().toLowerCase();
}

// ---- Who manages whom ---------------------------------------------------------------------------

/**
 * The people who report to `manager` in the Team tab, directly or through other managers
 * (a loop in the tab is followed once). Empty when nobody names them as manager.
 */
export function reportsOf(team: Team, manager: string): string[] {
  const boss = manager.trim().toLowerCase();
  const found: string[] = [];
  const seen = new Set<string>([boss]);
  let frontier = [boss];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const member of team) {
      if (frontier.includes(member.managerEmail) && !seen.has(member.email)) {
        seen.add(member.email);
        found.push(member.email);
        next.push(member.email);
      }
    }
    frontier = next;
  }
  return found;
}

/** A manager is anyone the Team tab names as someone's manager. */
export function isManager(team: Team, email: string): boolean {
  const who = email.trim().toLowerCase();
  return who !== '' && team.some((member) => member.managerEmail === who);
}
