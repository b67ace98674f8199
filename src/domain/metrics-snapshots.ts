// The Snapshots tab: one row per ISO week, kept as history, and what it tells later (trend, forecast accuracy).

import { archivedClosed } from './archive';
import { headerText, normalizeHeader } from './columns';
import {
  addDays,
  addMonths,
  endOfMonth,
  isLocalDate,
  isoWeek,
  type LocalDate,
  monthKey,
  startOfMonth,
  startOfWeek,
} from './dates';
import { closedDateOf, probabilityOf, stageKindOf } from './follow-up';
import type { Language } from './i18n';
import { closedBetween, type Metrics, type MetricsInput, openDeals } from './metrics';
import type { OwnerFigures } from './metrics-team';
import { type Cell, isCellDate } from './model';
import { parseNumberText } from './parse-row';

export interface SnapshotOwner {
  owner: string;
  openAmount: number;
  weighted: number;
  /** The weighted forecast for the snapshot's month (deals expected to close in it, or overdue). */
  forecast: number;
}

/** One week as it stood the first time the metrics were refreshed in it. */
export interface Snapshot {
  /** ISO 8601 week, as `2026-W48`: the key that makes a week's row unique. */
  week: string;
  /** The Monday that starts the ISO week. */
  weekStart: LocalDate;
  /** The day the snapshot was taken (the week's first refresh). */
  takenOn: LocalDate;
  /** `HH:mm` in the spreadsheet's zone, and who refreshed: the row says when and by whom. */
  takenAt: string;
  takenBy: string;
  openCount: number;
  openAmount: number;
  weighted: number;
  /** `yyyy-mm` of takenOn: the month `forecast` is for. */
  forecastMonth: string;
  /** Weighted amount of open deals expected to close in forecastMonth (overdue dates included). */
  forecast: number;
  wonQtdCount: number;
  wonQtdAmount: number;
  lostQtdCount: number;
  lostQtdAmount: number;
  /** Trailing 90-day win rate by count; null with no closed deals. */
  winRate: number | null;
  /** Coverage of the quarter's remaining quota; null without a quota or once it is met. */
  coverage: number | null;
  slipping: number;
  stale: number;
  stages: { stage: string; count: number }[];
  owners: SnapshotOwner[];
  /** The Snapshots tab row it was read from (1-based); null for one not written yet. */
  row: number | null;
}

/** `2026-W48`: the ISO week of a date (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekKey(date: LocalDate): string {
  const { year, week } = isoWeek(date);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A snapshot is due when the Snapshots tab has no row for the current ISO week. */
export function snapshotDue(weeks: readonly string[], today: LocalDate): boolean {
  return !weeks.includes(isoWeekKey(today));
}

/** This week's snapshot, from the figures the refresh just computed. */
export function takeSnapshot(
  input: MetricsInput,
  metrics: Metrics,
  owners: readonly OwnerFigures[],
  taken: { at: string; by: string } = { at: '', by: '' },
): Snapshot {
  const { today, settings } = input;
  const quarterFrom = metrics.won.quarter.from;
  const lost = closedBetween(input, 'lost', quarterFrom, today);
  const monthEnd = endOfMonth(today);
  const forecastByOwner = new Map<string, number>();
  for (const deal of openDeals(input)) {
    if (deal.closeDate === null || deal.closeDate > monthEnd) continue;
    const owner = deal.owner.trim().toLowerCase();
    const weighted = (deal.amount ?? 0) * probabilityOf(deal, settings);
    forecastByOwner.set(owner, (forecastByOwner.get(owner) ?? 0) + weighted);
  }
  return {
    week: isoWeekKey(today),
    weekStart: startOfWeek(today, 1),
    takenOn: today,
    takenAt: taken.at,
    takenBy: taken.by,
    openCount: metrics.pipeline.total.count,
    openAmount: metrics.pipeline.total.amount,
    weighted: metrics.pipeline.total.weighted,
    forecastMonth: monthKey(today),
    forecast: metrics.forecast.months[0]?.weighted ?? 0,
    wonQtdCount: metrics.won.quarter.count,
    wonQtdAmount: metrics.won.quarter.amount,
    lostQtdCount: lost.length,
    lostQtdAmount: lost.reduce((total, deal) => total + (deal.amount ?? 0), 0),
    winRate: metrics.winRate.byCount,
    coverage: metrics.coverage?.coverage ?? null,
    slipping: metrics.activity.slipping.count,
    stale: metrics.activity.stale.count,
    stages: metrics.pipeline.stages.map((s) => ({ stage: s.stage, count: s.count })),
    owners: owners
      .filter((o) => o.openCount > 0 || forecastByOwner.has(o.owner))
      .map((o) => ({
        owner: o.owner,
        openAmount: o.openAmount,
        weighted: o.weighted,
        forecast: forecastByOwner.get(o.owner) ?? 0,
      })),
    row: null,
  };
}

// ---- The tab's rows -----------------------------------------------------------------------------

type Column = Exclude<keyof Snapshot, 'row'>;

/** The Snapshots tab's columns, in order, with their headers. */
export const snapshotColumns: ReadonlyArray<{ key: Column; header: Record<Language, string> }> = [
  { key: 'week', header: { en: 'Week', es: 'Semana' } },
  { key: 'weekStart', header: { en: 'Week start', es: 'Inicio de semana' } },
  { key: 'takenOn', header: { en: 'Taken on', es: 'Tomada el' } },
  { key: 'takenAt', header: { en: 'At', es: 'A las' } },
  { key: 'takenBy', header: { en: 'By', es: 'Por' } },
  { key: 'openCount', header: { en: 'Open deals', es: 'Oportunidades abiertas' } },
  { key: 'openAmount', header: { en: 'Open pipeline', es: 'Cartera abierta' } },
  { key: 'weighted', header: { en: 'Weighted pipeline', es: 'Cartera ponderada' } },
  { key: 'forecastMonth', header: { en: 'Month', es: 'Mes' } },
  {
    key: 'forecast',
    header: { en: 'Weighted forecast for the month', es: 'Previsión ponderada del mes' },
  },
  { key: 'wonQtdCount', header: { en: 'Won this quarter (deals)', es: 'Ganadas en el trimestre' } },
  {
    key: 'wonQtdAmount',
    header: { en: 'Won this quarter (amount)', es: 'Importe ganado en el trimestre' },
  },
  {
    key: 'lostQtdCount',
    header: { en: 'Lost this quarter (deals)', es: 'Perdidas en el trimestre' },
  },
  {
    key: 'lostQtdAmount',
    header: { en: 'Lost this quarter (amount)', es: 'Importe perdido en el trimestre' },
  },
  { key: 'winRate', header: { en: 'Win rate (90 days)', es: 'Tasa de cierre (90 días)' } },
  { key: 'coverage', header: { en: 'Coverage', es: 'Cobertura' } },
  { key: 'slipping', header: { en: 'Slipping deals', es: 'Oportunidades que se retrasan' } },
  { key: 'stale', header: { en: 'Stale deals', es: 'Oportunidades estancadas' } },
  { key: 'stages', header: { en: 'Open deals per stage', es: 'Abiertas por etapa' } },
  {
    key: 'owners',
    header: {
      en: 'Per owner: open / weighted / month forecast',
      es: 'Por responsable: abierta / ponderada / previsión del mes',
    },
  },
];

export type SnapshotCell = string | number;

/** Numbers as plain digits (no grouping, '.' decimals) so the text reads back in any locale. */
const plain = (value: number) => String(Math.round(value * 100) / 100);

/** A snapshot as the tab's row: numbers as numbers, dates as yyyy-mm-dd, lists as readable text. */
export function snapshotToRow(snapshot: Snapshot): SnapshotCell[] {
  return snapshotColumns.map(({ key }) => {
    const value = snapshot[key];
    if (key === 'stages') return snapshot.stages.map((s) => `${s.stage}: ${s.count}`).join('; ');
    if (key === 'owners')
      return snapshot.owners
        .map(
          (o) =>
            `${o.owner || '-'}: ${plain(o.openAmount)} / ${plain(o.weighted)} / ${plain(o.forecast)}`,
        )
        .join('; ');
    if (value === null) return '';
    return value as SnapshotCell;
  });
}

export function snapshotHeader(language: Language): string[] {
  return snapshotColumns.map((column) => column.header[language]);
}

/**
 * Reads the Snapshots tab back (header in either language, columns in any order); rows without a
 * week key are skipped. `firstRow` is the sheet row of rows[0] (the header).
 */
export function snapshotsFromRows(rows: readonly (readonly Cell[])[], firstRow = 1): Snapshot[] {
  const header = rows[0] ?? [];
  const at = new Map<Column, number>();
  for (const column of snapshotColumns) {
    const names = Object.values(column.header).map(normalizeHeader);
    const index = header.findIndex((cell) => names.includes(normalizeHeader(headerText(cell))));
    if (index >= 0) at.set(column.key, index);
  }
  const snapshots: Snapshot[] = [];
  rows.slice(1).forEach((cells, i) => {
    const get = (key: Column): Cell => {
      const index = at.get(key);
      return index === undefined ? '' : (cells[index] ?? '');
    };
    const week = headerText(get('week'));
    if (!/^\d{4}-W\d{2}$/.test(week)) return;
    const num = (key: Column) => {
      const value = parseNumberText(get(key));
      return value === null || value === undefined ? null : value;
    };
    const takenOn = dateCell(get('takenOn')) ?? dateCell(get('weekStart'));
    const weekStart = dateCell(get('weekStart')) ?? takenOn;
    if (!takenOn || !weekStart) return;
    snapshots.push({
      week,
      weekStart,
      takenOn,
      takenAt: headerText(get('takenAt')),
      takenBy: headerText(get('takenBy')),
      openCount: num('openCount') ?? 0,
      openAmount: num('openAmount') ?? 0,
      weighted: num('weighted') ?? 0,
      forecastMonth: monthText(get('forecastMonth')) ?? monthKey(takenOn),
      forecast: num('forecast') ?? 0,
      wonQtdCount: num('wonQtdCount') ?? 0,
      wonQtdAmount: num('wonQtdAmount') ?? 0,
      lostQtdCount: num('lostQtdCount') ?? 0,
      lostQtdAmount: num('lostQtdAmount') ?? 0,
      winRate: num('winRate'),
      coverage: num('coverage'),
      slipping: num('slipping') ?? 0,
      stale: num('stale') ?? 0,
      stages: parseStages(headerText(get('stages'))),
      owners: parseOwners(headerText(get('owners'))),
      row: firstRow + 1 + i,
    });
  });
  return snapshots;
}

function dateCell(cell: Cell): LocalDate | null {
  if (isCellDate(cell)) return cell.date;
  const text = headerText(cell).slice(0, 10);
  return isLocalDate(text) ? text : null;
}

function monthText(cell: Cell): string | null {
  if (isCellDate(cell)) return monthKey(cell.date);
  const text = headerText(cell);
  return /^\d{4}-\d{2}$/.test(text) ? text : null;
}

function parseStages(text: string): Snapshot['stages'] {
  return text.split(';').flatMap((part) => {
    const match = /^\s*(.+):\s*(\d+)\s*$/.exec(part);
    return match ? [{ stage: match[1] as string, count: Number(match[2]) }] : [];
  });
}

function parseOwners(text: string): SnapshotOwner[] {
  const number = '(-?\\d+(?:\\.\\d+)?)';
  const pattern = new RegExp(`^\\s*(.+):\\s*${number}\\s*/\\s*${number}\\s*/\\s*${number}\\s*$`);
  return text.split(';').flatMap((part) => {
    const match = pattern.exec(part);
    if (!match) return [];
    const owner = match[1] === '-' ? '' : (match[1] as string).trim();
    return [
      {
        owner,
        openAmount: Number(match[2]),
        weighted: Number(match[3]),
        forecast: Number(match[4]),
      },
    ];
  });
}

// ---- What the snapshots tell later --------------------------------------------------------------

export const trendWeeks = 12;

/** The last 12 weeks of snapshots, oldest first: the win-rate and pipeline trend. */
export function snapshotTrend(snapshots: readonly Snapshot[]): Snapshot[] {
  return [...snapshots].sort((a, b) => a.week.localeCompare(b.week)).slice(-trendWeeks);
}

export const accuracyMonths = 6;
/** How late in a month its first snapshot may be and still say what the forecast was at its start. */
export const accuracyStartDays = 7;

export interface AccuracyLine {
  /** '' for the total line. */
  owner: string;
  /** The weighted forecast the snapshot recorded for the month; null without a snapshot. */
  forecast: number | null;
  won: number;
  /** won / forecast; null without a forecast above 0. */
  ratio: number | null;
  wonIds: string[];
}

export interface AccuracyMonth {
  month: string;
  /** The snapshot the forecast comes from: the month's first, taken in its first 7 days. */
  snapshot: { week: string; takenOn: LocalDate; row: number | null } | null;
  total: AccuracyLine;
  owners: AccuracyLine[];
}

/**
 * For each of the last 6 complete months: the weighted forecast at the month's start (the first
 * snapshot taken in its first 7 days) against the amount won in it (deals won with a closing date
 * in the month, as the rows say today), in total and per owner.
 */
export function forecastAccuracy(
  input: Pick<MetricsInput, 'deals' | 'settings' | 'today' | 'archived'>,
  snapshots: readonly Snapshot[],
): AccuracyMonth[] {
  const thisMonth = startOfMonth(input.today);
  const sorted = [...snapshots].sort((a, b) => a.takenOn.localeCompare(b.takenOn));
  return Array.from({ length: accuracyMonths }, (_, i) => {
    const from = addMonths(thisMonth, i - accuracyMonths);
    const month = monthKey(from);
    const to = endOfMonth(from);
    const lastStartDay = addDays(from, accuracyStartDays - 1);
    const snapshot =
      sorted.find(
        (s) => s.forecastMonth === month && s.takenOn >= from && s.takenOn <= lastStartDay,
      ) ?? null;
    const won = input.deals.filter((deal) => {
      if (stageKindOf(input.settings, deal.stage) !== 'won') return false;
      const closed = closedDateOf(deal);
      return closed !== null && closed >= from && closed <= to;
    });
    const owners = new Map<string, AccuracyLine>();
    const lineOf = (owner: string) => {
      let found = owners.get(owner);
      if (!found) {
        found = { owner, forecast: snapshot ? 0 : null, won: 0, ratio: null, wonIds: [] };
        owners.set(owner, found);
      }
      return found;
    };
    for (const o of snapshot?.owners ?? []) lineOf(o.owner).forecast = o.forecast;
    for (const deal of won) {
      const line = lineOf(deal.owner.trim().toLowerCase());
      line.won += deal.amount ?? 0;
      line.wonIds.push(deal.id);
    }
    // Archived deals won in the month (issue 22): their amounts, not their IDs.
    let archivedWon = 0;
    for (const line of archivedClosed(input.archived, 'won', from, to)) {
      lineOf(line.owner).won += line.amount;
      archivedWon += line.amount;
    }
    const total: AccuracyLine = {
      owner: '',
      forecast: snapshot ? snapshot.forecast : null,
      won: won.reduce((sum, deal) => sum + (deal.amount ?? 0), 0) + archivedWon,
      ratio: null,
      wonIds: won.map((deal) => deal.id),
    };
    const lines = [...owners.values()].sort((a, b) => a.owner.localeCompare(b.owner));
    for (const line of [total, ...lines])
      line.ratio = line.forecast === null || line.forecast <= 0 ? null : line.won / line.forecast;
    return {
      month,
      snapshot: snapshot
        ? { week: snapshot.week, takenOn: snapshot.takenOn, row: snapshot.row }
        : null,
      total,
      owners: lines,
    };
  });
}
