// Proves the weekly snapshot: one per ISO week, written and read back as the tab holds it, and what it tells later.
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/domain/metrics';
import {
  forecastAccuracy,
  isoWeekKey,
  type Snapshot,
  snapshotDue,
  snapshotHeader,
  snapshotsFromRows,
  snapshotToRow,
  snapshotTrend,
  takeSnapshot,
} from '../../src/domain/metrics-snapshots';
import { ownerFigures } from '../../src/domain/metrics-team';
import { cellDate } from '../../src/domain/model';
import { aDeal, aSettings, aTeamMember, d } from './builders';

const settings = aSettings();

function aSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    week: '2026-W45',
    weekStart: d('2026-11-02'),
    takenOn: d('2026-11-03'),
    takenAt: '08:05',
    takenBy: 'marta@example.com',
    openCount: 4,
    openAmount: 100_000,
    weighted: 40_000,
    forecastMonth: '2026-11',
    forecast: 20_000,
    wonQtdCount: 1,
    wonQtdAmount: 5_000,
    lostQtdCount: 2,
    lostQtdAmount: 7_500.5,
    winRate: 1 / 3,
    coverage: null,
    slipping: 1,
    stale: 2,
    stages: [
      { stage: 'New', count: 3 },
      { stage: 'Proposal', count: 1 },
    ],
    owners: [
      { owner: 'ana@example.com', openAmount: 60_000, weighted: 25_000, forecast: 12_000 },
      { owner: '', openAmount: 40_000, weighted: 15_000, forecast: 8_000 },
    ],
    row: null,
    ...overrides,
  };
}

describe('ISO weeks', () => {
  it('keys a snapshot by its ISO week, across the year end', () => {
    expect(isoWeekKey(d('2026-11-23'))).toBe('2026-W48');
    expect(isoWeekKey(d('2026-12-31'))).toBe('2026-W53');
    expect(isoWeekKey(d('2027-01-03'))).toBe('2026-W53');
    expect(isoWeekKey(d('2027-01-04'))).toBe('2027-W01');
  });

  it('is due once per ISO week: never twice for a week', () => {
    expect(snapshotDue([], d('2026-11-23'))).toBe(true);
    expect(snapshotDue(['2026-W47', '2026-W48'], d('2026-11-29'))).toBe(false);
    expect(snapshotDue(['2026-W48'], d('2026-11-30'))).toBe(true);
  });
});

describe('taking a snapshot', () => {
  it('records the pipeline, the month forecast and each owner, as the refresh computed them', () => {
    const today = d('2026-11-26');
    const deals = [
      aDeal({
        owner: 'ana@example.com',
        stage: 'Proposal',
        amount: 10_000,
        closeDate: d('2026-11-30'),
      }),
      aDeal({ owner: 'ana@example.com', stage: 'New', amount: 5_000, closeDate: d('2026-10-01') }),
      aDeal({ owner: 'luis@example.com', stage: 'New', amount: 8_000, closeDate: d('2027-01-15') }),
      aDeal({ stage: 'Won', closedOn: d('2026-10-05'), amount: 7_000 }),
      aDeal({ stage: 'Lost', closedOn: d('2026-11-05'), amount: 3_000 }),
    ];
    const input = { deals, history: [], settings, today };
    const team = [
      aTeamMember({ email: 'ana@example.com' }),
      aTeamMember({ email: 'luis@example.com' }),
    ];
    const snapshot = takeSnapshot(input, computeMetrics(input), ownerFigures({ ...input, team }));
    // Forecast for November: 10,000 x 60 % + the overdue 5,000 x 10 % = 6,500.
    expect(snapshot).toMatchObject({
      week: '2026-W48',
      weekStart: '2026-11-23',
      takenOn: today,
      openCount: 3,
      openAmount: 23_000,
      weighted: 6_000 + 500 + 800,
      forecastMonth: '2026-11',
      forecast: 6_500,
      wonQtdCount: 1,
      wonQtdAmount: 7_000,
      lostQtdCount: 1,
      lostQtdAmount: 3_000,
      winRate: 0.5,
    });
    expect(snapshot.owners).toEqual([
      { owner: 'ana@example.com', openAmount: 15_000, weighted: 6_500, forecast: 6_500 },
      { owner: 'luis@example.com', openAmount: 8_000, weighted: 800, forecast: 0 },
    ]);
    expect(snapshot.stages.map((s) => s.count)).toEqual([2, 0, 1, 0]);
  });

  it.each(['en', 'es'] as const)(
    'reads back the row it wrote, with dates as the sheet returns them (%s)',
    (language) => {
      const written = aSnapshot();
      const row = snapshotToRow(written);
      // The shell writes dates as text; the sheet hands them back as date cells.
      const stored = row.map((cell, i) => (i === 1 || i === 2 ? cellDate(d(String(cell))) : cell));
      const [read] = snapshotsFromRows([snapshotHeader(language), stored], 1);
      expect(read).toEqual({ ...written, row: 2 });
    },
  );

  it('skips rows without a week, and reads columns in any order', () => {
    const header = snapshotHeader('en');
    const row = snapshotToRow(aSnapshot());
    const reversed = [[...header].reverse(), [...row].reverse(), ['note', 'by hand']];
    expect(snapshotsFromRows(reversed)).toHaveLength(1);
  });
});

describe('what the snapshots tell later', () => {
  it('keeps the last 12 weeks, oldest first', () => {
    const weeks = Array.from({ length: 15 }, (_, i) =>
      aSnapshot({ week: `2026-W${String(30 + i)}` }),
    );
    const trend = snapshotTrend([...weeks].reverse());
    expect(trend.map((s) => s.week)).toEqual(weeks.slice(3).map((s) => s.week));
  });

  it('compares the forecast at the start of each past month with what was won, per owner and in total', () => {
    const today = d('2026-12-10');
    const deals = [
      aDeal({ owner: 'ana@example.com', stage: 'Won', closedOn: d('2026-11-10'), amount: 9_000 }),
      aDeal({ owner: 'luis@example.com', stage: 'Won', closedOn: d('2026-11-28'), amount: 6_000 }),
      aDeal({ owner: 'ana@example.com', stage: 'Won', closedOn: d('2026-12-01'), amount: 1_000 }),
      aDeal({ owner: 'ana@example.com', stage: 'Lost', closedOn: d('2026-11-12'), amount: 50_000 }),
    ];
    const snapshots = [
      // Too late in October to say what October's forecast was at its start.
      aSnapshot({ week: '2026-W42', takenOn: d('2026-10-12'), forecastMonth: '2026-10', row: 5 }),
      aSnapshot({ week: '2026-W45', takenOn: d('2026-11-03'), row: 7 }),
      aSnapshot({ week: '2026-W46', takenOn: d('2026-11-05'), forecast: 1, row: 8 }),
    ];
    const months = forecastAccuracy({ deals, settings, today }, snapshots);
    expect(months.map((m) => m.month)).toEqual([
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    const november = months[5];
    // Forecast 20,000 (the first snapshot in November's first 7 days); won 9,000 + 6,000.
    expect(november?.snapshot).toEqual({ week: '2026-W45', takenOn: '2026-11-03', row: 7 });
    expect(november?.total).toMatchObject({ forecast: 20_000, won: 15_000, ratio: 0.75 });
    expect(november?.owners).toEqual([
      { owner: '', forecast: 8_000, won: 0, ratio: 0, wonIds: [] },
      {
        owner: 'ana@example.com',
        forecast: 12_000,
        won: 9_000,
        ratio: 0.75,
        wonIds: [deals[0]?.id],
      },
      { owner: 'luis@example.com', forecast: 0, won: 6_000, ratio: null, wonIds: [deals[1]?.id] },
    ]);
    expect(months[4]).toMatchObject({ snapshot: null, total: { forecast: null, ratio: null } });
  });
});
