// Proves the weekly review: walking order, deals unchanged across two reviews, and the session summary.
import { describe, expect, it } from 'vitest';
import {
  changedFields,
  reviewQueue,
  reviewSummary,
  unchangedAcrossReviews,
} from '../../src/domain/review';
import { aDeal, anEvent, aSettings, d, dt } from './builders';

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

describe('unchanged across two reviews', () => {
  const deal = aDeal({ id: 'OPP-7' });
  const review = (at: string) => anEvent({ dealId: 'OPP-7', field: 'review', at: dt(at) });
  const change = (at: string, field: 'nextActionDate' | 'interaction' = 'nextActionDate') =>
    anEvent({ dealId: 'OPP-7', field, at: dt(at), old: '', new: '2026-12-01' });

  it('flags a deal with two reviews in a row and nothing else', () => {
    const history = [review('2026-11-09T10:00:00'), review('2026-11-16T10:00:00')];
    expect(unchangedAcrossReviews(deal, history, today)).toBe(true);
  });

  it('does not flag a deal changed between the two reviews', () => {
    const history = [
      review('2026-11-09T10:00:00'),
      change('2026-11-12T09:00:00', 'interaction'),
      review('2026-11-16T10:00:00'),
    ];
    expect(unchangedAcrossReviews(deal, history, today)).toBe(false);
  });

  it('does not flag a deal changed since the last review', () => {
    const history = [
      review('2026-11-09T10:00:00'),
      review('2026-11-16T10:00:00'),
      change('2026-11-16T10:05:00'),
    ];
    expect(unchangedAcrossReviews(deal, history, today)).toBe(false);
  });

  it('needs two reviews: one is not enough', () => {
    expect(unchangedAcrossReviews(deal, [review('2026-11-16T10:00:00')], today)).toBe(false);
    expect(unchangedAcrossReviews(deal, [], today)).toBe(false);
  });

  it('looks only at the last two reviews: older changes do not matter', () => {
    const history = [
      change('2026-10-20T09:00:00'),
      review('2026-11-02T10:00:00'),
      change('2026-11-03T09:00:00'),
      review('2026-11-09T10:00:00'),
      review('2026-11-16T10:00:00'),
    ];
    expect(unchangedAcrossReviews(deal, history, today)).toBe(true);
  });

  it('counts a change stamped with the earlier review itself as part of that review', () => {
    const history = [
      change('2026-11-09T10:00:00'),
      review('2026-11-09T10:00:00'),
      review('2026-11-16T10:00:00'),
    ];
    expect(unchangedAcrossReviews(deal, history, today)).toBe(true);
  });

  it('ignores other deals and events after today, and reads History in any order', () => {
    const history = [
      review('2026-11-16T10:00:00'),
      anEvent({ dealId: 'OPP-8', field: 'stage', at: dt('2026-11-18T10:00:00') }),
      review('2026-11-09T10:00:00'),
      change('2026-11-24T09:00:00'),
      review('2026-11-30T10:00:00'),
    ];
    expect(unchangedAcrossReviews(deal, history, today)).toBe(true);
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

  it('lists the seller-facing fields that changed, not the bookkeeping ones', () => {
    const was = aDeal();
    const now = { ...was, closeDate: d('2027-01-15'), score: 80, lastReviewed: today };
    expect(changedFields(was, now)).toEqual(['closeDate']);
  });
});
