// Refresh metrics: reads each source tab once (only the columns it needs), rebuilds the Metrics tab, adds the week's snapshot.

import { type LocalClock, localDateTimeIn } from '../domain/dates';
import type { FieldKey } from '../domain/fields';
import { isClosePush } from '../domain/follow-up';
import { type Language, resolveLanguage } from '../domain/i18n';
import { computeMetrics, type MetricsInput, quarterQuota } from '../domain/metrics';
import { groupBy } from '../domain/metrics-math';
import { metricsSheet } from '../domain/metrics-sheet';
import {
  forecastAccuracy,
  isoWeekKey,
  snapshotDue,
  snapshotTrend,
  takeSnapshot,
} from '../domain/metrics-snapshots';
import { ownerFigures, teamTotal } from '../domain/metrics-team';
import { metricsText } from '../domain/metrics-text';
import { parseRows } from '../domain/parse-row';
import { readArchiveSummary } from './archive-read';
import { activeContext, currentUser, withTabsLock } from './context';
import type { DailyJob } from './daily-jobs';
import { historySheet, readHistoryColumns } from './history-read';
import { writeMetricsTab } from './metrics-tab';
import { resolveOwners, teamOnce } from './owners';
import { documentProperties, propertyKeys } from './properties';
import { refreshSettingsCache } from './settings-cache';
import { appendSnapshot, readSnapshots } from './snapshots-tab';
import { firstDataRow, readColumns } from './tracker';
import { trackerLayout, trackerSheet } from './tracker-layout';
import { rememberUsualAmount } from './usual-amount';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Every tracker column a figure uses (name and customer too: a row with neither is not a deal). */
export const metricsFields: readonly FieldKey[] = [
  'id',
  'name',
  'customer',
  'owner',
  'stage',
  'amount',
  'probability',
  'closeDate',
  'invoiceDate',
  'created',
  'stageEntered',
  'nextActionDate',
  'lastContact',
  'decisionMakerMet',
  'tier',
  'segment',
  'lostReason',
  'lostNote',
  'closedOn',
  'closePushes',
  'updated',
];

/** What a caller without a UI (the daily reminder run) gives: who runs it, and optionally when and in what language. */
export interface RefreshInputs {
  /** Shown in the Metrics tab's first row and the snapshot's By column. */
  user: string;
  /** The wall clock in the spreadsheet's zone; now by default. */
  now?: LocalClock;
  /** The file's language (Settings, else its locale) by default. */
  language?: Language;
  /** The tracker tab, when the caller found it (the reminder run, by its sheet ID). */
  tracker?: GoogleAppsScript.Spreadsheet.Sheet;
}

export type RefreshResult =
  | { ok: false; reason: 'notSetUp' | 'busy' }
  | {
      ok: true;
      tab: string;
      deals: number;
      charts: number;
      snapshot: { week: string; added: boolean; tab: string };
    };

/**
 * Refreshes the metrics of a spreadsheet. Needs no UI and no active spreadsheet, so the daily
 * reminder run can call it with the file it opened by ID. Reads run without the lock (they can
 * take seconds on a large tracker); the lock is held only to read the Snapshots tab, append the
 * week's row and write the Metrics tab (the document lock, or the user lock where a trigger has
 * none), so a sidebar save waits at most that long. Callers recover the History journal first,
 * as every entrypoint does.
 */
export function refreshMetrics(spreadsheet: Spreadsheet, inputs: RefreshInputs): RefreshResult {
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const now = inputs.now ?? localDateTimeIn(Date.now(), timeZone);
  const language =
    inputs.language ??
    resolveLanguage(
      documentProperties()?.getProperty(propertyKeys.language) ?? '',
      spreadsheet.getSpreadsheetLocale(),
    );
  const layout = trackerLayout(inputs.tracker ?? trackerSheet(spreadsheet));
  if (!layout) return { ok: false, reason: 'notSetUp' };

  const { settings } = refreshSettingsCache(spreadsheet, language);
  const slice = readColumns(layout, metricsFields, timeZone);
  const parsed = parseRows(slice.rows, slice.columns, settings, firstDataRow);
  // The archive's Summary (issue 22): deals of a batch already copied but not yet deleted count once.
  const archive = readArchiveSummary(settings);
  const kept = archive
    ? parsed.deals.filter((deal) => !archive.pendingIds.has(deal.id))
    : parsed.deals;
  // Every open amount is at hand: the usual one is kept for the saves' amount check (the lists
  // keep it too on a tracker small enough to be read whole).
  rememberUsualAmount(kept, settings, now.date);
  const team = teamOnce(spreadsheet);
  // Owners named by name count under the person the Team tab says they are.
  const deals = resolveOwners(kept, spreadsheet);
  const history = readHistoryColumns(historySheet(spreadsheet), timeZone);
  const input: MetricsInput = {
    deals,
    history: history.events,
    settings,
    today: now.date,
    issues: parsed.issues,
    team,
    ...(archive ? { archived: archive.summary } : {}),
  };
  const metrics = computeMetrics(input);
  const pushes = new Map(
    [...groupBy(history.events.filter(isClosePush), (e) => e.dealId)].map(([id, list]) => [
      id,
      list.length,
    ]),
  );
  const owners = ownerFigures({ deals, settings, today: now.date, team, pushes });
  const taken = { at: now.time.slice(0, 5), by: inputs.user };

  const written = withTabsLock(10_000, () => {
    const read = readSnapshots(spreadsheet, timeZone);
    const week = isoWeekKey(now.date);
    const due = snapshotDue(
      read.snapshots.map((s) => s.week),
      now.date,
    );
    const snapshots = [...read.snapshots];
    let snapshotsTab = read.sheet;
    if (due) {
      const snapshot = takeSnapshot(input, metrics, owners, taken);
      snapshotsTab = appendSnapshot(spreadsheet, read, snapshot, language, settings.currency);
      snapshots.push({ ...snapshot, row: Math.max(read.lastRow, 2) + 1 });
    }
    const quota = quarterQuota(input);
    const plan = metricsSheet({
      language,
      metrics,
      owners,
      teamTotal: teamTotal(owners),
      trend: snapshotTrend(snapshots),
      accuracy: forecastAccuracy(input, snapshots),
      settings,
      refreshed: { date: now.date, time: now.time.slice(0, 5), zone: timeZone, user: inputs.user },
      trackerName: layout.sheet.getName(),
      quotaSource: quota <= 0 ? null : settings.quarterlyQuota > 0 ? 'settings' : 'team',
      historyWindow:
        history.read < history.total
          ? { lines: history.read, total: history.total, since: history.since }
          : null,
      archived: archive ? { deals: archive.summary.deals, file: settings.archiveFile } : null,
    });
    const tab = writeMetricsTab(spreadsheet, plan, language, settings.currency);
    return {
      tab: tab.sheet.getName(),
      charts: tab.charts,
      snapshot: { week, added: due, tab: snapshotsTab?.getName() ?? '' },
    };
  });
  if (!written.ok) return { ok: false, reason: 'busy' };
  return { ok: true, deals: parsed.deals.length, ...written.value };
}

/**
 * The daily reminder run's job (src/gas/daily-jobs.ts): add it to `dailyJobs` to refresh the
 * Metrics tab once a day, after the emails. About 31 s modeled at 50,000 deals (scripts/bench/metrics.ts).
 */
export const metricsDailyJob: DailyJob = {
  name: 'metrics',
  needsMs: 60_000,
  run(ctx) {
    const result = refreshMetrics(ctx.spreadsheet, {
      user: currentUser(),
      now: ctx.now,
      language: ctx.language,
      tracker: ctx.tracker,
    });
    if (result.ok) return refreshMessage(ctx.language, result);
    // Never "done" when nothing was refreshed: the Run log (and the sidebar) say why.
    throw new Error(
      metricsText(ctx.language, result.reason === 'busy' ? 'refresh.busy' : 'refresh.notSetUp'),
    );
  },
};

/** The menu item (its entrypoint recovers the History journal first): refreshes, shows the tab, says what it did. */
export function refreshMetricsFromMenu(): void {
  const ctx = activeContext();
  const ui = SpreadsheetApp.getUi();
  const result = refreshMetrics(ctx.spreadsheet, {
    user: ctx.user,
    now: ctx.now,
    language: ctx.language,
  });
  const title = metricsText(ctx.language, 'refresh.title');
  if (!result.ok) {
    const message =
      result.reason === 'busy' ? ctx.t('busy') : metricsText(ctx.language, 'refresh.notSetUp');
    ui.alert(title, message, ui.ButtonSet.OK);
    return;
  }
  ctx.spreadsheet.getSheetByName(result.tab)?.activate();
  ctx.spreadsheet.toast(refreshMessage(ctx.language, result), title, 8);
}

/** "Metrics refreshed in the Metrics tab: 60 deals, 6 charts. This week's snapshot was added." */
export function refreshMessage(
  language: Language,
  result: Extract<RefreshResult, { ok: true }>,
): string {
  const snapshot = metricsText(
    language,
    result.snapshot.added ? 'refresh.snapshotAdded' : 'refresh.snapshotKept',
    { week: result.snapshot.week, tab: result.snapshot.tab },
  );
  return metricsText(language, 'refresh.done', {
    tab: result.tab,
    deals: result.deals,
    charts: result.charts,
    snapshot,
  });
}
