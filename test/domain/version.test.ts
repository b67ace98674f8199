// Row version rules: any change a user can make changes the version; the add-on's own timestamp does not.
import { describe, expect, it } from 'vitest';
import { fieldKeys } from '../../src/domain/fields';
import { dealVersion, diffDeals } from '../../src/domain/version';
import { aDeal, d, dt } from './builders';

describe('dealVersion', () => {
  it('is the same for equal deals and short', () => {
    const deal = aDeal({ id: 'OPP-000001' });
    expect(dealVersion({ ...deal })).toBe(dealVersion(deal));
    expect(dealVersion(deal)).toMatch(/^[0-9a-z]{1,11}$/);
  });

  it('changes when any field but the update stamp changes', () => {
    const deal = aDeal({ id: 'OPP-000001' });
    const changes = {
      closeDate: d('2027-01-01'),
      amount: 10_001,
      name: `${deal.name} `,
      decisionMakerMet: true,
      probability: 0,
      nextActionDate: d('2026-11-02'),
    };
    for (const [key, value] of Object.entries(changes)) {
      expect(dealVersion({ ...deal, [key]: value }), key).not.toBe(dealVersion(deal));
    }
    expect(dealVersion({ ...deal, updated: dt('2026-11-02T10:00:00') })).toBe(dealVersion(deal));
  });

  it('tells an empty amount from zero', () => {
    expect(dealVersion(aDeal({ id: 'X', amount: null }))).not.toBe(
      dealVersion(aDeal({ id: 'X', amount: 0 })),
    );
  });
});

describe('diffDeals', () => {
  it('lists the fields that differ, in catalog order', () => {
    const before = aDeal();
    const after = { ...before, stage: 'Won', amount: 5, updated: dt('2026-11-02T10:00:00') };
    expect(diffDeals(before, after)).toEqual(['stage', 'amount', 'updated']);
    expect(diffDeals(before, { ...before })).toEqual([]);
    expect(fieldKeys.indexOf('stage')).toBeLessThan(fieldKeys.indexOf('amount'));
  });
});
