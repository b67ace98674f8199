// Proves the weekly review: walking order, deals unchanged across two reviews, and the session summary.
import { describe, expect, it } from 'vitest';
import { needsDecision, reviewQueue, reviewSummary, reviewUpdate } from '../../src/domain/review';
import type { RuleContext } from '../../src/domain/stage-rules';
import { aDeal, aSettings, d, dt } from './builders';

const settings = aSettings();
const today = d('2026-11-23');

describe('the review queue', () => {
  it('walks open deals by close date, then by amount, with undated deals last', () => {
    const late = aDeal({ closeDate: d('2026-12-20'), amount: 90_000 });
    const soonSmall = aDeal({ closeDate: d('2026-11-30'), amount: 1_000 });
    const soonBig = aDeal({ closeDate: d('2026-11-30'), amount: 50_000 });
    const soonNoAmount = aDeal({ closeDate: d('2026-11-30'), amount: null });
    const undated = aDeal({ closeDate: null, amount: 1_000_000 });
    const won = aDeal({ stage: 'Won', closeDate: d('2026-11-01') });
    const lost = aDeal({ stage: 'Lost', closeDate: d('2026-11-01') });
    const queue = reviewQueue(
      [undated, late, won, soonSmall, lost, soonNoAmount, soonBig],
      settings,
    );
    expect(queue.map((deal) => deal.id)).toEqual([
      soonBig.id,
      soonSmall.id,
      soonNoAmount.id,
      late.id,
      undated.id,
    ]);
  });

  it('orders ties by ID and is empty for an empty sheet', () => {
    const b = aDeal({ id: 'OPP-B', closeDate: null, amount: 5 });
    const a = aDeal({ id: 'OPP-A', closeDate: null, amount: 5 });
    const c = aDeal({ id: 'OPP-C', closeDate: null, amount: 5 });
    expect(reviewQueue([b, c, a, b], settings).map((deal) => deal.id)).toEqual([
      'OPP-A',
      'OPP-B',
      'OPP-B',
      'OPP-C',
    ]);
    expect(reviewQueue([], settings)).toEqual([]);
  });
});

describe('flagged for a decision: unchanged across two weekly reviews', () => {
  const weekly = { weekStartsOn: 1 };
  const reviewed = (lastReviewed: string, updated: string | null) =>
    aDeal({ lastReviewed: d(lastReviewed), updated: updated === null ? null : dt(updated) });

  it('flags a deal reviewed in an earlier week and not changed since', () => {
    expect(needsDecision(reviewed('2026-11-16', '2026-11-16T10:00:00'), today, weekly)).toBe(true);
  });

  it('does not flag two reviews in the same week, minutes or days apart', () => {
    expect(needsDecision(reviewed('2026-11-23', '2026-11-23T10:00:00'), today, weekly)).toBe(false);
    // Monday and Sunday of the same week.
    expect(needsDecision(reviewed('2026-11-23', null), d('2026-11-29'), weekly)).toBe(false);
  });

  it('does not flag a deal changed after its last review, nor one never reviewed', () => {
    expect(needsDecision(reviewed('2026-11-16', '2026-11-18T09:00:00'), today, weekly)).toBe(false);
    expect(needsDecision(aDeal({ lastReviewed: null }), today, weekly)).toBe(false);
  });

  it('tells weeks apart at the boundary the settings give', () => {
    const sunday = reviewed('2026-11-22', '2026-11-22T18:00:00');
    expect(needsDecision(sunday, today, weekly)).toBe(true);
    expect(needsDecision(sunday, today, { weekStartsOn: 7 })).toBe(false);
  });
});

describe('a deal reviewed', () => {
  const context: RuleContext = {
    settings,
    today,
    now: dt('2026-11-23T10:00:00'),
    user: 'ana@example.com',
  };
  const keep = (deal: ReturnType<typeof aDeal>) => ({
    nextAction: deal.nextAction,
    nextActionDate: deal.nextActionDate,
    nextActionGoal: deal.nextActionGoal,
    closeDate: deal.closeDate,
  });

  it('refuses to confirm a close date that has passed, naming the field', () => {
    const deal = aDeal({ closeDate: d('2026-11-20') });
    expect(reviewUpdate(deal, keep(deal), context)).toMatchObject({
      ok: false,
      error: { code: 'pastDate', params: { field: 'closeDate', date: '2026-11-20' } },
    });
  });

  it('accepts a passed close date the seller explicitly keeps, or a new one', () => {
    const deal = aDeal({ closeDate: d('2026-11-20') });
    expect(reviewUpdate(deal, keep(deal), { ...context, confirmPast: true }).ok).toBe(true);
    const moved = reviewUpdate(deal, { ...keep(deal), closeDate: d('2026-12-15') }, context);
    expect(moved).toMatchObject({ ok: true, value: { changed: ['closeDate'] } });
  });

  it('lets a close date of today or later through without asking', () => {
    const deal = aDeal({ closeDate: today });
    expect(reviewUpdate(deal, keep(deal), context)).toMatchObject({
      ok: true,
      value: { changed: [] },
    });
  });

  it('applies the field rules too: a next-action date needs what to do', () => {
    const deal = aDeal();
    const result = reviewUpdate(deal, { ...keep(deal), nextActionDate: d('2026-11-30') }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'nextActionRequired' } });
  });
});

describe('the review summary', () => {
  it('counts confirmed, updated, moved, lost and flagged deals, and the amount reviewed', () => {
    const confirmed = aDeal({ stage: 'Proposal', amount: 1_000 });
    const updated = aDeal({ stage: 'Proposal', amount: 2_000 });
    const moved = aDeal({ stage: 'Qualified', amount: 3_000 });
    const won = aDeal({ stage: 'Negotiation', amount: 4_000 });
    const lost = aDeal({ stage: 'Proposal', amount: 5_000 });
    const untouched = aDeal({ stage: 'New', amount: 100_000 });
    const before = [confirmed, updated, moved, won, lost, untouched];
    const after = [
      { ...confirmed, lastReviewed: today, updated: dt('2026-11-23T10:00:00') },
      { ...updated, nextActionDate: d('2026-11-27'), lastReviewed: today },
      { ...moved, stage: 'Proposal', lastReviewed: today },
      { ...won, stage: 'Won', closedOn: today },
      { ...lost, stage: 'Lost', lostReason: 'Price', amount: null },
      untouched,
    ];
    const reviewed = [confirmed.id, updated.id, moved.id, won.id, lost.id];
    const summary = reviewSummary(before, after, reviewed, [confirmed.id, untouched.id], settings);
    expect(summary).toMatchObject({
      confirmed: 1,
      updated: 1,
      moved: 2,
      lost: 1,
      flagged: 1,
      totalAmount: 10_000,
    });
    expect(summary.ids).toEqual({
      confirmed: [confirmed.id],
      updated: [updated.id],
      moved: [moved.id, won.id],
      lost: [lost.id],
      flagged: [confirmed.id],
    });
  });

  it('counts a deal new since the start as updated and skips one deleted meanwhile', () => {
    const fresh = aDeal({ amount: 700 });
    const gone = aDeal();
    const summary = reviewSummary(
      [gone],
      [fresh],
      [fresh.id, gone.id, fresh.id],
      [gone.id],
      settings,
    );
    expect(summary).toMatchObject({ updated: 1, flagged: 0, totalAmount: 700 });
  });

  it('is all zeros for an empty review', () => {
    expect(reviewSummary([], [], [], [], settings)).toMatchObject({
      confirmed: 0,
      updated: 0,
      moved: 0,
      lost: 0,
      flagged: 0,
      totalAmount: 0,
    });
  });

  it("counts a deal as updated by a seller's field, not by what the add-on stamps or computes", () => {
    const stamped = aDeal({ score: 40, stars: 1, closePushes: 0 });
    const pushed = aDeal();
    const after = [
      {
        ...stamped,
        score: 80,
        stars: 3,
        closePushes: 1,
        lastReviewed: today,
        updated: dt('2026-11-23T10:00:00'),
      },
      { ...pushed, closeDate: d('2027-01-15'), score: 80, lastReviewed: today },
    ];
    const summary = reviewSummary([stamped, pushed], after, [stamped.id, pushed.id], [], settings);
    expect(summary.ids).toMatchObject({ confirmed: [stamped.id], updated: [pushed.id] });
  });
});
