// Owners written as names cost one read of the Team tab per execution, at 100 and 50,000 deals alike.
import { beforeAll, describe, expect, it } from 'vitest';
import { bigTracker } from '../support/big-tracker';
import { rpc } from '../support/rpc';
import type { Runtime } from '../support/tracker';

/** The Team tab of bigTracker: a header and 50 sellers, 5 columns. */
const teamCells = 51 * 5;

function call(rt: Runtime, method: 'myDay' | 'reviewQueue' | 'teamView', payload: object) {
  rt.ledger.reset();
  const answer = rpc(rt, method, payload);
  if (!answer.ok) throw new Error(answer.error.message);
  return { data: answer.data, entries: rt.ledger.entries };
}

describe('owner names resolved through the Team tab', () => {
  const runtimes = new Map<string, Runtime>();
  beforeAll(async () => {
    for (const [key, size, ownerNames] of [
      ['names 100', 100, true],
      ['names 50000', 50_000, true],
      ['emails 100', 100, false],
    ] as const) {
      const rt = await bigTracker(size, { ownerNames, historyPerDeal: 0 });
      rpc(rt, 'bootstrap', {});
      runtimes.set(key, rt);
    }
  }, 300_000);
  const rt = (key: string) => runtimes.get(key) as Runtime;

  // The read does not depend on the size: My day is measured at both, the review at 100.
  for (const [method, payload, sizes] of [
    ['myDay', {}, ['names 100', 'names 50000']],
    ['reviewQueue', { mine: true }, ['names 100']],
  ] as const) {
    it(`${method} reads the Team tab once (${sizes.join(', ')}), and lists what e-mails would`, () => {
      for (const key of sizes) {
        const { entries } = call(rt(key), method, payload);
        const teamReads = entries.filter(
          (e) => e.method === 'getValues' && e.cellsRead === teamCells,
        );
        expect(teamReads, key).toHaveLength(1);
      }
      const { entries } = call(rt('emails 100'), method, payload);
      expect(entries.filter((e) => e.cellsRead === teamCells)).toEqual([]);
      expect(call(rt('names 100'), method, payload).data).toEqual(
        call(rt('emails 100'), method, payload).data,
      );
    });
  }

  it("the manager's Team view reads the Team tab once, names or not", () => {
    rt('names 100').setUser('boss@example.com');
    rt('emails 100').setUser('boss@example.com');
    const names = call(rt('names 100'), 'teamView', {});
    expect(names.entries.filter((e) => e.cellsRead === teamCells)).toHaveLength(1);
    expect(names.data).toEqual(call(rt('emails 100'), 'teamView', {}).data);
  });
});
