// Archiving changes no figure: metrics of every deal == metrics of the kept deals plus the archive's Summary lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { archiveCutoff, isArchivable, summarize, summaryOf } from '../../src/domain/archive';
import { addDays, dateOf, type LocalDate } from '../../src/domain/dates';
import { computeMetrics, type MetricsInput } from '../../src/domain/metrics';
import { forecastAccuracy } from '../../src/domain/metrics-snapshots';
import type { HistoryEvent, Opportunity } from '../../src/domain/model';
import { aDeal, aSettings, d, dt } from './builders';

const today = d('2026-11-23');
const settings = aSettings();
const stages = ['New', 'Qualified', 'Proposal', 'Negotiation', 'Won', 'Lost'];
const reasons = ['Price', 'Competitor', 'No budget', ''];

/** Every list of IDs goes: the archived deals are counted, not listed. */
function figures(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(figures);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !/ids$/i.test(key))
        .map(([key, inner]) => [key, figures(inner)]),
    );
  return value;
}

const day = (offset: number) => addDays(today, offset);

const dealArb = fc
  .record({
    stage: fc.constantFrom(...stages),
    owner: fc.constantFrom('ana@example.com', 'ben@example.com', 'cruz@example.com'),
    amount: fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: null }),
    created: fc.integer({ min: -1_200, max: 0 }),
    length: fc.integer({ min: 0, max: 400 }),
    closedOnKnown: fc.boolean(),
    invoice: fc.option(fc.integer({ min: -900, max: 200 }), { nil: null }),
    segment: fc.constantFrom('', 'SMB', 'Enterprise'),
    tier: fc.constantFrom('', 'A', 'B'),
    reason: fc.constantFrom(...reasons),
    moves: fc.array(fc.tuple(fc.constantFrom(...stages), fc.integer({ min: 0, max: 300 })), {
      maxLength: 4,
    }),
    interactions: fc.integer({ min: 0, max: 3 }),
    touched: fc.option(fc.integer({ min: -1_000, max: 0 }), { nil: null }),
  })
  .map((r) => r);

type DealRecord = typeof dealArb extends fc.Arbitrary<infer T> ? T : never;

function build(records: DealRecord[]): {
  deals: Opportunity[];
  history: HistoryEvent[];
} {
  const deals: Opportunity[] = [];
  const history: HistoryEvent[] = [];
  records.forEach((r, i) => {
    const id = `OPP-${String(i + 1).padStart(6, '0')}`;
    const created = day(r.created);
    const closed = day(Math.min(r.created + r.length, 0));
    const closedStage = r.stage === 'Won' || r.stage === 'Lost';
    deals.push(
      aDeal({
        id,
        stage: r.stage,
        owner: r.owner,
        amount: r.amount,
        created,
        stageEntered: closed,
        closedOn: closedStage && r.closedOnKnown ? closed : null,
        invoiceDate: r.invoice === null ? null : day(r.invoice),
        segment: r.segment,
        tier: r.tier,
        lostReason: r.stage === 'Lost' ? r.reason : '',
      }),
    );
    let previous = 'New';
    let at = r.created;
    history.push({
      at: dt(`${created}T09:00:00`),
      user: r.owner,
      dealId: id,
      field: 'created',
      old: '',
      new: 'New',
    });
    for (const [stage, gap] of r.moves) {
      at = Math.min(at + gap, 0);
      history.push({
        at: dt(`${day(at)}T10:00:00`),
        user: r.owner,
        dealId: id,
        field: 'stage',
        old: previous,
        new: stage,
      });
      previous = stage;
    }
    for (let k = 0; k < r.interactions; k += 1)
      history.push({
        at: dt(`${day(Math.min(r.created + k, 0))}T11:00:00`),
        user: r.owner,
        dealId: id,
        field: 'interaction',
        old: '',
        new: 'call',
      });
    if (r.touched !== null)
      history.push({
        at: dt(`${day(r.touched)}T12:00:00`),
        user: r.owner,
        dealId: id,
        field: 'review',
        old: '',
        new: 'confirmed',
      });
  });
  return { deals, history };
}

/** The last History date of each deal (what the archive run reads from the History tab). */
function lastActivity(history: readonly HistoryEvent[]): Map<string, LocalDate> {
  const last = new Map<string, LocalDate>();
  for (const event of history) {
    const date = dateOf(event.at);
    const seen = last.get(event.dealId);
    if (!seen || date > seen) last.set(event.dealId, date);
  }
  return last;
}

describe('archive: which deals go', () => {
  it('cuts at the first day of the month N months back, and never less than 3 months', () => {
    expect(archiveCutoff(d('2026-11-23'), 12)).toBe('2025-11-01');
    expect(archiveCutoff(d('2026-03-31'), 1)).toBe('2025-12-01');
    expect(archiveCutoff(d('2026-05-01'), 3)).toBe('2026-02-01');
  });

  it('takes Won and Lost deals closed before the cutoff, untouched since, with a sane created date', () => {
    const cutoff = d('2025-11-01');
    const won = aDeal({ stage: 'Won', closedOn: d('2025-10-31'), created: d('2025-01-01') });
    expect(isArchivable(won, settings, cutoff, null)).toBe(true);
    expect(isArchivable({ ...won, closedOn: d('2025-11-01') }, settings, cutoff, null)).toBe(false);
    expect(isArchivable({ ...won, stage: 'Negotiation' }, settings, cutoff, null)).toBe(false);
    expect(isArchivable({ ...won, id: '' }, settings, cutoff, null)).toBe(false);
    expect(isArchivable({ ...won, created: d('2025-11-02') }, settings, cutoff, null)).toBe(false);
    expect(isArchivable(won, settings, cutoff, d('2025-11-01'))).toBe(false);
    expect(isArchivable(won, settings, cutoff, d('2025-10-31'))).toBe(true);
    // No closedOn: the day it entered Lost.
    const lost = aDeal({
      stage: 'Lost',
      closedOn: null,
      stageEntered: d('2024-02-03'),
      created: null,
    });
    expect(isArchivable(lost, settings, cutoff, null)).toBe(true);
  });
});

describe('archive: metrics before == metrics after', () => {
  it('every figure of the Metrics tab is the same with the archived deals in the Summary lines', () => {
    fc.assert(
      fc.property(
        fc.array(dealArb, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 3, max: 24 }),
        fc.integer({ min: 1, max: 3 }),
        (records, months, batches) => {
          const { deals, history } = build(records);
          const cutoff = archiveCutoff(today, months);
          const last = lastActivity(history);
          const archived = deals.filter((deal) =>
            isArchivable(deal, settings, cutoff, last.get(deal.id) ?? null),
          );
          const gone = new Set(archived.map((deal) => deal.id));
          // Archived in several batches, their Summary lines added up when read.
          const lines = Array.from({ length: batches }, (_, b) => {
            const batch = archived.filter((_, i) => i % batches === b);
            const ids = new Set(batch.map((deal) => deal.id));
            return summarize(
              batch,
              history.filter((e) => ids.has(e.dealId)),
              settings,
              today,
            );
          }).flat();
          const before: MetricsInput = { deals, history, settings, today };
          const after: MetricsInput = {
            deals: deals.filter((deal) => !gone.has(deal.id)),
            history: history.filter((event) => !gone.has(event.dealId)),
            settings,
            today,
            archived: summaryOf(lines),
          };
          expect(figures(computeMetrics(after))).toEqual(figures(computeMetrics(before)));
          expect(figures(forecastAccuracy(after, []))).toEqual(
            figures(forecastAccuracy(before, [])),
          );
          expect(summaryOf(lines).deals).toBe(archived.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts archived deals in all-time figures (a sample written out)', () => {
    const old = aDeal({
      id: 'OPP-000901',
      stage: 'Won',
      amount: 5_000,
      created: d('2024-01-10'),
      closedOn: d('2024-03-10'),
      segment: 'SMB',
    });
    const kept = aDeal({
      id: 'OPP-000902',
      stage: 'Won',
      amount: 1_000,
      created: d('2026-10-01'),
      closedOn: d('2026-11-01'),
      invoiceDate: d('2026-11-02'),
      segment: 'SMB',
    });
    const summary = summaryOf(summarize([old], [], settings, today));
    const metrics = computeMetrics({
      deals: [kept],
      history: [],
      settings,
      today,
      archived: summary,
    });
    expect(metrics.averageDealSize).toMatchObject({ count: 2, total: 6_000, average: 3_000 });
    // 60 days and 31 days: median 45.5.
    expect(metrics.salesCycle.overall).toMatchObject({ count: 2, medianDays: 45.5 });
    expect(metrics.backlog).toMatchObject({ count: 1, amount: 5_000, wonAmount: 6_000 });
    expect(metrics.activity.wonDeals).toBe(2);
    expect(metrics.averageDealSize.ids).toEqual(['OPP-000902']);
  });
});
