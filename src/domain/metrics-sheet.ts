// The Metrics tab as a plan: every cell (value and kind), each figure's definition and IDs, and its charts.

import { endOfMonth, endOfQuarter, type LocalDate } from './dates';
import type { Language } from './i18n';
import type { Metrics } from './metrics';
import type { AccuracyMonth, Snapshot } from './metrics-snapshots';
import type { OwnerFigures } from './metrics-team';
import { type MetricsTextKey, metricsText } from './metrics-text';
import type { Settings } from './model';
import { problemReason } from './problems';

/** How a cell is shown: the shell turns the kind into a number format (see numberFormatFor). */
export type CellKind = 'text' | 'money' | 'count' | 'percent' | 'ratio' | 'days' | 'date';

export interface SheetCell {
  /** '' for an empty cell; numbers stay numbers so the sheet can sum and chart them. */
  value: string | number;
  kind: CellKind;
  bold?: boolean;
}

/** A block of the tab, 1-based, for a chart's data. */
export interface RangeRef {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export type ChartKind = 'COLUMN' | 'LINE' | 'PIE';

export interface ChartPlan {
  kind: ChartKind;
  title: string;
  /** The domain (labels) first, then the series; each range starts with its header row. */
  ranges: RangeRef[];
  /** Where the chart sits: its top-left cell, and a pixel offset from it. */
  anchor: { row: number; column: number; offsetX: number; offsetY: number };
  width: number;
  height: number;
}

export interface MetricsSheetInput {
  language: Language;
  metrics: Metrics;
  owners: readonly OwnerFigures[];
  teamTotal: OwnerFigures;
  /** The last weeks of snapshots, oldest first. */
  trend: readonly Snapshot[];
  accuracy: readonly AccuracyMonth[];
  settings: Settings;
  refreshed: { date: LocalDate; time: string; zone: string; user: string };
  /** The tracker tab's name, for the intro line. */
  trackerName: string;
  quotaSource: 'settings' | 'team' | null;
  /** Set when only the most recent History lines were read. */
  historyWindow: { lines: number; total: number; since: LocalDate | null } | null;
  /** Deals in the archive file (issue 22), which the figures below include; absent without one. */
  archived?: { deals: number; file: string } | null;
}

export interface MetricsSheet {
  rows: SheetCell[][];
  width: number;
  charts: ChartPlan[];
}

/** Columns: A label, B-G figures, H the definition, I the deals counted. */
export const sheetWidth = 9;
const valueColumns = 6;
/** Charts sit in two rows of three at the top; the tables start below them. */
const chartRows = 2;
const chartsPerRow = 3;
const chartWidth = 420;
const chartHeight = 270;
const chartRowSpan = 14;
const chartsTop = 4;
export const tablesTop = chartsTop + chartRows * chartRowSpan + 1;
/** An IDs cell stops listing past this many characters (a cell holds 50,000). */
const idsCellLimit = 4_000;

const text = (value: string, bold = false): SheetCell =>
  bold ? { value, kind: 'text', bold } : { value, kind: 'text' };
const blank: SheetCell = { value: '', kind: 'text' };
const num = (value: number | null, kind: CellKind): SheetCell =>
  value === null || !Number.isFinite(value) ? blank : { value, kind };

/** The IDs a figure counted, as one cell: all of them, or as many as fit and how many more. */
export function idsCell(ids: readonly string[], language: Language): string {
  if (ids.length === 0) return '';
  let length = 0;
  let shown = 0;
  while (shown < ids.length && length + (ids[shown]?.length ?? 0) + 2 <= idsCellLimit) {
    length += (ids[shown]?.length ?? 0) + 2;
    shown += 1;
  }
  const listed = ids.slice(0, shown).join(', ');
  return shown === ids.length
    ? listed
    : `${listed} ${metricsText(language, 'more', { count: ids.length - shown })}`;
}

/** The number format of a kind, with the currency of Settings ("€12,500" / "12.500 €"). */
export function numberFormatFor(kind: CellKind, currency: string, language: Language): string {
  switch (kind) {
    case 'money': {
      const symbol = currencySymbol(currency, language).replace(/[[\]"]/g, '');
      return language === 'es' ? `#,##0 [$${symbol}]` : `[$${symbol}]#,##0`;
    }
    case 'count':
      return '#,##0';
    case 'percent':
      return '0.0%';
    case 'ratio':
      return '0.0"x"';
    case 'days':
      return '0.0';
    case 'date':
      return 'yyyy-mm-dd';
    case 'text':
      return '0.###############';
  }
}

function currencySymbol(currency: string, language: Language): string {
  try {
    const parts = new Intl.NumberFormat(language, { style: 'currency', currency }).formatToParts(0);
    return parts.find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

/** Builds the tab row by row, remembering where each table is for the charts. */
class Layout {
  readonly rows: SheetCell[][] = [];

  constructor(
    readonly language: Language,
    private readonly currency: string,
  ) {}

  t(key: MetricsTextKey, params: Record<string, string | number> = {}): string {
    return metricsText(this.language, key, params);
  }

  money(amount: number | null): string {
    if (amount === null) return '';
    try {
      return new Intl.NumberFormat(this.language, {
        style: 'currency',
        currency: this.currency,
        maximumFractionDigits: 0,
      }).format(amount);
    } catch {
      return `${Math.round(amount)} ${this.currency}`;
    }
  }

  /** The 1-based row the next line lands on. */
  get next(): number {
    return this.rows.length + 1;
  }

  line(cells: SheetCell[]): number {
    const row = [...cells];
    while (row.length < sheetWidth) row.push(blank);
    this.rows.push(row.slice(0, sheetWidth));
    return this.rows.length;
  }

  gap(until = this.next + 1): void {
    while (this.next < until) this.line([]);
  }

  title(key: MetricsTextKey): void {
    this.gap();
    this.line([text(this.t(key), true)]);
  }

  header(
    label: MetricsTextKey,
    values: MetricsTextKey[],
    idsKey: MetricsTextKey = 'col.ids',
  ): number {
    const cells = [text(this.t(label), true), ...values.map((key) => text(this.t(key), true))];
    while (cells.length < 1 + valueColumns) cells.push(blank);
    return this.line([...cells, text(this.t('col.definition'), true), text(this.t(idsKey), true)]);
  }

  figure(label: string, values: SheetCell[], definition: string, ids: string): number {
    const cells = [text(label), ...values];
    while (cells.length < 1 + valueColumns) cells.push(blank);
    return this.line([...cells, text(definition), text(ids)]);
  }
}

/** Which figures count the archived deals (issue 22): every one that would have counted them. */
export function archivedNote(
  language: Language,
  archived: { deals: number; file: string },
): string {
  return language === 'es'
    ? `Incluye ${archived.deals} oportunidades archivadas (${archived.file}) en el tamaño medio, el ciclo, la conversión por etapa, las interacciones por ganada, la cartera pendiente, ganadas y creadas por mes, la precisión de la previsión, y en la tasa de éxito y las ganadas/perdidas cuando su periodo las alcanza; sus ID no se listan.`
    : `Includes ${archived.deals} archived deals (${archived.file}) in average deal size, sales cycle, stage conversion, interactions per won deal, backlog, won and created per month, forecast accuracy, and in win rate and won/lost whenever their window reaches them; their IDs are not listed.`;
}

/** Every figure of the Metrics tab, in sections, with its definition (H) and the deals counted (I). */
export function metricsSheet(input: MetricsSheetInput): MetricsSheet {
  const { metrics: m, settings, language } = input;
  const l = new Layout(language, settings.currency);
  const ids = (list: readonly string[]) => idsCell(list, language);
  const pct = (value: number | null) => num(value, 'percent');
  const window = input.historyWindow;
  /** Said beside every figure that counts History lines, when only the newest were read. */
  const windowNote = window
    ? ` ${l.t('historyWindow', { lines: window.lines, total: window.total, since: window.since ?? '-' })}`
    : '';

  l.line([
    text(
      l.t('banner', {
        date: input.refreshed.date,
        time: input.refreshed.time,
        zone: input.refreshed.zone,
        user: input.refreshed.user,
      }),
      true,
    ),
  ]);
  l.line([text(l.t('intro', { date: m.today, tracker: input.trackerName }))]);
  if (input.archived) l.line([text(archivedNote(language, input.archived))]);
  l.gap(tablesTop);
  const charts: ChartPlan[] = [];
  const chart = (kind: ChartKind, title: MetricsTextKey, ranges: RangeRef[]) => {
    const i = charts.length;
    charts.push({
      kind,
      title: l.t(title),
      ranges,
      anchor: {
        row: chartsTop + Math.floor(i / chartsPerRow) * chartRowSpan,
        column: 1,
        offsetX: (i % chartsPerRow) * (chartWidth + 20),
        offsetY: 0,
      },
      width: chartWidth,
      height: chartHeight,
    });
  };
  const block = (first: number, last: number, column: number, columns = 1): RangeRef => ({
    row: first,
    column,
    rows: last - first + 1,
    columns,
  });

  // ---- Key figures ------------------------------------------------------------------------------
  l.line([text(l.t('section.key'), true)]);
  l.header('col.figure', ['col.deals', 'col.amount', 'col.value']);
  const open = m.pipeline.stages.flatMap((s) => s.ids);
  const period = (from: string, to: string) => ({ from, to });
  l.figure(
    l.t('key.open'),
    [num(m.pipeline.total.count, 'count'), num(m.pipeline.total.amount, 'money')],
    l.t('def.open'),
    ids(open),
  );
  l.figure(
    l.t('key.weighted'),
    [num(m.pipeline.total.count, 'count'), num(m.pipeline.total.weighted, 'money')],
    l.t('def.weighted'),
    ids(open),
  );
  for (const [key, figures] of [
    ['key.wonMonth', m.won.month],
    ['key.wonQuarter', m.won.quarter],
  ] as const)
    l.figure(
      l.t(key),
      [num(figures.count, 'count'), num(figures.amount, 'money')],
      l.t('def.wonMonth', period(figures.from, figures.to)),
      ids(figures.ids),
    );
  l.figure(
    l.t('key.lostMonth'),
    [num(m.lost.count, 'count'), num(m.lost.amount, 'money')],
    l.t('def.lostMonth', period(m.lost.from, m.lost.to)),
    ids(m.lost.ids),
  );
  const rate = m.winRate;
  const closedIds = [...rate.wonIds, ...rate.lostIds];
  l.figure(
    l.t('key.winRate'),
    [num(rate.won + rate.lost, 'count'), blank, pct(rate.byCount)],
    l.t('def.winRate', {
      ...period(rate.from, rate.to),
      won: rate.won,
      lost: rate.lost,
      band: l.t(rate.band === null ? 'band.none' : `band.${rate.band}`),
    }),
    ids(closedIds),
  );
  l.figure(
    l.t('key.winRateAmount'),
    [
      num(rate.won + rate.lost, 'count'),
      num(rate.wonAmount + rate.lostAmount, 'money'),
      pct(rate.byAmount),
    ],
    l.t('def.winRateAmount'),
    ids(closedIds),
  );
  l.figure(
    l.t('key.dealSize'),
    [
      num(m.averageDealSize.count, 'count'),
      num(m.averageDealSize.total, 'money'),
      num(m.averageDealSize.average, 'money'),
    ],
    l.t('def.dealSize'),
    ids(m.averageDealSize.ids),
  );
  const cycle = m.salesCycle.overall;
  l.figure(
    l.t('key.cycle'),
    [num(cycle.count, 'count'), blank, num(cycle.averageDays, 'days')],
    l.t('def.cycle', { median: cycle.medianDays === null ? '-' : cycle.medianDays }),
    ids(cycle.ids),
  );
  const cover = m.coverage;
  const source = l.t(input.quotaSource === 'team' ? 'source.team' : 'source.settings');
  l.figure(
    l.t('key.coverage'),
    cover
      ? [
          num(cover.ids.length, 'count'),
          num(cover.pipelineThisQuarter, 'money'),
          num(cover.coverage, 'ratio'),
        ]
      : [],
    cover === null
      ? l.t('def.coverageNone')
      : cover.coverage === null
        ? l.t('def.coverageMet', { quota: l.money(cover.quota), source })
        : l.t('def.coverage', {
            end: endOfQuarter(m.today),
            remaining: l.money(cover.remainingQuota),
            quota: l.money(cover.quota),
            source,
          }),
    cover ? ids(cover.ids) : '',
  );
  l.figure(
    l.t('key.required'),
    [blank, blank, num(cover?.required ?? (rate.byCount ? 1 / rate.byCount : null), 'ratio')],
    l.t('def.required'),
    '',
  );
  const bl = m.backlog;
  l.figure(
    l.t('key.backlog'),
    [num(bl.count, 'count'), num(bl.amount, 'money')],
    l.t('def.backlog'),
    ids(bl.ids),
  );
  l.figure(
    l.t('key.backlogRatio'),
    [blank, num(bl.wonAmount, 'money'), pct(bl.ratio)],
    l.t('def.backlogRatio', { won: l.money(bl.wonAmount) }),
    ids(bl.ids),
  );
  const dm = m.decisionMakerCoverage;
  l.figure(
    l.t('key.dm'),
    [num(dm.eligible, 'count'), blank, pct(dm.share)],
    l.t('def.dm', { stage: dm.fromStage ?? '-' }),
    ids(dm.metIds),
  );
  const act = m.activity;
  l.figure(
    l.t('key.interactions'),
    [num(act.wonDeals, 'count'), blank, num(act.interactionsPerWonDeal, 'days')],
    l.t('def.interactions', { count: act.wonDeals }) + windowNote,
    '',
  );
  l.figure(
    l.t('key.noNext'),
    [num(act.noNextAction.count, 'count')],
    l.t('def.noNext'),
    ids(act.noNextAction.ids),
  );
  l.figure(
    l.t('key.overdue'),
    [num(act.overdueActions.count, 'count')],
    l.t('def.overdue', { today: m.today }),
    ids(act.overdueActions.ids),
  );
  l.figure(
    l.t('key.stale'),
    [num(act.stale.count, 'count')],
    l.t('def.stale', {
      amber: settings.staleAmberFactor,
      red: settings.staleRedFactor,
      amberCount: act.stale.amberIds.length,
      redCount: act.stale.redIds.length,
    }),
    ids([...act.stale.redIds, ...act.stale.amberIds]),
  );
  l.figure(
    l.t('key.slipping'),
    [num(act.slipping.count, 'count')],
    l.t('def.slipping', { threshold: settings.slipThreshold }) + windowNote,
    ids(act.slipping.ids),
  );
  const quality = m.dataQuality;
  l.figure(
    l.t('key.quality'),
    [num(quality.rowsWithProblems, 'count')],
    l.t('def.quality', { issues: quality.issues }),
    ids([...new Set(quality.byKind.flatMap((k) => k.ids))]),
  );

  // ---- Open pipeline by stage --------------------------------------------------------------------
  l.title('section.stages');
  const stagesHeader = l.header('col.stage', [
    'col.deals',
    'col.amount',
    'col.weighted',
    'col.probability',
  ]);
  let stagesLast = stagesHeader;
  for (const stage of m.pipeline.stages)
    stagesLast = l.figure(
      stage.stage,
      [
        num(stage.count, 'count'),
        num(stage.amount, 'money'),
        num(stage.weighted, 'money'),
        num(stage.probability === null ? null : stage.probability / 100, 'percent'),
      ],
      l.t(stage.probability === null ? 'def.stageUnknown' : 'def.stage', { stage: stage.stage }),
      ids(stage.ids),
    );
  l.figure(
    l.t('total'),
    [
      num(m.pipeline.total.count, 'count'),
      num(m.pipeline.total.amount, 'money'),
      num(m.pipeline.total.weighted, 'money'),
    ],
    l.t('def.stageTotal'),
    ids(open),
  );
  chart('COLUMN', 'chart.stages', [
    block(stagesHeader, stagesLast, 1),
    block(stagesHeader, stagesLast, 3, 2),
  ]);

  // ---- Forecast by month -------------------------------------------------------------------------
  l.title('section.forecast');
  const forecastHeader = l.header('col.month', [
    'col.deals',
    'col.weighted',
    'col.bestCase',
    'col.overdue',
  ]);
  let forecastLast = forecastHeader;
  m.forecast.months.forEach((month, i) => {
    forecastLast = l.figure(
      month.month,
      [
        num(month.count, 'count'),
        num(month.weighted, 'money'),
        num(month.bestCase, 'money'),
        num(month.overdueIds.length, 'count'),
      ],
      i === 0 && month.overdueIds.length > 0
        ? l.t('def.forecastFirst', { month: month.month, overdue: month.overdueIds.length })
        : l.t('def.forecastMonth', { month: month.month }),
      ids(month.ids),
    );
  });
  l.figure(
    l.t('forecast.undated'),
    [num(m.forecast.undatedIds.length, 'count')],
    l.t('def.undated'),
    ids(m.forecast.undatedIds),
  );
  l.figure(
    l.t('forecast.later'),
    [num(m.forecast.laterIds.length, 'count')],
    l.t('def.later', {
      end: endOfMonth(
        `${m.forecast.months[m.forecast.months.length - 1]?.month ?? m.today.slice(0, 7)}-01` as LocalDate,
      ),
    }),
    ids(m.forecast.laterIds),
  );
  chart('COLUMN', 'chart.forecast', [
    block(forecastHeader, forecastLast, 1),
    block(forecastHeader, forecastLast, 3, 2),
  ]);

  // ---- Lost reasons ------------------------------------------------------------------------------
  l.title('section.lost');
  const lostHeader = l.header('col.reason', [
    'col.lostMonth',
    'col.lostMonthAmount',
    'col.lost90',
    'col.lost90Amount',
  ]);
  const month = new Map(m.lost.reasons.map((r) => [r.reason, r]));
  const reasons = m.lostLast90Days.reasons;
  let lostLast = lostHeader;
  for (const reason of reasons) {
    const now = month.get(reason.reason);
    lostLast = l.figure(
      reason.reason || l.t('lost.noReason'),
      [
        num(now?.count ?? 0, 'count'),
        num(now?.amount ?? 0, 'money'),
        num(reason.count, 'count'),
        num(reason.amount, 'money'),
      ],
      l.t('def.lost', period(m.lost.from, m.lost.to)),
      ids(reason.ids),
    );
  }
  if (reasons.length === 0)
    lostLast = l.figure(
      l.t('none'),
      [num(0, 'count'), num(0, 'money'), num(0, 'count'), num(0, 'money')],
      '',
      '',
    );
  chart('PIE', 'chart.lost', [block(lostHeader, lostLast, 1), block(lostHeader, lostLast, 4)]);

  // ---- Won and created per month -----------------------------------------------------------------
  l.title('section.byMonth');
  const monthsHeader = l.header('col.month', [
    'col.won',
    'col.wonAmount',
    'col.created',
    'col.createdAmount',
  ]);
  let monthsLast = monthsHeader;
  for (const row of m.byMonth)
    monthsLast = l.figure(
      row.month,
      [
        num(row.wonCount, 'count'),
        num(row.wonAmount, 'money'),
        num(row.createdCount, 'count'),
        num(row.createdAmount, 'money'),
      ],
      l.t('def.byMonth', { month: row.month }),
      [
        row.wonIds.length ? `${l.t('ids.won')}: ${ids(row.wonIds)}` : '',
        row.createdIds.length ? `${l.t('ids.created')}: ${ids(row.createdIds)}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    );
  chart('COLUMN', 'chart.byMonth', [
    block(monthsHeader, monthsLast, 1),
    block(monthsHeader, monthsLast, 2),
    block(monthsHeader, monthsLast, 4),
  ]);

  // ---- Trend from the snapshots ------------------------------------------------------------------
  l.title('section.trend');
  const trendHeader = l.header(
    'col.week',
    ['col.openPipeline', 'col.weighted', 'col.winRate', 'col.takenOn'],
    'col.snapshot',
  );
  let trendLast = trendHeader;
  for (const snapshot of input.trend)
    trendLast = l.figure(
      snapshot.week,
      [
        num(snapshot.openAmount, 'money'),
        num(snapshot.weighted, 'money'),
        pct(snapshot.winRate),
        { value: snapshot.takenOn, kind: 'date' },
      ],
      l.t('def.trend'),
      snapshotRef(l, snapshot.row, snapshot.week, snapshot.takenOn),
    );
  if (input.trend.length === 0) l.figure(l.t('trend.none'), [], '', '');
  else {
    chart('LINE', 'chart.pipelineTrend', [
      block(trendHeader, trendLast, 1),
      block(trendHeader, trendLast, 2, 2),
    ]);
    chart('LINE', 'chart.winRateTrend', [
      block(trendHeader, trendLast, 1),
      block(trendHeader, trendLast, 4),
    ]);
  }

  // ---- Forecast accuracy -------------------------------------------------------------------------
  l.title('section.accuracy');
  l.header('col.month', ['col.owner', 'col.forecast', 'col.won', 'col.ratio', 'col.snapshot']);
  for (const month of input.accuracy) {
    const used = month.snapshot
      ? snapshotRef(l, month.snapshot.row, month.snapshot.week, month.snapshot.takenOn)
      : l.t('noSnapshot');
    for (const line of [month.total, ...month.owners])
      l.figure(
        month.month,
        [
          text(line === month.total ? l.t('all') : line.owner || l.t('noOwner')),
          num(line.forecast, 'money'),
          num(line.won, 'money'),
          pct(line.ratio),
          text(used),
        ],
        l.t('def.accuracy', { month: month.month }),
        ids(line.wonIds),
      );
  }

  // ---- Sales cycle by segment and tier -----------------------------------------------------------
  l.title('section.cycle');
  l.header('col.group', ['col.deals', 'col.average', 'col.median']);
  for (const [kind, rows] of [
    ['segment', m.salesCycle.bySegment],
    ['tier', m.salesCycle.byTier],
  ] as const)
    for (const row of rows)
      l.figure(
        l.t(kind === 'segment' ? 'cycle.segment' : 'cycle.tier', {
          key: row.key || l.t('cycle.blank'),
        }),
        [num(row.count, 'count'), num(row.averageDays, 'days'), num(row.medianDays, 'days')],
        l.t('def.cycleGroup', { kind: l.t(kind === 'segment' ? 'kind.segment' : 'kind.tier') }),
        ids(row.ids),
      );

  // ---- Stage conversion --------------------------------------------------------------------------
  l.title('section.conversion');
  if (window) l.line([text(windowNote.trim())]);
  l.header('col.stage', [
    'col.entered',
    'col.advanced',
    'col.conversion',
    'col.median',
    'col.target',
    'col.stays',
  ]);
  for (const row of m.stageConversion)
    l.figure(
      row.stage,
      [
        num(row.entered, 'count'),
        num(row.advanced, 'count'),
        pct(row.rate),
        num(row.medianDays, 'days'),
        num(row.targetDays, 'count'),
        num(row.stays, 'count'),
      ],
      l.t('def.conversion', {
        stage: row.stage,
        over: l.t(
          row.overTarget === null
            ? 'conversion.unknown'
            : row.overTarget
              ? 'conversion.over'
              : 'conversion.within',
        ),
      }),
      [
        row.advancedIds.length ? `${l.t('ids.advanced')}: ${ids(row.advancedIds)}` : '',
        row.enteredIds.length ? `${l.t('ids.entered')}: ${ids(row.enteredIds)}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    );

  // ---- The team ----------------------------------------------------------------------------------
  const ownerLabel = (o: OwnerFigures) =>
    o === input.teamTotal
      ? l.t('total')
      : o.owner === ''
        ? l.t('noOwner')
        : o.name
          ? o.owner.includes('@')
            ? `${o.name} (${o.owner})`
            : `${o.name} (${l.t('noEmail')})`
          : o.owner;
  const lines = [...input.owners, input.teamTotal];
  l.title('section.teamPipeline');
  l.header('col.owner', [
    'col.openDeals',
    'col.openPipeline',
    'col.weighted',
    'col.quota',
    'col.wonQuarter',
    'col.coverage',
  ]);
  for (const o of lines)
    l.figure(
      ownerLabel(o),
      [
        num(o.openCount, 'count'),
        num(o.openAmount, 'money'),
        num(o.weighted, 'money'),
        num(o.quota, 'money'),
        num(o.wonQuarter, 'money'),
        num(o.coverage, 'ratio'),
      ],
      '',
      ids(o.openIds),
    );
  for (const key of [
    'team.openDeals',
    'team.weighted',
    'team.quota',
    'team.won',
    'team.coverage',
    'team.pipelineIds',
  ] as const)
    l.figure(
      '',
      [],
      l.t(key, { from: m.won.quarter.from, to: m.today, end: endOfQuarter(m.today) }),
      '',
    );

  l.title('section.teamAttention');
  l.header('col.owner', [
    'col.overdueActions',
    'col.stale',
    'col.noNext',
    'col.slipping',
    'col.attention',
  ]);
  for (const o of lines)
    l.figure(
      ownerLabel(o),
      [
        num(o.overdueIds.length, 'count'),
        num(o.staleIds.length, 'count'),
        num(o.noNextActionIds.length, 'count'),
        num(o.slippingIds.length, 'count'),
        num(o.attentionIds.length, 'count'),
      ],
      '',
      ids(o.attentionIds),
    );
  for (const key of [
    'def.overdue',
    'team.stale',
    'def.noNext',
    'def.slipping',
    'team.attention',
    'team.attentionIds',
  ] as const)
    l.figure(
      '',
      [],
      l.t(key, {
        today: m.today,
        amber: settings.staleAmberFactor,
        red: settings.staleRedFactor,
        threshold: settings.slipThreshold,
      }),
      '',
    );

  // ---- Data quality ------------------------------------------------------------------------------
  l.title('section.quality');
  l.header('col.problem', ['col.deals', 'col.rows']);
  for (const kind of quality.byKind)
    l.figure(
      problemReason(kind.problem, language),
      [num(kind.count, 'count'), text(kind.rows.join(', '))],
      l.t('def.problem'),
      ids(kind.ids),
    );
  if (quality.byKind.length === 0) l.figure(l.t('none'), [num(0, 'count')], l.t('def.problem'), '');

  return { rows: l.rows, width: sheetWidth, charts };
}

function snapshotRef(l: Layout, row: number | null, week: string, date: string): string {
  return l.t('snapshotRow', { row: row ?? '-', week, date });
}
