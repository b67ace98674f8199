// npm run bench compares the add-on with a baseline that does the same work: the same cells, History lines and lists.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBaselineConstants, differences } from '../../scripts/bench/fairness';
import { operations } from '../../scripts/bench/operations';
import { baselineDists } from '../../scripts/bench/scenarios';
import { measureSize, newOutcomes, unfair } from '../../scripts/bench/suite';
import { projectRoot } from '../../scripts/build';

describe("the bench's fair baseline", () => {
  it("types in the add-on's own columns, choices, Settings tab and History header", async () => {
    expect(await checkBaselineConstants()).toEqual([]);
  });

  it('sees a difference where there is one', () => {
    expect(differences({ row: ['New', 10] }, { row: ['New', 30] })).toEqual([
      '.row[1]: add-on 10 / baseline 30',
    ]);
  });

  it('changes the same cells, appends the same History lines and lists the same deals as the add-on, at 100 deals', async () => {
    const dists = await baselineDists(
      path.join(projectRoot, 'dist'),
      path.join(projectRoot, 'test-artifacts', 'bench-test'),
    );
    const outcomes = newOutcomes();
    const results = await measureSize(100, dists, outcomes, ['addon', 'fair']);
    expect(results).toHaveLength(2 * operations.length);
    expect([...outcomes.byOperation.keys()].sort()).toEqual(
      operations.map((op) => `${op.key}@100`).sort(),
    );
    expect(unfair(outcomes)).toEqual([]);
  }, 120_000);
});
