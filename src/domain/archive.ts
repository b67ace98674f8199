// The archive of closed deals: which deals go, and the summary the archive keeps so every metric stays the same.

import {
  addMonths,
  dateOf,
  daysBetween,
  endOfMonth,
  type LocalDate,
  monthKey,
  startOfMonth,
} from './dates';
import { closedDateOf, stageKindOf } from './follow-up';
import { groupHistory, stageWalk } from './metrics-math';
import type { HistoryEvent, Opportunity, Settings } from './model';

/** Settings' "Archive deals closed more than N months ago": the default, and the range allowed. */
export const archiveMonths = { default: 12, min: 3, max: 120 } as const;

/**
 * Deals closed before this day are archived: the first day of the month `months` before today's.
 * Month-aligned, so every archived deal's closing month lies wholly before it: a metric that counts
 * by month takes an archived month whole or not at all. With at least 3 months, no window that
 * counts by day (the 90-day win rate, this month, this quarter) reaches an archived deal.
 */
export function archiveCutoff(today: LocalDate, months: number): LocalDate {
  const bounded = Math.min(Math.max(Math.round(months), archiveMonths.min), archiveMonths.max);
  return startOfMonth(addMonths(today, -bounded));
}

/**
 * A deal leaves the tracker when it is Won or Lost, closed before the cutoff, has an ID, its row
 * has no problem (a row to fix stays where Check & repair shows it), it was not created after it
 * closed, and nothing happened to it since the cutoff (its last History line is older).
 */
export function isArchivable(
  deal: Opportunity,
  settings: Pick<Settings, 'stages'>,
  cutoff: LocalDate,
  lastActivity: LocalDate | null,
): boolean {
  const kind = stageKindOf(settings, deal.stage);
  if (kind !== 'won' && kind !== 'lost') return false;
  if (deal.id.trim() === '') return false;
  const closed = closedDateOf(deal);
  if (closed === null || closed >= cutoff) return false;
  if (deal.created !== null && deal.created > closed) return false;
  return lastActivity === null || lastActivity < cutoff;
}

// ---- The summary ---------------------------------------------------------------------------------

/**
 * One line of the archive's Summary tab. Lines are added per batch and summed when read:
 * - deals: how many deals the batch archived; count;
 * - closed: a = won|lost, b = closing month yyyy-mm, c = owner|lost reason; count, amount, and
 *   `extra` = how many had an amount (the average deal size divides by those);
 * - created: b = created month; count, amount;
 * - cycle (won, created and closed known): a = segment, b = tier, c = days; count;
 * - backlog (won, not invoiced when archived): b = invoice date or ''; count, amount;
 * - interactions: interactions logged on won deals; count;
 * - entered / advanced: a = stage name; count (stage conversion);
 * - stay: a = stage name, c = days; count (median days in stage).
 */
export interface SummaryLine {
  kind:
    | 'deals'
    | 'closed'
    | 'created'
    | 'cycle'
    | 'backlog'
    | 'interactions'
    | 'entered'
    | 'advanced'
    | 'stay';
  a: string;
  b: string;
  c: string;
  count: number;
  amount: number;
  extra: number;
}

/** The separator of owner and lost reason in a closed line's `c` (neither holds a tab). */
const joiner = '\t';

/** The archived deals' part of every metric that counts them, summed from the Summary lines. */
export interface ArchiveSummary {
  deals: number;
  closed: Array<{
    kind: 'won' | 'lost';
    month: string;
    owner: string;
    reason: string;
    count: number;
    amount: number;
    withAmount: number;
  }>;
  created: Array<{ month: string; count: number; amount: number }>;
  cycle: Array<{ segment: string; tier: string; days: number; count: number }>;
  backlog: Array<{ invoiceDate: string; count: number; amount: number }>;
  interactions: number;
  /** By stage name. */
  conversion: Map<string, { entered: number; advanced: number; stays: Map<number, number> }>;
}

export function emptySummary(): ArchiveSummary {
  return {
    deals: 0,
    closed: [],
    created: [],
    cycle: [],
    backlog: [],
    interactions: 0,
    conversion: new Map(),
  };
}

/**
 * The Summary lines of deals being archived with their History lines: exactly what each metric
 * would have counted of them (metrics.ts adds it back). `today` decides only which won deals are
 * already invoiced (an invoice date on or before the archive day stays before every later today).
 */
export function summarize(
  deals: readonly Opportunity[],
  history: readonly HistoryEvent[],
  settings: Settings,
  today: LocalDate,
): SummaryLine[] {
  const lines = new Map<string, SummaryLine>();
  const add = (
    kind: SummaryLine['kind'],
    a: string,
    b: string,
    c: string,
    count: number,
    amount = 0,
    extra = 0,
  ) => {
    const key = [kind, a, b, c].join('\u0000');
    const line = lines.get(key) ?? { kind, a, b, c, count: 0, amount: 0, extra: 0 };
    line.count += count;
    line.amount += amount;
    line.extra += extra;
    lines.set(key, line);
  };
  const ids = new Set(deals.map((deal) => deal.id));
  const events = groupHistory(history.filter((event) => ids.has(event.dealId)));
  for (const deal of deals) {
    const kind = stageKindOf(settings, deal.stage);
    const closed = closedDateOf(deal);
    const amount = deal.amount ?? 0;
    add('deals', '', '', '', 1);
    if ((kind === 'won' || kind === 'lost') && closed !== null) {
      const owner = deal.owner.trim().toLowerCase();
      const reason = kind === 'lost' ? deal.lostReason.trim() : '';
      add(
        'closed',
        kind,
        monthKey(closed),
        `${owner}${joiner}${reason}`,
        1,
        amount,
        deal.amount === null ? 0 : 1,
      );
    }
    if (deal.created !== null) add('created', '', monthKey(deal.created), '', 1, amount);
    if (kind === 'won') {
      if (deal.created !== null && closed !== null && closed >= deal.created)
        add(
          'cycle',
          deal.segment.trim(),
          deal.tier.trim(),
          String(daysBetween(deal.created, closed)),
          1,
        );
      if (deal.invoiceDate === null || deal.invoiceDate > today)
        add('backlog', '', deal.invoiceDate ?? '', '', 1, amount);
      const interactions = (events.get(deal.id) ?? []).filter(
        (e) => e.field === 'interaction',
      ).length;
      if (interactions > 0) add('interactions', '', '', '', interactions);
    }
  }
  for (const stage of conversionOf(deals, events, settings)) {
    if (stage.entered) add('entered', stage.stage, '', '', 1);
    if (stage.advanced) add('advanced', stage.stage, '', '', 1);
    for (const days of stage.stays) add('stay', stage.stage, '', String(days), 1);
  }
  return [...lines.values()];
}

/** Each archived deal's part of stage conversion, walked as metrics.stageConversion walks it. */
function conversionOf(
  deals: readonly Opportunity[],
  events: ReadonlyMap<string, HistoryEvent[]>,
  settings: Settings,
): Array<{ stage: string; entered: boolean; advanced: boolean; stays: number[] }> {
  const out: Array<{ stage: string; entered: boolean; advanced: boolean; stays: number[] }> = [];
  for (const deal of deals) {
    const all = events.get(deal.id) ?? [];
    const created = all.find((event) => event.field === 'created');
    const since = deal.created ?? (created ? dateOf(created.at) : null);
    const walk = stageWalk(
      all.filter((event) => event.field === 'stage'),
      since,
      deal.stage,
      settings,
    );
    settings.stages.forEach((stage, index) => {
      const stays = walk.stays.filter((stay) => stay.stage === index).map((stay) => stay.days);
      if (stage.kind !== 'open' || (!walk.entered.has(index) && stays.length === 0)) return;
      out.push({
        stage: stage.name,
        entered: walk.entered.has(index),
        advanced: walk.advanced.has(index),
        stays,
      });
    });
  }
  return out;
}

/** Sums Summary lines (of every batch) into the figures metrics.ts adds. */
export function summaryOf(lines: readonly SummaryLine[]): ArchiveSummary {
  const summary = emptySummary();
  const closed = new Map<string, ArchiveSummary['closed'][number]>();
  const created = new Map<string, ArchiveSummary['created'][number]>();
  const cycle = new Map<string, ArchiveSummary['cycle'][number]>();
  const backlog = new Map<string, ArchiveSummary['backlog'][number]>();
  const stage = (name: string) => {
    let found = summary.conversion.get(name);
    if (!found) {
      found = { entered: 0, advanced: 0, stays: new Map() };
      summary.conversion.set(name, found);
    }
    return found;
  };
  for (const line of lines) {
    switch (line.kind) {
      case 'closed': {
        const [owner = '', reason = ''] = line.c.split(joiner);
        const key = `${line.a}|${line.b}|${line.c}`;
        const row = closed.get(key) ?? {
          kind: line.a === 'won' ? ('won' as const) : ('lost' as const),
          month: line.b,
          owner,
          reason,
          count: 0,
          amount: 0,
          withAmount: 0,
        };
        row.count += line.count;
        row.amount += line.amount;
        row.withAmount += line.extra;
        closed.set(key, row);
        break;
      }
      case 'created': {
        const row = created.get(line.b) ?? { month: line.b, count: 0, amount: 0 };
        row.count += line.count;
        row.amount += line.amount;
        created.set(line.b, row);
        break;
      }
      case 'cycle': {
        const key = `${line.a}|${line.b}|${line.c}`;
        const row = cycle.get(key) ?? {
          segment: line.a,
          tier: line.b,
          days: Number(line.c),
          count: 0,
        };
        row.count += line.count;
        cycle.set(key, row);
        break;
      }
      case 'backlog': {
        const row = backlog.get(line.b) ?? { invoiceDate: line.b, count: 0, amount: 0 };
        row.count += line.count;
        row.amount += line.amount;
        backlog.set(line.b, row);
        break;
      }
      case 'interactions':
        summary.interactions += line.count;
        break;
      case 'entered':
        stage(line.a).entered += line.count;
        break;
      case 'advanced':
        stage(line.a).advanced += line.count;
        break;
      case 'stay': {
        const stays = stage(line.a).stays;
        const days = Number(line.c);
        stays.set(days, (stays.get(days) ?? 0) + line.count);
        break;
      }
      case 'deals':
        summary.deals += line.count;
        break;
    }
  }
  summary.closed = [...closed.values()];
  summary.created = [...created.values()];
  summary.cycle = [...cycle.values()];
  summary.backlog = [...backlog.values()];
  return summary;
}

/** Archived closed deals whose closing month lies wholly in [from, to]. */
export function archivedClosed(
  summary: ArchiveSummary | undefined,
  kind: 'won' | 'lost',
  from: LocalDate,
  to: LocalDate,
): ArchiveSummary['closed'] {
  if (!summary) return [];
  return summary.closed.filter(
    (line) => line.kind === kind && `${line.month}-01` >= from && monthEnd(line.month) <= to,
  );
}

function monthEnd(month: string): LocalDate {
  return endOfMonth(`${month}-01` as LocalDate);
}
