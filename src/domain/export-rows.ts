// What the company export sends to BigQuery for one team file and one day: plain rows, in the tables' schemas (bigquery/schema).

import { addDays, dateOf, dayNumber, daysBetween, type LocalDate, monthKey } from './dates';
import { closedDateOf, isOpen, probabilityOf, stageIndex, stageKindOf } from './follow-up';
import type { HistoryEvent, Opportunity, Settings } from './model';

/** The export of day D covers what happened up to the end of D; it runs early on D + 1. */
export interface ExportDay {
  /** The day exported (yesterday, in the team file's time zone). */
  day: LocalDate;
  /** The last day an earlier export finished for this file; null the first time. */
  after: LocalDate | null;
}

export interface TeamFile {
  /** The spreadsheet ID. */
  id: string;
  /** The team's name in every table and view. */
  team: string;
}

export type ExportRow = Record<string, string | number | boolean | null>;

/**
 * Open deals at the end of the day: one row each, with the probability the Metrics tab uses (the
 * deal's own, else its stage's) and the weighted amount, and the month its forecast counts it in.
 * Day numbers (days since 1970-01-01) beside the dates keep date arithmetic out of the views' SQL.
 */
export function openDealRows(
  deals: readonly Opportunity[],
  settings: Settings,
  file: TeamFile,
  day: LocalDate,
): ExportRow[] {
  return deals
    .filter((deal) => isOpen(deal, settings))
    .map((deal) => {
      const probability = probabilityOf(deal, settings);
      const amount = deal.amount ?? 0;
      return {
        snapshot_date: day,
        snapshot_day: dayNumber(day),
        snapshot_month: monthKey(day),
        snapshot_month_day: Number(day.slice(8, 10)),
        team: file.team,
        file_id: file.id,
        deal_id: deal.id,
        name: deal.name,
        owner: deal.owner.trim().toLowerCase(),
        stage: settings.stages[stageIndex(settings, deal.stage)]?.name ?? deal.stage,
        stage_order: stageIndex(settings, deal.stage),
        probability,
        amount,
        weighted: amount * probability,
        close_date: deal.closeDate,
        close_month: deal.closeDate === null ? null : monthKey(deal.closeDate),
        created: deal.created,
      };
    });
}

/**
 * Won and Lost deals whose closing date (closedOn, else the day they entered the stage) falls in
 * the export's window: after the last day exported, up to the day. Each closed deal is sent once.
 */
export function closedDealRows(
  deals: readonly Opportunity[],
  settings: Settings,
  file: TeamFile,
  window: ExportDay,
): ExportRow[] {
  const rows: ExportRow[] = [];
  for (const deal of deals) {
    const kind = stageKindOf(settings, deal.stage);
    if (kind !== 'won' && kind !== 'lost') continue;
    const closed = closedDateOf(deal);
    if (closed === null || closed > window.day) continue;
    if (window.after !== null && closed <= window.after) continue;
    rows.push({
      export_date: window.day,
      team: file.team,
      file_id: file.id,
      deal_id: deal.id,
      owner: deal.owner.trim().toLowerCase(),
      outcome: kind,
      amount: deal.amount,
      created: deal.created,
      closed_on: closed,
      closed_day: dayNumber(closed),
      closed_month: monthKey(closed),
      cycle_days:
        deal.created !== null && closed >= deal.created ? daysBetween(deal.created, closed) : null,
      lost_reason: kind === 'lost' ? deal.lostReason.trim() : '',
      segment: deal.segment.trim(),
      tier: deal.tier.trim(),
    });
  }
  return rows;
}

/** History lines of the window's days, each with a key that names the line (file, time, deal, field, values). */
export function historyRows(
  events: readonly HistoryEvent[],
  file: TeamFile,
  window: ExportDay,
): ExportRow[] {
  const seen = new Map<string, number>();
  const rows: ExportRow[] = [];
  for (const event of events) {
    const day = dateOf(event.at);
    if (day > window.day || (window.after !== null && day <= window.after)) continue;
    const base = [file.id, event.at, event.dealId, event.field, event.old, event.new].join('|');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    rows.push({
      export_date: window.day,
      team: file.team,
      file_id: file.id,
      line_key: `${base}|${n}`,
      line_time: event.at.replace('T', ' '),
      line_date: day,
      deal_id: event.dealId,
      user_email: event.user,
      field: event.field,
      old_value: event.old,
      new_value: event.new,
    });
  }
  return rows;
}

/** Yesterday in the file's zone: the day a run early this morning exports. */
export function exportDayFor(today: LocalDate): LocalDate {
  return addDays(today, -1);
}
