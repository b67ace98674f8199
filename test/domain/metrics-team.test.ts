// Proves the team view's figures per owner against hand-counted rows, who manages whom, and its invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openPipelineByStage } from '../../src/domain/metrics';
import { isManager, ownerFigures, reportsOf, teamTotal } from '../../src/domain/metrics-team';
import { aDeal, aSettings, aTeamMember, d } from './builders';

const today = d('2026-11-23');
const settings = aSettings();
const team = [
  aTeamMember({ email: 'ana@example.com', name: 'Ana', quota: 100_000 }),
  aTeamMember({ email: 'luis@example.com', name: 'Luis', quota: 50_000 }),
  aTeamMember({ email: 'marta@example.com', name: 'Marta', managerEmail: '' }),
];

describe('figures per owner', () => {
  const ana = (overrides: Parameters<typeof aDeal>[0]) =>
    aDeal({ owner: 'ana@example.com', ...overrides });
  const deals = [
    // Ana: open Proposal 40,000 closing this quarter, next action overdue.
    ana({
      stage: 'Proposal',
      amount: 40_000,
      closeDate: d('2026-12-10'),
      nextActionDate: d('2026-11-20'),
      stageEntered: d('2026-11-20'),
    }),
    // Ana: open New 20,000 closing next quarter, no next action, in New since 2026-11-01 (stale red).
    ana({ stage: 'New', amount: 20_000, closeDate: d('2027-02-01') }),
    // Ana: won 30,000 this quarter.
    ana({ stage: 'Won', amount: 30_000, closedOn: d('2026-10-15') }),
    // Luis: open Negotiation 10,000, close date pushed 3 times, next action next week.
    aDeal({
      owner: 'LUIS@example.com',
      stage: 'Negotiation',
      amount: 10_000,
      closePushes: 3,
      nextActionDate: d('2026-11-30'),
    }),
    // Someone not in the Team tab, and a deal without an owner.
    aDeal({
      owner: 'zoe@example.com',
      stage: 'Qualified',
      amount: 5_000,
      nextActionDate: d('2026-11-24'),
    }),
    aDeal({ owner: '', stage: 'Qualified', amount: 1_000, nextActionDate: d('2026-11-24') }),
  ];

  it('sums each owner pipeline, weighted amount and coverage of their quota', () => {
    const lines = ownerFigures({ deals, settings, today, team });
    expect(lines.map((l) => l.owner)).toEqual([
      'ana@example.com',
      'luis@example.com',
      'marta@example.com',
      'zoe@example.com',
      '',
    ]);
    const [a, l, m] = lines;
    // Ana: open 40,000 + 20,000; weighted 40,000 x 60 % + 20,000 x 10 % = 26,000.
    // Quota 100,000 - won 30,000 = 70,000 to go; pipeline closing by 2026-12-31 = 40,000: 40/70.
    expect(a).toMatchObject({
      openCount: 2,
      openAmount: 60_000,
      weighted: 26_000,
      quota: 100_000,
      wonQuarter: 30_000,
      pipelineQuarter: 40_000,
      remainingQuota: 70_000,
      coverage: 40_000 / 70_000,
    });
    expect(a?.overdueIds).toEqual([deals[0]?.id]);
    expect(a?.noNextActionIds).toEqual([deals[1]?.id]);
    expect(a?.staleIds).toEqual([deals[1]?.id]);
    expect(a?.attentionIds).toEqual([deals[0]?.id, deals[1]?.id]);
    // Luis: 10,000 x 80 %; closing 2026-12-31 (the builder's date) against 50,000.
    expect(l).toMatchObject({
      openCount: 1,
      weighted: 8_000,
      coverage: 0.2,
      slippingIds: [deals[3]?.id],
    });
    expect(m).toMatchObject({ openCount: 0, quota: null, coverage: null, attentionIds: [] });
  });

  it('adds the lines up into the team total, coverage against the summed quotas', () => {
    const total = teamTotal(ownerFigures({ deals, settings, today, team }));
    expect(total).toMatchObject({
      openCount: 5,
      openAmount: 76_000,
      quota: 150_000,
      wonQuarter: 30_000,
    });
    // Owners with a quota: pipeline 40,000 + 10,000 against 150,000 - 30,000.
    expect(total.coverage).toBeCloseTo(50_000 / 120_000);
  });

  it('counts every open deal in exactly one line (property)', () => {
    const owners = ['ana@example.com', 'luis@example.com', 'zoe@example.com', ''];
    const deal = fc
      .record({
        owner: fc.constantFrom(...owners),
        stage: fc.constantFrom('New', 'Proposal', 'Won', 'Lost', 'Pending'),
        amount: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: null }),
      })
      .map((fields) => aDeal(fields));
    fc.assert(
      fc.property(fc.array(deal, { maxLength: 25 }), (list) => {
        const lines = ownerFigures({ deals: list, settings, today, team });
        const counted = lines.flatMap((line) => line.openIds).sort();
        const pipeline = openPipelineByStage({ deals: list, history: [], settings, today });
        expect(counted).toEqual(pipeline.stages.flatMap((s) => s.ids).sort());
        expect(teamTotal(lines).openAmount).toBeCloseTo(pipeline.total.amount);
        for (const line of lines) expect(line.weighted).toBeLessThanOrEqual(line.openAmount);
      }),
    );
  });
});

describe('who manages whom', () => {
  it('finds direct and indirect reports, and managers by the Team tab', () => {
    const org = [
      aTeamMember({ email: 'ana@example.com', managerEmail: 'marta@example.com' }),
      aTeamMember({ email: 'marta@example.com', managerEmail: 'boss@example.com' }),
      aTeamMember({ email: 'luis@example.com', managerEmail: 'boss@example.com' }),
      aTeamMember({ email: 'loop@example.com', managerEmail: 'loop@example.com' }),
    ];
    expect(reportsOf(org, 'Boss@example.com')).toEqual([
      'marta@example.com',
      'luis@example.com',
      'ana@example.com',
    ]);
    expect(reportsOf(org, 'ana@example.com')).toEqual([]);
    expect(isManager(org, 'marta@example.com')).toBe(true);
    expect(isManager(org, 'luis@example.com')).toBe(false);
    expect(reportsOf(org, 'loop@example.com')).toEqual([]);
  });
});
