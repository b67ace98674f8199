// My day's groups: each deal once under its most urgent reason, the others as tags, the longest wait first.

import { describe, expect, it } from 'vitest';
import { attentionGroups } from '../../src/domain/my-day';
import { aDeal, aSettings, d } from './builders';

describe('attentionGroups', () => {
  it('lists each deal once, under its most urgent reason, longest wait first', () => {
    const old = d('2026-09-01');
    const recent = d('2026-11-22');
    const deals = [
      aDeal({
        id: 'A',
        stage: 'Qualified',
        nextAction: 'a',
        nextActionDate: d('2026-11-20'),
        stageEntered: old,
      }),
      aDeal({ id: 'B', stageEntered: recent, nextAction: 'b', nextActionDate: d('2026-11-10') }),
      aDeal({
        id: 'C',
        nextAction: 'c',
        nextActionDate: d('2026-11-23'),
        closeDate: d('2026-11-20'),
      }),
      aDeal({ id: 'D', stageEntered: recent, closeDate: d('2026-11-01') }),
      aDeal({ id: 'E', stageEntered: d('2026-11-22') }),
      aDeal({ id: 'F', nextAction: 'f', nextActionDate: d('2026-12-01'), stageEntered: old }),
      aDeal({ id: 'G', stage: 'Won', closeDate: d('2026-11-01') }),
      aDeal({ id: 'H', stage: 'Qualified', stageEntered: old, closeDate: d('2027-01-01') }),
      aDeal({ id: 'I', stageEntered: recent, closeDate: d('2026-10-15') }),
    ];
    const groups = attentionGroups(deals, d('2026-11-23'), aSettings());
    const ids = (key: keyof typeof groups) =>
      groups[key].map((item) => [deals[item.index]?.id, item.tags.join(','), item.days]);
    expect(ids('overdue')).toEqual([
      ['B', '', 13],
      ['A', 'stale', 3],
    ]);
    expect(ids('dueToday')).toEqual([['C', 'closeDatePassed', 0]]);
    expect(ids('closeDatePassed')).toEqual([
      ['I', 'noNextAction', 0],
      ['D', 'noNextAction', 0],
    ]);
    expect(ids('noNextAction')).toEqual([
      ['E', '', 0],
      ['H', 'stale', 0],
    ]);
    expect(ids('stale')).toEqual([]);
    const listed = Object.values(groups)
      .flat()
      .map((item) => item.index);
    expect(new Set(listed).size).toBe(listed.length);
  });
});
