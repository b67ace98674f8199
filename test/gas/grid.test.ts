// Grids for setValues: padded rows, and scattered writes grouped into as few ranges as pay off.
import { describe, expect, it } from 'vitest';
import { bridgeableGap, padRows, unchanged, writeRuns } from '../../src/gas/grid';

describe('padRows', () => {
  it('makes every row as wide as the widest, or a given width', () => {
    expect(padRows([['a'], ['b', 'c']])).toEqual([
      ['a', ''],
      ['b', 'c'],
    ]);
    expect(padRows([['a', 'b', 'c']], 2)).toEqual([['a', 'b']]);
    expect(padRows<number | string>([[1]], 3, 0)).toEqual([[1, 0, 0]]);
  });
});

describe('writeRuns', () => {
  const keep = (i: number) => `v${i}`;

  it('writes adjacent cells in one run', () => {
    expect(
      writeRuns(
        [
          [3, 'a'],
          [4, 'b'],
          [5, 'c'],
        ],
        keep,
      ),
    ).toEqual([{ start: 3, values: ['a', 'b', 'c'] }]);
  });

  it('covers a short gap with the cells as they are, so two writes become one', () => {
    expect(
      writeRuns(
        [
          [0, 'a'],
          [3, 'b'],
        ],
        keep,
      ),
    ).toEqual([{ start: 0, values: ['a', 'v1', 'v2', 'b'] }]);
  });

  it('leaves a long gap alone, and never covers a cell that must not be touched', () => {
    expect(
      writeRuns(
        [
          [0, 'a'],
          [bridgeableGap + 5, 'b'],
        ],
        keep,
      ),
    ).toHaveLength(2);
    const formulaAt2 = (i: number) => (i === 2 ? null : `v${i}`);
    expect(
      writeRuns(
        [
          [0, 'a'],
          [3, 'b'],
        ],
        formulaAt2,
      ),
    ).toEqual([
      { start: 0, values: ['a'] },
      { start: 3, values: ['b'] },
    ]);
  });

  it('sorts the writes first', () => {
    expect(
      writeRuns(
        [
          [2, 'c'],
          [1, 'b'],
        ],
        keep,
      ),
    ).toEqual([{ start: 1, values: ['b', 'c'] }]);
  });
});

describe('unchanged', () => {
  it('gives back what the cell stores: risky text keeps its apostrophe, dates stay dates', () => {
    expect(unchanged('007')).toBe("'007");
    expect(unchanged('=A1')).toBe("'=A1");
    expect(unchanged('Acme')).toBe('Acme');
    expect(unchanged(12)).toBe(12);
    const date = new Date(0);
    expect(unchanged(date)).toBe(date);
    expect(unchanged(null)).toBe('');
  });
});
