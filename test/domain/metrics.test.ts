// Proves each metric against hand-counted rows, and its invariants on random sheets (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, fromDayNumber, type LocalDate } from '../../src/domain/dates';
import {
  activity,
  averageDealSize,
  backlog,
  computeMetrics,
  coverage,
  dataQuality,
  decisionMakerCoverage,
  forecastByMonth,
  forecastEnd,
  lostLast90Days,
  lostThisMonth,
  type MetricsInput,
  openPipelineByStage,
  quarterQuota,
  salesCycle,
  stageConversion,
  winRate,
  wonAndCreatedByMonth,
  wonThisPeriod,
} from '../../src/domain/metrics';
import { median } from '../../src/domain/metrics-math';
import type { DataIssue, HistoryEvent, Opportunity } from '../../src/domain/model';
import { aDeal, anEvent, aSettings, aTeamMember, d, dt } from './builders';

const today = d('2026-11-23');
const settings = aSettings();

function input(
  deals: Opportunity[],
  history: HistoryEvent[] = [],
  overrides: Partial<MetricsInput> = {},
): MetricsInput {
  return { deals, history, settings, today, ...overrides };
}

describe('open pipeline by stage', () => {
  it('counts, sums and weights each open stage in stage order', () => {
    const deals = [
      aDeal({ stage: 'Proposal', amount: 10_000 }),
      aDeal({ stage: 'Proposal', amount: 20_000, probability: 50 }),
      aDeal({ stage: 'New', amount: 5_000 }),
      aDeal({ stage: 'Won', amount: 99_000 }),
      aDeal({ stage: 'Lost', amount: 99_000 }),
      aDeal({ stage: 'Negotiation', amount: null }),
    ];
    const pipeline = openPipelineByStage(input(deals));
    expect(pipeline.stages.map((row) => [row.stage, row.count, row.amount, row.weighted])).toEqual([
      ['New', 1, 5_000, 500],
      ['Qualified', 0, 0, 0],
      ['Proposal', 2, 30_000, 16_000],
      ['Negotiation', 1, 0, 0],
    ]);
    expect(pipeline.total).toEqual({ count: 4, amount: 35_000, weighted: 16_500 });
    expect(pipeline.stages[2]?.ids).toEqual([deals[0]?.id, deals[1]?.id]);
  });

  it('gives a stage missing from Settings its own row, so no open deal goes uncounted', () => {
    const pasted = aDeal({ stage: 'Pending', amount: 1_000 });
    const pipeline = openPipelineByStage(input([pasted, aDeal({ stage: ' proposal ' })]));
    expect(pipeline.stages.at(-1)).toMatchObject({
      stage: 'Pending',
      probability: null,
      count: 1,
      weighted: 0,
    });
    expect(pipeline.stages.find((row) => row.stage === 'Proposal')?.count).toBe(1);
  });

  it('is all zeros for an empty sheet', () => {
    expect(openPipelineByStage(input([])).total).toEqual({ count: 0, amount: 0, weighted: 0 });
  });
});

describe('forecast by month', () => {
  it('covers this month and the next three, with overdue close dates in this month', () => {
    const overdue = aDeal({ stage: 'Proposal', closeDate: d('2026-10-15'), amount: 1_000 });
    const thisMonth = aDeal({ stage: 'Proposal', closeDate: d('2026-11-30'), amount: 2_000 });
    const february = aDeal({ stage: 'New', closeDate: d('2027-02-28'), amount: 3_000 });
    const march = aDeal({ closeDate: d('2027-03-01') });
    const undated = aDeal({ closeDate: null });
    const won = aDeal({ stage: 'Won', closeDate: d('2026-11-10') });
    const forecast = forecastByMonth(input([overdue, thisMonth, february, march, undated, won]));
    expect(forecast.months.map((m) => [m.month, m.count, m.weighted, m.bestCase])).toEqual([
      ['2026-11', 2, 1_800, 3_000],
      ['2026-12', 0, 0, 0],
      ['2027-01', 0, 0, 0],
      ['2027-02', 1, 300, 3_000],
    ]);
    expect(forecast.months[0]?.overdueIds).toEqual([overdue.id]);
    expect(forecast.undatedIds).toEqual([undated.id]);
    expect(forecast.laterIds).toEqual([march.id]);
    expect(forecastEnd(today)).toBe('2027-02-28');
  });

  it('crosses the year end', () => {
    const months = forecastByMonth(input([], [], { today: d('2026-12-31') })).months;
    expect(months.map((m) => m.month)).toEqual(['2026-12', '2027-01', '2027-02', '2027-03']);
  });
});

describe('won and lost', () => {
  it('counts won deals this month and quarter by closedOn, up to today', () => {
    const thisMonth = aDeal({ stage: 'Won', closedOn: d('2026-11-02'), amount: 1_000 });
    const thisQuarter = aDeal({ stage: 'Won', closedOn: d('2026-10-01'), amount: 2_000 });
    const lastQuarter = aDeal({ stage: 'Won', closedOn: d('2026-09-30'), amount: 4_000 });
    const noClosedOn = aDeal({ stage: 'Won', closedOn: null, stageEntered: d('2026-11-20') });
    const neverDated = aDeal({ stage: 'Won', closedOn: null, stageEntered: null });
    const won = wonThisPeriod(input([thisMonth, thisQuarter, lastQuarter, noClosedOn, neverDated]));
    expect(won.month).toEqual({
      from: '2026-11-01',
      to: today,
      count: 2,
      amount: 11_000,
      ids: [thisMonth.id, noClosedOn.id],
    });
    expect(won.quarter).toMatchObject({ from: '2026-10-01', count: 3, amount: 13_000 });
  });

  it('lists this month losses by reason, most frequent first', () => {
    const lost = (lostReason: string, amount: number) =>
      aDeal({ stage: 'Lost', closedOn: d('2026-11-05'), lostReason, amount });
    const deals = [
      lost('Price', 100),
      lost('Competitor', 500),
      lost('Price', 200),
      lost('', 50),
      aDeal({ stage: 'Lost', closedOn: d('2026-10-31'), lostReason: 'Price' }),
    ];
    const result = lostThisMonth(input(deals));
    expect(result).toMatchObject({ count: 4, amount: 850 });
    expect(result.reasons.map((r) => [r.reason, r.count, r.amount])).toEqual([
      ['Price', 2, 300],
      ['Competitor', 1, 500],
      ['', 1, 50],
    ]);
  });
});

describe('win rate', () => {
  const closed = (stage: 'Won' | 'Lost', closedOn: string, amount: number) =>
    aDeal({ stage, closedOn: d(closedOn), amount });

  it('is won / (won + lost) over the trailing 90 days, by count and by amount', () => {
    const deals = [
      closed('Won', '2026-11-20', 30_000),
      closed('Lost', '2026-10-01', 10_000),
      closed('Lost', '2026-09-01', 10_000),
      closed('Lost', '2026-08-26', 10_000),
      closed('Lost', '2026-08-25', 10_000),
      closed('Won', '2026-08-24', 99_000),
    ];
    const rate = winRate(input(deals));
    expect(rate).toMatchObject({
      from: '2026-08-26',
      won: 1,
      lost: 3,
      byCount: 0.25,
      byAmount: 0.5,
      band: 'within',
    });
    expect(rate.wonIds).toEqual([deals[0]?.id]);
  });

  it('is null with no closed deals, and says when it falls outside the 20-40 % band', () => {
    expect(winRate(input([aDeal()]))).toMatchObject({ byCount: null, byAmount: null, band: null });
    expect(winRate(input([closed('Won', '2026-11-01', 0)])).band).toBe('above');
    expect(winRate(input([closed('Won', '2026-11-01', 0)])).byAmount).toBeNull();
    expect(winRate(input([closed('Lost', '2026-11-01', 5)])).band).toBe('below');
  });
});

describe('deal size and sales cycle', () => {
  it('averages the amount of won deals', () => {
    const deals = [
      aDeal({ stage: 'Won', amount: 10_000 }),
      aDeal({ stage: 'Won', amount: 20_000 }),
      aDeal({ stage: 'Won', amount: null }),
      aDeal({ stage: 'Proposal', amount: 1_000_000 }),
    ];
    expect(averageDealSize(input(deals))).toMatchObject({ count: 2, average: 15_000 });
    expect(averageDealSize(input([])).average).toBeNull();
  });

  it('measures created -> closed for won deals, overall, by segment and by tier', () => {
    const won = (created: string, closedOn: string, segment: string, tier: string) =>
      aDeal({ stage: 'Won', created: d(created), closedOn: d(closedOn), segment, tier });
    const deals = [
      won('2026-01-01', '2026-01-11', 'Retail', 'A'),
      won('2026-01-01', '2026-01-31', 'Retail', 'B'),
      won('2026-02-01', '2026-02-21', 'Industry', 'A'),
      won('2026-03-01', '2026-02-01', 'Industry', 'A'),
      aDeal({ stage: 'Won', created: null, closedOn: d('2026-02-01') }),
      aDeal({ stage: 'Lost', created: d('2026-01-01'), closedOn: d('2026-02-01') }),
    ];
    const cycle = salesCycle(input(deals));
    expect(cycle.overall).toMatchObject({ count: 3, averageDays: 20, medianDays: 20 });
    expect(cycle.bySegment.map((row) => [row.key, row.count, row.medianDays])).toEqual([
      ['Industry', 1, 20],
      ['Retail', 2, 20],
    ]);
    expect(cycle.byTier.map((row) => [row.key, row.averageDays])).toEqual([
      ['A', 15],
      ['B', 30],
    ]);
  });

  it('takes medians of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('stage conversion', () => {
  const move = (dealId: string, old: string, next: string, at: string) =>
    anEvent({ dealId, field: 'stage', old, new: next, at: dt(`${at}T10:00:00`) });

  it('shares of deals in a stage that reached a later, not lost, stage', () => {
    const a = aDeal({ id: 'A', stage: 'Won', created: d('2026-10-01') });
    const b = aDeal({ id: 'B', stage: 'Lost', created: d('2026-10-01') });
    const c = aDeal({ id: 'C', stage: 'New', created: d('2026-11-20') });
    const history = [
      move('A', 'New', 'Qualified', '2026-10-03'),
      move('A', 'Qualified', 'Proposal', '2026-10-13'),
      move('A', 'Proposal', 'Won', '2026-10-20'),
      move('B', 'New', 'Qualified', '2026-10-05'),
      move('B', 'Qualified', 'Lost', '2026-10-09'),
    ];
    const conversion = stageConversion(input([a, b, c], history));
    expect(conversion.map((row) => [row.stage, row.entered, row.advanced, row.rate])).toEqual([
      ['New', 3, 2, 2 / 3],
      ['Qualified', 2, 1, 0.5],
      ['Proposal', 1, 1, 1],
      ['Negotiation', 0, 0, null],
    ]);
    expect(conversion[0]).toMatchObject({
      medianDays: 3,
      stays: 2,
      targetDays: 2,
      overTarget: true,
    });
    expect(conversion[1]).toMatchObject({ medianDays: 7, stays: 2, overTarget: false });
    expect(conversion[2]).toMatchObject({ medianDays: 7, stays: 1 });
    expect(conversion[3]).toMatchObject({ medianDays: null, overTarget: null });
  });

  it('uses the row when History missed the last move, and History for deleted rows', () => {
    const moved = aDeal({ id: 'M', stage: 'Proposal', created: null });
    const history = [
      anEvent({ dealId: 'M', field: 'created', at: dt('2026-11-01T09:00:00') }),
      move('M', 'New', 'Qualified', '2026-11-02'),
      move('GONE', 'New', 'Qualified', '2026-11-02'),
    ];
    const conversion = stageConversion(input([moved], history));
    expect(conversion[1]).toMatchObject({ entered: 2, advanced: 1, advancedIds: ['M'] });
    expect(conversion[0]).toMatchObject({ medianDays: 1, stays: 1 });
  });

  it('skips stays whose start is unknown and moves that do not follow on', () => {
    const history = [
      move('X', 'New', 'Proposal', '2026-11-02'),
      move('X', 'Qualified', 'Negotiation', '2026-11-09'),
      move('Y', '', 'Qualified', '2026-11-02'),
    ];
    const conversion = stageConversion(input([], history));
    expect(conversion.map((row) => row.stays)).toEqual([0, 0, 0, 0]);
    expect(conversion[1]?.enteredIds).toEqual(['Y']);
  });
});

describe('coverage and decision makers', () => {
  it('divides the quarter pipeline by the quota still to win, against 1 / win rate', () => {
    const withQuota = aSettings({ quarterlyQuota: 100_000 });
    const deals = [
      aDeal({ stage: 'Won', closedOn: d('2026-10-15'), amount: 40_000 }),
      aDeal({ stage: 'Lost', closedOn: d('2026-10-16'), amount: 40_000 }),
      aDeal({ stage: 'Lost', closedOn: d('2026-10-17'), amount: 40_000 }),
      aDeal({ stage: 'Lost', closedOn: d('2026-10-18'), amount: 40_000 }),
      aDeal({ stage: 'Proposal', closeDate: d('2026-12-31'), amount: 90_000 }),
      aDeal({ stage: 'New', closeDate: d('2026-09-30'), amount: 30_000 }),
      aDeal({ stage: 'New', closeDate: d('2027-01-01'), amount: 500_000 }),
      aDeal({ stage: 'New', closeDate: null, amount: 500_000 }),
    ];
    const result = coverage(input(deals, [], { settings: withQuota }));
    expect(result).toMatchObject({
      quota: 100_000,
      wonThisQuarter: 40_000,
      remainingQuota: 60_000,
      pipelineThisQuarter: 120_000,
      coverage: 2,
      required: 4,
    });
    expect(result?.ids).toEqual([deals[4]?.id, deals[5]?.id]);
  });

  it('is null without a quota, and has no ratio once the quota is met', () => {
    expect(coverage(input([]))).toBeNull();
    const met = coverage(
      input([aDeal({ stage: 'Won', closedOn: d('2026-11-01'), amount: 10 })], [], {
        settings: aSettings({ quarterlyQuota: 5 }),
      }),
    );
    expect(met).toMatchObject({ remainingQuota: 0, coverage: null, required: 1 });
  });

  it('shares open deals from the third stage on whose decision maker was met', () => {
    const deals = [
      aDeal({ stage: 'Proposal', decisionMakerMet: true }),
      aDeal({ stage: 'Negotiation', decisionMakerMet: false }),
      aDeal({ stage: 'Qualified', decisionMakerMet: true }),
      aDeal({ stage: 'Won', decisionMakerMet: true }),
    ];
    expect(decisionMakerCoverage(input(deals))).toMatchObject({
      fromStage: 'Proposal',
      eligible: 2,
      met: 1,
      share: 0.5,
    });
    expect(decisionMakerCoverage(input([])).share).toBeNull();
  });
});

describe('activity and data quality', () => {
  it('counts interactions per won deal and the open deals needing follow-up', () => {
    const won = aDeal({ stage: 'Won' });
    const noAction = aDeal({ stage: 'Qualified', stageEntered: d('2026-11-20') });
    const overdueRed = aDeal({
      stage: 'New',
      stageEntered: d('2026-11-01'),
      nextActionDate: d('2026-11-20'),
    });
    const slipping = aDeal({ stage: 'Proposal', nextActionDate: d('2026-12-01') });
    const history = [
      anEvent({ dealId: won.id, field: 'interaction' }),
      anEvent({ dealId: won.id, field: 'interaction' }),
      anEvent({ dealId: noAction.id, field: 'interaction' }),
      ...['01', '02', '03'].map((m) =>
        anEvent({
          dealId: slipping.id,
          field: 'closeDate',
          old: `2026-${m}-01`,
          new: '2026-12-31',
        }),
      ),
    ];
    const result = activity(input([won, noAction, overdueRed, slipping], history));
    expect(result).toMatchObject({ wonDeals: 1, interactions: 2, interactionsPerWonDeal: 2 });
    expect(result.noNextAction.ids).toEqual([noAction.id]);
    expect(result.overdueActions.ids).toEqual([overdueRed.id]);
    expect(result.stale).toEqual({ count: 1, amberIds: [], redIds: [overdueRed.id] });
    expect(result.slipping.ids).toEqual([slipping.id]);
    expect(activity(input([])).interactionsPerWonDeal).toBeNull();
  });

  it('counts rows with problems and groups them by kind', () => {
    const issue = (problem: DataIssue['problem'], row?: number, id?: string): DataIssue => ({
      field: 'amount',
      column: 'Amount',
      problem,
      value: 'x',
      ...(row === undefined ? {} : { row }),
      ...(id === undefined ? {} : { id }),
    });
    const quality = dataQuality([
      issue('notANumber', 3, 'OPP-1'),
      issue('notADate', 3, 'OPP-1'),
      issue('notANumber', 7),
      issue('required', undefined, 'OPP-9'),
      issue('required'),
    ]);
    expect(quality.rowsWithProblems).toBe(4);
    expect(quality.byKind).toEqual([
      { problem: 'notANumber', count: 2, rows: [3, 7], ids: ['OPP-1'] },
      { problem: 'required', count: 2, rows: [], ids: ['OPP-9'] },
      { problem: 'notADate', count: 1, rows: [3], ids: ['OPP-1'] },
    ]);
    expect(dataQuality([])).toEqual({ rowsWithProblems: 0, issues: 0, byKind: [] });
  });
});

describe('backlog (seed 004: pipeline vs backlog)', () => {
  it('counts won deals not invoiced yet, and their share of the amount won', () => {
    const deals = [
      aDeal({ stage: 'Won', amount: 30_000, invoiceDate: null }),
      aDeal({ stage: 'Won', amount: 10_000, invoiceDate: d('2026-12-15') }),
      aDeal({ stage: 'Won', amount: 60_000, invoiceDate: d('2026-11-23') }),
      aDeal({ stage: 'Proposal', amount: 99_000, invoiceDate: null }),
      aDeal({ stage: 'Lost', amount: 99_000, invoiceDate: null }),
    ];
    // Not invoiced: 30,000 (no date) + 10,000 (invoiced after today) of 100,000 won.
    expect(backlog(input(deals))).toEqual({
      count: 2,
      amount: 40_000,
      wonAmount: 100_000,
      ratio: 0.4,
      ids: [deals[0]?.id, deals[1]?.id],
    });
    expect(backlog(input([])).ratio).toBeNull();
  });
});

describe('won and created per month', () => {
  it('counts deals won (by closing date) and created in each of the last 12 months', () => {
    const deals = [
      aDeal({ stage: 'Won', created: d('2026-09-10'), closedOn: d('2026-11-02'), amount: 5_000 }),
      aDeal({ stage: 'Won', created: d('2025-01-10'), closedOn: d('2025-12-01'), amount: 7_000 }),
      aDeal({ stage: 'New', created: d('2026-11-20'), amount: 1_000 }),
      aDeal({ stage: 'Lost', created: d('2025-11-30'), closedOn: d('2026-11-05') }),
    ];
    const months = wonAndCreatedByMonth(input(deals));
    expect(months).toHaveLength(12);
    expect(months[0]?.month).toBe('2025-12');
    const row = (month: string) => months.find((m) => m.month === month);
    expect(row('2026-11')).toMatchObject({
      wonCount: 1,
      wonAmount: 5_000,
      createdCount: 1,
      createdAmount: 1_000,
    });
    expect(row('2026-09')).toMatchObject({ wonCount: 0, createdCount: 1, createdAmount: 5_000 });
    expect(row('2025-12')).toMatchObject({ wonCount: 1, wonAmount: 7_000, createdCount: 0 });
  });
});

describe('quota and lost reasons over 90 days', () => {
  it("takes Settings' quota, else the sum of the Team tab's quotas", () => {
    const team = [aTeamMember({ quota: 50_000 }), aTeamMember({ email: 'x@example.com' })];
    expect(quarterQuota({ settings, team })).toBe(50_000);
    expect(quarterQuota({ settings: aSettings({ quarterlyQuota: 9 }), team })).toBe(9);
    expect(quarterQuota({ settings })).toBe(0);
  });

  it('lists the lost reasons of the trailing 90 days', () => {
    const deals = [
      aDeal({ stage: 'Lost', closedOn: d('2026-08-26'), lostReason: 'Price', amount: 1 }),
      aDeal({ stage: 'Lost', closedOn: d('2026-08-25'), lostReason: 'Price', amount: 1 }),
    ];
    expect(lostLast90Days(input(deals))).toMatchObject({
      from: '2026-08-26',
      count: 1,
      reasons: [{ reason: 'Price', count: 1 }],
    });
  });
});

// ---- Invariants on random sheets ---------------------------------------------------------------

const stageNames = [...settings.stages.map((s) => s.name), 'Pending'];
const dateArb = (from: string, to: string) =>
  fc
    .integer({ min: dayNumber(d(from)), max: dayNumber(d(to)) })
    .map((n): LocalDate => fromDayNumber(n));
const dealArb = fc
  .record({
    stage: fc.constantFrom(...stageNames),
    amount: fc.option(fc.double({ min: 0, max: 1e7, noNaN: true }), { nil: null }),
    probability: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    closeDate: fc.option(dateArb('2026-01-01', '2027-12-31'), { nil: null }),
    closedOn: fc.option(dateArb('2026-06-01', '2026-11-23'), { nil: null }),
    created: fc.option(dateArb('2025-06-01', '2026-11-23'), { nil: null }),
    stageEntered: fc.option(dateArb('2026-06-01', '2026-11-23'), { nil: null }),
    nextActionDate: fc.option(dateArb('2026-10-01', '2026-12-31'), { nil: null }),
    decisionMakerMet: fc.boolean(),
    segment: fc.constantFrom('', 'Retail', 'Industry'),
  })
  .map((fields) => aDeal(fields));
const sheetArb = fc.record({
  deals: fc.array(dealArb, { maxLength: 30 }),
  today: dateArb('2026-01-01', '2027-06-30'),
  quota: fc.constantFrom(0, 50_000, 1e6),
});

function randomHistory(deals: Opportunity[]): HistoryEvent[] {
  return deals.flatMap((deal, i) =>
    i % 2 === 0
      ? [
          anEvent({
            dealId: deal.id,
            field: 'stage',
            old: 'New',
            new: deal.stage,
            at: dt(`${deal.stageEntered ?? '2026-06-01'}T09:00:00`),
          }),
          anEvent({ dealId: deal.id, field: 'interaction' }),
        ]
      : [],
  );
}

describe('metric invariants (property-based)', () => {
  it('never weights the pipeline above its amount, and counts every open deal in one stage', () => {
    fc.assert(
      fc.property(sheetArb, ({ deals, today }) => {
        const pipeline = openPipelineByStage(input(deals, [], { today }));
        expect(pipeline.total.weighted).toBeLessThanOrEqual(pipeline.total.amount);
        const open = deals.filter((deal) => deal.stage !== 'Won' && deal.stage !== 'Lost');
        const counted = pipeline.stages.flatMap((row) => row.ids);
        expect(counted.sort()).toEqual(open.map((deal) => deal.id).sort());
        for (const row of pipeline.stages) expect(row.weighted).toBeLessThanOrEqual(row.amount);
      }),
    );
  });

  it('keeps the forecast best case at or above the weighted forecast', () => {
    fc.assert(
      fc.property(sheetArb, ({ deals, today }) => {
        for (const month of forecastByMonth(input(deals, [], { today })).months)
          expect(month.bestCase).toBeGreaterThanOrEqual(month.weighted);
      }),
    );
  });

  it('keeps win rates and shares within [0, 1]', () => {
    fc.assert(
      fc.property(sheetArb, ({ deals, today }) => {
        const m = computeMetrics(input(deals, randomHistory(deals), { today }));
        for (const rate of [
          m.winRate.byCount,
          m.winRate.byAmount,
          m.decisionMakerCoverage.share,
          m.backlog.ratio,
          ...m.stageConversion.map((row) => row.rate),
        ])
          if (rate !== null) {
            expect(rate).toBeGreaterThanOrEqual(0);
            expect(rate).toBeLessThanOrEqual(1);
          }
      }),
    );
  });

  it('lists only IDs of the input, and is JSON-safe', () => {
    fc.assert(
      fc.property(sheetArb, ({ deals, today, quota }) => {
        const history = randomHistory(deals);
        const metrics = computeMetrics(
          input(deals, history, { today, settings: aSettings({ quarterlyQuota: quota }) }),
        );
        const known = new Set(deals.map((deal) => deal.id));
        const listed: string[] = [];
        JSON.stringify(metrics, (key, value) => {
          if (/ids$/i.test(key) && Array.isArray(value)) listed.push(...(value as string[]));
          return value;
        });
        for (const id of listed) expect(known.has(id)).toBe(true);
        expect(JSON.parse(JSON.stringify(metrics))).toEqual(metrics);
      }),
    );
  });
});

describe('all metrics at once', () => {
  it('computes every figure for one row and for an empty sheet', () => {
    const one = computeMetrics(input([aDeal({ stage: 'Proposal', amount: 1_000 })]));
    expect(one.pipeline.total).toEqual({ count: 1, amount: 1_000, weighted: 600 });
    expect(one.currency).toBe('EUR');
    const empty = computeMetrics(input([], [], { today: addDays(today, 0) }));
    expect(empty.winRate.byCount).toBeNull();
    expect(empty.coverage).toBeNull();
  });
});
